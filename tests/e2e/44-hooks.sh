# 44-hooks.sh: outgoing webhooks (src/hooks.h). An administrator subscribes
# a URL; every event is stored with the change it tells of and posted,
# signed (checked here by the receiver's own code), with a delivery id the
# same on every try; a chat's events arrive in order, even while answers
# come back out of order; a receiver that fails, times out or is down gets
# each event again later, until it takes it or its tries run out (the
# dead-letter list, replayable); killing the worker or the database
# mid-delivery loses nothing and delivers nothing twice but as a retry
# with the same id.
. "$(dirname "$0")/lib.sh"
own_channel "Outgoing Hooks Brand"
RECV=$WXDESK_VAR/hooks
mkdir -p "$RECV/secrets"
: >"$RECV/log"
node "$WXDESK_ROOT/tests/e2e/hook-receiver.mjs" "$RECV/secrets" "$RECV/log" "$RECV/port" &
RPID=$!
cleanup() { kill "$RPID" 2>/dev/null; }
trap cleanup EXIT
eventually test -s "$RECV/port"
RPORT=$(cat "$RECV/port")
RURL="http://127.0.0.1:$RPORT"
control() { curl -s -o /dev/null --data-binary "$2" "$RURL/control?path=/$1"; }
# what the receiver saw: lines of one path, or their count
seen() { grep -F "\"path\":\"/$1\"" "$RECV/log" || true; }
seen_n() { seen "$1" | grep -c . || true; }
# the hook senders (forked by the worker) of this stack
hook_pids() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = wxdesk-hooks ] &&
			tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qxF "WXDESK_VAR=$WXDESK_VAR" && echo "${p#/proc/}"
	done
}
restart_worker() {
	worker_stop
	setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
	echo $! >"$WXDESK_VAR/run/worker.pid"
}
# two hook senders, and a short timeout for a receiver that does not answer
printf 'Hooks.TimeoutMs = 1500\nWorker.HookSenders = 2\n' >>"$WXDESK_CONFIG"
restart_worker

sign_in adm admin "$(demo_pw admin)"
# subscribe NAME FIELD…: the URL $RURL/NAME subscribed; its id in $HOOK, its secret kept for the receiver
subscribe() {
	TOKEN_PAGE=/admin/api post adm /admin/api/webhooks "url=$RURL/$1" enabled=1 "${@:2}"
	HOOK=$(sqlq "SELECT MAX(id) FROM hook_subscriptions")
	sed -n 's/.*id="hook-secret">\([0-9a-f]*\)<.*/\1/p' <<<"$BODY" >"$RECV/secrets/$1"
}
subscribe a event=message.received event=message.sent event=chat.opened event=chat.assigned \
	event=chat.transferred event=chat.closed event=follower.followed event=follower.unfollowed \
	"brand=$BRAND"
A=$HOOK
ok "a URL subscribed: its secret shown once, kept encrypted" eval 'test "$(wc -c <"$RECV/secrets/a")" = 49 && test "$(sqlq "SELECT LEFT(secret_enc, 3) FROM hook_subscriptions WHERE id = $A")" = "v1:" && ! sqlq "SELECT secret_enc FROM hook_subscriptions" | grep -qF "$(cat "$RECV/secrets/a")"'
TOKEN_PAGE=/admin/api post adm /admin/api/webhooks "url=ftp://example.com/" event=chat.closed
ok "an address that is not http(s): refused beside the field" eval 'test "$STATUS" = 422 && has "Give an http:// or https:// address"'

