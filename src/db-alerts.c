/* db-alerts.c: the statements of operator alerts through WeChat (alerts.h), in a table of their own. */
#include <stddef.h>

#include "alerts.h"
#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"

enum al_stmt {
	AL_CODE_PURGE,
	AL_CODE_DROP,
	AL_CODE_ADD,
	AL_CODE_TAKE,
	AL_CODE_DEL,
	AL_BIND,
	AL_WHO,
	AL_BOUND,
	AL_RENEW,
	AL_BINDINGS,
	AL_UNREACHED,
	AL_CHANNELS,
	AL_UNBIND,
	AL_OFFERS_DUE,
	AL_MESSAGES_DUE,
	AL_OFFER_CLAIM,
	AL_CHAT_ROW,
	AL_MESSAGE_CLAIM,
	AL_GAP,
	AL_WINDOW_PICK,
	AL_WINDOW_TAKE,
	AL_WINDOW_REFUND,
	AL_WINDOW_SHUT,
	AL_ADD,
	AL_RESULT,
	AL_TEXT,
	AL__MAX
};

/* the active accounts a user may bind to: any (? = 1: supervisors and
 * admins), else those of the brands whose departments they belong to */
#define AL_MAY_USE "ch.state = 'active' AND (? = 1 OR ch.brand_id IN (SELECT d.brand_id " \
	"FROM department_members m JOIN departments d ON d.id = m.department_id " \
	"WHERE m.user_id = ?))"
/* an operator none of whose pages beat since the cutoff */
#define AL_LAPSED(u) "(" u ".console_seen_at IS NULL OR " u ".console_seen_at < FROM_UNIXTIME(?))"
/* a follower's message in an active chat of the operator's that they have
 * not seen: newer than their last heartbeat (a page open then could show
 * it) and than what the chat's page showed them (chat_reads) */
#define AL_MESSAGE_DUE "c.state = 'active' AND u.disabled = 0 AND u.presence <> 'away' AND " \
	AL_LAPSED("u") " AND c.last_user_msg_at > IFNULL(u.console_seen_at, '1970-01-01') " \
	"AND c.last_in_id > IFNULL((SELECT r.seen_id FROM chat_reads r WHERE r.user_id = u.id " \
	"AND r.chat_id = c.id), 0) "

