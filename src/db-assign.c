/*
 * db-assign.c: the statements of presence and chat routing (assign.c), in
 * a table of their own. Every offer, acceptance, decline, timeout and
 * reassignment is a conditional change of the chat's row, so that two
 * workers or two web nodes never give a chat to two people.
 */
#include <stddef.h>

#include "db-run.h"
#include "assign.h"
#include "wx.h"
#include "reports.h"

/* chats in hand: active and answered by the user, or offered to them */
#define HAND(u) "((SELECT COUNT(*) FROM chats a WHERE a.operator_id = " u " AND " \
	"a.state = 'active') + (SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = " u \
	" AND o.state IN ('waiting', 'missed')))"

/*
 * An operator WeChat can reach (alerts.h): bound to an active account whose
 * window is open for them (their last message to it after the given time,
 * fewer than WeChat's 5 messages since). Such an operator is alerted on
 * their phone while no page of theirs is open, so they may still be offered
 * a chat that nobody with a page open can take, and keep an offer when their
 * page closes.
 */
#define REACHABLE(u) "EXISTS (SELECT 1 FROM alert_bindings rb JOIN channels rc ON " \
	"rc.id = rb.channel_id AND rc.state = 'active' WHERE rb.user_id = " u " AND " \
	"rb.last_in_at > FROM_UNIXTIME(?) AND rb.sent < " WX_SQL(WX_REPLIES_IN_ROW) ")"
/* an offer to the user the worker alerted them of (job-alerts.c) */
#define ALERTED(chat, u) "EXISTS (SELECT 1 FROM offers ao WHERE ao.chat_id = " chat " AND " \
	"ao.user_id = " u " AND ao.outcome IS NULL AND ao.alerted_at IS NOT NULL)"

/*
	 * The presence report's filters (report_filter: 0 is any). A person's
	 * status and chats in hand are not a brand's: under a brand, account
	 * or department they are those of the people who serve it, the members
	 * of its departments (an account's: of its brand's departments, where
	 * its chats can go); with none chosen, everyone's.
	 */
#define REP_SERVES(u) "(? + ? + ? = 0 OR " u " IN (SELECT m.user_id FROM department_members m " \
	"JOIN departments d ON d.id = m.department_id WHERE ? IN (0, d.brand_id) AND ? IN (0, d.id) " \
	"AND (? = 0 OR d.brand_id = (SELECT x.brand_id FROM channels x WHERE x.id = ?))))"
/* REP_SERVES's parameters */
#define SERVES_ARGS(f) I((f)->brand), I((f)->channel), I((f)->department), I((f)->brand), \
	I((f)->department), I((f)->channel), I((f)->channel)
