/*
 * db-staff.c: the statements of staff accounts and their sign-in, sessions,
 * brands, departments and members, canned responses, the migrations' record
 * and the programs' grants (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-run.h"
#include "wx.h"
#include "staff.h"
#include "channel.h"
#include "console.h"

enum staff_stmt {
	S_USER_BY_LOGIN,
	S_USER_GET,
	S_USER_LIST,
	S_USER_COUNT,
	S_ADMIN_COUNT,
	S_USER_INSERT,
	S_USER_UPDATE,
	S_USER_SET_PASSWORD,
	S_USER_SET_DISABLED,
	S_USER_PASSWORD_CLAIM,
	S_USER_LOGIN_OK,
	S_SESSION_INSERT,
	S_SESSION_GET,
	S_SESSION_TOUCH,
	S_SESSION_FLASH,
	S_SESSION_DELETE,
	S_SESSION_DELETE_USER,
	S_SESSION_PURGE,
	S_BRAND_LIST,
	S_BRAND_GET,
	S_BRAND_FOLLOWER_LANGUAGE,
	S_USER_LANGUAGE,
	S_BRAND_INSERT,
	S_BRAND_RENAME,
	S_BRAND_DELETE,
	S_BRAND_DEPT_COUNT,
	S_DEPT_LIST,
	S_DEPT_COUNT,
	S_DEPT_ALL,
	S_DEPT_GET,
	S_DEPT_INSERT,
	S_DEPT_RENAME,
	S_DEPT_DELETE,
	S_MEMBER_LIST,
	S_MEMBER_CANDIDATES,
	S_MEMBER_DEPTS,
	S_MEMBER_ADD,
	S_MEMBER_REMOVE,
	S_MEMBER_CLEAR_USER,
	S_MIGRATIONS_ENSURE,
	S_MIGRATIONS_LIST,
	S_MIGRATION_RECORD,
	S_SCHEMA_TABLES,
	S_CHANNEL_DRAFT_SECRET,
	S_CONSOLE_NEXT,
	S_CONSOLE_UNREAD_MINE,
	S_CHAT_SEEN,
	S_DEPTS_EMPTY,
	S__MAX
};

static const struct db_stmt stmts[S__MAX] = {
	[S_USER_BY_LOGIN] = { "user_by_login",
	    "SELECT id, login, name, role, pw_hash, disabled, failed_logins, "
	    "UNIX_TIMESTAMP(last_failed_at) lastfail, UNIX_TIMESTAMP(locked_until) locked, totp_on "
	    "FROM users WHERE login = ?", .cols = user_by_login_cols },
	[S_USER_GET] = { "user_get",
	    "SELECT id, login, name, role, disabled FROM users WHERE id = ?", .cols = user_get_cols },
	[S_USER_LIST] = { "user_list",
	    "SELECT u.id, u.login, u.name, u.role, u.disabled, "
	    "(SELECT GROUP_CONCAT(d.name ORDER BY d.name SEPARATOR ', ') "
	    " FROM department_members m JOIN departments d ON d.id = m.department_id "
	    " WHERE m.user_id = u.id) departments "
	    "FROM users u ORDER BY u.name, u.id LIMIT ? OFFSET ?", .cols = user_list_cols },
	[S_USER_COUNT] = { "user_count", "SELECT COUNT(*) FROM users" },
	[S_ADMIN_COUNT] = { "admin_count",
	    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0" },
	[S_USER_INSERT] = { "user_insert",
	    "INSERT INTO users (login, name, role, pw_hash, created_at) "
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))" },
	[S_USER_UPDATE] = { "user_update",
	    "UPDATE users SET name = ?, role = ? WHERE id = ?" },
	[S_USER_SET_PASSWORD] = { "user_set_password",
	    "UPDATE users SET pw_hash = ?, failed_logins = 0, locked_until = NULL "
	    "WHERE id = ?" },
	[S_USER_SET_DISABLED] = { "user_set_disabled",
	    "UPDATE users SET disabled = ? WHERE id = ?" },
	/*
	 * The right to check one password, counted as a failure before the check
	 * (a right password then clears the count), so at most LockAfter
	 * passwords are checked however many requests arrive at once, on any
	 * node. No row changes while the account is locked, or within the
	 * slow-down's wait after the last failure (5 s once SlowAfter failures
	 * are counted, doubling). A lock that ran out starts the count again.
	 * SET runs left to right, so locked_until reads the new count.
	 */
	[S_USER_PASSWORD_CLAIM] = { "user_password_claim",
	    "UPDATE users SET "
	    "failed_logins = IF(locked_until IS NULL, failed_logins, 0) + 1, "
	    "last_failed_at = FROM_UNIXTIME(?), "
	    "locked_until = IF(failed_logins >= ?, FROM_UNIXTIME(?) + INTERVAL ? MINUTE, NULL) "
	    "WHERE id = ? AND (locked_until IS NULL OR locked_until <= FROM_UNIXTIME(?)) "
	    "AND (IF(locked_until IS NULL, failed_logins, 0) < ? "
	    "OR last_failed_at <= FROM_UNIXTIME(?) - INTERVAL "
	    "(5 << LEAST(IF(locked_until IS NULL, failed_logins, 0) - ?, 10)) SECOND)" },
	[S_USER_LOGIN_OK] = { "user_login_ok",
	    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?" },
	[S_SESSION_INSERT] = { "session_insert",
	    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) "
	    "VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))" },
	[S_SESSION_GET] = { "session_get",
	    "SELECT s.user_id, s.csrf, UNIX_TIMESTAMP(s.last_seen) last_seen, s.flash, "
	    "u.login, u.name, u.role, u.disabled, u.language, u.presence, "
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0) console_seen, u.idle_since IS NOT NULL idle, u.totp_on, "
	    "(SELECT require_2fa_admins FROM security_settings WHERE id = 1) require_2fa "
	    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", .cols = session_get_cols },
	[S_SESSION_TOUCH] = { "session_touch",
	    "UPDATE sessions SET last_seen = FROM_UNIXTIME(?) WHERE id_hash = ?" },
	[S_SESSION_FLASH] = { "session_flash",
	    "UPDATE sessions SET flash = ? WHERE id_hash = ?" },
	[S_SESSION_DELETE] = { "session_delete",
	    "DELETE FROM sessions WHERE id_hash = ?" },
	[S_SESSION_DELETE_USER] = { "session_delete_user",
	    "DELETE FROM sessions WHERE user_id = ?" },
	[S_SESSION_PURGE] = { "session_purge",
	    "DELETE FROM sessions WHERE last_seen < FROM_UNIXTIME(?)" },
	[S_BRAND_LIST] = { "brand_list",
	    "SELECT b.id, b.name, "
	    "(SELECT COUNT(*) FROM departments d WHERE d.brand_id = b.id) departments "
	    "FROM brands b ORDER BY b.name", .cols = brand_list_cols },
	[S_BRAND_GET] = { "brand_get",
	    "SELECT id, name, follower_language FROM brands WHERE id = ?", .cols = brand_get_cols },
	[S_BRAND_FOLLOWER_LANGUAGE] = { "brand_follower_language",
	    "UPDATE brands SET follower_language = ? WHERE id = ?" },
	/* a staff account's language ('en', 'zh-CN'; NULL: the browser's) */
	[S_USER_LANGUAGE] = { "user_language", "UPDATE users SET language = ? WHERE id = ?" },
	[S_BRAND_INSERT] = { "brand_insert",
	    "INSERT INTO brands (name, created_at) VALUES (?, FROM_UNIXTIME(?))" },
	[S_BRAND_RENAME] = { "brand_rename", "UPDATE brands SET name = ? WHERE id = ?" },
	[S_BRAND_DELETE] = { "brand_delete", "DELETE FROM brands WHERE id = ?" },
	[S_BRAND_DEPT_COUNT] = { "brand_dept_count",
	    "SELECT COUNT(*) FROM departments WHERE brand_id = ?" },
	[S_DEPT_LIST] = { "dept_list",
	    "SELECT d.id, d.name, "
	    "(SELECT COUNT(*) FROM department_members m WHERE m.department_id = d.id) members "
	    "FROM departments d WHERE d.brand_id = ? ORDER BY d.name LIMIT ? OFFSET ?", .cols = dept_list_cols },
	[S_DEPT_COUNT] = { "dept_count",
	    "SELECT COUNT(*) FROM departments WHERE brand_id = ?" },
	[S_DEPT_ALL] = { "dept_all",
	    "SELECT d.id, d.name, b.name brand FROM departments d "
	    "JOIN brands b ON b.id = d.brand_id ORDER BY b.name, d.name", .cols = dept_all_cols },
	[S_DEPT_GET] = { "dept_get",
	    "SELECT d.id, d.brand_id, d.name, b.name brand FROM departments d "
	    "JOIN brands b ON b.id = d.brand_id WHERE d.id = ?", .cols = dept_get_cols },
	[S_DEPT_INSERT] = { "dept_insert",
	    "INSERT INTO departments (brand_id, name, created_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?))" },
	[S_DEPT_RENAME] = { "dept_rename", "UPDATE departments SET name = ? WHERE id = ?" },
	[S_DEPT_DELETE] = { "dept_delete", "DELETE FROM departments WHERE id = ?" },
	[S_MEMBER_LIST] = { "member_list",
	    "SELECT u.id, u.login, u.name, u.role, u.disabled "
	    "FROM department_members m JOIN users u ON u.id = m.user_id "
	    "WHERE m.department_id = ? ORDER BY u.name", .cols = member_list_cols },
	[S_MEMBER_CANDIDATES] = { "member_candidates",
	    "SELECT u.id, u.login, u.name FROM users u WHERE u.disabled = 0 AND "
	    "NOT EXISTS (SELECT 1 FROM department_members m "
	    " WHERE m.department_id = ? AND m.user_id = u.id) ORDER BY u.name", .cols = member_candidates_cols },
	[S_MEMBER_DEPTS] = { "member_depts",
	    "SELECT department_id FROM department_members WHERE user_id = ?", .cols = member_depts_cols },
	[S_MEMBER_ADD] = { "member_add",
	    "INSERT IGNORE INTO department_members (department_id, user_id) VALUES (?, ?)" },
	[S_MEMBER_REMOVE] = { "member_remove",
	    "DELETE FROM department_members WHERE department_id = ? AND user_id = ?" },
	[S_MEMBER_CLEAR_USER] = { "member_clear_user",
	    "DELETE FROM department_members WHERE user_id = ?" },
	[S_MIGRATIONS_ENSURE] = { "migrations_ensure",
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
	    " applied_at DATETIME NOT NULL"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci", 1 },
	[S_MIGRATIONS_LIST] = { "migrations_list",
	    "SELECT version, name FROM schema_migrations ORDER BY version", .cols = migrations_list_cols },
	[S_MIGRATION_RECORD] = { "migration_record",
	    "INSERT INTO schema_migrations (version, name, applied_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?))" },
	/* the schema's tables and views, for the runtime account's grants */
	[S_SCHEMA_TABLES] = { "schema_tables",
	    "SELECT table_name, table_type = 'VIEW' FROM information_schema.tables "
	    "WHERE table_schema = DATABASE() ORDER BY table_name" },
	/* the wizard keeps a valid App Secret as soon as it is typed */
	[S_CHANNEL_DRAFT_SECRET] = { "channel_draft_secret",
	    "UPDATE channels SET app_secret_enc = ? WHERE id = ? AND state = 'draft'" },
	/* the waiting chat that has waited longest, in the user's departments (or all) */
	[S_CONSOLE_NEXT] = { "console_next",
	    "SELECT c.id FROM chats c WHERE c.state IN ('waiting', 'missed') AND (? = 1 OR "
	    "c.department_id IN (SELECT department_id FROM department_members WHERE user_id = ?)) "
	    "AND (c.offer_user_id IS NULL OR c.offer_user_id = ?) "
	    "ORDER BY c.offer_user_id IS NULL, IFNULL(c.queued_at, c.state_since), c.id LIMIT 1", .cols = console_next_cols },
	/*
	 * My active chats with a follower message I have not seen: those whose
	 * folded newest follower message (last_in_id) is past what I saw, and
	 * those with such a message the worker has not folded yet (above its
	 * mark, less the same 1,000 ids the console's mark watches for late
	 * commits). No probe per chat: a correlated EXISTS made MariaDB read
	 * every message of every chat (a semi-join), 760 ms for 3,333 chats.
	 */
	[S_CONSOLE_UNREAD_MINE] = { "console_unread_mine",
	    "SELECT COUNT(*) FROM (SELECT c.id FROM chats c LEFT JOIN chat_reads r ON "
	    "r.user_id = c.operator_id AND r.chat_id = c.id WHERE c.state = 'active' AND "
	    "c.operator_id = ? AND c.last_in_id > IFNULL(r.seen_id, 0) "
	    "UNION SELECT c.id FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "LEFT JOIN chat_reads r ON r.user_id = c.operator_id AND r.chat_id = c.id "
	    "WHERE m.id > (SELECT GREATEST(mark, 1000) - 1000 FROM chat_fold WHERE id = 1) "
	    "AND m.direction = 'in' AND m.msg_type <> 'event' AND c.state = 'active' "
	    "AND c.operator_id = ? AND m.id > IFNULL(r.seen_id, 0)) u" },
	[S_CHAT_SEEN] = { "chat_seen",
	    "INSERT INTO chat_reads (user_id, chat_id, seen_id) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE seen_id = GREATEST(seen_id, VALUES(seen_id))" },
	[S_DEPTS_EMPTY] = { "depts_empty",
	    "SELECT d.id, d.name, b.name brand FROM departments d JOIN brands b ON b.id = d.brand_id "
	    "WHERE NOT EXISTS (SELECT 1 FROM department_members m JOIN users u ON u.id = "
	    "m.user_id WHERE m.department_id = d.id AND u.disabled = 0) ORDER BY b.name, d.name "
	    "LIMIT 20", .cols = depts_empty_cols },
};

