/* db-alerts.c: the statements of operator alerts through WeChat (alerts.h), in a table of their own. */
#include <stddef.h>

#include "alerts.h"
#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"

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

#define ALERTS_STATEMENTS(X) \
	X(alert_code_purge, EXEC, (long long now), (I(now)), \
	    "DELETE FROM alert_codes WHERE expires_at < FROM_UNIXTIME(?)") \
	X(alert_code_drop, EXEC, (long long user, long long channel), (I(user), I(channel)), \
	    "DELETE FROM alert_codes WHERE user_id = ? AND channel_id = ?") \
	X(alert_code_add, DONE, (long long user, int sees_all, long long channel, \
	    const char *hash, long long expires, long long now), \
	    (I(user), S(hash), I(expires), I(now), I(channel), I(sees_all), I(user)), \
	    "INSERT INTO alert_codes (user_id, channel_id, code_hash, expires_at, created_at) " \
	    "SELECT ?, ch.id, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?) FROM channels ch " \
	    "WHERE ch.id = ? AND " AL_MAY_USE) \
	/* a pending code of the account, still valid: whose it is (locked) */ \
	X(al_code_take, CUSTOM, (), (I, S, I), \
	    "SELECT id, user_id FROM alert_codes WHERE channel_id = ? AND code_hash = ? " \
	    "AND expires_at >= FROM_UNIXTIME(?) FOR UPDATE") \
	X(al_code_del, CUSTOM, (), (I), \
	    "DELETE FROM alert_codes WHERE id = ?") \
	/* bound (again): the window opens with the message that carried the code */ \
	X(alert_bind, EXEC, (long long user, long long channel, long long follower, long long now), \
	    (I(user), I(channel), I(follower), I(now), I(now)), \
	    "INSERT INTO alert_bindings (user_id, channel_id, follower_id, bound_at, last_in_at, " \
	    "sent) VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), 0) ON DUPLICATE KEY UPDATE " \
	    "follower_id = VALUES(follower_id), bound_at = VALUES(bound_at), " \
	    "last_in_at = VALUES(last_in_at), sent = 0") \
	X(alert_who, ROW(alert_who), (long long user, long long channel), (I(channel), I(user)), \
	    "SELECT u.login, u.name, u.language lang, b.name brand FROM users u JOIN channels ch " \
	    "ON ch.id = ? JOIN brands b ON b.id = ch.brand_id WHERE u.id = ?") \
	X(alert_bound, ROW(alert_bound), (long long follower), (I(follower)), \
	    "SELECT b.user_id user, u.language lang FROM alert_bindings b JOIN users u " \
	    "ON u.id = b.user_id WHERE b.follower_id = ? ORDER BY b.id") \
	/* a message of theirs: WeChat's window for the account opens again */ \
	X(alert_renew, EXEC, (long long follower, long long now), (I(now), I(follower)), \
	    "UPDATE alert_bindings SET last_in_at = FROM_UNIXTIME(?), sent = 0 " \
	    "WHERE follower_id = ?") \
	X(alert_bindings, ROWS(alert_binding), (long long user), (I(user)), \
	    "SELECT b.id, br.name brand, UNIX_TIMESTAMP(b.bound_at) since, " \
	    "UNIX_TIMESTAMP(b.last_in_at) last_in, b.sent, f.openid, ch.state = 'active' active " \
	    "FROM alert_bindings b " \
	    "JOIN channels ch ON ch.id = b.channel_id JOIN brands br ON br.id = ch.brand_id " \
	    "JOIN followers f ON f.id = b.follower_id WHERE b.user_id = ? ORDER BY br.name, b.id") \
	/* since the user's last message to any account they are bound to */ \
	X(al_unreached, CUSTOM, (), (I, I), \
	    "SELECT COUNT(*) FROM alerts WHERE user_id = ? AND state IN ('unsent', 'failed') " \
	    "AND created_at > (SELECT MAX(last_in_at) FROM alert_bindings WHERE user_id = ?)") \
	X(alert_channels, ROWS(alert_channel), (long long user, int sees_all), \
	    (I(sees_all), I(user)), \
	    "SELECT ch.id, br.name brand FROM channels ch JOIN brands br ON br.id = ch.brand_id " \
	    "WHERE " AL_MAY_USE " ORDER BY br.name") \
	X(alert_unbind, DONE, (long long binding, long long user), (I(binding), I(user)), \
	    "DELETE FROM alert_bindings WHERE id = ? AND user_id = ?") \
	/* open offers to bound operators whose pages stopped beating, not yet alerted */ \
	X(alert_offers_due, ROWS(alert_due), (long long cutoff), (I(cutoff)), \
	    "SELECT o.id offer, o.chat_id chat, o.user_id user FROM offers o JOIN chats c " \
	    "ON c.id = o.chat_id " \
	    "AND c.offer_user_id = o.user_id AND c.state IN ('waiting', 'missed') " \
	    "JOIN users u ON u.id = o.user_id WHERE o.outcome IS NULL AND o.alerted_at IS NULL " \
	    "AND u.disabled = 0 AND " AL_LAPSED("u") " AND EXISTS (SELECT 1 FROM alert_bindings b " \
	    "WHERE b.user_id = o.user_id) LIMIT 200") \
	X(alert_messages_due, ROWS(alert_due), (long long cutoff), (I(cutoff)), \
	    "SELECT 0 offer, c.id chat, c.operator_id user FROM users u JOIN chats c " \
	    "ON c.operator_id = u.id " \
	    "LEFT JOIN alert_chats a ON a.chat_id = c.id " \
	    "WHERE u.id IN (SELECT user_id FROM alert_bindings) AND " AL_MESSAGE_DUE \
	    "AND c.last_user_msg_at > IFNULL(a.covered_at, '1970-01-01') LIMIT 200") \
	/* the offer's alert, claimed while it is still open and theirs */ \
	X(alert_offer_claim, DONE, (long long offer, long long now, long long cutoff), \
	    (I(now), I(offer), I(cutoff)), \
	    "UPDATE offers o JOIN chats c ON c.id = o.chat_id JOIN users u ON u.id = o.user_id " \
	    "SET o.alerted_at = FROM_UNIXTIME(?) WHERE o.id = ? AND o.outcome IS NULL " \
	    "AND o.alerted_at IS NULL AND c.offer_user_id = o.user_id " \
	    "AND c.state IN ('waiting', 'missed') AND u.disabled = 0 AND " AL_LAPSED("u")) \
	/* (ON DUPLICATE KEY, not IGNORE: a duplicate is locked for the update \
	 * that follows at once, where IGNORE's shared lock would let two \
	 * workers deadlock upgrading theirs) */ \
	X(alert_chat_row, EXEC, (long long chat), (I(chat)), \
	    "INSERT INTO alert_chats (chat_id, covered_at) VALUES (?, '1970-01-01') " \
	    "ON DUPLICATE KEY UPDATE chat_id = chat_id") \
	/* the follower's newest message, claimed for an alert (or for none, \
	 * within a minute of the last) while it is still due: a row inserted \
	 * or moved on; unchanged when another worker claimed it first */ \
	X(alert_message_claim, DONE, (long long chat, long long user, long long cutoff), \
	    (I(chat), I(user), I(cutoff)), \
	    "INSERT INTO alert_chats (chat_id, covered_at) SELECT c.id, c.last_user_msg_at " \
	    "FROM chats c JOIN users u ON u.id = c.operator_id WHERE c.id = ? AND " \
	    "c.operator_id = ? AND " AL_MESSAGE_DUE "ON DUPLICATE KEY UPDATE " \
	    "covered_at = GREATEST(covered_at, VALUES(covered_at))") \
	X(alert_gap, DONE, (long long chat, long long now), (I(now), I(chat), I(now - ALERT_GAP)), \
	    "UPDATE alert_chats SET alerted_at = FROM_UNIXTIME(?) WHERE chat_id = ? AND " \
	    "(alerted_at IS NULL OR alerted_at <= FROM_UNIXTIME(?))") \
	/* a binding of the user's with room in its window: the chat's own \
	 * account first, then the one written to last */ \
	X(al_window_pick, CUSTOM, (), (I, I, I), \
	    "SELECT b.id FROM alert_bindings b JOIN channels ch ON ch.id = b.channel_id " \
	    "AND ch.state = 'active' WHERE b.user_id = ? AND b.last_in_at > FROM_UNIXTIME(?) " \
	    "AND b.sent < " WX_SQL(WX_REPLIES_IN_ROW) " ORDER BY b.channel_id = " \
	    "(SELECT c.channel_id FROM chats c WHERE c.id = ?) DESC, b.last_in_at DESC LIMIT 1") \
	X(alert_window_take, DONE, (long long binding, long long window_start), \
	    (I(binding), I(window_start)), \
	    "UPDATE alert_bindings SET sent = sent + 1 WHERE id = ? AND last_in_at > FROM_UNIXTIME(?) " \
	    "AND sent < " WX_SQL(WX_REPLIES_IN_ROW)) \
	/* not delivered for a reason of the moment: it does not count */ \
	X(alert_window_refund, EXEC, (long long binding), (I(binding)), \
	    "UPDATE alert_bindings SET sent = GREATEST(sent - 1, 0) WHERE id = ?") \
	/* WeChat says the window is closed (or they unfollowed): until their next message */ \
	X(alert_window_shut, EXEC, (long long binding), (I(binding)), \
	    "UPDATE alert_bindings SET sent = GREATEST(sent, " WX_SQL(WX_REPLIES_IN_ROW) ") " \
	    "WHERE id = ?") \
	X(alert_add, INSERT, (long long user, long long chat, long long binding, \
	    const char *kind, const char *state, long long now), \
	    (I(user), I(chat), I(binding), S(kind), S(state), I(now)), \
	    "INSERT INTO alerts (user_id, chat_id, binding_id, kind, state, created_at) " \
	    "VALUES (?, ?, NULLIF(?, 0), ?, ?, FROM_UNIXTIME(?))") \
	X(alert_result, EXEC, (long long alert, const char *state, long long errcode), \
	    (S(state), I(errcode), I(alert)), \
	    "UPDATE alerts SET state = ?, errcode = ? WHERE id = ?") \
	X(alert_text, ROW(alert_text), (long long chat, long long binding), (I(binding), I(chat)), \
	    "SELECT " FOLLOWER_NAME("f") " follower, br.name brand, " \
	    "IFNULL(d.name, '') dept, u.language lang, bf.openid, b.channel_id channel, ch.app_id, " \
	    "ch.app_secret_enc secret " \
	    "FROM chats c JOIN followers f ON f.id = c.follower_id " \
	    "JOIN channels cc ON cc.id = c.channel_id JOIN brands br ON br.id = cc.brand_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id JOIN alert_bindings b ON b.id = ? " \
	    "JOIN followers bf ON bf.id = b.follower_id JOIN channels ch ON ch.id = b.channel_id " \
	    "JOIN users u ON u.id = b.user_id WHERE c.id = ?")
DB_STATEMENTS(ALERTS_STATEMENTS, db_table_alerts)

/* a result that should have rows: DB_NOTFOUND when it has none */
static enum dbrc
rows(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_alert_code_take(struct pool *p, long long channel, const char *hash, long long now,
    long long *user)
{
	struct dbres c, out;
	enum dbrc    rc = rows(RUN(DBS_al_code_take, p, &c, I(channel), S(hash), I(now)), &c);

	if (rc != DB_OK)
		return rc;
	*user = db_int(&c, 0, 1);
	return db_changed(RUN(DBS_al_code_del, p, &out, I(db_int(&c, 0, 0))), &out, DB_NOTFOUND);
}

long long
db_alert_unreached(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(DBS_al_unreached, p, &out, I(user), I(user)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_alert_window_pick(struct pool *p, long long user, long long chat, long long window_start,
    long long *binding)
{
	struct dbres out;
	enum dbrc    rc = db_one(RUN(DBS_al_window_pick, p, &out, I(user), I(window_start), I(chat)),
	    &out);

	*binding = rc == DB_OK ? db_int(&out, 0, 0) : 0;
	return rc;
}

