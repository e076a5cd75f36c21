# 31-privileges.sh: two database accounts. The programs connect as an
# account that reads and writes rows and nothing more; the schema's owner
# (Database.OwnerFile, which they never read) runs the migrations and then
# grants the programs' account its rights. A compromised web process could
# not truncate the audit log, drop its triggers, or change the schema.
. "$(dirname "$0")/lib.sh"
CFG=$WXDESK_CONFIG
RU=$(sed -n 's/^Database.User = //p' "$CFG") RP=$(sed -n 's/^Database.Password = //p' "$CFG")
OWNER=$(sed -n 's/^Database.OwnerFile = //p' "$CFG")
ok "the programs' account is not the schema's owner, whose file is apart and private" eval \
	'test "$RU" = wxdesk_app && test -f "$OWNER" && test "$(stat -c %a "$OWNER")" = 600 && test "$(sed -n "s/^Database.User = //p" "$OWNER")" = wxdesk'
opt=$WXDESK_VAR/tmp/app.cnf
mkdir -p "$WXDESK_VAR/tmp"
(umask 077; printf '[client]\nsocket=%s\nuser=%s\npassword=%s\n' "$WXDESK_VAR/run/mysqld.sock" "$RU" "$RP" >"$opt")
as_app() { mariadb --defaults-file="$opt" -N -B wxdesk -e "$1" 2>&1; }
refused() { local out; out=$(as_app "$1"); grep -q 'denied' <<<"$out"; }
n0=$(sqlq "SELECT COUNT(*) FROM audit_log")
ok "as the programs' account: the audit log can be read and added to" eval \
	'as_app "SELECT COUNT(*) FROM audit_log" | grep -qx "$n0" && ! refused "INSERT INTO audit_log (at, login, action, detail) VALUES (NOW(), '"'priv'"', '"'privileges.check'"', '"'{}'"')"'
ok "…not truncated" refused "TRUNCATE TABLE audit_log"
ok "…its triggers not dropped" refused "DROP TRIGGER audit_log_bu"
ok "…its rows neither changed nor deleted (refused by the rights, before the triggers)" eval \
	'refused "UPDATE audit_log SET login = '"'x'"' WHERE action = '"'privileges.check'"'" && refused "DELETE FROM audit_log"'
ok "…the audit log intact" test "$(sqlq "SELECT COUNT(*) FROM audit_log")" = $((n0 + 1))
ok "no table dropped, altered or made" eval 'refused "DROP TABLE chats" && refused "ALTER TABLE users ADD COLUMN x INT" && refused "CREATE TABLE x (id INT PRIMARY KEY)"'
ok "no trigger or routine made" eval 'refused "CREATE TRIGGER t_x BEFORE INSERT ON brands FOR EACH ROW SET NEW.name = NEW.name" && refused "CREATE PROCEDURE p_x() SELECT 1"'
ok "no rights given away" refused "GRANT SELECT ON wxdesk.users TO '$RU'@'localhost'"
ok "rows of other tables read, written, deleted as the programs do" eval \
	'! refused "UPDATE brands SET name = name WHERE id = 0" && ! refused "DELETE FROM sessions WHERE id_hash = '"'none'"'"'
ok "the stored routines run for it (EXECUTE)" eval '! refused "SELECT brand_open_seconds(0, NOW() - INTERVAL 1 HOUR, NOW())"'
out=$("$WXDESK_BUILD/bin/wxdesk-admin" migrate "$WXDESK_ROOT/sql" 2>&1)
ok "the owner migrates, then grants the programs' account its rights again" eval \
	'grep -q "up to date" <<<"$out" && grep -q "wxdesk_app may read and write" <<<"$out"'
ok "…table by table: a right on every table, the audit log's SELECT and INSERT only" test \
	"$(sqlq "SELECT CONCAT(COUNT(DISTINCT table_name), ':', SUM(table_name = 'audit_log' AND privilege_type IN ('UPDATE', 'DELETE'))) FROM information_schema.table_privileges WHERE grantee = \"'wxdesk_app'@'localhost'\"")" = \
	"$(sqlq "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'wxdesk'"):0"
rm -f "$opt"
done_tests