static void           *prepared[S__MAX];
static struct db_table table = { stmts, S__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_staff(void)
{
	return &table;
}

#define RUN(s, p, out, ...) DB_RUN(&table, s, p, out, __VA_ARGS__)

enum dbrc
db_user_by_login(struct pool *p, const char *login, struct user_by_login *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_USER_BY_LOGIN, p, &res, S(login));
	return db_as_row(rc, &res, row, user_by_login_fill);
}

enum dbrc
db_user_get(struct pool *p, long long id, struct user_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_USER_GET, p, &res, I(id));
	return db_as_row(rc, &res, row, user_get_fill);
}

enum dbrc
db_user_list(struct pool *p, long long limit, long long offset, struct user_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_USER_LIST, p, &res, I(limit), I(offset));
	return DB_AS_ROWS(p, rc, &res, rows, n, user_list_fill);
}

long long
db_user_count(struct pool *p)
{
	struct dbres out;
	return db_count_of(RUN(S_USER_COUNT, p, &out), &out);
}

long long
db_admin_count(struct pool *p)
{
	struct dbres out;
	return db_count_of(RUN(S_ADMIN_COUNT, p, &out), &out);
}

enum dbrc
db_user_insert(struct pool *p, const char *login, const char *name,
    const char *role, const char *pw_hash, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_USER_INSERT, p, &out, S(login), S(name), S(role),
	    S(pw_hash), I((long long)wx_now()));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_user_update(struct pool *p, long long id, const char *name, const char *role)
{
	return RUN(S_USER_UPDATE, p, NULL, S(name), S(role), I(id));
}

