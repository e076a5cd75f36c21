# 20-audit.sh: the audit trail: sign-ins and their failures, administrative
# changes with the fields sent (secrets masked), a reveal of secrets; the
# page, its filters and CSV; read only, for administrators only.
. "$(dirname "$0")/lib.sh"
own_channel "Audit Brand"
au() { sqlq "SELECT $1 FROM audit_log WHERE $2 ORDER BY id DESC LIMIT 1"; }
R=$(openssl rand -hex 3)

sign_in x admin "wrong-password-$R"
ok "a failed sign-in is recorded with the login typed and the address" test "$(au "CONCAT(login, '|', ip, '|', user_id IS NULL)" "action = 'signin.failed'")" = "admin|127.0.0.1|1"
sign_in adm admin "$(demo_pw admin)"
ok "a sign-in is recorded with the account" test "$(au "CONCAT(login, '|', user_id)" "action = 'signin'")" = "admin|$(sqlq "SELECT id FROM users WHERE login = 'admin'")"

TOKEN_PAGE=/admin/brands post adm /admin/brands "name=Audited $R"
ok "a brand created: its name on the record" test "$(au "CONCAT(login, '|', target, '|', detail)" "action = 'brand.create'")" = "admin|/admin/brands|{\"name\":\"Audited $R\"}"
TOKEN_PAGE=/admin/brands post adm /admin/brands "name="
ok "a form refused is not a change: no record" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action = 'brand.create' AND detail = '{\"name\":\"\"}'")" = 0

TOKEN_PAGE=/admin/operators/new post adm /admin/operators "login=aud$R" "name=Audit Person" "role=operator" "password=audit-secret-pw-$R"
uid=$(sqlq "SELECT id FROM users WHERE login = 'aud$R'")
ok "staff created: the password only as (set)" test "$(au "JSON_VALUE(detail, '$.password')" "action = 'staff.create'")" = "(set)"
TOKEN_PAGE="/admin/operators/$uid" post adm "/admin/operators/$uid/password" "password=another-secret-$R"
ok "a password set: recorded, masked" test "$(au "CONCAT(target, '|', detail)" "action = 'staff.password'")" = "/admin/operators/$uid/password|{\"password\":\"(set)\"}"
ok "…no password anywhere in the trail" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%secret-pw-$R%' OR detail LIKE '%another-secret-$R%'")" = 0
TOKEN_PAGE="/admin/operators/$uid" post adm "/admin/operators/$uid" "name=Audit Person" "role=supervisor" "dept=$SALES" "dept=$SUPPORT"
ok "a role change: the fields, a list as a list" test "$(au "CONCAT(JSON_VALUE(detail, '$.role'), '|', JSON_LENGTH(detail, '$.dept'))" "action = 'staff.update'")" = "supervisor|2"

TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/reveal" "password=$(demo_pw admin)"
ok "secrets revealed: on the record, without the secrets or the password" test "$(au "CONCAT(target, '|', detail)" "action = 'wechat.reveal'")" = "/admin/channels/$CH/reveal|{\"password\":\"(set)\"}"
ok "…the App Secret appears nowhere in the trail" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$APP_SECRET%'")" = 0
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" "missed_after=4" "missed_close=10080" "idle_close=120" "bot_idle=30"
ok "preferences changed: recorded" test "$(au "JSON_VALUE(detail, '$.missed_after')" "action = 'wechat.prefs'")" = 4

