/*
 * db-broadcasts.c: the statements of broadcasts (broadcast.h), in a table of
 * their own, and a broadcast's sending recorded: its msg_id, and the month's
 * count of each follower it reached, in one transaction.
 */
#include <stddef.h>
#include <stdio.h>

#include "broadcast.h"
#include "db-run.h"
#include "tags.h"
#include "wx.h"

/* the followers of a broadcast's audience: b is the broadcast, f the follower */
#define AUDIENCE(b, f) f ".subscribed = 1 AND " f ".blocked = 0 AND (" b ".to_all OR " \
	"EXISTS (SELECT 1 FROM follower_tags t WHERE t.follower_id = " f ".id AND t.tag_id = " \
	b ".tag_id) OR EXISTS (SELECT 1 FROM broadcast_followers x WHERE x.broadcast_id = " \
	b ".id AND x.follower_id = " f ".id))"
/* the followers of a list of OpenIDs (a JSON array, ?) of the account (?) */
#define LISTED "(SELECT DISTINCT j.openid FROM JSON_TABLE(?, '$[*]' COLUMNS (openid " \
	"VARCHAR(64) PATH '$')) j) l JOIN followers f ON f.channel_id = ? AND f.openid = " \
	"l.openid AND f.subscribed = 1 AND f.blocked = 0"

