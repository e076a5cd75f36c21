# 50-spool.sh: pushes kept for later during a burst (src/spool.h, 065). A
# push whose signed timestamp is 3 s old or more (it waited in the server's
# queues) is kept as it came and answered "success" at once; WeChat's retry
# of it is answered "success" again and kept once; the worker takes it into
# its chat like any push, stored once even when a copy also came the usual
# way; in a chat the bot holds, the bot's answer goes late as a
# customer-service message instead of a passive reply nobody carried, and
# so does a kept follow's welcome within WeChat's minute; a push that came
# in time is not kept.
. "$(dirname "$0")/lib.sh"
own_channel "Spool Brand"
worker_stop	# the worker's ticks are this script's
URL="$BASE/wechat/$WEBHOOK_KEY"
# push AGE MSGID FROM TEXT [NONCE]: a text signed AGE seconds ago (the
# shared clock); prints the HTTP status and the body
push() {
	local ts=$(( $(wx_clock) - $1 )) nonce=${5:-n$2} sig
	[ -n "${PUSH_TS:-}" ] && ts=$PUSH_TS	# (a retry: the same signed URL)
	sig=$("$WXDESK_BUILD/bin/wxdesk-wx" sign "$TOKEN" "$ts" "$nonce")
	curl -s -w ' %{http_code}' -H 'Content-Type: text/xml' --data-binary \
		"<xml><ToUserName><![CDATA[$ORIGINAL_ID]]></ToUserName><FromUserName><![CDATA[$3]]></FromUserName><CreateTime>$ts</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[$4]]></Content><MsgId>$2</MsgId></xml>" \
		"$URL?signature=$sig&timestamp=$ts&nonce=$nonce"
}
kept() { sqlq "SELECT COUNT(*) FROM push_spool WHERE channel_id = $CH"; }
stored() { sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $CH AND wx_msg_id = '$1'"; }
M=$(date +%s%N | tail -c 10)

out=$(push 0 "${M}1" oSpoolA "准时到的消息")
ok "a push in time: taken in at once, not kept" eval 'test "$out" = "success 200" && test "$(stored "${M}1")" = 1 && test "$(kept)" = 0'
PUSH_TS=$(( $(wx_clock) - 3 ))
out=$(push 3 "${M}2" oSpoolA "排队等了三秒的消息")
ok "a push that waited 3 s: answered success at once, kept, not yet stored" eval 'test "$out" = "success 200" && test "$(kept)" = 1 && test "$(stored "${M}2")" = 0'
out=$(push 3 "${M}2" oSpoolA "排队等了三秒的消息")
unset PUSH_TS
ok "…WeChat's retry of it: success again, kept once" eval 'test "$out" = "success 200" && test "$(kept)" = 1'
tick
ok "the worker takes it into the follower's chat, stored once, and the spool is empty" eval 'test "$(stored "${M}2")" = 1 && test "$(kept)" = 0 && test "$(sqlq "SELECT COUNT(DISTINCT chat_id) FROM messages WHERE channel_id = $CH AND wx_msg_id IN ('"'${M}1'"', '"'${M}2'"')")" = 1'
# a copy kept, and the same push (a new signed URL) taken the usual way
push 4 "${M}3" oSpoolA "两条路都到了" kept3 >/dev/null
push 0 "${M}3" oSpoolA "两条路都到了" fresh3 >/dev/null
tick
ok "a push kept and also taken in the usual way: one message" eval 'test "$(stored "${M}3")" = 1 && test "$(kept)" = 0'

# the bot holds the chat: its answer goes late, as a customer-service message
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
get adm "/admin/channels/$CH/bot"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules" mode=contains "patterns=运费" "answer=运费 10 元，满 99 包邮。"
FROM=oSpoolBot$M
say "你好"	# (through WeChat: its window opens for the follower)
out=$(push 3 "${M}5" "$FROM" "请问运费多少")
ok "a kept push in a chat the bot holds: success, nothing said in the answer" test "$out" = "success 200"
tick
tick
ok "…the bot's answer goes late as a customer-service message, once" eventually eval 'test "$(simq "SELECT COUNT(*) FROM sim_received WHERE appid = '"'$APP_ID'"' AND openid = '"'$FROM'"' AND content = '"'运费 10 元，满 99 包邮。'"'")" = 1'
ok "…the transcript has it as the bot's, delivered" test "$(sqlq "SELECT CONCAT(delivery_state, JSON_VALUE(fields, '\$.bot')) FROM messages WHERE channel_id = $CH AND body = '运费 10 元，满 99 包邮。' AND direction = 'out'")" = delivered1

# a follower's push that comes while one of theirs is kept goes behind it
push 3 "${M}71" oSpoolOrder "先发的" >/dev/null
push 1 "${M}72" oSpoolOrder "后发的，先到" >/dev/null
ok "a push that comes while one of the follower's is kept: kept behind it" eval 'test "$(kept)" = 2 && test "$(stored "${M}72")" = 0'
push 1 "${M}73" oSpoolOther "别人的" >/dev/null
ok "…another follower's, a second old, is taken in at once" eval 'test "$(stored "${M}73")" = 1 && test "$(kept)" = 2'
tick
ok "…both stored in the order they came" test "$(sqlq "SELECT GROUP_CONCAT(wx_msg_id ORDER BY id) FROM messages WHERE channel_id = $CH AND wx_msg_id IN ('${M}71', '${M}72')")" = "${M}71,${M}72"

# a burst's kept pushes taken in by two processes at once: each follower's
# in their lane, in order, each once
for i in 1 2 3 4 5 6; do
	for w in 1 2 3 4; do
		push 3 "${M}6$i$w" "oSpoolLane$w$M" "第 $i 条" >/dev/null
	done
done
ok "24 pushes of 4 followers kept in their lanes" eval 'test "$(kept)" = 24 && test "$(sqlq "SELECT COUNT(DISTINCT lane) FROM push_spool WHERE channel_id = $CH")" -ge 2'
tick & tick & wait
for i in $(seq 1 20); do [ "$(kept)" = 0 ] && break; tick; done	# (each tick takes lanes in)
ok "two workers at once: each push stored once" test "$(sqlq "SELECT COUNT(*), COUNT(DISTINCT wx_msg_id) FROM messages WHERE channel_id = $CH AND wx_msg_id LIKE '${M}6%'")" = "$(printf '24\t24')"
ok "…each follower's in the order WeChat sent them" test "$(sqlq "SELECT COUNT(*) FROM (SELECT wx_msg_id, LAG(wx_msg_id) OVER (PARTITION BY follower_id ORDER BY id) prev FROM messages WHERE channel_id = $CH AND wx_msg_id LIKE '${M}6%') t WHERE prev > wx_msg_id")" = 0
ok "…and every lane let go" test "$(sqlq "SELECT COUNT(*) FROM spool_lanes WHERE held_until > 0")" = 0

# a follow kept in a burst: its welcome goes late, as a customer-service
# message, within WeChat's minute after the follow; past it, the transcript
# says it was not said
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot" "welcome=欢迎关注！稍后为您服务。" \
	fallback= handoff_text= handoff_words= miss_limit=2
got() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' AND content = '欢迎关注！稍后为您服务。'"; }
welcome_row() { sqlq "SELECT CONCAT(m.delivery_state, ' ', IFNULL(JSON_VALUE(m.fields, '\$.unsaid'), 0)) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$FROM' AND m.direction = 'out' AND m.body = '欢迎关注！稍后为您服务。'"; }
FROM=oSpoolFollow$M
phone -F action=follow -F queued=4
ok "a follow that waited 4 s: kept, no welcome in the answer" eval 'test "$(kept)" = 1 && test "$(got)" = 0'
tick
ok "…the worker takes it in and the welcome goes late, once, as a customer-service message" eval \
	'test "$(got)" = 1 && test "$(kept)" = 0'
ok "…the transcript has it delivered" test "$(welcome_row)" = "delivered 0"
FROM=oSpoolLate$M
phone -F action=follow -F queued=58
tick
ok "a follow taken in when WeChat's minute is nearly over: no welcome sent" test "$(got)" = 0
ok "…the transcript says it was not said" test "$(welcome_row)" = "failed 1"
# a follow again by a follower whose chat the bot holds: the short window
# runs from the push, not from when it was taken in, and the welcome is
# counted among the chat's messages
FROM=oSpoolChat$M
say "在吗"
shift_clock 10	# (the follow comes after the message, though it waited 4 s)
phone -F action=follow -F queued=4
tick
ok "a kept follow in a chat the bot holds: the welcome goes late" test "$(got)" = 1
ok "…counted as the chat's one message since the follow" test "$(sqlq "SELECT c.consecutive_out FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'bot'")" = 1
ok "…whose window opened when WeChat signed the push, before it was taken in" test "$(sqlq "SELECT c.grant_at < m.created_at FROM chats c JOIN followers f ON f.id = c.follower_id JOIN messages m ON m.chat_id = c.id AND m.event = 'subscribe' WHERE f.openid = '$FROM'")" = 1
done_tests
