/*
 * db-reports.c: the statements of the reports: the roll-up of report
 * events, the day and hour-of-day levels, the pages' reads (a table of its
 * own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-run.h"
#include "wx.h"
#include "reports.h"

	/*
	 * Reports. The worker folds report_events into report_hours, a batch a
	 * transaction: the batch is claimed first (rolled = 2, which no other
	 * transaction ever sees committed), every level reads exactly the
	 * claimed rows, and the claim becomes rolled = 1 at the end. An event
	 * still being written is waited for; two workers (on one node, or on
	 * two Galera nodes: certification) never fold one twice; an event that
	 * commits meanwhile, whatever its id, waits for the next batch.
	 */
/* an event's UTC hour, as report_hours keys it */
#define REP_AT_HOUR "DATE_FORMAT(at, '%Y-%m-%d %H:00:00')"
	/*
	 * The facts of a range: whole hours folded already, and the events not
	 * folded yet. Each takes the range and the four filters (0: any).
	 * b is a bucket in the viewer's time zone (a date, an hour of the day,
	 * or '' for the whole range); g is a dimension to group by (1 operator,
	 * 2 department, else none).
	 */
#define REP_DIMS3 " AND ? IN (0, brand_id) AND ? IN (0, channel_id) AND ? IN (0, department_id)"
#define REP_DIMS REP_DIMS3 " AND ? IN (0, operator_id)"
	/*
	 * src: report_hours, or (REP_THIN) the hourly counts without operator
	 * and bin; k: a condition on the kind (REP_KIND_IS, or ""); dims: the
	 * filters src has.
	 */
#define REP_FACTS_OF(src, kinds, k, dims) "(SELECT hour, kind, department_id, operator_id, " \
	"detail, vbin, n, total FROM " src " WHERE kind IN (" kinds ")" k " AND hour >= " \
	"FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?)" dims " UNION ALL SELECT " \
	REP_AT_HOUR ", kind, department_id, operator_id, detail, " \
	"vbin, 1, IFNULL(value, 0) FROM report_pending WHERE rolled = 0 AND kind IN (" kinds \
	")" k " AND at >= FROM_UNIXTIME(?) AND at < FROM_UNIXTIME(?)" dims ") f"
#define REP_FACTS(kinds, k) REP_FACTS_OF("report_hours", kinds, k, REP_DIMS)
#define REP_THIN "(SELECT hour, kind, brand_id, channel_id, department_id, 0 operator_id, " \
	"detail, -1 vbin, n, total FROM report_hour_counts)"
/* every kind, and the kinds with a value histogram */
#define REP_ALL_KINDS "'chat_started', 'picked_up', 'first_response', 'missed', 'closed', " \
	"'transferred', 'message_in', 'message_out', 'delivery_failed', 'follow', 'unfollow', " \
	"'first_response_bh', 'followup_received', 'followup_answered', 'followup_expired', 'topic'"
#define REP_BIN_KINDS "'picked_up', 'first_response', 'closed', 'first_response_bh'"
/* of the kinds with a histogram, one (?, twice), or every one (''): ranges of
 * a table keyed by kind first */
#define REP_KIND_IS " AND kind IN (" REP_BIN_KINDS ") AND (? = '' OR kind = ?)"
#define REP_BUCKET "IF(? = '', '', DATE_FORMAT(CONVERT_TZ(hour, '+00:00', ?), ?))"
#define REP_GROUP "CASE ? WHEN 1 THEN operator_id WHEN 2 THEN department_id ELSE 0 END"
	/*
	 * The day and hour-of-day levels (009), in the zone of report_state.
	 * A batch of events and a rebuild from report_hours fold the same way:
	 * src yields h (the UTC hour), the dimensions, n and total.
	 */
#define REP_LOCAL(src) "(SELECT CONVERT_TZ(e.h, '+00:00', s.zone) l, e.kind, e.brand_id, " \
	"e.channel_id, e.department_id, e.operator_id, e.detail, e.vbin, e.n, e.total FROM " \
	src " e JOIN report_state s ON s.id = 1 AND s.zone <> '') x"
