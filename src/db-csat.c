/* db-csat.c: the statements of satisfaction ratings (csat.c, intake.c, the account page, reports). */
#include <stddef.h>

#include "csat.h"
#include "db-run.h"
#include "wx.h"
#include "channel.h"
#include "reports.h"

/* the chats of the range and filters (brand, channel, department, operator; 0: any;
 * the QR codes when by_qr) */
#define CSAT_CHATS "FROM chats c JOIN channels ch ON ch.id = c.channel_id "
#define CSAT_RANGE " c.csat_state IS NOT NULL AND c.csat_state <> 'due' AND c.closed_at >= " \
	"FROM_UNIXTIME(?) AND c.closed_at < FROM_UNIXTIME(?) AND ? IN (0, ch.brand_id) " \
	"AND ? IN (0, c.channel_id) AND ? IN (0, c.department_id) AND ? IN (0, c.operator_id) " \
	"AND (? = 0 OR c.qr_code_id IN (" REP_QR_CODES ")) "
#define CSAT_SUMS "SUM(c.csat_state IN ('asked', 'rated')) asked, " \
	"SUM(c.csat_state = 'rated') rated, ROUND(AVG(c.csat_rating), 2) avg "

#define CSAT_STATEMENTS(X) \
	/* \
	 * Chats closed since then by an operator or for idleness, on an account \
	 * that asks, that a person answered: an operator's message WeChat \
	 * accepted, other than the one the chat was closed with (the bot's \
	 * replies, warnings, notes and the question itself have no author; a \
	 * pick-up alone sends nothing): due. The others stay NULL, never asked. \
	 */ \
	X(csat_mark, EXEC, (long long since), (I(since)), \
	    "UPDATE chats c JOIN channel_prefs p ON p.channel_id = c.channel_id AND p.csat_enabled = 1 " \
	    "SET c.csat_state = 'due' WHERE c.csat_state IS NULL AND c.closed_at >= FROM_UNIXTIME(?) " \
	    "AND c.state = 'closed' AND c.operator_id IS NOT NULL " \
	    "AND c.close_reason IN ('operator', 'idle_timeout') AND EXISTS (SELECT 1 FROM messages m " \
	    "WHERE m.chat_id = c.id AND m.direction = 'out' AND m.author_id IS NOT NULL " \
	    "AND m.closing = 0 AND m.delivery_state = 'delivered')") \
	X(csat_due, ROWS(csat_due), (), (), \
	    "SELECT c.id chat, c.channel_id channel, c.follower_id follower, f.openid, " \
	    "p.csat_question question, ch.app_id, ch.app_secret_enc secret, " \
	    "b.follower_language lang FROM chats c " \
	    "JOIN followers f ON f.id = c.follower_id JOIN channels ch ON ch.id = c.channel_id " \
	    "JOIN brands b ON b.id = ch.brand_id JOIN channel_prefs p ON p.channel_id = c.channel_id " \
	    "WHERE c.csat_state = 'due' LIMIT 100") \
	/* the question counts toward the window's messages and needs it open */ \
	X(csat_claim, ELSE(DB_CONFLICT), (long long chat, long long now, long long window_start), \
	    (I(now), I(chat), I(window_start), I(window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, csat_state = 'asked', " \
	    "csat_asked_at = FROM_UNIXTIME(?) WHERE id = ? AND csat_state = 'due' " \
	    "AND " WX_SQL_SENDABLE("")) \
	X(csat_skip, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET csat_state = 'skipped' WHERE id = ? AND csat_state = 'due'") \
	/* the question claimed, but WeChat did not take it: not asked after all */ \
	X(csat_unask, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET csat_state = 'skipped', csat_asked_at = NULL " \
	    "WHERE id = ? AND csat_state = 'asked'") \
	X(csat_open, ROW(csat_open), (long long follower, long long now), (I(follower), I(now)), \
	    "SELECT c.id chat, b.follower_language lang FROM chats c JOIN channel_prefs p ON p.channel_id = " \
	    "c.channel_id JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id " \
	    "WHERE c.follower_id = ? AND c.csat_state = 'asked' AND c.csat_asked_at > " \
	    "FROM_UNIXTIME(?) - INTERVAL p.csat_hours HOUR ORDER BY c.id DESC LIMIT 1 FOR UPDATE") \
	X(csat_rate, ELSE(DB_CONFLICT), (long long chat, int rating), \
	    (I((long long)rating), I(chat)), \
	    "UPDATE chats SET csat_state = 'rated', csat_rating = ? WHERE id = ? AND csat_state = 'asked'") \
	X(csat_settings, ROW(csat_settings), (long long channel), (I(channel)), \
	    "SELECT csat_enabled enabled, csat_question question, csat_hours hours FROM channel_prefs " \
	    "WHERE channel_id = ?") \
	X(csat_settings_set, EXEC, (long long channel, int enabled, const char *question, \
	    long long hours), \
	    (I((long long)enabled), S(question), I(hours), I(channel)), \
	    "UPDATE channel_prefs SET csat_enabled = ?, csat_question = NULLIF(?, ''), csat_hours = ? " \
	    "WHERE channel_id = ?") \
	X(ct_report_day, CUSTOM_ROWS(csat_figures), (), (S, I, I, I, I, I, I, I, I, S), \
	    "SELECT DATE(CONVERT_TZ(c.closed_at, '+00:00', ?)) bucket, '' name, " CSAT_SUMS \
	    CSAT_CHATS "WHERE" CSAT_RANGE "GROUP BY bucket ORDER BY bucket") \
	X(ct_report_operator, CUSTOM_ROWS(csat_figures), (), (I, I, I, I, I, I, I, I, S), \
	    "SELECT c.operator_id bucket, u.name, " CSAT_SUMS CSAT_CHATS \
	    "JOIN users u ON u.id = c.operator_id WHERE" CSAT_RANGE "GROUP BY c.operator_id, u.name " \
	    "ORDER BY u.name") \
	X(ct_report_department, CUSTOM_ROWS(csat_figures), (), (I, I, I, I, I, I, I, I, S), \
	    "SELECT c.department_id bucket, d.name, " CSAT_SUMS CSAT_CHATS \
	    "JOIN departments d ON d.id = c.department_id WHERE" CSAT_RANGE \
	    "GROUP BY c.department_id, d.name ORDER BY d.name")
DB_STATEMENTS(CSAT_STATEMENTS, db_table_csat)

#define CSAT_ARGS(f) I((long long)(f)->from), I((long long)(f)->to), I((f)->brand), \
	I((f)->channel), I((f)->department), I((f)->operator), I((long long)(f)->by_qr), RF_QR(f)

enum dbrc
db_csat_report(struct pool *p, int by, const struct report_filter *f, struct csat_figures **rows,
    size_t *n)
{
	struct dbres out;
	enum dbrc    rc = by == 0 ? RUN(DBS_ct_report_day, p, &out, S(f->zone), CSAT_ARGS(f)) :
	    RUN(by == 1 ? DBS_ct_report_operator : DBS_ct_report_department, p, &out, CSAT_ARGS(f));

	return DB_AS_ROWS(p, rc, &out, rows, n, csat_figures_fill);
}
