# 18-csat.sh: satisfaction ratings through the simulator: a chat an
# operator answered and closes is asked for a rating (a customer-service
# message), once; the follower's digit is the rating, thanked with a
# passive reply, and opens no new chat; other text opens a chat as usual;
# with no allowance left (5 in a row) the question is skipped and the
# transcript says so; a chat picked up and closed without a reply, or with
# only a closing message, is not asked; a question WeChat refuses is not
# counted as asked; a digit after the hours is an ordinary message; the
# report counts it all.
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

# only answered chats are asked, and the report's "asked" counts the chats
# whose question reached the follower
wxnow=$(wx_clock)
RANGE="from=$(date -u -d "@$((wxnow - 3 * 86400))" +%F)&to=$(date -u -d "@$((wxnow + 3 * 86400))" +%F)&tz=UTC"
# the report's asked and rated chats of the brand, from its CSV (a row a day)
csat_csv() { get adm "/reports/csat?$RANGE&brand=$BRAND&format=csv"; awk -F, 'NR > 1 { a += $2; r += $3 } END { print a + 0 ":" r + 0 }' <<<"$BODY"; }
# …and counted in the database: the chats whose question WeChat accepted, and those rated
csat_db() { sqlq "SELECT CONCAT(COUNT(*), ':', SUM(c.csat_state = 'rated')) FROM chats c JOIN channels ch ON ch.id = c.channel_id JOIN messages q ON q.chat_id = c.id AND q.dedupe_key = CONCAT('s:', c.id) AND q.delivery_state = 'delivered' WHERE ch.brand_id = $BRAND"; }
questions() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' AND content = '请回复数字 1–5 为本次服务评分（5 为非常满意）。'"; }
# pick_and_close FOLLOWER CLOSING: a chat picked up and closed with no reply (and CLOSING as its closing message)
pick_and_close() {
	FROM=$1
	say "hello from $1"
	CHAT=$(chat_of)
	TOKEN_PAGE="/console/chats/$CHAT" post op "/console/chats/$CHAT/pickup"
	TOKEN_PAGE="/console/chats/$CHAT" post op "/console/chats/$CHAT/close" "closing=$2"
}
before=$(csat_csv)
ok "the report's asked and rated match the database" test "$before" = "$(csat_db)"
pick_and_close "oCsatE$(openssl rand -hex 4)" ""
c5=$CHAT
got=$(received)
tick; tick
ok "picked up and closed without a reply: not asked" test "$(csat "$c5")" = "-:-"
ok "…the phone got nothing" test "$(received)" = "$got"
ok "…the chat has no question and sent nothing" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c5 AND direction = 'out'")" = 0
ok "…the report's asked count is unchanged" test "$(csat_csv)" = "$before"
pick_and_close "oCsatF$(openssl rand -hex 4)" "Thank you, goodbye"
c6=$CHAT
ok "a closing message alone is sent, and marked" test "$(sqlq "SELECT CONCAT(COUNT(*), ':', SUM(closing), ':', SUM(delivery_state = 'delivered')) FROM messages WHERE chat_id = $c6 AND direction = 'out'")" = "1:1:1"
got=$(received)
tick; tick
ok "…is no answer: not asked" test "$(csat "$c6")" = "-:-"
ok "…no question on the phone" test "$(received):$(questions)" = "$got:0"
ok "…the report's asked count is unchanged" test "$(csat_csv)" = "$before"
answer_and_close "oCsatG$(openssl rand -hex 4)" 1
c7=$CHAT
tick; tick
ok "answered: asked" test "$(csat "$c7")" = "asked:-"
ok "…exactly one question, on the phone and in the chat" test "$(questions):$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c7 AND direction = 'out' AND author_id IS NULL")" = "1:1"
ok "…the report counts it" test "$(csat_csv)" = "$((${before%:*} + 1)):${before#*:}"
# a question WeChat does not accept was not asked
answer_and_close "oCsatH$(openssl rand -hex 4)" 1
c8=$CHAT
fault 45015
tick
ok "a question WeChat refused: skipped, not asked" test "$(csat "$c8")" = "skipped:-"
ok "…the transcript says so" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c8 AND event = 'csat'")" = 1
say "5"
ok "…a digit after it is an ordinary message" test -n "$(chat_of)" -a "$(csat "$c8")" = "skipped:-"
ok "…the report's asked count is unchanged by it" test "$(csat_csv)" = "$((${before%:*} + 1)):${before#*:}"
ok "…and matches the database" test "$(csat_csv)" = "$(csat_db)"

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
wxnow=$(wx_clock)
get adm "/reports/csat?from=$(date -u -d "@$((wxnow - 3 * 86400))" +%F)&to=$(date -u -d "@$((wxnow + 86400))" +%F)"
ok "the report: asked, rated, the share and the average" eval 'status_is 200 && has "Share rated" && has "<td>5.00</td>"'
get op "/reports/csat"
ok "…an operator sees their own" status_is 200

sqlq "UPDATE channel_prefs SET csat_enabled = 0 WHERE channel_id = $CH"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
