/*
 * db-notices.c: the statements of template messages and subscription
 * notices (notice.h).
 */
#include <stddef.h>
#include <string.h>

#include "db-run.h"
#include "notice.h"

#define TPL_COLS "SELECT id, channel_id, kind, wx_id, title, content, IFNULL(example, '') " \
	"example, senders, gone_at IS NOT NULL gone, UNIX_TIMESTAMP(imported_at) imported_at " \
	"FROM wx_templates"
/* the template of a notice or template message (its request's template_id) */
#define MSG_TPL(m) "JSON_VALUE(" m ".fields, '$.template_id')"
/* one Beijing day's template sends of the account */
#define QUOTA_KEY "channel_id = ? AND api = '" NOTICE_TEMPLATE_API "' AND day = ?"

#define NOTICE_STATEMENTS(X) \
	X(notice_tpls, ROWS(notice_tpl), (long long channel), (I(channel)), \
	    TPL_COLS " WHERE channel_id = ? ORDER BY kind, gone_at IS NOT NULL, title, id") \
	X(notice_tpl, ROW(notice_tpl), (long long channel, long long id), (I(channel), I(id)), \
	    TPL_COLS " WHERE channel_id = ? AND id = ?") \
	X(notice_tpl_seen, EXEC, (long long channel, const char *kind, const char *wx_id, \
	    const char *title, const char *content, const char *example, time_t now), \
	    (I(channel), S(kind), S(wx_id), S(title), S(content), S(example), I((long long)now)), \
	    "INSERT INTO wx_templates (channel_id, kind, wx_id, title, content, example, " \
	    "imported_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), FROM_UNIXTIME(?)) ON DUPLICATE KEY " \
	    "UPDATE title = VALUES(title), content = VALUES(content), example = VALUES(example), " \
	    "gone_at = NULL, imported_at = VALUES(imported_at)") \
	X(notice_tpl_gone, EXEC, (long long channel, const char *kind, time_t now), \
	    (I((long long)now), I(channel), S(kind), I((long long)now)), \
	    "UPDATE wx_templates SET gone_at = FROM_UNIXTIME(?) WHERE channel_id = ? AND kind = ? " \
	    "AND imported_at < FROM_UNIXTIME(?) AND gone_at IS NULL") \
	X(notice_tpl_mode, CUSTOM, (), (S, I), \
	    "UPDATE wx_templates SET senders = ? WHERE id = ?") \
	X(notice_tpl_unchoose, CUSTOM, (), (I), \
	    "DELETE FROM wx_template_senders WHERE template_id = ?") \
	X(notice_tpl_choose, CUSTOM, (), (I, S, I), \
	    "INSERT INTO wx_template_senders (template_id, user_id) SELECT DISTINCT ?, u.id " \
	    "FROM users u JOIN department_members m ON m.user_id = u.id JOIN departments d ON " \
	    "d.id = m.department_id JOIN channels ch ON ch.brand_id = d.brand_id " \
	    "JOIN wx_templates t ON t.channel_id = ch.id WHERE FIND_IN_SET(u.id, ?) AND t.id = ?") \
	X(notice_tpl_people, ROWS(notice_sender), (long long brand, long long id), \
	    (I(id), I(brand)), \
	    "SELECT DISTINCT u.id, u.name, EXISTS (SELECT 1 FROM wx_template_senders s WHERE " \
	    "s.template_id = ? AND s.user_id = u.id) chosen FROM users u JOIN department_members m " \
	    "ON m.user_id = u.id JOIN departments d ON d.id = m.department_id WHERE d.brand_id = ? " \
	    "AND u.disabled = 0 ORDER BY u.name, u.id") \
	/* a notice first when the follower has a credit: it is the cheaper */ \
	X(notice_routes, ROWS(notice_route), (long long channel, long long follower, \
	    long long user, int admin), (I(follower), I(channel), I((long long)admin), I(user)), \
	    "SELECT t.id, t.kind, t.wx_id, t.title, t.content, IFNULL(t.example, '') example, " \
	    "IFNULL(c.credits, 0) credits FROM wx_templates t LEFT JOIN notice_credits c ON " \
	    "t.kind = 'notice' AND c.follower_id = ? AND c.wx_id = t.wx_id WHERE t.channel_id = ? AND t.gone_at IS NULL " \
	    "AND (t.senders = 'everyone' OR ? OR EXISTS (SELECT 1 FROM wx_template_senders s " \
	    "WHERE s.template_id = t.id AND s.user_id = ?)) ORDER BY t.kind = 'template', " \
	    "credits DESC, t.title, t.id") \
	X(notice_import_now, EXEC, (long long channel), (I(channel)), \
	    "INSERT INTO wx_syncs (channel_id, templates_due) VALUES (?, '1000-01-01') " \
	    "ON DUPLICATE KEY UPDATE templates_due = VALUES(templates_due)") \
	X(notice_credit_add, EXEC, (long long follower, const char *wx_id, time_t now), \
	    (I(follower), S(wx_id), I((long long)now)), \
	    "INSERT INTO notice_credits (follower_id, wx_id, credits, updated_at) VALUES " \
	    "(?, ?, 1, FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE credits = credits + 1, " \
	    "updated_at = VALUES(updated_at)") \
	X(notice_credit_clear, EXEC, (long long follower, const char *wx_id, time_t now), \
	    (I((long long)now), I(follower), S(wx_id)), \
	    "UPDATE notice_credits SET credits = 0, updated_at = FROM_UNIXTIME(?) " \
	    "WHERE follower_id = ? AND wx_id = ?") \
	X(notice_credits, ROWS(notice_credit), (long long follower), (I(follower)), \
	    "SELECT c.wx_id, IFNULL(t.title, c.wx_id) title, c.credits FROM notice_credits c " \
	    "JOIN followers f ON f.id = c.follower_id LEFT JOIN wx_templates t ON " \
	    "t.channel_id = f.channel_id AND t.kind = 'notice' AND t.wx_id = c.wx_id " \
	    "WHERE c.follower_id = ? AND c.credits > 0 ORDER BY title") \
	X(notice_credit_take, DONE, (long long follower, const char *wx_id, time_t now), \
	    (I((long long)now), I(follower), S(wx_id)), \
	    "UPDATE notice_credits SET credits = credits - 1, updated_at = FROM_UNIXTIME(?) " \
	    "WHERE follower_id = ? AND wx_id = ? AND credits > 0") \
	X(notice_credit_back, EXEC, (long long msg, time_t now), (I((long long)now), I(msg)), \
	    "UPDATE notice_credits c JOIN messages m ON c.follower_id = m.follower_id AND " \
	    "c.wx_id = " MSG_TPL("m") " SET c.credits = c.credits + 1, c.updated_at = " \
	    "FROM_UNIXTIME(?) WHERE m.id = ?") \
	X(notice_credit_none, EXEC, (long long msg, time_t now), (I((long long)now), I(msg)), \
	    "UPDATE notice_credits c JOIN messages m ON c.follower_id = m.follower_id AND " \
	    "c.wx_id = " MSG_TPL("m") " SET c.credits = 0, c.updated_at = FROM_UNIXTIME(?) " \
	    "WHERE m.id = ?") \
	X(notice_quota_left_on, COUNT, (long long channel, const char *day), \
	    (I(channel), S(day), I(channel)), \
	    "SELECT GREATEST(0, template_quota - IFNULL((SELECT used FROM wx_quota_use WHERE " \
	    QUOTA_KEY "), 0)) FROM channels WHERE id = ?") \
	X(notice_quota_row, CUSTOM, (), (I, S), \
	    "INSERT IGNORE INTO wx_quota_use (channel_id, api, day, used) VALUES (?, '" \
	    NOTICE_TEMPLATE_API "', ?, 0)") \
	X(notice_quota_take, DONE, (long long channel, const char *day), (I(channel), S(day)), \
	    "UPDATE wx_quota_use q JOIN channels ch ON ch.id = q.channel_id SET q.used = " \
	    "q.used + 1 WHERE q." QUOTA_KEY " AND q.used < ch.template_quota") \
	X(notice_quota_fill, EXEC, (long long channel, const char *day), \
	    (S(day), I(channel)), \
	    "INSERT INTO wx_quota_use (channel_id, api, day, used) SELECT id, '" \
	    NOTICE_TEMPLATE_API "', ?, template_quota FROM channels WHERE id = ? " \
	    "ON DUPLICATE KEY UPDATE used = GREATEST(used, VALUES(used))") \
	/* a refused send does not count: given back to its day */ \
	X(notice_quota_back, EXEC, (long long msg), (I(msg)), \
	    "UPDATE wx_quota_use q JOIN messages m ON q.channel_id = m.channel_id AND " \
	    "q.api = '" NOTICE_TEMPLATE_API "' AND q.day = DATE(m.created_at + INTERVAL 8 HOUR) " \
	    "SET q.used = q.used - 1 WHERE m.id = ? AND q.used > 0") \
	X(notice_out, INSERT, (long long channel, long long follower, long long chat, \
	    const char *kind, const char *body, const char *fields, const char *dedupe, \
	    long long user, long long now), (I(channel), I(follower), I(chat), S(kind), S(body), \
	    S(fields), S(dedupe), I(user), I(now)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "fields, dedupe_key, media_state, author_id, delivery_state, created_at) VALUES " \
	    "(?, ?, ?, 'out', ?, ?, ?, ?, 'none', ?, 'sending', FROM_UNIXTIME(?))") \
	/* (only a send still on its way: a second sender's answer changes nothing) */ \
	X(notice_delivered, DONE, (long long msg, const char *msgid), (S(msgid), I(msg)), \
	    "UPDATE messages SET delivery_state = 'delivered', wx_errcode = NULL, " \
	    "wx_msg_id = NULLIF(?, '') WHERE id = ? AND delivery_state = 'sending'") \
	X(notice_refused, DONE, (long long msg, long e), (I((long long)e), I(msg)), \
	    "UPDATE messages SET delivery_state = 'failed', wx_errcode = ? WHERE id = ? " \
	    "AND delivery_state = 'sending'") \
	/* a failed one sent again (the same id: the same client_msg_id) */ \
	X(notice_again, DONE, (long long msg, long long chat), (I(msg), I(chat)), \
	    "UPDATE messages SET delivery_state = 'sending', wx_errcode = NULL WHERE id = ? " \
	    "AND chat_id = ? AND delivery_state = 'failed' AND msg_type IN ('template', 'notice')") \
	X(notice_of, ROW(notice_msg), (long long msg), (I(msg)), \
	    "SELECT channel_id, follower_id, msg_type kind, " MSG_TPL("m") " wx_id " \
	    "FROM messages m WHERE id = ?") \
	/* WeChat's later result of a template, stored before its msgid was \
	 * known here: read with a lock, so a result being stored is waited for */ \
	X(notice_early_result, CUSTOM, (), (I), \
	    "SELECT JSON_VALUE(e.fields, '$.Status') FROM messages m JOIN messages e ON " \
	    "e.channel_id = m.channel_id AND e.wx_msg_id = m.wx_msg_id AND e.direction = 'in' " \
	    "AND e.event = 'TEMPLATESENDJOBFINISH' WHERE m.id = ? AND m.msg_type = 'template' " \
	    "LIMIT 1 LOCK IN SHARE MODE") \
	/* the template of a result, locked: one being marked delivered is waited for */ \
	X(notice_by_wx_id, CUSTOM, (), (I, S), \
	    "SELECT id FROM messages WHERE channel_id = ? AND wx_msg_id = ? AND direction = 'out' " \
	    "AND msg_type = 'template' LIMIT 1 LOCK IN SHARE MODE") \
	X(notice_channel_of, COUNT, (long long msg), (I(msg)), \
	    "SELECT channel_id FROM messages WHERE id = ?") \
	/* WeChat's later result, a failure: counted with the message's chat */ \
	X(notice_unseen, CUSTOM, (), (I, S, I), \
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, " \
	    "operator_id, chat_id, vbin, detail, qr_code_id) SELECT FROM_UNIXTIME(?), " \
	    "'template_failed', ch.brand_id, m.channel_id, IFNULL(c.department_id, 0), " \
	    "IFNULL(m.author_id, 0), m.chat_id, -1, LEFT(?, 64), c.qr_code_id FROM messages m " \
	    "JOIN channels ch ON ch.id = m.channel_id LEFT JOIN chats c ON c.id = m.chat_id " \
	    "WHERE m.id = ?")
DB_STATEMENTS(NOTICE_STATEMENTS, db_table_notices)

struct senders {
	long long   id;
	const char *mode, *users;
};

static enum dbrc
senders_step(struct pool *p, void *arg)
{
	struct senders *s = arg;
	enum dbrc       rc;

	if ((rc = RUN(DBS_notice_tpl_mode, p, NULL, S(s->mode), I(s->id))) != DB_OK ||
	    (rc = RUN(DBS_notice_tpl_unchoose, p, NULL, I(s->id))) != DB_OK)
		return rc;
	if (*s->users == '\0')
		return DB_OK;
	return RUN(DBS_notice_tpl_choose, p, NULL, I(s->id), S(s->users), I(s->id));
}

enum dbrc
db_notice_tpl_senders(struct pool *p, long long id, const char *senders, const char *users)
{
	struct senders s = { id, senders, users ? users : "" };

	return db_txn(p, senders_step, &s);
}

long long
db_notice_quota_left(struct pool *p, long long channel, time_t now)
{
	return db_notice_quota_left_on(p, channel, notice_day(p, now));
}

enum dbrc
db_notice_quota_spent(struct pool *p, long long channel, time_t now)
{
	return db_notice_quota_fill(p, channel, notice_day(p, now));
}

/* one of the day's template sends, in the caller's transaction (DB_NOTFOUND: none left) */
enum dbrc
db_notice_quota_use(struct pool *p, long long channel, const char *day)
{
	enum dbrc rc = RUN(DBS_notice_quota_row, p, NULL, I(channel), S(day));

	return rc != DB_OK ? rc : db_notice_quota_take(p, channel, day);
}

/* a template's later result status (not "success"): counted once. Whichever
 * of the two sides comes second counts it: the sender marking the message
 * delivered (which reads a result stored already), or the result's push
 * (which reads a message marked delivered already); each reads the other
 * with a lock, so one being written is waited for. */
static enum dbrc
unseen(struct pool *p, long long msg, const char *status, time_t now)
{
	if (status == NULL || strcmp(status, "success") == 0)
		return DB_OK;
	return RUN(DBS_notice_unseen, p, NULL, I((long long)now), S(status), I(msg));
}

enum dbrc
db_notice_finished(struct pool *p, long long channel, const char *msgid, const char *status,
    time_t now)
{
	struct dbres m;
	enum dbrc    rc = RUN(DBS_notice_by_wx_id, p, &m, I(channel), S(msgid));

	if (rc != DB_OK || m.nrows == 0)
		return rc;	/* (not marked yet: the sender counts it) */
	return unseen(p, db_int(&m, 0, 0), status, now);
}

struct delivered {
	long long   msg;
	const char *msgid;
	time_t      now;
};

static enum dbrc
delivered_step(struct pool *p, void *arg)
{
	struct delivered *x = arg;
	struct dbres      res;
	enum dbrc         rc = db_notice_delivered(p, x->msg, x->msgid);

	if (rc != DB_OK)
		return rc;
	if ((rc = RUN(DBS_notice_early_result, p, &res, I(x->msg))) != DB_OK ||
	    res.nrows == 0)
		return rc;
	return unseen(p, x->msg, db_cell(&res, 0, 0), x->now);
}

enum dbrc
db_notice_mark_delivered(struct pool *p, long long msg, const char *msgid, time_t now)
{
	struct delivered x = { msg, msgid ? msgid : "", now };

	return db_txn(p, delivered_step, &x);
}
