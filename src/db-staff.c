/*
 * db-staff.c: the statements of staff accounts and their sign-in, sessions,
 * brands, departments and members, canned responses, the migrations' record
 * and the programs' grants (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"
#include "staff.h"
#include "channel.h"
#include "console.h"

/* a session and its user, by the token's hash (staff.h, SESSION_GET_ROW) */
#define SESSION_COLS "s.user_id, s.csrf, UNIX_TIMESTAMP(s.last_seen) last_seen, s.flash, " \
	"u.login, u.name, u.role, u.disabled, u.language, u.presence, " \
	"IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0) console_seen, " \
	"u.idle_since IS NOT NULL idle, u.totp_on, " \
	"(SELECT require_2fa_admins FROM security_settings WHERE id = 1) require_2fa"
#define SESSION_OF " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?"

#define STAFF_STATEMENTS(X) \
	X(user_by_login, ROW(user_by_login), (const char *login), (S(login)), \
	    "SELECT id, login, name, role, pw_hash, disabled, failed_logins, " \
	    "UNIX_TIMESTAMP(last_failed_at) lastfail, UNIX_TIMESTAMP(locked_until) locked, totp_on " \
	    "FROM users WHERE login = ?") \
	X(user_get, ROW(user_get), (long long id), (I(id)), \
	    "SELECT id, login, name, role, disabled FROM users WHERE id = ?") \
	X(user_list, ROWS(user_list), (long long limit, long long offset), (I(limit), I(offset)), \
	    "SELECT u.id, u.login, u.name, u.role, u.disabled, " \
	    "(SELECT GROUP_CONCAT(d.name ORDER BY d.name SEPARATOR ', ') " \
	    " FROM department_members m JOIN departments d ON d.id = m.department_id " \
	    " WHERE m.user_id = u.id) departments " \
	    "FROM users u ORDER BY u.name, u.id LIMIT ? OFFSET ?") \
	X(user_count, COUNT, (), (), \
	    "SELECT COUNT(*) FROM users") \
	X(admin_count, COUNT, (), (), \
	    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0") \
	X(user_insert, INSERT, (const char *login, const char *name, const char *role, \
	    const char *pw_hash), \
	    (S(login), S(name), S(role), S(pw_hash), I((long long)wx_now())), \
	    "INSERT INTO users (login, name, role, pw_hash, created_at) " \
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))") \
	X(user_update, EXEC, (long long id, const char *name, const char *role), \
	    (S(name), S(role), I(id)), \
	    "UPDATE users SET name = ?, role = ? WHERE id = ?") \
	X(user_set_password, EXEC, (long long id, const char *pw_hash), (S(pw_hash), I(id)), \
	    "UPDATE users SET pw_hash = ?, failed_logins = 0, locked_until = NULL " \
	    "WHERE id = ?") \
	X(user_set_disabled, EXEC, (long long id, int disabled), (I((long long)disabled), I(id)), \
	    "UPDATE users SET disabled = ? WHERE id = ?") \
	/* \
	 * The right to check one password, counted as a failure before the check \
	 * (a right password then clears the count), so at most LockAfter \
	 * passwords are checked however many requests arrive at once, on any \
	 * node. No row changes while the account is locked, or within the \
	 * slow-down's wait after the last failure (5 s once SlowAfter failures \
	 * are counted, doubling). A lock that ran out starts the count again. \
	 * SET runs left to right, so locked_until reads the new count. \
	 */ \
	/* DB_OK: one password may be checked (and already counts as a failure); \
	 * DB_NOTFOUND: not now. */ \
	X(user_password_claim, DONE, (long long id, time_t now, int slow_after, int lock_after, \
	    int lock_minutes), \
	    (I((long long)now), I((long long)lock_after), I((long long)now), \
	    I((long long)lock_minutes), I(id), I((long long)now), I((long long)slow_after), \
	    I((long long)now), I((long long)slow_after)), \
	    "UPDATE users SET " \
	    "failed_logins = IF(locked_until IS NULL, failed_logins, 0) + 1, " \
	    "last_failed_at = FROM_UNIXTIME(?), " \
	    "locked_until = IF(failed_logins >= ?, FROM_UNIXTIME(?) + INTERVAL ? MINUTE, NULL) " \
	    "WHERE id = ? AND (locked_until IS NULL OR locked_until <= FROM_UNIXTIME(?)) " \
	    "AND (IF(locked_until IS NULL, failed_logins, 0) < ? " \
	    "OR last_failed_at <= FROM_UNIXTIME(?) - INTERVAL " \
	    "(5 << LEAST(IF(locked_until IS NULL, failed_logins, 0) - ?, 10)) SECOND)") \
	X(user_login_ok, EXEC, (long long id), (I(id)), \
	    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?") \
	X(session_insert, EXEC, (const char *id_hash, long long user_id, const char *csrf, \
	    time_t now), \
	    (S(id_hash), I(user_id), S(csrf), I((long long)now), I((long long)now)), \
	    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) " \
	    "VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))") \
	X(session_get, ROW(session_get), (const char *id_hash), (S(id_hash)), \
	    "SELECT " SESSION_COLS SESSION_OF) \
	/* the same with the console's mark, for the console's poll: a poll \
	 * with nothing new is this statement alone */ \
	X(session_mark, ROW(session_mark), (const char *id_hash, long long now), \
	    (I(now), S(id_hash)), \
	    "SELECT " SESSION_COLS ", " CONSOLE_MARK_COLS("s.user_id") SESSION_OF) \
	X(session_touch, EXEC, (const char *id_hash, time_t now), (I((long long)now), S(id_hash)), \
	    "UPDATE sessions SET last_seen = FROM_UNIXTIME(?) WHERE id_hash = ?") \
	X(session_flash, EXEC, (const char *id_hash, const char *flash), (S(flash), S(id_hash)), \
	    "UPDATE sessions SET flash = ? WHERE id_hash = ?") \
	X(session_delete, EXEC, (const char *id_hash), (S(id_hash)), \
	    "DELETE FROM sessions WHERE id_hash = ?") \
	X(session_delete_user, EXEC, (long long user_id), (I(user_id)), \
	    "DELETE FROM sessions WHERE user_id = ?") \
	X(session_purge, EXEC, (time_t before), (I((long long)before)), \
	    "DELETE FROM sessions WHERE last_seen < FROM_UNIXTIME(?)") \
	X(brand_list, ROWS(brand_list), (), (), \
	    "SELECT b.id, b.name, " \
	    "(SELECT COUNT(*) FROM departments d WHERE d.brand_id = b.id) departments " \
	    "FROM brands b ORDER BY b.name") \
	X(brand_get, ROW(brand_get), (long long id), (I(id)), \
	    "SELECT id, name, follower_language, held_days FROM brands WHERE id = ?") \
	/* how many days a held reply waits for its follower (chat.h) */ \
	X(brand_held_days, EXEC, (long long id, long long days), (I(days), I(id)), \
	    "UPDATE brands SET held_days = ? WHERE id = ?") \
	X(brand_follower_language, EXEC, (long long id, const char *code), (S(code), I(id)), \
	    "UPDATE brands SET follower_language = ? WHERE id = ?") \
	/* a staff account's language ('en', 'zh-CN'; NULL: the browser's) */ \
	X(user_language, EXEC, (long long id, const char *code), (S(code), I(id)), \
	    "UPDATE users SET language = ? WHERE id = ?") \
	X(brand_insert, INSERT, (const char *name), (S(name), I((long long)wx_now())), \
	    "INSERT INTO brands (name, created_at) VALUES (?, FROM_UNIXTIME(?))") \
	X(brand_rename, EXEC, (long long id, const char *name), (S(name), I(id)), \
	    "UPDATE brands SET name = ? WHERE id = ?") \
	X(brand_delete, DONE, (long long id), (I(id)), \
	    "DELETE FROM brands WHERE id = ?") \
	X(brand_department_count, COUNT, (long long id), (I(id)), \
	    "SELECT COUNT(*) FROM departments WHERE brand_id = ?") \
	X(dept_list, ROWS(dept_list), (long long brand_id, long long limit, long long offset), \
	    (I(brand_id), I(limit), I(offset)), \
	    "SELECT d.id, d.name, " \
	    "(SELECT COUNT(*) FROM department_members m WHERE m.department_id = d.id) members " \
	    "FROM departments d WHERE d.brand_id = ? ORDER BY d.name LIMIT ? OFFSET ?") \
	X(dept_count, COUNT, (long long brand_id), (I(brand_id)), \
	    "SELECT COUNT(*) FROM departments WHERE brand_id = ?") \
	X(dept_all, ROWS(dept_all), (), (), \
	    "SELECT d.id, d.name, b.name brand FROM departments d " \
	    "JOIN brands b ON b.id = d.brand_id ORDER BY b.name, d.name") \
	X(dept_get, ROW(dept_get), (long long id), (I(id)), \
	    "SELECT d.id, d.brand_id, d.name, b.name brand FROM departments d " \
	    "JOIN brands b ON b.id = d.brand_id WHERE d.id = ?") \
	X(dept_insert, INSERT, (long long brand_id, const char *name), \
	    (I(brand_id), S(name), I((long long)wx_now())), \
	    "INSERT INTO departments (brand_id, name, created_at) " \
	    "VALUES (?, ?, FROM_UNIXTIME(?))") \
	X(dept_rename, EXEC, (long long id, const char *name), (S(name), I(id)), \
	    "UPDATE departments SET name = ? WHERE id = ?") \
	X(dept_delete, DONE, (long long id), (I(id)), \
	    "DELETE FROM departments WHERE id = ?") \
	X(member_list, ROWS(member_list), (long long dept_id), (I(dept_id)), \
	    "SELECT u.id, u.login, u.name, u.role, u.disabled " \
	    "FROM department_members m JOIN users u ON u.id = m.user_id " \
	    "WHERE m.department_id = ? ORDER BY u.name") \
	X(member_candidates, ROWS(member_candidates), (long long dept_id), (I(dept_id)), \
	    "SELECT u.id, u.login, u.name FROM users u WHERE u.disabled = 0 AND " \
	    "NOT EXISTS (SELECT 1 FROM department_members m " \
	    " WHERE m.department_id = ? AND m.user_id = u.id) ORDER BY u.name") \
	X(member_depts, ROWS(member_depts), (long long user_id), (I(user_id)), \
	    "SELECT department_id FROM department_members WHERE user_id = ?") \
	X(member_add, EXEC, (long long dept_id, long long user_id), (I(dept_id), I(user_id)), \
	    "INSERT IGNORE INTO department_members (department_id, user_id) VALUES (?, ?)") \
	X(member_remove, EXEC, (long long dept_id, long long user_id), (I(dept_id), I(user_id)), \
	    "DELETE FROM department_members WHERE department_id = ? AND user_id = ?") \
	X(member_clear_user, EXEC, (long long user_id), (I(user_id)), \
	    "DELETE FROM department_members WHERE user_id = ?") \
	X(migrations_ensure, OWNER, (), (), \
	    "CREATE TABLE IF NOT EXISTS schema_migrations (" \
	    " version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL," \
	    " applied_at DATETIME NOT NULL" \
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") \
	X(migrations_list, ROWS(migrations_list), (), (), \
	    "SELECT version, name FROM schema_migrations ORDER BY version") \
	X(migration_record, EXEC, (long long version, const char *name, time_t at), \
	    (I(version), S(name), I((long long)at)), \
	    "INSERT INTO schema_migrations (version, name, applied_at) " \
	    "VALUES (?, ?, FROM_UNIXTIME(?))") \
	/* the schema's tables and views, for the runtime account's grants */ \
	X(schema_tables, CUSTOM, (), (), \
	    "SELECT table_name, table_type = 'VIEW' FROM information_schema.tables " \
	    "WHERE table_schema = DATABASE() ORDER BY table_name") \
	/* the wizard keeps a valid App Secret as soon as it is typed */ \
	X(channel_draft_secret, EXEC, (long long id, const char *secret_enc), \
	    (S(secret_enc), I(id)), \
	    "UPDATE channels SET app_secret_enc = ? WHERE id = ? AND state = 'draft'") \
	/* the waiting chat that has waited longest, in the user's departments (or all) */ \
	X(console_next, ROW(console_next), (long long user, int all), (I(all), I(user), I(user)), \
	    "SELECT c.id FROM chats c WHERE c.state IN ('waiting', 'missed') AND (? = 1 OR " \
	    "c.department_id IN (SELECT department_id FROM department_members WHERE user_id = ?)) " \
	    "AND (c.offer_user_id IS NULL OR c.offer_user_id = ?) " \
	    "ORDER BY c.offer_user_id IS NULL, IFNULL(c.queued_at, c.state_since), c.id LIMIT 1") \
	/* \
	 * My active chats with a follower message I have not seen: those whose \
	 * folded newest follower message (last_in_id) is past what I saw (the \
	 * unread flag the triggers of sql/routines/console.sql keep: a range of \
	 * one index), and the others with such a message the worker has not \
	 * folded yet (above its mark, less the same 1,000 ids the console's mark \
	 * watches for late commits). No probe per chat: a correlated EXISTS \
	 * made MariaDB read every message of every chat (a semi-join), 760 ms \
	 * for 3,333 chats. \
	 */ \
	X(console_unread_mine, CUSTOM, (), (I, I), \
	    "SELECT (SELECT COUNT(*) FROM chats WHERE operator_id = ? AND unread = 1) + " \
	    "(SELECT COUNT(DISTINCT c.id) FROM messages m JOIN chats c ON c.id = m.chat_id " \
	    "WHERE m.id > (SELECT GREATEST(mark, 1000) - 1000 FROM chat_fold WHERE id = 1) " \
	    "AND m.direction = 'in' AND m.msg_type <> 'event' AND c.state = 'active' " \
	    "AND c.operator_id = ? AND c.unread = 0 AND m.id > c.operator_seen_id)") \
	/* \
	 * what the user has seen of the chat: the newest message, and how \
	 * many follower messages up to it, counted afresh (from the chat's \
	 * index alone), so one that committed late is counted at the next read \
	 */ \
	X(chat_seen, EXEC, (long long user, long long chat, long long seen_id), \
	    (I(user), I(chat), I(chat), I(seen_id), I(user), I(chat)), \
	    "INSERT INTO chat_reads (user_id, chat_id, seen_id, seen_in) " \
	    "SELECT ?, ?, s.id, (SELECT COUNT(*) FROM messages m WHERE m.chat_id = ? AND m.id <= s.id " \
	    "AND m.direction = 'in' AND m.msg_type <> 'event') FROM (SELECT GREATEST(?, " \
	    "IFNULL((SELECT r.seen_id FROM chat_reads r WHERE r.user_id = ? AND r.chat_id = ?), 0)) id) s " \
	    "ON DUPLICATE KEY UPDATE seen_id = VALUES(seen_id), seen_in = VALUES(seen_in)") \
	X(depts_empty, ROWS(depts_empty), (), (), \
	    "SELECT d.id, d.name, b.name brand FROM departments d JOIN brands b ON b.id = d.brand_id " \
	    "WHERE NOT EXISTS (SELECT 1 FROM department_members m JOIN users u ON u.id = " \
	    "m.user_id WHERE m.department_id = d.id AND u.disabled = 0) ORDER BY b.name, d.name " \
	    "LIMIT 20")
DB_STATEMENTS(STAFF_STATEMENTS, db_table_staff)

long long
db_console_unread_mine(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(DBS_console_unread_mine, p, &out, I(user), I(user)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

/* 1 when s is a plain name: letters, digits, _ (and . - for a host) */
static int
plain_name(const char *s, int host)
{
	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    *c == '_' || (host && (*c == '.' || *c == '-' || *c == '%'))))
			return 0;
	return 1;
}

int
db_grant_runtime(struct pool *p, const char *user, const char *host)
{
	struct dbres t;
	const char  *who, *schema = cfg_get("Database.Name", "wxdesk");
	char        *q;

	/* names go into the statements' text (GRANT takes no placeholders for
	 * them): only plain names are accepted */
	if (!plain_name(user, 0) || !plain_name(host, 1) || !plain_name(schema, 0)) {
		db_set_error("the runtime account %s@%s or the schema %s is not a plain name", user ? user : "?", host ? host : "?", schema);
		return -1;
	}
	who = pool_printf(p, "'%s'@'%s'", user, host);
	if (RUN(DBS_schema_tables, p, &t) != DB_OK)
		return -1;
	/* whatever it held before (it may have held everything) */
	q = pool_printf(p, "REVOKE ALL PRIVILEGES ON `%s`.* FROM %s", schema, who);
	(void)db_exec_sql(q, strlen(q));	/* nothing to revoke is no error */
	q = pool_printf(p, "GRANT EXECUTE, CREATE TEMPORARY TABLES ON `%s`.* TO %s", schema, who);
	if (db_exec_sql(q, strlen(q)) != 0)
		return -1;
	for (size_t i = 0; i < t.nrows; i++) {
		const char *name = db_cell(&t, i, 0);
		const char *rights = db_int(&t, i, 1) ? "SELECT" :
		    strcmp(name, "audit_log") == 0 ? "SELECT, INSERT" : "SELECT, INSERT, UPDATE, DELETE";
		if (!plain_name(name, 0))
			continue;
		q = pool_printf(p, "GRANT %s ON `%s`.`%s` TO %s", rights, schema, name, who);
		if (db_exec_sql(q, strlen(q)) != 0)
			return -1;
	}
	return 0;
}
