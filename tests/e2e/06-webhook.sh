# 06-webhook.sh: WeChat's verification and pushes through lighttpd, in
# every mode and for every message type, stored exactly once.
. "$(dirname "$0")/lib.sh"
SIM="$WXDESK_BUILD/bin/wxdesk-wxsim"
ADMIN="$WXDESK_BUILD/bin/wxdesk-admin"

sqlq "INSERT INTO brands (name, created_at) VALUES ('Hook Brand', NOW()), ('Safe Brand', NOW()), ('Draft Brand', NOW()), ('Compat Brand', NOW())"
bid() { sqlq "SELECT id FROM brands WHERE name = '$1'"; }
for b in 'Hook Brand' 'Safe Brand' 'Draft Brand' 'Compat Brand'; do
	sqlq "INSERT INTO departments (brand_id, name, created_at) VALUES ($(bid "$b"), 'Desk', NOW())"
done
did() { sqlq "SELECT d.id FROM departments d JOIN brands b ON b.id = d.brand_id WHERE b.name = '$1'"; }
chan() {	# prefix brand mode state: sets PREFIX_KEY, PREFIX_TOKEN, …
	local out
	out=$("$ADMIN" channel "$(bid "$2")" "$(did "$2")" "$3" "$4") || return 1
	eval "$(sed "s/^/$1_/" <<<"$out")"
}
chan P 'Hook Brand' plain active
chan S 'Safe Brand' safe active
chan D 'Draft Brand' plain draft
chan C 'Compat Brand' compatible active
URL="$BASE/wechat/$P_WEBHOOK_KEY"
count() { sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $1 ${2:+AND $2}"; }
push() { "$SIM" push "$URL" "$P_TOKEN" --to "$P_ORIGINAL_ID" --retry-gap 0 "$@" >"$WXDESK_VAR/push.out" 2>&1; }

# --- verification
ok "secrets are not stored in clear" test "$(sqlq "SELECT COUNT(*) FROM channels WHERE token_enc LIKE '%$P_TOKEN%' OR aes_key_enc LIKE '%$P_AES_KEY%' OR app_secret_enc LIKE '%$P_APP_SECRET%'")" = 0
"$SIM" verify "$URL" "$P_TOKEN" >"$WXDESK_VAR/v.out"
ok "GET verification echoes echostr" grep -q "echo matches" "$WXDESK_VAR/v.out"
ok "verification time recorded" test "$(sqlq "SELECT verified_at IS NOT NULL FROM channels WHERE id = $P_CHANNEL_ID")" = 1
get anon "/wechat/$P_WEBHOOK_KEY?signature=0000&timestamp=1&nonce=2&echostr=hello"
ok "wrong signature: 403" status_is 403
ok "…and no echo" test "$(grep -c hello <<<"$BODY")" = 0
get anon "/wechat/$P_WEBHOOK_KEY?timestamp=1&nonce=2&echostr=hello"
ok "missing signature: 403" status_is 403
get anon "/wechat/NoSuchKey123?signature=a&timestamp=1&nonce=2&echostr=x"
ok "unknown key: 404" status_is 404
"$SIM" verify "$BASE/wechat/$D_WEBHOOK_KEY" "$D_TOKEN" >"$WXDESK_VAR/v.out"
ok "a draft channel can be verified" grep -q "echo matches" "$WXDESK_VAR/v.out"

# --- a text message opens a waiting chat in the channel's department
push --from oUserA --msgid 7000000000000000001 text "你好，我要退货 😀 /:8-)"
ok "text push answered success" grep -q 'status 200, body "success"' "$WXDESK_VAR/push.out"
ok "stored once" test "$(count $P_CHANNEL_ID "wx_msg_id = '7000000000000000001'")" = 1
ok "body kept, emoji and emoji codes intact" test "$(sqlq "SELECT body FROM messages WHERE wx_msg_id = '7000000000000000001'")" = "你好，我要退货 😀 /:8-)"
chat=$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '7000000000000000001'")
ok "in a chat" test -n "$chat" -a "$chat" != NULL
ok "the chat waits in the channel's department" test "$(sqlq "SELECT CONCAT(state, ':', department_id) FROM chats WHERE id = $chat")" = "waiting:$(did 'Hook Brand')"
ok "follower stored" test "$(sqlq "SELECT COUNT(*) FROM followers WHERE channel_id = $P_CHANNEL_ID AND openid = 'oUserA'")" = 1

# --- retries and replays: the same MsgId is stored once
push --from oUserA --msgid 7000000000000000001 text "你好，我要退货 😀 /:8-)"
ok "a replay is answered success" grep -q 'body "success"' "$WXDESK_VAR/push.out"
ok "…and not stored again" test "$(count $P_CHANNEL_ID "wx_msg_id = '7000000000000000001'")" = 1
for i in $(seq 1 20); do
	push --from oUserA --msgid 7000000000000000002 text "twenty at once" &
done
wait
ok "20 concurrent duplicates stored once" test "$(count $P_CHANNEL_ID "wx_msg_id = '7000000000000000002'")" = 1
push --from oUserA --msgid 7000000000000000003 text "second message"
ok "a second message joins the open chat" test "$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '7000000000000000003'")" = "$chat"
ok "one open chat for the follower" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oUserA' AND c.state <> 'closed'")" = 1