enum dbrc
db_user_set_password(struct pool *p, long long id, const char *pw_hash)
{
	return RUN(S_USER_SET_PASSWORD, p, NULL, S(pw_hash), I(id));
}

enum dbrc
db_user_set_disabled(struct pool *p, long long id, int disabled)
{
	return RUN(S_USER_SET_DISABLED, p, NULL, I((long long)disabled), I(id));
}

/* DB_OK: one password may be checked (and already counts as a failure); DB_NOTFOUND: not now. */
enum dbrc
db_user_password_claim(struct pool *p, long long id, time_t now, int slow_after,
    int lock_after, int lock_minutes)
{
	struct dbres out;

	return db_done(RUN(S_USER_PASSWORD_CLAIM, p, &out, I((long long)now),
	    I((long long)lock_after), I((long long)now), I((long long)lock_minutes),
	    I(id), I((long long)now), I((long long)slow_after), I((long long)now),
	    I((long long)slow_after)), &out);
}

enum dbrc
db_user_login_ok(struct pool *p, long long id)
{
	return RUN(S_USER_LOGIN_OK, p, NULL, I(id));
}

enum dbrc
db_session_insert(struct pool *p, const char *id_hash, long long user_id,
    const char *csrf, time_t now)
{
	return RUN(S_SESSION_INSERT, p, NULL, S(id_hash), I(user_id), S(csrf),
	    I((long long)now), I((long long)now));
}

