# 16-routing.sh: operator presence and chat routing with three operators:
# round-robin order, decline and timeout to the next, limits respected,
# nobody available -> queued -> offered when one becomes available,
# least-busy order, away on sign-out and on a stopped console, a transfer
# offered to the colleague, the missed timer on an offered chat, and two or
# three workers routing at once never giving a chat to two people or an
# operator more than their limit (many rounds). The daemon worker is stopped:
# each routing pass is a tick run by hand.
. "$(dirname "$0")/lib.sh"
own_channel "Routing Brand"
worker_stop
sqlq "UPDATE channel_prefs SET missed_after_minutes = 30 WHERE channel_id = $CH"
# Sales: three operators of its own (the demo operator stays in Support)
sqlq "DELETE m FROM department_members m JOIN users u ON u.id = m.user_id WHERE m.department_id = $SALES AND u.login = 'operator'"
sign_in adm admin "$(demo_pw admin)"
for n in 1 2 3; do
	TOKEN_PAGE=/admin/operators/new post adm /admin/operators "login=route$n" "name=Route $n" \
		role=operator "password=route-pass-$n" "dept=$SALES" chat_limit=2
done
R1=$(sqlq "SELECT id FROM users WHERE login = 'route1'")
R2=$(sqlq "SELECT id FROM users WHERE login = 'route2'")
R3=$(sqlq "SELECT id FROM users WHERE login = 'route3'")
ok "three operators with a limit of 2" test "$(sqlq "SELECT GROUP_CONCAT(chat_limit) FROM users WHERE login LIKE 'route_'")" = "2,2,2"
get adm "/admin/departments/$SALES"
ok "the department page offers the routing modes" has "Round robin"
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=sideways offer_seconds=30
ok "an unknown routing mode is refused, said beside the field" eval 'status_is 422 && has "Choose everyone picks, round robin or least busy."'
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=round_robin chat_limit= offer_seconds=5
ok "seconds below 10 are refused" has "from 10 to 600"
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=round_robin chat_limit= offer_seconds=30
ok "round robin saved" test "$(sqlq "SELECT CONCAT(routing, ':', IFNULL(chat_limit, '-'), ':', offer_seconds) FROM departments WHERE id = $SALES")" = "round_robin:-:30"

for n in 1 2 3; do sign_in "r$n" "route$n" "route-pass-$n"; done
ok "signed in: available, recorded" test "$(sqlq "SELECT COUNT(*) FROM users u JOIN presence_log l ON l.user_id = u.id AND l.why = 'sign_in' WHERE u.login LIKE 'route_' AND u.presence = 'available'")" = 3

# a follower writes; the chat waits in Sales
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$1' AND c.state <> 'closed'"; }
offered() { sqlq "SELECT IFNULL(offer_user_id, 0) FROM chats WHERE id = $1"; }
state() { sqlq "SELECT state FROM chats WHERE id = $1"; }
# beat ACTOR…: their pages beat (a console poll), as an open browser does every
# few seconds; after the clock moves, only those who beat are offered chats
beat() { local a; for a in "$@"; do get "$a" /console/poll; done; }
hand() { sqlq "SELECT (SELECT COUNT(*) FROM chats WHERE operator_id = $1 AND state = 'active') + (SELECT COUNT(*) FROM chats WHERE offer_user_id = $1 AND state = 'waiting')"; }
TAG=$(openssl rand -hex 4)
write() { FROM="oRt$1$TAG"; say "$2"; chat_of "$FROM"; }
A=$(write a "first question")
B=$(write b "second question")
C=$(write c "third question")
tick
ok "round robin: the three chats go one to each, in turn" test "$(offered "$A") $(offered "$B") $(offered "$C")" = "$R1 $R2 $R3"
ok "…each still waiting, offered" test "$(state "$A")$(state "$B")$(state "$C")" = waitingwaitingwaiting
ok "…the follower sees nothing new" test "$(FROM="oRta$TAG" received)" = 0
get r1 /console/poll
ok "the console's poll carries the offer" has "\"offer\":{\"chat\":$A"
get r1 /console/
ok "the console shows it, with Accept and Decline" eval 'has "A chat for you:" && has "/console/chats/'"$A"'/decline"'
get r2 "/console/chats/$A"
ok "another operator sees whose offer it is" has "Offered to Route 1"
TOKEN_PAGE="/console/chats/$A" post r2 "/console/chats/$A/pickup"
ok "…and cannot pick it up meanwhile" eval 'status_is 409 && has "This chat is offered to Route 1"'

