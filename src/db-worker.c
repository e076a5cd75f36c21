/*
 * db-worker.c: the statements of the worker's jobs (access tokens, media,
 * follower details, files, the fold of messages into chats) and what the
 * simulator reads (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"
#include "job.h"

/*
 * No row refers to the attachment a.id (a: how the statement names its
 * attachments row): every table with an attachment_id (067), so that a
 * file goes only when nothing can show or send it any more.
 */
#define ATTACHMENT_UNUSED(a) \
	"NOT EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = " a ".id) " \
	"AND NOT EXISTS (SELECT 1 FROM canned_responses c WHERE c.attachment_id = " a ".id) " \
	"AND NOT EXISTS (SELECT 1 FROM bot_rules b WHERE b.attachment_id = " a ".id) " \
	"AND NOT EXISTS (SELECT 1 FROM kb_articles k WHERE k.attachment_id = " a ".id) " \
	"AND NOT EXISTS (SELECT 1 FROM kb_history h WHERE h.attachment_id = " a ".id) " \
	"AND NOT EXISTS (SELECT 1 FROM bot_asks q WHERE q.attachment_id = " a ".id)"

#define WORKER_STATEMENTS(X) \
	X(token_ensure, EXEC, (long long channel_id), (I(channel_id)), \
	    "INSERT IGNORE INTO access_tokens (channel_id) VALUES (?)") \
	X(token_get, ROWS(token_get), (long long channel_id), (I(channel_id)), \
	    "SELECT token, UNIX_TIMESTAMP(expires_at) expires, last_errcode FROM " \
	    "access_tokens WHERE channel_id = ?") \
	/* \
	 * The right to fetch a channel's token: nobody else holds it, and (unless \
	 * due_before is 0) the token is still due, checked in the same statement, \
	 * so a worker that read the token before another stored a new one does \
	 * not fetch again. Parameters: until, channel, now, due_before twice. \
	 */ \
	/* \
	 * DB_OK: this process fetches the token, and may until `until`; \
	 * DB_NOTFOUND: another one does, or (due_before > 0) the token is no longer \
	 * due: it expires after due_before. \
	 */ \
	X(token_lease, DONE, (long long channel_id, long long until, long long now, \
	    long long due_before), \
	    (I(until), I(channel_id), I(now), I(due_before), I(due_before)), \
	    "UPDATE access_tokens SET lease_until = ? WHERE channel_id = ? AND " \
	    "(lease_until IS NULL OR lease_until < ?) AND (? = 0 OR token IS NULL " \
	    "OR expires_at <= FROM_UNIXTIME(?))") \
	X(token_store, EXEC, (long long channel_id, const char *token, long long expires_at, \
	    long long fetched_at), \
	    (S(token), I(expires_at), I(fetched_at), I(channel_id)), \
	    "UPDATE access_tokens SET token = ?, expires_at = FROM_UNIXTIME(?), " \
	    "fetched_at = FROM_UNIXTIME(?), last_errcode = 0, last_error = NULL, " \
	    "lease_until = NULL WHERE channel_id = ?") \
	X(token_error, EXEC, (long long channel_id, long long errcode, const char *error, \
	    long long retry_at), \
	    (I(errcode), S(error), I(retry_at), I(channel_id)), \
	    "UPDATE access_tokens SET last_errcode = ?, last_error = ?, errors = " \
	    "errors + 1, lease_until = ? WHERE channel_id = ?") \
	X(token_expire_if, EXEC, (long long channel_id, const char *token), \
	    (I(channel_id), S(token)), \
	    "UPDATE access_tokens SET expires_at = FROM_UNIXTIME(1) WHERE " \
	    "channel_id = ? AND token = ?") \
	X(channels_active, ROWS(channels_active), (), (), \
	    "SELECT c.id, c.app_id, c.app_secret_enc, " \
	    "IFNULL(UNIX_TIMESTAMP(t.expires_at), 0) expires, IFNULL(t.lease_until, 0) lease " \
	    "FROM channels c LEFT JOIN access_tokens t ON t.channel_id = c.id " \
	    "WHERE c.state = 'active' AND c.app_id IS NOT NULL") \
	X(media_due, ROWS(media_due), (long long now), (I(now)), \
	    "SELECT id, channel_id, msg_type, media_id, media_attempts FROM " \
	    "messages WHERE media_state = 'due' AND media_next_at <= " \
	    "FROM_UNIXTIME(?) ORDER BY media_next_at LIMIT 20") \
	/* DB_OK: this attempt is ours (media_next_at moved to next_at); \
	 * DB_NOTFOUND: another's. */ \
	X(media_claim, DONE, (long long message_id, long long next_at, long long now), \
	    (I(next_at), I(message_id), I(now)), \
	    "UPDATE messages SET media_next_at = FROM_UNIXTIME(?), media_attempts " \
	    "= media_attempts + 1 WHERE id = ? AND media_state = 'due' AND " \
	    "media_next_at <= FROM_UNIXTIME(?)") \
	X(media_done, EXEC, (long long message_id, long long attachment_id), \
	    (I(attachment_id), I(message_id)), \
	    "UPDATE messages SET media_state = 'fetched', attachment_id = ?, " \
	    "media_error = NULL WHERE id = ?") \
	X(media_fail, EXEC, (long long message_id, const char *state, const char *error), \
	    (S(state), S(error), I(message_id)), \
	    "UPDATE messages SET media_state = ?, media_error = ? WHERE id = ? " \
	    "AND media_state = 'due'") \
	X(attachment_insert, INSERT, (const char *sha256, const char *mime, long long size, \
	    const char *path, time_t at), \
	    (S(sha256), S(mime), I(size), S(path), I((long long)at)), \
	    "INSERT INTO attachments (sha256, mime, size, path, created_at) " \
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))") \
	X(followers_info_due, ROWS(followers_info_due), (), (), \
	    "SELECT f.id, f.channel_id, f.openid FROM followers f JOIN channels c " \
	    "ON c.id = f.channel_id WHERE f.info_due = 1 AND f.erased = 0 AND " \
	    "c.state = 'active' LIMIT 20") \
	/* DB_OK: this process fetches the follower's details; DB_NOTFOUND: another does. */ \
	X(follower_info_claim, DONE, (long long follower_id), (I(follower_id)), \
	    "UPDATE followers SET info_due = 0 WHERE id = ? AND info_due = 1") \
	X(follower_info_set, EXEC, (long long follower_id, const char *language, \
	    const char *unionid, const char *remark, const char *scene, const char *qr_scene, \
	    time_t at), \
	    (S(language), S(unionid), S(remark), S(scene), S(qr_scene), I((long long)at), \
	    I(follower_id)), \
	    "UPDATE followers SET language = NULLIF(?, ''), unionid = NULLIF(?, " \
	    "''), remark = NULLIF(?, ''), subscribe_scene = COALESCE(NULLIF(?, ''), subscribe_scene), " \
	    "qr_scene = COALESCE(NULLIF(?, ''), qr_scene), info_fetched_at = " \
	    "FROM_UNIXTIME(?), " FOLLOWER_NAME_AT("", "alias", "remark") " WHERE id = ?") \
	X(attachments_orphaned, ROWS(attachments_orphaned), (time_t before), \
	    (I((long long)before)), \
	    "SELECT a.id, a.path FROM attachments a WHERE a.created_at < " \
	    "FROM_UNIXTIME(?) AND " ATTACHMENT_UNUSED("a") " LIMIT 50") \
	/* DB_OK: deleted; DB_NOTFOUND: a row still uses it. */ \
	X(attachment_delete, DONE, (long long id), (I(id)), \
	    "DELETE FROM attachments WHERE id = ? AND " ATTACHMENT_UNUSED("attachments")) \
	/* How many attachments keep the file at path; -1 when the database failed. */ \
	X(attachment_path_used, COUNT, (const char *path), (S(path)), \
	    "SELECT COUNT(*) FROM attachments WHERE path = ?") \
	X(attachment_file, ROW(attachment_file), (long long id), (I(id)), \
	    "SELECT path, mime FROM attachments WHERE id = ?")
DB_STATEMENTS(WORKER_STATEMENTS, db_table_worker)

