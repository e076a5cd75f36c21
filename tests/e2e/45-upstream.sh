# 45-upstream.sh: beside the account's existing server (src/upstream.h).
# An administrator names the server that answered the account before; each
# push wxdesk stores is forwarded to it, signed as WeChat signs (checked by
# the server's own code, plain and safe mode), and its passive reply reaches
# the follower when wxdesk has none (the bot's answer wins), or first for the
# kinds set so; a slow or failing server is counted on the account's health
# panel and never delays WeChat's answer past the budget or loses a push.
. "$(dirname "$0")/lib.sh"
own_channel "Upstream Brand"
WX="$WXDESK_BUILD/bin/wxdesk-wx"
UP=$WXDESK_VAR/upstream
mkdir -p "$UP"
: >"$UP/log"; : >"$UP/safe-log"
UPTOKEN=up$(openssl rand -hex 6)
UPAES=$(openssl rand -base64 32 | tr -d '=+/\n' | head -c 43)
while [ ${#UPAES} -lt 43 ]; do UPAES=${UPAES}A; done
node "$WXDESK_ROOT/tests/e2e/upstream.mjs" "$UPTOKEN" - "$APP_ID" "$UP/log" "$UP/port" &
P1=$!
node "$WXDESK_ROOT/tests/e2e/upstream.mjs" "$UPTOKEN" "$UPAES" "$APP_ID" "$UP/safe-log" "$UP/safe-port" &
P2=$!
trap 'kill $P1 $P2 2>/dev/null' EXIT
eventually test -s "$UP/port" -a -s "$UP/safe-port"
UPURL="http://127.0.0.1:$(cat "$UP/port")/wx"
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
up_last() { tail -1 "$UP/${1:-log}"; }
failures() { sqlq "SELECT upstream_failures FROM channels WHERE id = $CH"; }

sign_in adm admin "$(demo_pw admin)"
save() {
	TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/upstream" "$@"
}
save "upstream_url=$UPURL" upstream_token=bad! upstream_mode=plain route_message=both route_follow=both route_scan=both route_menu=first route_other=both
ok "a Token that is not one: refused beside the field" eval 'test "$STATUS" = 422 && has "A Token is 3 to 32 letters and digits"'
save "upstream_url=$UPURL" "upstream_token=$UPTOKEN" upstream_mode=plain route_message=both route_follow=both route_scan=both route_menu=first route_other=both
ok "the existing server saved, its Token encrypted" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT CONCAT(upstream_forward, \"/\", upstream_first, \"/\", LEFT(upstream_token_enc, 3)) FROM channels WHERE id = $CH")" = "message,follow,scan,menu,other/menu/v1:"'
get adm "/admin/channels/$CH"
ok "…the account page shows it, the Token masked" eval 'has "$UPURL" && ! has "$UPTOKEN" && has "••••"'

# a message: wxdesk has no passive reply (no bot), so the server's reaches the phone
FROM=oUp1$(openssl rand -hex 3)
say "你好，原来的服务器在吗"
ok "a message is stored and opens a chat as always" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")" = 1
ok "…forwarded to the existing server, signed as WeChat signs (its own check)" eval 'up_last | jq -e --arg f "$FROM" ".valid and .openid == \$f and .from == \$f and .content == \"你好，原来的服务器在吗\"" >/dev/null'
ok "…its passive reply reaches the follower" test "$(last_got)" = "upstream: 你好，原来的服务器在吗"

# the bot on: its answer wins for messages; menu clicks are the server's first
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
FROM=oUp2$(openssl rand -hex 3)
say "价格多少"
ok "with the bot on, the bot's answer wins; the server still gets the push" eval 'test "$(last_got)" != "upstream: 价格多少" && test -n "$(last_got)" && up_last | jq -e ".content == \"价格多少\"" >/dev/null'
phone -F action=click -F key=OLD_MENU
ok "a menu click, set to answer there first: the server's reply" test "$(last_got)" = "upstream: CLICK"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=0 bot_idle=15

# slow, failing: counted, stored, answered within the budget
curl -s -o /dev/null --data '{"delay_ms": 6000, "times": 1}' "http://127.0.0.1:$(cat "$UP/port")/control"
FROM=oUp3$(openssl rand -hex 3)
ts=$(wx_clock)
printf '<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[慢]]></Content><MsgId>%s</MsgId></xml>' \
	"$ORIGINAL_ID" "$FROM" "$ts" "$ts$RANDOM" >"$UP/push.xml"
sig=$("$WX" sign "$TOKEN" "$ts" 4711)
took=$(curl -s -o "$UP/answer" -w '%{time_total}' -H 'Content-Type: text/xml' --data-binary @"$UP/push.xml" "$BASE/wechat/$WEBHOOK_KEY?signature=$sig&timestamp=$ts&nonce=4711")
ok "a server slower than the budget: WeChat answered in time ($took s), the push stored" eval 'awk -v t="$took" "BEGIN { exit !(t < 4.5) }" && test "$(cat "$UP/answer")" = success && test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '"'"'$FROM'"'"'")" = 1'
ok "…counted on the account's health panel" test "$(failures)" = 1
curl -s -o /dev/null --data '{"status": 500, "times": 1}' "http://127.0.0.1:$(cat "$UP/port")/control"
FROM=oUp4$(openssl rand -hex 3)
say "出错了吗"
ok "a server that fails: counted, the push stored, the follower answered by nothing else" eval 'test "$(failures)" = 2 && test -z "$(last_got)"'
get adm "/admin/channels/$CH"
ok "…the health panel says so in words" eval 'has "Failed forwards:" && has "the server answered with an error"'

# safe mode: the push sealed with the server's own key, its sealed reply opened
save "upstream_url=http://127.0.0.1:$(cat "$UP/safe-port")/wx" upstream_token= upstream_mode=safe route_message=both route_follow=both route_scan=both route_menu=first route_other=both
ok "safe mode without its key: refused beside the field" eval 'test "$STATUS" = 422 && has "Safe mode needs the EncodingAESKey"'
save "upstream_url=http://127.0.0.1:$(cat "$UP/safe-port")/wx" upstream_token= upstream_mode=safe "upstream_aes=$UPAES" route_message=both route_follow=both route_scan=both route_menu=first route_other=both
ok "…with it: saved, the Token kept" test "$STATUS" = 303
FROM=oUp5$(openssl rand -hex 3)
say "加密转发"
ok "a push forwarded sealed: the server checks msg_signature and opens it" eval 'up_last safe-log | jq -e ".valid and .sealed and .content == \"加密转发\"" >/dev/null'
ok "…its sealed reply opened and relayed" test "$(last_got)" = "upstream: 加密转发"

# a kind set to wxdesk only is not forwarded; an empty URL forwards nothing
save "upstream_url=http://127.0.0.1:$(cat "$UP/safe-port")/wx" upstream_token= upstream_mode=safe route_message=off route_follow=both route_scan=both route_menu=first route_other=both
n=$(wc -l <"$UP/safe-log")
FROM=oUp6$(openssl rand -hex 3)
say "只给 wxdesk"
ok "messages set to wxdesk only: not forwarded" test "$(wc -l <"$UP/safe-log")" = "$n"
save upstream_url= upstream_token= upstream_mode=plain route_message=both route_follow=both route_scan=both route_menu=both route_other=both
ok "an empty URL: nothing forwarded any more" test "$(sqlq "SELECT upstream_url IS NULL FROM channels WHERE id = $CH")" = 1
done_tests
