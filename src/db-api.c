/* db-api.c: the statements of the API (api.h): its tokens, their rate and
 * idempotency keys, and the resources' reads. */
#include <stddef.h>

#include "api.h"
#include "db-run.h"

/* a chat's columns as the API tells them */
#define CHAT_COLS \
	"SELECT c.id, c.channel_id, ch.brand_id, c.follower_id, f.openid, " \
	"COALESCE(f.remark, f.alias) follower_name, c.department_id, c.operator_id, c.state, " \
	"c.close_reason, UNIX_TIMESTAMP(c.started_at) started_at, " \
	"UNIX_TIMESTAMP(c.last_user_msg_at) last_user_msg_at, " \
	"UNIX_TIMESTAMP(c.closed_at) closed_at, c.csat_rating rating, c.messages_in, c.summary " \
	"FROM chats c JOIN channels ch ON ch.id = c.channel_id " \
	"JOIN followers f ON f.id = c.follower_id "
/* a follower's, with their tags as a JSON array */
#define FOLLOWER_COLS \
	"SELECT f.id, f.channel_id, ch.brand_id, f.openid, f.unionid, f.subscribed, " \
	"UNIX_TIMESTAMP(f.subscribed_at) subscribed_at, " \
	"UNIX_TIMESTAMP(f.unsubscribed_at) unsubscribed_at, f.alias, f.remark, f.language, " \
	"(SELECT JSON_ARRAYAGG(JSON_OBJECT('id', t.id, 'name', t.name)) FROM follower_tags x " \
	"JOIN wx_tags t ON t.id = x.tag_id WHERE x.follower_id = f.id) tags " \
	"FROM followers f JOIN channels ch ON ch.id = f.channel_id "

