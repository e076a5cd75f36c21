# 09-console.sh: the operators' console through lighttpd: lists, live poll,
# atomic pick-up, replies within WeChat's rules, delivery states, close.
. "$(dirname "$0")/lib.sh"
own_channel "Console Brand"
FROM=oConsole$(openssl rand -hex 6)
# the follower writes on the simulator's phone, so "WeChat" knows it as WeChat would
# phone, say, received and fault (lib.sh) act as this follower

echo "super-password-2" | "$WXDESK_BUILD/bin/wxdesk-admin" user sup2 "Sam Supervisor" supervisor >/dev/null
echo "outside-password-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user outsider "Olly Outside" operator >/dev/null
sign_in op operator "$(demo_pw operator)"
sign_in sup sup2 "super-password-2"
sign_in out outsider "outside-password-1"

# --- a follower writes: a waiting chat in the list, found by the poll
get op /console/poll
mark=$(sed -n 's/.*"mark":"\([0-9.]*\)".*/\1/p' <<<"$BODY")
ok "poll gives a mark" test -n "$mark"
get op "/console/poll?since=$mark"
ok "nothing new: a short answer" test "$BODY" = '{"changed":false}'
phone -F action=follow >/dev/null
say "console test: where is my order 12345?"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")
ok "the push is a waiting chat" test -n "$chat"
get op "/console/poll?since=$mark"
ok "the poll sees the change" has '"changed":true'
ok "…with the waiting count" grep -q '"waiting":[1-9]' <<<"$BODY"
get op /console/
ok "the waiting list shows it" has "/console/chats/$chat"
ok "…with its latest message" has "console test: where is my order 12345?"
say "console test: it was a blue one"
get op /console/
ok "…which the next message replaces (the list shows what the follower said last)" \
	eval 'has "console test: it was a blue one" && ! has "where is my order 12345?</td>"'
ok "…and the reply window" has "of 5 sent"
get out /console/
ok "an operator outside the department does not see it" test "$(grep -c "/console/chats/$chat\"" <<<"$BODY")" = 0
get out "/console/chats/$chat"
ok "…and cannot open it" status_is 403
get op "/console/chats/$chat"
ok "the chat page" status_is 200
ok "…shows the message" has "where is my order 12345?"
ok "…offers the pick-up" has "Pick up this chat"
ok "…and says why it cannot be answered yet" has "Pick this chat up to answer it."

# --- two people pick it up at once: one gets it, the other is told who
get op "/console/chats/$chat"; t1=$(csrf)
get sup "/console/chats/$chat"; t2=$(csrf)
curl -s -o "$WXDESK_VAR/p1" -w '%{http_code}\n' -b "$JARS/op" -d "csrf=$t1" "$BASE/console/chats/$chat/pickup" >"$WXDESK_VAR/s1" &
curl -s -o "$WXDESK_VAR/p2" -w '%{http_code}\n' -b "$JARS/sup" -d "csrf=$t2" "$BASE/console/chats/$chat/pickup" >"$WXDESK_VAR/s2" &
wait
codes=$(cat "$WXDESK_VAR/s1" "$WXDESK_VAR/s2" | sort | tr '\n' ' ')
ok "one pick-up wins, one is refused ($codes)" test "$codes" = "303 409 "
loser=$(grep -l "picked this chat up first" "$WXDESK_VAR/p1" "$WXDESK_VAR/p2" | wc -l)
ok "…and the other is told who took it" test "$loser" = 1
ok "one system line says who" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND event = 'picked_up'")" = 1
owner=$(sqlq "SELECT u.login FROM chats c JOIN users u ON u.id = c.operator_id WHERE c.id = $chat")
if [ "$owner" != operator ]; then	# let the operator have it for the rest
	sqlq "UPDATE chats SET operator_id = (SELECT id FROM users WHERE login = 'operator') WHERE id = $chat"
fi