#define REP_SRC_EVENTS "(SELECT " REP_AT_HOUR " h, kind, brand_id, " \
	"channel_id, department_id, operator_id, detail, vbin, 1 n, IFNULL(value, 0) total " \
	"FROM report_events WHERE rolled = 2)"
#define REP_SRC_HOURS "(SELECT hour h, kind, brand_id, channel_id, department_id, " \
	"operator_id, detail, vbin, n, total FROM report_hours WHERE kind IN (" REP_ALL_KINDS \
	") AND hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?))"
#define REP_BINNED " WHERE kind IN (" REP_BIN_KINDS ")"
#define REP_FOLD_DC(src) "INSERT INTO report_day_counts (day, kind, brand_id, channel_id, " \
	"department_id, operator_id, detail, n, total) SELECT DATE(l), kind, brand_id, " \
	"channel_id, department_id, operator_id, detail, SUM(n), SUM(total) FROM " \
	REP_LOCAL(src) " GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_DB(src) "INSERT INTO report_day_bins (day, kind, brand_id, channel_id, " \
	"department_id, operator_id, vbin, n) SELECT DATE(l), kind, brand_id, channel_id, " \
	"department_id, operator_id, vbin, SUM(n) FROM " REP_LOCAL(src) REP_BINNED \
	" GROUP BY 1, 2, 3, 4, 5, 6, 7 ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
/* the hourly counts of the whole team (044): UTC hours, without the operator */
#define REP_FOLD_TC(src) "INSERT INTO report_hour_counts (hour, kind, brand_id, channel_id, " \
	"department_id, detail, n, total) SELECT e.h, kind, brand_id, channel_id, department_id, " \
	"detail, SUM(n), SUM(total) FROM " src " e GROUP BY 1, 2, 3, 4, 5, 6 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
/* the month level (044): as the day level, by the local month */
#define REP_FOLD_MC(src) "INSERT INTO report_month_counts (month, kind, brand_id, channel_id, " \
	"department_id, operator_id, detail, n, total) SELECT DATE_FORMAT(l, '%Y-%m-01'), kind, " \
	"brand_id, channel_id, department_id, operator_id, detail, SUM(n), SUM(total) FROM " \
	REP_LOCAL(src) " GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_MB(src) "INSERT INTO report_month_bins (month, kind, brand_id, channel_id, " \
	"department_id, operator_id, vbin, n) SELECT DATE_FORMAT(l, '%Y-%m-01'), kind, brand_id, " \
	"channel_id, department_id, operator_id, vbin, SUM(n) FROM " REP_LOCAL(src) REP_BINNED \
	" GROUP BY 1, 2, 3, 4, 5, 6, 7 ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
#define REP_SPANS " JOIN (SELECT 'day' span UNION ALL SELECT 'month') sp"
#define REP_START "IF(sp.span = 'day', DATE(l), DATE_FORMAT(l, '%Y-%m-01'))"
#define REP_FOLD_HC(src) "INSERT INTO report_hod_counts (span, start, hod, kind, brand_id, " \
	"channel_id, department_id, detail, n, total) SELECT sp.span, " REP_START ", " \
	"HOUR(l), kind, brand_id, channel_id, department_id, detail, SUM(n), SUM(total) " \
	"FROM " REP_LOCAL(src) REP_SPANS " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_HB(src) "INSERT INTO report_hod_bins (span, start, hod, kind, brand_id, " \
	"channel_id, department_id, vbin, n) SELECT sp.span, " REP_START ", HOUR(l), kind, " \
	"brand_id, channel_id, department_id, vbin, SUM(n) FROM " REP_LOCAL(src) REP_SPANS \
	REP_BINNED " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
	/*
	 * A range in the levels' zone: whole local days [?, ?] by day (or as
	 * one when the first ? is 0), or by hour of day from whole local months
	 * [?, ?) and the days around them; each with the events not folded yet
	 * (in [from, to) UTC). Each branch groups first, so only groups are put
	 * together. A histogram is of one kind, or of all three ('').
	 */
