# 11-timers.sh: the worker's chat timers on the shifted clock: waiting ->
# missed -> closed, idle close, the bot's idle limit, a preference changed
# while a chat is open, two workers at once. The daemon worker is stopped so
# each tick is run by hand (--once) at exact times, and restarted at the end.
. "$(dirname "$0")/lib.sh"
own_channel "Timer Brand"
worker_stop
FROM=oTimer$(openssl rand -hex 6)
open_chat() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
state() { sqlq "SELECT CONCAT(state, IFNULL(CONCAT(':', close_reason), '')) FROM chats WHERE id = $1"; }
prefs() { sqlq "UPDATE channel_prefs SET $1 WHERE channel_id = $CH"; }
# at T: every program's clock reads T now (real seconds keep passing, so
# "before a deadline" is checked a few seconds before it)
at() { echo $(($1 - $(date +%s))) >"$WXDESK_VAR/clock-offset"; }
stored() { sqlq "SELECT UNIX_TIMESTAMP($1) FROM chats WHERE id = $2"; }
prefs "missed_after_minutes = 3, missed_close_minutes = 15, idle_close_minutes = 15, bot_enabled = 0, bot_idle_minutes = 5"

# --- waiting -> missed, exactly at the limit
phone -F action=follow
say "is anyone there?"
c1=$(open_chat)
ok "a waiting chat" test "$(state "$c1")" = waiting
t=$(stored state_since "$c1")
at $((t + 3 * 60 - 5))
tick
ok "just before the wait time: still waiting" test "$(state "$c1")" = waiting
at $((t + 3 * 60))
tick
ok "at the wait time: missed" test "$(state "$c1")" = missed
ok "…with a line in the transcript" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c1 AND event = 'missed'")" = 1
tick
ok "…once" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c1 AND event = 'missed'")" = 1

# --- missed -> closed after "close missed chats"
t=$(stored state_since "$c1")
at $((t + 15 * 60 - 5))
tick
ok "just before: still missed (and can be answered)" test "$(state "$c1")" = missed
at $((t + 15 * 60))
tick
ok "then closed: missed timeout" test "$(state "$c1")" = closed:missed_timeout
ok "…saying why" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c1 AND body LIKE 'The chat was missed for 15 minutes%'")" = 1

# --- active: idle close; a message shortly before resets the timer
sign_in op operator "$(demo_pw operator)"
say "hello again"
c2=$(open_chat)
ok "a message after the close opens a new chat, linked" test "$(sqlq "SELECT previous_chat_id FROM chats WHERE id = $c2")" = "$c1"
TOKEN_PAGE="/console/chats/$c2" post op "/console/chats/$c2/pickup"
ok "picked up" test "$(state "$c2")" = active
at $(($(stored last_activity_at "$c2") + 15 * 60 - 5))
say "still there?"
tick	# the chat's row takes the message in (the webhook stores it alone)
t=$(stored last_activity_at "$c2")
at $((t + 15 * 60 - 5))
tick
ok "a message just before the idle limit reset it" test "$(state "$c2")" = active
at $((t + 15 * 60))
tick
ok "idle for the limit: closed" test "$(state "$c2")" = closed:idle_timeout
ok "…saying why" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c2 AND body LIKE 'Nobody wrote for 15 minutes; %'")" = 1

# --- with the chatbot on, the bot's idle limit applies instead
prefs "bot_enabled = 1"
say "bot test"
c3=$(open_chat)
sign_in op operator "$(demo_pw operator)"
TOKEN_PAGE="/console/chats/$c3" post op "/console/chats/$c3/pickup"
shift_clock $((5 * 60))
tick
ok "the bot's 5 minutes, not the 15" test "$(state "$c3")" = closed:idle_timeout
ok "…and the line says so" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c3 AND body LIKE '%the chatbot''s idle limit%'")" = 1
prefs "bot_enabled = 0"

# --- a preference changed while a chat is open applies to it
say "one more"
c4=$(open_chat)
shift_clock $((2 * 60))
tick
ok "2 minutes with a 3-minute wait: waiting" test "$(state "$c4")" = waiting
prefs "missed_after_minutes = 1"
tick
ok "the wait shortened to 1 minute: missed at once" test "$(state "$c4")" = missed

# --- two workers at once close a chat once
shift_clock $((15 * 60))
tick & tick & wait
ok "two workers: closed" test "$(state "$c4")" = closed:missed_timeout
ok "…once" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $c4 AND event = 'closed'")" = 1

# --- the console says a timed-out chat is closed and why
get op "/console/chats/$c4"
ok "the chat page says why it closed" has "no operator answered in time"
ok "…and it cannot be answered as it is: reopen it to write again" has "reopen it to write to the follower again"

prefs "missed_after_minutes = 3, missed_close_minutes = 1440, idle_close_minutes = 1440"
# the daemon worker again, as wxdesk-ctl runs it
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