# --- the usual push, a message in an open chat, is one statement, a plain
# INSERT that autocommits (its foreign key to the chat's open key checks
# that the chat takes it): each webhook process takes the full path (one
# transaction, with the follower's lookup) only the first time it sees
# the follower. The worker is paused so that only the webhook's
# statements are counted.
status() { sqlq "SELECT variable_value FROM information_schema.global_status WHERE variable_name = '$1'"; }
inserts() { status COM_INSERT; }
worker_pause
n0=$(inserts) s0=$(status COM_INSERT_SELECT) u0=$(status COM_UPDATE) c0=$(status COM_COMMIT)
for i in $(seq 10 21); do push --from oUserA --msgid 70000000000000004$i text "hot $i"; done
n1=$(inserts) s1=$(status COM_INSERT_SELECT) u1=$(status COM_UPDATE) c1=$(status COM_COMMIT)
worker_resume
ok "12 messages in an open chat: at most one full path (a transaction) per webhook process ($((c1 - c0)))" \
	test $((c1 - c0)) -le "$WXDESK_PROCS"
ok "…the others one statement each: a plain INSERT, no INSERT … SELECT, no UPDATE ($((n1 - n0)), $((s1 - s0)), $((u1 - u0)))" \
	test $((n1 - n0)) -ge 12 -a $((n1 - n0)) -le $((12 + 2 * WXDESK_PROCS)) \
	-a $((s1 - s0)) -le "$WXDESK_PROCS" -a $((u1 - u0)) -le $((WXDESK_PROCS * 3))
ok "…all in the open chat" test "$(count $P_CHANNEL_ID "wx_msg_id LIKE '70000000000000004%' AND chat_id = $chat")" = 12
# the chat's row takes them in at the worker's next tick
for i in $(seq 1 100); do
	[ "$(sqlq "SELECT messages_in FROM chats WHERE id = $chat")" = \
		"$(count $P_CHANNEL_ID "chat_id = $chat AND direction = 'in' AND msg_type <> 'event'")" ] && break
	sleep 0.1
done
ok "the chat counts the follower's messages" test "$(sqlq "SELECT messages_in FROM chats WHERE id = $chat")" = \
	"$(count $P_CHANNEL_ID "chat_id = $chat AND direction = 'in' AND msg_type <> 'event'")"

# --- every type
push --from oUserA --msgid 7000000000000000010 image MEDIA_IMG_1
ok "image stored with its media id, due for download" test "$(sqlq "SELECT CONCAT(msg_type, ':', media_id, ':', media_state) FROM messages WHERE wx_msg_id = '7000000000000000010'")" = "image:MEDIA_IMG_1:due"
push --from oUserA --msgid 7000000000000000011 voice MEDIA_VOICE_1 "语音识别的文字"
ok "voice keeps its recognition text" test "$(sqlq "SELECT body FROM messages WHERE wx_msg_id = '7000000000000000011'")" = "语音识别的文字"
push --from oUserA --msgid 7000000000000000012 video MEDIA_VID_1 THUMB_1
ok "video stored with its thumbnail" test "$(sqlq "SELECT CONCAT(media_id, ':', thumb_media_id) FROM messages WHERE wx_msg_id = '7000000000000000012'")" = "MEDIA_VID_1:THUMB_1"
push --from oUserA --msgid 7000000000000000013 shortvideo MEDIA_SV_1 THUMB_2
ok "shortvideo stored" test "$(count $P_CHANNEL_ID "msg_type = 'shortvideo'")" = 1
push --from oUserA --msgid 7000000000000000014 location 23.134521 113.358803 " 广州市海珠区"
ok "location label kept untrimmed" test "$(sqlq "SELECT body FROM messages WHERE wx_msg_id = '7000000000000000014'")" = " 广州市海珠区"
ok "latitude is Location_X" grep -q '"Location_X":"23.134521"' <<<"$(sqlq "SELECT fields FROM messages WHERE wx_msg_id = '7000000000000000014'")"
push --from oUserA --msgid 7000000000000000015 link "公众平台" "https://example.com/a"
ok "link stored" test "$(sqlq "SELECT body FROM messages WHERE wx_msg_id = '7000000000000000015'")" = "公众平台"
cat >"$WXDESK_VAR/unknown.xml" <<XML
<xml><ToUserName><![CDATA[$P_ORIGINAL_ID]]></ToUserName><FromUserName><![CDATA[oUserA]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[miniprogrampage]]></MsgType><Title><![CDATA[card]]></Title><MsgID>7000000000000000016</MsgID></xml>
XML
push raw "$WXDESK_VAR/unknown.xml"
ok "an unknown MsgType is stored as such (MsgID spelling)" test "$(sqlq "SELECT msg_type FROM messages WHERE wx_msg_id = '7000000000000000016'")" = miniprogrampage

