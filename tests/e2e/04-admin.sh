# 04-admin.sh: brands, departments and operators, through the real pages.
. "$(dirname "$0")/lib.sh"

sign_in a admin "$(demo_pw admin)"

# --- brands
TOKEN_PAGE=/admin/brands post a /admin/brands "name=Acme 客服 😀"
ok "brand created" status_is 303
bid=$(loc_id)
ok "redirect to the new brand" test -n "$bid"
get a "/admin/brands/$bid"
ok "brand page shows the name" has "Acme 客服 😀"
ok "flash message shown once" has "created. Add its departments"
get a "/admin/brands/$bid"
ok "flash gone on the next page" test "$(grep -c 'created. Add its' <<<"$BODY")" = 0
ok "stored as utf8mb4" test "$(sqlq "SELECT name FROM brands WHERE id = $bid")" = "Acme 客服 😀"

TOKEN_PAGE=/admin/brands post a /admin/brands "name=Acme 客服 😀"
ok "duplicate brand refused" status_is 409
ok "…beside the field" has "A brand with this name already exists."
ok "…keeping what was typed" has 'value="Acme 客服 😀"'

TOKEN_PAGE=/admin/brands post a /admin/brands "name="
ok "empty brand name refused" status_is 422
ok "…saying it is required" has "Brand name is required."

long=$(printf 'x%.0s' $(seq 1 101))
TOKEN_PAGE=/admin/brands post a /admin/brands "name=$long"
ok "101-character name refused" status_is 422
ok "…with the limit" has "Use at most 100 characters."

TOKEN_PAGE=/admin/brands post a /admin/brands 'name=<script>alert(1)</script>"&'
ok "hostile name stored" status_is 303
hid=$(loc_id)
get a /admin/brands
ok "hostile name escaped in the list" has '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'
ok "…never raw" test "$(grep -c '<script>alert' <<<"$BODY")" = 0

TOKEN_PAGE="/admin/brands/$bid" post a "/admin/brands/$bid" "name=Acme Renamed"
ok "brand renamed" status_is 303
ok "rename stored" test "$(sqlq "SELECT name FROM brands WHERE id = $bid")" = "Acme Renamed"

# --- departments
TOKEN_PAGE="/admin/brands/$bid" post a "/admin/brands/$bid/departments" "dept_name=Sales"
ok "department created" status_is 303
did=$(sqlq "SELECT id FROM departments WHERE brand_id = $bid AND name = 'Sales'")
ok "department stored" test -n "$did"
TOKEN_PAGE="/admin/brands/$bid" post a "/admin/brands/$bid/departments" "dept_name=Sales"
ok "duplicate department refused" status_is 422
ok "…beside the field" has "already has a department with this name"

TOKEN_PAGE="/admin/brands/$bid" post a "/admin/brands/$bid/delete"
ok "brand with departments cannot be deleted" status_is 409
ok "…and the page says why" has "cannot be deleted while it has 1 department"
ok "brand still there" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE id = $bid")" = 1

TOKEN_PAGE="/admin/departments/$did" post a "/admin/departments/$did" "name=Sales EMEA"
ok "department renamed" status_is 303
ok "rename stored" test "$(sqlq "SELECT name FROM departments WHERE id = $did")" = "Sales EMEA"

# --- operators
TOKEN_PAGE=/admin/operators/new post a /admin/operators "login=carol" "name=Carol 陈" \
	"role=operator" "password=carol-password-1" "dept=$did"
ok "operator created" status_is 303
cid=$(sqlq "SELECT id FROM users WHERE login = 'carol'")
ok "operator stored with department" test "$(sqlq "SELECT COUNT(*) FROM department_members WHERE user_id = $cid AND department_id = $did")" = 1
ok "password stored as PBKDF2" test "$(sqlq "SELECT LEFT(pw_hash, 21) FROM users WHERE id = $cid")" = 'pbkdf2-sha256$600000$'