# --- replies: delivered through WeChat, at most 5 in a row
send() { TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/send" "text=$1"; }
send "您好！我来查一下 <b>订单</b>"
ok "a reply is sent" status_is 303
ok "…delivered" test "$(sqlq "SELECT delivery_state FROM messages WHERE chat_id = $chat AND direction = 'out' ORDER BY id DESC LIMIT 1")" = delivered
ok "…the phone got it" test "$(received)" = 1
get op "/console/chats/$chat"
ok "…the transcript shows it escaped" has "我来查一下 &lt;b&gt;订单&lt;/b&gt;"
ok "…with its state" has "delivered"
send "   "
ok "an empty reply is refused" status_is 422
ok "…in words" has "Type a message first."
for i in 2 3 4 5; do send "reply $i"; done
ok "5 in a row delivered" test "$(received)" = 5
send "the sixth"
ok "the 6th is refused before WeChat is called" status_is 409
ok "…with the reason" has "WeChat allows 5 messages in a row; you can write again when the follower replies."
ok "…the text kept in the box" has ">the sixth</textarea>"
ok "…nothing stored or sent" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body = 'the sixth'"):$(received)" = "0:5"
get op "/console/chats/$chat"
ok "the composer says why it is disabled" has "you can write again when the follower replies"
say "thanks, any news?"
send "the sixth"
ok "the follower's reply unlocks it" test "$(received)" = 6

# --- WeChat's errors: shown in words, not counted, retried
fault 45015
send "refused by WeChat"
ok "a refused message is kept" test "$(sqlq "SELECT CONCAT(delivery_state, ':', wx_errcode) FROM messages WHERE chat_id = $chat AND body = 'refused by WeChat'")" = "failed:45015"
get op "/console/chats/$chat"
ok "…shown with WeChat's reason" has "reply window has closed (48 hours after their last message"
ok "…with a retry button" has "Retry"
ok "…and not counted toward the 5" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 1
failed=$(sqlq "SELECT id FROM messages WHERE chat_id = $chat AND body = 'refused by WeChat'")
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/retry" "message=$failed"
ok "retry delivers it" test "$(sqlq "SELECT delivery_state FROM messages WHERE id = $failed")" = delivered
fault -1 2
send "busy at first"
ok "-1 (busy) is retried by itself" test "$(sqlq "SELECT delivery_state FROM messages WHERE chat_id = $chat AND body = 'busy at first'")" = delivered
# --- attachments, checked by content against WeChat's limits
say "can you send me the manual?"
attach() { get op "/console/chats/$chat"; local t; t=$(csrf)
	req op POST "/console/chats/$chat/send" -F "csrf=$t" -F "text=${2:-}" -F "attachment=@$1"; sent; }
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/out.png"; head -c 5000 /dev/urandom >>"$WXDESK_VAR/out.png"
printf 'ID3\x03\x00' >"$WXDESK_VAR/out.mp3"; head -c 5000 /dev/urandom >>"$WXDESK_VAR/out.mp3"
printf '\x00\x00\x00\x18ftypmp42' >"$WXDESK_VAR/out.mp4"; head -c 5000 /dev/urandom >>"$WXDESK_VAR/out.mp4"
kinds() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o "\"msgtype\":\"$1\"" | wc -l; }
attach "$WXDESK_VAR/out.png" "here is a picture"
ok "a picture is uploaded and sent" test "$(kinds image)" = 1
ok "…with its text after it" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body = 'here is a picture' AND delivery_state = 'delivered'")" = 1
ok "…kept for the transcript" test "$(sqlq "SELECT a.mime FROM messages m JOIN attachments a ON a.id = m.attachment_id WHERE m.chat_id = $chat AND m.direction = 'out' AND m.msg_type = 'image'")" = image/png
attach "$WXDESK_VAR/out.mp3"
ok "an MP3 goes as voice" test "$(kinds voice)" = 1
attach "$WXDESK_VAR/out.mp4"
ok "an MP4 goes as video" test "$(kinds video)" = 1
get op "/console/chats/$chat"
ok "the transcript shows the picture sent" has 'alt="Picture sent"'
printf 'just text, named like a picture' >"$WXDESK_VAR/fake.png"
attach "$WXDESK_VAR/fake.png"
ok "a file that is not what its name says is refused" status_is 422
ok "…naming what WeChat takes" has "WeChat cannot take this kind of file."
printf 'ID3\x03\x00' >"$WXDESK_VAR/big.mp3"; head -c $((2 * 1024 * 1024 + 100)) /dev/zero >>"$WXDESK_VAR/big.mp3"
attach "$WXDESK_VAR/big.mp3"
ok "audio over 2 MB is refused" status_is 422
ok "…naming the limit" has "Audio files can be at most 2 MB in WeChat; this file is 2.0 MB."
ok "refused files are not counted" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 4
printf '\x00\x00\x00\x18ftypmp42' >"$WXDESK_VAR/big.mp4"; head -c $((12 * 1024 * 1024)) /dev/zero >>"$WXDESK_VAR/big.mp4"
attach "$WXDESK_VAR/big.mp4"
ok "a file somewhat over WeChat's limit reaches the chat page that explains it" status_is 422
ok "…naming WeChat's limit" has "can be at most 10 MB in WeChat"
head -c $((21 * 1024 * 1024)) /dev/zero >"$WXDESK_VAR/huge.mp4"
attach "$WXDESK_VAR/huge.mp4"
ok "a file over the request limit: 413 before it is read" status_is 413
ok "…on a page with the menu, in the UI's megabytes" test -n "$(grep -F "at most 20 MB here" <<<"$BODY")" -a -n "$(grep -F "Sign out" <<<"$BODY")"