#define ASSIGN_STATEMENTS(X) \
	/* a choice made from a page: the person is there, idle or not */ \
	X(rt_presence_set, CUSTOM, (), (S, I, I, S), \
	    "UPDATE users SET presence = ?, presence_since = FROM_UNIXTIME(?), idle_since = NULL " \
	    "WHERE id = ? AND (presence <> ? OR idle_since IS NOT NULL)") \
	X(rt_presence_log, CUSTOM, (), (I, S, S, I), \
	    "INSERT INTO presence_log (user_id, presence, why, at) " \
	    "VALUES (?, ?, ?, FROM_UNIXTIME(?))") \
	X(presence_seen, EXEC, (long long user, long long now), (I(now), I(user)), \
	    "UPDATE users SET console_seen_at = FROM_UNIXTIME(?) WHERE id = ?") \
	/* the page's last words (closed, hidden): its heartbeat lapses a few \
	 * seconds from now unless another page of theirs beats meanwhile */ \
	X(presence_gone, EXEC, (long long user, long long lapse_at), \
	    (I(lapse_at), I(lapse_at), I(user)), \
	    "UPDATE users SET console_seen_at = LEAST(IFNULL(console_seen_at, FROM_UNIXTIME(?)), " \
	    "FROM_UNIXTIME(?)) WHERE id = ?") \
	/* a heartbeat after idle: the status they chose holds again */ \
	X(rt_back, CUSTOM, (), (I), \
	    "UPDATE users SET idle_since = NULL WHERE id = ? AND idle_since IS NOT NULL") \
	X(rt_back_log, CUSTOM, (), (I, I), \
	    "INSERT INTO presence_log (user_id, presence, why, at) " \
	    "SELECT id, presence, 'back', FROM_UNIXTIME(?) FROM users WHERE id = ?") \
	/* present, not yet idle, but no page has beaten since the cutoff */ \
	X(idle_users, ROWS(idle_users), (long long cutoff), (I(cutoff)), \
	    "SELECT id FROM users WHERE presence IN ('available', 'busy') AND idle_since IS NULL " \
	    "AND (console_seen_at IS NULL OR console_seen_at < FROM_UNIXTIME(?)) LIMIT 500") \
	/* idle: away for the reports, offered nothing; the status stays theirs */ \
	X(rt_idle_away, CUSTOM, (), (I, I, I), \
	    "UPDATE users SET idle_since = FROM_UNIXTIME(?) " \
	    "WHERE id = ? AND presence <> 'away' AND idle_since IS NULL AND " \
	    "(console_seen_at IS NULL OR console_seen_at < FROM_UNIXTIME(?))") \
	X(offers_expired, ROWS(offers_expired), (long long now), (I(now)), \
	    "SELECT id, offer_user_id FROM chats WHERE offer_until < FROM_UNIXTIME(?) " \
	    "LIMIT 500") \
	X(rt_expire, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET offer_user_id = NULL, offer_until = NULL " \
	    "WHERE id = ? AND offer_user_id = ? AND offer_until < FROM_UNIXTIME(?)") \
	/* offers to someone whose browser is gone: back to the queue at once, \
	 * unless WeChat can reach them (then they are alerted, and the offer \
	 * runs to its deadline) */ \
	X(offers_lapsed, ROWS(offers_expired), (long long cutoff, long long now), \
	    (I(cutoff), I(now - WX_WINDOW)), \
	    "SELECT c.id, c.offer_user_id FROM users u JOIN chats c ON c.offer_user_id = u.id " \
	    "WHERE u.console_seen_at < FROM_UNIXTIME(?) AND NOT " REACHABLE("u.id") " AND NOT " \
	    ALERTED("c.id", "u.id") " LIMIT 500") \
	X(rt_lapse, CUSTOM, (), (I, I, I, I), \
	    "UPDATE chats c JOIN users u ON u.id = c.offer_user_id " \
	    "SET c.offer_user_id = NULL, c.offer_until = NULL " \
	    "WHERE c.id = ? AND c.offer_user_id = ? AND u.console_seen_at < FROM_UNIXTIME(?) " \
	    "AND NOT " REACHABLE("u.id") " AND NOT " ALERTED("c.id", "u.id")) \
	X(rt_offer_end, CUSTOM, (), (S, I, I, I), \
	    "UPDATE offers SET outcome = ?, ended_at = FROM_UNIXTIME(?) " \
	    "WHERE chat_id = ? AND user_id = ? AND outcome IS NULL") \
	/* a chat picked up: the picker's offer accepted, anyone else's withdrawn */ \
	X(offers_settle, EXEC, (long long chat, long long user, long long now), \
	    (I(user), I(now), I(chat)), \
	    "UPDATE offers SET outcome = IF(user_id = ?, 'accepted', 'withdrawn'), " \
	    "ended_at = FROM_UNIXTIME(?) WHERE chat_id = ? AND outcome IS NULL") \
	/* open offers whose chat is no longer offered to them (missed, closed, \
	 * transferred, or left behind by a worker that stopped half-way) */ \
	X(offers_sweep, EXEC, (long long now), (I(now)), \
	    "UPDATE offers o JOIN chats c ON c.id = o.chat_id " \
	    "SET o.outcome = 'withdrawn', o.ended_at = FROM_UNIXTIME(?) " \
	    "WHERE o.outcome IS NULL AND NOT (c.offer_user_id <=> o.user_id AND " \
	    "c.state IN ('waiting', 'missed'))") \
	/* the queue of the routed departments, at their places: missed chats \
	 * stay where they were and are still offered */ \
	X(route_queue, ROWS(route_queue), (), (), \
	    "SELECT c.id, c.department_id FROM departments d JOIN chats c ON " \
	    "c.state IN ('waiting', 'missed') AND c.department_id = d.id AND " \
	    "c.offer_user_id IS NULL WHERE d.routing <> 'everyone' " \
	    "ORDER BY IFNULL(c.queued_at, c.state_since), c.id LIMIT 1000") \
	/* one offer at a time per department, on any node: the turn and the \
	 * counts read after this are the ones the offer is made on */ \
	X(route_dept_hold, DONE, (long long dept), (I(dept)), \
	    "UPDATE departments SET rr_seq = rr_seq + 1 WHERE id = ? AND routing <> 'everyone'") \
	/* \
	 * Whose turn: an available member whose browser is there (a heartbeat \
	 * since the cutoff) or, after all of those, one WeChat can reach (an \
	 * alert goes to their phone), below their limit, who has not declined \
	 * or let pass this chat in its present state (a chat that turns missed \
	 * is offered round again) nor handed it on since it took its place in \
	 * the queue; the operator of the QR code the chat came with first (qr.h), \
	 * then least busy first where the department says so, then \
	 * whoever was offered one longest ago (round robin). \
	 */ \
	X(route_candidate, ROW(route_candidate), (long long dept, long long chat, \
	    long long seen_after, long long now), \
	    (I(seen_after), I(dept), I(seen_after), I(now - WX_WINDOW), I(chat), I(chat)), \
	    "SELECT user_id, offer_seconds, lim FROM (SELECT m.user_id, d.offer_seconds, " \
	    "d.routing, m.turn, " HAND("m.user_id") " hand, COALESCE(d.chat_limit, " \
	    "u.chat_limit) lim, IFNULL(u.console_seen_at >= FROM_UNIXTIME(?), 0) present " \
	    "FROM department_members m JOIN users u ON u.id = m.user_id " \
	    "JOIN departments d ON d.id = m.department_id WHERE m.department_id = ? AND " \
	    "u.disabled = 0 AND u.presence = 'available' AND (u.console_seen_at >= " \
	    "FROM_UNIXTIME(?) OR " REACHABLE("m.user_id") ") AND NOT EXISTS (SELECT 1 FROM " \
	    "offers x JOIN chats c ON " \
	    "c.id = x.chat_id WHERE x.chat_id = ? AND x.user_id = m.user_id AND " \
	    "((x.outcome IN ('declined', 'timeout') AND x.offered_at >= c.state_since) OR " \
	    "(x.outcome = 'transferred' AND x.offered_at >= IFNULL(c.queued_at, c.state_since))))) t " \
	    "WHERE hand < lim ORDER BY present DESC, user_id <=> (SELECT preferred_user_id FROM " \
	    "chats WHERE id = ?) DESC, IF(routing = 'least_busy', hand, 0), turn, " \
	    "user_id LIMIT 1") \
	/* the user, held for this offer (a write: on a cluster, a conflicting \
	 * offer on another node fails its commit) */ \
	X(route_user_hold, DONE, (long long user), (I(user)), \
	    "UPDATE users SET offer_seq = offer_seq + 1 WHERE id = ? AND presence = 'available' " \
	    "AND disabled = 0") \
	X(rt_hand, CUSTOM, (), (I, I), \
	    "SELECT " HAND("?")) \
	X(rt_offer, CUSTOM, (), (I, I, I, I), \
	    "UPDATE chats SET offer_user_id = ?, offer_until = FROM_UNIXTIME(?) " \
	    "WHERE id = ? AND state IN ('waiting', 'missed') AND offer_user_id IS NULL " \
	    "AND department_id = ?") \
	X(rt_turn, CUSTOM, (), (I, I), \
	    "UPDATE department_members m JOIN departments d ON d.id = m.department_id " \
	    "SET m.turn = d.rr_seq WHERE m.department_id = ? AND m.user_id = ?") \
	X(rt_offer_log, CUSTOM, (), (I, I, I, I), \
	    "INSERT INTO offers (chat_id, user_id, department_id, offered_at) " \
	    "VALUES (?, ?, ?, FROM_UNIXTIME(?))") \
	/* the sender of a transfer: not offered the chat while it waits in that queue */ \
	X(offer_handed_on, EXEC, (long long chat, long long user, long long dept, long long now), \
	    (I(chat), I(user), I(dept), I(now), I(now)), \
	    "INSERT INTO offers (chat_id, user_id, department_id, offered_at, outcome, ended_at) " \
	    "VALUES (?, ?, NULLIF(?, 0), FROM_UNIXTIME(?), 'transferred', FROM_UNIXTIME(?))") \
	X(rt_decline, CUSTOM, (), (I, I), \
	    "UPDATE chats SET offer_user_id = NULL, offer_until = NULL " \
	    "WHERE id = ? AND offer_user_id = ? AND state IN ('waiting', 'missed')") \
	X(my_offer, ROW(my_offer), (long long user, long long now), (I(user), I(now)), \
	    "SELECT c.id, UNIX_TIMESTAMP(c.offer_until) until, COALESCE(f.alias, NULLIF(f.remark, ''), f.openid) follower, d.name, " \
	    "UNIX_TIMESTAMP(c.state_since) waiting FROM chats c JOIN followers f ON f.id = c.follower_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id WHERE c.offer_user_id = ? " \
	    "AND c.state IN ('waiting', 'missed') AND c.offer_until >= FROM_UNIXTIME(?) " \
	    "ORDER BY c.offer_until LIMIT 1") \
	/* a transfer to a colleague in a routed department: offered to them, \
	 * only while they are available and their browser is there */ \
	X(rt_offer_to_user, CUSTOM, (), (I, I, I, I, I, I, I), \
	    "UPDATE chats c JOIN department_members m ON m.department_id = c.department_id " \
	    "AND m.user_id = ? JOIN users u ON u.id = m.user_id AND u.disabled = 0 " \
	    "AND u.presence = 'available' AND u.console_seen_at >= FROM_UNIXTIME(?) " \
	    "JOIN departments d ON d.id = c.department_id AND d.routing <> 'everyone' " \
	    "SET c.operator_id = NULL, c.state = 'waiting', c.offer_user_id = u.id, " \
	    "c.offer_until = FROM_UNIXTIME(?) + INTERVAL d.offer_seconds SECOND, " \
	    "c.last_activity_at = FROM_UNIXTIME(?), c.state_since = FROM_UNIXTIME(?), " \
	    "c.queued_at = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' " \
	    "AND NOT (c.offer_user_id <=> u.id)") \
	/* the board: departments with their queue, a page at a time */ \
	X(board_depts, ROWS(board_depts), (long long member, long long brand, long long limit, \
	    long long offset), \
	    (I(member), I(member), I(brand), I(brand), I(limit), I(offset)), \
	    "SELECT d.id, d.name, b.name brand, d.routing, q.waiting, q.oldest, q.missed, q.offered " \
	    "FROM departments d JOIN brands b ON b.id = d.brand_id LEFT JOIN (SELECT " \
	    "c.department_id, COUNT(*) waiting, " \
	    "UNIX_TIMESTAMP(MIN(IFNULL(c.queued_at, c.state_since))) oldest, " \
	    "SUM(c.state = 'missed') missed, SUM(c.offer_user_id IS NOT NULL) offered " \
	    "FROM chats c WHERE c.state IN ('waiting', 'missed') GROUP BY c.department_id) q " \
	    "ON q.department_id = d.id " \
	    "WHERE (? = 0 OR d.id IN (SELECT department_id FROM department_members WHERE " \
	    "user_id = ?)) AND (? = 0 OR d.brand_id = ?) ORDER BY b.name, d.name LIMIT ? OFFSET ?") \
	X(rt_board_dept_count, CUSTOM, (), (I, I, I, I), \
	    "SELECT COUNT(*) FROM departments d WHERE (? = 0 OR d.id IN (SELECT department_id " \
	    "FROM department_members WHERE user_id = ?)) AND (? = 0 OR d.brand_id = ?)") \
	X(board_members, ROWS(board_members), (long long dept), (I(dept)), \
	    "SELECT u.id, u.name, u.presence, UNIX_TIMESTAMP(u.presence_since) since, " \
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0) seen, UNIX_TIMESTAMP(u.idle_since) idle, " \
	    "(SELECT COUNT(*) FROM chats a WHERE a.operator_id = u.id AND a.state = 'active') active, " \
	    "(SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = u.id AND " \
	    "o.state IN ('waiting', 'missed')) offered, " \
	    "COALESCE(d.chat_limit, u.chat_limit) chat_limit FROM department_members m " \
	    "JOIN users u ON u.id = m.user_id JOIN departments d ON d.id = m.department_id " \
	    "WHERE m.department_id = ? AND u.disabled = 0 " \
	    "ORDER BY FIELD(u.presence, 'available', 'busy', 'away'), u.name") \
	/* one worker samples each minute */ \
	X(rt_sample_claim, CUSTOM, (), (I, I), \
	    "UPDATE load_sampler SET sampled_at = FROM_UNIXTIME(?) WHERE id = 1 AND " \
	    "sampled_at < FROM_UNIXTIME(?)") \
	/* the queue: a row per department and account with chats waiting \
	 * (missed ones too: they are still in it, at their place) */ \
	X(rt_sample_depts, CUSTOM, (), (I, I), \
	    "INSERT INTO load_samples (at, department_id, channel_id, waiting, longest_wait) " \
	    "SELECT FROM_UNIXTIME(?), c.department_id, c.channel_id, COUNT(*), GREATEST(0, MAX(? - " \
	    "UNIX_TIMESTAMP(IFNULL(c.queued_at, c.state_since)))) FROM chats c " \
	    "WHERE c.state IN ('waiting', 'missed') AND " \
	    "c.department_id IS NOT NULL GROUP BY c.department_id, c.channel_id") \
	X(rt_sample_users, CUSTOM, (), (I), \
	    "INSERT INTO load_samples (at, user_id, in_hand) SELECT FROM_UNIXTIME(?), u.id, " \
	    HAND("u.id") " FROM users u WHERE u.disabled = 0 AND (u.presence <> 'away' OR " \
	    "EXISTS (SELECT 1 FROM chats a WHERE a.operator_id = u.id AND a.state = 'active'))") \
	/* \
	 * Each user's presence intervals that overlap [from, to), clipped to it, \
	 * with the start and end as local times of the zone (each interval ends \
	 * where the next change begins; the last one now, or at to). \
	 */ \
	X(rt_rep_intervals, CUSTOM_ROWS(rep_presence), (), (I, S, I, S, I, I, I, I, I, I, I, I, \
	    I, I, I, I, I), \
	    "SELECT user_id, presence, CONVERT_TZ(GREATEST(at, FROM_UNIXTIME(?)), '+00:00', ?) start, " \
	    "CONVERT_TZ(LEAST(e, FROM_UNIXTIME(?)), '+00:00', ?) end FROM (SELECT user_id, presence, at, " \
	    "IFNULL(LEAD(at) OVER (PARTITION BY user_id ORDER BY at, id), FROM_UNIXTIME(?)) e " \
	    "FROM presence_log WHERE ? IN (0, user_id) AND " REP_SERVES("user_id") " AND " \
	    "(at >= FROM_UNIXTIME(?) OR id IN (SELECT MAX(id) FROM presence_log " \
	    "WHERE at < FROM_UNIXTIME(?) GROUP BY user_id)) AND at < FROM_UNIXTIME(?)) i " \
	    "WHERE e > FROM_UNIXTIME(?) AND e > at ORDER BY user_id, at") \
	/* offers of the chats of the brand, account and department (the one \
	 * the chat was offered in) */ \
	X(rep_offers, ROWS(rep_offers), (const struct report_filter *f), \
	    (S(f->zone), I((long long)f->from), I((long long)f->to), I(f->brand), I(f->channel), \
	    I(f->department), I(f->operator)), \
	    "SELECT o.user_id, DATE(CONVERT_TZ(o.offered_at, '+00:00', ?)) day, " \
	    "SUM(o.outcome = 'accepted') accepted, SUM(o.outcome = 'declined') declined, SUM(o.outcome = 'timeout') timeout, " \
	    "SUM(o.outcome IS NULL OR o.outcome = 'withdrawn') other FROM offers o " \
	    "JOIN chats c ON c.id = o.chat_id JOIN channels ch ON ch.id = c.channel_id " \
	    "WHERE o.offered_at >= FROM_UNIXTIME(?) AND o.offered_at < FROM_UNIXTIME(?) AND " \
	    "? IN (0, ch.brand_id) AND ? IN (0, c.channel_id) AND ? IN (0, o.department_id) " \
	    "AND ? IN (0, o.user_id) AND (o.outcome IS NULL OR o.outcome <> 'transferred') " \
	    "GROUP BY 1, 2") \
	X(rep_hand, ROWS(rep_hand), (const struct report_filter *f), \
	    (S(f->zone), I((long long)f->from), I((long long)f->to), I(f->operator), \
	    SERVES_ARGS(f)), \
	    "SELECT user_id, DATE(CONVERT_TZ(at, '+00:00', ?)) day, " \
	    "ROUND(AVG(in_hand), 1) avg, MAX(in_hand) max FROM load_samples WHERE user_id IS NOT NULL " \
	    "AND at >= FROM_UNIXTIME(?) AND at < FROM_UNIXTIME(?) AND ? IN (0, user_id) AND " \
	    REP_SERVES("user_id") " GROUP BY 1, 2") \
	/* \
	 * The queue by hour of the day (the zone's), over the range, of the \
	 * brand, account and department (an operator's: of their departments): \
	 * each sampled minute's waiting chats and longest wait, then per hour \
	 * the average waiting, the longest wait, and the minutes' longest on \
	 * average. \
	 */ \
	X(rep_queue, ROWS(rep_queue), (const struct report_filter *f), \
	    (S(f->zone), I((long long)f->from), I((long long)f->to), I(f->brand), I(f->channel), \
	    I(f->department), I(f->operator), I(f->operator)), \
	    "SELECT HOUR(CONVERT_TZ(q.at, '+00:00', ?)) hour, ROUND(AVG(q.w), 1) avg, MAX(q.lw) maxwait, " \
	    "ROUND(AVG(q.lw)) avgwait FROM (SELECT s.at, SUM(s.waiting) w, MAX(s.longest_wait) lw " \
	    "FROM load_samples s JOIN departments d ON d.id = s.department_id " \
	    "WHERE s.at >= FROM_UNIXTIME(?) AND s.at < FROM_UNIXTIME(?) AND " \
	    "? IN (0, d.brand_id) AND ? IN (0, s.channel_id) AND ? IN (0, s.department_id) AND " \
	    "(? = 0 OR s.department_id IN (SELECT m.department_id FROM department_members m " \
	    "WHERE m.user_id = ?)) GROUP BY s.at) q GROUP BY 1 ORDER BY 1") \
	/* with when its followers are offered to leave a message (tell.h; 0 keeps it) */ \
	X(dept_routing_set, EXEC, (long long dept, const char *routing, long long limit, \
	    long long seconds, long long leave_after, long long queue_limit), \
	    (S(routing), I(limit), I(seconds), I(leave_after), I(leave_after), I(queue_limit), \
	    I(queue_limit), I(dept)), \
	    "UPDATE departments SET routing = ?, chat_limit = NULLIF(?, 0), offer_seconds = ?, " \
	    "leave_after_minutes = IF(? = 0, leave_after_minutes, ?), " \
	    "queue_limit = IF(? = 0, queue_limit, ?) WHERE id = ?") \
	X(dept_routing, ROW(dept_routing), (long long dept), (I(dept)), \
	    "SELECT routing, IFNULL(chat_limit, 0) chat_limit, offer_seconds, leave_after_minutes, queue_limit " \
	    "FROM departments WHERE id = ?") \
	X(user_chat_limit_set, EXEC, (long long user, long long limit), (I(limit), I(user)), \
	    "UPDATE users SET chat_limit = ? WHERE id = ?") \
	X(rt_user_limit, CUSTOM, (), (I), \
	    "SELECT chat_limit FROM users WHERE id = ?")
DB_STATEMENTS(ASSIGN_STATEMENTS, db_table_assign)

enum dbrc
db_presence_set(struct pool *p, long long user, const char *presence, const char *why,
    long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_presence_set, p, &out, S(presence), I(now), I(user),
	    S(presence)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_presence_log, p, NULL, I(user), S(presence), S(why), I(now));
	return rc;
}

