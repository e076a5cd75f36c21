# 40-held.sh: replies held for when the follower writes. With no window open
# (the follower's messages used up, or the chat closed past its 48 hours) an
# operator still writes: the reply is held on the chat, changed or cancelled
# there, and goes the moment the follower writes, oldest first, before
# anything typed after it, within what WeChat then allows; a chat closed
# meanwhile hands them to the follower's new chat; held replies that never
# go expire after the brand's days. The reports count both.
. "$(dirname "$0")/lib.sh"
own_channel "Held Brand"
sign_in op operator "$(demo_pw operator)"
FROM=oHeld$(openssl rand -hex 3)
say "你好，我的快递还没到"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
TOKEN_PAGE=/console/ post op "/console/chats/$C/pickup"
send() { TOKEN_PAGE="/console/chats/$1" post op "/console/chats/$1/send" "text=$2"; }
hold() { TOKEN_PAGE="/console/chats/$1" post op "/console/chats/$1/send" hold=1 "text=$2"; }
held() { sqlq "SELECT id FROM messages WHERE follower_id = $F AND body = '$1'"; }
state() { sqlq "SELECT delivery_state FROM messages WHERE follower_id = $F AND body = '$1'"; }
bodies() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o '"content":"[^"]*"' | sed 's/"content":"//; s/"$//' | tac | tr '\n' ' '; }	# oldest first

hold "$C" "too early"
ok "a reply cannot be held while the window takes it" eval 'test "$STATUS" = 409 && test -z "$(held 'too early')"'
for i in 1 2 3 4 5; do send "$C" "reply $i"; done
get op "/console/chats/$C"
ok "the 5 used up, the composer offers to hold a reply" eval 'has "class=\"composer hold\"" && has "Hold until the follower writes" && has "expire after 7 days"'
hold "$C" "我们已经催促仓库"
hold "$C" "预计明天送达"
hold "$C" "to be cancelled"
ok "held replies are stored held, not counted" test "$(state 我们已经催促仓库):$(state 预计明天送达):$(sqlq "SELECT consecutive_out FROM chats WHERE id = $C")" = "held:held:5"
get op "/console/chats/$C"
ok "…the transcript shows them held, to change or cancel" eval 'has "held: goes when the follower writes" && has "/held/$(held 预计明天送达)/cancel"'
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/held/$(held 预计明天送达)" "held_text=预计明天上午送达"
ok "a held reply changed" test "$(state 预计明天上午送达)" = held
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/held/$(held 'to be cancelled')/cancel"
ok "…one cancelled" test -z "$(held 'to be cancelled')"
get op "/console/followers/$F"
ok "the follower's page says it in one place: no messages left, 2 replies held" eval 'has "id=\"follower-ledger\"" && has "has no messages left" && has "2 held replies wait"'
sign_in adm admin "$(demo_pw admin)"
OTHER=$(held 我们已经催促仓库)
sqlq "UPDATE messages SET author_id = (SELECT id FROM users WHERE login = 'admin') WHERE id = $OTHER"
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/held/$OTHER/cancel"
ok "an operator cannot cancel another's held reply" eval 'test "$STATUS" = 403 && test -n "$(held 我们已经催促仓库)"'
sqlq "UPDATE messages SET author_id = (SELECT id FROM users WHERE login = 'operator') WHERE id = $OTHER"

# --- the follower writes: the held replies go, oldest first
worker_pause 2>/dev/null	# (the release is this script's tick, after the console's mark; in a
				# whole run the worker may be stopped already)
say "好的"
get op /console/poll
mark=$(sed -n 's/.*"mark":"\([^"]*\)".*/\1/p' <<<"$BODY")
tick
sent
worker_resume 2>/dev/null
ok "the follower writes: the held replies go, oldest first" test "$(state 我们已经催促仓库):$(state 预计明天上午送达)" = "delivered:delivered"
ok "…the phone got them in order" eval 'bodies | grep -q "我们已经催促仓库 预计明天上午送达"'
ok "…counted in the new window" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $C")" = 2
get op "/console/poll?since=$mark"
ok "…the console's live poll sees them go, though no message was added" eval 'test -n "$mark" && has "\"changed\":true"'
# in_order TEXT…: the chat page's transcript shows the texts in this order
in_order() {
	local last=-1 at x tr
	tr=$(sed -n '/id="transcript"/,/<\/ol>/p' <<<"$BODY")
	for x in "$@"; do
		at=$(grep -b -o -F "$x" <<<"$tr" | head -1 | cut -d: -f1)
		[ -n "$at" ] && [ "$at" -gt "$last" ] || return 1
		last=$at
	done
}
get op "/console/chats/$C"
ok "…the transcript shows them where they went: after the message that let them go, with when they were written" eval 'in_order "好的" "我们已经催促仓库" "预计明天上午送达" && has "<span class=\"written\">written "'
get op "/console/followers/$F"
ok "…the follower's page: 3 of 5 left, none held" eval 'has "WeChat takes 3 more of 5 messages" && ! has "held replies wait"'

# --- a reply typed after the window opened goes behind the held ones
for i in 3 4 5; do send "$C" "more $i"; done
hold "$C" "held first"
say "还有别的问题"
send "$C" "typed after"
sent
ok "a reply typed after the follower wrote goes behind the held one" eval 'bodies | grep -q "held first typed after"'
get op "/console/chats/$C"
ok "…and the transcript says so: the follower's message, the held reply, the one typed after" in_order "还有别的问题" "held first" "typed after"

