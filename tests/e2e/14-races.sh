# 14-races.sh: WeChat's rules under concurrency, the guards any redesign of
# the hot path must keep: two replies racing for the fifth place, an idle
# close racing the follower's last-second message, and duplicates at once.
. "$(dirname "$0")/lib.sh"
own_channel "Race Brand"
FROM=oRace$(openssl rand -hex 6)
open_chat() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
sign_in op operator "$(demo_pw operator)"
phone -F action=follow
say "race: hello"
chat=$(open_chat)
ok "a chat" test -n "$chat"
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/pickup"
ok "picked up" test "$(sqlq "SELECT state FROM chats WHERE id = $chat")" = active

# --- 4 replies sent; then 6 at once race for the fifth place: one wins
send() { TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/send" "text=$1"; }
for i in 1 2 3 4; do send "reply $i"; done
ok "4 in a row sent" test "$(received)" = 4
get op "/console/chats/$chat"
tok=$(csrf)
for i in 1 2 3 4 5 6; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$JARS/op" --data-urlencode "csrf=$tok" \
		--data-urlencode "text=racer $i" "$BASE/console/chats/$chat/send" >"$WXDESK_VAR/race$i" &
done
wait
sent
codes=$(cat "$WXDESK_VAR"/race[1-6] | sort | tr '\n' ' ')
ok "six senders racing for the fifth place: one wins ($codes)" test "$codes" = "303 409 409 409 409 409 "
ok "…one stored" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body LIKE 'racer %'")" = 1
ok "…the phone got five in a row, never six" test "$(received)" = 5
ok "…the chat counts five" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 5

# --- 20 duplicates of one push at once: one row
for i in $(seq 1 20); do
	"$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" \
		--from "$FROM" --msgid 7400000000000000001 --retry-gap 0 text "twenty at once" >/dev/null &
done
wait
ok "20 duplicates at once: one row" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE wx_msg_id = '7400000000000000001'")" = 1
ok "…in the open chat" test "$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '7400000000000000001'")" = "$chat"

# --- the idle close races the follower's message in its last second: the
# message is stored once, and never in a chat closed as idle before it came
worker_stop
sqlq "UPDATE channel_prefs SET idle_close_minutes = 15 WHERE channel_id = $CH"
for round in 1 2 3; do
	c=$(open_chat)
	last=$(sqlq "SELECT UNIX_TIMESTAMP(last_activity_at) FROM chats WHERE id = $c")
	echo $((last + 15 * 60 - $(date +%s))) >"$WXDESK_VAR/clock-offset"	# the deadline now
	"$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" \
		--from "$FROM" --msgid "74000000000000001$round" --retry-gap 0 text "last second $round" >/dev/null &
	tick &
	wait
	in=$(sqlq "SELECT chat_id FROM messages WHERE wx_msg_id = '74000000000000001$round'")
	ok "round $round: the last-second message is stored once" \
		test "$(sqlq "SELECT COUNT(*) FROM messages WHERE wx_msg_id = '74000000000000001$round'")" = 1
	if [ "$in" = "$c" ]; then
		ok "round $round: it joined the chat, which its message kept from the idle close" \
			test "$(sqlq "SELECT state FROM chats WHERE id = $c")" = active
	else
		ok "round $round: the chat closed first, and the message opened a new one after it" \
			test "$(sqlq "SELECT CONCAT(c.state, ':', IFNULL(c.close_reason, ''), ':', n.previous_chat_id) FROM chats c JOIN chats n ON n.id = $in WHERE c.id = $c")" = "closed:idle_timeout:$c"
	fi
	# the next round starts from an active chat of this follower
	c=$(open_chat)
	if [ "$(sqlq "SELECT state FROM chats WHERE id = $c")" != active ]; then
		TOKEN_PAGE="/console/chats/$c" post op "/console/chats/$c/pickup"
	fi
done
# --- commit order is not id order: a follower message that took a lower
# id and committed after the worker folded a higher one is still folded
# into its chat and counted once in the reports
# (the late row is in another follower's chat: its transaction holds that
# chat's row, which the fold would wait for)
FROM2=oRace$(openssl rand -hex 6)
sim_phone "$FROM2" -F action=text -F "text=late fold: the other follower"
c2=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM2' AND c.state <> 'closed'")
c=$(open_chat)
tick
n0=$(sqlq "SELECT messages_in FROM chats WHERE id = $c2")
late_begin "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, 'in', 'text', 'late fold: first id', 'm:e2e-late-fold', UTC_TIMESTAMP() FROM chats WHERE id = $c2;"
say "late fold: second id, committed first"
tick
late_commit
first=$(sqlq "SELECT id FROM messages WHERE dedupe_key = 'm:e2e-late-fold'")
second=$(sqlq "SELECT id FROM messages WHERE chat_id = $c AND body = 'late fold: second id, committed first'")
ok "the lower id committed after the fold had passed it" test -n "$first" -a "$first" -lt "$second" -a \
	"$(sqlq "SELECT mark FROM chat_fold")" -ge "$second"
ok "…the report counts it before the fold, as not folded yet" \
	test "$(sqlq "SELECT COUNT(*) FROM report_pending WHERE chat_id = $c2 AND kind = 'message_in'")" = 1
tick
ok "…the next fold takes it into its chat" \
	test "$(sqlq "SELECT messages_in FROM chats WHERE id = $c2")" = $((n0 + 1))
ok "…and into the reports, once each" \
	test "$(sqlq "SELECT COUNT(*) FROM report_events WHERE kind = 'message_in' AND message_id IN ($first, $second)")" = 2
ok "…nothing left pending" \
	test "$(sqlq "SELECT COUNT(*) FROM report_pending WHERE chat_id IN ($c, $c2) AND kind = 'message_in'")" = 0
tick
ok "…a second fold counts nothing twice" \
	test "$(sqlq "SELECT messages_in FROM chats WHERE id = $c2")" = $((n0 + 1))

# the daemon worker again, as wxdesk-ctl runs it
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
