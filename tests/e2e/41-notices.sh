# 41-notices.sh: reaching a follower after the window closed. The account's
# template messages and subscription notices are imported from WeChat; an
# administrator says who may send each. With no window open, the chat's
# ladder offers the cheapest legal route (hold, a notice while the follower
# has an acceptance, a template); a template message is sent with a
# client_msg_id, so a retried call is one message at WeChat; its later
# result is shown on it; a notice spends one acceptance (43101 when WeChat
# has none). Refusals are said in words; the reports count both.
. "$(dirname "$0")/lib.sh"
own_channel "Notice Brand"
worker_stop	# the sends are this script's (sent, tick): none races the background worker
mstate() { sqlq "SELECT CONCAT_WS(':', delivery_state, wx_errcode) FROM messages WHERE id = $1"; }
last_of() { sqlq "SELECT MAX(id) FROM messages WHERE chat_id = $C AND msg_type = '$1'"; }
tpl() { curl -s -o /dev/null --data-urlencode "appid=$APP_ID" "$@" "$SIMURL/sim/templates"; }
tpl --data-urlencode kind=template --data-urlencode template_id=TPL_SHIP \
	--data-urlencode "title=订单发货通知" \
	--data-urlencode $'content=订单编号：{{character_string1.DATA}}\n商品名称：{{thing2.DATA}}\n发货时间：{{time3.DATA}}' \
	--data-urlencode $'example=订单编号：A1024\n商品名称：保温杯\n发货时间：2026年12月6日 10:00'
tpl --data-urlencode kind=notice --data-urlencode template_id=NTC_REPLY \
	--data-urlencode "title=客服回复提醒" --data-urlencode $'content=回复内容：{{thing1.DATA}}\n回复时间：{{time2.DATA}}'

sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/channels/$CH/templates" post adm "/admin/channels/$CH/templates/import"
ok "an administrator asks for the account's templates" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT templates_due < NOW() FROM wx_syncs WHERE channel_id = $CH")" = 1'
tick
imported() { test "$(sqlq "SELECT COUNT(*) FROM wx_templates WHERE channel_id = $CH")" = 2; }
eventually imported
ok "the worker imports both kinds" test "$(sqlq "SELECT GROUP_CONCAT(CONCAT(kind, ':', wx_id) ORDER BY kind) FROM wx_templates WHERE channel_id = $CH")" = "template:TPL_SHIP,notice:NTC_REPLY"
T=$(sqlq "SELECT id FROM wx_templates WHERE channel_id = $CH AND wx_id = 'TPL_SHIP'")
N=$(sqlq "SELECT id FROM wx_templates WHERE channel_id = $CH AND wx_id = 'NTC_REPLY'")
get adm "/admin/channels/$CH/templates"
ok "…the Templates page lists them with their fields and the rules" eval 'has "订单发货通知" && has "character_string1" && has "商品名称：" && has "never marketing" && has "客服回复提醒"'

sign_in op operator "$(demo_pw operator)"
FROM=oNote$(openssl rand -hex 3)
say "我的订单发货了吗？"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
TOKEN_PAGE=/console/ post op "/console/chats/$C/pickup"
get op "/console/chats/$C/notice/$T"
ok "while a window is open, no template: a reply instead" eval 'test "$STATUS" = 409 && has "A window is open"'
get op "/console/chats/$C"
ok "…and no ladder" eval '! has "id=\"ladder\""'

