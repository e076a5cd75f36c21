# 08-channels.sh: the WeChat setup wizard, the account page and its
# preferences, against the simulator, through lighttpd.
. "$(dirname "$0")/lib.sh"
SIMCLI="$WXDESK_BUILD/bin/wxdesk-wxsim"

sign_in a admin "$(demo_pw admin)"
sqlq "INSERT INTO brands (name, created_at) VALUES ('Wizard Brand', NOW()), ('Other Brand', NOW())"
wb=$(sqlq "SELECT id FROM brands WHERE name = 'Wizard Brand'")
ob=$(sqlq "SELECT id FROM brands WHERE name = 'Other Brand'")
sqlq "INSERT INTO departments (brand_id, name, created_at) VALUES ($wb, 'Front desk', NOW()), ($ob, 'Elsewhere', NOW())"
wd=$(sqlq "SELECT id FROM departments WHERE brand_id = $wb")
od=$(sqlq "SELECT id FROM departments WHERE brand_id = $ob")
demo_brand=$(sqlq "SELECT id FROM brands WHERE name = 'Demo'")
demo_app=$(sqlq "SELECT app_id FROM channels WHERE brand_id = $demo_brand")

# --- the list and step 1
get a /admin/channels
ok "channel list" status_is 200
ok "…shows the demo account" has "Demo"
get a /admin/channels/new
ok "step 1 lists the brands" has "Wizard Brand"
ok "…with the demo brand taken" has "Demo: taken by"
TOKEN_PAGE=/admin/channels/new post a /admin/channels/new
ok "no brand chosen: 422" status_is 422
ok "…said beside the field" has "Choose the brand this WeChat account belongs to."
TOKEN_PAGE=/admin/channels/new post a /admin/channels/new "brand=$demo_brand"
ok "a brand with an account: 409" status_is 409
ok "…explained" has "This brand already has a WeChat account"
TOKEN_PAGE=/admin/channels/new post a /admin/channels/new "brand=$wb"
ok "a free brand: draft created" status_is 303
id=$(sqlq "SELECT id FROM channels WHERE brand_id = $wb AND state = 'draft'")
ok "…one draft row" test -n "$id"
ok "…and on to step 2" location_is "/admin/channels/$id/setup?step=2"
S=/admin/channels/$id/setup
step() { local n=$1; shift; TOKEN_PAGE="$S?step=$n" post a "$S" "step=$n" "$@"; }

# --- step 2: the IP list
get a "$S"
ok "a reload resumes at step 2" has "Step 2 of 6: IP whitelist"
ok "…with the configured IP list" has "127.0.0.1"
ok "…and WeChat's menu path" has "API IP Whitelist"
step 2 go=next
ok "unticked: 422" status_is 422
ok "…with the reason" has "Paste the IP list in WeChat"
step 2 go=back
ok "Back works without the tick" location_is "$S?step=1"
step 1 "brand=$wb" go=next
ok "step 1 again, same brand: on to 2" location_is "$S?step=2"
step 2 go=next ip_ok=1
ok "ticked: on to step 3" location_is "$S?step=3"
ok "…saved" test "$(sqlq "SELECT CONCAT(ip_confirmed, wizard_step) FROM channels WHERE id = $id")" = 13