enum dbrc
db_presence_back(struct pool *p, long long user, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_back, p, &out, I(user)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_back_log, p, NULL, I(now), I(user));
	return rc;
}

enum dbrc
db_idle_away(struct pool *p, long long user, long long cutoff, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_idle_away, p, &out, I(now), I(user), I(cutoff)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_presence_log, p, NULL, I(user), S("away"), S("idle"), I(now));
	return rc;
}

enum dbrc
db_offer_expire(struct pool *p, long long chat, long long user, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_expire, p, &out, I(chat), I(user), I(now)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_offer_end, p, NULL, S("timeout"), I(now), I(chat), I(user));
	return rc;
}

enum dbrc
db_offer_lapse(struct pool *p, long long chat, long long user, long long cutoff, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_lapse, p, &out, I(chat), I(user), I(cutoff),
	    I(now - WX_WINDOW)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_offer_end, p, NULL, S("withdrawn"), I(now), I(chat), I(user));
	return rc;
}

enum dbrc
db_offer_decline(struct pool *p, long long chat, long long user, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_decline, p, &out, I(chat), I(user)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_offer_end, p, NULL, S("declined"), I(now), I(chat), I(user));
	return rc;
}

long long
db_route_hand(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(DBS_rt_hand, p, &out, I(user), I(user)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_route_offer(struct pool *p, long long chat, long long dept, long long user,
    long long until, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_offer, p, &out, I(user), I(until), I(chat), I(dept)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_turn, p, NULL, I(dept), I(user));
	if (rc == DB_OK)
		rc = RUN(DBS_rt_offer_log, p, NULL, I(chat), I(user), I(dept), I(now));
	return rc;
}

enum dbrc
db_offer_to_user(struct pool *p, long long chat, long long user, long long dept, long long now)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_offer_to_user, p, &out, I(user),
	    I(now - presence_away_after()), I(now), I(now), I(now), I(now), I(chat)), &out,
	    DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_offer_log, p, NULL, I(chat), I(user), I(dept), I(now));
	return rc;
}

