# 17-bot.sh: the chatbot through the simulator's phone: a welcome on follow
# and a scene's own on a QR code; rule answers arrive as passive replies
# (the simulator records no custom-send call); a numbered menu; hand-off by
# a word, by a rule and by two misses; the operators take over; a retried
# push gets no second answer; safe mode seals the reply; the bot's idle
# limit closes a chat it holds; the rules page's checks, test box and CSV.
. "$(dirname "$0")/lib.sh"
own_channel "Bot Brand"
WX="$WXDESK_BUILD/bin/wxdesk-wx"
sign_in adm admin "$(demo_pw admin)"
# the bot on, with its texts and rules, from the admin pages
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
ok "the bot switched on" test "$(sqlq "SELECT bot_enabled FROM channel_prefs WHERE channel_id = $CH")" = 1
get adm "/admin/channels/$CH/bot"
ok "the chatbot page" eval 'status_is 200 && has "Try the bot"'
ok "…its texts first, the rules, then the test box, then import" test "$(grep -oE 'id="(texts|rules|try|import)"' <<<"$BODY" | tr '\n' ' ')" = 'id="texts" id="rules" id="try" id="import" '
ok "…the import's columns explained in words" eval 'has "<dt><code>handoff</code></dt>" && has "hand the chat to an operator after answering"'
ok "…the default hand-off words in the followers' language (Chinese: no English)" eval 'has "<code>人工, 转人工, 客服</code>" && ! has "agent"'
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot" "welcome=欢迎光临！回复“菜单”看看。" \
	fallback= handoff_text= "handoff_words=找经理" miss_limit=2