# --- step 3: account details
APP=wx$(openssl rand -hex 8) SECRET=$(openssl rand -hex 16) ORIG=gh_$(openssl rand -hex 6)
TOKEN=WizardToken$(openssl rand -hex 4) AES=$(openssl rand -hex 32 | cut -c1-43)
step 3 go=next original_id=gh_xyz app_id=wx12 app_secret=nothex token="a b" aes_key=short mode=loud
ok "bad details: 422" status_is 422
ok "Original ID explained" has "An Original ID is gh_ followed by 12 characters"
ok "App ID explained" has "An App ID is wx followed by 16 characters"
ok "App Secret explained" has "The App Secret is 32 characters 0-9 and a-f."
ok "Token explained" has "Use 3 to 32 letters and digits"
ok "AES key explained" has "The Encoding AES Key is exactly 43 letters and digits."
ok "mode explained" has "Choose plain text, compatible or safe mode."
ok "what was typed is kept" has 'value="gh_xyz"'
ok "nothing saved" test "$(sqlq "SELECT COUNT(*) FROM channels WHERE id = $id AND app_id IS NULL")" = 1
step 3 go=token original_id="$ORIG" app_id="$APP"
ok "Generate token: a new token in the form" has "A new token was generated"
gen=$(grep -o 'name="token" value="[A-Za-z0-9]*"' <<<"$BODY" | sed 's/.*value="\(.*\)"/\1/')
ok "…32 letters and digits" test "${#gen}" = 32
ok "…the other fields kept" has "value=\"$ORIG\""
step 3 go=aes
genaes=$(grep -o 'name="aes_key" value="[A-Za-z0-9]*"' <<<"$BODY" | sed 's/.*value="\(.*\)"/\1/')
ok "Generate Encoding AES Key: 43 characters" test "${#genaes}" = 43
step 3 go=next original_id="$ORIG" app_id="$demo_app" app_secret="$SECRET" token="$TOKEN" aes_key="$AES" mode=plain
ok "an App ID already connected: 409" status_is 409
ok "…explained" has "Another channel already uses this App ID"
step 3 go=next original_id=" $ORIG " app_id="$APP" app_secret="$SECRET" token="$TOKEN" aes_key="$AES" mode=plain
ok "valid details (pasted with spaces): on to step 4" location_is "$S?step=4"
ok "…saved trimmed" test "$(sqlq "SELECT original_id FROM channels WHERE id = $id")" = "$ORIG"
ok "secrets are not stored in clear" test "$(sqlq "SELECT COUNT(*) FROM channels WHERE id = $id AND (app_secret_enc LIKE '%$SECRET%' OR token_enc LIKE '%$TOKEN%' OR aes_key_enc LIKE '%$AES%')")" = 0
ok "…but stored" test "$(sqlq "SELECT COUNT(*) FROM channels WHERE id = $id AND app_secret_enc IS NOT NULL AND token_enc IS NOT NULL AND aes_key_enc IS NOT NULL")" = 1
get a "$S?step=3"
ok "back at step 3: the secret is not shown" test "$(grep -c "$SECRET" <<<"$BODY")" = 0
ok "…it is kept when left blank" has "leave blank to keep it"
step 3 go=next original_id="$ORIG" app_id="$APP" app_secret= token="$TOKEN" aes_key="$AES" mode=plain
ok "blank secret keeps the saved one" location_is "$S?step=4"

# --- step 4: the webhook URL and WeChat's verification
get a "$S?step=4"
key=$(sqlq "SELECT webhook_key FROM channels WHERE id = $id")
ok "the URL is shown" has "/wechat/$key"
ok "…with a warning: this test's address is loopback, which WeChat cannot reach" \
	eval 'has "id=\"webhook-warning\"" && has "it is a local or private address"'
ok "not yet verified" has "Not yet verified"
get a "/admin/channels/$id/verified"
ok "the status feed says not verified" has '"verified":null'
"$SIMCLI" verify "$BASE/wechat/$key" "$TOKEN" >"$WXDESK_VAR/v.out"
ok "WeChat's verification GET works for a draft" grep -q "echo matches" "$WXDESK_VAR/v.out"
get a "/admin/channels/$id/verified"
ok "the status feed says verified" has '"verified":"20'
step 4 go=next
ok "unticked URL box: 422" status_is 422
step 4 go=next url_ok=1
ok "on to step 5" location_is "$S?step=5"

# --- step 5: the department
step 5 go=next
ok "no department: 422" status_is 422
ok "…with the reference's warning" has "without one, no chats from WeChat are received"
step 5 go=next "department=$od"
ok "another brand's department: refused" status_is 422
step 5 go=next "department=$wd"
ok "on to step 6" location_is "$S?step=6"

# --- step 6: live checks against the simulator
get a "$S?step=6"
ok "the summary masks the secret" test "$(grep -c "$SECRET" <<<"$BODY")" = 0
ok "…and the token" test "$(grep -c "$TOKEN" <<<"$BODY")" = 0
ok "every row of the summary can be changed (its step's link)" test "$(sed -n '/<table class="summary">/,/<\/table>/p' <<<"$BODY" |
	grep -c '<tr>.*href="?step=[1-5]"')" = 10
ok "unknown App ID: 40013 with its fix" has "WeChat does not know this App ID (40013)"
reg() { curl -s -o /dev/null --data-urlencode "appid=$APP" --data-urlencode "secret=$1" \
	--data-urlencode "original_id=$ORIG" --data-urlencode "token=$TOKEN" \
	--data-urlencode "aes_key=$AES" --data-urlencode "mode=plain" \
	--data-urlencode "webhook_url=$BASE/wechat/$key" --data-urlencode "name=Wizard" \
	--data-urlencode "whitelist=$2" "$SIMURL/sim/accounts"; }
