/* db-writes.c: the statements of the writes to WeChat (writes.h), in a table of their own. */
#include <stddef.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "writes.h"

#define WRITES_STATEMENTS(X) \
	X(wr_alias, CUSTOM, (), (S, I), \
	    "UPDATE followers SET alias = NULLIF(?, ''), " FOLLOWER_NAME_AT("", "alias", "remark") \
	    " WHERE id = ?") \
	/* (a write being sent keeps its lease: its answer is not recorded) */ \
	X(wr_supersede, CUSTOM, (), (I, S), \
	    "UPDATE wx_writes SET state = 'superseded' " \
	    "WHERE follower_id = ? AND api = ? AND state = 'pending'") \
	/* a follower still following, not erased; due when a write of theirs \
	 * being sent has had its answer */ \
	X(wr_remark, CUSTOM, (), (S, S, I, I, I, S, I, I), \
	    "INSERT INTO wx_writes (channel_id, follower_id, api, body, due_at, created_by, " \
	    "created_at) SELECT f.channel_id, f.id, ?, JSON_OBJECT('openid', f.openid, 'remark', ?), " \
	    "IFNULL(MAX(w.lease_until), FROM_UNIXTIME(?)), NULLIF(?, 0), " \
	    "FROM_UNIXTIME(?) FROM followers f LEFT JOIN wx_writes w ON w.follower_id = f.id " \
	    "AND w.api = ? AND w.lease_until > FROM_UNIXTIME(?) " \
	    "WHERE f.id = ? AND f.subscribed = 1 AND f.erased = 0 GROUP BY f.id") \
	X(write_last, ROW(write_last), (long long follower, const char *api), (I(follower), \
	    S(api)), \
	    "SELECT state, errcode, UNIX_TIMESTAMP(due_at) due_at, attempts FROM wx_writes " \
	    "WHERE follower_id = ? AND api = ? AND state <> 'superseded' ORDER BY id DESC LIMIT 1") \
	X(writes_due, ROWS(writes_due), (time_t now, long long limit), (I((long long)now), \
	    I((long long)now), I(limit)), \
	    "SELECT id, channel_id, IFNULL(follower_id, 0) follower_id, IFNULL(tag_id, 0) tag_id, " \
	    "IFNULL(qr_code_id, 0) qr_code_id, IFNULL(menu_id, 0) menu_id, api, body, attempts, " \
	    "IFNULL(errcode, 0) errcode " \
	    "FROM wx_writes WHERE state = 'pending' AND due_at <= FROM_UNIXTIME(?) AND " \
	    "(lease_until IS NULL OR lease_until <= FROM_UNIXTIME(?)) ORDER BY due_at, id LIMIT ?") \
	X(write_claim, DONE, (long long id, time_t until, time_t now), (I((long long)until), \
	    I(id), I((long long)now)), \
	    "UPDATE wx_writes SET lease_until = FROM_UNIXTIME(?) WHERE id = ? AND " \
	    "state = 'pending' AND (lease_until IS NULL OR lease_until <= FROM_UNIXTIME(?))") \
	/* the follower's row first, as a new name locks it (then the writes) */ \
	X(wr_follower_lock, CUSTOM, (), (I), \
	    "SELECT id FROM followers WHERE id = (SELECT follower_id FROM wx_writes " \
	    "WHERE id = ?) FOR UPDATE") \
	X(wr_done, CUSTOM, (), (I, I), \
	    "UPDATE wx_writes SET state = 'done', errcode = 0, attempts = attempts + 1, " \
	    "done_at = FROM_UNIXTIME(?), lease_until = NULL WHERE id = ? AND state = 'pending'") \
	/* the remark WeChat now holds; the name typed in wxdesk gives way to it */ \
	X(wr_remark_set, CUSTOM, (), (I), \
	    "UPDATE followers f JOIN wx_writes w ON w.follower_id = f.id " \
	    "SET f.remark = NULLIF(JSON_VALUE(w.body, '$.remark'), ''), " \
	    "f.alias = IF(f.alias <=> NULLIF(JSON_VALUE(w.body, '$.remark'), ''), NULL, f.alias), " \
	    FOLLOWER_NAME_AT("f.", "f.alias", "JSON_VALUE(w.body, '$.remark')") \
	    " WHERE w.id = ? AND w.api = '" WRITE_API_REMARK "'") \
	X(write_retry, EXEC, (long long id, long errcode, time_t due), (I((long long)errcode), \
	    I((long long)due), I(id)), \
	    "UPDATE wx_writes SET attempts = attempts + 1, errcode = ?, due_at = FROM_UNIXTIME(?), " \
	    "lease_until = NULL WHERE id = ? AND state = 'pending'") \
	X(writes_hold, EXEC, (long long channel, time_t due), (I((long long)due), I(channel)), \
	    "UPDATE wx_writes SET due_at = GREATEST(due_at, FROM_UNIXTIME(?)) " \
	    "WHERE channel_id = ? AND state = 'pending'") \
	/* writes a month old that WeChat answered, or that gave way: gone \
	 * (the state index's range) */ \
	X(writes_purge, EXEC, (time_t before), (I((long long)before)), \
	    "DELETE FROM wx_writes WHERE state IN ('done', 'superseded', 'failed') AND " \
	    "due_at < FROM_UNIXTIME(?) LIMIT 500") \
	X(write_failed, EXEC, (long long id, long errcode, time_t now), (I((long long)errcode), \
	    I((long long)now), I(id)), \
	    "UPDATE wx_writes SET state = 'failed', attempts = attempts + 1, errcode = ?, " \
	    "done_at = FROM_UNIXTIME(?), lease_until = NULL WHERE id = ? AND state = 'pending'")
DB_STATEMENTS(WRITES_STATEMENTS, db_table_writes)

struct remark {
	long long   follower, user;
	const char *name;
	int         remote;
	time_t      now;
};

static enum dbrc
remark_step(struct pool *p, void *arg)
{
	struct remark *x = arg;
	enum dbrc      rc;

	if ((rc = RUN(DBS_wr_alias, p, NULL, S(x->name), I(x->follower))) != DB_OK ||
	    (rc = RUN(DBS_wr_supersede, p, NULL, I(x->follower), S(WRITE_API_REMARK))) != DB_OK ||
	    !x->remote)
		return rc;
	return RUN(DBS_wr_remark, p, NULL, S(WRITE_API_REMARK), S(x->name), I((long long)x->now),
	    I(x->user), I((long long)x->now), S(WRITE_API_REMARK), I((long long)x->now),
	    I(x->follower));
}

enum dbrc
db_write_remark(struct pool *p, long long follower, const char *name, int remote,
    long long user, time_t now)
{
	struct remark x = { follower, user, name ? name : "", remote, now };

	return db_txn(p, remark_step, &x);
}

struct done {
	long long id;
	time_t    now;
};

static enum dbrc
done_step(struct pool *p, void *arg)
{
	struct done *x = arg;
	struct dbres res;
	enum dbrc    rc;

	if ((rc = RUN(DBS_wr_follower_lock, p, NULL, I(x->id))) != DB_OK ||
	    (rc = RUN(DBS_wr_done, p, &res, I((long long)x->now), I(x->id))) != DB_OK)
		return rc;
	if (res.affected == 0)
		return DB_NOTFOUND;	/* superseded meanwhile: the newer write records its own */
	return RUN(DBS_wr_remark_set, p, NULL, I(x->id));
}

enum dbrc
db_write_done(struct pool *p, long long id, time_t now)
{
	struct done x = { id, now };

	return db_txn(p, done_step, &x);
}