fault 503 1
send "during an outage"
ok "a WeChat outage: the message is kept, failed" test "$(sqlq "SELECT CONCAT(delivery_state, ':', IFNULL(wx_errcode, '-')) FROM messages WHERE chat_id = $chat AND body = 'during an outage'")" = "failed:-2"
get op "/console/chats/$chat"
ok "…said in words in the transcript, beside the message, with a retry" eval 'grep -A3 "during an outage" <<<"$BODY" | grep -q "could not be reached" && has "Retry"'
TOKEN_PAGE="/console/chats/$chat" post sup "/console/chats/$chat/send" "text=not mine"
ok "another person cannot answer the operator's chat" status_is 409
ok "…and is told who answers it" has "Demo Operator is answering this chat."

# --- the 48-hour window, on the shifted clock
# (an active chat is idle-closed within 24 hours; to see the 48-hour rule on
# one, the idle limit is set beyond what the preferences page allows)
sqlq "UPDATE channel_prefs SET idle_close_minutes = 100000 WHERE channel_id = (SELECT id FROM channels WHERE app_id = '$APP_ID')"
worker_pause	# (it would close the chat: its 48 hours are over too)
shift_clock $((49 * 3600))
sign_in op operator "$(demo_pw operator)"	# the sessions expired meanwhile
sign_in out outsider "outside-password-1"
send "too late"
ok "48 hours after the follower's last message: refused" status_is 409
ok "…in words" has "last message; WeChat will not deliver."
ok "…nothing stored" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE body = 'too late'")" = 0

# --- past its 48 hours the worker closes the chat; search the closed chats
worker_resume
tick
ok "closed by the worker: its 48 hours are over" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $chat")" = "closed:window_expired"
get op "/console/chats/$chat"
ok "the page says it is closed, and why" has "48 hours passed since the chat started"
get op "/console/?tab=closed&q=order+12345"
ok "search finds it by text" has "/console/chats/$chat"
get op "/console/?tab=closed&q=nothing-like-this"
ok "…and not by other text" test "$(grep -c "/console/chats/$chat\"" <<<"$BODY")" = 0
get op "/console/?tab=closed&q=%25"
ok "a % is searched as a character" test "$(grep -c "/console/chats/$chat\"" <<<"$BODY")" = 0

# --- pictures: fetched by the worker, served to those who see the chat
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/pic2.png"
head -c 2000 /dev/urandom >>"$WXDESK_VAR/pic2.png"
phone -F action=media -F "file=@$WXDESK_VAR/pic2.png;type=image/png" >/dev/null
img=$(sqlq "SELECT m.id FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$FROM' AND m.msg_type = 'image' ORDER BY m.id DESC LIMIT 1")
for i in $(seq 1 50); do
	[ "$(sqlq "SELECT media_state FROM messages WHERE id = $img")" = fetched ] && break
	sleep 0.2