shift_clock $((49 * 3600))
sign_in op operator "$(demo_pw operator)"
sign_in adm admin "$(demo_pw admin)"
get op "/console/chats/$C"
ok "the window shut: the ladder offers a hold, then a template (no acceptance to spend)" eval 'has "id=\"ladder\"" && has "Hold the reply above" && has "/console/chats/$C/notice/$T" && ! has "/console/chats/$C/notice/$N\"" && has "No acceptance to spend for:"'
ok "…with what the template costs" has "1 of the account&#39;s 100000 template messages left today"
get op "/console/chats/$C/notice/$T"
ok "the template's page: its fields, WeChat's preview, the rules" eval 'has "name=\"f1\"" && has "What the follower sees" && has "forbids marketing"'
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1024" "f1=一个超过二十个字的商品名称一定会被微信拒绝的吧真的" "f2=今天 10:00"
ok "a value over its type's limit is refused beside its field" eval 'test "$STATUS" = 422 && has "WeChat takes at most 20 characters here"'
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1024" "f1=保温杯😀" "f2=今天 10:00"
ok "…and emoji" eval 'test "$STATUS" = 422 && has "no emoji"'
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1024" "f1=保温杯" "f2=今天 10:00" mp_appid=wx1a2b3c4d5e6f7a8b
ok "…and a mini program without its page" eval 'test "$STATUS" = 422 && has "Give both the mini program"'
OUTS=$(sqlq "SELECT consecutive_out FROM chats WHERE id = $C")
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1024" "f1=保温杯" "f2=2026年12月6日 10:00" "url=https://shop.example.com/o/A1024" mp_appid=wx1a2b3c4d5e6f7a8b "mp_page=pages/order/index?id=A1024"
ok "a template message is queued in the chat" eval 'test "$STATUS" = 303 && test "$(mstate "$(last_of template)")" = sending'
sent
M=$(sqlq "SELECT id FROM messages WHERE chat_id = $C AND msg_type = 'template'")
ok "…WeChat takes it with no window, and its msgid is kept" test "$(mstate "$M"):$(sqlq "SELECT wx_msg_id IS NOT NULL FROM messages WHERE id = $M")" = "delivered:1"
ok "…the phone shows the template filled in" eval 'curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -q "订单发货通知\\\\n订单编号：A1024\\\\n商品名称：保温杯"'
ok "…with its link and its mini program page in the request" test "$(sqlq "SELECT CONCAT(JSON_VALUE(fields, '$.url'), ' ', JSON_VALUE(fields, '$.miniprogram.pagepath')) FROM messages WHERE id = $M")" = "https://shop.example.com/o/A1024 pages/order/index?id=A1024"
ok "…it counts toward no window" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $C")" = "$OUTS"
ok "…and one of the day's template messages" test "$(sqlq "SELECT SUM(used) FROM wx_quota_use WHERE channel_id = $CH")" = 1
result() { test "$(sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $CH AND event = 'TEMPLATESENDJOBFINISH' AND wx_msg_id = (SELECT wx_msg_id FROM messages WHERE id = $1)")" = 1; }
ok "WeChat pushes the job's result later" eventually result "$M"
get op "/console/chats/$C"
ok "…shown on the message" eval 'has "Template message" && has "reached the follower&#39;s phone"'

# --- a sender that died after WeChat took it: the same client_msg_id, one message
phone_templates() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o '"msgtype":"template"' | wc -l; }
ID1=$(sqlq "SELECT wx_msg_id FROM messages WHERE id = $M")
sqlq "UPDATE messages SET delivery_state = 'sending' WHERE id = $M"
sent
ok "a template sent again with its client_msg_id is one message at WeChat" test "$(phone_templates):$(sqlq "SELECT CONCAT(delivery_state, ':', wx_msg_id) FROM messages WHERE id = $M")" = "1:delivered:$ID1"

# --- a subscription notice: accepted in an article, spent once
phone -F action=notice_accept -F template_id=NTC_REPLY
ok "the follower accepts a notice in an article: one credit" test "$(sqlq "SELECT credits FROM notice_credits WHERE follower_id = $F AND wx_id = 'NTC_REPLY'")" = 1
sim_phone oReaderOnly1 -F action=notice_accept -F template_id=NTC_REPLY
ok "a reader who does not follow accepts a notice in an article: a credit, and no follower" test "$(sqlq "SELECT CONCAT(f.subscribed, ':', c.credits) FROM followers f JOIN notice_credits c ON c.follower_id = f.id WHERE f.openid = 'oReaderOnly1'")" = "0:1"
get op "/console/chats/$C"
ok "the ladder now offers the notice first, and what it spends" eval 'has "/console/chats/$C/notice/$N" && has "spends 1 of the 1 times they accepted it" && [ "$(grep -o "/notice/[0-9]*" <<<"$BODY" | head -1)" = "/notice/$N" ]'
TOKEN_PAGE="/console/chats/$C/notice/$N" post op "/console/chats/$C/notice/$N" "f0=您的问题已有答复" "f1=12月6日 10:00"
sent
ok "the notice goes, spending the credit" test "$(sqlq "SELECT delivery_state FROM messages WHERE chat_id = $C AND msg_type = 'notice'"):$(sqlq "SELECT credits FROM notice_credits WHERE follower_id = $F")" = "delivered:0"
ok "…the phone shows it" eval 'curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -q "客服回复提醒\\\\n回复内容：您的问题已有答复"'
get op "/console/chats/$C/notice/$N"
ok "with no credit left the notice is not offered" eval 'test "$STATUS" = 409 && has "no acceptance of this notice left"'
# a credit wxdesk counts but WeChat does not have: 43101, and none here either
sqlq "UPDATE notice_credits SET credits = 1 WHERE follower_id = $F"
TOKEN_PAGE="/console/chats/$C/notice/$N" post op "/console/chats/$C/notice/$N" "f0=再次提醒" "f1=12月6日 11:00"
sent
ok "WeChat refuses a notice with no acceptance (43101): said in words, the credit gone" test "$(mstate "$(last_of notice)"):$(sqlq "SELECT credits FROM notice_credits WHERE follower_id = $F")" = "failed:43101:0"
get op "/console/chats/$C"
ok "…the transcript says why" has "has not accepted this notice, or used up what they accepted (43101)"
phone -F action=notice_accept -F template_id=NTC_REPLY
phone -F action=notice_off -F template_id=NTC_REPLY
ok "turning the notice off in WeChat's settings takes the credits" test "$(sqlq "SELECT credits FROM notice_credits WHERE follower_id = $F")" = 0

