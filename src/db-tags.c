/*
 * db-tags.c: the statements of an account's tags and blacklist (tags.h),
 * in a table of their own, and the transactions of a tag's change: the
 * change here and its write for WeChat (wx_writes, writes.h) together.
 */
#include <stddef.h>
#include <string.h>

#include "db-run.h"
#include "tags.h"
#include "writes.h"

/* a write's state as a page shows it: the newest of the tag's or follower's */
#define TW_NEWEST(cond) "(SELECT w.id FROM wx_writes w WHERE " cond \
	" AND w.state <> 'superseded' ORDER BY w.id DESC LIMIT 1)"
/* writes about a tag's membership of one follower */
#define TW_MEMBER "w.api IN ('" WRITE_API_TAGGING "', '" WRITE_API_UNTAGGING "')"
#define TW_BLOCK "w.api IN ('" WRITE_API_BLOCK "', '" WRITE_API_UNBLOCK "')"
#define TW_TAG "w.api IN ('" WRITE_API_TAG_CREATE "', '" WRITE_API_TAG_UPDATE "', '" \
	WRITE_API_TAG_DELETE "')"

#define TAGS_STATEMENTS(X) \
	X(tags_of, ROWS(tag), (long long channel), (I(channel)), \
	    "SELECT t.id, IFNULL(t.wx_id, -1) wx_id, t.name, t.followers, t.deleting, " \
	    "w.state write_state, w.errcode write_errcode, w.attempts write_attempts, " \
	    "w.api write_api FROM wx_tags t LEFT JOIN wx_writes w ON w.id = " \
	    TW_NEWEST("w.tag_id = t.id AND w.follower_id IS NULL AND " TW_TAG) \
	    " WHERE t.channel_id = ? ORDER BY t.wx_id IS NULL, t.wx_id, t.id") \
	X(follower_tags, ROWS(follower_tag), (long long follower), (I(follower), I(follower), \
	    I(follower)), \
	    "SELECT t.id, t.name, ft.follower_id IS NOT NULL `on`, w.state write_state, " \
	    "w.errcode write_errcode, w.attempts write_attempts FROM wx_tags t " \
	    "LEFT JOIN follower_tags ft ON ft.tag_id = t.id AND ft.follower_id = ? " \
	    "LEFT JOIN wx_writes w ON w.id = " \
	    TW_NEWEST("w.follower_id = ? AND w.tag_id = t.id AND " TW_MEMBER) \
	    " WHERE t.channel_id = (SELECT channel_id FROM followers WHERE id = ?) AND " \
	    "(ft.follower_id IS NOT NULL OR (w.state IS NOT NULL AND w.state <> 'done')) " \
	    "ORDER BY t.name") \
	X(tags_shown, ROWS(tag_shown), (const char *ids), (S(ids)), \
	    "SELECT ft.follower_id, t.name FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT " \
	    "UNSIGNED PATH '$')) j JOIN follower_tags ft ON ft.follower_id = j.id " \
	    "JOIN wx_tags t ON t.id = ft.tag_id ORDER BY ft.follower_id, t.name") \
	X(block_state, ROW(block_state), (long long follower), (I(follower), I(follower)), \
	    "SELECT f.blocked, UNIX_TIMESTAMP(f.blocked_at) blocked_at, w.state write_state, " \
	    "w.errcode write_errcode, w.attempts write_attempts FROM followers f " \
	    "LEFT JOIN wx_writes w ON w.id = " TW_NEWEST("w.follower_id = ? AND " TW_BLOCK) \
	    " WHERE f.id = ?") \
	X(blocked_messages, ROWS(blocked_message), (long long follower), (I(follower)), \
	    "SELECT m.id, m.msg_type, m.body, UNIX_TIMESTAMP(m.created_at) at FROM followers f " \
	    "JOIN messages m ON m.follower_id = f.id AND m.created_at >= f.blocked_at WHERE " \
	    "f.id = ? AND f.blocked = 1 AND m.chat_id IS NULL AND m.direction = 'in' AND " \
	    "m.msg_type <> 'event' ORDER BY m.id DESC LIMIT 20") \
	X(tag_for_write, ROW(tag_write), (long long tag), (I(tag)), \
	    "SELECT t.channel_id, IFNULL(t.wx_id, -1) wx_id, t.name, EXISTS (SELECT 1 FROM " \
	    "wx_writes w WHERE w.tag_id = t.id AND w.api = '" WRITE_API_TAG_CREATE "' AND " \
	    "w.state = 'pending') creating FROM wx_tags t WHERE t.id = ?") \
	X(tag_made, EXEC, (long long tag, long long wx_id), (I(wx_id), I(tag)), \
	    "UPDATE wx_tags SET wx_id = ? WHERE id = ?") \
	X(tag_gone, EXEC, (long long tag), (I(tag)), \
	    "DELETE FROM wx_tags WHERE id = ?") \
	/* WeChat refused to delete it: the tag is the account's again */ \
	X(tag_kept, EXEC, (long long tag), (I(tag)), \
	    "UPDATE wx_tags SET deleting = 0 WHERE id = ?") \
	/* ---- a tag's change (the transactions below) ---- */ \
	X(tg_count, CUSTOM, (), (I), \
	    "SELECT COUNT(*) FROM wx_tags WHERE channel_id = ? AND (wx_id IS NULL OR wx_id > " \
	    TAG_RESERVED_S ") FOR UPDATE") \
	X(tg_insert, CUSTOM, (), (I, S, I), \
	    "INSERT INTO wx_tags (channel_id, name, created_at) VALUES (?, ?, FROM_UNIXTIME(?))") \
	X(tg_lock, CUSTOM, (), (I, I), \
	    "SELECT IFNULL(wx_id, -1), followers, deleting FROM wx_tags WHERE id = ? AND " \
	    "channel_id = ? FOR UPDATE") \
	X(tg_rename, CUSTOM, (), (S, I), \
	    "UPDATE wx_tags SET name = ? WHERE id = ?") \
	/* a tag's write, due once one of its being sent has had its answer */ \
	X(tg_queue, CUSTOM, (), (S, I, I, I, I, I), \
	    "INSERT INTO wx_writes (channel_id, tag_id, api, body, due_at, created_by, created_at) " \
	    "SELECT t.channel_id, t.id, ?, '{}', IFNULL(MAX(w.lease_until), FROM_UNIXTIME(?)), " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?) FROM wx_tags t LEFT JOIN wx_writes w ON w.tag_id = t.id " \
	    "AND w.follower_id IS NULL AND w.lease_until > FROM_UNIXTIME(?) WHERE t.id = ? " \
	    "GROUP BY t.id") \
	/* a create or rename not sent yet sends the name as it is then */ \
	X(tg_naming, CUSTOM, (), (I, I), \
	    "SELECT COUNT(*) FROM wx_writes WHERE tag_id = ? AND follower_id IS NULL AND " \
	    "api IN ('" WRITE_API_TAG_CREATE "', '" WRITE_API_TAG_UPDATE "') AND state = 'pending' " \
	    "AND (lease_until IS NULL OR lease_until <= FROM_UNIXTIME(?))") \
	X(tg_creating, CUSTOM, (), (I, I), \
	    "SELECT COUNT(*) FROM wx_writes WHERE tag_id = ? AND api = '" WRITE_API_TAG_CREATE \
	    "' AND state = 'pending' AND lease_until > FROM_UNIXTIME(?)") \
	X(tg_deleting, CUSTOM, (), (I), \
	    "UPDATE wx_tags SET deleting = 1 WHERE id = ?") \
	X(tg_members_drop, CUSTOM, (), (I), \
	    "DELETE FROM follower_tags WHERE tag_id = ?") \
	X(tg_supersede, CUSTOM, (), (I), \
	    "UPDATE wx_writes SET state = 'superseded' WHERE tag_id = ? AND state = 'pending'") \
	X(tg_drop, CUSTOM, (), (I), \
	    "DELETE FROM wx_tags WHERE id = ?") \
	/* ---- a follower's tag or blacklist ---- */ \
	X(tf_follower, CUSTOM, (), (I), \
	    "SELECT channel_id, subscribed FROM followers WHERE id = ? AND erased = 0 FOR UPDATE") \
	X(tf_tag, CUSTOM, (), (I, I), \
	    "SELECT id FROM wx_tags WHERE id = ? AND channel_id = ? AND deleting = 0 AND " \
	    "(wx_id IS NULL OR wx_id > " TAG_RESERVED_S ")") \
	X(tf_count, CUSTOM, (), (I, I), \
	    "SELECT COUNT(*) FROM follower_tags WHERE follower_id = ? AND tag_id <> ?") \
	X(tf_add, CUSTOM, (), (I, I), \
	    "INSERT IGNORE INTO follower_tags (follower_id, tag_id) VALUES (?, ?)") \
	X(tf_remove, CUSTOM, (), (I, I), \
	    "DELETE FROM follower_tags WHERE follower_id = ? AND tag_id = ?") \
	/* (a write being sent keeps its lease: its answer is not recorded) */ \
	X(tf_supersede, CUSTOM, (), (I, I, S, S), \
	    "UPDATE wx_writes SET state = 'superseded' WHERE follower_id = ? AND " \
	    "tag_id <=> NULLIF(?, 0) AND api IN (?, ?) AND state = 'pending'") \
	/* a follower's write, due once one of theirs of the same kind being \
	 * sent has had its answer */ \
	X(tf_queue, CUSTOM, (), (I, S, I, I, I, I, S, S, I, I, I), \
	    "INSERT INTO wx_writes (channel_id, follower_id, tag_id, api, body, due_at, " \
	    "created_by, created_at) SELECT f.channel_id, f.id, NULLIF(?, 0), ?, " \
	    "JSON_OBJECT('openid', f.openid), IFNULL(MAX(w.lease_until), FROM_UNIXTIME(?)), " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?) FROM followers f LEFT JOIN wx_writes w ON " \
	    "w.follower_id = f.id AND w.tag_id <=> NULLIF(?, 0) AND w.api IN (?, ?) AND " \
	    "w.lease_until > FROM_UNIXTIME(?) WHERE f.id = ? AND f.erased = 0 AND f.channel_id = ? " \
	    "GROUP BY f.id") \
	X(tf_block, CUSTOM, (), (I, I, I, I, I), \
	    "UPDATE followers SET blocked = ?, blocked_at = IF(? = 1, FROM_UNIXTIME(?), NULL), " \
	    "blocked_seen = 0 WHERE id = ? AND blocked <> ?")
