/* db-tell.c: the statements of what followers are told and of their follow-ups (tell.h). */
#include <stddef.h>

#include "db-run.h"
#include "tell.h"

enum tell_stmt {
	TL_TEXTS,
	TL_CHANNEL_TEXTS,
	TL_TEXT_SET,
	TL_TEXT_CLEAR,
	TL_FACTS,
	TL_WAITS,
	TL_NOBODY,
	TL_LEAVE_DUE,
	TL_LEAVE_CLAIM,
	TL_LEAVE_SKIP,
	TL_LEAVE_UNOFFER,
	TL_EXPIRED,
	TL__MAX
};

/* an operator of department d who could take a chat now: available, and a
 * page of theirs beat since the cutoff (assign.h) */
#define THERE(d) "FROM department_members m JOIN users u ON u.id = m.user_id " \
	"WHERE m.department_id = " d " AND u.disabled = 0 AND u.presence = 'available' " \
	"AND u.idle_since IS NULL AND u.console_seen_at >= FROM_UNIXTIME(?)"
/* where a chat stands in its department's queue (waiting and missed chats,
 * at the place they took) */
#define PLACE(c) "IFNULL(" c ".queued_at, " c ".state_since)"

static const struct db_stmt stmts[TL__MAX] = {
	[TL_TEXTS] = { "tl_texts", "SELECT kind, body FROM brand_texts WHERE brand_id = ?",
	    .cols = tell_own_cols },
	/* a WeChat account's brand's texts: a row even when it wrote none */
	[TL_CHANNEL_TEXTS] = { "tl_channel_texts",
	    "SELECT t.kind, t.body, b.follower_language lang FROM channels ch "
	    "JOIN brands b ON b.id = ch.brand_id LEFT JOIN brand_texts t ON t.brand_id = b.id "
	    "WHERE ch.id = ?", .cols = tell_channel_own_cols },
	[TL_TEXT_SET] = { "tl_text_set",
	    "INSERT INTO brand_texts (brand_id, kind, body, updated_at) VALUES (?, ?, ?, "
	    "FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE body = VALUES(body), "
	    "updated_at = VALUES(updated_at)" },
	[TL_TEXT_CLEAR] = { "tl_text_clear",
	    "DELETE FROM brand_texts WHERE brand_id = ? AND kind = ?" },
	/*
	 * A chat that has just entered its department's queue: its brand and
	 * the followers' language, its place (1: next), the queue's length,
	 * the operators who could take it now, and the department's limit.
	 */
	[TL_FACTS] = { "tl_facts",
	    "SELECT b.id brand, b.follower_language lang, c.department_id dept, "
	    "(SELECT COUNT(*) FROM chats q WHERE q.state IN ('waiting', 'missed') AND "
	    "q.department_id = c.department_id AND (" PLACE("q") " < " PLACE("c") " OR ("
	    PLACE("q") " = " PLACE("c") " AND q.id <= c.id))) position, "
	    "(SELECT COUNT(*) FROM chats q WHERE q.state IN ('waiting', 'missed') AND "
	    "q.department_id = c.department_id) queued, "
	    "(SELECT COUNT(*) " THERE("c.department_id") ") available, "
	    "IFNULL(d.queue_limit, 10) queue_limit "
	    "FROM chats c JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id WHERE c.id = ?",
	    .cols = tell_facts_row_cols },
	/*
	 * The waits of the department's chats picked up since then, as a
	 * histogram (the reports' bins): the hours folded already and the
	 * events not folded yet.
	 */
	[TL_WAITS] = { "tl_waits",
	    "SELECT vbin, SUM(n) n FROM (SELECT vbin, n FROM report_hours WHERE kind = 'picked_up' "
	    "AND hour >= FROM_UNIXTIME(?) AND department_id = ? UNION ALL SELECT vbin, 1 "
	    "FROM report_events WHERE rolled = 0 AND kind = 'picked_up' AND at >= FROM_UNIXTIME(?) "
	    "AND department_id = ?) w GROUP BY vbin ORDER BY vbin", .cols = tell_wait_cols },
	/*
	 * Since when nobody could take a chat in each department: set when the
	 * last one goes, cleared when one is there again. Only the rows that
	 * change are written, so two workers write each change once.
	 */
	[TL_NOBODY] = { "tl_nobody",
	    "UPDATE departments d SET d.nobody_since = IF(d.nobody_since IS NULL, "
	    "FROM_UNIXTIME(?), NULL) WHERE IF(EXISTS (SELECT 1 " THERE("d.id") "), "
	    "d.nobody_since IS NOT NULL, d.nobody_since IS NULL)" },
	/*
	 * Chats in the queue of a department where nobody has been available
	 * for its minutes, that have waited that long themselves, and were not
	 * offered to leave a message yet: oldest first.
	 */
	[TL_LEAVE_DUE] = { "tl_leave_due",
	    "SELECT c.id chat, c.channel_id channel, c.follower_id follower, f.openid, ch.app_id, "
	    "ch.app_secret_enc secret, ch.brand_id brand, b.follower_language lang, "
	    "d.leave_after_minutes minutes FROM departments d "
	    "JOIN chats c ON c.state IN ('waiting', 'missed') AND c.department_id = d.id "
	    "JOIN followers f ON f.id = c.follower_id JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN brands b ON b.id = ch.brand_id "
	    "WHERE d.nobody_since <= FROM_UNIXTIME(?) - INTERVAL d.leave_after_minutes MINUTE "
	    "AND " PLACE("c") " <= FROM_UNIXTIME(?) - INTERVAL d.leave_after_minutes MINUTE "
	    "AND c.leave_offer IS NULL AND ch.state = 'active' "
	    "ORDER BY " PLACE("c") ", c.id LIMIT 100", .cols = tell_leave_cols },
	/* the offer, once, like any message: one of the 5, within the 48 hours */
	[TL_LEAVE_CLAIM] = { "tl_leave_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, leave_offer = 'offered', "
	    "leave_offered_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('waiting', 'missed') "
	    "AND leave_offer IS NULL AND consecutive_out < 5 AND last_user_msg_at > FROM_UNIXTIME(?)" },
	/* WeChat's rules leave no room for it: not offered */
	[TL_LEAVE_SKIP] = { "tl_leave_skip",
	    "UPDATE chats SET leave_offer = 'skipped' WHERE id = ? AND leave_offer IS NULL "
	    "AND state IN ('waiting', 'missed')" },
	/* claimed, but WeChat did not deliver it: not offered after all */
	[TL_LEAVE_UNOFFER] = { "tl_leave_unoffer",
	    "UPDATE chats SET leave_offer = 'skipped' WHERE id = ? AND leave_offer = 'offered'" },
	/* follow-ups nobody answered whose follower last wrote before then */
	[TL_EXPIRED] = { "tl_expired",
	    "SELECT id chat, channel_id channel, follower_id follower, department_id dept FROM chats "
	    "WHERE followup_open <= FROM_UNIXTIME(?) LIMIT 500", .cols = tell_expired_cols },
};

