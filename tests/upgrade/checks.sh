# checks.sh: what an upgrade keeps, run by tests/upgrade/run against a stack
# restored from the previous release's data (tests/upgrade/v22: schema 22,
# made by that release: a chat the bot answered, handed to the operator
# with a picture, answered and closed; a second chat that was waiting).
. "$ROOT/tests/e2e/lib.sh"
. "$WXDESK_VAR/demo-credentials.txt.env"
# healthy once the new worker has ticked (the fixture's own tick is old)
for i in $(seq 1 100); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 200 ] && break; sleep 0.1; done
get x /healthz
ok "the schema is the one the code knows, after the new migrations" eval 'test "$(sqlq "SELECT MAX(version) FROM schema_migrations")" = "'"$(sed -n 's/^#define WX_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$ROOT/src/wxdesk.h")"'" && has "\"ok\":true"'
ok "the one database account of before became the schema's owner, the programs got their own" eval \
	'grep -qx "Database.User = wxdesk_app" "$WXDESK_CONFIG" && grep -qx "Database.User = wxdesk" "$WXDESK_VAR/owner.hdf" && grep -q "^Database.OwnerFile = $WXDESK_VAR/owner.hdf" "$WXDESK_CONFIG"'
apw=$(sed -n 's/^Database.Password = //p' "$WXDESK_CONFIG")
ok "…which cannot truncate the audit log, whose triggers the owner made" eval \
	'mariadb --no-defaults --socket="$WXDESK_VAR/run/mysqld.sock" -uwxdesk_app -p"$apw" wxdesk -e "TRUNCATE TABLE audit_log" 2>&1 | grep -q denied && test "$(sqlq "SELECT DEFINER FROM information_schema.triggers WHERE trigger_name = '"'audit_log_bu'"'")" = "wxdesk@localhost"'
sign_in a admin "$(demo_pw admin)"
ok "the old administrator's password still signs in" location_is /admin/
get a /console/chats/1
ok "the old chat, with the bot's answer and the operator's reply" eval 'status_is 200 && has "您好，我来帮您查询。" && has "人工"'
img=$(grep -o '/console/media/[0-9]*' <<<"$BODY" | head -1)
ok "…its picture, from a file recorded before paths were relative" eval 'test -n "$img" && test "$(sqlq "SELECT COUNT(*) FROM attachments WHERE path LIKE '"'/%'"'")" = 0'
get a "$img"
mkdir -p "$WXDESK_VAR/fx" && tar -C "$WXDESK_VAR/fx" -xf "$ROOT/tests/upgrade/v22/media.tar"
ok "…served byte for byte" eval 'status_is 200 && cmp -s <(curl -s -b "$JARS/a" "$BASE$img") "$(find "$WXDESK_VAR/fx" -name "*.png" | head -1)"'
ok "the old first response has its business-hours twin (no hours: the same 8 s)" test \
	"$(sqlq "SELECT GROUP_CONCAT(kind, '=', value ORDER BY kind) FROM report_events WHERE chat_id = 1 AND kind LIKE 'first%'")" = "first_response=8,first_response_bh=8"
get a "/admin/channels/$(sqlq "SELECT id FROM channels WHERE app_id = '$APP_ID'")"
ok "the old WeChat account's page" status_is 200
TOKEN_PAGE="/admin/channels/$(sqlq "SELECT id FROM channels WHERE app_id = '$APP_ID'")" post a "/admin/channels/$(sqlq "SELECT id FROM channels WHERE app_id = '$APP_ID'")/reveal" "password=$(demo_pw admin)"
ok "…its App Secret readable with the old key" has "$APP_SECRET"
ok "…the reveal on the new audit trail" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action = 'wechat.reveal'")" = 1
# (its timers run on: by now it may be missed or closed, its messages kept)
ok "the chat that waited is kept, with its message" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = 2 AND body = '人工'")" = 1
FROM=oAfterUpgrade$(openssl rand -hex 3)
say "人工"
ok "a new follower's message on the old account opens a chat" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")" = 1
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW() WHERE state <> 'closed'"
done_tests
