# 21-twofactor.sh: two-factor sign-in (TOTP): set up with a code from the
# app (the secret encrypted at rest), sign-in with a code, a code good once,
# recovery codes good once, the sign-in rules for codes (slow-down, a right
# password does not clear wrong codes), administrators required to use it,
# and an administrator turning it off for someone; each on the audit trail.
. "$(dirname "$0")/lib.sh"
WX=$WXDESK_BUILD/bin/wxdesk-wx
wxnow() { wx_clock; }
# at a step's start, so a test's codes stay in one 30-second step
step_start() { shift_clock $((30 - $(wxnow) % 30)); }
code() { "$WX" totp "$SECRET" "$(wxnow)"; }
au() { sqlq "SELECT $1 FROM audit_log WHERE $2 ORDER BY id DESC LIMIT 1"; }
R=$(openssl rand -hex 3)
U=tf$R
echo "tf-pass-$R-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user "$U" "Tess Factor" operator >/dev/null
UID2=$(sqlq "SELECT id FROM users WHERE login = '$U'")
sign_in u "$U" "tf-pass-$R-1"

get u /account
ok "My account offers two-factor sign-in" has "Turn on two-factor sign-in"
TOKEN_PAGE=/account post u /account/2fa/start
ok "turning it on leads to the setup page" location_is /account/2fa
get u /account/2fa
SECRET=$(sed -n 's|.*<code id="secret">\([A-Z2-7 ]*\)</code>.*|\1|p' <<<"$BODY" | tr -d ' ')
ok "the setup page: a QR code and the secret as text" eval 'has "<svg id=\"qr\"" && grep -q "<path d=\"M4 4h1v1h-1z" <<<"$BODY" && test ${#SECRET} = 32'
ok "the secret is stored encrypted, never as text" eval 'sqlq "SELECT totp_pending_enc FROM users WHERE id = $UID2" | grep -q "^v1:" && test "$(sqlq "SELECT COUNT(*) FROM users WHERE totp_pending_enc LIKE '"'%$SECRET%'"'")" = 0'
TOKEN_PAGE=/account/2fa post u /account/2fa/confirm code=000000
ok "a wrong code does not turn it on, and says so" eval 'status_is 422 && has "That code does not match" && test "$(sqlq "SELECT totp_on FROM users WHERE id = $UID2")" = 0'
step_start
C1=$(code)
TOKEN_PAGE=/account/2fa post u /account/2fa/confirm "code=$C1"
ok "the app's code turns it on" eval 'status_is 200 && test "$(sqlq "SELECT totp_on FROM users WHERE id = $UID2")" = 1'
RC1=$(grep -o '<li><code>[a-z0-9]\{5\}-[a-z0-9]\{5\}</code></li>' <<<"$BODY" | sed -n '1s|<li><code>\(.*\)</code></li>|\1|p')
ok "…ten recovery codes shown once, kept as hashes" eval 'test "$(grep -o "<li><code>" <<<"$BODY" | wc -l)" = 10 && test "$(sqlq "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $UID2 AND used_at IS NULL AND code_hash = SHA2('"'$(tr -d - <<<"$RC1")'"', 256)")" = 1'
ok "…on the audit trail" test "$(au "login" "action = 'account.2fa_on'")" = "$U"

# sign-in: the password, then the code
TOKEN_PAGE=/console/ post u /logout
sign_in u "$U" "tf-pass-$R-1"
ok "the right password leads to the code, not in yet" eval 'location_is /login/code && ! grep -qi "set-cookie: wxsid=[0-9a-f]" <<<"$HEADERS"'
get u /console/
ok "…no console without the code" location_is "/login?next=/console/"
TOKEN_PAGE=/login/code post u /login/code "code=$C1"
ok "the code used to set it up is not good again" eval 'status_is 401 && has "That code is not right"'
ok "…a wrong code is on the audit trail" test "$(au "CONCAT(login, ':', user_id)" "action = 'signin.code_failed'")" = "$U:$UID2"
step_start
TOKEN_PAGE=/login/code post u /login/code "code=$(code)"
ok "a fresh code signs in" eval 'location_is /console/ && grep -qi "set-cookie: wxsid=" <<<"$HEADERS"'
ok "…the sign-in is on the audit trail with its second factor" test "$(au "JSON_VALUE(detail, '$.second_factor')" "action = 'signin' AND login = '$U'")" = code
get u /console/
ok "…and the console opens" status_is 200

