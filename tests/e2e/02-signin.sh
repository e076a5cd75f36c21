# 02-signin.sh: sign-in, sessions, sign-out, slow-down and lock-out.
. "$(dirname "$0")/lib.sh"

APW=$(demo_pw admin)
OPW=$(demo_pw operator)

sign_in a1 admin "wrong password"
ok "wrong password is refused" status_is 401
ok "…with a message" has "The sign-in name or password is wrong."
ok "…keeping the typed name" has 'value="admin"'
ok "…never echoing the password" test "$(grep -c 'wrong password' <<<"$BODY")" = 0

sign_in a1 nobody "whatever123"
ok "unknown user gets the same message" has "The sign-in name or password is wrong."

sign_in a1 admin "$APW"
ok "admin signs in" status_is 303
ok "admin lands on administration" location_is /admin/
ok "session cookie is HttpOnly, SameSite=Lax" hdr "set-cookie: wxsid=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Lax"
sid1=$(awk '$6 == "wxsid" { print $7 }' "$JARS/a1")
get a1 /admin/
ok "admin home" status_is 200
ok "shows who is signed in" has "Demo Admin"
ok "session stored as a hash, not the token" test "$(sqlq "SELECT COUNT(*) FROM sessions WHERE id_hash = '$sid1'")" = 0

# signing in again gives a new session id
TOKEN_PAGE=/admin/ post a1 /login "login=admin" "password=$APW"
sid2=$(awk '$6 == "wxsid" { print $7 }' "$JARS/a1")
ok "a new session id at sign-in" test -n "$sid2" -a "$sid1" != "$sid2"
cp "$JARS/a1" "$JARS/old"
sed -i "s/$sid2/$sid1/" "$JARS/old"
get old /admin/
ok "the replaced session no longer works" status_is 303

sign_in op operator "$OPW"
ok "operator lands on the console" location_is /console/
get op /console/
ok "console home" status_is 200
ok "operator sees their departments" has "You answer the chats of 2 departments."

# sign out
TOKEN_PAGE=/console/ post op /logout
ok "sign out redirects" status_is 303
ok "…and clears the cookie" hdr "set-cookie: wxsid=; .*Max-Age=0"
get op /console/
ok "after sign-out the console needs sign-in" status_is 303

# idle expiry: 8 hours without a request
sign_in idle operator "$OPW"
shift_clock $((8 * 3600 + 120))
get idle /console/
ok "idle session expired" status_is 303
ok "…back to sign-in" location_is "/login?next=/console/"

# slow-down after 3 failures, lock after 10
echo "locky-password-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user locky "Lock Test" operator >/dev/null
for i in 1 2 3; do sign_in l locky "bad-password-$i"; done
ok "third failure still plain" status_is 401
sign_in l locky "locky-password-1"
ok "fourth attempt right away must wait" status_is 429
ok "…and says how long" grep -q "Wait [1-5] seconds" <<<"$BODY"
shift_clock 6
sign_in l locky "locky-password-1"
ok "after waiting, the right password works" status_is 303
ok "…and the failures are forgotten" test "$(sqlq "SELECT failed_logins FROM users WHERE login='locky'")" = 0
for i in $(seq 1 10); do shift_clock 6000; sign_in l locky "bad-$i"; done
ok "tenth failure locks the account" status_is 429
ok "…with a message" has "locked for 15 minutes"
sign_in l locky "locky-password-1"
ok "locked: even the right password is refused" status_is 429
ok "…saying for how long" has "Try again in"
shift_clock 960
sign_in l locky "locky-password-1"
ok "after the lock ends, sign-in works" status_is 303

# disabled accounts
sqlq "UPDATE users SET disabled = 1 WHERE login = 'locky'"
sign_in l locky "locky-password-1"
ok "disabled account refused" status_is 403
ok "…saying so" has "This account is disabled"

# next= is followed only for local paths
rm -f "$JARS/n"
get n /login
tok=$(csrf)
req n POST /login --data-urlencode "csrf=$tok" --data-urlencode "login=admin" \
	--data-urlencode "password=$APW" --data-urlencode "next=//evil.example/x"
ok "an off-site next is ignored" location_is /admin/
sign_in n admin "$APW"
rm -f "$JARS/n"
get n /login
tok=$(csrf)
req n POST /login --data-urlencode "csrf=$tok" --data-urlencode "login=admin" \
	--data-urlencode "password=$APW" --data-urlencode "next=/admin/operators"
ok "a local next is followed" location_is /admin/operators
done_tests