# --- events
push --from oUserB event subscribe qrscene_spring2026
ok "subscribe answered" grep -q 'body "success"' "$WXDESK_VAR/push.out"
ok "follower's QR scene recorded" test "$(sqlq "SELECT CONCAT(subscribed, ':', qr_scene) FROM followers WHERE openid = 'oUserB'")" = "1:spring2026"
ok "an event opens no chat" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oUserB'")" = 0
for ev in "SCAN 1000000" "LOCATION" "CLICK MENU_HELP" "VIEW https://example.com/m" "weapp_audit_pass"; do
	set -- $ev
	push --from oUserB event "$1" "${2:-}"
	ok "event $1 stored" test "$(count $P_CHANNEL_ID "event = '$1'")" = 1
done
push --from oUserB --time 1700000123 event CLICK MENU_RETRY
push --from oUserB --time 1700000123 event CLICK MENU_RETRY
ok "the same event retried (same CreateTime) is stored once" test "$(count $P_CHANNEL_ID "event_key = 'MENU_RETRY'")" = 1
push --from oUserB --time 1700000124 event CLICK MENU_RETRY
ok "…a later click is a new event" test "$(count $P_CHANNEL_ID "event_key = 'MENU_RETRY'")" = 2

# --- refusals: nothing stored
before=$(count $P_CHANNEL_ID)
req anon POST "/wechat/$P_WEBHOOK_KEY?signature=bad&timestamp=1&nonce=2" --data-binary "<xml><MsgType>text</MsgType></xml>"
ok "a push with a wrong signature: 403" status_is 403
ok "failure counted for the health panel" test "$(sqlq "SELECT signature_failures > 0 FROM channels WHERE id = $P_CHANNEL_ID")" = 1
jq -j '.cases[0].xml' "$WXDESK_ROOT/../shared/vectors/parse-reject-xxe-and-malformed.json" >"$WXDESK_VAR/xxe.xml"
push raw "$WXDESK_VAR/xxe.xml"
ok "an XXE payload is refused" grep -q "status 400" "$WXDESK_VAR/push.out"
printf '<xml><ToUserName>x</ToUserName>' >"$WXDESK_VAR/bad.xml"
push raw "$WXDESK_VAR/bad.xml"
ok "malformed XML is refused" grep -q "status 400" "$WXDESK_VAR/push.out"
head -c 70000 /dev/zero | tr '\0' a | sed 's/^/<xml><Content>/;s/$/<\/Content><\/xml>/' >"$WXDESK_VAR/big.xml"
push raw "$WXDESK_VAR/big.xml"
ok "an oversized push is 413" grep -q "status 413" "$WXDESK_VAR/push.out"
ok "nothing stored from any refusal" test "$(count $P_CHANNEL_ID)" = "$before"

# --- safe and compatible mode
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "$S_AES_KEY" --appid "$S_APP_ID" \
	--to "$S_ORIGINAL_ID" --from oSafe --msgid 7100000000000000001 --retry-gap 0 text "加密的消息" >"$WXDESK_VAR/push.out"
ok "safe mode push stored" test "$(sqlq "SELECT body FROM messages WHERE channel_id = $S_CHANNEL_ID AND wx_msg_id = '7100000000000000001'")" = "加密的消息"
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "$S_AES_KEY" --appid wx0000000000000000 \
	--to "$S_ORIGINAL_ID" --from oSafe --retry-gap 0 text "other app" >"$WXDESK_VAR/push.out"
ok "sealed for another App ID: refused" grep -q "status 400" "$WXDESK_VAR/push.out"
ok "decryption failure counted" test "$(sqlq "SELECT decrypt_failures > 0 FROM channels WHERE id = $S_CHANNEL_ID")" = 1
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" --appid "$S_APP_ID" \
	--to "$S_ORIGINAL_ID" --from oSafe --retry-gap 0 text "wrong key" >"$WXDESK_VAR/push.out"