# accept, decline
TOKEN_PAGE=/console/ post r1 "/console/chats/$A/pickup"
ok "accept: the chat is active and Route 1's" test "$(sqlq "SELECT CONCAT(state, ':', operator_id, ':', IFNULL(offer_user_id, '-')) FROM chats WHERE id = $A")" = "active:$R1:-"
ok "…the offer recorded as accepted" test "$(sqlq "SELECT outcome FROM offers WHERE chat_id = $A")" = accepted
TOKEN_PAGE=/console/ post r2 "/console/chats/$B/decline"
ok "decline: the chat is no longer offered" test "$(offered "$B")" = 0
tick
ok "…and goes to the next in turn (Route 1), not back to Route 2" test "$(offered "$B")" = "$R1"

# no answer in time: the next
shift_clock 31
beat r1 r2 r3
tick
ok "an offer not accepted in time is recorded as timed out" test "$(sqlq "SELECT outcome FROM offers WHERE chat_id = $C AND user_id = $R3")" = timeout
ok "…and offered to the next (Route 2)" test "$(offered "$C")" = "$R2"
ok "…and Route 1's offer of the same age too" test "$(offered "$B")" = "$R3"

# limits (2 each): Route 1 holds A, Route 2 C, Route 3 B; three more fill
# every slot, a fourth waits
D=$(write d "fourth question")
E=$(write e "fifth question")
F=$(write f "sixth question")
G=$(write g "seventh question")
tick
ok "limits: everyone holds 2, nobody more" test "$(hand "$R1"):$(hand "$R2"):$(hand "$R3")" = "2:2:2"
ok "…the seventh chat waits, offered to nobody" test "$(offered "$G")" = 0

# nobody available: queued, then offered when one becomes available
for n in 1 2 3; do TOKEN_PAGE=/console/ post "r$n" /console/presence presence=busy next=/console/; done
ok "busy from the header, recorded" test "$(sqlq "SELECT COUNT(*) FROM presence_log WHERE why = 'set' AND presence = 'busy' AND user_id IN ($R1, $R2, $R3)")" = 3
get r1 /console/
ok "the console says a busy operator gets no new chats" has "You are busy: no new chats are offered to you."
shift_clock 31
beat r1 r2 r3
tick
ok "busy operators are offered nothing new" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE department_id = $SALES AND state = 'waiting' AND offer_user_id IS NOT NULL")" = 0
ok "…a chat in hand stays theirs" test "$(sqlq "SELECT operator_id FROM chats WHERE id = $A")" = "$R1"
TOKEN_PAGE=/console/ post r2 /console/presence presence=available next=/console/
tick
ok "one becomes available: offered the oldest waiting chats they have not passed on, up to the limit" \
	test "$(sqlq "SELECT GROUP_CONCAT(id ORDER BY state_since, id) FROM chats WHERE offer_user_id = $R2")" = "$D,$E"

# least busy: new chats go to whoever holds fewest
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL, offer_until = NULL WHERE department_id = $SALES AND state = 'waiting'"
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=least_busy chat_limit=4 offer_seconds=30
for n in 1 3; do TOKEN_PAGE=/console/ post "r$n" /console/presence presence=available next=/console/; done
ok "least busy: Route 1 holds 1 (A), the others none" test "$(hand "$R1"):$(hand "$R2"):$(hand "$R3")" = "1:0:0"
H=$(write h "eighth question")
I=$(write i "ninth question")
tick
ok "…the two new chats go to the two who hold none" test "$(sqlq "SELECT GROUP_CONCAT(offer_user_id ORDER BY offer_user_id) FROM chats WHERE id IN ($H, $I)")" = "$R2,$R3"
J=$(write j "tenth question")
K=$(write k "eleventh question")
L=$(write l "twelfth question")
tick
ok "…then evenly: everyone holds 2" test "$(hand "$R1"):$(hand "$R2"):$(hand "$R3")" = "2:2:2"
HELD=$(sqlq "SELECT id FROM chats WHERE offer_user_id = $R2 AND id IN ($H, $I)")
TOKEN_PAGE=/console/ post r2 "/console/chats/$HELD/pickup"
ok "Route 2 accepts one" test "$(sqlq "SELECT operator_id FROM chats WHERE id = $HELD")" = "$R2"