done
get op "/console/media/$img"
ok "the picture is served" status_is 200
ok "…as an image" hdr "content-type: image/"
get out "/console/media/$img"
ok "…not to an operator outside the department" status_is 403
get op "/console/"
ok "the list names a picture as the follower's last words" has "[Picture]"

# --- the next message opens a new chat linked to the closed one; transfer,
# the follower's name, typing, and a closing message
say "one more thing"
chat2=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")
ok "a new chat, linked to the closed one" test "$(sqlq "SELECT previous_chat_id FROM chats WHERE id = $chat2")" = "$chat"
get op "/console/chats/$chat2"
ok "the follower panel links the other chats" has "href=\"/console/chats/$chat\">"
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/pickup"
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/alias" "alias=  王小姐 (VIP) "
ok "a name for the follower" test "$(sqlq "SELECT alias FROM followers WHERE openid = '$FROM'")" = "王小姐 (VIP)"
get op "/console/?tab=mine"
ok "…shown in the lists" has "王小姐 (VIP)"
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/typing"
ok "typing goes to WeChat" test "$BODY" = '{"sent":true}'
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/typing"
ok "…at most every 10 seconds" has '"recent":true'
get op "/console/chats/$chat2"
ok "the transfer choices list the other department" has 'value="dept:'
ok "…not a colleague outside the department" test "$(grep -c 'Olly Outside' <<<"$BODY")" = 0
support=$SUPPORT
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/transfer" "to=dept:999999"
ok "a department of another brand is refused" status_is 422
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/transfer" "to=dept:$support" "note=needs a refund"
ok "transferred to Support" test "$(sqlq "SELECT CONCAT(state, ':', department_id, ':', IFNULL(operator_id, '-')) FROM chats WHERE id = $chat2")" = "waiting:$support:-"
ok "…with the note in the transcript" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat2 AND body LIKE '%transferred the chat to Support: needs a refund'")" = 1
sqlq "INSERT INTO department_members (department_id, user_id) SELECT $support, id FROM users WHERE login = 'outsider'"
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/pickup"
out_id=$(sqlq "SELECT id FROM users WHERE login = 'outsider'")
TOKEN_PAGE="/console/chats/$chat2" post op "/console/chats/$chat2/transfer" "to=user:$out_id"
ok "transferred to a colleague: theirs, active" test "$(sqlq "SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = $chat2")" = "active:$out_id"
before=$(received)
TOKEN_PAGE="/console/chats/$chat2" post out "/console/chats/$chat2/close" "closing=Thank you, goodbye!"
ok "closed with a closing message" test "$(sqlq "SELECT state FROM chats WHERE id = $chat2")" = closed
ok "…which the follower received" test "$(received)" = $((before + 1))

