# 29-alerts.sh: operators alerted through WeChat itself. An operator binds
# their own WeChat on My account (a one-time code sent to the account from
# the simulator's phone as a follower of its own); with no page of theirs
# open, a chat offered to them and a follower's message in their chat reach
# that WeChat as customer-service texts naming the chat's link, in their
# language; two messages within a minute make one alert, two workers at once
# send it once; a page open sends none; past their own 48 hours nothing is
# sent and My account says so, until they write to the account again; a
# binding removed gets nothing; a wrong or expired code binds nobody and is
# an ordinary message. The daemon worker is stopped: each pass is a tick run
# by hand, and the clock moves instead of sleeping.
. "$(dirname "$0")/lib.sh"
own_channel "Alerts Brand"
worker_stop
R=$(openssl rand -hex 3)
# Sales routes its chats round robin, to an operator of this script's own
sqlq "DELETE m FROM department_members m JOIN departments d ON d.id = m.department_id WHERE d.brand_id = $BRAND"
sqlq "UPDATE departments SET routing = 'round_robin', offer_seconds = 60 WHERE id = $SALES"
sqlq "UPDATE channel_prefs SET missed_after_minutes = 60 WHERE channel_id = $CH"
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE=/admin/operators/new post adm /admin/operators "login=al$R" "name=Ana Lee" \
	role=operator "password=alert-pass-$R" "dept=$SALES" chat_limit=5
A1=$(sqlq "SELECT id FROM users WHERE login = 'al$R'")
sign_in a1 "al$R" "alert-pass-$R"