# the supervisors' board
get adm /console/board
ok "the board lists each operator's status and chats in hand" eval 'has "Route 1" && has "Available" && has "Chats in hand"'
ok "…with a brand filter" has "<select name=\"brand\">"
get adm "/console/board?brand=$BRAND"
ok "…one brand's departments alone" eval 'has "Routing Brand" && test "$(grep -c "class=\"card board-dept\"" <<<"$BODY")" = "$(sqlq "SELECT COUNT(*) FROM departments WHERE brand_id = $BRAND")"'
ok "…its queue: waiting apart from being offered" eval 'grep -q "Waiting, not yet offered:" <<<"$BODY" || grep -q "Nobody is waiting." <<<"$BODY"'
get r1 /console/board
ok "…for supervisors and admins only" status_is 403

# a transfer to a colleague in a routed department is offered to them
TOKEN_PAGE="/console/chats/$A" post r1 "/console/chats/$A/transfer" "to=user:$R3" note=
ok "a transfer to a colleague is offered to them" test "$(sqlq "SELECT CONCAT(state, ':', IFNULL(operator_id, '-'), ':', IFNULL(offer_user_id, '-')) FROM chats WHERE id = $A")" = "waiting:-:$R3"
ok "…with an offer recorded" test "$(sqlq "SELECT COUNT(*) FROM offers WHERE chat_id = $A AND user_id = $R3 AND outcome IS NULL")" = 1

# away: on sign-out; idle when no page of theirs beats, back when one does
TOKEN_PAGE=/console/ post r3 /logout
ok "signing out makes the operator away, recorded" test "$(sqlq "SELECT CONCAT(u.presence, ':', l.why) FROM users u JOIN presence_log l ON l.user_id = u.id WHERE u.id = $R3 ORDER BY l.id DESC LIMIT 1")" = "away:sign_out"
shift_clock 300
beat r1	# Route 1's pages still beat; Route 2's stopped
tick
ok "stopped pages make the operator idle: away in the record, their chosen status kept" test "$(sqlq "SELECT CONCAT(u.presence, ':', l.presence, ':', l.why, ':', u.idle_since IS NOT NULL) FROM users u JOIN presence_log l ON l.user_id = u.id WHERE u.id = $R2 ORDER BY l.id DESC LIMIT 1")" = "available:away:idle:1"
ok "…a beating one stays available" test "$(sqlq "SELECT CONCAT(presence, ':', idle_since IS NULL) FROM users WHERE id = $R1")" = available:1
ok "…and keeps the chat they hold" test "$(sqlq "SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = $HELD")" = "active:$R2"
ok "only Route 1 is offered chats now" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE department_id = $SALES AND state = 'waiting' AND offer_user_id IS NOT NULL AND offer_user_id <> $R1")" = 0
get adm /console/board
ok "the board shows Route 2 as away (idle)" eval 'grep -q "Route 2</td>" <<<"$BODY" && grep -A1 "Route 2</td>" <<<"$BODY" | grep -q "Away (idle"'
beat r2
ok "back: Route 2's next heartbeat makes them available again, by itself" test "$(sqlq "SELECT CONCAT(u.presence, ':', l.presence, ':', l.why, ':', u.idle_since IS NULL) FROM users u JOIN presence_log l ON l.user_id = u.id WHERE u.id = $R2 ORDER BY l.id DESC LIMIT 1")" = "available:available:back:1"
TOKEN_PAGE=/console/ post r2 /console/presence presence=away next=/console/

# the missed timer runs as before on a chat nobody accepted
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL, offer_until = NULL WHERE department_id = $SALES AND state = 'waiting'"
sqlq "UPDATE channel_prefs SET missed_after_minutes = 3 WHERE channel_id = $CH"
M=$(write m "will anyone answer?")
tick
ok "an offered chat" test "$(offered "$M")" = "$R1"
shift_clock 200
beat r1
tick
ok "…not accepted for the wait time: missed (未接入), its offer taken back" test "$(state "$M"):$(offered "$M")" = "missed:0"
tick
ok "…still in the queue: offered again at the next pass" test "$(state "$M"):$(offered "$M")" = "missed:$R1"
ok "…its first offer ended (let pass), a new one open: a missed chat goes round again" test "$(sqlq "SELECT GROUP_CONCAT(IFNULL(outcome, 'open') ORDER BY id) FROM offers WHERE chat_id = $M")" = "timeout,open"
get r1 /console/next
ok "…and 'next waiting chat' reaches it" location_is "/console/chats/$M"
sqlq "UPDATE channel_prefs SET missed_after_minutes = 30 WHERE channel_id = $CH"

