/*
 * db.c: every SQL statement wxdesk runs, in one table, prepared once per
 * connection and reached only through the typed db_* functions below.
 *
 * One connection per process (FastCGI programs serve one request at a time).
 * When the server went away outside a transaction, the connection is opened
 * again, statements are prepared again and the statement is retried once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include <ClearSilver.h>

#include "db-run.h"
#include "wx.h"

enum stmt {
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
	S_BRAND_INSERT,
	S_BRAND_RENAME,
	S_BRAND_FOLLOWER_LANGUAGE,
	S_DEPTS_EMPTY,
	S_CONSOLE_NEXT,
	S_CHAT_SEEN,
	S_CONSOLE_UNREAD_MINE,
	S_CHANNEL_DRAFT_SECRET,
	S_USER_LANGUAGE,
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
	S_CHANNEL_BY_KEY,
	S_CHANNEL_GET,
	S_CHANNEL_INSERT,
	S_CHANNEL_UPDATE_SETUP,
	S_CHANNEL_SET_STATE,
	S_CHANNEL_VERIFIED,
	S_CHANNEL_INACTIVE_MSG,
	S_CHANNEL_FAILURE,
	S_PREFS_INSERT,
	S_CHANNEL_LIST,
	S_CHANNEL_BRANDS,
	S_CHANNEL_SET_BRAND,
	S_CHANNEL_PROGRESS,
	S_CHANNEL_DEPARTMENT,
	S_CHANNEL_DELETE,
	S_CHANNEL_LAST_MSG,
	S_CHANNEL_RESET_HEALTH,
	S_PREFS_GET,
	S_PREFS_SET,
	S_TOKEN_RESET,
	S_TOKEN_STATUS,
	S_CONSOLE_LIST,
	S_CONSOLE_COUNTS,
	S_CONSOLE_COUNTS_ALL,
	S_CONSOLE_MARK,
	S_CONSOLE_CHAT,
	S_CONSOLE_MEMBER,
	S_TRANSCRIPT,
	S_CHAT_PICKUP,
	S_OUT_CLAIM,
	S_OUT_UNCLAIM,
	S_OUT_RESULT,
	S_OUT_GET,
	S_MEDIA_OF_MESSAGE,
	S_MESSAGE_OUT,
	S_TRANSFER_TARGETS,
	S_CHAT_LAST_OF,
	S_FOLLOWER_CHATS,
	S_TIMER_CHANNELS,
	S_TIMER_DUE,
	S_TIMER_IDLE_DUE,
	S_TIMER_MISS,
	S_TIMER_CLOSE_MISSED,
	S_TIMER_CLOSE_IDLE,
	S_PROF_SETTINGS_GET,
	S_PROF_SETTINGS_SET,
	S_PROF_WORDS,
	S_PROF_WORD_ADD,
	S_PROF_WORD_DELETE,
	S_PROF_FOR_CHANNEL,
	S_CHAT_ABUSE,
	S_CHAT_ABUSE_GET,
	S_CHAT_WARN_DUE,
	S_WARN_DUE_LIST,
	S_WARN_CLAIM,
	S_WARN_DONE,
	S_CANNED_LIST,
	S_CANNED_INSERT,
	S_CANNED_DELETE,
	S_CANNED_FIND,
	S_CHAT_TO_DEPT,
	S_CHAT_TO_USER,
	S_FOLLOWER_ALIAS,
	S_FOLLOWER_UPSERT,
	S_FOLLOWER_SUBSCRIBE,
	S_FOLLOWER_UNSUBSCRIBE,
	S_FOLLOWER_ERASE,
	S_MESSAGES_ERASE,
	S_MESSAGE_INSERT,
	S_MESSAGE_BY_PUSH,
	S_REPORT_FOLLOW,
	S_CHAT_OPEN_LOCK,
	S_CHAT_CLOSE,
	S_CHAT_CLOSE_BY,
	S_CHAT_REOPEN,
	S_CHAT_LEAVE_MARK,
	S_CHAT_FOLLOWUP,
	S_CHAT_FOLLOWUP_EXPIRE,
	S_AUTO_REPLY,
	S_CHAT_INSERT,
	S_CHAT_IN,
	S_MESSAGE_CONTINUE,
	S_CHAT_CATCH_UP,
	S_FOLD_MARK,
	S_FOLD_TOP,
	S_FOLD_NEW_TABLE,
	S_FOLD_NEW_CLEAR,
	S_FOLD_NEW,
	S_CHAT_FOLD,
	S_REPORT_IN_FOLD,
	S_FOLD_SET,
	S_CHAT_TOUCH_OPEN,
	S_TOKEN_ENSURE,
	S_TOKEN_GET,
	S_TOKEN_LEASE,
	S_TOKEN_STORE,
	S_TOKEN_ERROR,
	S_TOKEN_EXPIRE_IF,
	S_CHANNELS_ACTIVE,
	S_MEDIA_DUE,
	S_MEDIA_CLAIM,
	S_MEDIA_DONE,
	S_MEDIA_FAIL,
	S_ATTACHMENT_INSERT,
	S_FOLLOWERS_INFO_DUE,
	S_FOLLOWER_INFO_CLAIM,
	S_FOLLOWER_INFO_SET,
	S_ATTACHMENTS_ORPHANED,
	S_ATTACHMENT_DELETE,
	S_ATTACHMENT_PATH_USED,
	S_REP_LOCK,
	S_REP_ROLL,
	S_REP_MARK,
	S_REP_ZONE,
	S_REP_DIMS,
	S_REP_COUNTS,
	S_REP_HIST,
	S_REP_SHARE,
	S_REP_FOLD_DC,
	S_REP_FOLD_DB,
	S_REP_FOLD_HC,
	S_REP_FOLD_HB,
	S_REP_STATE_LOCK,
	S_REP_STATE_SET,
	S_REP_HOURS_SPAN,
	S_REP_CLEAR_DC,
	S_REP_CLEAR_DB,
	S_REP_CLEAR_HC,
	S_REP_CLEAR_HB,
	S_REP_BUILD_DC,
	S_REP_BUILD_DB,
	S_REP_BUILD_HC,
	S_REP_BUILD_HB,
	S_REP_DCOUNTS,
	S_REP_DHIST,
	S_REP_HCOUNTS,
	S_REP_HHIST,
	S__MAX
};

/*
 * A chat's state as of its newest follower message, which the hot path
 * stores without touching the chat's row (S_MESSAGE_CONTINUE): the row's
 * columns, unless a newer follower message exists (one that last_in_id
 * does not cover yet): then the follower wrote last, and no reply since
 * counts. c names the chat's row.
 */
#define CHAT_NEWER_IN(c) "EXISTS (SELECT 1 FROM messages n WHERE n.chat_id = " c ".id " \
	"AND n.id > " c ".last_in_id AND n.direction = 'in' AND n.msg_type <> 'event')"
#define CHAT_LAST_IN(c) "GREATEST(" c ".last_user_msg_at, IFNULL((SELECT MAX(n.created_at) " \
	"FROM messages n WHERE n.chat_id = " c ".id AND n.id > " c ".last_in_id " \
	"AND n.direction = 'in' AND n.msg_type <> 'event'), " c ".last_user_msg_at))"
#define CHAT_OUTS(c) "IF(" CHAT_NEWER_IN(c) ", 0, " c ".consecutive_out)"
/* the follower messages of chat c after its last_in_id, up to id upto */
#define CHAT_INS_UPTO(c, upto) "(SELECT COUNT(*) FROM messages x WHERE x.chat_id = " c ".id " \
	"AND x.id > " c ".last_in_id AND x.id <= " upto " AND x.direction = 'in' " \
	"AND x.msg_type <> 'event')"

