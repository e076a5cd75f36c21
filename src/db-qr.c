/*
 * db-qr.c: the statements of parametric QR codes (qr.h), in a table of
 * their own, and a code's making: the code here and its qrcode/create for
 * WeChat (wx_writes) in one transaction.
 */
#include <stddef.h>

#include "db-run.h"
#include "qr.h"
#include "writes.h"

#define QR_COLS "q.id, q.channel_id, q.scene, q.permanent, q.name, q.campaign, " \
	"IFNULL(q.department_id, 0) department_id, IFNULL(q.operator_id, 0) operator_id, " \
	"IFNULL(q.tag_id, 0) tag_id, q.welcome, q.expire_days, q.ticket, q.url, " \
	"UNIX_TIMESTAMP(q.expires_at) expires_at, q.png IS NOT NULL has_png, d.name department, " \
	"u.name operator, t.name tag, w.state write_state, w.errcode write_errcode, " \
	"w.attempts write_attempts FROM qr_codes q LEFT JOIN departments d ON " \
	"d.id = q.department_id LEFT JOIN users u ON u.id = q.operator_id LEFT JOIN wx_tags t " \
	"ON t.id = q.tag_id LEFT JOIN wx_writes w ON w.id = (SELECT MAX(x.id) FROM wx_writes x " \
	"WHERE x.qr_code_id = q.id)"