# --- a chat's life, told in order
FROM=oHook1$(openssl rand -hex 3)
say "你好，想问一下退货"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
M=$(sqlq "SELECT id FROM messages WHERE chat_id = $C AND direction = 'in'")
got() { test "$(seen a | grep -c "\"event\":\"$1\"")" -ge "${2:-1}"; }
ok "the chat's opening and the follower's message are posted" eventually got message.received
line() { seen a | grep "\"event\":\"$1\"" | tail -1; }
ok "…signed as the receiver checks it, with the event's data" eval 'line message.received | jq -e --arg f "$FROM" --argjson c "$C" --argjson m "$M" ".valid and .body.event == \"message.received\" and .body.data.message.id == \$m and .body.data.message.chat_id == \$c and .body.data.message.openid == \$f and .body.data.message.text == \"你好，想问一下退货\" and .body.data.brand_id == $BRAND and (.delivery | test(\"^[0-9]+\$\"))" >/dev/null'
ok "…a chat's id and a message's id are what the console has (the triggers keep the insert ids)" eval 'test "$(line chat.opened | jq -r .body.data.chat.id)" = "$C" && test "$(sqlq "SELECT COUNT(*) FROM messages WHERE id = $M AND chat_id = $C")" = 1'
sign_in op operator "$(demo_pw operator)"
TOKEN_PAGE=/console/ post op "/console/chats/$C/pickup"
# answers come back out of order: every other one slowly
control a '{"status": 200, "delay_ms": 700, "times": 2}'
for t in 一 二 三; do TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/send" "text=第$t条"; done
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close"
ok "picked up, answered three times, closed: each posted" eventually got chat.closed
ORDER=$(seen a | jq -r --argjson c "$C" 'select((.body.data.chat.id // .body.data.message.chat_id) == $c) | .body.id' | tr '\n' ' ')
SORTED=$(tr ' ' '\n' <<<"$ORDER" | grep . | sort -n | tr '\n' ' ')
ok "…in the order they happened ($ORDER), though answers came back out of order" eval 'test "$ORDER" = "$SORTED" && test "$(wc -w <<<"$ORDER")" -ge 7'
ok "…every one signed right" test "$(seen a | jq -r .valid | sort -u)" = true
evs() { sqlq "SELECT GROUP_CONCAT(kind ORDER BY id) FROM hook_events WHERE chat_id = $C"; }
ok "…each stored once, in the change's own transaction order" test "$(evs)" = "chat.opened,message.received,chat.assigned,message.sent,message.sent,message.sent,chat.closed"

# --- the receiver fails: tried again later, the same id and body
control a '{"status": 500, "times": 2}'
FROM=oHook2$(openssl rand -hex 3)
say "在吗"
C2=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
first_of() { sqlq "SELECT MIN(d.id) FROM hook_deliveries d JOIN hook_events e ON e.id = d.event_id WHERE e.chat_id = $1 AND d.subscription_id = $A"; }
D=$(first_of "$C2")
tries() { sqlq "SELECT CONCAT(state, ':', attempts) FROM hook_deliveries WHERE id = $1"; }
ok "a 500: the delivery waits for its next try" eventually eval 'test "$(tries $D)" = "pending:1"'
ok "…and the chat's later events wait behind it" test "$(tries $((D + 1)))" = "pending:0"
get adm "/admin/api/webhooks/$A?state=pending"
ok "the deliveries page shows it waiting, with the answer" eval 'has "HTTP 500" && has "refused with 500"'
shift_clock 31
ok "30 seconds on, tried again (a 500 again)" eventually eval 'test "$(tries $D)" = "pending:2"'
shift_clock 121
ok "…2 minutes on, taken" eventually eval 'test "$(tries $D)" = "delivered:3"'
ok "…three times the same delivery id and the same body" test "$(seen a | jq -c --arg d "$D" 'select(.delivery == $d) | .body' | sort -u | wc -l):$(seen a | jq -r --arg d "$D" 'select(.delivery == $d) | .delivery' | wc -l)" = "1:3"

# --- the receiver times out, then is down
control a '{"status": 200, "delay_ms": 4000, "times": 1}'
FROM=oHook3$(openssl rand -hex 3)
say "超时测试"
C3=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
D3=$(first_of "$C3")
ok "a receiver that does not answer in time: tried again later" eventually eval 'test "$(tries $D3)" = "pending:1" && test -n "$(sqlq "SELECT last_error FROM hook_deliveries WHERE id = $D3")"'
kill "$RPID"; wait "$RPID" 2>/dev/null
shift_clock 31
ok "…the receiver down: tried, and waiting again" eventually eval 'test "$(tries $D3)" = "pending:2"'
node "$WXDESK_ROOT/tests/e2e/hook-receiver.mjs" "$RECV/secrets" "$RECV/log" "$RECV/port" "$RPORT" &
RPID=$!
eventually curl -s -o /dev/null "$RURL/control?path=/none"
shift_clock 121
ok "…back up: taken, nothing lost" eventually eval 'test "$(tries $D3)" = "delivered:3"'

# --- the worker killed mid-delivery
control a '{"status": 200, "delay_ms": 3000, "times": 1}'
FROM=oHook4$(openssl rand -hex 3)
say "杀掉发送进程"
C4=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
D4=$(first_of "$C4")
arrived() { test "$(seen a | jq -r --arg d "$1" 'select(.delivery == $d) | .delivery' | wc -l)" -ge "${2:-1}"; }
eventually arrived "$D4"
worker_stop
kill -9 $(hook_pids) 2>/dev/null
ok "the worker and its hook senders killed while the receiver holds a delivery: it stays leased" test "$(tries $D4)" = "pending:1"
restart_worker
shift_clock 60
ok "…after its lease, sent again with the same id, and taken" eventually eval 'test "$(tries $D4)" = "delivered:2" && arrived "$D4" 2'

