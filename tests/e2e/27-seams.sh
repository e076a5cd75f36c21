# 27-seams.sh: where a chat changes hands, nobody is left behind: a transfer
# to the operator's own other department is not offered back to them (unless
# they say so); a transfer to a colleague who is away or whose browser is
# closed is refused at once with their status; the transfer list shows each
# colleague's presence and load; an operator whose tab closed is offered
# nothing within seconds and their open offer goes to the next; a page of
# any kind (an admin page) keeps its person present; a closed chat is
# reopened within the follower's 48 hours. The daemon worker is
# stopped: each routing pass is a tick run by hand.
. "$(dirname "$0")/lib.sh"
own_channel "Seams Brand"
worker_stop
sqlq "DELETE m FROM department_members m JOIN departments d ON d.id = m.department_id WHERE d.brand_id = $BRAND"
sqlq "UPDATE departments SET routing = 'round_robin', offer_seconds = 60 WHERE id IN ($SALES, $SUPPORT)"
sqlq "UPDATE channel_prefs SET missed_after_minutes = 60 WHERE channel_id = $CH"
sign_in adm admin "$(demo_pw admin)"
R=$(openssl rand -hex 3)
mk() { # LOGIN NAME DEPT…
	local login=$1 name=$2 d args=(); shift 2
	for d in "$@"; do args+=("dept=$d"); done
	TOKEN_PAGE=/admin/operators/new post adm /admin/operators "login=$login" "name=$name" \
		role=operator "password=seam-pass-$login" chat_limit=5 "${args[@]}"
	sqlq "SELECT id FROM users WHERE login = '$login'"
}
S1=$(mk "sa$R" "Sam Both" "$SALES" "$SUPPORT")
S2=$(mk "sb$R" "Sue Support" "$SUPPORT")
S3=$(mk "sc$R" "Cal Sales" "$SALES")
for a in sa sb sc; do sign_in "$a" "$a$R" "seam-pass-$a$R"; done
beat() { local a; for a in "$@"; do get "$a" /console/poll; done; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$1' AND c.state <> 'closed'"; }
offered() { sqlq "SELECT IFNULL(offer_user_id, 0) FROM chats WHERE id = $1"; }
write() { FROM="oSeam$1$R"; say "$2"; chat_of "$FROM"; }
TOKEN_PAGE=/console/ post sc /console/presence presence=busy next=/console/

# 1. to my own other department: not offered back to me
X=$(write x "transfer me please")
tick
ok "a chat in Sales is offered to Sam (in Sales and Support)" test "$(offered "$X")" = "$S1"
TOKEN_PAGE=/console/ post sa "/console/chats/$X/pickup"
get sa "/console/chats/$X"
ok "the transfer list shows each colleague's status and load" eval 'has "Cal Sales · Busy · 0 of 5"'
TOKEN_PAGE="/console/chats/$X" post sa "/console/chats/$X/transfer" "to=dept:$SUPPORT" note=
ok "Sam transfers it to Support" test "$(sqlq "SELECT CONCAT(state, ':', department_id) FROM chats WHERE id = $X")" = "waiting:$SUPPORT"
beat sa sb
tick
ok "…it goes to Sue, not back to Sam, though Sam is in Support too" test "$(offered "$X")" = "$S2"
TOKEN_PAGE=/console/ post sb "/console/chats/$X/decline"
beat sa sb
tick
ok "Sue declines: it waits; Sam, who passed it on, is still not offered it" test "$(offered "$X"):$(sqlq "SELECT state FROM chats WHERE id = $X")" = "0:waiting"
ok "…the hand-on is not counted as an offer of Sam's" test "$(sqlq "SELECT GROUP_CONCAT(outcome) FROM offers WHERE chat_id = $X AND user_id = $S1 AND outcome <> 'accepted'")" = transferred
get sa /console/next
ok "…though Sam can still reach it with 'next waiting chat' and pick it up" location_is "/console/chats/$X"
Y=$(write y "again")
tick
TOKEN_PAGE=/console/ post sa "/console/chats/$Y/pickup"
TOKEN_PAGE="/console/chats/$Y" post sa "/console/chats/$Y/transfer" "to=dept:$SUPPORT" keep_me=1 note=
TOKEN_PAGE=/console/ post sb /console/presence presence=busy next=/console/
beat sa sb
tick
ok "…unless Sam says so: with nobody else there, it comes back to Sam" test "$(offered "$Y")" = "$S1"
TOKEN_PAGE=/console/ post sa "/console/chats/$Y/pickup"

# 2. to a colleague who cannot take it: refused at once, with their status
Y=$(write z "a Sales question")
beat sa
tick
TOKEN_PAGE=/console/ post sa "/console/chats/$Y/pickup"
TOKEN_PAGE="/console/chats/$Y" post sa "/console/chats/$Y/transfer" "to=user:$S3" "note=wants a refund" keep_me=1
ok "to a busy colleague: refused at once, saying so" eval 'status_is 409 && has "Cal Sales cannot take it now: Busy."'
ok "…the form comes back as sent: the colleague chosen, the note, keep me" eval 'grep -qE "value=\"user:$S3\"[^>]* selected" <<<"$BODY" && has "value=\"wants a refund\"" && has "name=\"keep_me\" value=\"1\" checked"'
ok "…the chat stays Sam's" test "$(sqlq "SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = $Y")" = "active:$S1"
TOKEN_PAGE=/console/ post sc /console/presence presence=available next=/console/
shift_clock 20	# Cal closes the browser: no page of Cal's beats any more
beat sa
TOKEN_PAGE="/console/chats/$Y" post sa "/console/chats/$Y/transfer" "to=user:$S3" note=
ok "to an available colleague whose browser is closed: refused, saying so" eval 'status_is 409 && has "Cal Sales cannot take it now: Available, but no wxdesk page open."'
ok "…the list says it before anyone tries" eval 'has "Cal Sales · Available, but no wxdesk page open · 0 of 5"'
ok "…and the chat stays Sam's, no offer to nobody" test "$(sqlq "SELECT CONCAT(state, ':', operator_id, ':', IFNULL(offer_user_id, '-')) FROM chats WHERE id = $Y")" = "active:$S1:-"
beat sc
TOKEN_PAGE="/console/chats/$Y" post sa "/console/chats/$Y/transfer" "to=user:$S3" note=
ok "Cal is back: the transfer is offered to Cal" test "$(sqlq "SELECT CONCAT(state, ':', IFNULL(offer_user_id, '-')) FROM chats WHERE id = $Y")" = "waiting:$S3"

# 3. a tab closed while an offer rings: the next operator gets it within seconds
TOKEN_PAGE=/console/ post sa /console/presence presence=busy next=/console/
W=$(write w "is anyone there?")
beat sa sc
tick
ok "a chat offered to Cal" test "$(offered "$W")" = "$S3"
TOKEN_PAGE=/console/ post sc /console/heartbeat gone=1
ok "Cal closes the tab: the page's last word is taken" status_is 200
TOKEN_PAGE=/console/ post sa /console/presence presence=available next=/console/
shift_clock 7
beat sa
tick
ok "…seven seconds later the offer is taken back and goes to Sam" test "$(offered "$W")" = "$S1"
ok "…Cal's offer ended as withdrawn, not let pass" test "$(sqlq "SELECT outcome FROM offers WHERE chat_id = $W AND user_id = $S3")" = withdrawn
ok "…and Cal counts as away (idle), status kept" test "$(sqlq "SELECT CONCAT(presence, ':', idle_since IS NOT NULL) FROM users WHERE id = $S3")" = available:1
TOKEN_PAGE=/console/ post sa /console/heartbeat gone=1
beat sa	# another of Sam's pages (the next one opened) beats meanwhile
shift_clock 7
tick
ok "a page left for another of the same person's: still present" test "$(sqlq "SELECT CONCAT(idle_since IS NULL, ':', console_seen_at >= NOW() - INTERVAL 10 SECOND) FROM users WHERE id = $S1")" = 1:1
sqlq "UPDATE users SET console_seen_at = NULL WHERE id = (SELECT id FROM (SELECT id FROM users WHERE login = 'admin') t)"
TOKEN_PAGE=/admin/ post adm /console/heartbeat
ok "an administrator's page beats too (presence from any signed-in page)" eval 'status_is 200 && test "$(sqlq "SELECT console_seen_at IS NOT NULL FROM users WHERE login = '"'admin'"'")" = 1'
TOKEN_PAGE=/console/ req sc POST /console/heartbeat --data-urlencode csrf=forged
ok "a heartbeat needs the page's CSRF token" status_is 403

# reopen: a chat closed by the team is reopened within the follower's 48 hours,
# becomes the reopener's, and counts in the reports as closed once
Z=$(write z "a question after all")
TOKEN_PAGE=/console/ post sa "/console/chats/$Z/pickup"
TOKEN_PAGE="/console/chats/$Z" post sa "/console/chats/$Z/close" closing=
get sc "/console/chats/$Z"
ok "a closed chat within the follower's 48 hours offers to reopen it" eval 'has "Reopen the chat"'
TOKEN_PAGE="/console/chats/$Z" post sb "/console/chats/$Z/reopen"
ok "…not to someone outside its department" status_is 403
TOKEN_PAGE="/console/chats/$Z" post sc "/console/chats/$Z/reopen"
ok "Cal reopens it" location_is "/console/chats/$Z"
ok "…active again, and Cal's" test "$(sqlq "SELECT CONCAT(state, ':', operator_id, ':', closed_at IS NULL) FROM chats WHERE id = $Z")" = "active:$S3:1"
ok "…the transcript says who reopened it" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $Z AND event = 'reopened' AND body = 'Cal Sales reopened the chat.'")" = 1
TOKEN_PAGE="/console/chats/$Z" post sc "/console/chats/$Z/reopen"
ok "…a second reopen says it is open already" eval 'status_is 409 && has "This chat is open again already."'
TOKEN_PAGE="/console/chats/$Z" post sc "/console/chats/$Z/close" closing=
ok "closed again: the reports count it closed once" test "$(sqlq "SELECT CONCAT(state, ':', (SELECT COUNT(*) FROM report_events WHERE chat_id = $Z AND kind = 'closed')) FROM chats WHERE id = $Z")" = closed:1
Z2=$(write z "and one more thing")
TOKEN_PAGE="/console/chats/$Z" post sc "/console/chats/$Z/reopen"
ok "the follower wrote again (a newer chat is open): reopening the old one is refused" eval 'status_is 409 && has "This follower has a newer open chat: answer them there." && test "$(sqlq "SELECT state FROM chats WHERE id = $Z")" = closed'
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL, offer_until = NULL, last_user_msg_at = NOW() - INTERVAL 49 HOUR WHERE id IN ($Z, $Z2)"
get sc "/console/chats/$Z2"
ok "past the follower's 48 hours there is no reopen" eval '! has "Reopen the chat"'
TOKEN_PAGE="/console/chats/$Z2" post sc "/console/chats/$Z2/reopen"
ok "…and a reopen posted anyway is refused, saying why" eval 'status_is 409 && has "48 hours have passed, or they no longer follow"'
ok "…and the chat stays closed" test "$(sqlq "SELECT state FROM chats WHERE id = $Z2")" = closed

for a in sa sb sc; do TOKEN_PAGE=/console/ post "$a" /console/presence presence=away next=/console/; done
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL, offer_until = NULL WHERE channel_id = $CH AND state <> 'closed'"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