enum dbrc
db_session_get(struct pool *p, const char *id_hash, struct session_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_SESSION_GET, p, &res, S(id_hash));
	return db_as_row(rc, &res, row, session_get_fill);
}

enum dbrc
db_session_touch(struct pool *p, const char *id_hash, time_t now)
{
	return RUN(S_SESSION_TOUCH, p, NULL, I((long long)now), S(id_hash));
}

enum dbrc
db_session_flash(struct pool *p, const char *id_hash, const char *flash)
{
	return RUN(S_SESSION_FLASH, p, NULL, S(flash), S(id_hash));
}

enum dbrc
db_session_delete(struct pool *p, const char *id_hash)
{
	return RUN(S_SESSION_DELETE, p, NULL, S(id_hash));
}

enum dbrc
db_session_delete_user(struct pool *p, long long user_id)
{
	return RUN(S_SESSION_DELETE_USER, p, NULL, I(user_id));
}

enum dbrc
db_session_purge(struct pool *p, time_t before)
{
	return RUN(S_SESSION_PURGE, p, NULL, I((long long)before));
}

enum dbrc
db_brand_list(struct pool *p, struct brand_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_BRAND_LIST, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, brand_list_fill);
}

enum dbrc
db_brand_get(struct pool *p, long long id, struct brand_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_BRAND_GET, p, &res, I(id));
	return db_as_row(rc, &res, row, brand_get_fill);
}