TOKEN_PAGE=/admin/operators/new post a /admin/operators "login=carol" "name=Other" \
	"role=operator" "password=carol-password-1"
ok "taken sign-in name refused" status_is 409
ok "…beside the field" has "This sign-in name is already taken."

TOKEN_PAGE=/admin/operators/new post a /admin/operators "login=Bad Name" "name=" \
	"role=root" "password=short"
ok "invalid operator refused" status_is 422
ok "login error shown" has "Use lowercase letters, digits"
ok "name error shown" has "Name is required."
ok "role error shown" has "Choose operator, supervisor or admin."
ok "password error shown" has "Use at least 10 characters."
ok "typed login kept" has 'value="Bad Name"'

get a /admin/operators
ok "operators list" status_is 200
ok "lists Carol with her department" has "Sales EMEA"

get a "/admin/departments/$did"
ok "department page lists its operators" has "Carol 陈"

sign_in c carol "carol-password-1"
ok "new operator signs in" location_is /console/

# members: remove Carol, add her back
TOKEN_PAGE="/admin/departments/$did" post a "/admin/departments/$did/members" "action=remove" "user_id=$cid"
ok "member removed" test "$(sqlq "SELECT COUNT(*) FROM department_members WHERE user_id = $cid")" = 0
TOKEN_PAGE="/admin/departments/$did" post a "/admin/departments/$did/members" "action=add" "user_id=$cid"
ok "member added" test "$(sqlq "SELECT COUNT(*) FROM department_members WHERE user_id = $cid")" = 1

# edit: role and name
TOKEN_PAGE="/admin/operators/$cid" post a "/admin/operators/$cid" "name=Carol Chen" "role=supervisor" "dept=$did"
ok "operator edited" status_is 303
ok "role stored" test "$(sqlq "SELECT role FROM users WHERE id = $cid")" = supervisor

# reset password signs Carol out everywhere
TOKEN_PAGE="/admin/operators/$cid" post a "/admin/operators/$cid/password" "password=carol-password-2"
ok "password reset" status_is 303
get c /console/
ok "Carol was signed out" status_is 303
sign_in c carol "carol-password-2"
ok "new password works" status_is 303

# disable
TOKEN_PAGE="/admin/operators/$cid" post a "/admin/operators/$cid/disable" "disabled=1"
ok "operator disabled" status_is 303
get c /console/
ok "disabled operator is signed out" status_is 303
sign_in c carol "carol-password-2"
ok "disabled operator cannot sign in" status_is 403
TOKEN_PAGE="/admin/operators/$cid" post a "/admin/operators/$cid/disable" "disabled=0"
sign_in c carol "carol-password-2"
ok "enabled again: signs in" status_is 303

# the last administrator stays
aid=$(sqlq "SELECT id FROM users WHERE login = 'admin'")
TOKEN_PAGE="/admin/operators/$aid" post a "/admin/operators/$aid/disable" "disabled=1"
ok "cannot disable yourself" status_is 409
TOKEN_PAGE="/admin/operators/$aid" post a "/admin/operators/$aid" "name=Demo Admin" "role=operator"
ok "cannot demote the only admin" status_is 409
ok "…saying why" has "only enabled administrator"

# delete department, then the brand
TOKEN_PAGE="/admin/departments/$did" post a "/admin/departments/$did/delete"
ok "department deleted" status_is 303
ok "memberships went with it" test "$(sqlq "SELECT COUNT(*) FROM department_members WHERE department_id = $did")" = 0
TOKEN_PAGE="/admin/brands/$bid" post a "/admin/brands/$bid/delete"
ok "empty brand deleted" status_is 303
ok "brand gone" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE id = $bid")" = 0
get a "/admin/brands/$bid"
ok "deleted brand is 404" status_is 404
TOKEN_PAGE="/admin/brands" post a "/admin/brands/$hid/delete"

get a /admin/operators/999999
ok "unknown operator is 404" status_is 404
done_tests