#define TAG_RESERVED_S "2"
DB_STATEMENTS(TAGS_STATEMENTS, db_table_tags)

_Static_assert(TAG_RESERVED_MAX == 2, "TAG_RESERVED_S spells TAG_RESERVED_MAX");

/* the first cell of a one-row result as a number (-1: no row) */
static long long
cell(const struct dbres *r, size_t col)
{
	return r->nrows ? db_int(r, 0, col) : -1;
}

/* a tag's write (create, update, delete) queued */
static enum dbrc
tag_queue(struct pool *p, long long tag, const char *api, long long user, time_t now)
{
	return RUN(DBS_tg_queue, p, NULL, S(api), I((long long)now), I(user), I((long long)now),
	    I((long long)now), I(tag));
}

struct tag_change {
	long long         channel, tag, follower, user;
	const char       *name;
	int               on;
	time_t            now;
	enum tag_refusal *why;
};

static enum dbrc
refuse(struct tag_change *x, enum tag_refusal why)
{
	*x->why = why;
	return DB_INVALID;
}

static enum tag_refusal
name_check(const char *name)
{
	if (name == NULL || *name == '\0')
		return TAG_NAME_EMPTY;
	return strlen(name) > TAG_NAME_MAX ? TAG_NAME_LONG : TAG_OK;
}