# a worker that stopped half-way leaves an open offer behind: swept
sqlq "INSERT INTO offers (chat_id, user_id, department_id, offered_at) VALUES ($E, $R2, $SALES, NOW())"
tick
ok "an offer left open by a stopped worker is closed by the next tick" test "$(sqlq "SELECT outcome FROM offers WHERE chat_id = $E AND user_id = $R2 ORDER BY id DESC LIMIT 1")" = withdrawn

# many workers at once: never a chat to two people, never over a limit,
# never a turn skipped (round robin: offers differ by at most one)
TOKEN_PAGE="/admin/departments/$SALES" post adm "/admin/departments/$SALES/routing" routing=round_robin chat_limit=40 offer_seconds=600
# on wxdesk's clock (earlier scripts may have moved it days ahead)
wxnow() { wx_clock; }
sqlq "UPDATE users SET presence = 'available', console_seen_at = FROM_UNIXTIME($(wxnow) + 86400) WHERE id IN ($R1, $R2, $R3)"
bad=0 over=0 skew=0
for round in $(seq 1 8); do
	sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL, offer_until = NULL WHERE department_id = $SALES AND state <> 'closed'"
	sqlq "UPDATE department_members SET turn = 0 WHERE department_id = $SALES; UPDATE departments SET rr_seq = 0 WHERE id = $SALES"
	sqlq "INSERT INTO followers (channel_id, openid, created_at, info_due) SELECT $CH, CONCAT('oRace$TAG-$round-', seq), NOW(), 0 FROM seq_1_to_30;
		INSERT INTO chats (channel_id, follower_id, department_id, state, started_at, last_user_msg_at, last_activity_at, state_since)
		SELECT $CH, id, $SALES, 'waiting', FROM_UNIXTIME($(wxnow)), FROM_UNIXTIME($(wxnow)), FROM_UNIXTIME($(wxnow)), FROM_UNIXTIME($(wxnow)) FROM followers WHERE openid LIKE 'oRace$TAG-$round-%'"
	tick & tick & tick & wait
	tick
	[ "$(sqlq "SELECT COUNT(*) FROM (SELECT chat_id FROM offers WHERE outcome IS NULL GROUP BY chat_id HAVING COUNT(*) > 1) t")" = 0 ] || bad=$((bad + 1))
	[ "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid LIKE 'oRace$TAG-$round-%' AND c.offer_user_id IS NULL")" = 0 ] || bad=$((bad + 1))
	[ "$(sqlq "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM chats WHERE offer_user_id IS NOT NULL AND state = 'waiting' GROUP BY offer_user_id) t")" -le 40 ] || over=$((over + 1))
	[ "$(sqlq "SELECT MAX(n) - MIN(n) FROM (SELECT COUNT(*) n FROM chats WHERE department_id = $SALES AND state = 'waiting' AND offer_user_id IS NOT NULL GROUP BY offer_user_id) t")" -le 1 ] || skew=$((skew + 1))
done
ok "8 rounds of 30 chats, three workers at once: each chat offered once, to one operator" test "$bad" = 0
ok "…nobody over their limit" test "$over" = 0
ok "…round robin's turns kept (10 each)" test "$skew" = 0
ok "…the offers match the chats offered" test "$(sqlq "SELECT COUNT(*) FROM offers o JOIN chats c ON c.id = o.chat_id WHERE o.outcome IS NULL AND c.offer_user_id <> o.user_id")" = 0

# the reports: time in each status, offers by outcome, the queue
get adm "/reports/presence?operator=$R1"
ok "the presence report shows Route 1's day: time in each status, offers by outcome" eval 'status_is 200 && has "Offers accepted" && has "<td>Route 1</td>"'
get r1 "/reports/presence"
ok "…an operator sees their own" status_is 200

sqlq "UPDATE users SET presence = 'away' WHERE id IN ($R1, $R2, $R3)"
sqlq "UPDATE departments SET routing = 'everyone' WHERE id = $SALES"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
