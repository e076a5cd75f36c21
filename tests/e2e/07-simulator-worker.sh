# 07-simulator-worker.sh: the WeChat simulator behaves as WeChat does, the
# phone page pushes to the webhook, and the worker fetches tokens, media and
# follower details once, even with two workers running.
. "$(dirname "$0")/lib.sh"
SIMB="http://$WXDESK_HOST:$WXDESK_SIM_PORT"
own_channel "Simulator Brand"
jget() { curl -s "$@"; }

# --- tokens as WeChat issues them
out=$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=$APP_SECRET")
ok "classic token issued" grep -q '"expires_in":7200' <<<"$out"
t1=$(sed 's/.*"access_token":"\([^"]*\)".*/\1/' <<<"$out")
out=$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=$APP_SECRET")
t2=$(sed 's/.*"access_token":"\([^"]*\)".*/\1/' <<<"$out")
ok "each classic fetch rotates the token" test "$t1" != "$t2"
ok "…the old one lives 5 more minutes" grep -q '"ip_list"' <<<"$(jget "$SIMB/cgi-bin/getcallbackip?access_token=$t1")"
shift_clock 301
ok "…then is refused" grep -q '"errcode":42001' <<<"$(jget "$SIMB/cgi-bin/getcallbackip?access_token=$t1")"
ok "wrong App ID: 40013" grep -q '"errcode":40013' <<<"$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=wx0&secret=x")"
ok "wrong App Secret: 40125" grep -q '"errcode":40125' <<<"$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=nope")"
ok "unknown token: 40001" grep -q '"errcode":40001' <<<"$(jget "$SIMB/cgi-bin/user/info?access_token=nope&openid=x")"
body="{\"grant_type\":\"client_credential\",\"appid\":\"$APP_ID\",\"secret\":\"$APP_SECRET\"}"
s1=$(jget -d "$body" "$SIMB/cgi-bin/stable_token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
s2=$(jget -d "$body" "$SIMB/cgi-bin/stable_token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ok "stable_token answers the same token while it is valid" test -n "$s1" -a "$s1" = "$s2"
curl -s -o /dev/null --data "appid=$APP_ID&api=token&errcode=40164&count=1" "$SIMB/sim/faults"
ok "an injected fault is answered (40164)" grep -q '"errcode":40164' <<<"$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=$APP_SECRET")"
ok "…once" grep -q access_token <<<"$(jget "$SIMB/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=$APP_SECRET")"

# --- the worker keeps one shared token
for i in $(seq 1 50); do
	[ "$(sqlq "SELECT token IS NOT NULL FROM access_tokens WHERE channel_id = $CH")" = 1 ] && break
	sleep 0.2
done
tok=$(sqlq "SELECT token FROM access_tokens WHERE channel_id = $CH")
ok "the worker cached the channel's token" test -n "$tok" -a "$tok" != NULL
ok "…and it is the one WeChat considers current" test "$tok" = "$s1"

# --- the phone: follow, write, send a picture
rm -f "$JARS/phone"
phone() {	# action and fields
	local tok
	tok=$(curl -s -c "$JARS/phone" -b "$JARS/phone" "$SIMB/phone?appid=$APP_ID&openid=oPhoneUser01" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -w '%{redirect_url}' -c "$JARS/phone" -b "$JARS/phone" \
		-F "csrf=$tok" -F "appid=$APP_ID" -F "openid=oPhoneUser01" "$@" "$SIMB/phone"
}
r=$(phone -F action=follow -F scene=poster7)
ok "phone: follow delivered" grep -q "result=delivered" <<<"$r"
ok "…reached wxdesk with the QR scene" test "$(sqlq "SELECT qr_scene FROM followers WHERE openid = 'oPhoneUser01'")" = poster7
r=$(phone -F action=text -F "text=手机发来的消息")
ok "phone: text delivered" grep -q "result=delivered" <<<"$r"
ok "…stored in a waiting chat" test "$(sqlq "SELECT c.state FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.body = '手机发来的消息'")" = waiting
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/pic.png"
head -c 3000 /dev/urandom >>"$WXDESK_VAR/pic.png"
r=$(phone -F action=media -F "file=@$WXDESK_VAR/pic.png;type=image/png")
ok "phone: picture delivered" grep -q "result=delivered" <<<"$r"
printf 'not a picture' >"$WXDESK_VAR/bad.txt"
r=$(phone -F action=media -F "file=@$WXDESK_VAR/bad.txt")
ok "phone: a text file is not sent as a picture" grep -q "result=badfile" <<<"$r"
mid=$(sqlq "SELECT id FROM messages WHERE msg_type = 'image' AND follower_id = (SELECT id FROM followers WHERE openid = 'oPhoneUser01')")
ok "the picture's message waits for its media" test -n "$mid"
for i in $(seq 1 60); do
	[ "$(sqlq "SELECT media_state FROM messages WHERE id = $mid")" = fetched ] && break
	sleep 0.25
done
ok "the worker fetched the picture" test "$(sqlq "SELECT media_state FROM messages WHERE id = $mid")" = fetched
path=$WXDESK_VAR/media/$(sqlq "SELECT a.path FROM attachments a JOIN messages m ON m.attachment_id = a.id WHERE m.id = $mid")
ok "…stored on disk under its sha256" test "$(sha256sum <"$path" | cut -d' ' -f1)" = "$(sqlq "SELECT a.sha256 FROM attachments a JOIN messages m ON m.attachment_id = a.id WHERE m.id = $mid")"
ok "…byte for byte" cmp -s "$path" "$WXDESK_VAR/pic.png"
ok "…with its type" test "$(sqlq "SELECT a.mime FROM attachments a JOIN messages m ON m.attachment_id = a.id WHERE m.id = $mid")" = image/png
for i in $(seq 1 40); do
	[ "$(sqlq "SELECT IFNULL(language, '') FROM followers WHERE openid = 'oPhoneUser01'")" = zh_CN ] && break
	sleep 0.25
done
ok "the worker filled the follower's details (user/info)" test "$(sqlq "SELECT language FROM followers WHERE openid = 'oPhoneUser01'")" = zh_CN

# --- the account's remark in WeChat (its dashboard, or updateremark) is read back and shown
rtok=$(sqlq "SELECT token FROM access_tokens WHERE channel_id = $CH")
out=$(jget -d '{"openid":"oPhoneUser01","remark":"王经理"}' "$SIMB/cgi-bin/user/info/updateremark?access_token=$rtok")
ok "updateremark: a follower's remark set in WeChat" grep -q '"errcode":0' <<<"$out"
out=$(jget -d '{"openid":"oPhoneUser01","remark":"一个超过三十个字节的很长的备注名"}' "$SIMB/cgi-bin/user/info/updateremark?access_token=$rtok")
ok "…30 bytes or more: 40092" grep -q '"errcode":40092' <<<"$out"
out=$(jget -d '{"openid":"oNobodyHere","remark":"x"}' "$SIMB/cgi-bin/user/info/updateremark?access_token=$rtok")
ok "…an OpenID the account does not know: 40003" grep -q '"errcode":40003' <<<"$out"
ok "user/info answers the remark" grep -q '"remark":"王经理"' <<<"$(jget "$SIMB/cgi-bin/user/info?access_token=$rtok&openid=oPhoneUser01")"
sqlq "UPDATE followers SET info_due = 1 WHERE openid = 'oPhoneUser01'"
for i in $(seq 1 40); do
	[ "$(sqlq "SELECT IFNULL(remark, '') FROM followers WHERE openid = 'oPhoneUser01'")" = 王经理 ] && break
	sleep 0.25
done
ok "the worker kept the follower's remark" test "$(sqlq "SELECT remark FROM followers WHERE openid = 'oPhoneUser01'")" = 王经理
# (read by the administrator, who sees every chat: an operator signing in
# here would staff the department, and change what the follower is told)
sign_in op admin "$(demo_pw admin)"
get op /console/
ok "the console's list shows the follower by the remark" has '王经理'
rchat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oPhoneUser01' ORDER BY c.id DESC LIMIT 1")
get op "/console/chats/$rchat"
ok "the chat is headed by the remark" grep -q '<h1>王经理' <<<"$BODY"
ok "…which the follower panel names as WeChat's" has 'Remark in WeChat'
sqlq "UPDATE followers SET alias = 'Mr Wang (VIP)' WHERE openid = 'oPhoneUser01'"
get op "/console/chats/$rchat"
ok "a name typed in wxdesk comes before the remark" grep -q '<h1>Mr Wang (VIP)' <<<"$BODY"
sqlq "UPDATE followers SET alias = NULL WHERE openid = 'oPhoneUser01'"

# --- a name given in wxdesk is written to WeChat as the remark, by the
# worker's queue: shown at once, pending on the panel, then WeChat's
until_sql() {	# SQL VALUE: waits (up to 15 s) until SQL answers VALUE
	local i
	for i in $(seq 1 60); do [ "$(sqlq "$1")" = "$2" ] && return 0; sleep 0.25; done
	return 1
}
remark_in_wechat() { simq "SELECT remark FROM sim_users WHERE appid = '$APP_ID' AND openid = 'oPhoneUser01'"; }
worker_pause
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=王小明"
ok "a name given in the console shows at once" test "$(sqlq "SELECT alias FROM followers WHERE openid = 'oPhoneUser01'")" = 王小明
ok "…and is queued for WeChat as the remark" test "$(sqlq "SELECT state, body FROM wx_writes WHERE api = 'user/info/updateremark'")" = "pending	{\"openid\": \"oPhoneUser01\", \"remark\": \"王小明\"}"
get op "/console/chats/$rchat"
ok "…the follower panel says it is on its way" has "Being written to WeChat as the follower"
worker_resume
ok "the worker wrote it to WeChat (updateremark)" until_sql "SELECT state FROM wx_writes WHERE api = 'user/info/updateremark'" done
ok "…WeChat has it" test "$(remark_in_wechat)" = 王小明
ok "…and it is the follower's remark here, no longer a name of wxdesk's own" test "$(sqlq "SELECT CONCAT(remark, '/', IFNULL(alias, '-')) FROM followers WHERE openid = 'oPhoneUser01'")" = "王小明/-"
get op "/console/chats/$rchat"
ok "…the chat is headed by it, nothing pending" test "$(grep -c '<h1>王小明' <<<"$BODY"):$(grep -c 'id="remark-write"' <<<"$BODY")" = 1:0
# two names in a row before the worker sends: only the last is sent
worker_pause
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=小明 1"
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=小明 2"
ok "a second name supersedes the first before it is sent" test "$(sqlq "SELECT GROUP_CONCAT(state ORDER BY id) FROM wx_writes WHERE api = 'user/info/updateremark'")" = "done,superseded,pending"
calls=$(simq "SELECT COUNT(*) FROM sim_calls WHERE api = 'user_remark' AND appid = '$APP_ID'")
worker_resume
ok "…only the last goes to WeChat" until_sql "SELECT state FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" done
ok "…in one call" test "$(remark_in_wechat):$(simq "SELECT COUNT(*) FROM sim_calls WHERE api = 'user_remark' AND appid = '$APP_ID'")" = "小明 2:$((calls + 1))"
# WeChat's daily quota used up: the write waits for the next day in Beijing, and says so
curl -s -o /dev/null --data "appid=$APP_ID&api=user_remark&errcode=45009&count=1" "$SIMB/sim/faults"
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=小明 3"
ok "the daily quota used up: the write waits for the next day" until_sql "SELECT errcode, due_at > FROM_UNIXTIME($(wx_clock)) FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" "45009	1"
get op "/console/chats/$rchat"
ok "…the panel says why, in words" has "daily API quota is used up. The remark is written to WeChat after midnight, Beijing time."
ok "…and the name shows meanwhile" grep -q '<h1>小明 3' <<<"$BODY"
shift_clock 86400
ok "…the next day it is written" until_sql "SELECT state FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" done
ok "…once" test "$(remark_in_wechat)" = "小明 3"
sign_in op admin "$(demo_pw admin)"	# (a day later: signed out)
# WeChat out of reach: tried again
curl -s -o /dev/null --data "appid=$APP_ID&api=user_remark&errcode=-1&count=1" "$SIMB/sim/faults"
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=小明 4"
ok "WeChat busy (-1): tried again in a minute" until_sql "SELECT CONCAT(errcode, ':', attempts) FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" "-1:1"
shift_clock 61
ok "…and then written" until_sql "SELECT state FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" done
# an account WeChat has not verified may not set remarks (48001): kept here, said in words
simq "UPDATE sim_accounts SET verified = 0 WHERE appid = '$APP_ID'"
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=王总"
ok "no permission (48001): the write fails" until_sql "SELECT CONCAT(state, ':', errcode) FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" failed:48001
get op "/console/chats/$rchat"
ok "…the panel says so, and keeps the name" test "$(grep -c 'WeChat did not take it as the remark (the account has no permission for this API (48001)): the name is kept in wxdesk.' <<<"$BODY"):$(grep -c '<h1>王总' <<<"$BODY")" = 1:1
simq "UPDATE sim_accounts SET verified = 1 WHERE appid = '$APP_ID'"
# a name of 30 characters or more: kept in wxdesk, not sent
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=Wang Xiaoming, Shanghai purchasing"
ok "a name of 30 characters or more is kept in wxdesk" test "$(sqlq "SELECT alias FROM followers WHERE openid = 'oPhoneUser01'"):$(sqlq "SELECT COUNT(*) FROM wx_writes WHERE state = 'pending'")" = "Wang Xiaoming, Shanghai purchasing:0"
get op "/console/chats/$rchat"
ok "…and the page says so" has "WeChat keeps a remark under 30 characters"
# one WeChat finds too long (its Chinese documentation counts bytes): refused, kept here
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=王小明（上海分公司采购部）"
ok "a name WeChat finds too long (40092) is refused" until_sql "SELECT CONCAT(state, ':', errcode) FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" failed:40092
get op "/console/chats/$rchat"
ok "…said in words, the name kept" test "$(grep -c 'WeChat finds the remark too long (40092)' <<<"$BODY"):$(grep -c '<h1>王小明（上海分公司采购部）' <<<"$BODY")" = 1:1
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias=王小明（上海分公司采购部）"
ok "the same name again changes nothing" test "$(sqlq "SELECT COUNT(*) FROM wx_writes WHERE api = 'user/info/updateremark' AND state = 'pending'")" = 0
TOKEN_PAGE="/console/chats/$rchat" post op "/console/chats/$rchat/alias" "alias="
ok "removing the name clears the remark in WeChat too" until_sql "SELECT state FROM wx_writes WHERE api = 'user/info/updateremark' ORDER BY id DESC LIMIT 1" done
ok "…in WeChat and here" test "$(remark_in_wechat):$(sqlq "SELECT CONCAT(IFNULL(remark, '-'), IFNULL(alias, '-')) FROM followers WHERE openid = 'oPhoneUser01'")" = ":--"

# --- an erased follower's downloaded files are deleted too
r=$(phone -F action=follow)
sqlq "UPDATE channel_prefs SET erase_on_unfollow = 1 WHERE channel_id = $CH"
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/own.png"
head -c 2000 /dev/urandom >>"$WXDESK_VAR/own.png"
curl -s -o /dev/null -c "$JARS/ph2" -b "$JARS/ph2" "$SIMB/phone"
tok2=$(curl -s -c "$JARS/ph2" -b "$JARS/ph2" "$SIMB/phone?appid=$APP_ID&openid=oEraseMe01" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
for a in follow media; do
	curl -s -o /dev/null -c "$JARS/ph2" -b "$JARS/ph2" -F "csrf=$tok2" -F "appid=$APP_ID" \
		-F "openid=oEraseMe01" -F "action=$a" -F "file=@$WXDESK_VAR/own.png;type=image/png" "$SIMB/phone"
done
emid=$(sqlq "SELECT m.id FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = 'oEraseMe01' AND m.msg_type = 'image'")
for i in $(seq 1 60); do
	[ "$(sqlq "SELECT media_state FROM messages WHERE id = $emid")" = fetched ] && break
	sleep 0.25
done
epath=$WXDESK_VAR/media/$(sqlq "SELECT a.path FROM attachments a JOIN messages m ON m.attachment_id = a.id WHERE m.id = $emid")
ok "the follower's picture was downloaded" test -f "$epath"
curl -s -o /dev/null -c "$JARS/ph2" -b "$JARS/ph2" -F "csrf=$tok2" -F "appid=$APP_ID" \
	-F "openid=oEraseMe01" -F "action=unfollow" "$SIMB/phone"
shift_clock 3700
for i in $(seq 1 40); do [ -f "$epath" ] || break; sleep 0.25; done
ok "after the erase, the worker deleted the file" test ! -f "$epath"
ok "…and its row" test "$(sqlq "SELECT COUNT(*) FROM attachments WHERE path = '$epath'")" = 0
ok "other followers' files stay" test -f "$path"
sqlq "UPDATE channel_prefs SET erase_on_unfollow = 0 WHERE channel_id = $CH"

# --- media errors: JSON instead of a file is recognised, retried with backoff
"$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" \
	--from oPhoneUser01 --retry-gap 0 image media_that_does_not_exist >/dev/null
gone=$(sqlq "SELECT id FROM messages WHERE media_id = 'media_that_does_not_exist'")
for i in $(seq 1 40); do
	[ "$(sqlq "SELECT media_attempts >= 1 AND media_error IS NOT NULL FROM messages WHERE id = $gone")" = 1 ] && break
	sleep 0.25
done
ok "an unknown media id is recorded as WeChat's error" grep -q 40007 <<<"$(sqlq "SELECT media_error FROM messages WHERE id = $gone")"
ok "…and tried again later, not given up" test "$(sqlq "SELECT media_state FROM messages WHERE id = $gone")" = due

# a rejected token (40001) is replaced once and the call retried
curl -s -o /dev/null --data "appid=$APP_ID&api=media_get&errcode=40001&count=1" "$SIMB/sim/faults"
r=$(phone -F action=media -F "file=@$WXDESK_VAR/pic.png;type=image/png")
mid2=$(sqlq "SELECT MAX(id) FROM messages WHERE msg_type = 'image' AND media_id LIKE 'image_%'")
for i in $(seq 1 60); do
	[ "$(sqlq "SELECT media_state FROM messages WHERE id = $mid2")" = fetched ] && break
	sleep 0.25
done
ok "after a 40001 the worker renewed the token and fetched the media" test "$(sqlq "SELECT media_state FROM messages WHERE id = $mid2")" = fetched
ok "…the failed call was seen by WeChat" test "$(simq "SELECT COUNT(*) FROM sim_calls WHERE api = 'media_get' AND errcode = 40001")" = 1

# --- workers share the token without thrashing: two ticks at once (and the
# daemon's, whenever it comes) after the token comes due
before=$(simq "SELECT COUNT(*) FROM sim_calls WHERE api = 'stable_token' AND errcode = 0 AND appid = '$APP_ID'")
shift_clock 7000	# the token has under 5 minutes left: every worker sees it due
"$WXDESK_BUILD/bin/wxdesk-worker" --once 2>/dev/null &
"$WXDESK_BUILD/bin/wxdesk-worker" --once 2>/dev/null &
wait
after=$(simq "SELECT COUNT(*) FROM sim_calls WHERE api = 'stable_token' AND errcode = 0 AND appid = '$APP_ID'")
ok "two workers refreshed the token once ($before -> $after)" test $((after - before)) = 1
new=$(sqlq "SELECT token FROM access_tokens WHERE channel_id = $CH")
ok "…to the token WeChat now considers current" test "$new" != "$tok"

# --- the customer-service API's limits (the console builds on these)
t=$(sqlq "SELECT token FROM access_tokens WHERE channel_id = $CH")
send() { jget -d "{\"touser\":\"$1\",\"msgtype\":\"text\",\"text\":{\"content\":\"$2\"}}" "$SIMB/cgi-bin/message/custom/send?access_token=$t"; }
for i in 1 2 3 4 5; do out=$(send oPhoneUser01 "reply $i"); done
ok "five replies in a row are accepted" grep -q '"errcode":0' <<<"$out"
ok "the sixth is refused: 45047" grep -q '"errcode":45047' <<<"$(send oPhoneUser01 "reply 6")"
# (what else it received, wxdesk's offer to leave a message while nobody
# was there, is 28-follower-texts.sh's)
ok "the phone received the five" test "$(jget "$SIMB/sim/received?appid=$APP_ID&openid=oPhoneUser01" | grep -o '"content":"reply [0-9]"' | wc -l)" = 5
r=$(phone -F action=text -F "text=thanks")
t=$(sqlq "SELECT token FROM access_tokens WHERE channel_id = $CH")
ok "after the follower writes, replies are accepted again" grep -q '"errcode":0' <<<"$(send oPhoneUser01 "welcome")"
ok "a stranger cannot be written to: 40003" grep -q '"errcode":40003' <<<"$(send oStranger "hi")"
shift_clock $((48 * 3600 + 60))
t=$(curl -s -d "$body" "$SIMB/cgi-bin/stable_token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ok "48 hours after the follower's last message: 45015" grep -q '"errcode":45015' <<<"$(send oPhoneUser01 "too late")"
done_tests
