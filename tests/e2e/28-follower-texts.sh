# 28-follower-texts.sh: what a follower is told is true. With the chatbot on,
# outside business hours and on a holiday, asking for a person gets the
# off-hours text and the offer to leave a message, never the hand-off line;
# the next message is the message left: a follow-up on the console's own
# list. Open, with nobody there: the hand-off line, the place in the queue
# and the expected wait (the median wait of the department's recent
# pick-ups, or that it cannot be estimated); after the department's minutes
# with nobody available, the worker offers to leave a message; a queue
# longer than its limit offers it at once. An operator answers a follow-up
# within WeChat's window (reported answered); another is left past 48 hours
# (expired, reported). The brand's own text is used, and the defaults in
# the brand's followers' language (Chinese, then English). The daemon worker
# is stopped: each tick is run by hand, the clock moved, never slept on.
. "$(dirname "$0")/lib.sh"
own_channel "Texts Brand"
worker_stop
sign_in adm admin "$(demo_pw admin)"
sign_in op operator "$(demo_pw operator)"
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
got() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' ORDER BY c.id DESC LIMIT 1"; }
state() { sqlq "SELECT state FROM chats WHERE id = $1"; }
hours() { TOKEN_PAGE="/admin/brands/$BRAND/hours" post adm "/admin/brands/$BRAND/hours" "$@"; }
texts() { TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/texts" "$@"; }
all_day() { local a=() w; for w in 0 1 2 3 4 5 6; do a+=("opens_$w=00:00" "closes_$w=24:00"); done; echo "${a[@]}"; }
wxnow() { wx_clock; }
# the catalogue's defaults (lang/zh-CN.hdf, lang/en.hdf)
HANDOFF='好的，正在为您转接人工客服，请稍候。'
OFFHOURS='您好，现在是非营业时间（或节假日），暂时没有客服为您服务。'
OFFER='您可以给我们留言：直接发送您的问题，客服会在这里尽快回复您。'
DONE='已收到您的留言，客服会在这里尽快回复您，请留意消息。'
NOBODY='抱歉，现在没有客服可以接待您。'
OFFER_EN='You can leave us a message: just send it now, and a colleague will answer you here as soon as they can.'
queued() { echo "您已进入人工客服排队，当前排在第 $1 位，预计等待时间：$2。"; }

# the chatbot on, with the default texts
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15

# --- the brand page: one table of texts, each with its default
get adm "/admin/brands/$BRAND"
ok "the brand page lists what followers are told, each default in their language (Chinese)" eval \
	'has "What followers are told" && has "name=\"text_offhours\"" && has "placeholder=\"$OFFHOURS\"" && has "name=\"text_leave_done\""'
req adm POST "/admin/brands/$BRAND/texts" --data-urlencode "text_offhours=x"
ok "the texts are saved only with the page's CSRF token" eval 'status_is 403 && test "$(sqlq "SELECT COUNT(*) FROM brand_texts WHERE brand_id = $BRAND")" = 0'
texts "text_offhours=Closed {position}" "text_queued=第 {place} 位"
ok "a value a text does not fill in is refused, beside its field" eval \
	'status_is 422 && has "Nothing in braces is filled in here" && has "Only {position} and {wait} are filled in here."'
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=everyone \
	chat_limit= offer_seconds=30 leave_after=0 queue_limit=3
ok "the department's minutes with nobody available are checked" eval 'status_is 422 && has "from 1 to 1440"'
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=everyone \
	chat_limit= offer_seconds=30 leave_after=5 queue_limit=3
ok "…and saved with the queue limit" test "$(sqlq "SELECT CONCAT(leave_after_minutes, ':', queue_limit) FROM departments WHERE id = $SALES")" = "5:3"

# --- closed (no hours today), the bot on: 「人工」 gets the off-hours text, not the hand-off line
hours hours_enabled=1 time_zone=Asia/Shanghai
FROM=oTxA$(openssl rand -hex 4)
say "人工"
A=$(chat_of)
ok "off hours, the bot on: asking for a person gets the off-hours text and the offer, not the hand-off line" \
	test "$(last_got)" = "$OFFHOURS\\n$OFFER"
ok "…the chat waits, after hours, offered to leave a message" test \
	"$(sqlq "SELECT CONCAT(state, ':', after_hours, ':', leave_offer) FROM chats WHERE id = $A")" = "waiting:1:offered"
say "我想退货，订单 12345，请联系我"
ok "the next message is the message left: confirmed on the phone" test "$(last_got)" = "$DONE"
ok "…the chat is a follow-up, out of the queue" test "$(sqlq "SELECT CONCAT(state, ':', leave_offer, ':', followup_at IS NOT NULL) FROM chats WHERE id = $A")" = "followup:left:1"
say "谢谢"
ok "…and nothing more is said to what follows" test "$(got):$(state "$A")" = "2:followup"
get op "/console/?tab=followup"
ok "the console's Follow-ups list shows it" eval 'has "aria-current=\"page\">Follow-ups" && has "/console/chats/$A\""'
get op "/console/chats/$A"
ok "…its page says a message was left, how long WeChat still allows an answer, and offers the pick-up" eval \
	'has "The follower left this message at" && grep -q "<span class=\"meter\">4[78] h[ 0-9min]* left" <<<"$BODY" && has "Pick up this chat"'

# --- a holiday is closed too
today=$(sqlq "SELECT DATE(CONVERT_TZ(FROM_UNIXTIME($(wxnow)), '+00:00', 'Asia/Shanghai'))")
# shellcheck disable=SC2046
hours hours_enabled=1 time_zone=Asia/Shanghai $(all_day) "holidays=$today"
FROM=oTxB$(openssl rand -hex 4)
say "转人工"
ok "a holiday, the bot on: the off-hours text and the offer, not the hand-off line" test "$(last_got)" = "$OFFHOURS\\n$OFFER"

# --- the brand's own text, and the defaults in the followers' language
texts "text_offhours=今天放假，明天见。" text_queued= text_nobody= text_leave_offer= text_leave_done=
ok "the brand's own off-hours text is kept" test "$(sqlq "SELECT body FROM brand_texts WHERE brand_id = $BRAND AND kind = 'offhours'")" = "今天放假，明天见。"
FROM=oTxC$(openssl rand -hex 4)
say "human please"
ok "…and is what the follower reads, before the default offer" test "$(last_got)" = "今天放假，明天见。\\n$OFFER"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/language" follower_language=en
FROM=oTxD$(openssl rand -hex 4)
say "agent"
ok "a brand whose followers read English: its own text, then the English default offer" test "$(last_got)" = "今天放假，明天见。\\n$OFFER_EN"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/language" follower_language=zh-CN
texts text_offhours= text_queued= text_nobody= text_leave_offer= text_leave_done=
ok "an empty field is the default again" test "$(sqlq "SELECT COUNT(*) FROM brand_texts WHERE brand_id = $BRAND")" = 0

# --- open, the queue longer than its limit (3: the three chats above wait in Sales): the offer at once
hours time_zone=Asia/Shanghai	# no hours kept: open
FROM=oTxE$(openssl rand -hex 4)
say "人工"
E=$(chat_of)
ok "more chats wait than the department's limit: the hand-off line, the place, and the offer" \
	test "$(last_got)" = "$HANDOFF\\n$(queued 4 暂时无法估计)\\n$OFFER"
say "不等了，留言：明天再联系"
ok "…the next message is a follow-up" test "$(state "$E"):$(last_got)" = "followup:$DONE"

# --- open, nobody there (Support, a queue of its own): the place and the expected wait
# (the clocks stopped: the wait is checked to the second)
stop_clock
sqlq "UPDATE channels SET department_id = $SUPPORT WHERE id = $CH"
shift_clock 20	# the operator signed in a while ago, and no console of theirs is open
FROM=oTxP$(openssl rand -hex 4)
say "人工"
P=$(chat_of)
ok "nobody available, no pick-up yet: the hand-off line, first in the queue, the wait cannot be estimated" \
	test "$(last_got)" = "$HANDOFF\\n$(queued 1 暂时无法估计)"
shift_clock 120
TOKEN_PAGE="/console/chats/$P" post op "/console/chats/$P/pickup"	# after two minutes: the department's recent wait
shift_clock 60	# the operator's console is gone: nobody available
FROM=oTxQ1$(openssl rand -hex 4)
say "人工"
Q1=$(chat_of)
ok "nobody available: the hand-off line, the place in the queue and the expected wait (the median of recent pick-ups: 2 min)" \
	test "$(last_got):$(sqlq "SELECT value FROM report_events WHERE chat_id = $P AND kind = 'picked_up'")" = "$HANDOFF\\n$(queued 1 "约 2 分钟"):120"
FROM=oTxQ2$(openssl rand -hex 4)
say "人工"
Q2=$(chat_of)
ok "…the next one is second" test "$(last_got)" = "$HANDOFF\\n$(queued 2 "约 2 分钟")"
start_clock

# after the department's 5 minutes with nobody available: the offer to leave a message
tick
n1=$(FROM=$(sqlq "SELECT f.openid FROM chats c JOIN followers f ON f.id = c.follower_id WHERE c.id = $Q1") got)
shift_clock 240
tick
n2=$(FROM=$(sqlq "SELECT f.openid FROM chats c JOIN followers f ON f.id = c.follower_id WHERE c.id = $Q1") got)
shift_clock 61
tick
FROM=$(sqlq "SELECT f.openid FROM chats c JOIN followers f ON f.id = c.follower_id WHERE c.id = $Q1")
ok "nobody for 5 minutes: nothing at 4, then the follower is told so and offered to leave a message (a customer-service message)" \
	test "$n1:$n2:$(got):$(last_got)" = "1:1:2:$NOBODY\\n$OFFER"
ok "…once, counted as one of WeChat's 5, with a line in the transcript" test \
	"$(sqlq "SELECT CONCAT(leave_offer, ':', consecutive_out, ':', (SELECT COUNT(*) FROM messages WHERE chat_id = $Q1 AND event = 'leave')) FROM chats WHERE id = $Q1")" = "offered:1:1"
tick
ok "…not twice" test "$(got)" = 2
say "请明天上午给我回电话"
ok "the follower's message is a follow-up, confirmed" test "$(state "$Q1"):$(last_got)" = "followup:$DONE"
FROM=$(sqlq "SELECT f.openid FROM chats c JOIN followers f ON f.id = c.follower_id WHERE c.id = $Q2")
say "我也留个言"
ok "…the second one's too" test "$(state "$Q2"):$(last_got)" = "followup:$DONE"
get op "/console/"
ok "the console counts the follow-ups in their own tab" grep -q 'id="count-followup">[1-9]' <<<"$BODY"
get op "/console/chats/$Q1"
ok "a follow-up's page: the left message and the inbox's Follow-ups list" eval \
	'has "请明天上午给我回电话" && grep -q "<ul class=\"followups\">.*/console/chats/$Q2\"" <<<"$(tr -d "\n" <<<"$BODY")"'

# an operator answers one within the window
TOKEN_PAGE="/console/chats/$Q1" post op "/console/chats/$Q1/pickup"
TOKEN_PAGE="/console/chats/$Q1" post op "/console/chats/$Q1/send" "text=您好，我们明天上午十点给您回电。"
ok "a follow-up picked up and answered: delivered, reported as answered within the window" test \
	"$(sqlq "SELECT CONCAT(c.state, ':', c.followup_answered_at IS NOT NULL, ':', (SELECT COUNT(*) FROM report_events e WHERE e.chat_id = c.id AND e.kind = 'followup_answered')) FROM chats c WHERE c.id = $Q1")" = "active:1:1"

# the others are left past WeChat's 48 hours: expired
shift_clock $((48 * 3600 + 60))
tick
ok "follow-ups nobody answered in 48 hours expire: closed, with a line in the transcript" test \
	"$(sqlq "SELECT GROUP_CONCAT(CONCAT(state, ':', close_reason) ORDER BY id) FROM chats WHERE id IN ($A, $E, $Q2)"):$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $Q2 AND body LIKE '%it expired%'")" = \
	"closed:followup_expired,closed:followup_expired,closed:followup_expired:1"