static enum dbrc
create_step(struct pool *p, void *arg)
{
	struct tag_change *x = arg;
	struct dbres       r;
	enum dbrc          rc;
	long long          id;

	/* the account's tags, locked: two new ones cannot both be the 101st */
	if ((rc = RUN(DBS_tg_count, p, &r, I(x->channel))) != DB_OK)
		return rc;
	if (cell(&r, 0) >= TAGS_MAX)
		return refuse(x, TAG_TOO_MANY);
	rc = RUN(DBS_tg_insert, p, &r, I(x->channel), S(x->name), I((long long)x->now));
	if (rc == DB_CONFLICT)
		return refuse(x, TAG_NAME_TAKEN);
	if (rc != DB_OK)
		return rc;
	id = (long long)r.insert_id;
	return tag_queue(p, id, WRITE_API_TAG_CREATE, x->user, x->now);
}

enum dbrc
tag_create(struct pool *p, long long channel, const char *name, long long user, time_t now,
    enum tag_refusal *why)
{
	struct tag_change x = { channel, 0, 0, user, name, 0, now, why };

	if ((*why = name_check(name)) != TAG_OK)
		return DB_INVALID;
	return db_txn(p, create_step, &x);
}

/* the account's tag x->tag, locked: *wx (WeChat's id, -1 none) and its followers */
static enum dbrc
tag_lock(struct pool *p, struct tag_change *x, long long *wx, long long *followers)
{
	struct dbres r;
	enum dbrc    rc;

	if ((rc = RUN(DBS_tg_lock, p, &r, I(x->tag), I(x->channel))) != DB_OK)
		return rc;
	if (r.nrows == 0 || db_int(&r, 0, 2))
		return refuse(x, TAG_GONE);
	*wx = db_int(&r, 0, 0);
	*followers = db_int(&r, 0, 1);
	if (*wx >= 0 && *wx <= TAG_RESERVED_MAX)
		return refuse(x, TAG_SYSTEM);
	return DB_OK;
}