static const struct db_stmt stmts[AL__MAX] = {
	[AL_CODE_PURGE] = { "al_code_purge",
	    "DELETE FROM alert_codes WHERE expires_at < FROM_UNIXTIME(?)" },
	[AL_CODE_DROP] = { "al_code_drop",
	    "DELETE FROM alert_codes WHERE user_id = ? AND channel_id = ?" },
	[AL_CODE_ADD] = { "al_code_add",
	    "INSERT INTO alert_codes (user_id, channel_id, code_hash, expires_at, created_at) "
	    "SELECT ?, ch.id, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?) FROM channels ch "
	    "WHERE ch.id = ? AND " AL_MAY_USE },
	/* a pending code of the account, still valid: whose it is (locked) */
	[AL_CODE_TAKE] = { "al_code_take",
	    "SELECT id, user_id FROM alert_codes WHERE channel_id = ? AND code_hash = ? "
	    "AND expires_at >= FROM_UNIXTIME(?) FOR UPDATE" },
	[AL_CODE_DEL] = { "al_code_del", "DELETE FROM alert_codes WHERE id = ?" },
	/* bound (again): the window opens with the message that carried the code */
	[AL_BIND] = { "al_bind",
	    "INSERT INTO alert_bindings (user_id, channel_id, follower_id, bound_at, last_in_at, "
	    "sent) VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), 0) ON DUPLICATE KEY UPDATE "
	    "follower_id = VALUES(follower_id), bound_at = VALUES(bound_at), "
	    "last_in_at = VALUES(last_in_at), sent = 0" },
	[AL_WHO] = { "al_who",
	    "SELECT u.login, u.name, u.language lang, b.name brand FROM users u JOIN channels ch "
	    "ON ch.id = ? JOIN brands b ON b.id = ch.brand_id WHERE u.id = ?",
	    .cols = alert_who_cols },
	[AL_BOUND] = { "al_bound",
	    "SELECT b.user_id user, u.language lang FROM alert_bindings b JOIN users u "
	    "ON u.id = b.user_id WHERE b.follower_id = ? ORDER BY b.id", .cols = alert_bound_cols },
	/* a message of theirs: WeChat's window for the account opens again */
	[AL_RENEW] = { "al_renew",
	    "UPDATE alert_bindings SET last_in_at = FROM_UNIXTIME(?), sent = 0 "
	    "WHERE follower_id = ?" },
	[AL_BINDINGS] = { "al_bindings",
	    "SELECT b.id, br.name brand, UNIX_TIMESTAMP(b.bound_at) since, "
	    "UNIX_TIMESTAMP(b.last_in_at) last_in, b.sent, f.openid, ch.state = 'active' active "
	    "FROM alert_bindings b "
	    "JOIN channels ch ON ch.id = b.channel_id JOIN brands br ON br.id = ch.brand_id "
	    "JOIN followers f ON f.id = b.follower_id WHERE b.user_id = ? ORDER BY br.name, b.id",
	    .cols = alert_binding_cols },
	/* since the user's last message to any account they are bound to */
	[AL_UNREACHED] = { "al_unreached",
	    "SELECT COUNT(*) FROM alerts WHERE user_id = ? AND state IN ('unsent', 'failed') "
	    "AND created_at > (SELECT MAX(last_in_at) FROM alert_bindings WHERE user_id = ?)" },
	[AL_CHANNELS] = { "al_channels",
	    "SELECT ch.id, br.name brand FROM channels ch JOIN brands br ON br.id = ch.brand_id "
	    "WHERE " AL_MAY_USE " ORDER BY br.name", .cols = alert_channel_cols },
	[AL_UNBIND] = { "al_unbind",
	    "DELETE FROM alert_bindings WHERE id = ? AND user_id = ?" },
	/* open offers to bound operators whose pages stopped beating, not yet alerted */
	[AL_OFFERS_DUE] = { "al_offers_due",
	    "SELECT o.id offer, o.chat_id chat, o.user_id user FROM offers o JOIN chats c "
	    "ON c.id = o.chat_id "
	    "AND c.offer_user_id = o.user_id AND c.state IN ('waiting', 'missed') "
	    "JOIN users u ON u.id = o.user_id WHERE o.outcome IS NULL AND o.alerted_at IS NULL "
	    "AND u.disabled = 0 AND " AL_LAPSED("u") " AND EXISTS (SELECT 1 FROM alert_bindings b "
	    "WHERE b.user_id = o.user_id) LIMIT 200", .cols = alert_due_cols },
	[AL_MESSAGES_DUE] = { "al_messages_due",
	    "SELECT 0 offer, c.id chat, c.operator_id user FROM users u JOIN chats c "
	    "ON c.operator_id = u.id "
	    "LEFT JOIN alert_chats a ON a.chat_id = c.id "
	    "WHERE u.id IN (SELECT user_id FROM alert_bindings) AND " AL_MESSAGE_DUE
	    "AND c.last_user_msg_at > IFNULL(a.covered_at, '1970-01-01') LIMIT 200",
	    .cols = alert_due_cols },
	/* the offer's alert, claimed while it is still open and theirs */
	[AL_OFFER_CLAIM] = { "al_offer_claim",
	    "UPDATE offers o JOIN chats c ON c.id = o.chat_id JOIN users u ON u.id = o.user_id "
	    "SET o.alerted_at = FROM_UNIXTIME(?) WHERE o.id = ? AND o.outcome IS NULL "
	    "AND o.alerted_at IS NULL AND c.offer_user_id = o.user_id "
	    "AND c.state IN ('waiting', 'missed') AND u.disabled = 0 AND " AL_LAPSED("u") },
	/* (ON DUPLICATE KEY, not IGNORE: a duplicate is locked for the update
	 * that follows at once, where IGNORE's shared lock would let two
	 * workers deadlock upgrading theirs) */
	[AL_CHAT_ROW] = { "al_chat_row",
	    "INSERT INTO alert_chats (chat_id, covered_at) VALUES (?, '1970-01-01') "
	    "ON DUPLICATE KEY UPDATE chat_id = chat_id" },
	/* the follower's newest message, claimed for an alert (or for none,
	 * within a minute of the last) while it is still due: a row inserted
	 * or moved on; unchanged when another worker claimed it first */
	[AL_MESSAGE_CLAIM] = { "al_message_claim",
	    "INSERT INTO alert_chats (chat_id, covered_at) SELECT c.id, c.last_user_msg_at "
	    "FROM chats c JOIN users u ON u.id = c.operator_id WHERE c.id = ? AND "
	    "c.operator_id = ? AND " AL_MESSAGE_DUE "ON DUPLICATE KEY UPDATE "
	    "covered_at = GREATEST(covered_at, VALUES(covered_at))" },
	[AL_GAP] = { "al_gap",
	    "UPDATE alert_chats SET alerted_at = FROM_UNIXTIME(?) WHERE chat_id = ? AND "
	    "(alerted_at IS NULL OR alerted_at <= FROM_UNIXTIME(?))" },
	/* a binding of the user's with room in its window: the chat's own
	 * account first, then the one written to last */
	[AL_WINDOW_PICK] = { "al_window_pick",
	    "SELECT b.id FROM alert_bindings b JOIN channels ch ON ch.id = b.channel_id "
	    "AND ch.state = 'active' WHERE b.user_id = ? AND b.last_in_at > FROM_UNIXTIME(?) "
	    "AND b.sent < " WX_SQL(WX_REPLIES_IN_ROW) " ORDER BY b.channel_id = "
	    "(SELECT c.channel_id FROM chats c WHERE c.id = ?) DESC, b.last_in_at DESC LIMIT 1" },
	[AL_WINDOW_TAKE] = { "al_window_take",
	    "UPDATE alert_bindings SET sent = sent + 1 WHERE id = ? AND last_in_at > FROM_UNIXTIME(?) "
	    "AND sent < " WX_SQL(WX_REPLIES_IN_ROW) },
	/* not delivered for a reason of the moment: it does not count */
	[AL_WINDOW_REFUND] = { "al_window_refund",
	    "UPDATE alert_bindings SET sent = GREATEST(sent - 1, 0) WHERE id = ?" },
	/* WeChat says the window is closed (or they unfollowed): until their next message */
	[AL_WINDOW_SHUT] = { "al_window_shut",
	    "UPDATE alert_bindings SET sent = GREATEST(sent, " WX_SQL(WX_REPLIES_IN_ROW) ") "
	    "WHERE id = ?" },
	[AL_ADD] = { "al_add",
	    "INSERT INTO alerts (user_id, chat_id, binding_id, kind, state, created_at) "
	    "VALUES (?, ?, NULLIF(?, 0), ?, ?, FROM_UNIXTIME(?))" },
	[AL_RESULT] = { "al_result", "UPDATE alerts SET state = ?, errcode = ? WHERE id = ?" },
	[AL_TEXT] = { "al_text",
	    "SELECT " FOLLOWER_NAME("f") " follower, br.name brand, "
	    "IFNULL(d.name, '') dept, u.language lang, bf.openid, b.channel_id channel, ch.app_id, "
	    "ch.app_secret_enc secret "
	    "FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels cc ON cc.id = c.channel_id JOIN brands br ON br.id = cc.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id JOIN alert_bindings b ON b.id = ? "
	    "JOIN followers bf ON bf.id = b.follower_id JOIN channels ch ON ch.id = b.channel_id "
	    "JOIN users u ON u.id = b.user_id WHERE c.id = ?", .cols = alert_text_cols },
};