sign_in op operator "$(demo_pw operator)"	# the sessions ran out meanwhile
sign_in adm admin "$(demo_pw admin)"
get op "/console/chats/$Q2"
ok "…its page says why" has "was not answered within WeChat"

# the reports: received, answered within the window, expired
tick	# the report fold
fu() { sed -n "s/.*id=\"fig-fu-$1\">\([0-9]*\)<.*/\1/p" <<<"$BODY"; }
ev() { sqlq "SELECT COUNT(*) FROM report_events WHERE brand_id = $BRAND AND kind = 'followup_$1'"; }
get adm "/reports/?brand=$BRAND&tz=UTC"
ok "the overview reports the follow-ups: 4 received, 1 answered within the window, 3 expired" test \
	"$(fu received):$(fu answered):$(fu expired)" = "4:1:3"
ok "…as in MariaDB" test "$(fu received):$(fu answered):$(fu expired)" = "$(ev received):$(ev answered):$(ev expired)"
get adm "/reports/?brand=$BRAND&tz=UTC&format=csv"
ok "…and in its CSV" eval 'grep -q "^Follow-ups received,,4" <<<"$BODY" && grep -q "^Follow-ups expired,,3" <<<"$BODY"'

sqlq "UPDATE channel_prefs SET bot_enabled = 0 WHERE channel_id = $CH"
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW() WHERE channel_id = $CH AND state <> 'closed'"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
