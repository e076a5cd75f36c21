/* db-csat.c: the statements of satisfaction ratings (csat.c, intake.c, the account page, reports). */
#include <stddef.h>

#include "csat.h"
#include "db-run.h"
#include "channel.h"
#include "reports.h"

enum csat_stmt {
	CT_MARK,
	CT_DUE,
	CT_CLAIM,
	CT_SKIP,
	CT_UNASK,
	CT_OPEN,
	CT_RATE,
	CT_SETTINGS,
	CT_SETTINGS_SET,
	CT_REPORT_DAY,
	CT_REPORT_OPERATOR,
	CT_REPORT_DEPARTMENT,
	CT__MAX
};

/* the chats of the range and filters (brand, channel, department, operator; 0: any) */
#define CSAT_CHATS "FROM chats c JOIN channels ch ON ch.id = c.channel_id "
#define CSAT_RANGE " c.csat_state IS NOT NULL AND c.csat_state <> 'due' AND c.closed_at >= " \
	"FROM_UNIXTIME(?) AND c.closed_at < FROM_UNIXTIME(?) AND ? IN (0, ch.brand_id) " \
	"AND ? IN (0, c.channel_id) AND ? IN (0, c.department_id) AND ? IN (0, c.operator_id) "
#define CSAT_SUMS "SUM(c.csat_state IN ('asked', 'rated')) asked, " \
	"SUM(c.csat_state = 'rated') rated, ROUND(AVG(c.csat_rating), 2) avg "

static const struct db_stmt stmts[CT__MAX] = {
	/*
	 * Chats closed since then by an operator or for idleness, on an account
	 * that asks, that a person answered: an operator's message WeChat
	 * accepted, other than the one the chat was closed with (the bot's
	 * replies, warnings, notes and the question itself have no author; a
	 * pick-up alone sends nothing): due. The others stay NULL, never asked.
	 */
	[CT_MARK] = { "ct_mark",
	    "UPDATE chats c JOIN channel_prefs p ON p.channel_id = c.channel_id AND p.csat_enabled = 1 "
	    "SET c.csat_state = 'due' WHERE c.csat_state IS NULL AND c.closed_at >= FROM_UNIXTIME(?) "
	    "AND c.state = 'closed' AND c.operator_id IS NOT NULL "
	    "AND c.close_reason IN ('operator', 'idle_timeout') AND EXISTS (SELECT 1 FROM messages m "
	    "WHERE m.chat_id = c.id AND m.direction = 'out' AND m.author_id IS NOT NULL "
	    "AND m.closing = 0 AND m.delivery_state = 'delivered')" },
	[CT_DUE] = { "ct_due",
	    "SELECT c.id chat, c.channel_id channel, c.follower_id follower, f.openid, "
	    "p.csat_question question, ch.app_id, ch.app_secret_enc secret, "
	    "b.follower_language lang FROM chats c "
	    "JOIN followers f ON f.id = c.follower_id JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN brands b ON b.id = ch.brand_id JOIN channel_prefs p ON p.channel_id = c.channel_id "
	    "WHERE c.csat_state = 'due' LIMIT 100", .cols = csat_due_cols },
	/* the question counts toward the 5 and needs the 48-hour window */
	[CT_CLAIM] = { "ct_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, csat_state = 'asked', "
	    "csat_asked_at = FROM_UNIXTIME(?) WHERE id = ? AND csat_state = 'due' "
	    "AND consecutive_out < 5 AND last_user_msg_at > FROM_UNIXTIME(?)" },
	[CT_SKIP] = { "ct_skip",
	    "UPDATE chats SET csat_state = 'skipped' WHERE id = ? AND csat_state = 'due'" },
	/* the question claimed, but WeChat did not take it: not asked after all */
	[CT_UNASK] = { "ct_unask",
	    "UPDATE chats SET csat_state = 'skipped', csat_asked_at = NULL "
	    "WHERE id = ? AND csat_state = 'asked'" },
	[CT_OPEN] = { "ct_open",
	    "SELECT c.id chat, b.follower_language lang FROM chats c JOIN channel_prefs p ON p.channel_id = "
	    "c.channel_id JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "WHERE c.follower_id = ? AND c.csat_state = 'asked' AND c.csat_asked_at > "
	    "FROM_UNIXTIME(?) - INTERVAL p.csat_hours HOUR ORDER BY c.id DESC LIMIT 1 FOR UPDATE",
	    .cols = csat_open_cols },
	[CT_RATE] = { "ct_rate",
	    "UPDATE chats SET csat_state = 'rated', csat_rating = ? WHERE id = ? AND csat_state = 'asked'" },
	[CT_SETTINGS] = { "ct_settings",
	    "SELECT csat_enabled enabled, csat_question question, csat_hours hours FROM channel_prefs "
	    "WHERE channel_id = ?", .cols = csat_settings_cols },
	[CT_SETTINGS_SET] = { "ct_settings_set",
	    "UPDATE channel_prefs SET csat_enabled = ?, csat_question = NULLIF(?, ''), csat_hours = ? "
	    "WHERE channel_id = ?" },
	[CT_REPORT_DAY] = { "ct_report_day",
	    "SELECT DATE(CONVERT_TZ(c.closed_at, '+00:00', ?)) bucket, '' name, " CSAT_SUMS
	    CSAT_CHATS "WHERE" CSAT_RANGE "GROUP BY bucket ORDER BY bucket",
	    .cols = csat_figures_cols },
	[CT_REPORT_OPERATOR] = { "ct_report_operator",
	    "SELECT c.operator_id bucket, u.name, " CSAT_SUMS CSAT_CHATS
	    "JOIN users u ON u.id = c.operator_id WHERE" CSAT_RANGE "GROUP BY c.operator_id, u.name "
	    "ORDER BY u.name", .cols = csat_figures_cols },
	[CT_REPORT_DEPARTMENT] = { "ct_report_department",
	    "SELECT c.department_id bucket, d.name, " CSAT_SUMS CSAT_CHATS
	    "JOIN departments d ON d.id = c.department_id WHERE" CSAT_RANGE
	    "GROUP BY c.department_id, d.name ORDER BY d.name", .cols = csat_figures_cols },
};