# a recovery code, once
TOKEN_PAGE=/console/ post u /logout
sign_in u "$U" "tf-pass-$R-1"
TOKEN_PAGE=/login/code post u /login/code "code=${RC1^^}"
ok "a recovery code signs in (any case, with its dash)" location_is /console/
ok "…and is used up" test "$(sqlq "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $UID2 AND used_at IS NULL")" = 9
TOKEN_PAGE=/console/ post u /logout
sign_in u "$U" "tf-pass-$R-1"
TOKEN_PAGE=/login/code post u /login/code "code=$RC1"
ok "…not twice" status_is 401

# the sign-in rules hold for codes; a right password does not clear them
f0=$(sqlq "SELECT failed_logins FROM users WHERE id = $UID2")
TOKEN_PAGE=/login/code post u /login/code "code=111111"
f1=$(sqlq "SELECT failed_logins FROM users WHERE id = $UID2")
ok "a wrong code counts as a failed sign-in" test "$f1" = $((f0 + 1))
for c in 222222 333333 444444 555555; do TOKEN_PAGE=/login/code post u /login/code "code=$c"; done
ok "five codes for one sign-in, then the password is asked again" eval 'has "Too many wrong codes for this sign-in"'
sign_in u "$U" "tf-pass-$R-1"
ok "…and the failures slow the password down: a right one does not clear them" eval 'status_is 429 && has "Wait" && test "$(sqlq "SELECT failed_logins FROM users WHERE id = $UID2")" -ge $((f1 + 3))'
shift_clock 3600
sign_in u "$U" "tf-pass-$R-1"
for c in 1 2 3 4 5; do
	TOKEN_PAGE=/login/code post u /login/code "code=00000$c"
	status_is 429 && break
done
ok "…until the account locks (Login.LockAfter failures)" eval 'status_is 429 && has "locked" && test "$(sqlq "SELECT locked_until > NOW() FROM users WHERE id = $UID2")" = 1'
ok "…on the audit trail" test "$(au "login" "action = 'signin.locked'")" = "$U"
shift_clock 3600
step_start
sign_in u "$U" "tf-pass-$R-1"
TOKEN_PAGE=/login/code post u /login/code "code=$(code)"
ok "after the lock, a right code signs in and clears the count" eval 'location_is /console/ && test "$(sqlq "SELECT failed_logins FROM users WHERE id = $UID2")" = 0'

# administrators: the rule, and help for someone who lost their phone
echo "tf-adm-$R-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user "tfa$R" "Ada Factor" admin >/dev/null
echo "tf-adm-$R-2" | "$WXDESK_BUILD/bin/wxdesk-admin" user "tfb$R" "Ben Factor" admin >/dev/null
sign_in a "tfa$R" "tf-adm-$R-1"
TOKEN_PAGE=/admin/operators post a /admin/security require_2fa_admins=1
ok "requiring it of administrators without having it: refused" eval 'status_is 422 && has "Turn on your own two-factor sign-in"'
TOKEN_PAGE=/account post a /account/2fa/start
get a /account/2fa
SECRET=$(sed -n 's|.*<code id="secret">\([A-Z2-7 ]*\)</code>.*|\1|p' <<<"$BODY" | tr -d ' ')
step_start
TOKEN_PAGE=/account/2fa post a /account/2fa/confirm "code=$(code)"
TOKEN_PAGE=/admin/operators post a /admin/security require_2fa_admins=1
ok "with it on, an administrator requires it of administrators" eval 'location_is /admin/operators && test "$(sqlq "SELECT require_2fa_admins FROM security_settings")" = 1'
ok "…on the audit trail" test "$(au "CONCAT(login, ':', detail)" "action = 'settings.security'")" = "tfa$R:{\"require_2fa_admins\":\"1\"}"
sign_in b "tfb$R" "tf-adm-$R-2"
get b /admin/brands
ok "an administrator without it is sent to set it up first" location_is /account
get b /account
ok "…where the page says why" has "Administrators must use two-factor sign-in here"
TOKEN_PAGE=/account post b /admin/brands name=Nope
ok "…and can change nothing else meanwhile" status_is 403
get u /console/
ok "operators are not held to it" status_is 200
TOKEN_PAGE="/admin/operators/$UID2" post a "/admin/operators/$UID2/2fa-reset"
ok "an administrator turns it off for someone" eval 'test "$(sqlq "SELECT CONCAT(totp_on, IFNULL(totp_secret_enc, 0), (SELECT COUNT(*) FROM recovery_codes WHERE user_id = $UID2)) FROM users WHERE id = $UID2")" = 000'
ok "…on the audit trail" test "$(au "target" "action = 'staff.2fa_reset'")" = "/admin/operators/$UID2/2fa-reset"
sign_in u "$U" "tf-pass-$R-1"
ok "…who then signs in with the password alone" location_is /console/
TOKEN_PAGE=/admin/operators post a /admin/security
ok "the rule lifted" test "$(sqlq "SELECT require_2fa_admins FROM security_settings")" = 0
get b /admin/brands
ok "…the other administrator carries on" status_is 200
# turning it off asks for the password
TOKEN_PAGE=/account post a /account/2fa/off password=wrong
ok "turning it off with a wrong password: refused" eval 'status_is 403 && test "$(sqlq "SELECT totp_on FROM users WHERE login = '"'tfa$R'"'")" = 1'
TOKEN_PAGE=/account post a /account/2fa/off "password=tf-adm-$R-1"
ok "…with the password: off" test "$(sqlq "SELECT totp_on FROM users WHERE login = 'tfa$R'")" = 0

