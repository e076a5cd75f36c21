# 22-metrics.sh: /metrics in Prometheus' text format: pushes by outcome and
# their latency, messages sent by errcode, queues per department, the
# worker's jobs, token fetches, the programs' memory; values that move as
# pushes arrive; served to the configured addresses only.
. "$(dirname "$0")/lib.sh"
own_channel "Metrics Brand"
MTOKEN=$(sed -n 's/^Metrics.Token = //p' "$WXDESK_CONFIG")
m() { curl -s -H "Authorization: Bearer $MTOKEN" "$BASE/metrics"; }
val() { m | awk -v k="$1" 'index($0, k " ") == 1 { print $NF }'; }
# push MSGID: one signed text push from a follower of our own
push() {
	local ts nonce sig
	ts=$(($(date +%s) + $(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0)))
	nonce=n$RANDOM$RANDOM
	sig=$("$WXDESK_BUILD/bin/wxdesk-wx" sign "$TOKEN" "$ts" "$nonce")
	curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/xml' --data-binary \
		"<xml><ToUserName><![CDATA[$ORIGINAL_ID]]></ToUserName><FromUserName><![CDATA[oMetrics1]]></FromUserName><CreateTime>$ts</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[metrics $1]]></Content><MsgId>$1</MsgId></xml>" \
		"$BASE/wechat/$WEBHOOK_KEY?signature=${2:-$sig}&timestamp=$ts&nonce=$nonce"
}

out=$(curl -s -D - -H "Authorization: Bearer $MTOKEN" "$BASE/metrics")
ok "/metrics answers in Prometheus' text format" eval 'grep -qi "^content-type: text/plain; version=0.0.4" <<<"$out" && grep -q "^# TYPE wxdesk_pushes_total counter" <<<"$out"'
s0=$(val 'wxdesk_pushes_total{outcome="stored"}')
d0=$(val 'wxdesk_pushes_total{outcome="duplicate"}')
g0=$(val 'wxdesk_pushes_total{outcome="refused_signature"}')
c0=$(val 'wxdesk_push_seconds_count')
id=8$RANDOM$RANDOM
push "$id" >/dev/null
push "$id" >/dev/null
push "9$RANDOM" 0000000000000000000000000000000000000000 >/dev/null
ok "a push stored, the same again, a bad signature: each counted by outcome" test \
	"$(val 'wxdesk_pushes_total{outcome="stored"}'):$(val 'wxdesk_pushes_total{outcome="duplicate"}'):$(val 'wxdesk_pushes_total{outcome="refused_signature"}')" = \
	"$((s0 + 1)):$((d0 + 1)):$((g0 + 1))"
ok "…and timed: the latency histogram counts all three" test "$(val 'wxdesk_push_seconds_count')" = $((c0 + 3))
ok "…its buckets grow to +Inf" eval 'test "$(val "wxdesk_push_seconds_bucket{le=\"+Inf\"}")" = "$(val wxdesk_push_seconds_count)"'

ok "the chat waits in Sales: the department's queue says 1" test "$(val "wxdesk_queue_chats{department_id=\"$SALES\",brand=\"Metrics Brand\",department=\"Sales\"}")" = 1
ok "…with its longest wait" eval 'test "$(val "wxdesk_queue_longest_wait_seconds{department_id=\"$SALES\",brand=\"Metrics Brand\",department=\"Sales\"}")" -ge 0'

FROM=oMetricsPhone$(openssl rand -hex 3)
say "a follower WeChat knows"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")
ok "a second chat: the queue says 2" test "$(val "wxdesk_queue_chats{department_id=\"$SALES\",brand=\"Metrics Brand\",department=\"Sales\"}")" = 2
sign_in op operator "$(demo_pw operator)"
e0=$(val 'wxdesk_messages_sent_total{errcode="0"}')
f0=$(val 'wxdesk_messages_sent_total{errcode="45015"}')
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/pickup"
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/send" "text=hello"
fault 45015
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/send" "text=again"
ok "messages sent, by WeChat's errcode: one more delivered, one more refused (45015)" eval \
	'test "$(val "wxdesk_messages_sent_total{errcode=\"0\"}")" -ge $((${e0:-0} + 1)) && test "$(val "wxdesk_messages_sent_total{errcode=\"45015\"}")" = $((${f0:-0} + 1))'
ok "…picked up: the queue says 1 again" test "$(val "wxdesk_queue_chats{department_id=\"$SALES\",brand=\"Metrics Brand\",department=\"Sales\"}")" = 1

r0=$(val 'wxdesk_worker_job_runs_total{job="chats"}')
for i in $(seq 1 100); do [ "$(val 'wxdesk_worker_job_runs_total{job="chats"}')" -gt "${r0:-0}" ] && break; sleep 0.1; done
ok "the worker's jobs: runs grow with each tick" test "$(val 'wxdesk_worker_job_runs_total{job="chats"}')" -gt "${r0:-0}"
ok "…each job's lag, last run and failures" eval 'm | grep -q "^wxdesk_worker_job_lag_seconds{job=\"timers\"} " && m | grep -q "^wxdesk_worker_job_last_seconds{job=\"reports\"} " && m | grep -q "^wxdesk_worker_job_failures_total{job=\"media\"} "'
ok "…and when the worker last ticked" eval 'm | grep -q "^wxdesk_worker_seen_seconds{worker=\""'
ok "access-token fetches: some, by result" test "$(val 'wxdesk_access_token_fetches_total{result="ok"}')" -ge 1
ok "each program's resident memory" eval 'm | grep -q "^wxdesk_process_resident_bytes{program=\"webhook.fcgi\",pid=\"[0-9]*\"} [1-9]" && m | grep -q "^wxdesk_process_resident_bytes{program=\"wxdesk-worker\""'
ok "the database answered" test "$(val wxdesk_database_up)" = 1
ok "each account: seconds since its last message, and whether its brand is open now" eval \
	'test "$(val "wxdesk_channel_last_message_seconds{channel_id=\"$CH\",app_id=\"$APP_ID\",brand=\"Metrics Brand\"}")" -ge 0 && test "$(val "wxdesk_channel_open{channel_id=\"$CH\",app_id=\"$APP_ID\",brand=\"Metrics Brand\"}")" = 1'
sqlq "UPDATE brands SET hours_enabled = 1 WHERE id = $BRAND"
ok "…a brand keeping hours with none today is closed" test "$(val "wxdesk_channel_open{channel_id=\"$CH\",app_id=\"$APP_ID\",brand=\"Metrics Brand\"}")" = 0
sqlq "UPDATE brands SET hours_enabled = 0 WHERE id = $BRAND"
ok "from an address not in Metrics.Allow: refused, token or not" test "$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 -H "Authorization: Bearer $MTOKEN" "$BASE/metrics")" = 403
h=$(curl -s -o /dev/null -D - "$BASE/metrics" | tr -d '\r')
ok "without the bearer token: 401, asking for it" eval 'grep -q "^HTTP/[0-9.]* 401" <<<"$h" && grep -qi "^www-authenticate: Bearer" <<<"$h"'
ok "…with a wrong one: 401" test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer x$MTOKEN" "$BASE/metrics")" = 401
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/close"
sqlq "UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW() WHERE f.openid = 'oMetrics1' AND c.state <> 'closed'"
done_tests