#define REP_EV_LOCAL "CONVERT_TZ(" REP_AT_HOUR ", '+00:00', ?)"
#define REP_EV_RANGE " WHERE rolled = 0 AND at >= FROM_UNIXTIME(?) AND at < FROM_UNIXTIME(?)"
#define REP_KIND_OF " AND kind IN (" REP_BIN_KINDS ") AND ? IN ('', kind)"
#define REP_DAY_B "SELECT IF(b IS NULL, '', DATE_FORMAT(b, '%Y-%m-%d')) b, g, kind, "
/*
 * A whole range (one bucket) in any zone, once the levels are built: its
 * whole local months from the month level [?, ?), its other whole local
 * days from the day level [?, ?) and [?, ?), the UTC hours around those
 * from report_hours [?, ?) and [?, ?) (none in the levels' zone), and the
 * events not folded yet. Each branch groups first.
 */
/* the first local midnight at or after a (a local time) */
#define REP_DAY_A "DATE(IF(TIME(a) = '00:00:00', a, a + INTERVAL 1 DAY))"
#define REP_W_MONTHS " WHERE month >= ? AND month < ?"
#define REP_W_DAYS " WHERE (day >= ? AND day < ? OR day >= ? AND day < ?)"
#define REP_W_HOURS " AND (hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?) " \
	"OR hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?))"
#define REP_HOD_SPANS " WHERE (span = 'month' AND start >= ? AND start < ? OR span = 'day' " \
	"AND (start >= ? AND start < ? OR start >= ? AND start <= ?))"