# --- closed past its 48 hours: held, then handed to the follower's new chat
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close" closing= topic= summary=
shift_clock $((49 * 3600))
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$C"
ok "a closed chat past the follower's 48 hours offers to hold a reply" has "class=\"composer hold\""
hold "$C" "欢迎再来咨询"
ok "…held on the closed chat" test "$(sqlq "SELECT CONCAT(chat_id, ':', delivery_state) FROM messages WHERE body = '欢迎再来咨询' AND follower_id = $F")" = "$C:held"
say "我又来了"
C2=$(sqlq "SELECT id FROM chats WHERE follower_id = $F AND state <> 'closed'")
get op "/console/chats/$C"
ok "the old chat no longer holds a reply while the follower has a chat open: it points there" eval '! has "class=\"composer hold\"" && has "/console/chats/$C2\">The follower has another chat open"'
tick
ok "…not sent while the new chat waits in the queue" test "$(state 欢迎再来咨询)" = held
TOKEN_PAGE=/console/ post op "/console/chats/$C2/pickup"
tick
sent
ok "the follower's new chat takes the held reply and sends it" test "$(sqlq "SELECT CONCAT(chat_id, ':', delivery_state) FROM messages WHERE body = '欢迎再来咨询' AND follower_id = $F")" = "$C2:delivered"
get op "/console/chats/$C2"
ok "…its transcript shows it" has "欢迎再来咨询"

# --- never sent: expired after the brand's days
TOKEN_PAGE="/console/chats/$C2" post op "/console/chats/$C2/close" closing= topic= summary=
shift_clock $((49 * 3600))
sign_in op operator "$(demo_pw operator)"
hold "$C2" "nobody reads this"
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/held" held_days=31
ok "the brand's days for held replies: 1 to 30" test "$STATUS" = 422
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/held" held_days=1
ok "…set on the brand's page" test "$STATUS:$(sqlq "SELECT held_days FROM brands WHERE id = $BRAND")" = "303:1"
shift_clock $((2 * 86400))
tick
ok "a held reply past the brand's days expires, unsent" test "$(state 'nobody reads this')" = expired
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$C2"
ok "…the transcript says so" has "expired: never sent"
ok "the reports count held replies sent and expired" test "$(sqlq "SELECT CONCAT(SUM(kind = 'held_sent'), ':', SUM(kind = 'held_expired')) FROM report_events WHERE channel_id = $CH")" = "4:1"
DAY=$(date -u -d @"$(wx_clock)" +%F)
get op "/reports/?from=$(date -u -d "$DAY - 10 days" +%F)&to=$DAY&tz=UTC&channel=$CH"
ok "…and the overview shows them" eval 'grep -q "id=\"fig-held-sent\">4<" <<<"$BODY" && grep -q "id=\"fig-held-expired\">1<" <<<"$BODY"'

# --- a follower who unfollows, or is blocked, gets nothing: their held replies expire at once
sign_in op operator "$(demo_pw operator)"
FROM=oHeldGone$(openssl rand -hex 3)
say "最后一个问题"
C3=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
TOKEN_PAGE=/console/ post op "/console/chats/$C3/pickup"
for i in 1 2 3 4 5; do send "$C3" "answer $i"; done
hold "$C3" "held for one who leaves"
phone -F action=unfollow
ok "a follower who unfollows: their held reply expires at once, counted" test "$(state 'held for one who leaves'):$(sqlq "SELECT COUNT(*) FROM report_events WHERE kind = 'held_expired' AND chat_id = $C3")" = "expired:1"

# --- a reply scheduled before the window closes: it goes 30 minutes before,
# unless the follower writes first
sqlq "UPDATE channel_prefs SET idle_close_minutes = 100000 WHERE channel_id = $CH"
FROM=oRemind$(openssl rand -hex 3)
say "明天提醒我一下"
C4=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
TOKEN_PAGE=/console/ post op "/console/chats/$C4/pickup"
get op "/console/chats/$C4"
ok "an open window: the composer offers to send a reply 30 minutes before it closes" has "30 minutes before the follower&#39;s window closes"
TOKEN_PAGE="/console/chats/$C4" post op "/console/chats/$C4/send" remind=1 "text=您的预约还有半小时截止"
ok "…scheduled, not sent" test "$(state 您的预约还有半小时截止):$(sqlq "SELECT TIMESTAMPDIFF(SECOND, c.last_user_msg_at, m.send_at) FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.body = '您的预约还有半小时截止'")" = "held:$((48 * 3600 - 1800))"
get op "/console/chats/$C4"
ok "…the transcript says when it goes" has "scheduled: goes unless the follower writes first, at"
say "我想再加一个问题，这条会在提醒之前吗"
hold_at() { sqlq "SELECT UNIX_TIMESTAMP(send_at) FROM messages WHERE body = '$1'"; }
TOKEN_PAGE="/console/chats/$C4" post op "/console/chats/$C4/send" remind=1 "text=最后提醒：窗口即将关闭"
shift_clock $(( $(hold_at 最后提醒：窗口即将关闭) - $(wx_clock) + 1 ))
tick
sent
ok "the follower wrote after the first was scheduled: it is not sent; the other goes at its time" test "$(state 您的预约还有半小时截止):$(state 最后提醒：窗口即将关闭)" = "expired:delivered"
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$C4"
ok "…the transcript says why one did not go" has "not sent: the follower wrote first, or the window closed"
done_tests
