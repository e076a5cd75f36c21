# 03-roles.sh: every admin route refuses operators and supervisors (403),
# read from the route table so a new route is covered without editing this.
. "$(dirname "$0")/lib.sh"

echo "super-password-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user sup "Sue Pervisor" supervisor >/dev/null
sign_in op operator "$(demo_pw operator)"
sign_in sup sup "super-password-1"

routes=$(sed -n 's/.*{ "\(GET\|POST\)", *"\([^"]*\)", *\(0\|R_JSON\), ADMIN,.*/\1 \2/p' \
	"$WXDESK_ROOT/cgi-bin/admin.c")
n=$(wc -l <<<"$routes")
ok "found the admin routes ($n)" test "$n" -ge 15

for who in op sup; do
	while read -r method path; do
		path=${path//\{id\}/1}
		if [ "$method" = GET ]; then
			get "$who" "$path"
		else
			TOKEN_PAGE=/console/ post "$who" "$path" "name=x"
		fi
		ok "$who: $method $path is 403" status_is 403
		ok "$who: $method $path explains" has "This page is for admins only"
	done <<<"$routes"
done

# and nothing was changed by those POSTs
ok "no brand was renamed to x" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name = 'x'")" = 0

# a signed-out POST to an admin route changes nothing either
rm -f "$JARS/anon"
TOKEN_PAGE=/login post anon /admin/brands "name=sneaky"
ok "signed-out POST refused" status_is 403
ok "no brand created" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name = 'sneaky'")" = 0

# an admin's POST with another session's token is refused
sign_in adm admin "$(demo_pw admin)"
get op /console/
optok=$(csrf)
req adm POST /admin/brands --data-urlencode "csrf=$optok" --data-urlencode "name=crossed"
ok "a token from another session is refused" status_is 403
ok "no brand created with it" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name = 'crossed'")" = 0
done_tests