# a sign-in waiting for its code is bound to the account as its password
# found it: a password reset, a disable or a role change in between voids it
echo "tf-v-$R-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user "tfv$R" "Vera Factor" operator >/dev/null
VID=$(sqlq "SELECT id FROM users WHERE login = 'tfv$R'")
sign_in v "tfv$R" "tf-v-$R-1"
TOKEN_PAGE=/account post v /account/2fa/start
get v /account/2fa
SECRET=$(sed -n 's|.*<code id="secret">\([A-Z2-7 ]*\)</code>.*|\1|p' <<<"$BODY" | tr -d ' ')
step_start
TOKEN_PAGE=/account/2fa post v /account/2fa/confirm "code=$(code)"
TOKEN_PAGE=/console/ post v /logout
voided() { # what happens to the waiting sign-in, after $1 (an admin's change)
	sign_in v "tfv$R" "$PW"
	location_is /login/code || return 1
	get v /login/code	# the code page, open in the browser meanwhile
	local tok
	tok=$(csrf)
	"$@"
	step_start
	req v POST /login/code --data-urlencode "csrf=$tok" --data-urlencode "code=$(code)"
}
PW="tf-v-$R-1"
voided true
ok "(unchanged: the waiting sign-in completes)" location_is /console/
TOKEN_PAGE=/console/ post v /logout
PW="tf-v-$R-1"
voided eval 'TOKEN_PAGE=/admin/operators/$VID post a /admin/operators/$VID/password "password=tf-v-$R-2-new"'
ok "a password reset voids a sign-in waiting for its code" eval 'status_is 403 && has "Your account changed since you entered your password" && ! grep -qi "set-cookie: wxsid=[0-9a-f]" <<<"$HEADERS"'
ok "…on the audit trail" test "$(au "login" "action = 'signin.voided'")" = "tfv$R"
get v /console/
ok "…and no session came of it" location_is "/login?next=/console/"
PW="tf-v-$R-2-new"
voided eval 'TOKEN_PAGE=/admin/operators/$VID post a /admin/operators/$VID/disable disabled=1'
ok "an account disabled before its code: refused, in words" eval 'status_is 403 && has "This account is disabled" && ! grep -qi "set-cookie: wxsid=[0-9a-f]" <<<"$HEADERS"'
ok "…no sign-in on the record, no session" eval 'test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action = '"'signin'"' AND user_id = $VID")" = 2 && test "$(sqlq "SELECT COUNT(*) FROM sessions WHERE user_id = $VID")" = 0 && test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action = '"'signin.voided'"' AND user_id = $VID")" = 2'
TOKEN_PAGE=/admin/operators/$VID post a /admin/operators/$VID/disable disabled=0
voided eval 'TOKEN_PAGE=/admin/operators/$VID post a /admin/operators/$VID name="Vera Factor" role=supervisor'
ok "a role change voids it too" eval 'status_is 403 && has "Your account changed" && test "$(sqlq "SELECT role FROM users WHERE id = $VID")" = supervisor'
sign_in v "tfv$R" "$PW"
step_start
TOKEN_PAGE=/login/code post v /login/code "code=$(code)"
ok "…and signing in again from the password works" location_is /console/
done_tests