#define REPORTS_STATEMENTS(X) \
	X(rep_lock, CUSTOM, (), (), \
	    "UPDATE report_events SET rolled = 2 WHERE rolled = 0 ORDER BY id LIMIT 5000") \
	X(rep_roll, CUSTOM, (), (), \
	    "INSERT INTO report_hours (hour, kind, brand_id, channel_id, department_id, " \
	    "operator_id, detail, vbin, n, total) SELECT " REP_AT_HOUR ", " \
	    "kind, brand_id, channel_id, department_id, operator_id, detail, vbin, COUNT(*), " \
	    "IFNULL(SUM(value), 0) FROM report_events WHERE rolled = 2 " \
	    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 " \
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)") \
	X(rep_mark, CUSTOM, (), (), \
	    "UPDATE report_events SET rolled = 1 WHERE rolled = 2") \
	/* a viewer's dates in UTC, and today where the viewer is; NULLs for a \
	 * zone the server does not know */ \
	X(report_zone, ROW(report_zone), (const char *zone, const char *from, \
	    const char *to_excl, time_t now), \
	    (S(from), S(zone), S(to_excl), S(zone), I((long long)now), S(zone)), \
	    "SELECT UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')) range_from, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')) range_to, " \
	    "DATE(CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', ?)) day, " \
	    "(SELECT zone FROM report_state WHERE id = 1) zone") \
	/* what the filters offer */ \
	X(report_dims, ROWS(report_dims), (), (), \
	    "SELECT 'brand' kind, id, name, 0 brand_id, NULL app_id, 0 gone FROM brands " \
	    "UNION ALL SELECT 'channel', c.id, b.name, c.brand_id, c.app_id, c.state = 'deleted' " \
	    "FROM channels c JOIN brands b ON b.id = c.brand_id " \
	    "UNION ALL SELECT 'department', d.id, CONCAT(b.name, ' · ', d.name), d.brand_id, NULL, 0 " \
	    "FROM departments d JOIN brands b ON b.id = d.brand_id " \
	    "UNION ALL SELECT 'operator', id, name, 0, NULL, 0 FROM users " \
	    "UNION ALL SELECT 'topic', t.id, CONCAT(b.name, ' · ', t.name), t.brand_id, NULL, 0 " \
	    "FROM close_topics t JOIN brands b ON b.id = t.brand_id " \
	    /* who serves which brand: the brand's operators, an operator's brands */ \
	    "UNION ALL SELECT DISTINCT 'member', m.user_id, '', d.brand_id, NULL, 0 " \
	    "FROM department_members m JOIN departments d ON d.id = m.department_id ORDER BY 1, 3, 5") \
	X(rep_counts, CUSTOM_ROWS(report_counts), (), (S, S, S, I, I, I, I, I, I, I, I, I, I, I, \
	    I, I), \
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM " \
	    REP_FACTS(REP_ALL_KINDS, "") \
	    " GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail") \
	/* the same for the whole team (no operator), from the hourly counts */ \
	X(rep_tcounts, CUSTOM_ROWS(report_counts), (), (S, S, S, I, I, I, I, I, I, I, I, I, I, I), \
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM " \
	    REP_FACTS_OF(REP_THIN " t", REP_ALL_KINDS, "", REP_DIMS3) \
	    " GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail") \
	X(rep_hist, CUSTOM_ROWS(report_hist), (), (S, S, S, I, S, S, I, I, I, I, I, I, S, S, I, I, \
	    I, I, I, I), \
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, vbin, SUM(n) n FROM " \
	    REP_FACTS(REP_BIN_KINDS, REP_KIND_IS) \
	    " GROUP BY b, g, kind, vbin ORDER BY b, g, kind, vbin") \
	/* a roll-up batch waits for a rebuild, and a rebuild for the batches */ \
	X(rep_share, CUSTOM, (), (), \
	    "SELECT zone FROM report_state WHERE id = 1 LOCK IN SHARE MODE") \
	X(rep_fold_dc, CUSTOM, (), (), \
	    REP_FOLD_DC(REP_SRC_EVENTS)) \
	X(rep_fold_db, CUSTOM, (), (), \
	    REP_FOLD_DB(REP_SRC_EVENTS)) \
	X(rep_fold_hc, CUSTOM, (), (), \
	    REP_FOLD_HC(REP_SRC_EVENTS)) \
	X(rep_fold_hb, CUSTOM, (), (), \
	    REP_FOLD_HB(REP_SRC_EVENTS)) \
	X(rep_fold_tc, CUSTOM, (), (), \
	    REP_FOLD_TC(REP_SRC_EVENTS)) \
	X(rep_fold_mc, CUSTOM, (), (), \
	    REP_FOLD_MC(REP_SRC_EVENTS)) \
	X(rep_fold_mb, CUSTOM, (), (), \
	    REP_FOLD_MB(REP_SRC_EVENTS)) \
	/* the levels' zone, and whether the server knows the zone asked for */ \
	X(rep_state_lock, CUSTOM, (), (S), \
	    "SELECT zone, CONVERT_TZ('2000-01-01', '+00:00', ?) IS NOT NULL " \
	    "FROM report_state WHERE id = 1 FOR UPDATE") \
	X(rep_state_set, CUSTOM, (), (S), \
	    "UPDATE report_state SET zone = ? WHERE id = 1") \
	X(rep_hours_span, CUSTOM, (), (), \
	    "SELECT UNIX_TIMESTAMP(MIN(hour)), UNIX_TIMESTAMP(MAX(hour)) FROM report_hours") \
	X(rep_clear_dc, CUSTOM, (), (), \
	    "DELETE FROM report_day_counts") \
	X(rep_clear_db, CUSTOM, (), (), \
	    "DELETE FROM report_day_bins") \
	X(rep_clear_hc, CUSTOM, (), (), \
	    "DELETE FROM report_hod_counts") \
	X(rep_clear_hb, CUSTOM, (), (), \
	    "DELETE FROM report_hod_bins") \
	X(rep_clear_tc, CUSTOM, (), (), \
	    "DELETE FROM report_hour_counts") \
	X(rep_clear_mc, CUSTOM, (), (), \
	    "DELETE FROM report_month_counts") \
	X(rep_clear_mb, CUSTOM, (), (), \
	    "DELETE FROM report_month_bins") \
	X(rep_build_dc, CUSTOM, (), (I, I), \
	    REP_FOLD_DC(REP_SRC_HOURS)) \
	X(rep_build_db, CUSTOM, (), (I, I), \
	    REP_FOLD_DB(REP_SRC_HOURS)) \
	X(rep_build_hc, CUSTOM, (), (I, I), \
	    REP_FOLD_HC(REP_SRC_HOURS)) \
	X(rep_build_hb, CUSTOM, (), (I, I), \
	    REP_FOLD_HB(REP_SRC_HOURS)) \
	X(rep_build_tc, CUSTOM, (), (I, I), \
	    REP_FOLD_TC(REP_SRC_HOURS)) \
	X(rep_build_mc, CUSTOM, (), (I, I), \
	    REP_FOLD_MC(REP_SRC_HOURS)) \
	X(rep_build_mb, CUSTOM, (), (I, I), \
	    REP_FOLD_MB(REP_SRC_HOURS)) \
	/* the whole local days of the levels' zone in the UTC hours [?, ?), \
	 * [lday_from, lday_to), and where they begin and end in UTC; no row \
	 * while the levels are not built */ \
	X(report_span, ROW(report_span), (long long from, long long to), (I(from), I(to)), \
	    "SELECT DATE_FORMAT(" REP_DAY_A ", '%Y-%m-%d') lday_from, " \
	    "DATE_FORMAT(DATE(b), '%Y-%m-%d') lday_to, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(" REP_DAY_A ", zone, '+00:00')) lhour_from, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(DATE(b), zone, '+00:00')) lhour_to FROM " \
	    "(SELECT zone, CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', zone) a, " \
	    "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', zone) b FROM report_state " \
	    "WHERE id = 1 AND zone <> '') x") \
	X(rep_dcounts, CUSTOM_ROWS(report_counts), (), (I, I, S, S, I, I, I, I, I, S, I, I, I, I, \
	    I, I, I), \
	    REP_DAY_B "detail, SUM(n) n, SUM(total) total FROM (SELECT IF(? = 0, NULL, day) b, " \
	    REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM report_day_counts " \
	    "WHERE day >= ? AND day <= ?" REP_DIMS " GROUP BY b, g, kind, detail UNION ALL " \
	    "SELECT IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP ", kind, detail, 1, " \
	    "IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS ") f " \
	    "GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail") \
	X(rep_dhist, CUSTOM_ROWS(report_hist), (), (I, I, S, S, S, S, I, I, I, I, I, S, I, I, I, \
	    S, I, I, I, I), \
	    REP_DAY_B "vbin, SUM(n) n FROM (SELECT IF(? = 0, NULL, day) b, " REP_GROUP " g, " \
	    "kind, vbin, SUM(n) n FROM report_day_bins WHERE day >= ? AND day <= ?" \
	    REP_KIND_IS REP_DIMS " GROUP BY b, g, kind, vbin UNION ALL " \
	    "SELECT IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP ", kind, vbin, 1 " \
	    "FROM report_pending" REP_EV_RANGE REP_KIND_OF REP_DIMS ") f " \
	    "GROUP BY b, g, kind, vbin ORDER BY b, g, kind, vbin") \
	X(rep_wcounts, CUSTOM_ROWS(report_counts), (), (I, S, S, I, I, I, I, I, S, S, S, S, I, I, \
	    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I), \
	    "SELECT '' b, g, kind, detail, SUM(n) n, SUM(total) total FROM (SELECT " REP_GROUP \
	    " g, kind, detail, SUM(n) n, SUM(total) total FROM report_month_counts" REP_W_MONTHS \
	    REP_DIMS " GROUP BY g, kind, detail UNION ALL SELECT " REP_GROUP ", kind, detail, " \
	    "SUM(n), SUM(total) FROM report_day_counts" REP_W_DAYS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, detail, SUM(n), SUM(total) FROM report_hours " \
	    "WHERE kind IN (" REP_ALL_KINDS ")" REP_W_HOURS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, detail, 1, IFNULL(value, 0) FROM report_pending" \
	    REP_EV_RANGE REP_DIMS ") f GROUP BY g, kind, detail ORDER BY g, kind, detail") \
	X(rep_whist, CUSTOM_ROWS(report_hist), (), (I, S, S, S, S, I, I, I, I, I, S, S, S, S, S, \
	    S, I, I, I, I, I, I, I, I, I, S, S, I, I, I, I, I, I, I, S, I, I, I, I), \
	    "SELECT '' b, g, kind, vbin, SUM(n) n FROM (SELECT " REP_GROUP " g, kind, vbin, " \
	    "SUM(n) n FROM report_month_bins" REP_W_MONTHS REP_KIND_IS REP_DIMS \
	    " GROUP BY g, kind, vbin UNION ALL SELECT " REP_GROUP ", kind, vbin, SUM(n) " \
	    "FROM report_day_bins" REP_W_DAYS REP_KIND_IS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, vbin, SUM(n) FROM report_hours WHERE kind IN (" \
	    REP_BIN_KINDS ")" REP_W_HOURS REP_KIND_IS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, vbin, 1 FROM report_pending" REP_EV_RANGE \
	    REP_KIND_OF REP_DIMS ") f GROUP BY g, kind, vbin ORDER BY g, kind, vbin") \
	X(rep_hcounts, CUSTOM_ROWS(report_counts), (), (S, S, S, S, S, S, I, I, I, S, I, I, I, I, \
	    I), \
	    "SELECT LPAD(b, 2, '0') b, 0 g, kind, detail, SUM(n) n, SUM(total) total " \
	    "FROM (SELECT hod b, " \
	    "kind, detail, SUM(n) n, SUM(total) total FROM report_hod_counts" REP_HOD_SPANS \
	    REP_DIMS3 " GROUP BY b, kind, detail UNION ALL SELECT HOUR(" REP_EV_LOCAL "), " \
	    "kind, detail, 1, IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS3 \
	    ") f GROUP BY b, kind, detail ORDER BY b, kind, detail") \
	X(rep_hhist, CUSTOM_ROWS(report_hist), (), (S, S, S, S, S, S, S, I, I, I, S, I, I, S, I, \
	    I, I), \
	    "SELECT LPAD(b, 2, '0') b, 0 g, kind, vbin, SUM(n) n FROM (SELECT hod b, kind, vbin, " \
	    "SUM(n) n FROM report_hod_bins" REP_HOD_SPANS " AND ? IN ('', kind)" REP_DIMS3 \
	    " GROUP BY b, kind, vbin UNION ALL SELECT HOUR(" REP_EV_LOCAL "), kind, vbin, 1 " \
	    "FROM report_pending" REP_EV_RANGE REP_KIND_OF REP_DIMS3 ") f " \
	    "GROUP BY b, kind, vbin ORDER BY b, kind, vbin")