# --- canned responses: managed per brand by admins, sent by shortcut
sign_in adm admin "$(demo_pw admin)"
demo=$BRAND
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned" "shortcut=Hello There" "body=hi"
ok "a bad shortcut is refused" status_is 422
ok "…explained" has "Use 1 to 32 letters (Chinese too, any case), digits, - and _"
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned" "shortcut=/hello" "body=您好，欢迎光临！有什么可以帮您？"
ok "a canned response added (the slash is optional)" test "$(sqlq "SELECT shortcut FROM canned_responses WHERE brand_id = $demo")" = hello
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned" "shortcut=hello" "body=again"
ok "a shortcut is unique per brand" status_is 409
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned" "shortcut=退货" "category=售后" "body=请把商品寄回仓库，我们收到后三天内退款。"
ok "a shortcut in Chinese" test "$(sqlq "SELECT COUNT(*) FROM canned_responses WHERE brand_id = $demo AND shortcut = '退货'")" = 1
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned" "shortcut=退货，快" "body=x"
ok "…but not Chinese punctuation" status_is 422
get adm "/admin/brands/$demo"; t=$(csrf)
req adm POST "/admin/brands/$demo/canned" -F "csrf=$t" -F "shortcut=manual" -F "body=Here is the manual." -F "file=@$WXDESK_VAR/out.png"
ok "one with a picture" test "$(sqlq "SELECT a.mime FROM canned_responses c JOIN attachments a ON a.id = c.attachment_id WHERE c.shortcut = 'manual'")" = image/png
get adm "/admin/brands/$demo"
ok "the brand page lists them" has "/manual"
ok "…a file by its kind in words, not its MIME type" eval 'grep -q "Here is the manual.</td><td>Picture</td>" <<<"$BODY" && ! has "<td>image/png</td>"'
say "hello again"
chat3=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/pickup"
get op "/console/chats/$chat3"
ok "the chat page offers the canned responses" has "/hello: 您好，欢迎光临"
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/hello"
ok "/hello sends its text" test "$(sqlq "SELECT body FROM messages WHERE chat_id = $chat3 AND direction = 'out' ORDER BY id DESC LIMIT 1")" = "您好，欢迎光临！有什么可以帮您？"
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/退货"
ok "/退货 sends its text" test "$(sqlq "SELECT body FROM messages WHERE chat_id = $chat3 AND direction = 'out' ORDER BY id DESC LIMIT 1")" = "请把商品寄回仓库，我们收到后三天内退款。"
TOKEN_PAGE=/account post op /account/canned "shortcut=/hello" "category=" "body=Hi, it is me again."
ok "an operator keeps canned responses of their own (My account)" test "$(sqlq "SELECT COUNT(*) FROM canned_responses c JOIN users u ON u.id = c.owner_id WHERE u.login = 'operator' AND c.shortcut = 'hello' AND c.brand_id IS NULL")" = 1
get op /account
ok "…listed there" has "Hi, it is me again."
get op "/console/chats/$chat3"
ok "…first in the reply box, apart from the brand's, by category" eval 'has "<optgroup label=\"My canned responses\">" && has "<optgroup label=\"售后\">"'
say "and one more question"	# WeChat's 5 in a row start again
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/hello"
ok "…and a shortcut of their own comes before the brand's" test "$(sqlq "SELECT body FROM messages WHERE chat_id = $chat3 AND direction = 'out' ORDER BY id DESC LIMIT 1")" = "Hi, it is me again."
mine=$(sqlq "SELECT c.id FROM canned_responses c JOIN users u ON u.id = c.owner_id WHERE u.login = 'operator'")
TOKEN_PAGE=/account post adm "/account/canned/$mine/delete"
ok "…which nobody else can delete" eval 'status_is 404 && test "$(sqlq "SELECT COUNT(*) FROM canned_responses WHERE id = $mine")" = 1'
TOKEN_PAGE=/account post op "/account/canned/$mine/delete"
ok "…but they can" test "$(sqlq "SELECT COUNT(*) FROM canned_responses WHERE id = $mine")" = 0
before=$(kinds image)
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/manual"
ok "/manual sends its picture" test "$(kinds image)" = $((before + 1))
ok "…and its text" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat3 AND body = 'Here is the manual.'")" = 1
get op "/console/chats/$chat3"
ok "the page marks a canned response with a file as two messages (the send's cost)" eval \
	'has "value=\"/manual\" data-parts=\"2\"" && has "id=\"send-cost\" data-left=\"2\""'
sqlq "UPDATE chats SET consecutive_out = 4 WHERE id = $chat3"
before=$(kinds image)
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/manual"
ok "one left: the picture goes, the text does not" eval 'status_is 409 && test "$(kinds image)" = $((before + 1))'
ok "…and the page says which went and which did not" has "Sent: the picture. Not sent: the text, which is still in the box."
ok "…with the text in the box to send later" has ">Here is the manual.</textarea>"
ok "…stored once, the text not at all" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat3 AND body = 'Here is the manual.'")" = 1
sqlq "UPDATE chats SET consecutive_out = 0 WHERE id = $chat3"
TOKEN_PAGE="/console/chats/$chat3" post op "/console/chats/$chat3/send" "text=/nope"
ok "an unknown shortcut is refused, not sent" status_is 422
ok "…in words" has "There is no canned response called /nope for this brand."
# every inbound type in the transcript (pushed as WeChat would)
cli() { "$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" \
	--from "$FROM" --retry-gap 0 "$@" >/dev/null; }