static enum dbrc
rename_step(struct pool *p, void *arg)
{
	struct tag_change *x = arg;
	struct dbres       r;
	enum dbrc          rc;
	long long          wx, n;

	if ((rc = tag_lock(p, x, &wx, &n)) != DB_OK)
		return rc;
	rc = RUN(DBS_tg_rename, p, &r, S(x->name), I(x->tag));
	if (rc == DB_CONFLICT)
		return refuse(x, TAG_NAME_TAKEN);
	if (rc != DB_OK || r.affected == 0)
		return rc;	/* the same name: nothing to write */
	/* a create or rename not sent yet sends this name */
	if ((rc = RUN(DBS_tg_naming, p, &r, I(x->tag), I((long long)x->now))) != DB_OK ||
	    cell(&r, 0) > 0)
		return rc;
	return tag_queue(p, x->tag, WRITE_API_TAG_UPDATE, x->user, x->now);
}

enum dbrc
tag_rename(struct pool *p, long long channel, long long tag, const char *name, long long user,
    time_t now, enum tag_refusal *why)
{
	struct tag_change x = { channel, tag, 0, user, name, 0, now, why };

	if ((*why = name_check(name)) != TAG_OK)
		return DB_INVALID;
	return db_txn(p, rename_step, &x);
}

static enum dbrc
delete_step(struct pool *p, void *arg)
{
	struct tag_change *x = arg;
	struct dbres       r;
	enum dbrc          rc;
	long long          wx, n;

	if ((rc = tag_lock(p, x, &wx, &n)) != DB_OK)
		return rc;
	if (n > TAG_DELETE_MAX)
		return refuse(x, TAG_BIG);
	/* never made in WeChat, nor being made: gone, with its writes */
	if (wx < 0 && ((rc = RUN(DBS_tg_creating, p, &r, I(x->tag), I((long long)x->now))) !=
	    DB_OK || cell(&r, 0) == 0))
		return rc != DB_OK ? rc : RUN(DBS_tg_drop, p, NULL, I(x->tag));
	/* WeChat drops its followers' tag with it: so does wxdesk, at once */
	if ((rc = RUN(DBS_tg_deleting, p, NULL, I(x->tag))) != DB_OK ||
	    (rc = RUN(DBS_tg_members_drop, p, NULL, I(x->tag))) != DB_OK ||
	    (rc = RUN(DBS_tg_supersede, p, NULL, I(x->tag))) != DB_OK)
		return rc;
	return tag_queue(p, x->tag, WRITE_API_TAG_DELETE, x->user, x->now);
}

enum dbrc
tag_delete(struct pool *p, long long channel, long long tag, long long user, time_t now,
    enum tag_refusal *why)
{
	struct tag_change x = { channel, tag, 0, user, NULL, 0, now, why };