# --- the database killed mid-delivery
control a '{"status": 200, "delay_ms": 3000, "times": 1}'
FROM=oHook5$(openssl rand -hex 3)
say "数据库停止"
C5=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
D5=$(first_of "$C5")
eventually arrived "$D5"
mariadb-admin --no-defaults --socket="$WXDESK_VAR/run/mysqld.sock" -uroot shutdown
for i in $(seq 1 50); do [ -S "$WXDESK_VAR/run/mysqld.sock" ] || break; sleep 0.1; done
sleep_until_answered() { test "$(grep -c . "$RECV/log")" -gt 0; }
"$WXDESK_ROOT/bin/wxdesk-ctl" start >/dev/null 2>&1
ok "the database back after going down mid-delivery" eventually eval 'test "$(sqlq "SELECT 1")" = 1'
shift_clock 60
ok "…the delivery is taken: the same id, nothing lost" eventually eval 'test "$(tries $D5 | cut -d: -f1)" = delivered && arrived "$D5"'
ALLD=$(sqlq "SELECT GROUP_CONCAT(d.id ORDER BY d.id) FROM hook_deliveries d WHERE d.subscription_id = $A")
GOT=$(seen a | jq -r .delivery | sort -n | uniq | tr '\n' ',' | sed 's/,$//')
ok "every delivery reached the receiver; counted by id, each once ($ALLD)" eventually eval 'GOT=$(seen a | jq -r .delivery | sort -n | uniq | tr "\n" "," | sed "s/,\$//"); test "$GOT" = "$(sqlq "SELECT GROUP_CONCAT(d.id ORDER BY d.id) FROM hook_deliveries d WHERE d.subscription_id = $A")"'

# --- a receiver that never takes it: the dead-letter list, and Replay
subscribe b event=channel.health
B=$HOOK
control b '{"status": 503, "times": 0}'
TOKEN_PAGE="/admin/api/webhooks/$B" post adm "/admin/api/webhooks/$B/test"
DB=$(sqlq "SELECT MAX(id) FROM hook_deliveries WHERE subscription_id = $B")
ok "the Test button sends a sample event" eventually eval 'seen b | jq -e "select(.event == \"test\") | .valid" >/dev/null'
waits=(30 120 600 1800 3600 7200 14400 28800 28800 28800)
# (try, not i: eventually has an i of its own)
for try in 0 1 2 3 4 5 6 7 8 9; do
	eventually eval 'test "$(tries $DB)" = "pending:$((try + 1))"' || break
	shift_clock $((waits[try] + 1))
done
ok "after 11 tries over more than a day it fails for good" eventually eval 'test "$(tries $DB)" = "dead:11"'
sign_in adm admin "$(demo_pw admin)"	# a day and more on: signed out
get adm "/admin/api/webhooks/$B?state=dead"
ok "…listed among the failed, with the last answer and Send again" eval 'has "refused with 503" && has "Send again" && has "11/11"'
control b '{"status": 200, "times": 0}'
TOKEN_PAGE="/admin/api/webhooks/$B?state=dead" post adm "/admin/api/webhooks/$B/deliveries/$DB/replay"
ok "Send again: taken, with the same id" eventually eval 'test "$(tries $DB)" = "delivered:1" && test "$(seen b | jq -r .delivery | sort -u)" = "$DB"'

# --- the API reads them; a paused subscription stores nothing
TOKEN_PAGE=/admin/api post adm /admin/api/tokens name=hooks scope=admin
T=$(sed -n 's/.*id="new-token">\(wxd_[0-9a-f]*\)<.*/\1/p' <<<"$BODY")
ok "the API lists the webhooks and a webhook's deliveries" eval 'curl -s -H "Authorization: Bearer $T" "$BASE/api/v1/webhooks/$B/deliveries" | jq -e ".data[0].id == $DB and .data[0].state == \"delivered\"" >/dev/null'
TOKEN_PAGE="/admin/api/webhooks/$A" post adm "/admin/api/webhooks/$A" "url=$RURL/a" event=message.received
before=$(sqlq "SELECT COUNT(*) FROM hook_events")
FROM=oHook6$(openssl rand -hex 3)
say "暂停后"
ok "a paused webhook: nothing stored for it" test "$(sqlq "SELECT COUNT(*) FROM hook_events")" = "$before"

# tidy: the other scripts run without webhooks, with the worker as it was
for h in $(sqlq "SELECT id FROM hook_subscriptions"); do TOKEN_PAGE=/admin/api post adm "/admin/api/webhooks/$h/delete"; done
sed -i '/^Hooks.TimeoutMs\|^Worker.HookSenders/d' "$WXDESK_CONFIG"
restart_worker
done_tests