static const struct db_stmt stmts[S__MAX] = {
	[S_USER_BY_LOGIN] = { "user_by_login",
	    "SELECT id, login, name, role, pw_hash, disabled, failed_logins, "
	    "UNIX_TIMESTAMP(last_failed_at), UNIX_TIMESTAMP(locked_until), totp_on "
	    "FROM users WHERE login = ?" },
	[S_USER_GET] = { "user_get",
	    "SELECT id, login, name, role, disabled FROM users WHERE id = ?" },
	[S_USER_LIST] = { "user_list",
	    "SELECT u.id, u.login, u.name, u.role, u.disabled, "
	    "(SELECT GROUP_CONCAT(d.name ORDER BY d.name SEPARATOR ', ') "
	    " FROM department_members m JOIN departments d ON d.id = m.department_id "
	    " WHERE m.user_id = u.id) "
	    "FROM users u ORDER BY u.name, u.id LIMIT ? OFFSET ?" },
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
	    "SELECT s.user_id, s.csrf, UNIX_TIMESTAMP(s.last_seen), s.flash, "
	    "u.login, u.name, u.role, u.disabled, u.language, u.presence, "
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0), u.idle_since IS NOT NULL, u.totp_on, "
	    "(SELECT require_2fa_admins FROM security_settings WHERE id = 1) "
	    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?" },
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
	    "(SELECT COUNT(*) FROM departments d WHERE d.brand_id = b.id) "
	    "FROM brands b ORDER BY b.name" },
	[S_BRAND_GET] = { "brand_get",
	    "SELECT id, name, follower_language FROM brands WHERE id = ?" },
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
	    "(SELECT COUNT(*) FROM department_members m WHERE m.department_id = d.id) "
	    "FROM departments d WHERE d.brand_id = ? ORDER BY d.name LIMIT ? OFFSET ?" },
	[S_DEPT_COUNT] = { "dept_count",
	    "SELECT COUNT(*) FROM departments WHERE brand_id = ?" },
	[S_DEPT_ALL] = { "dept_all",
	    "SELECT d.id, d.name, b.name FROM departments d "
	    "JOIN brands b ON b.id = d.brand_id ORDER BY b.name, d.name" },
	[S_DEPT_GET] = { "dept_get",
	    "SELECT d.id, d.brand_id, d.name, b.name FROM departments d "
	    "JOIN brands b ON b.id = d.brand_id WHERE d.id = ?" },
	[S_DEPT_INSERT] = { "dept_insert",
	    "INSERT INTO departments (brand_id, name, created_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?))" },
	[S_DEPT_RENAME] = { "dept_rename", "UPDATE departments SET name = ? WHERE id = ?" },
	[S_DEPT_DELETE] = { "dept_delete", "DELETE FROM departments WHERE id = ?" },
	[S_MEMBER_LIST] = { "member_list",
	    "SELECT u.id, u.login, u.name, u.role, u.disabled "
	    "FROM department_members m JOIN users u ON u.id = m.user_id "
	    "WHERE m.department_id = ? ORDER BY u.name" },
	[S_MEMBER_CANDIDATES] = { "member_candidates",
	    "SELECT u.id, u.login, u.name FROM users u WHERE u.disabled = 0 AND "
	    "NOT EXISTS (SELECT 1 FROM department_members m "
	    " WHERE m.department_id = ? AND m.user_id = u.id) ORDER BY u.name" },
	[S_MEMBER_DEPTS] = { "member_depts",
	    "SELECT department_id FROM department_members WHERE user_id = ?" },
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
	    "SELECT version, name FROM schema_migrations ORDER BY version" },
	[S_MIGRATION_RECORD] = { "migration_record",
	    "INSERT INTO schema_migrations (version, name, applied_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?))" },
	/* the schema's tables and views, for the runtime account's grants */
	[S_SCHEMA_TABLES] = { "schema_tables",
	    "SELECT table_name, table_type = 'VIEW' FROM information_schema.tables "
	    "WHERE table_schema = DATABASE() ORDER BY table_name" },
	[S_CHANNEL_BY_KEY] = { "channel_by_key",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, c.encryption_mode, "
	    "IFNULL(p.erase_on_unfollow, 0) FROM channels c "
	    "LEFT JOIN channel_prefs p ON p.channel_id = c.id WHERE c.webhook_key = ? "
	    "AND c.state <> 'deleted'" },
	[S_CHANNEL_GET] = { "channel_get",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.app_secret_enc, c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, "
	    "c.encryption_mode, c.webhook_key, c.wizard_step, c.ip_confirmed, c.url_confirmed, "
	    "UNIX_TIMESTAMP(c.verified_at), UNIX_TIMESTAMP(c.last_message_at), "
	    "c.inactive_messages, c.signature_failures, c.decrypt_failures, "
	    "UNIX_TIMESTAMP(c.last_failure_at), c.last_failure, b.name, d.name, "
	    "c.refused_pushes "
	    "FROM channels c JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "WHERE c.id = ? AND c.state <> 'deleted'" },
	[S_CHANNEL_INSERT] = { "channel_insert",
	    "INSERT INTO channels (brand_id, webhook_key, created_at, updated_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))" },
	[S_CHANNEL_UPDATE_SETUP] = { "channel_update_setup",
	    "UPDATE channels SET department_id = NULLIF(?, 0), original_id = ?, app_id = ?, "
	    "app_secret_enc = ?, token_enc = ?, aes_key_enc = ?, aes_key_prev_enc = ?, "
	    "encryption_mode = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	/* the wizard keeps a valid App Secret as soon as it is typed */
	[S_CHANNEL_DRAFT_SECRET] = { "channel_draft_secret",
	    "UPDATE channels SET app_secret_enc = ? WHERE id = ? AND state = 'draft'" },
	[S_CHANNEL_SET_STATE] = { "channel_set_state",
	    "UPDATE channels SET state = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_VERIFIED] = { "channel_verified",
	    "UPDATE channels SET verified_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_INACTIVE_MSG] = { "channel_inactive_msg",
	    "UPDATE channels SET inactive_messages = inactive_messages + 1, "
	    "last_message_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_FAILURE] = { "channel_failure",
	    "UPDATE channels SET signature_failures = signature_failures + ?, "
	    "decrypt_failures = decrypt_failures + ?, refused_pushes = refused_pushes + ?, "
	    "last_failure_at = FROM_UNIXTIME(?), last_failure = LEFT(?, 255) WHERE id = ?" },
	[S_PREFS_INSERT] = { "prefs_insert",
	    "INSERT IGNORE INTO channel_prefs (channel_id) VALUES (?)" },
	/* each account with its health: failures since the counters were reset,
	 * the access token's last errcode, and the chats waiting for an operator */
	[S_CHANNEL_LIST] = { "channel_list",
	    "SELECT c.id, b.name, c.state, c.app_id, c.wizard_step, d.name, "
	    "UNIX_TIMESTAMP(c.last_message_at), c.signature_failures + c.decrypt_failures + "
	    "c.refused_pushes, IFNULL(t.last_errcode, 0), (SELECT COUNT(*) FROM chats w "
	    "WHERE w.state IN ('waiting', 'missed') AND w.channel_id = c.id) FROM channels c "
	    "JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN access_tokens t ON t.channel_id = c.id "
	    "WHERE c.state <> 'deleted' ORDER BY b.name" },
	/* the waiting chat that has waited longest, in the user's departments (or all) */
	[S_CONSOLE_NEXT] = { "console_next",
	    "SELECT c.id FROM chats c WHERE c.state IN ('waiting', 'missed') AND (? = 1 OR "
	    "c.department_id IN (SELECT department_id FROM department_members WHERE user_id = ?)) "
	    "AND (c.offer_user_id IS NULL OR c.offer_user_id = ?) "
	    "ORDER BY c.offer_user_id IS NULL, IFNULL(c.queued_at, c.state_since), c.id LIMIT 1" },
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
	    "SELECT d.id, d.name, b.name FROM departments d JOIN brands b ON b.id = d.brand_id "
	    "WHERE NOT EXISTS (SELECT 1 FROM department_members m JOIN users u ON u.id = "
	    "m.user_id WHERE m.department_id = d.id AND u.disabled = 0) ORDER BY b.name, d.name "
	    "LIMIT 20" },
	/* every brand, with the live channel that has taken it, if any */
	[S_CHANNEL_BRANDS] = { "channel_brands",
	    "SELECT b.id, b.name, c.id, c.state FROM brands b "
	    "LEFT JOIN channels c ON c.live_brand_id = b.id ORDER BY b.name" },
	/* a draft may move to another brand; its department belonged to the old one */
	[S_CHANNEL_SET_BRAND] = { "channel_set_brand",
	    "UPDATE channels SET department_id = IF(brand_id = ?, department_id, NULL), "
	    "brand_id = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'draft'" },
	[S_CHANNEL_PROGRESS] = { "channel_progress",
	    "UPDATE channels SET wizard_step = GREATEST(wizard_step, ?), ip_confirmed = ?, "
	    "url_confirmed = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_DEPARTMENT] = { "channel_department",
	    "UPDATE channels c JOIN departments d ON d.id = ? AND d.brand_id = c.brand_id "
	    "SET c.department_id = d.id, c.updated_at = FROM_UNIXTIME(?) WHERE c.id = ?" },
	[S_CHANNEL_DELETE] = { "channel_delete",
	    "UPDATE channels SET state = 'deleted', deleted_at = FROM_UNIXTIME(?), "
	    "updated_at = FROM_UNIXTIME(?), app_secret_enc = NULL, token_enc = NULL, "
	    "aes_key_enc = NULL, aes_key_prev_enc = NULL WHERE id = ? AND state <> 'deleted'" },
	/* the webhook notes the last message at most once a minute per process */
	[S_CHANNEL_LAST_MSG] = { "channel_last_msg",
	    "UPDATE channels SET last_message_at = FROM_UNIXTIME(?) WHERE id = ? "
	    "AND (last_message_at IS NULL OR last_message_at < FROM_UNIXTIME(?))" },
	[S_CHANNEL_RESET_HEALTH] = { "channel_reset_health",
	    "UPDATE channels SET inactive_messages = 0, signature_failures = 0, "
	    "decrypt_failures = 0, refused_pushes = 0, last_failure_at = NULL, "
	    "last_failure = NULL WHERE id = ?" },
	[S_PREFS_GET] = { "prefs_get",
	    "SELECT missed_after_minutes, missed_close_minutes, idle_close_minutes, "
	    "bot_enabled, bot_idle_minutes, erase_on_unfollow FROM channel_prefs "
	    "WHERE channel_id = ?" },
	[S_PREFS_SET] = { "prefs_set",
	    "UPDATE channel_prefs SET missed_after_minutes = ?, missed_close_minutes = ?, "
	    "idle_close_minutes = ?, bot_enabled = ?, bot_idle_minutes = ?, "
	    "erase_on_unfollow = ? WHERE channel_id = ?" },
	/* new credentials: the cached token and its error backoff no longer apply */
	[S_TOKEN_RESET] = { "token_reset",
	    "DELETE FROM access_tokens WHERE channel_id = ?" },
	/*
	 * The console's chat lists: one state, visible to the user (a member of
	 * the chat's department, or all = 1), optionally only the user's chats
	 * (mine = 1) or only others' (others = 1); closed chats can be searched
	 * by follower or text (q, a LIKE pattern or '') and start date range.
	 */
	[S_CONSOLE_LIST] = { "console_list",
	    "SELECT c.id, c.state, COALESCE(f.alias, CONCAT(LEFT(f.openid, 10), '…')), d.name, "
	    "UNIX_TIMESTAMP(c.started_at), UNIX_TIMESTAMP(" CHAT_LAST_IN("c") "), "
	    CHAT_OUTS("c") ", u.name, (SELECT LEFT(m.body, 80) FROM messages m "
	    "WHERE m.chat_id = c.id AND m.direction = 'in' AND m.body IS NOT NULL "
	    "ORDER BY m.id LIMIT 1), b.name, c.close_reason, UNIX_TIMESTAMP(c.closed_at), "
	    /* the follower's messages this user has not seen yet (a range of the
	     * (chat_id, id) index, for the page's rows only) */
	    "(SELECT COUNT(*) FROM messages m3 WHERE m3.chat_id = c.id AND m3.direction = 'in' "
	    "AND m3.msg_type <> 'event' AND m3.id > IFNULL((SELECT r.seen_id FROM chat_reads r "
	    "WHERE r.user_id = ? AND r.chat_id = c.id), 0)) "
	    /* the page of chats first, so the rest is done for its rows only */
	    "FROM (SELECT c.* FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "WHERE c.state = ? AND (? = 1 OR c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?)) "
	    "AND (? = 0 OR c.operator_id = ?) AND (? = 0 OR c.operator_id <> ?) "
	    "AND (? = '' OR f.openid LIKE ? OR f.alias LIKE ? OR EXISTS (SELECT 1 FROM "
	    "messages m2 WHERE m2.chat_id = c.id AND m2.body LIKE ?)) "
	    "AND c.started_at >= FROM_UNIXTIME(?) AND c.started_at < FROM_UNIXTIME(?) "
	    "ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?) c "
	    "JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "ORDER BY c.started_at DESC, c.id DESC" },
	/* open chats by state, and how many are the user's own: in the user's
	 * departments, or (all) everywhere, from the index alone */
	[S_CONSOLE_COUNTS] = { "console_counts",
	    "SELECT c.state, SUM(c.operator_id = ?), COUNT(*) FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') AND c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?) "
	    "GROUP BY c.state" },
	[S_CONSOLE_COUNTS_ALL] = { "console_counts_all",
	    "SELECT c.state, SUM(c.operator_id = ?), COUNT(*) FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') GROUP BY c.state" },
	/* what changed since the last poll: the newest message and chat ids */
	/*
	 * What the console has seen: the newest ids, and how many messages the
	 * last 1,000 ids hold (every change the console shows adds a message).
	 * Ids are taken when a row is written, not when it is committed, so a
	 * transaction can commit an id below one already seen; the count
	 * changes when it does (unless it commits more than 1,000 ids late).
	 */
	[S_CONSOLE_MARK] = { "console_mark",
	    "SELECT m.top, (SELECT COUNT(*) FROM messages WHERE id > m.top - 1000), "
	    "(SELECT IFNULL(MAX(id), 0) FROM chats), "
	    "(SELECT COUNT(*) FROM messages WHERE delivery_state = 'sending') "
	    "FROM (SELECT IFNULL(MAX(id), 0) top FROM messages) m" },
	[S_CONSOLE_CHAT] = { "console_chat",
	    "SELECT c.id, c.state, c.channel_id, c.follower_id, c.department_id, c.operator_id, "
	    "UNIX_TIMESTAMP(c.started_at), UNIX_TIMESTAMP(" CHAT_LAST_IN("c") "), "
	    CHAT_OUTS("c") ", c.close_reason, f.openid, f.alias, d.name, u.name, "
	    "ch.app_id, ch.app_secret_enc, b.name, UNIX_TIMESTAMP(c.closed_at), "
	    "f.subscribed, f.language, UNIX_TIMESTAMP(f.subscribed_at), f.subscribe_scene, "
	    "f.qr_scene, c.previous_chat_id, ch.brand_id, cb.name, c.offer_user_id, ou.name, "
	    "IFNULL(UNIX_TIMESTAMP(c.offer_until), 0), d.routing, c.after_hours, "
	    "IFNULL(UNIX_TIMESTAMP(c.followup_at), 0) "
	    "FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "LEFT JOIN users ou ON ou.id = c.offer_user_id "
	    "LEFT JOIN users cb ON cb.id = c.closed_by WHERE c.id = ?" },
	[S_CONSOLE_MEMBER] = { "console_member",
	    "SELECT COUNT(*) FROM department_members WHERE user_id = ? AND department_id = ?" },
	/* the newest 500 messages of a chat, newest first */
	[S_TRANSCRIPT] = { "transcript",
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, "
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name, "
	    "UNIX_TIMESTAMP(m.created_at) FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "LEFT JOIN users u ON u.id = m.author_id "
	    "WHERE m.chat_id = ? ORDER BY m.id DESC LIMIT 500" },
	/* atomic: of two operators clicking at once, one changes the row */
	[S_CHAT_PICKUP] = { "chat_pickup",
	    "UPDATE chats SET state = 'active', operator_id = ?, offer_user_id = NULL, "
	    "offer_until = NULL, last_activity_at = FROM_UNIXTIME(?), "
	    "state_since = last_activity_at WHERE id = ? AND state IN ('waiting', 'missed', 'bot', "
	    "'followup') "
	    "AND (offer_user_id IS NULL OR offer_user_id = ? OR offer_until < FROM_UNIXTIME(?))" },
	/*
	 * One more operator message, if WeChat's rules allow it: the chat is
	 * active and the sender's, fewer than 5 sent since the follower last
	 * wrote, and within 48 hours of the follower's last message.
	 */
	[S_OUT_CLAIM] = { "out_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, "
	    "last_activity_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'active' "
	    "AND operator_id = ? AND consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) " "
	    "AND last_user_msg_at > FROM_UNIXTIME(?)" },
	/* a message WeChat did not deliver does not count toward the 5 */
	[S_OUT_UNCLAIM] = { "out_unclaim",
	    "UPDATE chats SET consecutive_out = consecutive_out - 1 "
	    "WHERE id = ? AND consecutive_out > 0" },
	[S_OUT_RESULT] = { "out_result",
	    "UPDATE messages SET delivery_state = ?, wx_errcode = NULLIF(?, 0) WHERE id = ?" },
	[S_OUT_GET] = { "out_get",
	    "SELECT m.id, m.body, m.delivery_state, m.msg_type, a.path, a.mime FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "WHERE m.id = ? AND m.chat_id = ? AND m.direction = 'out'" },
	[S_MESSAGE_OUT] = { "message_out",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "dedupe_key, media_state, attachment_id, author_id, closing, delivery_state, "
	    "created_at) VALUES (?, ?, ?, 'out', ?, ?, ?, 'none', NULLIF(?, 0), NULLIF(?, 0), ?, "
	    "'sending', FROM_UNIXTIME(?))" },
	/* where a chat can go: the brand's other departments, and the active
	 * members of the chat's department other than its operator */
	[S_TRANSFER_TARGETS] = { "transfer_targets",
	    "SELECT 'dept', d.id, d.name, NULL, NULL, NULL, NULL FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN departments d ON d.brand_id = ch.brand_id "
	    "WHERE c.id = ? AND (c.department_id IS NULL OR d.id <> c.department_id) "
	    "UNION ALL SELECT 'user', u.id, u.name, u.presence, "
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0), "
	    "(SELECT COUNT(*) FROM chats a WHERE a.operator_id = u.id AND a.state = 'active') + "
	    "(SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = u.id AND "
	    "o.state IN ('waiting', 'missed')), COALESCE(d.chat_limit, u.chat_limit) FROM chats c "
	    "JOIN department_members m ON m.department_id = c.department_id "
	    "JOIN departments d ON d.id = m.department_id "
	    "JOIN users u ON u.id = m.user_id WHERE c.id = ? AND u.disabled = 0 "
	    "AND (c.operator_id IS NULL OR u.id <> c.operator_id) ORDER BY 1, 3" },
	/* to another department of the brand: waiting again, for its operators */
	[S_CHAT_TO_DEPT] = { "chat_to_dept",
	    "UPDATE chats c JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN departments d ON d.id = ? AND d.brand_id = ch.brand_id "
	    "SET c.department_id = d.id, c.operator_id = NULL, c.state = 'waiting', "
	    "c.offer_user_id = NULL, c.offer_until = NULL, "
	    "c.last_activity_at = FROM_UNIXTIME(?), c.state_since = FROM_UNIXTIME(?), "
	    "c.queued_at = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' "
	    /* the same transfer twice at once (two tabs, two nodes): the second is no change */
	    "AND NOT (c.department_id <=> d.id AND c.operator_id IS NULL)" },
	/* to a member of the chat's department: theirs, active */
	[S_CHAT_TO_USER] = { "chat_to_user",
	    "UPDATE chats c JOIN department_members m ON m.department_id = c.department_id "
	    "AND m.user_id = ? JOIN users u ON u.id = m.user_id AND u.disabled = 0 "
	    "AND u.presence = 'available' AND u.console_seen_at >= FROM_UNIXTIME(?) "
	    "SET c.operator_id = u.id, c.state = 'active', c.offer_user_id = NULL, "
	    "c.offer_until = NULL, c.queued_at = NULL, c.last_activity_at = FROM_UNIXTIME(?), "
	    "c.state_since = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' "
	    "AND NOT (c.operator_id <=> u.id)" },
	[S_PROF_SETTINGS_GET] = { "prof_settings_get",
	    "SELECT enabled, word_limit, warning FROM profanity_settings WHERE brand_id = ?" },
	[S_PROF_SETTINGS_SET] = { "prof_settings_set",
	    "INSERT INTO profanity_settings (brand_id, enabled, word_limit, warning, updated_at) "
	    "VALUES (?, ?, ?, NULLIF(?, ''), FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE "
	    "enabled = VALUES(enabled), word_limit = VALUES(word_limit), "
	    "warning = VALUES(warning), updated_at = VALUES(updated_at)" },
	[S_PROF_WORDS] = { "prof_words",
	    "SELECT id, word FROM profanity_words WHERE brand_id = ? ORDER BY word" },
	[S_PROF_WORD_ADD] = { "prof_word_add",
	    "INSERT IGNORE INTO profanity_words (brand_id, word) VALUES (?, ?)" },
	[S_PROF_WORD_DELETE] = { "prof_word_delete",
	    "DELETE FROM profanity_words WHERE id = ? AND brand_id = ?" },
	/* a channel's list when its brand's profanity management is on: limit,
	 * warning, then one row per word */
	[S_PROF_FOR_CHANNEL] = { "prof_for_channel",
	    "SELECT s.word_limit, s.warning, w.word FROM channels ch "
	    "JOIN profanity_settings s ON s.brand_id = ch.brand_id AND s.enabled = 1 "
	    "JOIN profanity_words w ON w.brand_id = ch.brand_id WHERE ch.id = ?" },
	/* adds a message's abusive words (then S_CHAT_ABUSE_GET reads the total:
	 * with a trigger on chats, LAST_INSERT_ID(expr) does not reach the client) */
	[S_CHAT_ABUSE] = { "chat_abuse",
	    "UPDATE chats SET abusive_count = abusive_count + ? "
	    "WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_ABUSE_GET] = { "chat_abuse_get",
	    "SELECT abusive_count FROM chats WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_WARN_DUE] = { "chat_warn_due",
	    "UPDATE chats SET profanity_warning = 'due' WHERE id = ? AND profanity_warning = 'none'" },
	[S_WARN_DUE_LIST] = { "warn_due_list",
	    "SELECT c.id, c.channel_id, c.follower_id, f.openid, s.warning, ch.app_id, "
	    "ch.app_secret_enc FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id "
	    "LEFT JOIN profanity_settings s ON s.brand_id = ch.brand_id "
	    "WHERE c.profanity_warning = 'due' LIMIT 100" },
	/* the warning counts toward the 5 and needs the 48-hour window; else skipped */
	[S_WARN_CLAIM] = { "warn_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, profanity_warning = 'sent' "
	    "WHERE id = ? AND profanity_warning = 'due' AND state <> 'closed' "
	    "AND consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) " "
	    "AND last_user_msg_at > FROM_UNIXTIME(?)" },
	[S_WARN_DONE] = { "warn_done",
	    "UPDATE chats SET profanity_warning = ? WHERE id = ? AND profanity_warning = 'due'" },
	/* the worker's timers: each channel's settings, then only its due chats */
	[S_TIMER_CHANNELS] = { "timer_channels",
	    "SELECT p.channel_id, p.missed_after_minutes, p.missed_close_minutes, "
	    "IF(p.bot_enabled, p.bot_idle_minutes, p.idle_close_minutes), p.bot_enabled "
	    "FROM channel_prefs p JOIN channels ch ON ch.id = p.channel_id "
	    "WHERE ch.state <> 'deleted'" },
	[S_TIMER_DUE] = { "timer_due",
	    "SELECT id, follower_id FROM chats WHERE state = ? AND channel_id = ? "
	    "AND state_since <= FROM_UNIXTIME(?) LIMIT 500" },
	/* idle_since: last_activity_at of an active chat, else NULL */
	[S_TIMER_IDLE_DUE] = { "timer_idle_due",
	    "SELECT id, follower_id FROM chats WHERE channel_id = ? "
	    "AND idle_since <= FROM_UNIXTIME(?) LIMIT 500" },
	/* each change checks the deadline again: of two workers, one makes it */
	[S_TIMER_MISS] = { "timer_miss",
	    "UPDATE chats SET state = 'missed', state_since = FROM_UNIXTIME(?), "
	    "offer_user_id = NULL, offer_until = NULL "
	    "WHERE id = ? AND state = 'waiting' AND state_since <= FROM_UNIXTIME(?)" },
	[S_TIMER_CLOSE_MISSED] = { "timer_close_missed",
	    "UPDATE chats SET state = 'closed', close_reason = 'missed_timeout', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'missed' "
	    "AND state_since <= FROM_UNIXTIME(?)" },
	[S_TIMER_CLOSE_IDLE] = { "timer_close_idle",
	    "UPDATE chats SET state = 'closed', close_reason = 'idle_timeout', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('active', 'bot') "
	    "AND last_activity_at <= FROM_UNIXTIME(?) AND NOT " CHAT_NEWER_IN("chats") },
	/* the follower's other chats, newest first */
	[S_FOLLOWER_CHATS] = { "follower_chats",
	    "SELECT id, state, UNIX_TIMESTAMP(started_at), close_reason FROM chats "
	    "WHERE follower_id = ? AND id <> ? ORDER BY id DESC LIMIT 20" },
	[S_CHAT_LAST_OF] = { "chat_last_of",
	    "SELECT IFNULL(MAX(id), 0) FROM chats WHERE follower_id = ?" },
	[S_CANNED_LIST] = { "canned_list",
	    "SELECT c.id, c.shortcut, c.body, a.mime FROM canned_responses c "
	    "LEFT JOIN attachments a ON a.id = c.attachment_id "
	    "WHERE c.brand_id = ? ORDER BY c.shortcut" },
	[S_CANNED_INSERT] = { "canned_insert",
	    "INSERT INTO canned_responses (brand_id, shortcut, body, attachment_id, created_at) "
	    "VALUES (?, ?, ?, NULLIF(?, 0), FROM_UNIXTIME(?))" },
	[S_CANNED_DELETE] = { "canned_delete",
	    "DELETE FROM canned_responses WHERE id = ? AND brand_id = ?" },
	/* the canned response a chat's operator named with /shortcut */
	[S_CANNED_FIND] = { "canned_find",
	    "SELECT r.body, a.id, a.path, a.mime FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN canned_responses r ON r.brand_id = ch.brand_id AND r.shortcut = ? "
	    "LEFT JOIN attachments a ON a.id = r.attachment_id WHERE c.id = ?" },
	[S_FOLLOWER_ALIAS] = { "follower_alias",
	    "UPDATE followers SET alias = NULLIF(?, '') WHERE id = ?" },
	[S_MEDIA_OF_MESSAGE] = { "media_of_message",
	    "SELECT m.chat_id, a.path, a.mime, a.size FROM messages m "
	    "JOIN attachments a ON a.id = m.attachment_id WHERE m.id = ?" },
	[S_TOKEN_STATUS] = { "token_status",
	    "SELECT UNIX_TIMESTAMP(expires_at), UNIX_TIMESTAMP(fetched_at), last_errcode, "
	    "last_error, errors FROM access_tokens WHERE channel_id = ?" },
	[S_FOLLOWER_UPSERT] = { "follower_upsert",
	    "INSERT INTO followers (channel_id, openid, created_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)" },
	[S_FOLLOWER_SUBSCRIBE] = { "follower_subscribe",
	    "UPDATE followers SET subscribed = 1, subscribed_at = FROM_UNIXTIME(?), "
	    "unsubscribed_at = NULL, subscribe_scene = COALESCE(?, subscribe_scene), "
	    "qr_scene = COALESCE(?, qr_scene), info_due = 1, erased = 0 WHERE id = ?" },
	[S_FOLLOWER_UNSUBSCRIBE] = { "follower_unsubscribe",
	    "UPDATE followers SET subscribed = 0, unsubscribed_at = FROM_UNIXTIME(?) "
	    "WHERE id = ?" },
	[S_FOLLOWER_ERASE] = { "follower_erase",
	    "UPDATE followers SET alias = NULL, unionid = NULL, language = NULL, "
	    "subscribe_scene = NULL, qr_scene = NULL, info_due = 0, erased = 1 WHERE id = ?" },
	[S_MESSAGES_ERASE] = { "messages_erase",
	    "UPDATE messages SET body = NULL, fields = NULL, event_key = NULL, "
	    "media_id = NULL, thumb_media_id = NULL, attachment_id = NULL, "
	    "media_state = IF(media_state = 'due', 'failed', media_state) "
	    "WHERE follower_id = ?" },
	[S_MESSAGE_INSERT] = { "message_insert",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, "
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, "
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, "
	    "created_at) "
	    "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, "
	    "IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?))" },
	/* the row a signed URL (timestamp, nonce) already delivered, if any */
	/* a follow (with the QR scene given) or an unfollow (scene NULL: the
	 * follower's own) for the reports, in the transaction storing the event */
	[S_REPORT_FOLLOW] = { "report_follow",
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, "
	    "operator_id, vbin, detail) SELECT FROM_UNIXTIME(?), ?, ch.brand_id, ch.id, 0, 0, "
	    "-1, LEFT(IFNULL(?, (SELECT IFNULL(qr_scene, '') FROM followers WHERE id = ?)), 64) "
	    "FROM channels ch WHERE ch.id = ?" },
	[S_MESSAGE_BY_PUSH] = { "message_by_push",
	    "SELECT dedupe_key FROM messages WHERE channel_id = ? AND push_ts = ? "
	    "AND push_nonce = ?" },
	[S_CHAT_OPEN_LOCK] = { "chat_open_lock",
	    "SELECT id, UNIX_TIMESTAMP(started_at), state, bot_misses, leave_offer FROM chats "
	    "WHERE open_follower = ? FOR UPDATE" },
	[S_CHAT_CLOSE] = { "chat_close",
	    "UPDATE chats SET state = 'closed', close_reason = ?, "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_CLOSE_BY] = { "chat_close_by",
	    "UPDATE chats SET state = 'closed', close_reason = 'operator', "
	    "closed_at = FROM_UNIXTIME(?), closed_by = ? WHERE id = ? AND state <> 'closed'" },
	/* reopened by an operator (chat.h): theirs, active, while the follower's
	 * 48 hours allow and they still follow; a rating not asked yet is not
	 * asked while it is open (a duplicate key: the follower has a newer
	 * open chat) */
	[S_CHAT_REOPEN] = { "chat_reopen",
	    "UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'active', "
	    "c.operator_id = ?, c.state_since = FROM_UNIXTIME(?), c.last_activity_at = "
	    "FROM_UNIXTIME(?), c.reopened_at = FROM_UNIXTIME(?), c.closed_at = NULL, "
	    "c.close_reason = NULL, c.closed_by = NULL, "
	    "c.csat_state = IF(c.csat_state = 'due', NULL, c.csat_state) "
	    "WHERE c.id = ? AND c.state = 'closed' AND c.close_reason NOT IN ('unfollowed', "
	    "'window_expired') AND c.last_user_msg_at > FROM_UNIXTIME(?) AND f.subscribed = 1" },
	/* the follower was offered to leave a message (their next message is it) */
	[S_CHAT_LEAVE_MARK] = { "chat_leave_mark",
	    "UPDATE chats SET leave_offer = 'offered', leave_offered_at = FROM_UNIXTIME(?) "
	    "WHERE id = ? AND leave_offer IS NULL" },
	/* …and left it: a follow-up, out of the queue (an offer of it ends) */
	[S_CHAT_FOLLOWUP] = { "chat_followup",
	    "UPDATE chats SET state = 'followup', state_since = FROM_UNIXTIME(?), "
	    "followup_at = FROM_UNIXTIME(?), leave_offer = 'left', offer_user_id = NULL, "
	    "offer_until = NULL WHERE id = ? AND state IN ('waiting', 'missed') "
	    "AND leave_offer = 'offered'" },
	/* a follow-up nobody answered, its follower silent since the cutoff
	 * (48 hours ago: WeChat's window), newer messages the fold has not
	 * taken in counted too */
	[S_CHAT_FOLLOWUP_EXPIRE] = { "chat_followup_expire",
	    "UPDATE chats SET state = 'closed', close_reason = 'followup_expired', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND followup_open <= FROM_UNIXTIME(?) "
	    "AND NOT " CHAT_NEWER_IN("chats") },
	/* what wxdesk itself tells the follower as a passive reply (the queue,
	 * the hours, a left message), with the bot's line (bot = 1) or alone */
	[S_AUTO_REPLY] = { "auto_reply",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "fields, dedupe_key, media_state, delivery_state, created_at) VALUES "
	    "(?, ?, NULLIF(?, 0), 'out', 'text', ?, IF(? = 1, JSON_OBJECT('bot', 1), "
	    "JSON_OBJECT('auto', 1)), ?, 'none', 'delivered', FROM_UNIXTIME(?))" },
	[S_CHAT_INSERT] = { "chat_insert",
	    "INSERT INTO chats (channel_id, follower_id, department_id, state, started_at, "
	    "last_user_msg_at, last_activity_at, state_since, queued_at, previous_chat_id, "
	    "messages_in) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?), "
	    "FROM_UNIXTIME(?), IF(? = 'waiting', FROM_UNIXTIME(?), NULL), NULLIF(?, 0), 0)" },
	/* a follower's message stored by the full path, in its transaction */
	[S_CHAT_IN] = { "chat_in",
	    "UPDATE chats SET last_user_msg_at = FROM_UNIXTIME(?), "
	    "last_activity_at = FROM_UNIXTIME(?), consecutive_out = 0, "
	    "messages_in = messages_in + " CHAT_INS_UPTO("chats", "?") ", "
	    "last_in_id = GREATEST(last_in_id, ?) WHERE id = ?" },
	/*
	 * The hot path, one autocommit statement: the message, stored only if
	 * the chat the webhook remembers for the follower is still the
	 * follower's open chat, started after the given time, on a channel
	 * that is still active (the webhook may have read it from its cache).
	 * The chat's row is not changed (see CHAT_NEWER_IN); its shared lock
	 * orders the message against a close of the chat (a timer, an
	 * operator): a chat closed first takes no more messages, and a message
	 * stored first counts as the chat's activity. No row: not the usual
	 * case, the caller takes the full path.
	 */
	[S_MESSAGE_CONTINUE] = { "message_continue",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, "
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, "
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, "
	    "created_at) "
	    "SELECT c.channel_id, c.follower_id, c.id, 'in', ?, ?, ?, ?, ?, ?, ?, ?, "
	    "NULLIF(?, 0), ?, ?, ?, ?, IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?) "
	    "FROM chats c JOIN channels ch ON ch.id = c.channel_id "
	    "WHERE c.id = ? AND c.open_follower = ? AND c.started_at > FROM_UNIXTIME(?) "
	    "AND c.state <> 'bot' AND NOT (c.leave_offer <=> 'offered' AND "
	    "c.state IN ('waiting', 'missed')) AND ch.state = 'active' "
	    "AND ch.department_id IS NOT NULL "
	    /* an operator's own WeChat (alerts.h): its messages are not the chat's */
	    "AND NOT EXISTS (SELECT 1 FROM alert_bindings ab WHERE ab.follower_id = c.follower_id) "
	    "LOCK IN SHARE MODE" },
	/* the chat's row takes the follower's newest message into account (a
	 * sender does this first, under the row's lock) */
	[S_CHAT_CATCH_UP] = { "chat_catch_up",
	    "UPDATE chats c JOIN (SELECT id, created_at FROM messages WHERE chat_id = ? "
	    "AND direction = 'in' AND msg_type <> 'event' ORDER BY id DESC LIMIT 1) m "
	    "SET c.consecutive_out = 0, c.last_user_msg_at = GREATEST(c.last_user_msg_at, "
	    "m.created_at), c.last_activity_at = GREATEST(c.last_activity_at, m.created_at), "
	    "c.messages_in = c.messages_in + " CHAT_INS_UPTO("c", "m.id") ", "
	    "c.last_in_id = m.id WHERE c.id = ? AND m.id > c.last_in_id" },
	/* the worker's fold: every chat takes its follower's newer messages in */
	[S_FOLD_MARK] = { "fold_mark", "SELECT mark FROM chat_fold WHERE id = 1" },
	[S_FOLD_TOP] = { "fold_top", "SELECT IFNULL(MAX(id), 0) FROM messages" },
	/* the chats with follower messages in a slice of ids that they have not
	 * taken in, each with its newest: read without locks into a table of
	 * the connection's own (the UPDATE then locks only the chats it changes) */
	[S_FOLD_NEW_TABLE] = { "fold_new_table",
	    "CREATE TEMPORARY TABLE IF NOT EXISTS fold_new (chat_id BIGINT UNSIGNED "
	    "NOT NULL PRIMARY KEY, mid BIGINT UNSIGNED NOT NULL, at DATETIME NOT NULL) "
	    "ENGINE=MEMORY" },
	[S_FOLD_NEW_CLEAR] = { "fold_new_clear", "DELETE FROM fold_new" },
	[S_FOLD_NEW] = { "fold_new",
	    "INSERT INTO fold_new (chat_id, mid, at) SELECT m.chat_id, MAX(m.id), "
	    "MAX(m.created_at) FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "WHERE m.id > ? AND m.id <= ? AND m.id > c.last_in_id AND m.direction = 'in' "
	    "AND m.msg_type <> 'event' GROUP BY m.chat_id" },
	[S_CHAT_FOLD] = { "chat_fold",
	    "UPDATE chats c JOIN fold_new m ON m.chat_id = c.id "
	    "SET c.consecutive_out = 0, c.last_user_msg_at = GREATEST(c.last_user_msg_at, "
	    "m.at), c.last_activity_at = GREATEST(c.last_activity_at, m.at), "
	    "c.messages_in = c.messages_in + " CHAT_INS_UPTO("c", "m.mid") ", "
	    "c.last_in_id = m.mid "
	    "WHERE m.mid > c.last_in_id" },
	/* their 'message_in' report events, once each (report_events.message_id is
	 * UNIQUE: a second worker's fold of the same message is ignored; a message
	 * that has its event already is only looked up, not written again) */
	[S_REPORT_IN_FOLD] = { "report_in_fold",
	    "INSERT IGNORE INTO report_events (at, kind, brand_id, channel_id, department_id, "
	    "operator_id, chat_id, message_id, vbin) SELECT m.created_at, 'message_in', "
	    "ch.brand_id, m.channel_id, IFNULL(c.department_id, 0), IFNULL(c.operator_id, 0), "
	    "m.chat_id, m.id, -1 FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "JOIN channels ch ON ch.id = m.channel_id WHERE m.id > ? AND m.id <= ? "
	    "AND m.id > (SELECT report_from FROM chat_fold WHERE id = 1) "
	    "AND m.direction = 'in' AND m.msg_type <> 'event' "
	    "AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id)" },
	[S_FOLD_SET] = { "fold_set",
	    "UPDATE chat_fold SET mark = GREATEST(mark, ?) WHERE id = 1" },
	[S_CHAT_TOUCH_OPEN] = { "chat_touch_open",
	    "UPDATE chats SET last_activity_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_TOKEN_ENSURE] = { "token_ensure",
	    "INSERT IGNORE INTO access_tokens (channel_id) VALUES (?)" },
	[S_TOKEN_GET] = { "token_get",
	    "SELECT token, UNIX_TIMESTAMP(expires_at), last_errcode FROM "
	    "access_tokens WHERE channel_id = ?" },
	/*
	 * The right to fetch a channel's token: nobody else holds it, and (unless
	 * due_before is 0) the token is still due, checked in the same statement,
	 * so a worker that read the token before another stored a new one does
	 * not fetch again. Parameters: until, channel, now, due_before twice.
	 */
	[S_TOKEN_LEASE] = { "token_lease",
	    "UPDATE access_tokens SET lease_until = ? WHERE channel_id = ? AND "
	    "(lease_until IS NULL OR lease_until < ?) AND (? = 0 OR token IS NULL "
	    "OR expires_at <= FROM_UNIXTIME(?))" },
	[S_TOKEN_STORE] = { "token_store",
	    "UPDATE access_tokens SET token = ?, expires_at = FROM_UNIXTIME(?), "
	    "fetched_at = FROM_UNIXTIME(?), last_errcode = 0, last_error = NULL, "
	    "lease_until = NULL WHERE channel_id = ?" },
	[S_TOKEN_ERROR] = { "token_error",
	    "UPDATE access_tokens SET last_errcode = ?, last_error = ?, errors = "
	    "errors + 1, lease_until = ? WHERE channel_id = ?" },
	[S_TOKEN_EXPIRE_IF] = { "token_expire_if",
	    "UPDATE access_tokens SET expires_at = FROM_UNIXTIME(1) WHERE "
	    "channel_id = ? AND token = ?" },
	[S_CHANNELS_ACTIVE] = { "channels_active",
	    "SELECT c.id, c.app_id, c.app_secret_enc, "
	    "IFNULL(UNIX_TIMESTAMP(t.expires_at), 0), IFNULL(t.lease_until, 0) "
	    "FROM channels c LEFT JOIN access_tokens t ON t.channel_id = c.id "
	    "WHERE c.state = 'active' AND c.app_id IS NOT NULL" },
	[S_MEDIA_DUE] = { "media_due",
	    "SELECT id, channel_id, msg_type, media_id, media_attempts FROM "
	    "messages WHERE media_state = 'due' AND media_next_at <= "
	    "FROM_UNIXTIME(?) ORDER BY media_next_at LIMIT 20" },
	[S_MEDIA_CLAIM] = { "media_claim",
	    "UPDATE messages SET media_next_at = FROM_UNIXTIME(?), media_attempts "
	    "= media_attempts + 1 WHERE id = ? AND media_state = 'due' AND "
	    "media_next_at <= FROM_UNIXTIME(?)" },
	[S_MEDIA_DONE] = { "media_done",
	    "UPDATE messages SET media_state = 'fetched', attachment_id = ?, "
	    "media_error = NULL WHERE id = ?" },
	[S_MEDIA_FAIL] = { "media_fail",
	    "UPDATE messages SET media_state = ?, media_error = ? WHERE id = ? "
	    "AND media_state = 'due'" },
	[S_ATTACHMENT_INSERT] = { "attachment_insert",
	    "INSERT INTO attachments (sha256, mime, size, path, created_at) "
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))" },
	[S_FOLLOWERS_INFO_DUE] = { "followers_info_due",
	    "SELECT f.id, f.channel_id, f.openid FROM followers f JOIN channels c "
	    "ON c.id = f.channel_id WHERE f.info_due = 1 AND f.erased = 0 AND "
	    "c.state = 'active' LIMIT 20" },
	[S_FOLLOWER_INFO_CLAIM] = { "follower_info_claim",
	    "UPDATE followers SET info_due = 0 WHERE id = ? AND info_due = 1" },
	[S_FOLLOWER_INFO_SET] = { "follower_info_set",
	    "UPDATE followers SET language = NULLIF(?, ''), unionid = NULLIF(?, "
	    "''), subscribe_scene = COALESCE(NULLIF(?, ''), subscribe_scene), "
	    "qr_scene = COALESCE(NULLIF(?, ''), qr_scene), info_fetched_at = "
	    "FROM_UNIXTIME(?) WHERE id = ?" },
	[S_ATTACHMENTS_ORPHANED] = { "attachments_orphaned",
	    "SELECT a.id, a.path FROM attachments a WHERE a.created_at < "
	    "FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1 FROM messages m WHERE "
	    "m.attachment_id = a.id) AND NOT EXISTS (SELECT 1 FROM canned_responses c "
	    "WHERE c.attachment_id = a.id) LIMIT 50" },
	[S_ATTACHMENT_DELETE] = { "attachment_delete",
	    "DELETE FROM attachments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
	    "messages m WHERE m.attachment_id = ?) AND NOT EXISTS (SELECT 1 FROM "
	    "canned_responses c WHERE c.attachment_id = ?)" },
	[S_ATTACHMENT_PATH_USED] = { "attachment_path_used",
	    "SELECT COUNT(*) FROM attachments WHERE path = ?" },
	/*
	 * Reports. The worker folds report_events into report_hours, a batch a
	 * transaction: the batch is claimed first (rolled = 2, which no other
	 * transaction ever sees committed), every level reads exactly the
	 * claimed rows, and the claim becomes rolled = 1 at the end. An event
	 * still being written is waited for; two workers (on one node, or on
	 * two Galera nodes: certification) never fold one twice; an event that
	 * commits meanwhile, whatever its id, waits for the next batch.
	 */