DB_STATEMENTS(REPORTS_STATEMENTS, db_table_reports)

/* one batch folded: *n events (0: none left) */
static enum dbrc
rollup_step(struct pool *p, void *arg)
{
	long long   *n = arg;
	struct dbres claim;
	enum dbrc    rc;

	*n = 0;
	if ((rc = RUN(DBS_rep_share, p, NULL)) != DB_OK || (rc = RUN(DBS_rep_lock, p, &claim)) != DB_OK)
		return rc;
	if ((*n = (long long)claim.affected) == 0)
		return DB_NOTFOUND;	/* nothing to fold: nothing to keep */
	if ((rc = RUN(DBS_rep_roll, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_dc, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_db, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_hc, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_hb, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_tc, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_mc, p, NULL)) == DB_OK &&
	    (rc = RUN(DBS_rep_fold_mb, p, NULL)) == DB_OK)
		rc = RUN(DBS_rep_mark, p, NULL);
	return rc;
}

/*
 * Folds up to one batch of report events into report_hours, in its own
 * transaction. Returns the number folded (0: none left), or -1.
 */
long long
db_report_rollup(struct pool *p)
{
	long long n = 0;
	enum dbrc rc = db_txn(p, rollup_step, &n);

	return rc == DB_OK ? n : rc == DB_NOTFOUND ? 0 : -1;
}