#define BROADCAST_STATEMENTS(X) \
	X(broadcast_reach, ROW(broadcast_reach), (long long channel, long long tag, \
	    const char *month), (S(month), I(tag), I(tag), I(channel)), \
	    "SELECT COUNT(*) audience, IFNULL(SUM(IFNULL(r.received, 0) < " \
	    WX_SQL(BROADCAST_MONTH_MAX) "), 0) reachable FROM followers f LEFT JOIN mass_receipts r " \
	    "ON r.follower_id = f.id AND r.month = ? JOIN (SELECT ? = 0 to_all, ? tag_id, 0 id) b " \
	    "WHERE f.channel_id = ? AND " AUDIENCE("b", "f")) \
	X(broadcast_reach_list, ROW(broadcast_reach), (long long channel, const char *openids, \
	    const char *month), (S(openids), I(channel), S(month)), \
	    "SELECT COUNT(*) audience, IFNULL(SUM(IFNULL(r.received, 0) < " \
	    WX_SQL(BROADCAST_MONTH_MAX) "), 0) reachable FROM mass_receipts r RIGHT JOIN (SELECT " \
	    "f.id FROM " LISTED ") f ON r.follower_id = f.id AND r.month = ?") \
	/* each of the account's own tags (not WeChat's, not being deleted) and \
	 * how many following, unblocked followers have it */ \
	X(broadcast_tags, ROWS(broadcast_tag), (long long channel), (I(channel)), \
	    "SELECT t.id, t.name, COUNT(f.id) audience FROM wx_tags t LEFT JOIN follower_tags x " \
	    "ON x.tag_id = t.id LEFT JOIN followers f ON f.id = x.follower_id AND " \
	    "f.subscribed = 1 AND f.blocked = 0 WHERE t.channel_id = ? AND t.deleting = 0 AND " \
	    "(t.wx_id IS NULL OR t.wx_id > " WX_SQL(TAG_RESERVED_MAX) ") GROUP BY t.id, t.name " \
	    "ORDER BY t.name") \
	X(broadcast_queue, INSERT, (long long channel, const char *kind, long long tag, long long to, \
	    const char *content, long long audience, long long reachable, time_t due, long long user, \
	    time_t now), (I(channel), S(kind), I(tag), I(tag), I(to), S(content), I(audience), \
	    I(reachable), I((long long)due), I(user), I((long long)now)), \
	    "INSERT INTO broadcasts (channel_id, kind, to_all, tag_id, preview_to, content, " \
	    "audience, reachable, due_at, created_by, created_at, client_id) VALUES (?, ?, ? = 0, " \
	    "NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, FROM_UNIXTIME(?), ?, FROM_UNIXTIME(?), " \
	    "CONCAT('wxdesk-b', LOWER(HEX(RANDOM_BYTES(8)))))") \
	/* a broadcast to a list: its followers (the one just queued) */ \
	X(broadcast_list_set, CUSTOM, (), (I, S, I), \
	    "INSERT IGNORE INTO broadcast_followers (broadcast_id, follower_id) SELECT ?, f.id " \
	    "FROM " LISTED) \
	X(broadcast_list_mark, CUSTOM, (), (I), \
	    "UPDATE broadcasts SET to_all = 0, to_list = 1 WHERE id = ?") \
	X(broadcast_openids, ROWS(broadcast_openid), (long long id), (I(id)), \
	    "SELECT f.openid FROM broadcast_followers x JOIN followers f ON f.id = x.follower_id " \
	    "WHERE x.broadcast_id = ? AND f.subscribed = 1 AND f.blocked = 0 ORDER BY f.id " \
	    "LIMIT 10000") \
	X(broadcast_cancel, DONE, (long long channel, long long id), (I(channel), I(id)), \
	    "UPDATE broadcasts SET state = 'cancelled' WHERE channel_id = ? AND id = ? " \
	    "AND state = 'queued'") \
	X(broadcasts, ROWS(broadcast), (long long channel), (I(channel)), \
	    "SELECT b.id, b.kind, IF(b.to_all OR b.to_list, NULL, IFNULL(t.name, '—')) tag, " \
	    "b.to_list, " \
	    "IFNULL(f.alias, f.openid) preview_to, b.content, b.state, UNIX_TIMESTAMP(b.due_at) " \
	    "due_at, b.audience, b.reachable, IFNULL(b.wx_errcode, 0) wx_errcode, x.status, " \
	    "IFNULL(x.total_count, -1) total_count, IFNULL(x.filter_count, -1) filter_count, " \
	    "IFNULL(x.sent_count, -1) sent_count, IFNULL(x.error_count, -1) error_count, " \
	    "u.name author, UNIX_TIMESTAMP(b.created_at) created_at FROM broadcasts b " \
	    "LEFT JOIN broadcast_results x ON x.channel_id = b.channel_id AND x.msg_id = " \
	    "b.wx_msg_id " \
	    "LEFT JOIN wx_tags t ON t.id = b.tag_id LEFT JOIN followers f ON f.id = b.preview_to " \
	    "LEFT JOIN users u ON u.id = b.created_by WHERE b.channel_id = ? " \
	    "ORDER BY b.id DESC LIMIT 50") \
	X(broadcast_received, COUNT, (long long follower, const char *month), \
	    (I(follower), S(month)), \
	    "SELECT IFNULL((SELECT received FROM mass_receipts WHERE follower_id = ? AND " \
	    "month = ?), 0)") \
	/* a tag not yet made in WeChat: -1 (a send to it waits) */ \
	X(broadcast_follower, COUNT, (long long channel, const char *openid), \
	    (I(channel), S(openid)), \
	    "SELECT IFNULL((SELECT id FROM followers WHERE channel_id = ? AND openid = ? AND " \
	    "subscribed = 1), 0)") \
	X(broadcasts_due, ROWS(broadcast_due), (time_t now), (I((long long)now), I((long long)now)), \
	    "SELECT b.id, b.channel_id, b.kind, IF(b.to_all OR b.to_list, 0, IF(b.tag_id IS NULL, " \
	    "-2, IFNULL(t.wx_id, -1))) tag_wx, b.to_list, b.client_id, " \
	    "f.openid, b.content FROM broadcasts b LEFT JOIN wx_tags t ON t.id = b.tag_id " \
	    "LEFT JOIN followers f ON f.id = b.preview_to WHERE b.state IN ('queued', 'sending') " \
	    "AND b.due_at <= FROM_UNIXTIME(?) AND (b.lease_until IS NULL OR b.lease_until < " \
	    "FROM_UNIXTIME(?)) ORDER BY b.due_at, b.id LIMIT 20") \
	X(broadcast_claim, DONE, (long long id, time_t until, time_t now), (I((long long)until), \
	    I(id), I((long long)now)), \
	    "UPDATE broadcasts SET state = 'sending', lease_until = FROM_UNIXTIME(?) WHERE id = ? " \
	    "AND state IN ('queued', 'sending') AND (lease_until IS NULL OR lease_until < " \
	    "FROM_UNIXTIME(?))") \
	X(broadcast_done, CUSTOM, (), (S, I, I), \
	    "UPDATE broadcasts SET state = 'sent', wx_msg_id = ?, sent_at = FROM_UNIXTIME(?), " \
	    "lease_until = NULL, wx_errcode = NULL WHERE id = ? AND state = 'sending'") \
	X(broadcast_count, CUSTOM, (), (S, I), \
	    "INSERT INTO mass_receipts (follower_id, month, received) SELECT f.id, ?, 1 " \
	    "FROM broadcasts b JOIN followers f ON f.channel_id = b.channel_id WHERE b.id = ? " \
	    "AND b.kind = 'send' AND b.to_all AND " AUDIENCE("b", "f") \
	    " ON DUPLICATE KEY UPDATE received = " \
	    "LEAST(" WX_SQL(BROADCAST_MONTH_MAX) ", received + 1)") \
	X(broadcast_report, CUSTOM, (), (I, I), \
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, " \
	    "operator_id, chat_id, value, vbin, detail) SELECT FROM_UNIXTIME(?), 'broadcast_sent', " \
	    "ch.brand_id, b.channel_id, 0, IFNULL(b.created_by, 0), NULL, b.reachable, -1, '' " \
	    "FROM broadcasts b JOIN channels ch ON ch.id = b.channel_id WHERE b.id = ? " \
	    "AND b.kind = 'send'") \
	/* (both only while the worker's lease holds it: one that ran out may be \
	 * another worker's by now, or sent) */ \
	X(broadcast_refused, EXEC, (long long id, long e, time_t now), (I((long long)e), \
	    I((long long)now), I(id)), \
	    "UPDATE broadcasts SET state = 'failed', wx_errcode = ?, lease_until = NULL, " \
	    "sent_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'sending'") \
	X(broadcast_retry, EXEC, (long long id, long e, time_t due), (I((long long)e), \
	    I((long long)due), I(id)), \
	    "UPDATE broadcasts SET state = 'queued', wx_errcode = ?, due_at = FROM_UNIXTIME(?), " \
	    "lease_until = NULL WHERE id = ? AND state = 'sending'") \
	X(broadcast_finished, EXEC, (long long channel, const char *msgid, const char *status, \
	    long long total, long long filter, long long sent, long long errors, time_t now), \
	    (I(channel), S(msgid), S(status), I(total), I(filter), I(sent), I(errors), \
	    I((long long)now)), \
	    "REPLACE INTO broadcast_results (channel_id, msg_id, status, total_count, " \
	    "filter_count, sent_count, error_count, at) VALUES (?, LEFT(?, 32), LEFT(?, 64), ?, ?, " \
	    "?, ?, FROM_UNIXTIME(?))")