/* an event's UTC hour, as report_hours keys it */
#define REP_AT_HOUR "DATE_FORMAT(at, '%Y-%m-%d %H:00:00')"
	[S_REP_LOCK] = { "rep_lock",
	    "UPDATE report_events SET rolled = 2 WHERE rolled = 0 ORDER BY id LIMIT 5000" },
	[S_REP_ROLL] = { "rep_roll",
	    "INSERT INTO report_hours (hour, kind, brand_id, channel_id, department_id, "
	    "operator_id, detail, vbin, n, total) SELECT " REP_AT_HOUR ", "
	    "kind, brand_id, channel_id, department_id, operator_id, detail, vbin, COUNT(*), "
	    "IFNULL(SUM(value), 0) FROM report_events WHERE rolled = 2 "
	    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)" },
	[S_REP_MARK] = { "rep_mark",
	    "UPDATE report_events SET rolled = 1 WHERE rolled = 2" },
	/* a viewer's dates in UTC, and today where the viewer is; NULLs for a
	 * zone the server does not know */
	[S_REP_ZONE] = { "rep_zone",
	    "SELECT UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')), "
	    "UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')), "
	    "DATE(CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', ?)), "
	    "(SELECT zone FROM report_state WHERE id = 1)" },
	/* what the filters offer */
	[S_REP_DIMS] = { "rep_dims",
	    "SELECT 'brand', id, name, 0 FROM brands "
	    "UNION ALL SELECT 'channel', c.id, CONCAT(b.name, ' · ', COALESCE(c.app_id, 'draft'), "
	    "IF(c.state = 'deleted', ' (deleted)', '')), c.brand_id FROM channels c "
	    "JOIN brands b ON b.id = c.brand_id "
	    "UNION ALL SELECT 'department', d.id, CONCAT(b.name, ' · ', d.name), d.brand_id "
	    "FROM departments d JOIN brands b ON b.id = d.brand_id "
	    "UNION ALL SELECT 'operator', id, name, 0 FROM users ORDER BY 1, 3" },
	/*
	 * The facts of a range: whole hours folded already, and the events not
	 * folded yet. Each takes the range and the four filters (0: any).
	 * b is a bucket in the viewer's time zone (a date, an hour of the day,
	 * or '' for the whole range); g is a dimension to group by (1 operator,
	 * 2 department, else none).
	 */
