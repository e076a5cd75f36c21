/*
 * db-worker.c: the statements of the worker's jobs (access tokens, media,
 * follower details, files, the fold of messages into chats) and what the
 * simulator reads (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-run.h"
#include "wx.h"
#include "job.h"

enum worker_stmt {
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
	S__MAX
};

static const struct db_stmt stmts[S__MAX] = {
	[S_TOKEN_ENSURE] = { "token_ensure",
	    "INSERT IGNORE INTO access_tokens (channel_id) VALUES (?)" },
	[S_TOKEN_GET] = { "token_get",
	    "SELECT token, UNIX_TIMESTAMP(expires_at) expires, last_errcode FROM "
	    "access_tokens WHERE channel_id = ?", .cols = token_get_cols },
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
	    "IFNULL(UNIX_TIMESTAMP(t.expires_at), 0) expires, IFNULL(t.lease_until, 0) lease "
	    "FROM channels c LEFT JOIN access_tokens t ON t.channel_id = c.id "
	    "WHERE c.state = 'active' AND c.app_id IS NOT NULL", .cols = channels_active_cols },
	[S_MEDIA_DUE] = { "media_due",
	    "SELECT id, channel_id, msg_type, media_id, media_attempts FROM "
	    "messages WHERE media_state = 'due' AND media_next_at <= "
	    "FROM_UNIXTIME(?) ORDER BY media_next_at LIMIT 20", .cols = media_due_cols },
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
	    "c.state = 'active' LIMIT 20", .cols = followers_info_due_cols },
	[S_FOLLOWER_INFO_CLAIM] = { "follower_info_claim",
	    "UPDATE followers SET info_due = 0 WHERE id = ? AND info_due = 1" },
	[S_FOLLOWER_INFO_SET] = { "follower_info_set",
	    "UPDATE followers SET language = NULLIF(?, ''), unionid = NULLIF(?, "
	    "''), remark = NULLIF(?, ''), subscribe_scene = COALESCE(NULLIF(?, ''), subscribe_scene), "
	    "qr_scene = COALESCE(NULLIF(?, ''), qr_scene), info_fetched_at = "
	    "FROM_UNIXTIME(?) WHERE id = ?" },
	[S_ATTACHMENTS_ORPHANED] = { "attachments_orphaned",
	    "SELECT a.id, a.path FROM attachments a WHERE a.created_at < "
	    "FROM_UNIXTIME(?) AND NOT EXISTS (SELECT 1 FROM messages m WHERE "
	    "m.attachment_id = a.id) AND NOT EXISTS (SELECT 1 FROM canned_responses c "
	    "WHERE c.attachment_id = a.id) LIMIT 50", .cols = attachments_orphaned_cols },
	[S_ATTACHMENT_DELETE] = { "attachment_delete",
	    "DELETE FROM attachments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
	    "messages m WHERE m.attachment_id = ?) AND NOT EXISTS (SELECT 1 FROM "
	    "canned_responses c WHERE c.attachment_id = ?)" },
	[S_ATTACHMENT_PATH_USED] = { "attachment_path_used",
	    "SELECT COUNT(*) FROM attachments WHERE path = ?" },
};

static void           *prepared[S__MAX];
static struct db_table table = { stmts, S__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_worker(void)
{
	return &table;
}

#define RUN(s, p, out, ...) DB_RUN(&table, s, p, out, __VA_ARGS__)

enum dbrc
db_token_ensure(struct pool *p, long long channel_id)
{
	return RUN(S_TOKEN_ENSURE, p, NULL, I(channel_id));
}

enum dbrc
db_token_get(struct pool *p, long long channel_id, struct token_get **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TOKEN_GET, p, &res, I(channel_id));
	return DB_AS_ROWS(p, rc, &res, rows, n, token_get_fill);
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

	return db_done(RUN(S_TOKEN_LEASE, p, &out, I(until), I(channel_id), I(now),
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
db_channels_active(struct pool *p, struct channels_active **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHANNELS_ACTIVE, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, channels_active_fill);
}

enum dbrc
db_media_due(struct pool *p, long long now, struct media_due **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MEDIA_DUE, p, &res, I(now));
	return DB_AS_ROWS(p, rc, &res, rows, n, media_due_fill);
}

/* DB_OK: this attempt is ours (media_next_at moved to next_at); DB_NOTFOUND: another's. */
enum dbrc
db_media_claim(struct pool *p, long long message_id, long long next_at, long long now)
{
	struct dbres out;

	return db_done(RUN(S_MEDIA_CLAIM, p, &out, I(next_at), I(message_id), I(now)), &out);
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
db_followers_info_due(struct pool *p, struct followers_info_due **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_FOLLOWERS_INFO_DUE, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, followers_info_due_fill);
}

/* DB_OK: this process fetches the follower's details; DB_NOTFOUND: another does. */
enum dbrc
db_follower_info_claim(struct pool *p, long long follower_id)
{
	struct dbres out;

	return db_done(RUN(S_FOLLOWER_INFO_CLAIM, p, &out, I(follower_id)), &out);
}

enum dbrc
db_follower_info_set(struct pool *p, long long follower_id, const char *language,
    const char *unionid, const char *remark, const char *scene, const char *qr_scene, time_t at)
{
	return RUN(S_FOLLOWER_INFO_SET, p, NULL, S(language), S(unionid), S(remark), S(scene),
	    S(qr_scene), I((long long)at), I(follower_id));
}

enum dbrc
db_attachments_orphaned(struct pool *p, time_t before, struct attachments_orphaned **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_ATTACHMENTS_ORPHANED, p, &res, I((long long)before));
	return DB_AS_ROWS(p, rc, &res, rows, n, attachments_orphaned_fill);
}

/* DB_OK: deleted; DB_NOTFOUND: a message or canned response still uses it. */
enum dbrc
db_attachment_delete(struct pool *p, long long id)
{
	struct dbres out;

	return db_done(RUN(S_ATTACHMENT_DELETE, p, &out, I(id), I(id), I(id)), &out);
}

/* How many attachments keep the file at path; -1 when the database failed. */
long long
db_attachment_path_used(struct pool *p, const char *path)
{
	struct dbres out;

	return db_count_of(RUN(S_ATTACHMENT_PATH_USED, p, &out, S(path)), &out);
}
