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
# the daemon worker again, as wxdesk-ctl runs it
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