#define REP_DIMS3 " AND ? IN (0, brand_id) AND ? IN (0, channel_id) AND ? IN (0, department_id)"
#define REP_DIMS REP_DIMS3 " AND ? IN (0, operator_id)"
#define REP_FACTS(kinds) "(SELECT hour, kind, department_id, operator_id, detail, vbin, n, " \
	"total FROM report_hours WHERE kind IN (" kinds ") AND hour >= FROM_UNIXTIME(?) " \
	"AND hour < FROM_UNIXTIME(?)" REP_DIMS " UNION ALL SELECT " \
	REP_AT_HOUR ", kind, department_id, operator_id, detail, " \
	"vbin, 1, IFNULL(value, 0) FROM report_pending WHERE rolled = 0 AND kind IN (" kinds \
	") AND at >= FROM_UNIXTIME(?) AND at < FROM_UNIXTIME(?)" REP_DIMS ") f"
/* every kind, and the kinds with a value histogram */
#define REP_ALL_KINDS "'chat_started', 'picked_up', 'first_response', 'missed', 'closed', " \
	"'transferred', 'message_in', 'message_out', 'delivery_failed', 'follow', 'unfollow', " \
	"'first_response_bh', 'followup_received', 'followup_answered', 'followup_expired'"
#define REP_BIN_KINDS "'picked_up', 'first_response', 'closed', 'first_response_bh'"
#define REP_BUCKET "IF(? = '', '', DATE_FORMAT(CONVERT_TZ(hour, '+00:00', ?), ?))"
#define REP_GROUP "CASE ? WHEN 1 THEN operator_id WHEN 2 THEN department_id ELSE 0 END"
	[S_REP_COUNTS] = { "rep_counts",
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, detail, SUM(n), SUM(total) FROM "
	    REP_FACTS(REP_ALL_KINDS)
	    " GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail" },
	[S_REP_HIST] = { "rep_hist",
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, vbin, SUM(n) FROM "
	    REP_FACTS(REP_BIN_KINDS)
	    " WHERE ? IN ('', kind) GROUP BY b, g, kind, vbin ORDER BY b, g, kind, vbin" },
	/*
	 * The day and hour-of-day levels (009), in the zone of report_state.
	 * A batch of events and a rebuild from report_hours fold the same way:
	 * src yields h (the UTC hour), the dimensions, n and total.
	 */
#define REP_LOCAL(src) "(SELECT CONVERT_TZ(e.h, '+00:00', s.zone) l, e.kind, e.brand_id, " \
	"e.channel_id, e.department_id, e.operator_id, e.detail, e.vbin, e.n, e.total FROM " \
	src " e JOIN report_state s ON s.id = 1 AND s.zone <> '') x"
#define REP_SRC_EVENTS "(SELECT " REP_AT_HOUR " h, kind, brand_id, " \
	"channel_id, department_id, operator_id, detail, vbin, 1 n, IFNULL(value, 0) total " \
	"FROM report_events WHERE rolled = 2)"
#define REP_SRC_HOURS "(SELECT hour h, kind, brand_id, channel_id, department_id, " \
	"operator_id, detail, vbin, n, total FROM report_hours WHERE kind IN (" REP_ALL_KINDS \
	") AND hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?))"
#define REP_BINNED " WHERE kind IN (" REP_BIN_KINDS ")"
#define REP_FOLD_DC(src) "INSERT INTO report_day_counts (day, kind, brand_id, channel_id, " \
	"department_id, operator_id, detail, n, total) SELECT DATE(l), kind, brand_id, " \
	"channel_id, department_id, operator_id, detail, SUM(n), SUM(total) FROM " \
	REP_LOCAL(src) " GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_DB(src) "INSERT INTO report_day_bins (day, kind, brand_id, channel_id, " \
	"department_id, operator_id, vbin, n) SELECT DATE(l), kind, brand_id, channel_id, " \
	"department_id, operator_id, vbin, SUM(n) FROM " REP_LOCAL(src) REP_BINNED \
	" GROUP BY 1, 2, 3, 4, 5, 6, 7 ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
#define REP_SPANS " JOIN (SELECT 'day' span UNION ALL SELECT 'month') sp"
#define REP_START "IF(sp.span = 'day', DATE(l), DATE_FORMAT(l, '%Y-%m-01'))"
#define REP_FOLD_HC(src) "INSERT INTO report_hod_counts (span, start, hod, kind, brand_id, " \
	"channel_id, department_id, detail, n, total) SELECT sp.span, " REP_START ", " \
	"HOUR(l), kind, brand_id, channel_id, department_id, detail, SUM(n), SUM(total) " \
	"FROM " REP_LOCAL(src) REP_SPANS " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_HB(src) "INSERT INTO report_hod_bins (span, start, hod, kind, brand_id, " \
	"channel_id, department_id, vbin, n) SELECT sp.span, " REP_START ", HOUR(l), kind, " \
	"brand_id, channel_id, department_id, vbin, SUM(n) FROM " REP_LOCAL(src) REP_SPANS \
	REP_BINNED " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
	/* a roll-up batch waits for a rebuild, and a rebuild for the batches */
	[S_REP_SHARE] = { "rep_share",
	    "SELECT zone FROM report_state WHERE id = 1 LOCK IN SHARE MODE" },
	[S_REP_FOLD_DC] = { "rep_fold_dc", REP_FOLD_DC(REP_SRC_EVENTS) },
	[S_REP_FOLD_DB] = { "rep_fold_db", REP_FOLD_DB(REP_SRC_EVENTS) },
	[S_REP_FOLD_HC] = { "rep_fold_hc", REP_FOLD_HC(REP_SRC_EVENTS) },
	[S_REP_FOLD_HB] = { "rep_fold_hb", REP_FOLD_HB(REP_SRC_EVENTS) },
	/* the levels' zone, and whether the server knows the zone asked for */
	[S_REP_STATE_LOCK] = { "rep_state_lock",
	    "SELECT zone, CONVERT_TZ('2000-01-01', '+00:00', ?) IS NOT NULL "
	    "FROM report_state WHERE id = 1 FOR UPDATE" },
	[S_REP_STATE_SET] = { "rep_state_set", "UPDATE report_state SET zone = ? WHERE id = 1" },
	[S_REP_HOURS_SPAN] = { "rep_hours_span",
	    "SELECT UNIX_TIMESTAMP(MIN(hour)), UNIX_TIMESTAMP(MAX(hour)) FROM report_hours" },
	[S_REP_CLEAR_DC] = { "rep_clear_dc", "DELETE FROM report_day_counts" },
	[S_REP_CLEAR_DB] = { "rep_clear_db", "DELETE FROM report_day_bins" },
	[S_REP_CLEAR_HC] = { "rep_clear_hc", "DELETE FROM report_hod_counts" },
	[S_REP_CLEAR_HB] = { "rep_clear_hb", "DELETE FROM report_hod_bins" },
	[S_REP_BUILD_DC] = { "rep_build_dc", REP_FOLD_DC(REP_SRC_HOURS) },
	[S_REP_BUILD_DB] = { "rep_build_db", REP_FOLD_DB(REP_SRC_HOURS) },
	[S_REP_BUILD_HC] = { "rep_build_hc", REP_FOLD_HC(REP_SRC_HOURS) },
	[S_REP_BUILD_HB] = { "rep_build_hb", REP_FOLD_HB(REP_SRC_HOURS) },
	/*
	 * A range in the levels' zone: whole local days [?, ?] by day (or as
	 * one when the first ? is 0), or by hour of day from whole local months
	 * [?, ?) and the days around them; each with the events not folded yet
	 * (in [from, to) UTC). Each branch groups first, so only groups are put
	 * together. A histogram is of one kind, or of all three ('').
	 */