beat() { get a1 /console/poll; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.channel_id = $CH AND f.openid = '$1' AND c.state <> 'closed'"; }
offered() { sqlq "SELECT IFNULL(offer_user_id, 0) FROM chats WHERE id = $1"; }
bindings() { sqlq "SELECT COUNT(*) FROM alert_bindings WHERE user_id = $A1"; }
# what the operator's own WeChat (OPW) shows, newest first; the alerts among it
OPW="oOpWeChat$R"
inbox() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$OPW"; }
alerts_got() { inbox | grep -o '/console/chats/[0-9]*' | wc -l; }
last_alert() { inbox | grep -o '"content":"[^"]*/console/chats/[0-9]*' | head -1; }
code_on_page() { sed -n 's/.*id="alert-code">\([0-9]\{6\}\)<.*/\1/p' "$WXDESK_VAR/last-body" | head -1; }

# ---- My account: a code to bind one's WeChat
get a1 /account
ok "My account offers alerts on WeChat, with the brands' accounts to bind to" \
	eval 'has "Alerts on WeChat" && has "<option value=\"$CH\">Alerts Brand</option>" && has "not bound to any account"'
TOKEN_PAGE=/account post a1 /account/wechat/code channel=999999
ok "a code for an account that is not one of theirs is refused, said beside the field" \
	eval 'status_is 422 && has "Choose one of the accounts listed."'
TOKEN_PAGE=/account post a1 /account/wechat/code "channel=$CH"
CODE=$(code_on_page)
ok "the page shows a 6-digit code once, and says in words where to send it" \
	eval 'status_is 200 && test ${#CODE} = 6 && has "follow the official account of Alerts Brand and send it this code as a message" && has "for 10 minutes"'
ok "…kept only as a keyed hash, valid for 10 minutes" test "$(sqlq "SELECT CONCAT(COUNT(*), ':', SUM(code_hash IN ('$CODE', SHA2('$CODE', 256), SHA2('$CH:$CODE', 256))), ':', MAX(TIMESTAMPDIFF(SECOND, created_at, expires_at))) FROM alert_codes WHERE user_id = $A1")" = "1:0:600"

# a wrong code binds nobody: an ordinary message, a chat like any other
FROM="oWrongCode$R"
phone -F action=follow
WRONG=$(printf '%06d' $(( (10#$CODE + 1) % 1000000 )))
say "$WRONG"
W0=$(chat_of "$FROM")
ok "a wrong code binds nobody, and is an ordinary message (a chat), the code still pending" \
	test "$(bindings):$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = '$W0' AND body = '$WRONG'"):$(sqlq "SELECT COUNT(*) FROM alert_codes WHERE user_id = $A1")" = "0:1:1"
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW() WHERE id = '$W0'"

# the operator's own WeChat follows the account and sends the code
FROM=$OPW
phone -F action=follow
say " $CODE "
ok "the code binds the operator's WeChat to them, for this account" \
	test "$(sqlq "SELECT CONCAT(b.channel_id, ':', f.openid, ':', b.sent) FROM alert_bindings b JOIN followers f ON f.id = b.follower_id WHERE b.user_id = $A1")" = "$CH:$OPW:0"
ok "…its message is no customer chat (stored without one), and the code is used up" \
	test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$OPW'"):$(sqlq "SELECT COUNT(*) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$OPW' AND m.direction = 'in' AND m.body LIKE '%$CODE%' AND m.chat_id IS NULL"):$(sqlq "SELECT COUNT(*) FROM alert_codes WHERE user_id = $A1")" = "0:1:0"
ok "…and the phone is told at once, as a reply (free: no alert spent)" \
	eval 'inbox | grep -q "now gets the alerts of Ana Lee (al$R)"'
get a1 /account
ok "My account shows the binding: the account, the WeChat, since when, the window" \
	eval 'grep -A3 "id=\"alert-bindings\"" "$WXDESK_VAR/last-body" >/dev/null && has "<td>Alerts Brand</td>" && has "${OPW:0:10}…" && has "Bound since" && has "5 of 5 left"'
ok "the code asked for and the binding are on the audit trail (the refused request is not)" \
	test "$(sqlq "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE user_id = $A1 AND action LIKE 'account.wechat%'")" = "account.wechat_code,account.wechat_bound"

# ---- no page open: an offer is alerted
shift_clock 20	# their heartbeat lapses (Presence.AwaySeconds 15)
F1="oFollower1$R"
FROM=$F1
phone -F action=follow
say "I need help with my order"
C1=$(chat_of "$F1")
tick
ok "with no page open, the chat is offered to the operator WeChat can reach" test "$(offered "$C1")" = "$A1"
ok "…and one alert reaches their WeChat, naming the follower, the brand and department and the chat's link" \
	eval 'test "$(alerts_got)" = 1 && last_alert | grep -qF "a chat is offered to you: ${F1:0:10}… (Alerts Brand · Sales). Accept it in the console: $BASE/console/chats/$C1"'
ok "…recorded as sent, one place of their window taken" \
	test "$(sqlq "SELECT CONCAT(a.kind, ':', a.state, ':', b.sent) FROM alerts a JOIN alert_bindings b ON b.id = a.binding_id WHERE a.chat_id = $C1")" = "offer:sent:1"
tick
ok "the next tick sends nothing more, and the offer is still theirs (not withdrawn for the closed page)" \
	test "$(alerts_got):$(offered "$C1")" = "1:$A1"

# ---- a follower's message in their active chat; two workers at once
TOKEN_PAGE=/console/ post a1 "/console/chats/$C1/pickup"
beat
shift_clock 61	# a minute after the offer's alert (one a chat a minute)
FROM=$F1 say "Are you there?"
tick & tick & wait
ok "a follower's message in their chat, no page open: one alert, though two workers ran at once" \
	eval 'test "$(alerts_got)" = 2 && last_alert | grep -qF "${F1:0:10}… wrote in your chat (Alerts Brand · Sales): $BASE/console/chats/$C1" && test "$(sqlq "SELECT COUNT(*) FROM alerts WHERE chat_id = $C1 AND kind = '"'message'"'")" = 1'

# ---- two messages within a minute: one alert; in the operator's language
TOKEN_PAGE=/account post a1 /account language=zh-CN
shift_clock 61
FROM=$F1 say "first of two"
tick
shift_clock 20
FROM=$F1 say "second of two"
tick
ok "two messages within a minute make one alert" test "$(alerts_got):$(sqlq "SELECT COUNT(*) FROM alerts WHERE user_id = $A1")" = "3:3"
ok "…written in the operator's language" \
	eval 'last_alert | grep -qF "wxdesk：${F1:0:10}… 在您的会话中发来新消息（Alerts Brand · Sales）：$BASE/console/chats/$C1"'
TOKEN_PAGE=/account post a1 /account language=en

# ---- a page open (a console poll): the console rings, WeChat gets nothing
shift_clock 600	# (C2 below starts well after the binding: see the 48 hours)
beat
F2="oFollower2$R"
FROM=$F2
phone -F action=follow
say "Hello, a question"
C2=$(chat_of "$F2")
tick
ok "with a page open, the offer rings the console and no alert is sent (still 3)" \
	test "$(offered "$C2"):$(alerts_got)" = "$A1:3"
TOKEN_PAGE=/console/ post a1 "/console/chats/$C2/pickup"
beat
FROM=$F1 say "one more thing"
get a1 "/console/chats/$C1"	# the chat's page shows it
shift_clock 6
beat	# the next heartbeat
tick
ok "…nor for a follower's message while the page is open (still 3)" test "$(alerts_got):$(sqlq "SELECT COUNT(*) FROM alerts WHERE user_id = $A1")" = "3:3"

# ---- past their own 48 hours: not sent, noted on My account. The clock
# moves to more than 48 hours after the binding (their last message to the
# account), yet less than 48 hours after C2 started, which stays open
shift_clock $((48 * 3600 - 360))
FROM=$F2 say "still there?"
tick
ok "past 48 hours since their last message to the account: no alert reaches them (still 3), recorded as unsent" \
	test "$(alerts_got):$(sqlq "SELECT GROUP_CONCAT(state) FROM alerts WHERE chat_id = $C2")" = "3:unsent"
sign_in a1 "al$R" "alert-pass-$R"	# two days on, the session has ended
get a1 /account
ok "…and My account says so, and how to open the window again" \
	eval 'has "1 alert could not reach your WeChat: send any message to the account to open it again." && has "Closed: send any message to the account to open it again."'
FROM=$OPW say "back on duty"
get a1 /account
ok "any message from their WeChat opens it again: no chat, the note gone, the window open" \
	eval 'test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '"'$OPW'"'")" = 0 && ! has "could not reach your WeChat" && has "5 of 5 left"'
ok "…and the phone is told so" eval 'inbox | grep -q "alerts can reach you here for the next 48 hours"'
TOKEN_PAGE="/console/chats/$C2" post a1 "/console/chats/$C2/alias" "alias=Mrs Wang"
shift_clock 61
FROM=$F2 say "hello again"
tick
ok "…so the next message is alerted again (4), naming the follower by the name staff gave them" \
	eval 'test "$(alerts_got)" = 4 && last_alert | grep -qF "wxdesk: Mrs Wang wrote in your chat (Alerts Brand · Sales): $BASE/console/chats/$C2"'

# ---- the binding removed: no alerts
BID=$(sqlq "SELECT id FROM alert_bindings WHERE user_id = $A1")
TOKEN_PAGE=/account post a1 "/account/wechat/$BID/delete"
ok "the binding is removed from My account, on the audit trail" \
	eval 'location_is "/account#wechat-alerts" && test "$(bindings)" = 0 && test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE user_id = $A1 AND action = '"'account.wechat_removed'"'")" = 1'
get a1 /account
ok "…the page says so" eval 'has "Your WeChat binding was removed" && has "not bound to any account"'
TOKEN_PAGE=/account post a1 "/account/wechat/$BID/delete"
ok "…and cannot be removed twice" eval 'status_is 404 && has "That binding does not exist"'
shift_clock 61
FROM=$F2 say "anyone?"
tick
ok "with the binding removed, nothing is sent or recorded (still 4 alerts, 5 records)" \
	test "$(alerts_got):$(sqlq "SELECT COUNT(*) FROM alerts WHERE user_id = $A1")" = "4:5"

# ---- an expired code binds nobody: an ordinary message
TOKEN_PAGE=/account post a1 /account/wechat/code "channel=$CH"
CODE2=$(code_on_page)
shift_clock 601
FROM=$OPW say "$CODE2"
ok "a code sent after its 10 minutes binds nobody, and is an ordinary message (a chat)" \
	test "$(bindings):$(sqlq "SELECT COUNT(*) FROM messages m JOIN chats c ON c.id = m.chat_id JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$OPW' AND m.body = '$CODE2'")" = "0:1"

done_tests