#define QR_STATEMENTS(X) \
	X(qr_list, ROWS(qr), (long long channel), (I(channel)), \
	    "SELECT " QR_COLS " WHERE q.channel_id = ? ORDER BY q.id DESC") \
	X(qr_get, ROW(qr), (long long channel, long long id), (I(channel), I(id)), \
	    "SELECT " QR_COLS " WHERE q.channel_id = ? AND q.id = ?") \
	X(qr_permanents, COUNT, (long long channel), (I(channel)), \
	    "SELECT COUNT(*) FROM qr_codes WHERE channel_id = ? AND permanent = 1") \
	X(qr_update, DONE, (long long channel, long long id, const char *name, \
	    const char *campaign, long long department, long long operator_id, long long tag, \
	    const char *welcome), (S(name), S(campaign), I(department), I(operator_id), I(tag), \
	    S(welcome), I(id), I(channel)), \
	    "UPDATE qr_codes SET name = ?, campaign = NULLIF(?, ''), department_id = NULLIF(?, 0), " \
	    "operator_id = NULLIF(?, 0), tag_id = NULLIF(?, 0), welcome = NULLIF(?, '') " \
	    "WHERE id = ? AND channel_id = ?") \
	X(qr_people, ROWS(qr_person), (long long brand), (I(brand)), \
	    "SELECT DISTINCT u.id, u.name FROM users u JOIN department_members m ON " \
	    "m.user_id = u.id JOIN departments d ON d.id = m.department_id WHERE d.brand_id = ? " \
	    "AND u.disabled = 0 ORDER BY u.name, u.id") \
	X(qr_member, COUNT, (long long dept, long long user), (I(dept), I(user)), \
	    "SELECT COUNT(*) FROM department_members WHERE department_id = ? AND user_id = ?") \
	X(qr_tag_of, COUNT, (long long channel, long long tag), (I(channel), I(tag)), \
	    "SELECT COUNT(*) FROM wx_tags WHERE channel_id = ? AND id = ? AND deleting = 0") \
	X(qr_png, CUSTOM, (), (I, I), \
	    "SELECT png FROM qr_codes WHERE channel_id = ? AND id = ? AND png IS NOT NULL") \
	X(qr_for_write, ROW(qr_write), (long long id), (I(id)), \
	    "SELECT scene, permanent, expire_days FROM qr_codes WHERE id = ?") \
	X(qr_made, EXEC, (long long id, const char *ticket, const char *url, time_t expires), \
	    (S(ticket), S(url), I((long long)expires), I((long long)expires), I(id)), \
	    "UPDATE qr_codes SET ticket = ?, url = ?, expires_at = IF(? = 0, NULL, " \
	    "FROM_UNIXTIME(?)), png = NULL, png_attempts = 0 WHERE id = ?") \
	X(qr_png_due, ROWS(qr_png_due), (), (), \
	    "SELECT id, ticket FROM qr_codes WHERE png_attempts < 10 AND ticket IS NOT NULL AND " \
	    "png IS NULL ORDER BY id LIMIT 20") \
	X(qr_png_set, EXEC, (long long id, const void *png, size_t n), (B(png, n), I(id)), \
	    "UPDATE qr_codes SET png = ?, png_attempts = png_attempts + 1 WHERE id = ?") \
	X(qr_png_missed, EXEC, (long long id), (I(id)), \
	    "UPDATE qr_codes SET png_attempts = png_attempts + 1 WHERE id = ?") \
	X(qr_by_scene, ROW(qr_scene), (long long channel, const char *scene), \
	    (I(channel), S(scene)), \
	    "SELECT id, IFNULL(tag_id, 0) tag_id, welcome, name FROM qr_codes " \
	    "WHERE channel_id = ? AND scene = ?") \
	X(qr_opening, ROW(qr_opening), (long long follower), (I(follower)), \
	    "SELECT f.blocked, IFNULL(q.id, 0) qr_id, IFNULL(q.department_id, 0) department_id, " \
	    "IFNULL(q.operator_id, 0) operator_id, q.name, q.campaign FROM followers f " \
	    "LEFT JOIN qr_codes q ON q.id = f.route_qr_id WHERE f.id = ?") \
	/* each code's scans, follows, chats and ratings in [from, to): the \
	 * accounts of a brand (0: any) or one account (0: any) */ \
	X(qr_report, ROWS(qr_report), (long long brand, long long channel, long long code, \
	    const char *campaign, time_t from, time_t to), (I((long long)from), I((long long)to), \
	    I((long long)from), I((long long)to), I((long long)from), I((long long)to), I(brand), \
	    I(brand), I(channel), I(channel), I(code), S(campaign)), \
	    "SELECT q.id, q.name, q.campaign, q.scene, " \
	    "(SELECT COUNT(*) FROM qr_events e WHERE e.qr_code_id = q.id AND e.kind = 'scan' " \
	    "AND e.at >= FROM_UNIXTIME(?) AND e.at < FROM_UNIXTIME(?)) scans, " \
	    "(SELECT COUNT(*) FROM qr_events e WHERE e.qr_code_id = q.id AND e.kind = 'follow' " \
	    "AND e.at >= FROM_UNIXTIME(?) AND e.at < FROM_UNIXTIME(?)) follows, " \
	    "COUNT(c.id) chats, COUNT(c.csat_rating) rated, IFNULL(SUM(c.csat_rating), 0) " \
	    "rating_sum FROM qr_codes q JOIN channels ch ON ch.id = q.channel_id LEFT JOIN chats c " \
	    "ON c.qr_code_id = q.id AND c.started_at >= FROM_UNIXTIME(?) AND c.started_at < " \
	    "FROM_UNIXTIME(?) WHERE (? = 0 OR ch.brand_id = ?) AND (? = 0 OR q.channel_id = ?) " \
	    "AND ? IN (0, q.id) AND ? IN ('', q.campaign) " \
	    "GROUP BY q.id ORDER BY q.campaign IS NULL, q.campaign, q.id") \
	/* ---- a code made, or made again ---- */ \
	X(qr_insert, CUSTOM, (), (I, S, I, S, S, I, I, I, S, I, I, I), \
	    "INSERT INTO qr_codes (channel_id, scene, permanent, name, campaign, department_id, " \
	    "operator_id, tag_id, welcome, expire_days, created_by, created_at) VALUES (?, ?, ?, " \
	    "?, NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), ?, " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?))") \
	X(qr_queue, CUSTOM, (), (I, I, I, I, I, I), \
	    "INSERT INTO wx_writes (channel_id, qr_code_id, api, body, due_at, created_by, " \
	    "created_at) SELECT q.channel_id, q.id, '" WRITE_API_QR "', '{}', FROM_UNIXTIME(?), " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?) FROM qr_codes q WHERE q.id = ? AND q.channel_id = ? " \
	    "AND (q.permanent = 0 OR q.ticket IS NULL) AND NOT EXISTS (SELECT 1 FROM wx_writes w " \
	    "WHERE w.qr_code_id = q.id AND w.state = 'pending' AND w.lease_until IS NULL AND " \
	    "w.due_at <= FROM_UNIXTIME(?))") \
	/* ---- a push's ---- */ \
	X(qe_insert, CUSTOM, (), (I, S, I, I), \
	    "INSERT INTO qr_events (qr_code_id, kind, follower_id, at) VALUES (?, ?, ?, " \
	    "FROM_UNIXTIME(?))") \
	X(qe_route, CUSTOM, (), (I, I), \
	    "UPDATE followers SET route_qr_id = ? WHERE id = ?") \
	/* (its department was the code's as it opened: chat_open) */ \
	X(qc_chat, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET qr_code_id = ?, preferred_user_id = NULLIF(?, 0) WHERE id = ?") \
	X(qc_used, CUSTOM, (), (I), \
	    "UPDATE followers SET route_qr_id = NULL WHERE id = ?")
DB_STATEMENTS(QR_STATEMENTS, db_table_qr)

enum dbrc
db_qr_png(struct pool *p, long long channel, long long id, const void **png, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = db_one(RUN(DBS_qr_png, p, &out, I(channel), I(id)), &out);

	*png = rc == DB_OK ? db_cell(&out, 0, 0) : NULL;
	*n = rc == DB_OK ? out.lens[0][0] : 0;
	return rc;
}

struct making {
	long long              channel, user, id;
	const struct qr_form  *f;
	time_t                 now;
};

static enum dbrc
queue(struct pool *p, const struct making *x)
{
	struct dbres r;
	enum dbrc    rc = RUN(DBS_qr_queue, p, &r, I((long long)x->now), I(x->user),
	    I((long long)x->now), I(x->id), I(x->channel), I((long long)x->now));

	return db_done(rc, &r);
}

static enum dbrc
create_step(struct pool *p, void *arg)
{
	struct making       *x = arg;
	const struct qr_form *f = x->f;
	struct dbres         r;
	enum dbrc            rc;

	rc = RUN(DBS_qr_insert, p, &r, I(x->channel), S(f->scene), I((long long)f->permanent),
	    S(f->name), S(f->campaign), I(f->department), I(f->operator_id), I(f->tag),
	    S(f->welcome), I((long long)f->expire_days), I(x->user), I((long long)x->now));
	if (rc != DB_OK)
		return rc;
	x->id = (long long)r.insert_id;
	return queue(p, x);
}

enum dbrc
qr_create(struct pool *p, long long channel, const struct qr_form *f, long long user,
    time_t now, long long *id)
{
	struct making x = { channel, user, 0, f, now };
	enum dbrc     rc = db_txn(p, create_step, &x);

	*id = x.id;
	return rc;
}

enum dbrc
qr_reissue(struct pool *p, long long channel, long long id, long long user, time_t now)
{
	struct making x = { channel, user, id, NULL, now };

	/* (one statement: no transaction of its own is needed) */
	return queue(p, &x);
}

enum dbrc
db_qr_event(struct pool *p, long long code, long long follower, int follow, time_t now)
{
	enum dbrc rc = RUN(DBS_qe_insert, p, NULL, I(code), S(follow ? "follow" : "scan"),
	    I(follower), I((long long)now));

	return rc != DB_OK ? rc : RUN(DBS_qe_route, p, NULL, I(code), I(follower));
}

enum dbrc
db_qr_chat(struct pool *p, long long chat, long long code, long long operator_id,
    long long follower)
{
	enum dbrc rc = RUN(DBS_qc_chat, p, NULL, I(code), I(operator_id), I(chat));

	return rc != DB_OK ? rc : RUN(DBS_qc_used, p, NULL, I(follower));
}