reg "$(openssl rand -hex 16)" ""
get a "$S?step=6"
ok "wrong App Secret: 40125 with its fix" has "The App Secret is wrong (40125)"
reg "$SECRET" "10.1.2.3"
get a "$S?step=6"
ok "IP not whitelisted: 40164, go back to step 2" has "whitelist (40164). Go back to step 2"
TOKEN_PAGE="$S?step=6" post a "$S" step=6 go=done
ok "Done with a failed check: 422" status_is 422
ok "…asks for activate anyway" has "Activate anyway"
ok "…still a draft" test "$(sqlq "SELECT state FROM channels WHERE id = $id")" = draft
reg "$SECRET" "127.0.0.1"
get a "$S?step=6"
ok "all checks pass" test "$(grep -c 'class="fail"' <<<"$BODY")" = 0
ok "…the token check among them" has "WeChat accepted the App ID and App Secret."
TOKEN_PAGE="$S?step=6" post a "$S" step=6 go=done
ok "Done: to the account page" location_is "/admin/channels/$id"
ok "…active" test "$(sqlq "SELECT state FROM channels WHERE id = $id")" = active
get a "$S"
ok "the wizard of an active channel leads to its account page" location_is "/admin/channels/$id"

# --- the account page
A=/admin/channels/$id
get a "$A"
ok "account page" status_is 200
ok "…has the health panel" has "Last message received"
ok "…masks the App Secret" test "$(grep -c "$SECRET" <<<"$BODY")" = 0
ok "…the token" test "$(grep -c "$TOKEN" <<<"$BODY")" = 0
ok "…and the AES key" test "$(grep -c "$AES" <<<"$BODY")" = 0
TOKEN_PAGE=$A post a "$A/reveal" password=wrong-password
ok "reveal with a wrong password: 403" status_is 403
ok "…nothing revealed" test "$(grep -c "$SECRET" <<<"$BODY")" = 0
TOKEN_PAGE=$A post a "$A/reveal" "password=$(demo_pw admin)"
ok "reveal with the password" has "$SECRET"
ok "…token too" has "$TOKEN"
"$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$key" "$TOKEN" --to "$ORIG" --from oWizard1 --retry-gap 0 text "hello wizard" >/dev/null
ok "a push to the new channel is a chat for its department" test "$(sqlq "SELECT department_id FROM chats WHERE channel_id = $id")" = "$wd"
get a "$A"
ok "…and the health panel shows it" test "$(grep -c "none yet" <<<"$BODY")" = 0

TOKEN_PAGE=$A post a "$A/details" original_id="$ORIG" app_id=wxBAD mode=plain
ok "details with a bad App ID: 422" status_is 422
ok "…explained" has "An App ID is wx followed by 16 characters"
TOKEN_PAGE=$A post a "$A/details" original_id="$ORIG" app_id="$APP" mode=safe
ok "details saved" status_is 303
ok "…mode now safe" test "$(sqlq "SELECT encryption_mode FROM channels WHERE id = $id")" = safe
ok "…secret unchanged" test "$(sqlq "SELECT app_secret_enc IS NOT NULL FROM channels WHERE id = $id")" = 1

# AES key rotation keeps the previous key
NEWAES=$(openssl rand -hex 32 | cut -c1-43)
TOKEN_PAGE=$A post a "$A/aes" go=set "aes_key=$NEWAES"
ok "new AES key saved and shown once" has "$NEWAES"
ok "…with the warning to update WeChat" has "Paste it in WeChat now"
ok "…the previous key kept" test "$(sqlq "SELECT aes_key_prev_enc IS NOT NULL FROM channels WHERE id = $id")" = 1
"$SIMCLI" push "$BASE/wechat/$key" "$TOKEN" --mode safe --aes "$AES" --appid "$APP" --to "$ORIG" \
	--from oWizard1 --msgid 7300000000000000001 --retry-gap 0 text "old key" >"$WXDESK_VAR/push.out"
ok "a message sealed with the old key is read" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE wx_msg_id = '7300000000000000001'")" = 1
"$SIMCLI" push "$BASE/wechat/$key" "$TOKEN" --mode safe --aes "$NEWAES" --appid "$APP" --to "$ORIG" \
	--from oWizard1 --msgid 7300000000000000002 --retry-gap 0 text "new key" >"$WXDESK_VAR/push.out"
ok "…and one sealed with the new key" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE wx_msg_id = '7300000000000000002'")" = 1

# token: generated on the page; the old token stops working at once
TOKEN_PAGE=$A post a "$A/token" go=generate
newtok=$(sed -n 's/.*<pre class="copyable" id="newtoken">\([A-Za-z0-9]*\)<.*/\1/p' "$WXDESK_VAR/last-body")
ok "a new token is generated and shown" test "${#newtok}" = 32
ok "…not in a flash stored in the session" test "$(sqlq "SELECT COUNT(*) FROM sessions WHERE flash LIKE '%$newtok%'")" = 0
"$SIMCLI" verify "$BASE/wechat/$key" "$TOKEN" >"$WXDESK_VAR/v.out"
ok "the old token fails verification" grep -q "status 403" "$WXDESK_VAR/v.out"
"$SIMCLI" verify "$BASE/wechat/$key" "$newtok" >"$WXDESK_VAR/v.out"
ok "the new one passes" grep -q "echo matches" "$WXDESK_VAR/v.out"
TOKEN_PAGE=$A post a "$A/token" go=set token="no spaces please"
ok "a bad token is refused" status_is 422

