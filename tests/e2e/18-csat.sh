# 18-csat.sh: satisfaction ratings through the simulator: a chat an
# operator closes is asked for a rating (a customer-service message); the
# follower's digit is the rating, thanked with a passive reply, and opens
# no new chat; other text opens a chat as usual; with no allowance left
# (5 in a row) the question is skipped and the transcript says so; a digit
# after the hours is an ordinary message; the report counts it all.
. "$(dirname "$0")/lib.sh"
own_channel "Csat Brand"
worker_stop
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
csat() { sqlq "SELECT CONCAT(IFNULL(csat_state, '-'), ':', IFNULL(csat_rating, '-')) FROM chats WHERE id = $1"; }
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/csat" csat_enabled=1 csat_question= csat_hours=0
ok "hours outside 1-72 are refused, beside the field" eval 'status_is 422 && has "from 1 to 72"'
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/csat" csat_enabled=1 csat_question= csat_hours=24
ok "asking switched on" test "$(sqlq "SELECT CONCAT(csat_enabled, ':', csat_hours) FROM channel_prefs WHERE channel_id = $CH")" = "1:24"
sign_in op operator "$(demo_pw operator)"
# answer_and_close FOLLOWER REPLIES: a chat picked up, answered REPLIES times, closed
answer_and_close() {
	FROM=$1
	say "hello from $1"
	local c i
	c=$(chat_of)
	TOKEN_PAGE="/console/chats/$c" post op "/console/chats/$c/pickup"
	for i in $(seq 1 "$2"); do TOKEN_PAGE="/console/chats/$c" post op "/console/chats/$c/send" "text=reply $i"; done
	TOKEN_PAGE="/console/chats/$c" post op "/console/chats/$c/close" closing=
	CHAT=$c
}
answer_and_close "oCsat$(openssl rand -hex 4)" 1
c1=$CHAT
ok "closed by the operator" test "$(sqlq "SELECT state FROM chats WHERE id = $c1")" = closed
tick
ok "the worker asked for a rating" test "$(csat "$c1")" = "asked:-"
ok "…the question on the phone (the default, in the followers' language)" test "$(last_got)" = "请回复数字 1–5 为本次服务评分（5 为非常满意）。"
say "５"
ok "the follower's digit (full-width) is the rating" test "$(csat "$c1")" = "rated:5"
ok "…it opens no new chat" test -z "$(chat_of)"
ok "…the message is kept in the rated chat" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c1 AND direction = 'in' AND body = '５'")" = 1
ok "…thanked with a passive reply" test "$(last_got)" = "感谢您的评价！"
ok "…noted in the transcript" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c1 AND event = 'csat_rated'")" = 1
say "3"
ok "a second digit is an ordinary message: a new chat" test -n "$(chat_of)"

# other text opens a chat as usual
answer_and_close "oCsatB$(openssl rand -hex 4)" 1
c2=$CHAT
tick
say "one more question"
ok "text that is not a rating opens a chat" test -n "$(chat_of)"
ok "…the question stays unanswered" test "$(csat "$c2")" = "asked:-"

# no allowance left: 5 in a row, then closed
answer_and_close "oCsatC$(openssl rand -hex 4)" 5
c3=$CHAT
tick
ok "no room in WeChat's 5: skipped" test "$(csat "$c3")" = "skipped:-"
ok "…and the transcript says so" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c3 AND event = 'csat'")" = 1

# after the hours, a digit is an ordinary message
answer_and_close "oCsatD$(openssl rand -hex 4)" 1
c4=$CHAT
tick
shift_clock $((25 * 3600))
say "4"
ok "after the hours a digit opens a chat" test -n "$(chat_of)" && test "$(csat "$c4")" = "asked:-"

# the report (signed in again: the clock moved past the sessions' idle limit)
sign_in adm admin "$(demo_pw admin)"
sign_in op operator "$(demo_pw operator)"
# the dates around wxdesk's clock (earlier scripts may have moved it days ahead)
wxnow=$(($(date +%s) + $(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0)))
get adm "/reports/csat?from=$(date -u -d "@$((wxnow - 3 * 86400))" +%F)&to=$(date -u -d "@$((wxnow + 86400))" +%F)"
ok "the report: asked, rated, the share and the average" eval 'status_is 200 && has "Share rated" && has "<td>5.00</td>"'
get op "/reports/csat"
ok "…an operator sees their own" status_is 200

sqlq "UPDATE channel_prefs SET csat_enabled = 0 WHERE channel_id = $CH"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
