# 05-database.sh: the database layer, migrations, and a database that goes down.
. "$(dirname "$0")/lib.sh"

. "$WXDESK_ROOT/tests/count.sh"
out=$("$WXDESK_BUILD/tests/test_db" 2>&1)
counted "$out" $?
PASS=$((PASS + P)) FAIL=$((FAIL + F))
[ "$F" = 0 ] || echo "$out" | tail -20

# migrations: a second run does nothing; a newer schema is refused
out=$("$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" 2>&1)
ok "migrations are recorded once" grep -q "schema is up to date" <<<"$out"
ok "schema_migrations has 001" test "$(sqlq "SELECT name FROM schema_migrations WHERE version = 1")" = 001_core.sql
sqlq "INSERT INTO schema_migrations VALUES (999, '999_future.sql', NOW())"
out=$("$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" 2>&1); rc=$?
ok "a newer schema is refused" test "$rc" = 2
ok "…explaining why" grep -q "newer than this wxdesk" <<<"$out"
sqlq "DELETE FROM schema_migrations WHERE version = 999"

# the stored routines and triggers are sql/routines/'s, applied by every migrate
ok "each migrate applies the stored routines and triggers of sql/routines/" grep -q "stored routines and triggers applied (6 files)" <<<"$("$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" 2>&1)"
ok "…the body that runs is the file's (the chats' trigger knows reopened chats)" test "$(sqlq "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name = 'report_chats_au' AND action_statement LIKE '%reopened_at%'")" = 1
sqlq "CREATE TRIGGER report_messages_ai AFTER INSERT ON messages FOR EACH ROW SET @x = 1"
"$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" >/dev/null 2>&1
ok "…and a retired trigger left by an older schema is dropped" test "$(sqlq "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name = 'report_messages_ai'")" = 0

# tables are utf8mb4
ok "tables use utf8mb4" test "$(sqlq "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'wxdesk' AND table_collation NOT LIKE 'utf8mb4%'")" = 0

# /healthz: the database, the schema, a worker (the daemon's ticks); no sign-in
"$WXDESK_BUILD/bin/wxdesk-worker" --once
get anon /healthz
ok "/healthz: healthy, 200, and says no more" eval 'status_is 200 && test "$BODY" = "{\"ok\":true}"'
# the database goes down while signed in
sign_in a admin "$(demo_pw admin)"
get a /admin/brands
tok=$(csrf)
mariadb-admin --no-defaults --socket="$WXDESK_VAR/run/mysqld.sock" -uroot shutdown
for i in $(seq 1 50); do [ -S "$WXDESK_VAR/run/mysqld.sock" ] || break; sleep 0.1; done
get a /admin/brands
ok "database down: 503" status_is 503
ok "…with a plain explanation" has "The database is not reachable right now"
get anon /healthz
ok "/healthz says so: 503, the database failing" eval 'status_is 503 && has "\"failing\":[\"database\"]"'
req a POST /admin/brands --data-urlencode "csrf=$tok" --data-urlencode "name=While Down"
ok "a change while down: 503" status_is 503
bin_ctl="$WXDESK_ROOT/bin/wxdesk-ctl"
"$bin_ctl" start >/dev/null 2>&1
get a /admin/brands
ok "after the database is back, pages work again" status_is 200
ok "…with the same session" has "Demo"
req a POST /admin/brands --data-urlencode "csrf=$tok" --data-urlencode "name=After Restart"
ok "the same form submitted again succeeds" status_is 303
ok "…stored once" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name IN ('While Down', 'After Restart')")" = 1
# no worker for a while: not healthy
worker_stop
sqlq "UPDATE workers SET seen_at = seen_at - INTERVAL 1 DAY"
get anon /healthz
ok "/healthz: no worker seen for a minute, 503" eval 'status_is 503 && has "\"ok\":false" && has "\"failing\":[\"worker\"]"'
tick
get anon /healthz
ok "…a tick later, healthy again" status_is 200
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"

# Database.Hosts: an ordered list; the first that answers is used (a server
# that is down, on a port nothing listens on, is passed over)
sed '/^Database.Hosts/d' "$WXDESK_CONFIG" >"$WXDESK_VAR/hosts.hdf"
echo "Database.Hosts = 127.0.0.1:1, $WXDESK_VAR/run/mysqld.sock" >>"$WXDESK_VAR/hosts.hdf"
out=$(WXDESK_CONFIG="$WXDESK_VAR/hosts.hdf" "$WXDESK_BUILD/bin/wxdesk-worker" --once 2>&1); rc=$?
ok "Database.Hosts: the first server down, the second used" eval '[ $rc = 0 ] && grep -q "connected to .*mysqld.sock (entry 2 of Database.Hosts)" <<<"$out"'
echo "Database.Hosts = 127.0.0.1:1, 127.0.0.1:2" >>"$WXDESK_VAR/hosts.hdf"
sed -i '/mysqld.sock$/d' "$WXDESK_VAR/hosts.hdf"
out=$(WXDESK_CONFIG="$WXDESK_VAR/hosts.hdf" "$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" 2>&1); rc=$?
ok "…none answering: a plain failure, not a crash" eval '[ $rc != 0 ] && [ $rc -lt 128 ] && grep -q "database connection failed" <<<"$out"'

# a schema newer than the worker knows (a release installed beside it): its
# jobs wait, and it says why (the daemon paused meanwhile)
worker_pause
sqlq "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future.sql', NOW())"
sqlq "INSERT INTO report_events (at, kind, brand_id, channel_id) VALUES (NOW() - INTERVAL 3 YEAR, 'follow', 0, 0)"
ev=$(sqlq "SELECT MAX(id) FROM report_events")
out=$("$WORKER" --once 2>&1)
ok "a schema newer than the worker knows: no job runs" eval 'grep -q "schema is 999, newer than this worker knows" <<<"$out" && test "$(sqlq "SELECT rolled FROM report_events WHERE id = $ev")" = 0'
sqlq "DELETE FROM schema_migrations WHERE version = 999"
"$WORKER" --once >/dev/null 2>&1
ok "…the schema known again: the jobs run" test "$(sqlq "SELECT rolled FROM report_events WHERE id = $ev")" = 1
worker_resume
done_tests