#define API_STATEMENTS(X) \
	X(api_token_by_hash, ROW(api_token_row), (const char *hash), (S(hash)), \
	    "SELECT id, name, scopes, IFNULL(brand_id, 0) brand_id, " \
	    "IFNULL(created_by, 0) created_by, rate_per_minute, revoked_at IS NOT NULL revoked, " \
	    "IFNULL(UNIX_TIMESTAMP(last_used_at), 0) last_used FROM api_tokens " \
	    "WHERE token_hash = ?") \
	X(api_token_used, EXEC, (long long id, long long now, const char *ip), \
	    (I(now), S(ip), I(id)), \
	    "UPDATE api_tokens SET last_used_at = FROM_UNIXTIME(?), last_ip = LEFT(?, 64) " \
	    "WHERE id = ?") \
	/* the minute's count after this call: the insert id (0: the row was made) */ \
	X(api_rate_count, INSERT, (long long token, long long minute), (I(token), I(minute)), \
	    "INSERT INTO api_rate (token_id, minute, calls) VALUES (?, ?, 1) " \
	    "ON DUPLICATE KEY UPDATE calls = LAST_INSERT_ID(calls + 1)") \
	X(api_rate_purge, EXEC, (long long before), (I(before)), \
	    "DELETE FROM api_rate WHERE minute < ?") \
	X(api_idem_take, EXEC, (long long token, const char *key, const char *request, \
	    long long now), (I(token), S(key), S(request), I(now)), \
	    "INSERT INTO api_idempotency (token_id, idem_key, request, status, created_at) " \
	    "VALUES (?, ?, ?, 0, FROM_UNIXTIME(?))") \
	X(api_idem_get, ROW(api_idem_row), (long long token, const char *key, long long now), \
	    (I(now), I(token), S(key)), \
	    "SELECT request, status, answer, ? - UNIX_TIMESTAMP(created_at) age " \
	    "FROM api_idempotency WHERE token_id = ? AND idem_key = ?") \
	X(api_idem_retake, DONE, (long long token, const char *key, const char *request, \
	    long long now, long long stale), (S(request), I(now), I(token), S(key), I(now), I(stale)), \
	    "UPDATE api_idempotency SET request = ?, created_at = FROM_UNIXTIME(?) " \
	    "WHERE token_id = ? AND idem_key = ? AND status = 0 " \
	    "AND created_at < FROM_UNIXTIME(? - ?)") \
	X(api_idem_done, EXEC, (long long token, const char *key, long long status, \
	    const char *answer), (I(status), S(answer), I(token), S(key)), \
	    "UPDATE api_idempotency SET status = ?, answer = ? WHERE token_id = ? " \
	    "AND idem_key = ?") \
	X(api_idem_drop, EXEC, (long long token, const char *key), (I(token), S(key)), \
	    "DELETE FROM api_idempotency WHERE token_id = ? AND idem_key = ?") \
	X(api_idem_purge, EXEC, (long long before), (I(before)), \
	    "DELETE FROM api_idempotency WHERE created_at < FROM_UNIXTIME(?)") \
	X(api_tokens, ROWS(api_token_list), (), (), \
	    "SELECT t.id, t.name, t.prefix, t.scopes, IFNULL(t.brand_id, 0) brand_id, " \
	    "b.name brand, t.rate_per_minute, u.name creator, " \
	    "UNIX_TIMESTAMP(t.created_at) created, " \
	    "IFNULL(UNIX_TIMESTAMP(t.last_used_at), 0) last_used, t.last_ip, " \
	    "IFNULL(UNIX_TIMESTAMP(t.revoked_at), 0) revoked FROM api_tokens t " \
	    "LEFT JOIN brands b ON b.id = t.brand_id LEFT JOIN users u ON u.id = t.created_by " \
	    "ORDER BY t.revoked_at IS NOT NULL, t.id DESC") \
	X(api_token_add, INSERT, (const char *name, const char *hash, const char *prefix, \
	    const char *scopes, long long brand, long long rate, long long user, long long now), \
	    (S(name), S(hash), S(prefix), S(scopes), I(brand), I(rate), I(user), I(now)), \
	    "INSERT INTO api_tokens (name, token_hash, prefix, scopes, brand_id, " \
	    "rate_per_minute, created_by, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?))") \
	X(api_token_revoke, DONE, (long long id, long long now), (I(now), I(id)), \
	    "UPDATE api_tokens SET revoked_at = FROM_UNIXTIME(?) WHERE id = ? " \
	    "AND revoked_at IS NULL") \
	X(api_brands, ROWS(api_brand_row), (long long brand), (I(brand)), \
	    "SELECT id, name FROM brands WHERE ? IN (0, id) ORDER BY id") \
	X(api_departments, ROWS(api_dept_row), (long long brand), (I(brand)), \
	    "SELECT id, brand_id, name FROM departments WHERE ? IN (0, brand_id) ORDER BY id") \
	X(api_staff, ROWS(api_staff_row), (long long brand), (I(brand), I(brand)), \
	    "SELECT u.id, u.login, u.name, u.role, u.presence, u.disabled, " \
	    "(SELECT GROUP_CONCAT(m.department_id ORDER BY m.department_id) FROM " \
	    "department_members m WHERE m.user_id = u.id) departments FROM users u " \
	    "WHERE ? = 0 OR EXISTS (SELECT 1 FROM department_members m JOIN departments d " \
	    "ON d.id = m.department_id WHERE m.user_id = u.id AND d.brand_id = ?) ORDER BY u.id") \
	X(api_channels, ROWS(api_channel_row), (long long brand, long long id), \
	    (I(brand), I(id)), \
	    "SELECT c.id, c.brand_id, c.state, c.original_id, c.app_id, c.department_id, " \
	    "UNIX_TIMESTAMP(c.verified_at) verified_at, " \
	    "UNIX_TIMESTAMP(c.last_message_at) last_message_at, c.signature_failures, " \
	    "c.decrypt_failures, c.last_failure, t.last_errcode token_errcode, " \
	    "t.last_error token_error, UNIX_TIMESTAMP(t.expires_at) token_expires " \
	    "FROM channels c LEFT JOIN access_tokens t ON t.channel_id = c.id " \
	    "WHERE ? IN (0, c.brand_id) AND ? IN (0, c.id) AND c.state <> 'deleted' " \
	    "ORDER BY c.id") \
	/* a page of chats in id order, after the cursor: a chat made meanwhile \
	 * comes later, none is skipped or seen twice */ \
	X(api_chats, ROWS(api_chat_row), (const struct api_chat_filter *f), \
	    (I(f->after), I(f->brand), S(f->state), S(f->state), S(f->state), \
	    I(f->department), I(f->operator), I(f->follower), I(f->limit)), \
	    CHAT_COLS "WHERE c.id > ? AND ? IN (0, ch.brand_id) AND (? = '' OR c.state = ? " \
	    "OR (? = 'open' AND c.state <> 'closed')) AND ? IN (0, c.department_id) " \
	    "AND ? IN (0, c.operator_id) AND ? IN (0, c.follower_id) ORDER BY c.id LIMIT ?") \
	X(api_chat, ROW(api_chat_row), (long long id), (I(id)), CHAT_COLS "WHERE c.id = ?") \
	X(api_messages, ROWS(api_message_row), (long long chat, long long after, int limit), \
	    (I(chat), I(after), I(limit)), \
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.body, m.fields, m.author_id, " \
	    "m.delivery_state, m.wx_errcode, m.attachment_id, a.mime, " \
	    "UNIX_TIMESTAMP(m.created_at) created_at FROM messages m " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "WHERE m.chat_id = ? AND m.id > ? ORDER BY m.id LIMIT ?") \
	X(api_followers, ROWS(api_follower_row), (long long brand, long long after, long long tag, \
	    long long subscribed, int limit), \
	    (I(after), I(brand), I(subscribed), I(subscribed), I(tag), I(tag), I(limit)), \
	    FOLLOWER_COLS "WHERE f.id > ? AND ? IN (0, ch.brand_id) AND f.erased = 0 " \
	    "AND (? < 0 OR f.subscribed = ?) AND (? = 0 OR EXISTS (SELECT 1 FROM follower_tags x " \
	    "WHERE x.follower_id = f.id AND x.tag_id = ?)) ORDER BY f.id LIMIT ?") \
	X(api_follower, ROW(api_follower_row), (long long id), (I(id)), \
	    FOLLOWER_COLS "WHERE f.id = ? AND f.erased = 0") \
	X(api_canned, ROWS(api_canned_row), (long long brand), (I(brand)), \
	    "SELECT id, brand_id, shortcut, category, body, attachment_id FROM canned_responses " \
	    "WHERE brand_id IS NOT NULL AND ? IN (0, brand_id) ORDER BY brand_id, shortcut")
DB_STATEMENTS(API_STATEMENTS, db_table_api)