# preferences
TOKEN_PAGE=$A post a "$A/prefs" missed_after=0 missed_close=7 idle_close=2880 bot_idle=60
ok "bad preferences: 422" status_is 422
ok "…missed-after explained" has "Enter a number of minutes from 1 to 1440."
ok "…idle limit explained" has "Choose a time from 15 minutes to 24 hours."
TOKEN_PAGE=$A post a "$A/prefs" missed_after=5 missed_close=10080 idle_close=120 bot_enabled=1 bot_idle=30
ok "preferences saved" status_is 303
ok "…stored" test "$(sqlq "SELECT CONCAT_WS(',', missed_after_minutes, missed_close_minutes, idle_close_minutes, bot_enabled, bot_idle_minutes, erase_on_unfollow) FROM channel_prefs WHERE channel_id = $id")" = "5,10080,120,1,30,0"
get a "$A"
ok "…and shown" has '<option value="10080" selected>1 week</option>'

# department, disable / enable
TOKEN_PAGE=$A post a "$A/department" "department=$od"
ok "another brand's department is refused" status_is 422
TOKEN_PAGE=$A post a "$A/state" state=disabled
ok "disabled" test "$(sqlq "SELECT state FROM channels WHERE id = $id")" = disabled
TOKEN_PAGE=$A post a "$A/state" state=active
ok "enabled again" test "$(sqlq "SELECT state FROM channels WHERE id = $id")" = active

# --- CSRF: every channel POST without the token changes nothing
for path in /admin/channels/new "$S" "$A/details" "$A/token" "$A/aes" "$A/reveal" "$A/department" "$A/state" "$A/prefs" "$A/health" "$A/delete"; do
	req a POST "$path" --data-urlencode "state=disabled" --data-urlencode "confirm_name=Wizard Brand"
	ok "POST $path without CSRF: 403" status_is 403
done
ok "…the channel is untouched" test "$(sqlq "SELECT state FROM channels WHERE id = $id")" = active

# --- a second draft, activated anyway with a failed check
TOKEN_PAGE=/admin/channels/new post a /admin/channels/new "brand=$ob"
id2=$(sqlq "SELECT id FROM channels WHERE brand_id = $ob AND state = 'draft'")
S2=/admin/channels/$id2/setup
TOKEN_PAGE="$S2?step=2" post a "$S2" step=2 go=next ip_ok=1
TOKEN_PAGE="$S2?step=3" post a "$S2" step=3 go=next original_id="gh_$(openssl rand -hex 6)" app_id="wx$(openssl rand -hex 8)" app_secret="$(openssl rand -hex 16)" token=OtherToken1 aes_key="$(openssl rand -hex 32 | cut -c1-43)" mode=plain
TOKEN_PAGE="$S2?step=4" post a "$S2" step=4 go=next url_ok=1
TOKEN_PAGE="$S2?step=5" post a "$S2" step=5 go=next "department=$od"
TOKEN_PAGE="$S2?step=6" post a "$S2" step=6 go=done anyway=1
ok "activate anyway" location_is "/admin/channels/$id2"
ok "…active" test "$(sqlq "SELECT state FROM channels WHERE id = $id2")" = active

# --- delete keeps the history and frees the brand
msgs=$(sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $id")
TOKEN_PAGE=$A post a "$A/delete" "confirm_name=wizard brand"
ok "delete with the wrong name: 422" status_is 422
ok "…explained" has "Type the brand name exactly as shown"
TOKEN_PAGE=$A post a "$A/delete" "confirm_name=Wizard Brand"
ok "deleted" location_is "/admin/channels"
ok "…state deleted, secrets erased" test "$(sqlq "SELECT CONCAT(state, IFNULL(token_enc, '-'), IFNULL(app_secret_enc, '-')) FROM channels WHERE id = $id")" = "deleted--"
ok "…messages kept" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $id")" = "$msgs"
get a "$A"
ok "…its page is gone" status_is 404
get anon "/wechat/$key?signature=x&timestamp=1&nonce=2&echostr=e"
ok "…its webhook URL answers 404" status_is 404
get a /admin/channels/new
ok "…the brand is free again" has "value=\"$wb\""
TOKEN_PAGE=/admin/channels/new post a /admin/channels/new "brand=$wb"
ok "…and can be connected again" status_is 303
done_tests