enum dbrc
db_brand_insert(struct pool *p, const char *name, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_BRAND_INSERT, p, &out, S(name), I((long long)wx_now()));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_brand_rename(struct pool *p, long long id, const char *name)
{
	return RUN(S_BRAND_RENAME, p, NULL, S(name), I(id));
}

enum dbrc
db_brand_follower_language(struct pool *p, long long id, const char *code)
{
	return RUN(S_BRAND_FOLLOWER_LANGUAGE, p, NULL, S(code), I(id));
}

enum dbrc
db_console_next(struct pool *p, long long user, int all, struct console_next *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CONSOLE_NEXT, p, &res, I(all), I(user), I(user));
	return db_as_row(rc, &res, row, console_next_fill);
}

long long
db_console_unread_mine(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(S_CONSOLE_UNREAD_MINE, p, &out, I(user), I(user)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_chat_seen(struct pool *p, long long user, long long chat, long long seen_id)
{
	return RUN(S_CHAT_SEEN, p, NULL, I(user), I(chat), I(seen_id));
}

enum dbrc
db_depts_empty(struct pool *p, struct depts_empty **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_DEPTS_EMPTY, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, depts_empty_fill);
}

enum dbrc
db_channel_draft_secret(struct pool *p, long long id, const char *secret_enc)
{
	return RUN(S_CHANNEL_DRAFT_SECRET, p, NULL, S(secret_enc), I(id));
}

enum dbrc
db_user_language(struct pool *p, long long id, const char *code)
{
	return RUN(S_USER_LANGUAGE, p, NULL, S(code), I(id));
}

enum dbrc
db_brand_delete(struct pool *p, long long id)
{
	struct dbres out;
	return db_done(RUN(S_BRAND_DELETE, p, &out, I(id)), &out);
}

long long
db_brand_department_count(struct pool *p, long long id)
{
	struct dbres out;
	return db_count_of(RUN(S_BRAND_DEPT_COUNT, p, &out, I(id)), &out);
}

enum dbrc
db_dept_list(struct pool *p, long long brand_id, long long limit, long long offset,
    struct dept_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_DEPT_LIST, p, &res, I(brand_id), I(limit), I(offset));
	return DB_AS_ROWS(p, rc, &res, rows, n, dept_list_fill);
}