static void           *prepared[CT__MAX];
static struct db_table ct_table = { stmts, CT__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_csat(void)
{
	return &ct_table;
}

#define RUN(s, p, out, ...) DB_RUN(&ct_table, s, p, out, __VA_ARGS__)

enum dbrc
db_csat_mark(struct pool *p, long long since)
{
	return RUN(CT_MARK, p, NULL, I(since));
}

enum dbrc
db_csat_due(struct pool *p, struct csat_due **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(CT_DUE, p, &out);

	return DB_AS_ROWS(p, rc, &out, rows, n, csat_due_fill);
}

enum dbrc
db_csat_claim(struct pool *p, long long chat, long long now, long long window_start)
{
	struct dbres out;

	return db_changed(RUN(CT_CLAIM, p, &out, I(now), I(chat), I(window_start)), &out, DB_CONFLICT);
}

enum dbrc
db_csat_skip(struct pool *p, long long chat)
{
	return RUN(CT_SKIP, p, NULL, I(chat));
}

enum dbrc
db_csat_unask(struct pool *p, long long chat)
{
	return RUN(CT_UNASK, p, NULL, I(chat));
}

enum dbrc
db_csat_open(struct pool *p, long long follower, long long now, struct csat_open *row)
{
	struct dbres out;

	return db_as_row(RUN(CT_OPEN, p, &out, I(follower), I(now)), &out, row, csat_open_fill);
}

enum dbrc
db_csat_rate(struct pool *p, long long chat, int rating)
{
	struct dbres out;

	return db_changed(RUN(CT_RATE, p, &out, I((long long)rating), I(chat)), &out, DB_CONFLICT);
}

enum dbrc
db_csat_settings(struct pool *p, long long channel, struct csat_settings *row)
{
	struct dbres out;

	return db_as_row(RUN(CT_SETTINGS, p, &out, I(channel)), &out, row, csat_settings_fill);
}

enum dbrc
db_csat_settings_set(struct pool *p, long long channel, int enabled, const char *question,
    long long hours)
{
	return RUN(CT_SETTINGS_SET, p, NULL, I((long long)enabled), S(question), I(hours), I(channel));
}

#define CSAT_ARGS(f) I((long long)(f)->from), I((long long)(f)->to), I((f)->brand), \
	I((f)->channel), I((f)->department), I((f)->operator)

enum dbrc
db_csat_report(struct pool *p, int by, const struct report_filter *f, struct csat_figures **rows,
    size_t *n)
{
	struct dbres out;
	enum dbrc    rc = by == 0 ? RUN(CT_REPORT_DAY, p, &out, S(f->zone), CSAT_ARGS(f)) :
	    RUN(by == 1 ? CT_REPORT_OPERATOR : CT_REPORT_DEPARTMENT, p, &out, CSAT_ARGS(f));

	return DB_AS_ROWS(p, rc, &out, rows, n, csat_figures_fill);
}