static void           *prepared[AL__MAX];
static struct db_table al_table = { stmts, AL__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_alerts(void)
{
	return &al_table;
}

#define RUN(s, p, out, ...) DB_RUN(&al_table, s, p, out, __VA_ARGS__)

/* a result that should have rows: DB_NOTFOUND when it has none */
static enum dbrc
rows(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_alert_code_purge(struct pool *p, long long now)
{
	return RUN(AL_CODE_PURGE, p, NULL, I(now));
}

enum dbrc
db_alert_code_drop(struct pool *p, long long user, long long channel)
{
	return RUN(AL_CODE_DROP, p, NULL, I(user), I(channel));
}

enum dbrc
db_alert_code_add(struct pool *p, long long user, int sees_all, long long channel,
    const char *hash, long long expires, long long now)
{
	struct dbres out;

	return db_changed(RUN(AL_CODE_ADD, p, &out, I(user), S(hash), I(expires), I(now),
	    I(channel), I(sees_all), I(user)), &out, DB_NOTFOUND);
}

enum dbrc
db_alert_code_take(struct pool *p, long long channel, const char *hash, long long now,
    long long *user)
{
	struct dbres c, out;
	enum dbrc    rc = rows(RUN(AL_CODE_TAKE, p, &c, I(channel), S(hash), I(now)), &c);

	if (rc != DB_OK)
		return rc;
	*user = db_int(&c, 0, 1);
	return db_changed(RUN(AL_CODE_DEL, p, &out, I(db_int(&c, 0, 0))), &out, DB_NOTFOUND);
}

enum dbrc
db_alert_bind(struct pool *p, long long user, long long channel, long long follower,
    long long now)
{
	return RUN(AL_BIND, p, NULL, I(user), I(channel), I(follower), I(now), I(now));
}

enum dbrc
db_alert_who(struct pool *p, long long user, long long channel, struct alert_who *row)
{
	struct dbres out;

	return db_as_row(RUN(AL_WHO, p, &out, I(channel), I(user)), &out, row, alert_who_fill);
}

enum dbrc
db_alert_bound(struct pool *p, long long follower, struct alert_bound *row)
{
	struct dbres out;

	return db_as_row(RUN(AL_BOUND, p, &out, I(follower)), &out, row, alert_bound_fill);
}

enum dbrc
db_alert_renew(struct pool *p, long long follower, long long now)
{
	return RUN(AL_RENEW, p, NULL, I(now), I(follower));
}

enum dbrc
db_alert_bindings(struct pool *p, long long user, struct alert_binding **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(AL_BINDINGS, p, &out, I(user));

	return DB_AS_ROWS(p, rc, &out, rows, n, alert_binding_fill);
}

long long
db_alert_unreached(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(AL_UNREACHED, p, &out, I(user), I(user)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_alert_channels(struct pool *p, long long user, int sees_all, struct alert_channel **rows,
    size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(AL_CHANNELS, p, &out, I(sees_all), I(user));

	return DB_AS_ROWS(p, rc, &out, rows, n, alert_channel_fill);
}

enum dbrc
db_alert_unbind(struct pool *p, long long binding, long long user)
{
	struct dbres out;

	return db_changed(RUN(AL_UNBIND, p, &out, I(binding), I(user)), &out, DB_NOTFOUND);
}

enum dbrc
db_alert_offers_due(struct pool *p, long long cutoff, struct alert_due **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(AL_OFFERS_DUE, p, &out, I(cutoff));

	return DB_AS_ROWS(p, rc, &out, rows, n, alert_due_fill);
}

enum dbrc
db_alert_messages_due(struct pool *p, long long cutoff, struct alert_due **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(AL_MESSAGES_DUE, p, &out, I(cutoff));

	return DB_AS_ROWS(p, rc, &out, rows, n, alert_due_fill);
}

enum dbrc
db_alert_offer_claim(struct pool *p, long long offer, long long now, long long cutoff)
{
	struct dbres out;

	return db_changed(RUN(AL_OFFER_CLAIM, p, &out, I(now), I(offer), I(cutoff)), &out,
	    DB_NOTFOUND);
}

enum dbrc
db_alert_chat_row(struct pool *p, long long chat)
{
	return RUN(AL_CHAT_ROW, p, NULL, I(chat));
}

enum dbrc
db_alert_message_claim(struct pool *p, long long chat, long long user, long long cutoff)
{
	struct dbres out;

	return db_changed(RUN(AL_MESSAGE_CLAIM, p, &out, I(chat), I(user), I(cutoff)), &out,
	    DB_NOTFOUND);
}

enum dbrc
db_alert_gap(struct pool *p, long long chat, long long now)
{
	struct dbres out;

	return db_changed(RUN(AL_GAP, p, &out, I(now), I(chat), I(now - ALERT_GAP)), &out,
	    DB_NOTFOUND);
}

enum dbrc
db_alert_window_pick(struct pool *p, long long user, long long chat, long long window_start,
    long long *binding)
{
	struct dbres out;
	enum dbrc    rc = db_one(RUN(AL_WINDOW_PICK, p, &out, I(user), I(window_start), I(chat)),
	    &out);

	*binding = rc == DB_OK ? db_int(&out, 0, 0) : 0;
	return rc;
}

enum dbrc
db_alert_window_take(struct pool *p, long long binding, long long window_start)
{
	struct dbres out;

	return db_changed(RUN(AL_WINDOW_TAKE, p, &out, I(binding), I(window_start)), &out,
	    DB_NOTFOUND);
}

enum dbrc
db_alert_window_refund(struct pool *p, long long binding)
{
	return RUN(AL_WINDOW_REFUND, p, NULL, I(binding));
}

enum dbrc
db_alert_window_shut(struct pool *p, long long binding)
{
	return RUN(AL_WINDOW_SHUT, p, NULL, I(binding));
}

enum dbrc
db_alert_add(struct pool *p, long long user, long long chat, long long binding, const char *kind,
    const char *state, long long now, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(AL_ADD, p, &out, I(user), I(chat), I(binding), S(kind), S(state),
	    I(now));

	if (rc == DB_OK)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_alert_result(struct pool *p, long long alert, const char *state, long long errcode)
{
	return RUN(AL_RESULT, p, NULL, S(state), I(errcode), I(alert));
}

enum dbrc
db_alert_text(struct pool *p, long long chat, long long binding, struct alert_text *row)
{
	struct dbres out;

	return db_as_row(RUN(AL_TEXT, p, &out, I(binding), I(chat)), &out, row, alert_text_fill);
}