struct levels {
	const char *zone;
	int         got;	/* 0: in the zone already, 1: rebuilt, -2: an unknown zone */
};

static enum dbrc
levels_step(struct pool *p, void *arg)
{
	static const int clear[] = { DBS_rep_clear_dc, DBS_rep_clear_db, DBS_rep_clear_hc,
		DBS_rep_clear_hb, DBS_rep_clear_mc, DBS_rep_clear_mb, DBS_rep_clear_tc };
	static const int build[] = { DBS_rep_build_dc, DBS_rep_build_db, DBS_rep_build_hc,
		DBS_rep_build_hb, DBS_rep_build_mc, DBS_rep_build_mb, DBS_rep_build_tc };
	const long long week = 7 * 86400;
	struct levels  *x = arg;
	struct dbres    st, span;
	long long       lo, hi;
	enum dbrc       rc;

	if ((rc = RUN(DBS_rep_state_lock, p, &st, S(x->zone))) != DB_OK)
		return rc;
	if (st.nrows != 1)
		return DB_FAIL;
	if (strcmp(db_cell(&st, 0, 0), x->zone) == 0 || db_int(&st, 0, 1) != 1) {
		x->got = db_int(&st, 0, 1) == 1 ? 0 : -2;
		return DB_NOTFOUND;	/* nothing to change */
	}
	if ((rc = RUN(DBS_rep_state_set, p, NULL, S(x->zone))) != DB_OK ||
	    (rc = RUN(DBS_rep_hours_span, p, &span)) != DB_OK)
		return rc;
	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++)
		if ((rc = RUN(clear[i], p, NULL)) != DB_OK)
			return rc;
	/* a week of hours a statement, so none runs long */
	lo = db_int(&span, 0, 0), hi = db_int(&span, 0, 1);
	for (long long t = lo - lo % week; db_cell(&span, 0, 0) && t <= hi; t += week)
		for (size_t i = 0; i < sizeof build / sizeof build[0]; i++)
			if ((rc = RUN(build[i], p, NULL, I(t), I(t + week))) != DB_OK)
				return rc;
	x->got = 1;
	return DB_OK;
}