#define REP_EV_LOCAL "CONVERT_TZ(" REP_AT_HOUR ", '+00:00', ?)"
#define REP_EV_RANGE " WHERE rolled = 0 AND at >= FROM_UNIXTIME(?) AND at < FROM_UNIXTIME(?)"
#define REP_KIND_OF " AND kind IN (" REP_BIN_KINDS ") AND ? IN ('', kind)"
#define REP_DAY_B "SELECT IF(b IS NULL, '', DATE_FORMAT(b, '%Y-%m-%d')), g, kind, "
	[S_REP_DCOUNTS] = { "rep_dcounts",
	    REP_DAY_B "detail, SUM(n), SUM(total) FROM (SELECT IF(? = 0, NULL, day) b, "
	    REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM report_day_counts "
	    "WHERE day >= ? AND day <= ?" REP_DIMS " GROUP BY b, g, kind, detail UNION ALL "
	    "SELECT IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP ", kind, detail, 1, "
	    "IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS ") f "
	    "GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail" },
	[S_REP_DHIST] = { "rep_dhist",
	    REP_DAY_B "vbin, SUM(n) FROM (SELECT IF(? = 0, NULL, day) b, " REP_GROUP " g, "
	    "kind, vbin, SUM(n) n FROM report_day_bins WHERE day >= ? AND day <= ? "
	    "AND ? IN ('', kind)" REP_DIMS " GROUP BY b, g, kind, vbin UNION ALL "
	    "SELECT IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP ", kind, vbin, 1 "
	    "FROM report_pending" REP_EV_RANGE REP_KIND_OF REP_DIMS ") f "
	    "GROUP BY b, g, kind, vbin ORDER BY b, g, kind, vbin" },
#define REP_HOD_SPANS " WHERE (span = 'month' AND start >= ? AND start < ? OR span = 'day' " \
	"AND (start >= ? AND start < ? OR start >= ? AND start <= ?))"
	[S_REP_HCOUNTS] = { "rep_hcounts",
	    "SELECT LPAD(b, 2, '0'), 0, kind, detail, SUM(n), SUM(total) FROM (SELECT hod b, "
	    "kind, detail, SUM(n) n, SUM(total) total FROM report_hod_counts" REP_HOD_SPANS
	    REP_DIMS3 " GROUP BY b, kind, detail UNION ALL SELECT HOUR(" REP_EV_LOCAL "), "
	    "kind, detail, 1, IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS3
	    ") f GROUP BY b, kind, detail ORDER BY b, kind, detail" },
	[S_REP_HHIST] = { "rep_hhist",
	    "SELECT LPAD(b, 2, '0'), 0, kind, vbin, SUM(n) FROM (SELECT hod b, kind, vbin, "
	    "SUM(n) n FROM report_hod_bins" REP_HOD_SPANS " AND ? IN ('', kind)" REP_DIMS3
	    " GROUP BY b, kind, vbin UNION ALL SELECT HOUR(" REP_EV_LOCAL "), kind, vbin, 1 "
	    "FROM report_pending" REP_EV_RANGE REP_KIND_OF REP_DIMS3 ") f "
	    "GROUP BY b, kind, vbin ORDER BY b, kind, vbin" },
};

static MYSQL      *conn;
static void       *prepared[S__MAX];	/* MYSQL_STMT *, prepared on first use */
static struct db_table core = { stmts, S__MAX, prepared, NULL, 0 };
static struct db_table *tables = &core;	/* every table used on this connection */
static int         in_txn;
static int         txn_used;	/* statements run in the current transaction */
static int         snapshot;	/* a read snapshot is open: see db_snapshot */
static char        last_error[512];

struct db_table *const *
db_tables_all(void)
{
	static struct db_table *all[16];

	if (all[0] == NULL) {
		struct db_table *(*const parts[])(void) = { db_table_alerts, db_table_assign,
			db_table_audit, db_table_bot, db_table_csat, db_table_health, db_table_hours,
			db_table_metrics, db_table_outbox, db_table_tell, db_table_twofactor };
		size_t n = 0;
		all[n++] = &core;
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			all[n++] = parts[i]();
	}
	return all;
}

int
db_prepare_check(const struct db_table *t, size_t s, unsigned long *params, unsigned int *cols)
{
	MYSQL_STMT *st;
	MYSQL_RES  *meta;
	int         rc = 0;

	if ((conn == NULL && db_open() != 0) || (st = mysql_stmt_init(conn)) == NULL)
		return -1;
	if (mysql_stmt_prepare(st, t->stmts[s].sql, strlen(t->stmts[s].sql)) != 0) {
		snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
		rc = -1;
	} else if (strncmp(t->stmts[s].sql, "CREATE TEMPORARY TABLE", 22) == 0 &&
	    mysql_stmt_execute(st) != 0) {
		snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
		rc = -1;
	} else {
		*params = mysql_stmt_param_count(st);
		meta = mysql_stmt_result_metadata(st);
		*cols = meta ? mysql_num_fields(meta) : 0;
		if (meta)
			mysql_free_result(meta);
	}
	mysql_stmt_close(st);
	return rc;
}

const char *
db_error(void)
{
	return last_error;
}

/* After a reconnect every prepared statement is gone with its connection. */
static void
forget_statements(void)
{
	for (struct db_table *t = tables; t; t = t->next)
		for (size_t i = 0; i < t->n; i++) {
			if (t->prepared[i] != NULL)
				mysql_stmt_close(t->prepared[i]);
			t->prepared[i] = NULL;
		}
}

/*
 * In a child just forked: the parent's connection and statements are the
 * parent's (closing them here would end them for the parent too), so they
 * are dropped without a word to the server; the child connects anew.
 */
void
db_forget(void)
{
	for (struct db_table *t = tables; t != NULL; t = t->next)
		for (size_t i = 0; i < t->n; i++)
			t->prepared[i] = NULL;
	conn = NULL;
	in_txn = 0;
}

void
db_close(void)
{
	forget_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_txn = 0;
}

/*
 * Database.Hosts: an ordered list of servers ("host:port" or a socket path,
 * comma-separated), the nodes of a Galera cluster, say. A connection goes
 * to the first that answers; one that is not to the first tries the first
 * again after HOSTS_BACK seconds (db_up), so a node that came back is used
 * again. Without the list: Database.Host/Port or Database.Socket.
 */
#define HOSTS_MAX  8
#define HOSTS_BACK 300
static int    host_index = -1;	/* the list entry connected to, or -1 */
static time_t host_since;

static int connect_one(const char *host, unsigned port, const char *sock);

int
db_open(void)
{
	const char *list = cfg_get("Database.Hosts", NULL);
	char        buf[1024], *save = NULL, *e;
	int         i = 0;

	if (conn != NULL)
		return 0;
	if (list == NULL || *list == '\0') {
		const char *sock = cfg_get("Database.Socket", NULL);
		return connect_one(sock && *sock ? NULL : cfg_get("Database.Host", NULL),
		    (unsigned)cfg_int("Database.Port", 0), sock && *sock ? sock : NULL);
	}
	snprintf(buf, sizeof buf, "%s", list);
	for (e = strtok_r(buf, ", ", &save); e && i < HOSTS_MAX; e = strtok_r(NULL, ", ", &save), i++) {
		char *colon = strrchr(e, ':');
		int   rc;
		if (e[0] == '/')
			rc = connect_one(NULL, 0, e);
		else {
			if (colon)
				*colon = '\0';
			rc = connect_one(e, colon ? (unsigned)strtoul(colon + 1, NULL, 10) : 0, NULL);
		}
		if (rc == 0) {
			if (i != host_index)
				wx_log("database: connected to %s (entry %d of Database.Hosts)", e, i + 1);
			host_index = i;
			host_since = time(NULL);
			return 0;
		}
	}
	host_index = -1;
	return -1;
}