# --- the follower turned template messages off: sent, then WeChat's result says so
phone -F action=templates_off
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1025" "f1=茶杯" "f2=2026年12月7日 09:00"
sent
M2=$(sqlq "SELECT MAX(id) FROM messages WHERE chat_id = $C AND msg_type = 'template'")
ok "a template to a follower who turned them off: WeChat's result comes back" eventually result "$M2"
get op "/console/chats/$C"
ok "…and the message says it was not shown" has "turned off this account&#39;s template messages"
phone -F action=templates_on

# --- refusals in words: a template removed in WeChat, the day's quota
tpl --data-urlencode kind=template --data-urlencode template_id=TPL_SHIP --data-urlencode drop=1
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1026" "f1=茶杯" "f2=2026年12月7日 09:00"
sent
ok "a template removed in WeChat: 40037" test "$(mstate "$(last_of template)")" = "failed:40037"
get op "/console/chats/$C"
ok "…said in words" has "WeChat does not know this template (40037)"
ok "…a refused send gives its day's quota back" test "$(sqlq "SELECT SUM(used) FROM wx_quota_use WHERE channel_id = $CH")" = 2
tpl --data-urlencode kind=template --data-urlencode template_id=TPL_SHIP --data-urlencode "title=订单发货通知" \
	--data-urlencode $'content=订单编号：{{character_string1.DATA}}\n商品名称：{{thing2.DATA}}\n发货时间：{{time3.DATA}}'
FAILED=$(last_of template)
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/retry" "message=$FAILED"
ok "the template back in WeChat: Retry sends the failed one again, as the same message" test "$(mstate "$FAILED"):$(phone_templates)" = "delivered:2"
curl -s -o /dev/null --data "appid=$APP_ID&api=template_send&daily=2" "$SIMURL/sim/dashboard"
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1027" "f1=茶杯" "f2=2026年12月7日 09:00"
sent
ok "WeChat's daily quota (45009): refused, and the day is used up here" test "$(sqlq "SELECT wx_errcode FROM messages WHERE chat_id = $C AND msg_type = 'template' ORDER BY id DESC LIMIT 1"):$(sqlq "SELECT used = 100000 FROM wx_quota_use WHERE channel_id = $CH")" = "45009:1"
get op "/console/chats/$C"
ok "…the ladder says so" has "template messages for today are used up"
TOKEN_PAGE="/console/chats/$C/notice/$T" post op "/console/chats/$C/notice/$T" "f0=A1028" "f1=茶杯" "f2=2026年12月7日 09:00"
ok "…and a send is refused before WeChat is asked" eval 'test "$STATUS" = 409 && test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $C AND msg_type = \"template\"")" = 4'

# --- who may send: the administrator's choice
TOKEN_PAGE="/admin/channels/$CH/templates" post adm "/admin/channels/$CH/templates/$T" senders=chosen
ok "an administrator keeps a template to chosen staff" test "$(sqlq "SELECT senders FROM wx_templates WHERE id = $T")" = chosen
get op "/console/chats/$C/notice/$T"
ok "…an operator not chosen cannot send it" test "$STATUS" = 403
OPID=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
TOKEN_PAGE="/admin/channels/$CH/templates" post adm "/admin/channels/$CH/templates/$T" senders=chosen "user=$OPID"
get op "/console/chats/$C/notice/$T"
ok "…one chosen can" test "$STATUS" = 200
ok "the audit trail records both" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action IN ('nt.import', 'nt.senders')")" -ge 3

# --- kept in step: a template removed in WeChat is marked gone at the next read
tpl --data-urlencode kind=notice --data-urlencode template_id=NTC_REPLY --data-urlencode drop=1
TOKEN_PAGE="/admin/channels/$CH/templates" post adm "/admin/channels/$CH/templates/import"
tick
gone() { test "$(sqlq "SELECT gone_at IS NOT NULL FROM wx_templates WHERE id = $N")" = 1; }
ok "a notice removed in WeChat is gone here too, and never offered" eval 'eventually gone && get adm "/admin/channels/$CH/templates" && has "no longer in WeChat"'

ok "the reports count templates and notices sent and refused" test "$(sqlq "SELECT CONCAT(SUM(kind = 'template_sent'), ':', SUM(kind = 'template_failed'), ':', SUM(kind = 'notice_sent'), ':', SUM(kind = 'notice_failed')) FROM report_events WHERE channel_id = $CH")" = "4:3:1:1"
DAY=$(date -u -d @"$(wx_clock)" +%F)
get adm "/reports/?from=$(date -u -d "$DAY - 10 days" +%F)&to=$DAY&tz=UTC&channel=$CH"
ok "…the overview shows them, the first response inside the first window, and WeChat's refusals by errcode" eval 'grep -q "id=\"fig-templates-sent\">4<" <<<"$BODY" && grep -q "id=\"fig-notices-failed\">1<" <<<"$BODY" && grep -q "id=\"fig-first-in-window\">0<" <<<"$BODY" && has "WeChat does not know this template (40037)" && has "(43101)"'
done_tests