/*
 * Puts the day and hour-of-day levels in zone, rebuilt from report_hours,
 * unless they are in it already. Returns 0 (nothing to do), 1 (rebuilt),
 * -1 (database error) or -2 (the server does not know the zone).
 */
int
db_report_levels(struct pool *p, const char *zone)
{
	struct levels x = { zone, -1 };
	enum dbrc     rc = db_txn(p, levels_step, &x);

	return rc == DB_OK || rc == DB_NOTFOUND ? x.got : -1;
}

#define RF_DIMS3(f) I((f)->brand), I((f)->channel), I((f)->department)
#define RF_DIMS(f) RF_DIMS3(f), I((f)->operator)
#define RF_ARGS(f) I((long long)(f)->from), I((long long)(f)->to), RF_DIMS(f)

static const char *const bucket_fmt[] = { "", "%Y-%m-%d", "%H" };

/*
 * Which roll-up a report reads: a whole range, the levels (months, days and
 * the hours around them) in any zone; by day or by hour of day, the levels
 * in their zone (not by hour of day for an operator, which they leave out);
 * else report_hours, which serves every zone.
 */
static int
levels_serve(const struct report_filter *f, int bucket, int group)
{
	if (bucket == REP_WHOLE && f->span)
		return 1;
	if (!f->local)
		return 0;
	return bucket != REP_HOUR || (group == REP_BY_NONE && f->operator == 0);
}