static int
connect_one(const char *host, unsigned port, const char *sock)
{
	unsigned int timeout = 3, rw = 30;

	if ((conn = mysql_init(NULL)) == NULL)
		abort();
	mysql_optionsv(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(conn, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_optionsv(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_optionsv(conn, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
	    /* no gap locks: concurrent pushes from different followers do not
	     * deadlock; work on one follower is serialised by its row lock */
	    "tx_isolation = 'READ-COMMITTED'");
	if (mysql_real_connect(conn, host && *host ? host : NULL,
	    cfg_get("Database.User", "root"), cfg_get("Database.Password", ""),
	    cfg_get("Database.Name", "wxdesk"), port, sock, 0) == NULL) {
		snprintf(last_error, sizeof last_error, "%s", mysql_error(conn));
		wx_log("database connection failed: %s", last_error);
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

int
db_up(void)
{
	/* on a later entry of Database.Hosts for a while: try the first again */
	if (conn != NULL && host_index > 0 && !in_txn && time(NULL) - host_since >= HOSTS_BACK) {
		db_close();
		return db_open() == 0;
	}
	if (conn != NULL && mysql_ping(conn) == 0)
		return 1;
	db_close();
	return db_open() == 0;
}

static int
gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_SERVER_LOST_EXTENDED || e == CR_CONNECTION_ERROR ||
	    e == CR_CONN_HOST_ERROR || e == ER_CONNECTION_KILLED ||
	    e == 1927 /* ER_CONNECTION_KILLED in MariaDB */ || e == CR_STMT_CLOSED;
}

static enum dbrc
classify(unsigned int e)
{
	if (e == ER_DUP_ENTRY || e == ER_DUP_ENTRY_WITH_KEY_NAME ||
	    e == ER_ROW_IS_REFERENCED_2 || e == ER_ROW_IS_REFERENCED ||
	    e == ER_NO_REFERENCED_ROW_2)
		return DB_CONFLICT;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	/* the statement's data is at fault, not the server: the same again fails again */
	if (e == ER_DATA_TOO_LONG || e == ER_TRUNCATED_WRONG_VALUE ||
	    e == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD || e == ER_WARN_DATA_OUT_OF_RANGE ||
	    e == ER_BAD_NULL_ERROR || e == ER_INVALID_CHARACTER_STRING ||
	    e == ER_DIVISION_BY_ZERO || e == ER_CONSTRAINT_FAILED)
		return DB_INVALID;
	return DB_FAIL;
}

/* Binds params to st (no copies: the values live until the execute). */
static int
bind_params(MYSQL_STMT *st, const struct db_param *params, size_t np, MYSQL_BIND *pb,
    long long *ivals, unsigned long *lens)
{
	memset(pb, 0, np * sizeof *pb);
	for (size_t i = 0; i < np; i++) {
		if (params[i].type == 'i') {
			ivals[i] = params[i].i;
			pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
			pb[i].buffer = &ivals[i];
		} else if (params[i].type == 'b') {
			lens[i] = (unsigned long)params[i].n;
			pb[i].buffer_type = MYSQL_TYPE_BLOB;
			pb[i].buffer = (void *)params[i].v;
			pb[i].buffer_length = lens[i];
			pb[i].length = &lens[i];
		} else if (params[i].v == NULL) {
			pb[i].buffer_type = MYSQL_TYPE_NULL;
		} else {
			lens[i] = strlen(params[i].v);
			pb[i].buffer_type = MYSQL_TYPE_STRING;
			pb[i].buffer = (void *)params[i].v;
			pb[i].buffer_length = lens[i];
			pb[i].length = &lens[i];
		}
	}
	return np && mysql_stmt_bind_param(st, pb) != 0 ? -1 : 0;
}

/* Cell c of the row just fetched, into p: NULL for SQL NULL; a value longer
 * than the inline buffer fetched whole. 0, or -1 when the fetch failed. */
static int
fetch_cell(MYSQL_STMT *st, struct pool *p, unsigned c, const char *cell, unsigned long len,
    size_t inline_size, int isnull, char **out)
{
	MYSQL_BIND    big;
	unsigned long bl;
	char         *v;

	if (isnull) {
		*out = NULL;
		return 0;
	}
	if (len < inline_size) {
		*out = pool_strndup(p, cell, len);
		return 0;
	}
	v = pool_alloc(p, len + 1);
	memset(&big, 0, sizeof big);
	big.buffer_type = MYSQL_TYPE_STRING;
	big.buffer = v;
	big.buffer_length = len + 1;
	big.length = &bl;
	if (mysql_stmt_fetch_column(st, &big, c, 0) != 0)
		return -1;
	v[len] = '\0';
	*out = v;
	return 0;
}

/* The result's rows into out (in p), every cell a string; 0 or -1. */
static int
fetch_rows(MYSQL_STMT *st, struct pool *p, struct dbres *out)
{
	size_t         nc = out->ncols, cap = 16;
	MYSQL_BIND     rb[32];
	char           cells[32][256];
	unsigned long  rl[32];
	my_bool        isnull[32], trunc[32];

	if (nc > 32)
		abort();
	memset(rb, 0, sizeof rb);
	for (size_t c = 0; c < nc; c++) {
		rb[c].buffer_type = MYSQL_TYPE_STRING;
		rb[c].buffer = cells[c];
		rb[c].buffer_length = sizeof cells[c];
		rb[c].length = &rl[c];
		rb[c].is_null = &isnull[c];
		rb[c].error = &trunc[c];
	}
	if (mysql_stmt_bind_result(st, rb) != 0)
		return -1;
	out->rows = pool_alloc(p, cap * sizeof *out->rows);
	out->lens = pool_alloc(p, cap * sizeof *out->lens);
	for (;;) {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			return 0;
		if (f == 1)
			return -1;
		if (out->nrows == cap) {
			char ***nr = pool_alloc(p, 2 * cap * sizeof *nr);
			unsigned long **nl = pool_alloc(p, 2 * cap * sizeof *nl);
			memcpy(nr, out->rows, cap * sizeof *nr);
			memcpy(nl, out->lens, cap * sizeof *nl);
			out->rows = nr;
			out->lens = nl;
			cap *= 2;
		}
		char **row = pool_alloc(p, nc * sizeof *row);
		unsigned long *rlen = pool_alloc(p, nc * sizeof *rlen);
		for (size_t c = 0; c < nc; c++) {
			rlen[c] = isnull[c] ? 0 : rl[c];
			if (fetch_cell(st, p, (unsigned)c, cells[c], rl[c], sizeof cells[c], isnull[c],
			    &row[c]) != 0)
				return -1;
		}
		out->lens[out->nrows] = rlen;
		out->rows[out->nrows++] = row;
	}
}

/* Statement s of table t, prepared on its first use; NULL after setting
 * *err and last_error (and *rc: why). */
static MYSQL_STMT *
stmt_of(struct db_table *t, int s, unsigned int *err, enum dbrc *rc)
{
	MYSQL_STMT *st = t->prepared[s];

	if (st != NULL)
		return st;
	if ((st = mysql_stmt_init(conn)) == NULL)
		abort();
	if (mysql_stmt_prepare(st, t->stmts[s].sql, strlen(t->stmts[s].sql)) != 0) {
		/* a statement is prepared on its first use, perhaps inside a
		 * transaction, which a Galera conflict may abort during the
		 * prepare: that is a deadlock like any other (DB_RETRY) */
		*err = mysql_stmt_errno(st);
		snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
		mysql_stmt_close(st);
		*rc = classify(*err);
		return NULL;
	}
	return t->prepared[s] = st;
}

/* One attempt. *err gets the server or client error number (0 when ok). */
static enum dbrc
run_once(struct db_table *t, int s, struct pool *p, struct dbres *out,
    const struct db_param *params, size_t np, unsigned int *err)
{
	MYSQL_STMT    *st;
	MYSQL_BIND     pb[32];
	long long      ivals[32];
	unsigned long  lens[32];
	MYSQL_RES     *meta = NULL;
	enum dbrc      rc = DB_FAIL;

	*err = 0;
	if (np > 32)
		abort();	/* a statement table error, caught by any test */
	if (conn == NULL && db_open() != 0) {
		*err = CR_CONNECTION_ERROR;
		return DB_FAIL;
	}
	if ((st = stmt_of(t, s, err, &rc)) == NULL)
		return rc;
	if (mysql_stmt_param_count(st) != np) {
		/* a wrapper's format does not match its statement: a bug, caught by any test */
		snprintf(last_error, sizeof last_error, "statement %s takes %lu parameters, "
		    "given %zu", t->stmts[s].name, mysql_stmt_param_count(st), np);
		wx_log("%s", last_error);
		return DB_FAIL;
	}
	if (bind_params(st, params, np, pb, ivals, lens) != 0 || mysql_stmt_execute(st) != 0)
		goto fail;
	memset(out, 0, sizeof *out);
	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL) {
		out->affected = mysql_stmt_affected_rows(st);
		out->insert_id = mysql_stmt_insert_id(st);
		return DB_OK;
	}
	out->ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (mysql_stmt_store_result(st) != 0 || fetch_rows(st, p, out) != 0)
		goto fail;
	mysql_stmt_free_result(st);
	return DB_OK;
fail:
	*err = mysql_stmt_errno(st);
	snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
	rc = classify(*err);
	mysql_stmt_free_result(st);
	mysql_stmt_reset(st);
	return rc;
}

/*
 * Runs statement s of table t with its parameters into out (rows in pool
 * p). Reconnects and retries once when the server went away outside a
 * transaction.
 */
/* statements that failed in this process (the worker's jobs report them) */
static unsigned long failures;

unsigned long
db_failures(void)
{
	return failures;
}

enum dbrc
db_run(struct db_table *t, int s, struct pool *p, struct dbres *out,
    const struct db_param *params, size_t n)
{
	enum dbrc    rc;
	unsigned int err;
	struct dbres scratch;

	if (!t->listed && t != &core) {	/* its statements are closed with the connection */
		t->next = tables->next;
		tables->next = t;
		t->listed = 1;
	}
	if (out == NULL)
		out = &scratch;
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = run_once(t, s, p, out, params, n, &err);
		if (rc == DB_OK) {
			if (in_txn)
				txn_used++;
			return DB_OK;
		}
		if (gone(err)) {
			int was_txn = in_txn, used = txn_used;
			wx_log("database went away during %s; reconnecting", t->stmts[s].name);
			db_close();
			if (was_txn && used > 0)
				return DB_FAIL;	/* the transaction is lost: caller reports */
			if (was_txn && db_begin() != 0)
				return DB_FAIL;	/* nothing was done yet: begin again */
			continue;
		}
		if (rc == DB_FAIL || rc == DB_RETRY) {
			failures++;
			wx_log("statement %s failed: %s", t->stmts[s].name, last_error);
		}
		return rc;
	}
	failures++;
	wx_log("statement %s failed: %s", t->stmts[s].name, last_error);
	return DB_FAIL;
}

/* A statement of wxdesk's own table: RUN(S_USER_GET, p, out, I(id)). */
#define RUN(s, p, out, ...) DB_RUN(&core, s, p, out, __VA_ARGS__)

/*
 * From here to the end of the request, reads see one snapshot of the
 * database (a read-only REPEATABLE READ transaction): a page that reads in
 * several statements sees no change committed between them. Writes fail
 * until db_request_done ends it. Returns 0, or -1 (reads then see each
 * statement's own snapshot, as without it).
 */
int
db_snapshot(void)
{
	if (snapshot)
		return 0;
	if (conn == NULL && db_open() != 0)
		return -1;
	if (mysql_query(conn, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") != 0 ||
	    mysql_query(conn, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY") != 0) {
		wx_log("cannot start a read snapshot: %s", mysql_error(conn));
		return -1;
	}
	snapshot = 1;
	return 0;
}

/* After each request: ends a read snapshot. */
void
db_request_done(void)
{
	if (snapshot) {
		snapshot = 0;
		if (conn != NULL && mysql_rollback(conn) != 0)
			db_close();
	}
}

/* why the last db_begin failed (a server or client error number) */
static unsigned int begin_errno;

int
db_begin(void)
{
	if (conn == NULL && db_open() != 0)
		return -1;
	txn_used = 0;
	begin_errno = 0;
	if (mysql_query(conn, "START TRANSACTION") != 0) {
		unsigned int e = mysql_errno(conn);
		begin_errno = e;
		snprintf(last_error, sizeof last_error, "%s", mysql_error(conn));
		if (!gone(e)) {
			wx_log("cannot begin a transaction: %s", last_error);
			return -1;
		}
		db_close();
		if (db_open() != 0 || mysql_query(conn, "START TRANSACTION") != 0)
			return -1;
	}
	in_txn = 1;
	return 0;
}

int
db_commit(void)
{
	return db_commit_rc() == DB_OK ? 0 : -1;
}

/*
 * The commit, with its reason when it fails: DB_RETRY for a deadlock or a
 * lock wait timeout, which is how a Galera cluster reports a certification
 * conflict (at the commit, not at a statement): the transaction may be run
 * again as a whole. The transaction is over either way.
 */
enum dbrc
db_commit_rc(void)
{
	enum dbrc rc = DB_OK;

	if (conn == NULL) {
		snprintf(last_error, sizeof last_error, "no connection at the commit");
		in_txn = 0;
		return DB_FAIL;
	}
	if (mysql_commit(conn) != 0) {
		unsigned int e = mysql_errno(conn);
		wx_log("commit failed: %s", mysql_error(conn));
		rc = e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT ? DB_RETRY : DB_FAIL;
		(void)mysql_rollback(conn);
	}
	in_txn = 0;
	return rc;
}

void
db_rollback(void)
{
	if (conn != NULL && mysql_rollback(conn) != 0)
		db_close();
	in_txn = 0;
}

enum dbrc
db_txn(struct pool *p, enum dbrc (*step)(struct pool *p, void *arg), void *arg)
{
	enum dbrc rc = DB_FAIL;

	for (int attempt = 0; attempt < DB_TXN_TRIES; attempt++) {
		if (attempt > 0) {
			/* a pause that grows, spread so that the two sides of a
			 * conflict do not meet again at once */
			struct timespec now, ts = { 0, 0 };
			clock_gettime(CLOCK_MONOTONIC, &now);
			ts.tv_nsec = (long)attempt * 10000000L + now.tv_nsec % 10000000L;
			nanosleep(&ts, NULL);
		}
		if (db_begin() != 0) {
			/* a Galera node may answer the begin after a conflict
			 * with the conflict itself: that is one more try */
			if (begin_errno == ER_LOCK_DEADLOCK || begin_errno == ER_LOCK_WAIT_TIMEOUT) {
				rc = DB_RETRY;
				continue;
			}
			return DB_FAIL;
		}
		rc = step(p, arg);
		if (rc == DB_OK)
			rc = db_commit_rc();
		else
			db_rollback();
		if (rc == DB_FAIL)	/* the statement said why; this says where it ended */
			wx_log("a transaction failed on try %d of %d: %s", attempt + 1, DB_TXN_TRIES,
			    last_error);
		if (rc != DB_RETRY)
			return rc;
	}
	wx_log("a transaction conflicted %d times; given up", DB_TXN_TRIES);
	return DB_RETRY;
}

int
db_exec_sql(const char *sql, size_t len)
{
	if (conn == NULL && db_open() != 0)
		return -1;
	if (mysql_real_query(conn, sql, (unsigned long)len) != 0) {
		snprintf(last_error, sizeof last_error, "%s", mysql_error(conn));
		return -1;
	}
	MYSQL_RES *res = mysql_store_result(conn);
	if (res)
		mysql_free_result(res);
	return 0;
}

const char *
db_cell(const struct dbres *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->rows[row][col];
}

long long
db_int(const struct dbres *res, size_t row, size_t col)
{
	const char *v = db_cell(res, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

void
db_to_hdf(struct req *r, const char *prefix, const struct dbres *res,
    const char *const *names, size_t n)
{
	char key[256];

	req_hdf_init(r);
	for (size_t i = 0; i < res->nrows; i++)
		for (size_t c = 0; c < res->ncols && c < n; c++) {
			if (names[c] == NULL || *names[c] == '\0' || res->rows[i][c] == NULL)
				continue;
			snprintf(key, sizeof key, "%s.%zu.%s", prefix, i, names[c]);
			hdf_set_value(r->hdf, key, res->rows[i][c]);
		}
}

/* ---- typed statements ---- */

static enum dbrc
one(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows == 0 ? DB_NOTFOUND : rc;
}

static enum dbrc
changed(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->affected == 0 ? DB_NOTFOUND : rc;
}

static long long
count_of(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows ? db_int(out, 0, 0) : -1;
}

enum dbrc
db_user_by_login(struct pool *p, const char *login, struct dbres *out)
{
	return one(RUN(S_USER_BY_LOGIN, p, out, S(login)), out);
}

enum dbrc
db_user_get(struct pool *p, long long id, struct dbres *out)
{
	return one(RUN(S_USER_GET, p, out, I(id)), out);
}

enum dbrc
db_user_list(struct pool *p, long long limit, long long offset, struct dbres *out)
{
	return RUN(S_USER_LIST, p, out, I(limit), I(offset));
}

long long
db_user_count(struct pool *p)
{
	struct dbres out;
	return count_of(RUN(S_USER_COUNT, p, &out), &out);
}

long long
db_admin_count(struct pool *p)
{
	struct dbres out;
	return count_of(RUN(S_ADMIN_COUNT, p, &out), &out);
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

	return changed(RUN(S_USER_PASSWORD_CLAIM, p, &out, I((long long)now),
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
db_session_get(struct pool *p, const char *id_hash, struct dbres *out)
{
	return one(RUN(S_SESSION_GET, p, out, S(id_hash)), out);
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
db_brand_list(struct pool *p, struct dbres *out)
{
	return RUN(S_BRAND_LIST, p, out);
}

enum dbrc
db_brand_get(struct pool *p, long long id, struct dbres *out)
{
	return one(RUN(S_BRAND_GET, p, out, I(id)), out);
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
db_console_next(struct pool *p, long long user, int all, struct dbres *out)
{
	return one(RUN(S_CONSOLE_NEXT, p, out, I(all), I(user), I(user)), out);
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
db_depts_empty(struct pool *p, struct dbres *out)
{
	return RUN(S_DEPTS_EMPTY, p, out);
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
	return changed(RUN(S_BRAND_DELETE, p, &out, I(id)), &out);
}

long long
db_brand_department_count(struct pool *p, long long id)
{
	struct dbres out;
	return count_of(RUN(S_BRAND_DEPT_COUNT, p, &out, I(id)), &out);
}

enum dbrc
db_dept_list(struct pool *p, long long brand_id, long long limit, long long offset,
    struct dbres *out)
{
	return RUN(S_DEPT_LIST, p, out, I(brand_id), I(limit), I(offset));
}

long long
db_dept_count(struct pool *p, long long brand_id)
{
	struct dbres out;
	return count_of(RUN(S_DEPT_COUNT, p, &out, I(brand_id)), &out);
}

enum dbrc
db_dept_all(struct pool *p, struct dbres *out)
{
	return RUN(S_DEPT_ALL, p, out);
}

enum dbrc
db_dept_get(struct pool *p, long long id, struct dbres *out)
{
	return one(RUN(S_DEPT_GET, p, out, I(id)), out);
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
	return changed(RUN(S_DEPT_DELETE, p, &out, I(id)), &out);
}

enum dbrc
db_member_list(struct pool *p, long long dept_id, struct dbres *out)
{
	return RUN(S_MEMBER_LIST, p, out, I(dept_id));
}

enum dbrc
db_member_candidates(struct pool *p, long long dept_id, struct dbres *out)
{
	return RUN(S_MEMBER_CANDIDATES, p, out, I(dept_id));
}

enum dbrc
db_member_depts(struct pool *p, long long user_id, struct dbres *out)
{
	return RUN(S_MEMBER_DEPTS, p, out, I(user_id));
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
db_migrations_list(struct pool *p, struct dbres *out)
{
	return RUN(S_MIGRATIONS_LIST, p, out);
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
		snprintf(last_error, sizeof last_error, "the runtime account %s@%s or the schema "
		    "%s is not a plain name", user ? user : "?", host ? host : "?", schema);
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

/* ---- channels and intake ---- */

enum dbrc
db_channel_by_key(struct pool *p, const char *key, struct dbres *out)
{
	return one(RUN(S_CHANNEL_BY_KEY, p, out, S(key)), out);
}

enum dbrc
db_channel_get(struct pool *p, long long id, struct dbres *out)
{
	return one(RUN(S_CHANNEL_GET, p, out, I(id)), out);
}

enum dbrc
db_channel_insert(struct pool *p, long long brand_id, const char *webhook_key, long long *id)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = RUN(S_CHANNEL_INSERT, p, &out, I(brand_id), S(webhook_key),
	    I(now), I(now));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	if (rc == DB_OK)
		rc = RUN(S_PREFS_INSERT, p, NULL, I((long long)out.insert_id));
	return rc;
}

void
db_channel_setup_of(const struct dbres *row, struct channel_setup *s)
{
	memset(s, 0, sizeof *s);
	s->department_id = db_int(row, 0, C_DEPT);
	s->original_id = db_cell(row, 0, C_ORIGINAL);
	s->app_id = db_cell(row, 0, C_APPID);
	s->app_secret_enc = db_cell(row, 0, C_SECRET);
	s->token_enc = db_cell(row, 0, C_TOKEN);
	s->aes_key_enc = db_cell(row, 0, C_AES);
	s->aes_key_prev_enc = db_cell(row, 0, C_AES_PREV);
	s->mode = db_cell(row, 0, C_MODE);
}

enum dbrc
db_channel_update_setup(struct pool *p, long long id, const struct channel_setup *c)
{
	return RUN(S_CHANNEL_UPDATE_SETUP, p, NULL, I(c->department_id),
	    S(c->original_id), S(c->app_id), S(c->app_secret_enc), S(c->token_enc),
	    S(c->aes_key_enc), S(c->aes_key_prev_enc), S(c->mode),
	    I((long long)wx_now()), I(id));
}

enum dbrc
db_channel_set_state(struct pool *p, long long id, const char *state)
{
	return RUN(S_CHANNEL_SET_STATE, p, NULL, S(state), I((long long)wx_now()),
	    I(id));
}

enum dbrc
db_channel_list(struct pool *p, struct dbres *out)
{
	return RUN(S_CHANNEL_LIST, p, out);
}

enum dbrc
db_channel_brands(struct pool *p, struct dbres *out)
{
	return RUN(S_CHANNEL_BRANDS, p, out);
}

enum dbrc
db_channel_set_brand(struct pool *p, long long id, long long brand_id)
{
	return RUN(S_CHANNEL_SET_BRAND, p, NULL, I(brand_id), I(brand_id),
	    I((long long)wx_now()), I(id));
}

enum dbrc
db_channel_progress(struct pool *p, long long id, int step, int ip_ok, int url_ok)
{
	return RUN(S_CHANNEL_PROGRESS, p, NULL, I((long long)step), I((long long)ip_ok),
	    I((long long)url_ok), I((long long)wx_now()), I(id));
}

/* DB_NOTFOUND when the department is not one of the channel's brand */
enum dbrc
db_channel_department(struct pool *p, long long id, long long dept_id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHANNEL_DEPARTMENT, p, &out, I(dept_id),
	    I((long long)wx_now()), I(id));

	if (rc != DB_OK)
		return rc;
	if (out.affected == 0) {
		/* nothing changed: the same department again, or not the brand's */
		struct dbres c;
		if ((rc = db_channel_get(p, id, &c)) != DB_OK)
			return rc;
		return db_int(&c, 0, 2) == dept_id ? DB_OK : DB_NOTFOUND;
	}
	return DB_OK;
}

enum dbrc
db_channel_delete(struct pool *p, long long id)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = RUN(S_CHANNEL_DELETE, p, &out, I(now), I(now), I(id));

	if (rc == DB_OK && out.affected == 0)
		return DB_NOTFOUND;
	if (rc == DB_OK)
		rc = RUN(S_TOKEN_RESET, p, NULL, I(id));
	return rc;
}

enum dbrc
db_channel_last_msg(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_LAST_MSG, p, NULL, I((long long)at), I(id),
	    I((long long)at - 60));
}

enum dbrc
db_channel_reset_health(struct pool *p, long long id)
{
	return RUN(S_CHANNEL_RESET_HEALTH, p, NULL, I(id));
}

enum dbrc
db_prefs_get(struct pool *p, long long channel_id, struct dbres *out)
{
	return one(RUN(S_PREFS_GET, p, out, I(channel_id)), out);
}

enum dbrc
db_prefs_set(struct pool *p, long long channel_id, const struct channel_prefs *c)
{
	return RUN(S_PREFS_SET, p, NULL, I(c->missed_after), I(c->missed_close),
	    I(c->idle_close), I((long long)c->bot_enabled), I(c->bot_idle),
	    I((long long)c->erase_on_unfollow), I(channel_id));
}

enum dbrc
db_token_reset(struct pool *p, long long channel_id)
{
	return RUN(S_TOKEN_RESET, p, NULL, I(channel_id));
}

enum dbrc
db_token_status(struct pool *p, long long channel_id, struct dbres *out)
{
	return RUN(S_TOKEN_STATUS, p, out, I(channel_id));
}

enum dbrc
db_console_list(struct pool *p, const struct console_query *q, struct dbres *out)
{
	const char *like = "";

	if (q->search && *q->search) {
		/* the text is matched as typed: % _ and \ are not wildcards */
		struct buf b = { 0 };
		buf_putc(&b, '%');
		for (const char *c = q->search; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *c);
		}
		buf_putc(&b, '%');
		like = pool_strndup(p, b.data, b.len);
		buf_free(&b);
	}

	return RUN(S_CONSOLE_LIST, p, out, I(q->user), S(q->state), I((long long)q->all),
	    I(q->user), I((long long)q->mine), I(q->user), I((long long)q->others),
	    I(q->user), S(like), S(like), S(like), S(like), I(q->from), I(q->to),
	    I(q->limit), I(q->offset));
}

enum dbrc
db_console_counts(struct pool *p, long long user, int all, struct dbres *out)
{
	if (all)
		return RUN(S_CONSOLE_COUNTS_ALL, p, out, I(user));
	return RUN(S_CONSOLE_COUNTS, p, out, I(user), I(user));
}

enum dbrc
db_console_mark(struct pool *p, struct dbres *out)
{
	return RUN(S_CONSOLE_MARK, p, out);
}

enum dbrc
db_console_chat(struct pool *p, long long id, struct dbres *out)
{
	return one(RUN(S_CONSOLE_CHAT, p, out, I(id)), out);
}

int
db_console_member(struct pool *p, long long user, long long dept)
{
	struct dbres out;

	if (RUN(S_CONSOLE_MEMBER, p, &out, I(user), I(dept)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0) > 0;
}

enum dbrc
db_transcript(struct pool *p, long long chat, struct dbres *out)
{
	return RUN(S_TRANSCRIPT, p, out, I(chat));
}

/* DB_OK when this call picked the chat up, DB_CONFLICT when it was not free */
enum dbrc
db_chat_pickup(struct pool *p, long long chat, long long user)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_PICKUP, p, &out, I(user), I((long long)wx_now()),
	    I(chat), I(user), I((long long)wx_now()));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

/* DB_OK when one more message may go out now, DB_CONFLICT when WeChat's rules forbid it */
enum dbrc
db_out_claim(struct pool *p, long long chat, long long user, time_t window_start)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_OUT_CLAIM, p, &out, I((long long)wx_now()), I(chat),
	    I(user), I((long long)window_start));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_out_unclaim(struct pool *p, long long chat)
{
	return RUN(S_OUT_UNCLAIM, p, NULL, I(chat));
}

enum dbrc
db_out_result(struct pool *p, long long msg, const char *state, long long errcode)
{
	return RUN(S_OUT_RESULT, p, NULL, S(state), I(errcode), I(msg));
}

enum dbrc
db_out_get(struct pool *p, long long msg, long long chat, struct dbres *out)
{
	return one(RUN(S_OUT_GET, p, out, I(msg), I(chat)), out);
}

/* An operator's message (closing: the one a chat is closed with), or
 * wxdesk's own (author 0), stored as "sending" before WeChat is called. */
enum dbrc
db_message_out(struct pool *p, const struct msg_row *m, long long attachment,
    long long author, int closing, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_OUT, p, &out, I(m->channel_id),
	    I(m->follower_id), I(m->chat_id), S(m->msg_type), S(m->body),
	    S(m->dedupe_key), I(attachment), I(author), I(closing ? 1 : 0),
	    I((long long)m->created_at));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_transfer_targets(struct pool *p, long long chat, struct dbres *out)
{
	return RUN(S_TRANSFER_TARGETS, p, out, I(chat), I(chat));
}

/* DB_NOTFOUND when the target is not one the chat can go to */
enum dbrc
db_chat_transfer(struct pool *p, long long chat, int to_user, long long target,
    long long seen_after)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = to_user ? RUN(S_CHAT_TO_USER, p, &out, I(target), I(seen_after), I(now),
	    I(now), I(chat)) : RUN(S_CHAT_TO_DEPT, p, &out, I(target), I(now), I(now), I(now),
	    I(chat));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_canned_list(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_CANNED_LIST, p, out, I(brand));
}

enum dbrc
db_canned_insert(struct pool *p, long long brand, const char *shortcut, const char *body,
    long long attachment)
{
	return RUN(S_CANNED_INSERT, p, NULL, I(brand), S(shortcut), S(body),
	    I(attachment), I((long long)wx_now()));
}

enum dbrc
db_canned_delete(struct pool *p, long long id, long long brand)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CANNED_DELETE, p, &out, I(id), I(brand));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_canned_find(struct pool *p, long long chat, const char *shortcut, struct dbres *out)
{
	return one(RUN(S_CANNED_FIND, p, out, S(shortcut), I(chat)), out);
}

enum dbrc
db_follower_chats(struct pool *p, long long follower, long long except, struct dbres *out)
{
	return RUN(S_FOLLOWER_CHATS, p, out, I(follower), I(except));
}

enum dbrc
db_prof_settings_get(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_PROF_SETTINGS_GET, p, out, I(brand));
}

enum dbrc
db_prof_settings_set(struct pool *p, long long brand, int enabled, long long limit,
    const char *warning)
{
	return RUN(S_PROF_SETTINGS_SET, p, NULL, I(brand), I((long long)enabled),
	    I(limit), S(warning ? warning : ""), I((long long)wx_now()));
}

enum dbrc
db_prof_words(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_PROF_WORDS, p, out, I(brand));
}

/* DB_CONFLICT when the brand has the word already (in any case) */
enum dbrc
db_prof_word_add(struct pool *p, long long brand, const char *word)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_PROF_WORD_ADD, p, &out, I(brand), S(word));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_prof_word_delete(struct pool *p, long long id, long long brand)
{
	return RUN(S_PROF_WORD_DELETE, p, NULL, I(id), I(brand));
}

enum dbrc
db_prof_for_channel(struct pool *p, long long channel, struct dbres *out)
{
	return RUN(S_PROF_FOR_CHANNEL, p, out, I(channel));
}

/* *total gets the chat's abusive words so far, 0 when it is closed */
enum dbrc
db_chat_abuse(struct pool *p, long long chat, long long n, long long *total)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_ABUSE, p, &out, I(n), I(chat));

	*total = 0;
	if (rc == DB_OK && out.affected > 0 &&
	    (rc = RUN(S_CHAT_ABUSE_GET, p, &out, I(chat))) == DB_OK)
		*total = db_int(&out, 0, 0);
	return rc;
}

enum dbrc
db_chat_warn_due(struct pool *p, long long chat)
{
	return RUN(S_CHAT_WARN_DUE, p, NULL, I(chat));
}

enum dbrc
db_warn_due_list(struct pool *p, struct dbres *out)
{
	return RUN(S_WARN_DUE_LIST, p, out);
}

/* DB_OK when the warning may go out now (counted), DB_CONFLICT when not */
enum dbrc
db_warn_claim(struct pool *p, long long chat, time_t window_start)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_WARN_CLAIM, p, &out, I(chat),
	    I((long long)window_start));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_warn_done(struct pool *p, long long chat, const char *state)
{
	return RUN(S_WARN_DONE, p, NULL, S(state), I(chat));
}