ok "texts saved" test "$(sqlq "SELECT bot_miss_limit FROM channel_prefs WHERE channel_id = $CH")" = 2
rule() { TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules" "$@"; }
rule mode=contains "patterns=菜单|menu" "answer=回复 1 查订单，2 退换货"
rule mode=exact "patterns=1" "answer=请发订单号"
rule mode=exact "patterns=2" "answer=我们为您转接售后" handoff=1
rule mode=contains "patterns=price
价格" "answer=Prices: https://example.com/p"
rule mode=scene "patterns=spring" "answer=春季活动欢迎您！"
ok "five rules" test "$(sqlq "SELECT COUNT(*) FROM bot_rules WHERE channel_id = $CH")" = 5
R4=$(sqlq "SELECT id FROM bot_rules WHERE channel_id = $CH AND answer LIKE 'Prices:%'")
get adm "/admin/channels/$CH/bot/rules/$R4"
ok "a rule opens in the form to edit" eval 'status_is 200 && has "Edit the rule" && grep -q "name=\"patterns\"[^>]*>price" <<<"$BODY"'
TOKEN_PAGE="/admin/channels/$CH/bot/rules/$R4" post adm "/admin/channels/$CH/bot/rules/$R4" mode=contains "patterns=price
价格
价钱" "answer=Prices: https://example.com/p"
ok "…saved in its place, not deleted and typed again" test "$(sqlq "SELECT CONCAT(id, ':', position, ':', patterns) FROM bot_rules WHERE id = $R4")" = "$R4:4:price"'\n价格\n价钱'
TOKEN_PAGE="/admin/channels/$CH/bot/rules/$R4" post adm "/admin/channels/$CH/bot/rules/$R4" mode=contains "patterns=price
价格" "answer=Prices: https://example.com/p"
order() { sqlq "SELECT GROUP_CONCAT(match_mode ORDER BY position, id) FROM bot_rules WHERE channel_id = $CH"; }
R5=$(sqlq "SELECT id FROM bot_rules WHERE channel_id = $CH AND match_mode = 'scene'")
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules/$R5/move" dir=up
ok "a rule moves up one place" test "$(order)" = "contains,exact,exact,scene,contains"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules/$R5/move" dir=down
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules/$R5/move" dir=down
ok "…and back down, staying last at the end" test "$(order)" = "contains,exact,exact,contains,scene"
rule mode=contains patterns= answer=x
ok "a rule without patterns is refused, said beside the field" eval 'status_is 422 && has "Write at least one word or message."'
rule mode=contains patterns=foo answer=
ok "…and one that says nothing and hands nothing on" has "Write an answer, or tick"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/test" "try=What is the PRICE?"
ok "the test box: a Latin word, any case, answered" eval 'has "The bot answers:" && has "Prices: https://example.com/p"'
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/test" "try=我想知道价格多少"
ok "…a Chinese word within a sentence" has "Prices: https://example.com/p"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/test" "try=priceless"
ok "…not a Latin word inside a longer one" has "The bot does not understand"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/test" "try=我要找经理"
ok "…the account's own hand-off word" has "The bot hands the chat to the operators."

customs() { simq "SELECT COUNT(*) FROM sim_calls WHERE appid = '$APP_ID' AND api = 'custom_send'"; }
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
got_count() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
c0=$(customs)

# a follow: the welcome, as the answer to the push
FROM=oBot$(openssl rand -hex 5)
phone -F action=follow
ok "a follow gets the welcome on the phone" test "$(last_got)" = "欢迎光临！回复“菜单”看看。"
ok "…and WeChat says the follower came from a search, not a QR code" test "$(simq "SELECT subscribe_scene FROM sim_users WHERE appid = '$APP_ID' AND openid = '$FROM'")" = ADD_SCENE_SEARCH
FROM=oBotScene$(openssl rand -hex 4)
phone -F action=follow -F scene=spring
ok "a follow through a scene gets the scene's welcome" test "$(last_got)" = "春季活动欢迎您！"
ok "…and WeChat says it came through that QR code" test "$(simq "SELECT CONCAT(subscribe_scene, ' ', qr_scene_str) FROM sim_users WHERE appid = '$APP_ID' AND openid = '$FROM'")" = "ADD_SCENE_QR_CODE spring"

# rules, a menu, the transcript
say "你好，有菜单吗"
chat=$(chat_of)
ok "a new chat starts with the bot" test "$(sqlq "SELECT state FROM chats WHERE id = $chat")" = bot
ok "a rule's answer arrives on the phone" test "$(last_got)" = "回复 1 查订单，2 退换货"
say "1"
ok "a menu choice is a rule too" test "$(last_got)" = "请发订单号"
ok "…and the bot keeps the chat" test "$(sqlq "SELECT state FROM chats WHERE id = $chat")" = bot
ok "the bot's answers are passive replies: no customer-service call" test "$(customs)" = "$c0"
ok "…in the transcript, marked as the bot's" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND direction = 'out' AND JSON_VALUE(fields, '$.bot') = 1")" = 2
ok "…and not counted toward the 5" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 0
sign_in op operator "$(demo_pw operator)"
get op "/console/?tab=bot"
ok "operators see the chat in the Bot list" has "/console/chats/$chat"
get op "/console/chats/$chat"
ok "…with what the bot said, and a take-over button" eval 'has "请发订单号" && has "Take over from the bot"'
ok "…and, greyed before it, the follow and the welcome the follower was told" eval \
	'has "class=\"sys earlier-head\"" && grep -q "<li class=\"msg out earlier\"[^>]*>" <<<"$BODY" && has "春季活动欢迎您！"'

# a rule that hands off (the operator's console is open: someone can take it)
get op /console/poll
say "2"
ok "a hand-off rule: its answer on the phone" test "$(last_got)" = "我们为您转接售后"
ok "…and the chat waits for an operator" test "$(sqlq "SELECT state FROM chats WHERE id = $chat")" = waiting
ok "…with the reason in the transcript" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND event = 'bot_handoff'")" = 1
n=$(got_count)
say "还在吗？"
ok "after the hand-off the bot is silent" test "$(got_count)" = "$n"

# two misses in a row
FROM=oBotMiss$(openssl rand -hex 4)
say "asdf qwer"
c2=$(chat_of)
ok "a miss: the default fallback, in the brand's followers' language" test "$(last_got)" = "抱歉，我没有理解您的意思。您可以换个说法，或回复“人工”联系客服。"
ok "…the bot keeps the chat" test "$(sqlq "SELECT state FROM chats WHERE id = $c2")" = bot
ok "…its fallback marked as a miss (the misses in a row are counted from these)" \
	test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c2 AND direction = 'out' AND JSON_VALUE(fields, '$.miss') = 1")" = 1
say "zxcv"
ok "two misses: handed to the operators" test "$(sqlq "SELECT state FROM chats WHERE id = $c2")" = waiting
# nobody's console is open: the hand-off line, then the place in the queue
# (the hand-off rule's chat waits before it) and that the wait cannot be
# estimated (nobody was picked up in this department yet)
ok "…saying so to the follower, with the place in the queue" test "$(last_got)" = \
	'好的，正在为您转接人工客服，请稍候。\n您已进入人工客服排队，当前排在第 2 位，预计等待时间：暂时无法估计。'

# asking for a person
FROM=oBotAgent$(openssl rand -hex 4)
say "hello"
say "转人工"
c3=$(chat_of)
ok "asking for a person hands off at once" test "$(sqlq "SELECT state FROM chats WHERE id = $c3")" = waiting
ok "…noted why" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c3 AND event = 'bot_handoff' AND body LIKE '%asked for a person%'")" = 1

# an operator takes over
FROM=oBotTake$(openssl rand -hex 4)
say "menu please"
c4=$(chat_of)
TOKEN_PAGE="/console/chats/$c4" post op "/console/chats/$c4/pickup"
ok "an operator takes a chat over from the bot" test "$(sqlq "SELECT state FROM chats WHERE id = $c4")" = active
n=$(got_count)
say "menu"
ok "…then the bot no longer answers" test "$(got_count)" = "$n"

# a retried push: the same answer or "success", never a second one
FROM=oBotRetry$(openssl rand -hex 4)
ts=$(($(date +%s) + $(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0)))
printf '<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[menu]]></Content><MsgId>%s</MsgId></xml>' \
	"$ORIGINAL_ID" "$FROM" "$ts" "$ts$RANDOM" >"$WXDESK_VAR/retry.xml"
sig=$("$WX" sign "$TOKEN" "$ts" 4711)
first=$(curl -s -H 'Content-Type: text/xml' --data-binary @"$WXDESK_VAR/retry.xml" "$BASE/wechat/$WEBHOOK_KEY?signature=$sig&timestamp=$ts&nonce=4711")
second=$(curl -s -H 'Content-Type: text/xml' --data-binary @"$WXDESK_VAR/retry.xml" "$BASE/wechat/$WEBHOOK_KEY?signature=$sig&timestamp=$ts&nonce=4711")
ok "the first push is answered with the passive reply XML" eval '[[ $first == "<xml><ToUserName><![CDATA['"$FROM"']]></ToUserName><FromUserName><![CDATA['"$ORIGINAL_ID"']]>"* ]] && [[ $first == *"回复 1 查订单"* ]]'
ok "…its retry with success, no second answer" test "$second" = success
ok "…and one reply stored" test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$FROM' AND m.direction = 'out'")" = 1

# safe mode: the reply is sealed (the simulator opens it, as WeChat does)
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "secret=$APP_SECRET" \
	--data-urlencode "original_id=$ORIGINAL_ID" --data-urlencode "token=$TOKEN" \
	--data-urlencode "aes_key=$AES_KEY" --data-urlencode "mode=safe" \
	--data-urlencode "webhook_url=$BASE/wechat/$WEBHOOK_KEY" --data-urlencode "name=Bot Brand" "$SIMURL/sim/accounts"
sqlq "UPDATE channels SET encryption_mode = 'safe' WHERE id = $CH"
FROM=oBotSafe$(openssl rand -hex 4)
say "price?"
ok "safe mode: the sealed reply reaches the phone" test "$(last_got)" = "Prices: https://example.com/p"
sqlq "UPDATE channels SET encryption_mode = 'plain' WHERE id = $CH"
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "secret=$APP_SECRET" \
	--data-urlencode "original_id=$ORIGINAL_ID" --data-urlencode "token=$TOKEN" \
	--data-urlencode "aes_key=$AES_KEY" --data-urlencode "mode=plain" \
	--data-urlencode "webhook_url=$BASE/wechat/$WEBHOOK_KEY" --data-urlencode "name=Bot Brand" "$SIMURL/sim/accounts"

# a rule changed: answered by the new rule at once (the cache follows bot_version)
rule mode=contains "patterns=营业时间" "answer=九点到六点"
FROM=oBotNew$(openssl rand -hex 4)
say "营业时间是几点"
ok "a new rule answers the next message" test "$(last_got)" = "九点到六点"

# a chat the bot holds: its messages and the answers take the short path
# (intake.c, bot_fast); the misses in a row are the fallbacks at the end
# of the chat, so an answer between two misses starts the count again
FROM=oBotRun$(openssl rand -hex 4)
say "asdf"
say "营业时间呢"
say "qwer"
crun=$(chat_of)
ok "a miss, an answer, a miss: the bot still holds the chat" test "$(sqlq "SELECT state FROM chats WHERE id = $crun")" = bot
ok "…having said the fallback twice and answered once" test "$(sqlq "SELECT CONCAT(SUM(JSON_VALUE(fields, '$.miss') = 1), '/', COUNT(*)) FROM messages WHERE chat_id = $crun AND direction = 'out'")" = "2/3"
ok "…the last answer the fallback" test "$(last_got)" = "抱歉，我没有理解您的意思。您可以换个说法，或回复“人工”联系客服。"
rule mode=contains "patterns=地址" "answer=上海市静安区"
say "地址在哪"
ok "a rule added while the bot holds a chat answers its next message" test "$(last_got)" = "上海市静安区"
ok "…the chat's open key carries the rules' version" test "$(sqlq "SELECT c.open_bot = 1 + p.bot_version MOD 120 FROM chats c JOIN channel_prefs p ON p.channel_id = c.channel_id WHERE c.id = $crun")" = 1
stale=$(sqlq "SELECT 1 + (bot_version - 1) MOD 120 FROM channel_prefs WHERE channel_id = $CH")
refused=0
sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, open_chat, open_bot, direction, msg_type, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, id, $stale, 'in', 'text', 'stale', CONCAT('m:stale', id), NOW() FROM chats WHERE id = $crun" 2>/dev/null || refused=1
ok "…a message answered by the rules before is refused by it (the full path takes it)" test "$refused:$(sqlq "SELECT COUNT(*) FROM messages WHERE body = 'stale'")" = 1:0
say "zzzz"
ok "a miss after it is the first in a row: still the bot's" test "$(sqlq "SELECT state FROM chats WHERE id = $crun")" = bot
say "xxxx"
ok "…and the next, the second in a row, hands the chat over" test "$(sqlq "SELECT state FROM chats WHERE id = $crun")" = waiting
rid=$(sqlq "SELECT id FROM bot_rules WHERE channel_id = $CH AND patterns = '地址'")
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules/$rid/delete"

# a picture answer: the worker uploads it (media/upload), the passive reply names it
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/answer.png"
head -c 3000 /dev/urandom >>"$WXDESK_VAR/answer.png"
get adm "/admin/channels/$CH/bot"
tok=$(csrf)
echo "not a picture" >"$WXDESK_VAR/bot.txt"
req adm POST "/admin/channels/$CH/bot/rules" -F "csrf=$tok" -F mode=exact -F patterns=photo -F answer= \
	-F "picture=@$WXDESK_VAR/bot.txt;filename=notes.png;type=image/png"
ok "a picture that is not one is refused, in a picture's words" eval 'status_is 422 && has "id=\"picture-error\">A bot can answer with a picture only: JPEG or PNG."'
req adm POST "/admin/channels/$CH/bot/rules" -F "csrf=$tok" -F mode=exact -F patterns=photo -F answer= \
	-F "picture=@$WXDESK_VAR/answer.png;type=image/png"
pic=$(sqlq "SELECT id FROM bot_rules WHERE channel_id = $CH AND attachment_id IS NOT NULL")
ok "a rule with a picture and no text" test -n "$pic"
get adm "/admin/channels/$CH/bot"
ok "…the rules list shows the picture" has "<img class=\"thumb\" src=\"/admin/channels/$CH/bot/rules/$pic/picture?v=$(sqlq "SELECT attachment_id FROM bot_rules WHERE id = $pic")\""
get adm "/admin/channels/$CH/bot/rules/$pic/picture"
ok "…which is the file uploaded" eval 'test "$STATUS" = 200 && grep -qi "^content-type: image/png" <<<"$HEADERS" && cmp -s "$WXDESK_VAR/last-body" "$WXDESK_VAR/answer.png"'
tick
ok "the worker uploaded the picture to WeChat" test -n "$(sqlq "SELECT media_id FROM bot_rules WHERE id = $pic")"
FROM=oBotPic$(openssl rand -hex 4)
say "photo"
ok "the picture arrives on the phone as the passive reply" test "$(simq "SELECT CONCAT(msgtype, ':', media_id) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1")" = "image:$(sqlq "SELECT media_id FROM bot_rules WHERE id = $pic")"
ok "…in the transcript as a picture" test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$FROM' AND m.direction = 'out' AND m.msg_type = 'image' AND m.attachment_id IS NOT NULL")" = 1
ok "…still no customer-service call" test "$(customs)" = "$c0"
sqlq "DELETE FROM bot_rules WHERE id = $pic"

# the bot's idle limit closes a chat it holds; the channel's does not apply
worker_stop
cb=$(chat_of)
shift_clock $((16 * 60))
tick
ok "the bot's idle limit (15 min) closes a chat it holds" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $cb")" = "closed:idle_timeout"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"

# CSV out and in
get adm "/admin/channels/$CH/bot/export"
ok "export: the rules as CSV" eval 'has "mode,patterns,answer,handoff" && has "请发订单号"'
printf '%s' "$BODY" >"$WXDESK_VAR/rules.csv"
printf 'mode,patterns,answer,handoff\nsideways,x,y,0\nexact,,y,0\n' >"$WXDESK_VAR/bad.csv"
get adm "/admin/channels/$CH/bot"
tok=$(csrf)
req adm POST "/admin/channels/$CH/bot/import" -F "csrf=$tok" -F "file=@$WXDESK_VAR/bad.csv"
ok "a bad CSV: refused, its lines named, nothing changed" eval 'status_is 422 && has "(line 2, 3)" && test "$(sqlq "SELECT COUNT(*) FROM bot_rules WHERE channel_id = $CH")" = 6'
get adm "/admin/channels/$CH/bot"
tok=$(csrf)
req adm POST "/admin/channels/$CH/bot/import" -F "csrf=$tok" -F "file=@$WXDESK_VAR/rules.csv" -F replace=1
ok "the export imported back in place of the rules: the same rules" test "$(sqlq "SELECT COUNT(*) FROM bot_rules WHERE channel_id = $CH")" = 6
ok "…multi-line patterns and answers kept" test "$(sqlq "SELECT COUNT(*) FROM bot_rules WHERE channel_id = $CH AND patterns = 'price\n价格'")" = 1

sqlq "UPDATE channel_prefs SET bot_enabled = 0 WHERE channel_id = $CH"
done_tests