DB_STATEMENTS(BROADCAST_STATEMENTS, db_table_broadcasts)

const char *
broadcast_month(struct pool *p, time_t now)
{
	struct tm tm;

	wx_beijing_tm(now, &tm);
	return pool_printf(p, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
}

struct sent {
	long long   id;
	const char *msgid, *month;
	time_t      now;
};

static enum dbrc
sent_step(struct pool *p, void *arg)
{
	struct sent *s = arg;
	struct dbres out;
	enum dbrc    rc = RUN(DBS_broadcast_done, p, &out, S(s->msgid), I((long long)s->now),
	    I(s->id));

	if (rc != DB_OK || out.affected == 0)	/* (recorded already) */
		return rc;
	if ((rc = RUN(DBS_broadcast_count, p, NULL, S(s->month), I(s->id))) != DB_OK)
		return rc;
	return RUN(DBS_broadcast_report, p, NULL, I((long long)s->now), I(s->id));
}

enum dbrc
broadcast_sent(struct pool *p, long long id, const char *msgid, time_t now)
{
	struct sent s = { id, msgid ? msgid : "", broadcast_month(p, now), now };

	return db_txn(p, sent_step, &s);
}

struct listed {
	long long   channel, audience, reachable, user, *id;
	const char *openids, *content;
	time_t      now;
};

static enum dbrc
list_step(struct pool *p, void *arg)
{
	struct listed *x = arg;
	enum dbrc      rc = db_broadcast_queue(p, x->channel, "send", 0, 0, x->content, x->audience,
	    x->reachable, x->now, x->user, x->now, x->id);

	if (rc == DB_OK)
		rc = RUN(DBS_broadcast_list_mark, p, NULL, I(*x->id));
	if (rc == DB_OK)
		rc = RUN(DBS_broadcast_list_set, p, NULL, I(*x->id), S(x->openids), I(x->channel));
	return rc;
}

enum dbrc
db_broadcast_queue_list(struct pool *p, long long channel, const char *openids,
    const char *content, long long audience, long long reachable, long long user, time_t now,
    long long *id)
{
	struct listed x = { channel, audience, reachable, user, id, openids, content, now };

	return db_txn(p, list_step, &x);
}