ok "sealed with another key: refused" grep -q "status 400" "$WXDESK_VAR/push.out"
"$SIM" push "$BASE/wechat/$C_WEBHOOK_KEY" "$C_TOKEN" --mode compatible --aes "$C_AES_KEY" --appid "$C_APP_ID" \
	--to "$C_ORIGINAL_ID" --from oCompat --msgid 7200000000000000001 --retry-gap 0 text "compatible" >"$WXDESK_VAR/push.out"
ok "compatible mode push stored" test "$(sqlq "SELECT body FROM messages WHERE channel_id = $C_CHANNEL_ID")" = "compatible"

# key rotation: the previous key keeps working
new=$("$ADMIN" channel-rotate "$S_CHANNEL_ID")
ok "key rotated" test -n "$new"
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "$S_AES_KEY" --appid "$S_APP_ID" \
	--to "$S_ORIGINAL_ID" --from oSafe --msgid 7100000000000000002 --retry-gap 0 text "old key" >"$WXDESK_VAR/push.out"
ok "after rotation, the old key still works" test "$(count $S_CHANNEL_ID "wx_msg_id = '7100000000000000002'")" = 1
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "$new" --appid "$S_APP_ID" \
	--to "$S_ORIGINAL_ID" --from oSafe --msgid 7100000000000000003 --retry-gap 0 text "new key" >"$WXDESK_VAR/push.out"
ok "…and so does the new one" test "$(count $S_CHANNEL_ID "wx_msg_id = '7100000000000000003'")" = 1

# --- the webhook caches channel rows; a channel disabled in the database
# takes no more chats at once, even in a chat that is open
for i in 1 2 3 4; do push --from oUserA --msgid 700000000000000090$i text "warm $i"; done
sqlq "UPDATE channels SET state = 'disabled' WHERE id = $P_CHANNEL_ID"
before=$(count $P_CHANNEL_ID)
for i in 5 6 7 8; do push --from oUserA --msgid 700000000000000090$i text "while disabled $i"; done
ok "disabled: pushes are answered success" grep -q 'body "success"' "$WXDESK_VAR/push.out"
ok "…but stored nowhere, though the open chat is cached" test "$(count $P_CHANNEL_ID)" = "$before"
ok "…and counted" test "$(sqlq "SELECT inactive_messages FROM channels WHERE id = $P_CHANNEL_ID")" = 4
sqlq "UPDATE channels SET state = 'active', inactive_messages = 0 WHERE id = $P_CHANNEL_ID"
push --from oUserA --msgid 7000000000000000909 text "active again"
ok "enabled again: stored at once" test "$(count $P_CHANNEL_ID "wx_msg_id = '7000000000000000909'")" = 1

# --- a channel that is not active answers success but opens nothing
"$SIM" push "$BASE/wechat/$D_WEBHOOK_KEY" "$D_TOKEN" --to "$D_ORIGINAL_ID" --retry-gap 0 text "hello?" >"$WXDESK_VAR/push.out"
ok "draft channel answers success" grep -q 'body "success"' "$WXDESK_VAR/push.out"
ok "…stores no message" test "$(count $D_CHANNEL_ID)" = 0
ok "…and counts it" test "$(sqlq "SELECT inactive_messages FROM channels WHERE id = $D_CHANNEL_ID")" = 1

# --- 48 hours after the chat started the worker closes it (the hot path
# does not look at the time), and the next message opens a new chat
shift_clock $((49 * 3600))
tick
ok "past its 48 hours the worker closes the chat" \
	test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $chat")" = "closed:window_expired"
push --from oUserA --msgid 7000000000000000100 text "back after two days"
new_chat=$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '7000000000000000100'")
ok "a new chat" test -n "$new_chat" -a "$new_chat" != "$chat"
ok "the old one closed: window expired" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $chat")" = "closed:window_expired"
ok "the new one links to it" test "$(sqlq "SELECT previous_chat_id FROM chats WHERE id = $new_chat")" = "$chat"
ok "a system line says why" test "$(count $P_CHANNEL_ID "chat_id = $chat AND direction = 'system'")" = 1