long long
db_board_dept_count(struct pool *p, long long member, long long brand)
{
	struct dbres out;

	if (RUN(DBS_rt_board_dept_count, p, &out, I(member), I(member), I(brand), I(brand)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_load_sample(struct pool *p, long long minute)
{
	struct dbres out;
	enum dbrc    rc = db_changed(RUN(DBS_rt_sample_claim, p, &out, I(minute), I(minute)), &out, DB_NOTFOUND);

	if (rc == DB_OK)
		rc = RUN(DBS_rt_sample_depts, p, NULL, I(minute), I(minute));
	if (rc == DB_OK)
		rc = RUN(DBS_rt_sample_users, p, NULL, I(minute));
	return rc;
}

enum dbrc
db_rep_presence(struct pool *p, const struct report_filter *f, long long to, struct rep_presence **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	long long from = (long long)f->from;

	rc = RUN(DBS_rt_rep_intervals, p, &res, I(from), S(f->zone), I(to), S(f->zone), I(to),
	    I(f->operator), SERVES_ARGS(f), I(from), I(from), I(to), I(from));
	return DB_AS_ROWS(p, rc, &res, rows, n, rep_presence_fill);
}

long long
db_user_chat_limit(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(DBS_rt_user_limit, p, &out, I(user)) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0);
}