static void           *prepared[TL__MAX];
static struct db_table tl_table = { stmts, TL__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_tell(void)
{
	return &tl_table;
}

#define RUN(s, p, out, ...) DB_RUN(&tl_table, s, p, out, __VA_ARGS__)

enum dbrc
db_tell_texts(struct pool *p, long long brand, struct tell_own **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TL_TEXTS, p, &out, I(brand));

	return DB_AS_ROWS(p, rc, &out, rows, n, tell_own_fill);
}

enum dbrc
db_tell_channel_texts(struct pool *p, long long channel, struct tell_channel_own **rows,
    size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TL_CHANNEL_TEXTS, p, &out, I(channel));

	return DB_AS_ROWS(p, rc, &out, rows, n, tell_channel_own_fill);
}

enum dbrc
db_tell_text_set(struct pool *p, long long brand, const char *kind, const char *body,
    long long now)
{
	return RUN(TL_TEXT_SET, p, NULL, I(brand), S(kind), S(body), I(now));
}

enum dbrc
db_tell_text_clear(struct pool *p, long long brand, const char *kind)
{
	return RUN(TL_TEXT_CLEAR, p, NULL, I(brand), S(kind));
}

enum dbrc
db_tell_facts(struct pool *p, long long chat, long long seen_after, struct tell_facts_row *row)
{
	struct dbres out;

	return db_as_row(RUN(TL_FACTS, p, &out, I(seen_after), I(chat)), &out, row,
	    tell_facts_row_fill);
}

enum dbrc
db_tell_waits(struct pool *p, long long dept, long long since, struct tell_wait **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TL_WAITS, p, &out, I(since / 3600 * 3600), I(dept), I(since), I(dept));

	return DB_AS_ROWS(p, rc, &out, rows, n, tell_wait_fill);
}

enum dbrc
db_tell_nobody(struct pool *p, long long now, long long seen_after)
{
	return RUN(TL_NOBODY, p, NULL, I(now), I(seen_after));
}

enum dbrc
db_tell_leave_due(struct pool *p, long long now, struct tell_leave **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TL_LEAVE_DUE, p, &out, I(now), I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, tell_leave_fill);
}

enum dbrc
db_tell_leave_claim(struct pool *p, long long chat, long long now, long long window_start)
{
	struct dbres out;

	return db_changed(RUN(TL_LEAVE_CLAIM, p, &out, I(now), I(chat), I(window_start)), &out,
	    DB_CONFLICT);
}

enum dbrc
db_tell_leave_skip(struct pool *p, long long chat)
{
	struct dbres out;

	return db_changed(RUN(TL_LEAVE_SKIP, p, &out, I(chat)), &out, DB_NOTFOUND);
}

enum dbrc
db_tell_leave_unoffer(struct pool *p, long long chat)
{
	struct dbres out;

	return db_changed(RUN(TL_LEAVE_UNOFFER, p, &out, I(chat)), &out, DB_NOTFOUND);
}

enum dbrc
db_tell_expired(struct pool *p, long long cutoff, struct tell_expired **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TL_EXPIRED, p, &out, I(cutoff));

	return DB_AS_ROWS(p, rc, &out, rows, n, tell_expired_fill);
}