# --- unsubscribe closes the chat; with the erase setting, personal data goes
push --from oUserA event unsubscribe
ok "unfollow closes the chat" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $new_chat")" = "closed:unfollowed"
ok "follower marked unsubscribed" test "$(sqlq "SELECT subscribed FROM followers WHERE openid = 'oUserA'")" = 0
ok "without the erase setting, the history stays" test "$(count $P_CHANNEL_ID "body = 'back after two days'")" = 1
sqlq "UPDATE channel_prefs SET erase_on_unfollow = 1 WHERE channel_id = $P_CHANNEL_ID"
push --from oUserB --msgid 7000000000000000200 text "please forget me"
push --from oUserB event unsubscribe
ok "with the erase setting, message bodies are erased" test "$(count $P_CHANNEL_ID "body = 'please forget me'")" = 0
ok "…the profile too" test "$(sqlq "SELECT CONCAT(erased, ':', IFNULL(qr_scene, '-')) FROM followers WHERE openid = 'oUserB'")" = "1:-"
ok "…while the message count stays for reports" test "$(count $P_CHANNEL_ID "follower_id = (SELECT id FROM followers WHERE openid = 'oUserB') AND direction = 'in'")" -ge 7

# --- the database goes down: 503, and WeChat's retry stores the message once
lines0=$(wc -l <"$WXDESK_VAR/log/wxdesk.log")
mariadb-admin --no-defaults --socket="$WXDESK_VAR/run/mysqld.sock" -uroot shutdown
for i in $(seq 1 50); do [ -S "$WXDESK_VAR/run/mysqld.sock" ] || break; sleep 0.1; done
(	# the database comes back once the webhook has met the outage
	for i in $(seq 1 200); do
		tail -n +"$((lines0 + 1))" "$WXDESK_VAR/log/wxdesk.log" | grep -q "webhook.fcgi.*database" && break
		sleep 0.05
	done
	"$WXDESK_ROOT/bin/wxdesk-ctl" start >/dev/null 2>&1 ) &
"$SIM" push "$URL" "$P_TOKEN" --to "$P_ORIGINAL_ID" --from oUserC --msgid 7000000000000000300 --retry-gap 4 text "sent while the database was down" >"$WXDESK_VAR/push.out"
wait
ok "the first attempt got 503, never success" grep -q "attempt 1: status 503" "$WXDESK_VAR/push.out"
ok "a retry succeeded" grep -q 'status 200, body "success"' "$WXDESK_VAR/push.out"
# (the retry came 4 s after WeChat signed it: kept for later, spool.h, and
# taken in by the worker)
once300() { test "$(count $P_CHANNEL_ID "wx_msg_id = '7000000000000000300'")" = 1; }
ok "stored exactly once" eventually once300
# --- a message stored in the second before the worker's close (the hot
# path's INSERT, written here as it writes it, the worker paused)
# continues the chat, and its 48 hours start again there
push --from oUserW --msgid 7000000000000000120 text "在吗"
wchat=$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '7000000000000000120'")
worker_pause
shift_clock $((48 * 3600 + 1))
late_at=$(wx_clock)
ok "an open chat takes a message through its open key" \
	sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, open_chat, open_bot, direction, msg_type, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, open_key, 0, 'in', 'text', '还在吗', 'm:7000000000000000121', FROM_UNIXTIME($late_at) FROM chats WHERE id = $wchat"
tick
worker_resume
ok "…after its 48 hours, the worker keeps it open: the message continues it, its 48 hours start there" \
	test "$(sqlq "SELECT CONCAT(state <> 'closed', ':', UNIX_TIMESTAMP(window_at)) FROM chats WHERE id = $wchat")" = "1:$late_at"
shift_clock $((48 * 3600))
tick
ok "…and closes it 48 hours after that message" \
	test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $wchat")" = "closed:window_expired"
refused=0
sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, open_chat, open_bot, direction, msg_type, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, $wchat, 0, 'in', 'text', 'x', 'm:7000000000000000122', NOW() FROM chats WHERE id = $wchat" 2>/dev/null || refused=1
ok "a closed chat's open key is gone: a message against it is refused, not stored" test "$refused" = 1
ok "…and the chat's messages no longer name its key" \
	test "$(sqlq "SELECT COUNT(*) FROM messages WHERE open_chat = $wchat")" = 0
# the chat closed under the webhooks' memory of it: the next push opens a
# new chat (the hot path finds no open key and leaves it to the full path)
for i in 3 4 5 6 7 8; do push --from oUserW --msgid 700000000000000013$i text "又来了 $i"; done
ok "after the close, the follower's messages open one new chat, none lost" \
	test "$(sqlq "SELECT COUNT(DISTINCT chat_id), COUNT(*), MIN(chat_id) <> $wchat FROM messages WHERE wx_msg_id BETWEEN '7000000000000000133' AND '7000000000000000138'" | tr '\t' ' ')" = "1 6 1"

done_tests
