# 30-outbox.sh: replies go through an outbox. The page stores a reply
# (checked against the 48-hour window and the 5 in a row, counting what is
# still queued) and answers at once; a sender delivers it and records
# WeChat's answer on the message, which the console's poll notices. A slow
# WeChat holds no page; a refusal is kept with its reason and a retry; five
# queued replies fill the 5 before any is delivered.
. "$(dirname "$0")/lib.sh"
own_channel "Outbox Brand"
FROM=oOutbox$(openssl rand -hex 3)
sign_in op operator "$(demo_pw operator)"
say "hello, anyone?"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
TOKEN_PAGE=/console/ post op "/console/chats/$chat/pickup"
# queue TEXT: the reply posted as the page does, without waiting for its delivery
queue() { get op "/console/chats/$chat"; req op POST "/console/chats/$chat/send" --data-urlencode "csrf=$(csrf)" --data-urlencode "text=$1"; }
state() { sqlq "SELECT CONCAT(delivery_state, ':', IFNULL(wx_errcode, 0)) FROM messages WHERE chat_id = $chat AND body = '$1'"; }
slow() { curl -s -o /dev/null --data "appid=$APP_ID&api=custom_send&errcode=${2:-0}&count=${3:-1}&delay_ms=$1" "$SIMURL/sim/faults"; }
worker_stop	# the senders are the worker's: without them a reply stays queued

# a slow WeChat: the page answers with the reply queued
slow 3000
queue "while WeChat is slow"
ok "with no sender running, the page answers at once: the reply queued, not on the phone" test \
	"$STATUS:$(state "while WeChat is slow"):$(received)" = "303:sending:0:0"
get op "/console/chats/$chat"
ok "…the transcript shows it on its way" has 'class="delivery sending"'
get op /console/poll
mark1=$(sed -n 's/.*"mark":"\([^"]*\)".*/\1/p' <<<"$BODY")
sent
ok "…a sender delivers it (WeChat answering 3 s later), WeChat's answer on the message" test \
	"$(state "while WeChat is slow"):$(received)" = "delivered:0:1"
get op "/console/poll?since=$mark1"
ok "…and the consoles' poll sees the change, so the transcript refreshes by itself" has '"changed":true'

# the 5 in a row counts what is queued
for i in 2 3 4 5; do queue "queued $i"; done
queue "queued 6"
ok "four more queued fill the 5 before any is delivered: the sixth is refused at once" eval \
	'status_is 409 && has "5 messages in a row" && test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body LIKE '"'queued %'"'")" = 4'
sent
ok "…the four delivered, in order" test "$(simq "SELECT GROUP_CONCAT(content ORDER BY id SEPARATOR ',') FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' AND content LIKE 'queued %'")" = "queued 2,queued 3,queued 4,queued 5"

# a refusal: kept, with the reason, and a retry
say "one more question"
fault 45015
queue "refused later"
sent
ok "WeChat refuses it: kept as not delivered, with the errcode" test "$(state "refused later")" = "failed:45015"
ok "…and it does not count toward the 5" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 0
get op "/console/chats/$chat"
ok "…the transcript says why, in words, with a retry" eval 'has "class=\"delivery failed\"" && has "Retry"'
failed=$(sqlq "SELECT id FROM messages WHERE chat_id = $chat AND body = 'refused later'")
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/retry" "message=$failed"
ok "retried: queued again and delivered" test "$(state "refused later")" = "delivered:0"

# two senders at once never send a reply twice
queue "one of two senders"
"$WORKER" --send & "$WORKER" --send & wait
ok "two senders at once: delivered once" test "$(curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o 'one of two senders' | wc -l):$(state "one of two senders")" = "1:delivered:0"

TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/close"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
# the daemon's senders deliver a reply by themselves
say "back again"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
TOKEN_PAGE=/console/ post op "/console/chats/$chat/pickup"
queue "by the daemon"
for _ in $(seq 1 100); do [ "$(state "by the daemon")" = delivered:0 ] && break; sleep 0.1; done
ok "the worker's senders deliver a queued reply by themselves" test "$(state "by the daemon")" = delivered:0
done_tests