cli location 31.2304 121.4737 "上海市 人民广场"
cli link "Order status" "https://example.com/o/1"
cli voice media_that_is_not_there "我的快递在哪里"
cli event CLICK MENU_HELP
cli text "<script>alert(1)</script> /::)"
get op "/console/chats/$chat3"
ok "a location: label and coordinates" has "上海市 人民广场"
ok "…latitude from Location_X" has "latitude 31.2304, longitude 121.4737"
ok "a link card" has "Order status"
ok "a voice message's recognised text" has "我的快递在哪里"
ok "a menu click as a system line" has "Clicked menu item MENU_HELP"
ok "text is escaped, WeChat emoji codes left readable" has "&lt;script&gt;alert(1)&lt;/script&gt; /::)"
ok "…and no script gets through" test "$(grep -c '<script>alert' <<<"$BODY")" = 0
cid=$(sqlq "SELECT id FROM canned_responses WHERE shortcut = 'manual'")
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/canned/$cid/delete"
ok "deleted" test "$(sqlq "SELECT COUNT(*) FROM canned_responses WHERE id = $cid")" = 0
sqlq "UPDATE channel_prefs SET idle_close_minutes = 1440 WHERE channel_id = (SELECT id FROM channels WHERE app_id = '$APP_ID')"

# --- commit order is not id order: a message that took a lower id and
# committed after a higher one is still seen by the poll
late_note() {	# a system line in the chat, as the console writes them
	printf "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, event, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, 'system', 'system', 'note', '%s', CONCAT('s:e2e:', UUID()), UTC_TIMESTAMP() FROM chats WHERE id = %s;" "$1" "$chat"
}
late_begin "$(late_note "written first, committed last")"
sqlq "$(late_note "written second, committed first")"
get op /console/poll
seen=$(sed -n 's/.*"mark":"\([0-9.]*\)".*/\1/p' <<<"$BODY")
late_commit
ok "the lower id committed last is in the database" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body = 'written first, committed last'")" = 1
ok "…below the higher one" test "$(sqlq "SELECT (SELECT id FROM messages WHERE chat_id = $chat AND body = 'written first, committed last') < (SELECT id FROM messages WHERE chat_id = $chat AND body = 'written second, committed first')")" = 1
get op "/console/poll?since=$seen"
ok "the poll sees a late commit below the newest id" has '"changed":true'

# --- a long chat: the newest 50 on its page, the earlier ones a page (or the
# script's scroll) away, everything from a message on for the live update
sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, dedupe_key, media_state, created_at) SELECT c.channel_id, c.follower_id, c.id, 'in', 'text', CONCAT('long chat line ', s.seq), CONCAT('long:', c.id, ':', s.seq), 'none', NOW() FROM chats c JOIN seq_1_to_80 s WHERE c.id = $chat3"
get op "/console/chats/$chat3"
ok "a long chat's page: its newest 50 messages" eval 'has "long chat line 80" && has "long chat line 31" && ! has "long chat line 30<"'
l31=$(sqlq "SELECT id FROM messages WHERE chat_id = $chat3 AND body = 'long chat line 31'")
ok "…and a link to the earlier ones" has "?before=$l31#transcript"
get op "/console/chats/$chat3?before=$l31"
ok "the earlier ones: the 50 before" eval 'has "long chat line 30<" && ! has "long chat line 31<"'
ok "…with a link back to the newest" has 'class="newer-more"'
l5=$(sqlq "SELECT id FROM messages WHERE chat_id = $chat3 AND body = 'long chat line 5'")
get op "/console/chats/$chat3?from=$l5"
ok "from a message on: all of them (the live update keeps what the reader loaded)" eval 'has "long chat line 5<" && has "long chat line 80" && ! has "long chat line 4<"'
done_tests