long long
db_dept_count(struct pool *p, long long brand_id)
{
	struct dbres out;
	return db_count_of(RUN(S_DEPT_COUNT, p, &out, I(brand_id)), &out);
}

enum dbrc
db_dept_all(struct pool *p, struct dept_all **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_DEPT_ALL, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, dept_all_fill);
}

enum dbrc
db_dept_get(struct pool *p, long long id, struct dept_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_DEPT_GET, p, &res, I(id));
	return db_as_row(rc, &res, row, dept_get_fill);
}

enum dbrc
db_dept_insert(struct pool *p, long long brand_id, const char *name, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_DEPT_INSERT, p, &out, I(brand_id), S(name),
	    I((long long)wx_now()));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_dept_rename(struct pool *p, long long id, const char *name)
{
	return RUN(S_DEPT_RENAME, p, NULL, S(name), I(id));
}

enum dbrc
db_dept_delete(struct pool *p, long long id)
{
	struct dbres out;
	return db_done(RUN(S_DEPT_DELETE, p, &out, I(id)), &out);
}

enum dbrc
db_member_list(struct pool *p, long long dept_id, struct member_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MEMBER_LIST, p, &res, I(dept_id));
	return DB_AS_ROWS(p, rc, &res, rows, n, member_list_fill);
}

enum dbrc
db_member_candidates(struct pool *p, long long dept_id, struct member_candidates **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MEMBER_CANDIDATES, p, &res, I(dept_id));
	return DB_AS_ROWS(p, rc, &res, rows, n, member_candidates_fill);
}

enum dbrc
db_member_depts(struct pool *p, long long user_id, struct member_depts **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MEMBER_DEPTS, p, &res, I(user_id));
	return DB_AS_ROWS(p, rc, &res, rows, n, member_depts_fill);
}

enum dbrc
db_member_add(struct pool *p, long long dept_id, long long user_id)
{
	return RUN(S_MEMBER_ADD, p, NULL, I(dept_id), I(user_id));
}

enum dbrc
db_member_remove(struct pool *p, long long dept_id, long long user_id)
{
	return RUN(S_MEMBER_REMOVE, p, NULL, I(dept_id), I(user_id));
}

enum dbrc
db_member_clear_user(struct pool *p, long long user_id)
{
	return RUN(S_MEMBER_CLEAR_USER, p, NULL, I(user_id));
}

enum dbrc
db_migrations_ensure(struct pool *p)
{
	return RUN(S_MIGRATIONS_ENSURE, p, NULL);
}

enum dbrc
db_migrations_list(struct pool *p, struct migrations_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MIGRATIONS_LIST, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, migrations_list_fill);
}

enum dbrc
db_migration_record(struct pool *p, long long version, const char *name, time_t at)
{
	return RUN(S_MIGRATION_RECORD, p, NULL, I(version), S(name), I((long long)at));
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
	if (RUN(S_SCHEMA_TABLES, p, &t) != DB_OK)
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