/* the whole range's bounds in the levels (REP_W_*), for one branch */
#define RF_MONTHS(f) S((f)->lmonth_from), S((f)->lmonth_to)
#define RF_DAYS(f) S((f)->lday_from), S((f)->lmonth_from), S((f)->lmonth_to), \
	S((f)->lday_to)
#define RF_HOURS(f) I((long long)(f)->from), I((long long)(f)->lhour_from), \
	I((long long)(f)->lhour_to), I((long long)(f)->to)

#define RF_SPANS(f) S((f)->month_from), S((f)->month_to), S((f)->day_from), \
	S((f)->month_from), S((f)->month_to), S((f)->day_to)

/* counts and sums of values per bucket, group and kind */
enum dbrc
db_report_counts(struct pool *p, const struct report_filter *f, int bucket, int group,
    struct report_counts **rows, size_t *n)
{
	const char  *fmt = bucket_fmt[bucket];
	struct dbres res;
	enum dbrc    rc;

	if (!levels_serve(f, bucket, group) && f->built && f->operator == 0 &&
	    group != REP_BY_OPERATOR)
		rc = RUN(DBS_rep_tcounts, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    I((long long)f->from), I((long long)f->to), RF_DIMS3(f), I((long long)f->from),
		    I((long long)f->to), RF_DIMS3(f));
	else if (!levels_serve(f, bucket, group))
		rc = RUN(DBS_rep_counts, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_ARGS(f), RF_ARGS(f));
	else if (bucket == REP_WHOLE)
		rc = RUN(DBS_rep_wcounts, p, &res, I(group), RF_MONTHS(f), RF_DIMS(f),
		    I(group), RF_DAYS(f), RF_DIMS(f), I(group), RF_HOURS(f), RF_DIMS(f),
		    I(group), RF_ARGS(f));
	else if (bucket != REP_HOUR)
		rc = RUN(DBS_rep_dcounts, p, &res, I(bucket), I(group), S(f->day_from),
		    S(f->day_to), RF_DIMS(f), I(bucket), S(f->zone), I(group), RF_ARGS(f));
	else
		rc = RUN(DBS_rep_hcounts, p, &res, RF_SPANS(f), RF_DIMS3(f), S(f->zone),
		    I((long long)f->from), I((long long)f->to), RF_DIMS3(f));
	return DB_AS_ROWS(p, rc, &res, rows, n, report_counts_fill);
}

/*
 * Histograms per bucket and group: of kind (picked_up for the wait,
 * first_response, closed for the duration), or of all three ("").
 */
enum dbrc
db_report_hist(struct pool *p, const struct report_filter *f, int bucket, int group,
    const char *kind, struct report_hist **rows, size_t *n)
{
	const char  *fmt = bucket_fmt[bucket];
	struct dbres res;
	enum dbrc    rc;

	if (!levels_serve(f, bucket, group))
		rc = RUN(DBS_rep_hist, p, &res, S(fmt), S(f->zone), S(fmt), I(group), S(kind),
		    S(kind), RF_ARGS(f), S(kind), S(kind), RF_ARGS(f));
	else if (bucket == REP_WHOLE)
		rc = RUN(DBS_rep_whist, p, &res, I(group), RF_MONTHS(f), S(kind), S(kind),
		    RF_DIMS(f), I(group), RF_DAYS(f), S(kind), S(kind), RF_DIMS(f), I(group),
		    RF_HOURS(f), S(kind), S(kind), RF_DIMS(f), I(group), I((long long)f->from),
		    I((long long)f->to), S(kind), RF_DIMS(f));
	else if (bucket != REP_HOUR)
		rc = RUN(DBS_rep_dhist, p, &res, I(bucket), I(group), S(f->day_from),
		    S(f->day_to), S(kind), S(kind), RF_DIMS(f), I(bucket), S(f->zone), I(group),
		    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS(f));
	else
		rc = RUN(DBS_rep_hhist, p, &res, RF_SPANS(f), S(kind), RF_DIMS3(f), S(f->zone),
		    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS3(f));
	return DB_AS_ROWS(p, rc, &res, rows, n, report_hist_fill);
}