enum dbrc
db_timer_channels(struct pool *p, struct dbres *out)
{
	return RUN(S_TIMER_CHANNELS, p, out);
}

/* state "waiting" or "missed" entered before since; or "active" idle since then */
enum dbrc
db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
    struct dbres *out)
{
	if (strcmp(state, "active") == 0)
		return RUN(S_TIMER_IDLE_DUE, p, out, I(channel), I((long long)since));
	return RUN(S_TIMER_DUE, p, out, S(state), I(channel), I((long long)since));
}

/* DB_OK when this call moved the chat on, DB_CONFLICT when it was not due any more */
enum dbrc
db_timer_fire(struct pool *p, const char *state, long long chat, time_t since, time_t now)
{
	struct dbres out;
	enum stmt    st = strcmp(state, "waiting") == 0 ? S_TIMER_MISS :
	    strcmp(state, "missed") == 0 ? S_TIMER_CLOSE_MISSED : S_TIMER_CLOSE_IDLE;
	enum dbrc    rc = RUN(st, p, &out, I((long long)now), I(chat),
	    I((long long)since));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

/* The follower's latest chat (0: none), which a new chat links to. */
long long
db_chat_last_of(struct pool *p, long long follower)
{
	struct dbres out;

	return RUN(S_CHAT_LAST_OF, p, &out, I(follower)) == DB_OK ? db_int(&out, 0, 0) : -1;
}

enum dbrc
db_follower_alias(struct pool *p, long long follower, const char *alias)
{
	return RUN(S_FOLLOWER_ALIAS, p, NULL, S(alias), I(follower));
}

enum dbrc
db_media_of_message(struct pool *p, long long msg, struct dbres *out)
{
	return one(RUN(S_MEDIA_OF_MESSAGE, p, out, I(msg)), out);
}

enum dbrc
db_channel_verified(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_VERIFIED, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_channel_inactive_msg(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_INACTIVE_MSG, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_channel_failure(struct pool *p, long long id, int sig, int dec, int refused, time_t at,
    const char *what)
{
	return RUN(S_CHANNEL_FAILURE, p, NULL, I((long long)sig), I((long long)dec),
	    I((long long)refused), I((long long)at), S(what), I(id));
}

enum dbrc
db_follower_upsert(struct pool *p, long long channel_id, const char *openid, time_t at,
    long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_FOLLOWER_UPSERT, p, &out, I(channel_id), S(openid),
	    I((long long)at));

	if (rc == DB_OK)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_follower_subscribe(struct pool *p, long long id, time_t at, const char *scene,
    const char *qr_scene)
{
	return RUN(S_FOLLOWER_SUBSCRIBE, p, NULL, I((long long)at), S(scene),
	    S(qr_scene), I(id));
}

enum dbrc
db_follower_unsubscribe(struct pool *p, long long id, time_t at)
{
	return RUN(S_FOLLOWER_UNSUBSCRIBE, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_follower_erase(struct pool *p, long long id)
{
	enum dbrc rc = RUN(S_MESSAGES_ERASE, p, NULL, I(id));

	return rc == DB_OK ? RUN(S_FOLLOWER_ERASE, p, NULL, I(id)) : rc;
}

enum dbrc
db_message_insert(struct pool *p, const struct msg_row *m, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_INSERT, p, &out, I(m->channel_id),
	    I(m->follower_id), I(m->chat_id), S(m->direction), S(m->msg_type),
	    S(m->event), S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id),
	    I(m->wx_create_time), S(m->dedupe_key), I(m->push_ts),
	    S(m->push_ts ? m->push_nonce : NULL), S(m->media_id), S(m->thumb_media_id),
	    S(m->media_state), S(m->media_state), I((long long)m->created_at),
	    I((long long)m->created_at));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_report_follow(struct pool *p, const char *kind, time_t at, long long channel_id,
    long long follower_id, const char *scene)
{
	return RUN(S_REPORT_FOLLOW, p, NULL, I((long long)at), S(kind), S(scene),
	    I(follower_id), I(channel_id));
}

/*
 * The dedupe key of the message a signed URL (channel, timestamp, nonce)
 * delivered into *key (in p), or DB_NOTFOUND.
 */
enum dbrc
db_message_by_push(struct pool *p, long long channel_id, long long ts, const char *nonce,
    const char **key)
{
	struct dbres out;
	enum dbrc    rc = one(RUN(S_MESSAGE_BY_PUSH, p, &out, I(channel_id), I(ts),
	    S(nonce)),
	    &out);

	*key = rc == DB_OK ? db_cell(&out, 0, 0) : NULL;
	return rc;
}

enum dbrc
db_chat_open_lock(struct pool *p, long long follower_id, struct dbres *out)
{
	return one(RUN(S_CHAT_OPEN_LOCK, p, out, I(follower_id)), out);
}

enum dbrc
db_chat_close(struct pool *p, long long id, const char *reason, time_t at)
{
	return RUN(S_CHAT_CLOSE, p, NULL, S(reason), I((long long)at), I(id));
}

enum dbrc
db_chat_leave_mark(struct pool *p, long long chat, long long now)
{
	return RUN(S_CHAT_LEAVE_MARK, p, NULL, I(now), I(chat));
}

enum dbrc
db_chat_followup(struct pool *p, long long chat, long long now)
{
	struct dbres out;

	return changed(RUN(S_CHAT_FOLLOWUP, p, &out, I(now), I(now), I(chat)), &out);
}

enum dbrc
db_chat_followup_expire(struct pool *p, long long chat, long long cutoff, long long now)
{
	struct dbres out;

	return changed(RUN(S_CHAT_FOLLOWUP_EXPIRE, p, &out, I(now), I(chat), I(cutoff)), &out);
}

enum dbrc
db_auto_reply(struct pool *p, long long channel, long long follower, long long chat,
    const char *text, int bot, const char *dedupe, long long now)
{
	return RUN(S_AUTO_REPLY, p, NULL, I(channel), I(follower), I(chat), S(text),
	    I((long long)bot), S(dedupe), I(now));
}

/* An operator's close; DB_NOTFOUND when the chat was closed already. */
enum dbrc
db_chat_close_by(struct pool *p, long long id, long long user, time_t at)
{
	struct dbres out;

	return changed(RUN(S_CHAT_CLOSE_BY, p, &out, I((long long)at), I(user), I(id)), &out);
}

/* DB_NOTFOUND: not closed, or no longer within the follower's window */
enum dbrc
db_chat_reopen(struct pool *p, long long id, long long user, long long now)
{
	struct dbres out;

	return changed(RUN(S_CHAT_REOPEN, p, &out, I(user), I(now), I(now), I(now), I(id),
	    I(now - WX_WINDOW)), &out);
}

enum dbrc
db_chat_insert(struct pool *p, long long channel_id, long long follower_id,
    long long department_id, const char *state, time_t at, long long previous, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_INSERT, p, &out, I(channel_id), I(follower_id),
	    I(department_id), S(state), I((long long)at), I((long long)at), I((long long)at),
	    I((long long)at), S(state), I((long long)at), I(previous));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_chat_in(struct pool *p, long long chat, long long msg, time_t at)
{
	return RUN(S_CHAT_IN, p, NULL, I((long long)at), I((long long)at), I(msg), I(msg),
	    I(chat));
}

enum dbrc
db_message_continue(struct pool *p, const struct msg_row *m, long long chat,
    long long follower, time_t started_after, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_CONTINUE, p, &out, S(m->msg_type), S(m->event),
	    S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id), I(m->wx_create_time),
	    S(m->dedupe_key), I(m->push_ts), S(m->push_ts ? m->push_nonce : NULL),
	    S(m->media_id), S(m->thumb_media_id), S(m->media_state), S(m->media_state),
	    I((long long)m->created_at), I((long long)m->created_at), I(chat), I(follower),
	    I((long long)started_after));

	if (rc == DB_OK && out.affected == 0)
		return DB_NOTFOUND;
	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_chat_catch_up(struct pool *p, long long chat)
{
	return RUN(S_CHAT_CATCH_UP, p, NULL, I(chat), I(chat));
}

/*
 * Folds the follower messages stored since the last fold into their chats'
 * rows; ids up to 5,000 below the mark are looked at again, for
 * transactions that committed late. A slice of 2,000 ids at a time: a push
 * to a chat waits for the chat's row while a slice holds it, so a slice
 * is short. Returns the chats changed, or -1.
 */
#define FOLD_AGAIN 5000
#define FOLD_SLICE 2000
long long
db_chat_fold(struct pool *p)
{
	struct dbres mark, top, out;
	long long    from, to, changed_n = 0;
	int          ok = 1;

	if (RUN(S_FOLD_MARK, p, &mark) != DB_OK || RUN(S_FOLD_TOP, p, &top) != DB_OK)
		return -1;
	from = db_int(&mark, 0, 0) > FOLD_AGAIN ? db_int(&mark, 0, 0) - FOLD_AGAIN : 0;
	to = db_int(&top, 0, 0);
	/* under the session's READ COMMITTED (db_open) the fold reads messages
	 * without locking them: under REPEATABLE READ an INSERT … SELECT would
	 * put shared next-key locks on the range it reads, up to the table's
	 * end, and every push's INSERT would wait for the fold to finish */
	if (RUN(S_FOLD_NEW_TABLE, p, NULL) != DB_OK)
		return -1;
	for (long long lo = from; ok && lo < to; lo += FOLD_SLICE) {
		long long hi = lo + FOLD_SLICE < to ? lo + FOLD_SLICE : to;
		ok = RUN(S_FOLD_NEW_CLEAR, p, NULL) == DB_OK &&
		    RUN(S_FOLD_NEW, p, NULL, I(lo), I(hi)) == DB_OK &&
		    RUN(S_CHAT_FOLD, p, &out) == DB_OK &&
		    RUN(S_REPORT_IN_FOLD, p, NULL, I(lo), I(hi)) == DB_OK;
		changed_n += ok ? (long long)out.affected : 0;
	}
	if (!ok || RUN(S_FOLD_SET, p, NULL, I(to)) != DB_OK)
		return -1;
	return changed_n;
}

enum dbrc
db_chat_touch_open(struct pool *p, long long follower_id, time_t at, long long *chat)
{
	struct dbres open;
	enum dbrc    rc = RUN(S_CHAT_OPEN_LOCK, p, &open, I(follower_id));

	*chat = 0;
	if (rc != DB_OK || open.nrows == 0)
		return rc;
	*chat = db_int(&open, 0, 0);
	return RUN(S_CHAT_TOUCH_OPEN, p, NULL, I((long long)at), I(*chat));
}

/* ---- the worker's and the simulator's statements (out may be NULL) ---- */

enum dbrc
db_token_ensure(struct pool *p, long long channel_id)
{
	return RUN(S_TOKEN_ENSURE, p, NULL, I(channel_id));
}

enum dbrc
db_token_get(struct pool *p, long long channel_id, struct dbres *out)
{
	return RUN(S_TOKEN_GET, p, out, I(channel_id));
}

/*
 * DB_OK: this process fetches the token, and may until `until`;
 * DB_NOTFOUND: another one does, or (due_before > 0) the token is no longer
 * due: it expires after due_before.
 */
enum dbrc
db_token_lease(struct pool *p, long long channel_id, long long until, long long now,
    long long due_before)
{
	struct dbres out;

	return changed(RUN(S_TOKEN_LEASE, p, &out, I(until), I(channel_id), I(now),
	    I(due_before), I(due_before)), &out);
}

enum dbrc
db_token_store(struct pool *p, long long channel_id, const char *token, long long expires_at,
    long long fetched_at)
{
	return RUN(S_TOKEN_STORE, p, NULL, S(token), I(expires_at), I(fetched_at),
	    I(channel_id));
}

enum dbrc
db_token_error(struct pool *p, long long channel_id, long long errcode, const char *error,
    long long retry_at)
{
	return RUN(S_TOKEN_ERROR, p, NULL, I(errcode), S(error), I(retry_at),
	    I(channel_id));
}

enum dbrc
db_token_expire_if(struct pool *p, long long channel_id, const char *token)
{
	return RUN(S_TOKEN_EXPIRE_IF, p, NULL, I(channel_id), S(token));
}

enum dbrc
db_channels_active(struct pool *p, struct dbres *out)
{
	return RUN(S_CHANNELS_ACTIVE, p, out);
}

enum dbrc
db_media_due(struct pool *p, long long now, struct dbres *out)
{
	return RUN(S_MEDIA_DUE, p, out, I(now));
}

/* DB_OK: this attempt is ours (media_next_at moved to next_at); DB_NOTFOUND: another's. */
enum dbrc
db_media_claim(struct pool *p, long long message_id, long long next_at, long long now)
{
	struct dbres out;

	return changed(RUN(S_MEDIA_CLAIM, p, &out, I(next_at), I(message_id), I(now)), &out);
}

enum dbrc
db_media_done(struct pool *p, long long message_id, long long attachment_id)
{
	return RUN(S_MEDIA_DONE, p, NULL, I(attachment_id), I(message_id));
}

enum dbrc
db_media_fail(struct pool *p, long long message_id, const char *state, const char *error)
{
	return RUN(S_MEDIA_FAIL, p, NULL, S(state), S(error), I(message_id));
}

enum dbrc
db_attachment_insert(struct pool *p, const char *sha256, const char *mime, long long size,
    const char *path, time_t at, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_ATTACHMENT_INSERT, p, &out, S(sha256), S(mime), I(size),
	    S(path), I((long long)at));

	if (rc == DB_OK)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_followers_info_due(struct pool *p, struct dbres *out)
{
	return RUN(S_FOLLOWERS_INFO_DUE, p, out);
}

/* DB_OK: this process fetches the follower's details; DB_NOTFOUND: another does. */
enum dbrc
db_follower_info_claim(struct pool *p, long long follower_id)
{
	struct dbres out;

	return changed(RUN(S_FOLLOWER_INFO_CLAIM, p, &out, I(follower_id)), &out);
}

enum dbrc
db_follower_info_set(struct pool *p, long long follower_id, const char *language,
    const char *unionid, const char *scene, const char *qr_scene, time_t at)
{
	return RUN(S_FOLLOWER_INFO_SET, p, NULL, S(language), S(unionid), S(scene),
	    S(qr_scene), I((long long)at), I(follower_id));
}

enum dbrc
db_attachments_orphaned(struct pool *p, time_t before, struct dbres *out)
{
	return RUN(S_ATTACHMENTS_ORPHANED, p, out, I((long long)before));
}

/* DB_OK: deleted; DB_NOTFOUND: a message or canned response still uses it. */
enum dbrc
db_attachment_delete(struct pool *p, long long id)
{
	struct dbres out;

	return changed(RUN(S_ATTACHMENT_DELETE, p, &out, I(id), I(id), I(id)), &out);
}

/* How many attachments keep the file at path; -1 when the database failed. */
long long
db_attachment_path_used(struct pool *p, const char *path)
{
	struct dbres out;

	return count_of(RUN(S_ATTACHMENT_PATH_USED, p, &out, S(path)), &out);
}

/* ---- reports ---- */

/*
 * Folds up to one batch of report events into report_hours, in its own
 * transaction. Returns the number folded (0: none left), or -1.
 */
long long
db_report_rollup(struct pool *p)
{
	struct dbres claim;
	long long    n;

	if (db_begin() != 0)
		return -1;
	if (RUN(S_REP_SHARE, p, NULL) != DB_OK || RUN(S_REP_LOCK, p, &claim) != DB_OK)
		goto fail;
	if ((n = (long long)claim.affected) == 0) {
		db_rollback();
		return 0;
	}
	if (RUN(S_REP_ROLL, p, NULL) != DB_OK ||
	    RUN(S_REP_FOLD_DC, p, NULL) != DB_OK ||
	    RUN(S_REP_FOLD_DB, p, NULL) != DB_OK ||
	    RUN(S_REP_FOLD_HC, p, NULL) != DB_OK ||
	    RUN(S_REP_FOLD_HB, p, NULL) != DB_OK ||
	    RUN(S_REP_MARK, p, NULL) != DB_OK || db_commit() != 0)
		goto fail;
	return n;
fail:
	db_rollback();
	return -1;
}

/*
 * Puts the day and hour-of-day levels in zone, rebuilt from report_hours,
 * unless they are in it already. Returns 0 (nothing to do), 1 (rebuilt),
 * -1 (database error) or -2 (the server does not know the zone).
 */
int
db_report_levels(struct pool *p, const char *zone)
{
	static const enum stmt clear[] = { S_REP_CLEAR_DC, S_REP_CLEAR_DB, S_REP_CLEAR_HC,
		S_REP_CLEAR_HB };
	static const enum stmt build[] = { S_REP_BUILD_DC, S_REP_BUILD_DB, S_REP_BUILD_HC,
		S_REP_BUILD_HB };
	const long long week = 7 * 86400;
	struct dbres    st, span;
	long long       lo, hi;

	if (db_begin() != 0)
		return -1;
	if (RUN(S_REP_STATE_LOCK, p, &st, S(zone)) != DB_OK || st.nrows != 1)
		goto fail;
	if (strcmp(db_cell(&st, 0, 0), zone) == 0 || db_int(&st, 0, 1) != 1) {
		db_rollback();
		return db_int(&st, 0, 1) == 1 ? 0 : -2;
	}
	if (RUN(S_REP_STATE_SET, p, NULL, S(zone)) != DB_OK ||
	    RUN(S_REP_HOURS_SPAN, p, &span) != DB_OK)
		goto fail;
	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++)
		if (RUN(clear[i], p, NULL) != DB_OK)
			goto fail;
	/* a week of hours a statement, so none runs long */
	lo = db_int(&span, 0, 0), hi = db_int(&span, 0, 1);
	for (long long t = lo - lo % week; db_cell(&span, 0, 0) && t <= hi; t += week)
		for (size_t i = 0; i < sizeof build / sizeof build[0]; i++)
			if (RUN(build[i], p, NULL, I(t), I(t + week)) != DB_OK)
				goto fail;
	if (db_commit() != 0)
		goto fail;
	return 1;
fail:
	db_rollback();
	return -1;
}

enum dbrc
db_report_zone(struct pool *p, const char *zone, const char *from, const char *to_excl,
    time_t now, struct dbres *out)
{
	return RUN(S_REP_ZONE, p, out, S(from), S(zone), S(to_excl), S(zone),
	    I((long long)now), S(zone));
}

enum dbrc
db_report_dims(struct pool *p, struct dbres *out)
{
	return RUN(S_REP_DIMS, p, out);
}

#define RF_DIMS3(f) I((f)->brand), I((f)->channel), I((f)->department)
#define RF_DIMS(f) RF_DIMS3(f), I((f)->operator)
#define RF_ARGS(f) I((long long)(f)->from), I((long long)(f)->to), RF_DIMS(f)

static const char *const bucket_fmt[] = { "", "%Y-%m-%d", "%H" };

/*
 * Which roll-up a report reads: the levels in their zone (by day, or by
 * hour of day except an operator's histograms, which they leave out), else
 * report_hours, which serves every zone.
 */
static int
levels_serve(const struct report_filter *f, int bucket, int group)
{
	if (!f->local)
		return 0;
	return bucket != REP_HOUR || (group == REP_BY_NONE && f->operator == 0);
}

#define RF_SPANS(f) S((f)->month_from), S((f)->month_to), S((f)->day_from), \
	S((f)->month_from), S((f)->month_to), S((f)->day_to)

/* counts and sums of values per bucket, group and kind */
enum dbrc
db_report_counts(struct pool *p, const struct report_filter *f, int bucket, int group,
    struct dbres *out)
{
	const char *fmt = bucket_fmt[bucket];

	if (!levels_serve(f, bucket, group))
		return RUN(S_REP_COUNTS, p, out, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_ARGS(f), RF_ARGS(f));
	if (bucket != REP_HOUR)
		return RUN(S_REP_DCOUNTS, p, out, I(bucket), I(group), S(f->day_from),
		    S(f->day_to), RF_DIMS(f), I(bucket), S(f->zone), I(group), RF_ARGS(f));
	return RUN(S_REP_HCOUNTS, p, out, RF_SPANS(f), RF_DIMS3(f), S(f->zone),
	    I((long long)f->from), I((long long)f->to), RF_DIMS3(f));
}

/*
 * Histograms per bucket and group: of kind (picked_up for the wait,
 * first_response, closed for the duration), or of all three ("").
 */
enum dbrc
db_report_hist(struct pool *p, const struct report_filter *f, int bucket, int group,
    const char *kind, struct dbres *out)
{
	const char *fmt = bucket_fmt[bucket];

	if (!levels_serve(f, bucket, group))
		return RUN(S_REP_HIST, p, out, S(fmt), S(f->zone), S(fmt), I(group), RF_ARGS(f),
		    RF_ARGS(f), S(kind));
	if (bucket != REP_HOUR)
		return RUN(S_REP_DHIST, p, out, I(bucket), I(group), S(f->day_from),
		    S(f->day_to), S(kind), RF_DIMS(f), I(bucket), S(f->zone), I(group),
		    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS(f));
	return RUN(S_REP_HHIST, p, out, RF_SPANS(f), S(kind), RF_DIMS3(f), S(f->zone),
	    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS3(f));
}
