# 34-console-counts.sh: what the console's poll counts is kept as chats
# change (the triggers of sql/routines/console.sql), so a poll reads a few
# rows: after everything the suite has done the kept counts are the chats'
# own; a poll's counts and unread follow one chat through its life (read
# before it is picked up, a new message unread folded or not, read again);
# a department deleted under an open chat leaves every total right, and
# the next migrate puts its chats under their new key.
. "$(dirname "$0")/lib.sh"
# open chats by department, state and operator: counted, and as kept
counted() { sqlq "SELECT IFNULL(GROUP_CONCAT(k ORDER BY k SEPARATOR ' '), '') FROM (SELECT CONCAT_WS(':', IFNULL(department_id, 0), CAST(state AS CHAR), IFNULL(operator_id, 0), COUNT(*)) k FROM chats WHERE state <> 'closed' GROUP BY department_id, state, operator_id) x"; }
kept() { sqlq "SELECT IFNULL(GROUP_CONCAT(k ORDER BY k SEPARATOR ' '), '') FROM (SELECT CONCAT_WS(':', department_id, CAST(state AS CHAR), operator_id, SUM(n)) k FROM chat_counts GROUP BY department_id, state, operator_id HAVING SUM(n) <> 0) x"; }
by_state() { sqlq "SELECT IFNULL(GROUP_CONCAT(k ORDER BY k SEPARATOR ' '), '') FROM (SELECT CONCAT(CAST(state AS CHAR), ':', $1) k FROM $2 GROUP BY state HAVING $1 <> 0) x"; }
ok "after the whole suite (pick-ups, transfers, timers, closes, erasures) the kept counts are the chats' own" \
	test "$(kept)" = "$(counted)"
# once folded, a chat's count of follower messages is theirs: each is
# counted once, by the full path or by the fold, with its report event
tick
ok "…every chat's count of follower messages is a count of them, each with its report event once" \
	test "$(sqlq "SELECT COUNT(*) FROM chats c WHERE c.messages_in <> (SELECT COUNT(*) FROM messages x JOIN report_events e ON e.message_id = x.id WHERE x.chat_id = c.id AND x.direction = 'in' AND x.msg_type <> 'event')")" = 0

own_channel "Counts Brand"
sign_in op operator "$(demo_pw operator)"
poll() {
	get op "/console/poll?since=0.0"
	jq -r "[.waiting, .mine, .others, .unread] | map(tostring) | join(\":\")" <<<"$BODY"
}
p0=$(poll)
w0=${p0%%:*} m0=$(cut -d: -f2 <<<"$p0") u0=$(cut -d: -f4 <<<"$p0")
FROM="oCounts$(openssl rand -hex 3)"
say "你好，我想问一下"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
sqlq "UPDATE chats SET offer_user_id = NULL, offer_until = NULL WHERE id = $C AND state = 'waiting'"
p1=$(poll)
ok "a follower writes: the poll counts one more waiting" test "${p1%%:*}" = $((w0 + 1))
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/pickup"
p2=$(poll)
ok "…picked up: one fewer waiting, one more of mine" eval 'status_is 303 && test "${p2%%:*}:$(cut -d: -f2 <<<"$p2")" = "$w0:$((m0 + 1))"'
ok "…and read: its page was open" test "$(cut -d: -f4 <<<"$p2")" = "$u0"
say "还在吗？"
tick
ok "…unread when the follower writes again (folded by the worker)" test "$(cut -d: -f4 <<<"$(poll)")" = $((u0 + 1))
get op "/console/chats/$C"
ok "…read again once its page is open" test "$(cut -d: -f4 <<<"$(poll)")" = "$u0"
say "我再补充一句"
ok "…unread before the worker folds the message, too" test "$(cut -d: -f4 <<<"$(poll)")" = $((u0 + 1))
# the list's mark: the chat's count less what the reader saw
mark_of() {
	get op "/console/?tab=mine"
	grep -o "/console/chats/$C\">[^<]*</a> <b class=\"unread\"[^>]*>[0-9+]*</b>" <<<"$BODY" | sed 's/.*>\([0-9+]*\)<\/b>$/\1/'
}
ok "…the list marks the one unread, folded or not" test "$(mark_of)" = 1
say "第三句"
tick
ok "…two, folded" test "$(mark_of)" = 2
get op "/console/chats/$C"
ok "…none once read" test -z "$(mark_of)"
# a message that commits after a later one was folded is counted at the
# chat's next fold, not lost from the count
late_begin "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, dedupe_key, created_at) SELECT channel_id, follower_id, id, 'in', 'text', 'late', 'm:e2e-counts-late', UTC_TIMESTAMP() FROM chats WHERE id = $C;"
say "晚到之后"
tick
late_commit
say "再来一句"
tick
ok "…a message that committed late is counted at the chat's next fold" test "$(mark_of)" = 3
get op "/console/chats/$C"
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close" closing=
p3=$(poll)
ok "…closed: back where it was" test "${p3%%:*}:$(cut -d: -f2 <<<"$p3")" = "$w0:$m0"
ok "…the kept counts are still the chats' own" test "$(kept)" = "$(counted)"

# a department deleted under an open chat: its foreign key sets the
# chat's department to NULL and fires no trigger
D2=$(sqlq "INSERT INTO departments (brand_id, name, created_at) VALUES ($BRAND, 'Counts gone $(openssl rand -hex 3)', NOW()) RETURNING id")
FROM="oCounts$(openssl rand -hex 3)"
say "还有一个问题"
C2=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
sqlq "UPDATE chats SET department_id = $D2 WHERE id = $C2"
sqlq "DELETE FROM departments WHERE id = $D2"
ok "a department deleted under an open chat: every state's total is still right" \
	test "$(by_state 'SUM(n)' chat_counts)" = "$(by_state 'COUNT(*)' "chats WHERE state <> 'closed'")"
"$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" >/dev/null 2>&1
ok "…and a migrate counts again: its chat under no department" \
	eval 'test "$(kept)" = "$(counted)" && grep -q "^0:waiting:0:" <<<"$(tr " " "\n" <<<"$(kept)")"'
done_tests