	*why = TAG_OK;
	return db_txn(p, delete_step, &x);
}

/* a follower's write of api about tag (0: none), superseding a pending one
 * of api or other */
static enum dbrc
follower_queue(struct pool *p, long long channel, long long follower, long long tag,
    const char *api, const char *other, long long user, time_t now)
{
	enum dbrc rc = RUN(DBS_tf_supersede, p, NULL, I(follower), I(tag), S(api), S(other));

	if (rc != DB_OK)
		return rc;
	return RUN(DBS_tf_queue, p, NULL, I(tag), S(api), I((long long)now), I(user),
	    I((long long)now), I(tag), S(api), S(other), I((long long)now), I(follower),
	    I(channel));
}

static enum dbrc
member_step(struct pool *p, void *arg)
{
	struct tag_change *x = arg;
	struct dbres       r;
	enum dbrc          rc;
	long long          channel;
	int                changed;

	/* the follower's row first (as a remark or a push locks it) */
	if ((rc = RUN(DBS_tf_follower, p, &r, I(x->follower))) != DB_OK)
		return rc;
	if (r.nrows == 0)
		return DB_NOTFOUND;
	channel = db_int(&r, 0, 0);
	if (x->on && db_int(&r, 0, 1) == 0)
		return refuse(x, TAG_UNFOLLOWED);
	if ((rc = RUN(DBS_tf_tag, p, &r, I(x->tag), I(channel))) != DB_OK)
		return rc;
	if (r.nrows == 0)
		return refuse(x, TAG_GONE);
	if (x->on) {
		if ((rc = RUN(DBS_tf_count, p, &r, I(x->follower), I(x->tag))) != DB_OK)
			return rc;
		if (cell(&r, 0) >= TAGS_A_FOLLOWER)
			return refuse(x, TAG_FOLLOWER_FULL);
		rc = RUN(DBS_tf_add, p, &r, I(x->follower), I(x->tag));
	} else
		rc = RUN(DBS_tf_remove, p, &r, I(x->follower), I(x->tag));
	if (rc != DB_OK)
		return rc;
	changed = r.affected > 0;
	if (!changed)
		return DB_OK;	/* as it was: nothing for WeChat */
	return follower_queue(p, channel, x->follower, x->tag, x->on ? WRITE_API_TAGGING :
	    WRITE_API_UNTAGGING, x->on ? WRITE_API_UNTAGGING : WRITE_API_TAGGING, x->user, x->now);
}

enum dbrc
db_tag_follower_here(struct pool *p, long long follower, long long tag, time_t now,
    enum tag_refusal *why)
{
	struct tag_change x = { 0, tag, follower, 0, NULL, 1, now, why };

	*why = TAG_OK;
	return member_step(p, &x);
}

enum dbrc
tag_follower(struct pool *p, long long follower, long long tag, int on, long long user,
    time_t now, enum tag_refusal *why)
{
	struct tag_change x = { 0, tag, follower, user, NULL, on, now, why };

	*why = TAG_OK;
	return db_txn(p, member_step, &x);
}

/*
 * The follower onto the blacklist (on) or off it, and its write for WeChat,
 * in the caller's transaction (chat.c's chat_block, which closes their open
 * chat). DB_NOTFOUND: no such follower; DB_OK with *changed 0: as it was.
 */
enum dbrc
db_block_write(struct pool *p, long long follower, int on, long long user, time_t now,
    int *changed)
{
	struct dbres r;
	enum dbrc    rc;
	long long    channel;

	*changed = 0;
	if ((rc = RUN(DBS_tf_follower, p, &r, I(follower))) != DB_OK)
		return rc;
	if (r.nrows == 0)
		return DB_NOTFOUND;
	channel = db_int(&r, 0, 0);
	if ((rc = RUN(DBS_tf_block, p, &r, I((long long)on), I((long long)on), I((long long)now),
	    I(follower), I((long long)on))) != DB_OK || r.affected == 0)
		return rc;
	*changed = 1;
	return follower_queue(p, channel, follower, 0, on ? WRITE_API_BLOCK : WRITE_API_UNBLOCK,
	    on ? WRITE_API_UNBLOCK : WRITE_API_BLOCK, user, now);
}
