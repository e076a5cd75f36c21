# 46-bot-service.sh: an account's bot handed to an external service
# (src/botsvc.h). An administrator names the service on the Chatbot page
# and gets its secret once; each follower message in a chat the bot holds
# is posted to it signed (checked by the service's own code, with the chat's
# recent messages); an answer in time is the passive reply, a late one (or a
# picture) a customer-service message sent by the worker after asking again
# with the same id, a hand-off queues the chat; a service that fails (an
# error, an answer that is not one) leaves the answer to the rules, and is
# counted on the page. Words that ask for a person never reach it.
. "$(dirname "$0")/lib.sh"
own_channel "Bot Service Brand"
SV=$WXDESK_VAR/bot-service
mkdir -p "$SV"
: >"$SV/log"
node "$WXDESK_ROOT/tests/e2e/bot-service.mjs" "$SV/log" "$SV/port" &
P1=$!
trap 'kill $P1 2>/dev/null' EXIT
eventually test -s "$SV/port"
SVURL="http://127.0.0.1:$(cat "$SV/port")/bot"
customs() { simq "SELECT COUNT(*) FROM sim_calls WHERE appid = '$APP_ID' AND api = 'custom_send'"; }
last_got() { simq "SELECT CONCAT(msgtype, ':', IFNULL(content, '')) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
asked() { wc -l <"$SV/log"; }
last_ask() { tail -1 "$SV/log"; }
failures() { sqlq "SELECT bot_service_failures FROM channel_prefs WHERE channel_id = $CH"; }
outcome() { sqlq "SELECT CONCAT(state, ':', IFNULL(outcome, '')) FROM bot_asks a JOIN messages m ON m.id = a.message_id WHERE m.chat_id = $(chat_of) ORDER BY a.message_id DESC LIMIT 1"; }

sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules" mode=contains "patterns=价格" "answer=规则：价格表见官网"
svc() { TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/service" "$@"; }
svc service_url=ftp://example.com/bot
ok "a service address that is not http or https: refused beside the field" eval 'test "$STATUS" = 422 && has "Give an http:// or https:// address"'
svc "service_url=$SVURL"
SECRET=$(sed -n 's/.*id="service-secret">\([0-9a-f]*\)<.*/\1/p' <<<"$BODY")
ok "the service named: its secret shown this once, kept encrypted" eval 'test "$STATUS" = 200 && test ${#SECRET} = 48 && test "$(sqlq "SELECT LEFT(bot_service_secret_enc, 3) FROM channel_prefs WHERE channel_id = $CH")" = v1:'
get adm "/admin/channels/$CH/bot"
ok "…the page shows the service and the secret masked, never in clear" eval 'has "$SVURL" && ! has "$SECRET" && has "••••"'
curl -s -o /dev/null --data "{\"secret\": \"$SECRET\"}" "http://127.0.0.1:$(cat "$SV/port")/control"

# in time: the service's answer is the passive reply
c0=$(customs)
FROM=oSvc1$(openssl rand -hex 3)
say "你好，想问问运费"
ok "a message in the bot's chat: the service's answer reaches the phone" test "$(last_got)" = "text:服务: 你好，想问问运费"
ok "…asked signed (checked by the service's own code), with the follower and the chat" eval 'last_ask | jq -e --arg f "$FROM" ".valid and .openid == \$f and .event == \"bot_service.message\" and .id == .body_id and (.id | startswith(\"bot-\"))" >/dev/null'
ok "…as a passive reply: no customer-service message" test "$(customs)" = "$c0"
ok "…in the transcript as the bot's, the question closed as answered" eval 'test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $(chat_of) AND direction = '"'out'"' AND body = '"'服务: 你好，想问问运费'"' AND JSON_VALUE(fields, '"'\$.bot'"') = 1")" = 1 && test "$(outcome)" = done:answered'
say "还有别的吗"
ok "the next message: asked with the chat's recent messages, the bot's own marked" eval 'last_ask | jq -e ".recent >= 2 and (.recent_from | index(\"bot\")) != null and (.recent_from | index(\"follower\")) != null" >/dev/null'
n=$(asked)
say "我要转人工"
ok "words that ask for a person: handed over without asking the service" eval 'test "$(asked)" = "$n" && test "$(sqlq "SELECT state FROM chats WHERE id = $(chat_of)")" = waiting'

# too late: WeChat answered in time, the worker asks again and sends it
FROM=oSvc2$(openssl rand -hex 3)
# (the process that asks again is held while the webhook answers, so that
# "nothing said yet" is not a race with it)
ok "(the worker's hook senders held)" worker_pause wxdesk-hooks
t0=$(date +%s%N)
say "慢慢说"
took=$(( ($(date +%s%N) - t0) / 1000000 ))
got=$(last_got)
worker_resume wxdesk-hooks
ok "a service slower than the budget: WeChat answered in time ($took ms), nothing said yet" eval 'test "$took" -lt 4500 && test -z "$got"'
ok "…the worker asks again with the same id and sends its answer as a customer-service message" eventually eval 'test "$(last_got)" = "text:服务: 慢慢说" && test "$(tail -1 "$SV/log" | jq -r .again)" = true'
ok "…delivered, marked the bot's, the question closed as late" eval 'test "$(sqlq "SELECT CONCAT(delivery_state, JSON_VALUE(fields, '"'\$.bot'"')) FROM messages WHERE chat_id = $(chat_of) AND body = '"'服务: 慢慢说'"'")" = delivered1 && test "$(outcome)" = done:late'
ok "…and the follower got it once" test "$(simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' AND content = '服务: 慢慢说'")" = 1

# too late and no room left in WeChat's rules: not sent, and said so
FROM=oSvc5$(openssl rand -hex 3)
say "你好"
n=$(simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'")
say "请等等，没有名额"
# (the service holds the worker's second ask until told: meanwhile the
# chat's 5 are used up)
asked_again() { grep -q '"again":true,"event":[^,]*,"text":"请等等，没有名额"' "$SV/log"; }
eventually asked_again >/dev/null
sqlq "UPDATE chats SET consecutive_out = 5 WHERE id = $(chat_of)" >/dev/null
curl -s -o /dev/null -X POST "http://127.0.0.1:$(cat "$SV/port")/release"
ok "a late answer with no room under the 5 in a row: not sent, the transcript says why" eventually eval 'test "$(outcome)" = done:unsent && test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $(chat_of) AND JSON_VALUE(fields, '"'\$.note'"') = '"'note.bot_unsent'"'")" = 1'
ok "…the follower got nothing more" test "$(simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'")" = "$n"
FROM=oSvc2b$(openssl rand -hex 3)

# a picture: fetched by the worker, uploaded, sent as a customer-service image
say "发张图"
ok "a picture answer: sent by the worker as an image" eventually eval 'test "$(last_got)" = "image:" && test "$(outcome)" = done:late'
ok "…kept in the transcript as the bot's picture" test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN attachments a ON a.id = m.attachment_id WHERE m.chat_id = $(chat_of) AND m.msg_type = 'image' AND m.direction = 'out' AND JSON_VALUE(m.fields, '\$.bot') = 1")" = 1
say "静一静"
ok "nothing to say: no reply, the question answered" eval 'test "$(last_got)" = "image:" && test "$(outcome)" = done:answered'

# failing: the rules answer
f0=$(failures)
say "坏了，价格多少"
ok "a service that fails (500): the rules answer in time" test "$(last_got)" = "text:规则：价格表见官网"
ok "…counted on the Chatbot page, the question closed as failed" eval 'test "$(failures)" = $((f0 + 1)) && test "$(outcome)" = done:failed'
say "乱七八糟"
ok "an answer that is not one: the rules' fallback" eval 'test "$(last_got)" != "text:服务: 乱七八糟" && test "$(failures)" = $((f0 + 2))'
get adm "/admin/channels/$CH/bot"
ok "…the page says why, in words, with the week's questions" eval '{ has "the service answered with an error" || has "answer was not one wxdesk understands"; } && test "$(sed -n "s/.*id=\"service-failed\">\([0-9]*\)<.*/\1/p" <<<"$BODY")" = 2'

# the service hands over
FROM=oSvc3$(openssl rand -hex 3)
say "请帮我找同事"
ok "the service hands the chat over: queued, its line the passive reply" eval 'test "$(sqlq "SELECT state FROM chats WHERE id = $(chat_of)")" = waiting && last_got | grep -qF "好的，正在为您转接"'
ok "…noted in the transcript, the question closed as a hand-off" eval 'test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $(chat_of) AND event = '"'bot_handoff'"' AND body LIKE '"'%bot service%'"'")" = 1 && test "$(outcome)" = done:handoff'
n=$(asked)
say "还在吗"
ok "…then the service is asked no more" test "$(asked)" = "$n"

# taken back: the rules answer again
svc service_url=
ok "the service removed: the rules answer again" test "$STATUS" = 303
FROM=oSvc4$(openssl rand -hex 3)
n=$(asked)
say "价格"
ok "…a new chat's message is the rules', the service not asked" eval 'test "$(last_got)" = "text:规则：价格表见官网" && test "$(asked)" = "$n"'
done_tests