# each kind of change: departments, profanity, business hours, the chatbot
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/departments" "dept_name=Audit Desk $R"
ok "a department created: recorded" test "$(au "JSON_VALUE(detail, '$.dept_name')" "action = 'department.create'")" = "Audit Desk $R"
TOKEN_PAGE="/admin/brands/$BRAND/profanity" post adm "/admin/brands/$BRAND/profanity/words" "word=笨蛋$R"
ok "a profanity word added: recorded" test "$(au "JSON_VALUE(detail, '$.word')" "action = 'profanity.word_add'")" = "笨蛋$R"
TOKEN_PAGE="/admin/brands/$BRAND/profanity" post adm "/admin/brands/$BRAND/profanity" enabled=1 limit=3 "warning=Be polite."
ok "profanity limits: recorded" test "$(au "JSON_VALUE(detail, '$.limit')" "action = 'profanity.settings'")" = 3
TOKEN_PAGE="/admin/brands/$BRAND/hours" post adm "/admin/brands/$BRAND/hours" hours_enabled=1 time_zone=Asia/Shanghai opens_0=09:00 closes_0=18:00
ok "business hours: recorded" test "$(au "CONCAT(JSON_VALUE(detail, '$.opens_0'), '-', JSON_VALUE(detail, '$.closes_0'))" "action = 'brand.hours'")" = "09:00-18:00"
sqlq "UPDATE brands SET hours_enabled = 0 WHERE id = $BRAND"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules" mode=contains "patterns=price$R" "answer=It is free."
ok "a chatbot rule: recorded" test "$(au "JSON_VALUE(detail, '$.patterns')" "action = 'bot.rule_save'")" = "price$R"
rid=$(sqlq "SELECT id FROM bot_rules WHERE channel_id = $CH AND patterns = 'price$R'")
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/rules/$rid/delete"
ok "a chatbot rule deleted: the record says which (the form is only its token)" test "$(au "CONCAT(target, '|', detail)" "action = 'bot.rule_delete'")" = "/admin/channels/$CH/bot/rules/$rid/delete|{\"mode\":\"contains\",\"patterns\":\"price$R\",\"answer\":\"It is free.\"}"
did=$(sqlq "SELECT id FROM departments WHERE name = 'Audit Desk $R'")
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/departments/$did/delete"
ok "a department deleted: its name on the record" test "$(au "JSON_VALUE(detail, '$.name')" "action = 'department.delete'")" = "Audit Desk $R"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics" "topic=Refund $R"
tid=$(sqlq "SELECT id FROM close_topics WHERE brand_id = $BRAND AND name = 'Refund $R'")
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics/$tid/delete"
ok "a topic deleted: its name on the record" test "$(au "JSON_VALUE(detail, '$.name')" "action = 'topic.delete'")" = "Refund $R"
TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/test" "try=price$R"
ok "…trying the bot changes nothing: not recorded" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE target LIKE '%/bot/test'")" = 0

get adm /admin/audit
ok "the audit page lists the records, newest first, in words" eval 'status_is 200 && has "<td>Revealed a WeChat account&#39;s secrets<br>" && has "<td>Created a brand<br>"'
ok "…with a link in the administrator's menu" has 'href="/admin/audit"'
get adm "/admin/audit?action=brand.create&login=admin"
ok "filtered by action: only those" eval 'has "data-action=\"brand.create\"" && ! has "data-action=\"signin\"" && ! has "data-action=\"staff.password\""'
get adm "/admin/audit?login=nobody-$R"
ok "filtered by someone with no records: none" has "No records match."
get adm "/admin/audit?from=2000-13-45"
ok "a bad date is said beside the field" eval 'status_is 200 && has "from-error"'
get adm "/admin/audit?action=staff.password&format=csv"
ok "CSV: UTF-8 with its byte-order mark first, so Excel on a Chinese Windows reads it" \
	test "$(head -c3 "$WXDESK_VAR/last-body" | od -An -tx1 | tr -d ' ')" = efbbbf
ok "CSV: a header and the records" eval 'hdr "text/csv" && grep -q "^.\{0,3\}Time,Who,From,What,Page,Details" <<<"$BODY" && grep -q "/admin/operators/$uid/password" <<<"$BODY"'
ok "CSV: in words: who by name, what they did, the fields labelled" \
	grep -qF ",Demo Admin (admin),127.0.0.1,Set a staff member's password,/admin/operators/$uid/password,Password: (set; never recorded)" <<<"$BODY"
get adm "/admin/audit?action=brand.create&login=admin"
ok "the page: a change's fields labelled in the reader's words, not JSON" \
	eval 'has "<dt>Name</dt><dd class=\"words\">Audited $R</dd>" && ! has "{&quot;name&quot;"'
ok "…who by name, the sign-in name beside it" has "<td>Demo Admin<br><small>admin</small></td>"
get adm "/admin/audit?action=staff.update&lang=zh-CN"
ok "…in Chinese: the labels and a list" eval 'has "<dt>角色</dt><dd class=\"words\">主管</dd>" && has "<dt>部门</dt>"'
get adm "/admin/audit?action=staff.password&format=csv&lang=zh-CN"
ok "CSV in Chinese: the words too" grep -qF "设置员工密码" <<<"$BODY"
get adm "/admin/audit?lang=zh-CN"
ok "in Chinese: the actions in Chinese" has "查看公众号密钥"
get adm "/admin/audit?lang=en"

sign_in op operator "$(demo_pw operator)"
get op /admin/audit
ok "an operator may not read the trail" status_is 403
TOKEN_PAGE=/admin/audit post adm /admin/audit "id=1"
ok "nothing in the product changes a record" status_is 405
ok "…and the database refuses a change or a removal" eval '! sqlq "UPDATE audit_log SET login = '"'x'"' LIMIT 1" 2>/dev/null && ! sqlq "DELETE FROM audit_log LIMIT 1" 2>/dev/null'
done_tests
