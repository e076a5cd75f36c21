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
/* built_to while a zone's levels are being cleared (045); rows a level a
 * clearing step deletes (the number, and as SQL) */
#define REP_CLEARING "'1000-01-01 00:00:00'"
#define REP_CLEAR_N 10000
#define REP_CLEAR_ROWS "10000"
/* the viewers' zones kept beside the reporting zone (rows 2 to 4) */
#define REP_ZONE_ROWS 3
#define REP_VIEWER_ZONES "3"
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
	/*
	 * The facts of a range narrowed to QR codes: their events rolled up
	 * (report_qr_events), and those not yet (report_pending). The codes
	 * (c) are up to REP_QR_LIST ids (REP_Q_IDS, 0 for none: a range of each
	 * code's rows in its days), or, for more, REP_QR_CODES (REP_Q_ALL: all
	 * of each code's rows). Binds of each branch: the codes, k, the range
	 * (2), the four filters.
	 */
#define REP_QR_LIST 16
#define REP_Q_IDS " qr_code_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define REP_Q_ALL " qr_code_id IN (" REP_QR_CODES ")"
#define REP_QB_IDS I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I
#define REP_QB_ALL I, S
#define REP_Q_EVENT REP_AT_HOUR " hour, kind, department_id, operator_id, detail, vbin, 1 n, " \
	"IFNULL(value, 0) total"
#define REP_Q_WHERE(c, kinds, k) c " AND kind IN (" kinds ")" k " AND at >= FROM_UNIXTIME(?) " \
	"AND at < FROM_UNIXTIME(?)" REP_DIMS
#define REP_QFACTS(c, kinds, k) "(SELECT " REP_Q_EVENT " FROM report_qr_events WHERE" \
	REP_Q_WHERE(c, kinds, k) " UNION ALL SELECT " REP_Q_EVENT " FROM report_pending WHERE" \
	REP_Q_WHERE(c, kinds, k) ") f"
/* the counts and the histograms of codes c (binds cb) */
#define REP_QCOUNTS(X, name, c, cb) X(name, CUSTOM_ROWS(report_counts), (), (S, S, S, I, \
	cb, I, I, I, I, I, I, cb, I, I, I, I, I, I), \
	"SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM " \
	REP_QFACTS(c, REP_ALL_KINDS, "") " GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail")
#define REP_QHIST(X, name, c, cb) X(name, CUSTOM_ROWS(report_hist), (), (S, S, S, I, \
	cb, S, S, I, I, I, I, I, I, cb, S, S, I, I, I, I, I, I), \
	"SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, vbin, SUM(n) n FROM " \
	REP_QFACTS(c, REP_BIN_KINDS, REP_KIND_IS) " GROUP BY b, g, kind, vbin ORDER BY b, g, " \
	"kind, vbin")
/* every kind, and the kinds with a value histogram */
#define REP_ALL_KINDS "'chat_started', 'picked_up', 'first_response', 'missed', 'closed', " \
	"'transferred', 'message_in', 'message_out', 'delivery_failed', 'follow', 'unfollow', " \
	"'first_response_bh', 'followup_received', 'followup_answered', 'followup_expired', 'topic', " \
	"'held_sent', 'held_expired', 'template_sent', 'template_failed', 'notice_sent', " \
	"'notice_failed', 'broadcast_sent', 'first_in_window'"
#define REP_BIN_KINDS "'picked_up', 'first_response', 'closed', 'first_response_bh'"
/* of the kinds with a histogram, one (?, twice), or every one (''): ranges of
 * a table keyed by kind first */
#define REP_KIND_IS " AND kind IN (" REP_BIN_KINDS ") AND (? = '' OR kind = ?)"
#define REP_BUCKET "IF(? = '', '', DATE_FORMAT(CONVERT_TZ(hour, '+00:00', ?), ?))"
#define REP_GROUP "CASE ? WHEN 1 THEN operator_id WHEN 2 THEN department_id ELSE 0 END"
	/*
	 * The day, month and hour-of-day levels (009, 044), in each zone of
	 * report_state (045). A batch of events and a build from report_hours
	 * fold the same way: src yields h (the UTC hour), the dimensions, n and
	 * total. The zones written (REP_ZONES): a build step's one zone (z is
	 * "?", its id), or a batch's (z "0") every zone as far as it is built.
	 */
#define REP_ZONES(z) " JOIN report_state s ON s.zone <> '' AND (s.id = " z " OR " z \
	" = 0 AND (s.built_to IS NULL OR e.h < s.built_to))"
#define REP_LOCAL(src, z) "(SELECT s.id zid, CONVERT_TZ(e.h, '+00:00', s.zone) l, e.kind, " \
	"e.brand_id, e.channel_id, e.department_id, e.operator_id, e.detail, e.vbin, e.n, " \
	"e.total FROM " src " e" REP_ZONES(z) ") x"
#define REP_SRC_EVENTS "(SELECT " REP_AT_HOUR " h, kind, brand_id, " \
	"channel_id, department_id, operator_id, detail, vbin, 1 n, IFNULL(value, 0) total " \
	"FROM report_events WHERE rolled = 2)"
#define REP_SRC_HOURS "(SELECT hour h, kind, brand_id, channel_id, department_id, " \
	"operator_id, detail, vbin, n, total FROM report_hours WHERE kind IN (" REP_ALL_KINDS \
	") AND hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?))"
#define REP_BINNED " WHERE kind IN (" REP_BIN_KINDS ")"
/* a level of counts, and one of bins, by a local date (expr, into col); op
 * "operator_id, " or "" (the whole team's) */
#define REP_FOLD_C(table, col, expr, op, src, z) "INSERT INTO " table " (zid, " col ", kind, " \
	"brand_id, channel_id, department_id, " op "detail, n, total) SELECT zid, " expr \
	", kind, brand_id, channel_id, department_id, " op "detail, SUM(n), SUM(total) FROM " \
	REP_LOCAL(src, z) " GROUP BY zid, 2, kind, brand_id, channel_id, department_id, " op \
	"detail ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_B(table, col, expr, op, src, z) "INSERT INTO " table " (zid, " col ", kind, " \
	"brand_id, channel_id, department_id, " op "vbin, n) SELECT zid, " expr ", kind, " \
	"brand_id, channel_id, department_id, " op "vbin, SUM(n) FROM " REP_LOCAL(src, z) \
	REP_BINNED " GROUP BY zid, 2, kind, brand_id, channel_id, department_id, " op "vbin " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
#define REP_OP "operator_id, "
#define REP_MONTH_OF "DATE_FORMAT(l, '%Y-%m-01')"
/* the hourly counts of the whole team (044): UTC hours, without the operator,
 * with the reporting zone's levels (zid 1) */
#define REP_FOLD_TC(src, z) "INSERT INTO report_hour_counts (hour, kind, brand_id, channel_id, " \
	"department_id, detail, n, total) SELECT e.h, kind, brand_id, channel_id, department_id, " \
	"detail, SUM(n), SUM(total) FROM " src " e" REP_ZONES(z) " AND s.id = 1 " \
	"GROUP BY 1, 2, 3, 4, 5, 6 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
/* the hour of day by local day, week (from Monday) and month */
#define REP_SPANS " JOIN (SELECT 'day' span UNION ALL SELECT 'week' UNION ALL SELECT 'month') sp"
#define REP_START "CASE sp.span WHEN 'day' THEN DATE(l) WHEN 'week' THEN DATE(l) - " \
	"INTERVAL WEEKDAY(l) DAY ELSE DATE_FORMAT(l, '%Y-%m-01') END"
#define REP_FOLD_HC(src, z) "INSERT INTO report_hod_counts (zid, span, start, hod, kind, " \
	"brand_id, channel_id, department_id, detail, n, total) SELECT zid, sp.span, " \
	REP_START ", HOUR(l), kind, brand_id, channel_id, department_id, detail, SUM(n), " \
	"SUM(total) FROM " REP_LOCAL(src, z) REP_SPANS " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n), total = total + VALUES(total)"
#define REP_FOLD_HB(src, z) "INSERT INTO report_hod_bins (zid, span, start, hod, kind, " \
	"brand_id, channel_id, department_id, vbin, n) SELECT zid, sp.span, " REP_START ", " \
	"HOUR(l), kind, brand_id, channel_id, department_id, vbin, SUM(n) FROM " \
	REP_LOCAL(src, z) REP_SPANS REP_BINNED " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
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
/* by day (or as one, when the first ? is 0) from a day level (table) of a
 * zone: whole local days [?, ?] */
#define REP_DCOUNTS(table) REP_DAY_B "detail, SUM(n) n, SUM(total) total FROM (SELECT " \
	"IF(? = 0, NULL, day) b, " REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total " \
	"FROM " table " WHERE zid = ? AND day >= ? AND day <= ?" REP_DIMS " GROUP BY b, g, " \
	"kind, detail UNION ALL SELECT IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP \
	", kind, detail, 1, IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS ") f " \
	"GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail"
#define REP_DCOUNTS_BINDS (I, I, I, S, S, I, I, I, I, I, S, I, I, I, I, I, I, I)
#define REP_DHIST(table) REP_DAY_B "vbin, SUM(n) n FROM (SELECT IF(? = 0, NULL, day) b, " \
	REP_GROUP " g, kind, vbin, SUM(n) n FROM " table " WHERE zid = ? AND day >= ? AND " \
	"day <= ?" REP_KIND_IS REP_DIMS " GROUP BY b, g, kind, vbin UNION ALL SELECT " \
	"IF(? = 0, NULL, DATE(" REP_EV_LOCAL ")), " REP_GROUP ", kind, vbin, 1 " \
	"FROM report_pending" REP_EV_RANGE REP_KIND_OF REP_DIMS ") f " \
	"GROUP BY b, g, kind, vbin ORDER BY b, g, kind, vbin"
#define REP_DHIST_BINDS (I, I, I, S, S, S, S, I, I, I, I, I, S, I, I, I, S, I, I, I, I)
/*
 * A whole range (one bucket) in any zone, once the levels are built: its
 * whole local months from the month level [?, ?), its other whole local
 * days from the day level [?, ?) and [?, ?), the UTC hours around those
 * from report_hours [?, ?) and [?, ?) (none in the levels' zone), and the
 * events not folded yet. Each branch groups first.
 */
/* the first local midnight at or after a (a local time) */
#define REP_DAY_A "DATE(IF(TIME(a) = '00:00:00', a, a + INTERVAL 1 DAY))"
#define REP_W_MONTHS " WHERE zid = ? AND month >= ? AND month < ?"
#define REP_W_DAYS " WHERE zid = ? AND (day >= ? AND day < ? OR day >= ? AND day < ?)"
#define REP_W_HOURS " AND (hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?) " \
	"OR hour >= FROM_UNIXTIME(?) AND hour < FROM_UNIXTIME(?))"
/* of a zone (?), the whole months [?, ?), then of the days before them and
 * of those after, each its whole weeks [?, ?) and the days around those
 * [?, ?) [?, ?) */
#define REP_HOD_WEEKS "span = 'week' AND start >= ? AND start < ? OR span = 'day' AND " \
	"(start >= ? AND start < ? OR start >= ? AND start < ?)"
#define REP_HOD_SPANS " WHERE zid = ? AND (span = 'month' AND start >= ? AND start < ? OR " \
	REP_HOD_WEEKS " OR " REP_HOD_WEEKS ")"

/*
 * Every level a batch folds into and a build step builds: F(X, name, its
 * table and a zone's rows in it, statement) for each, statement a macro of
 * (src, z).
 * From it come each level's fold (rep_fold_*), clearing (rep_clear_*) and
 * build (rep_build_*), and the lists the steps run.
 */
#define REP_DC(src, z) REP_FOLD_C("report_day_counts", "day", "DATE(l)", REP_OP, src, z)
#define REP_DB(src, z) REP_FOLD_B("report_day_bins", "day", "DATE(l)", REP_OP, src, z)
#define REP_TDC(src, z) REP_FOLD_C("report_tday_counts", "day", "DATE(l)", "", src, z)
#define REP_TDB(src, z) REP_FOLD_B("report_tday_bins", "day", "DATE(l)", "", src, z)
#define REP_MC(src, z) REP_FOLD_C("report_month_counts", "month", REP_MONTH_OF, REP_OP, src, z)
#define REP_MB(src, z) REP_FOLD_B("report_month_bins", "month", REP_MONTH_OF, REP_OP, src, z)
#define REP_Z " WHERE zid = ?"
#define REP_LEVELS(F, X) \
	F(X, dc, "report_day_counts" REP_Z, REP_DC) F(X, db, "report_day_bins" REP_Z, REP_DB) \
	F(X, tdc, "report_tday_counts" REP_Z, REP_TDC) \
	F(X, tdb, "report_tday_bins" REP_Z, REP_TDB) \
	F(X, mc, "report_month_counts" REP_Z, REP_MC) \
	F(X, mb, "report_month_bins" REP_Z, REP_MB) \
	F(X, hc, "report_hod_counts" REP_Z, REP_FOLD_HC) \
	F(X, hb, "report_hod_bins" REP_Z, REP_FOLD_HB) \
	F(X, tc, "report_hour_counts WHERE ? = 1", REP_FOLD_TC)
/* a batch's fold (every zone as far as built), a build step's (its zone) */
#define REP_FOLD_X(X, n, t, m) X(rep_fold_##n, CUSTOM, (), (), m(REP_SRC_EVENTS, "0"))
#define REP_BUILD_X(X, n, t, m) X(rep_build_##n, CUSTOM, (), (I, I, I, I), \
	m(REP_SRC_HOURS, "?"))
/* a zone's rows, a few thousand at a time (report_hour_counts is zone 1's) */
#define REP_CLEAR_X(X, n, t, m) X(rep_clear_##n, CUSTOM, (), (I), "DELETE FROM " t \
	" LIMIT " REP_CLEAR_ROWS)
#define REP_ID_FOLD(X, n, t, m) DBS_rep_fold_##n,
#define REP_ID_CLEAR(X, n, t, m) DBS_rep_clear_##n,
#define REP_ID_BUILD(X, n, t, m) DBS_rep_build_##n,

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
	/* the claimed events with a QR code, for reports narrowed to codes */ \
	X(rep_qr_fold, CUSTOM, (), (), \
	    "INSERT INTO report_qr_events (qr_code_id, at, id, kind, brand_id, channel_id, " \
	    "department_id, operator_id, detail, vbin, value) SELECT qr_code_id, at, id, kind, " \
	    "brand_id, channel_id, department_id, operator_id, detail, vbin, value " \
	    "FROM report_events WHERE rolled = 2 AND qr_code_id IS NOT NULL") \
	X(rep_mark, CUSTOM, (), (), \
	    "UPDATE report_events SET rolled = 1 WHERE rolled = 2") \
	/* a viewer's dates in UTC, and today where the viewer is; NULLs for a \
	 * zone the server does not know */ \
	X(report_zone, ROW(report_zone), (const char *zone, const char *from, \
	    const char *to_excl, time_t now), \
	    (S(from), S(zone), S(to_excl), S(zone), I((long long)now), S(zone), S(zone)), \
	    "SELECT UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')) range_from, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(?, ?, '+00:00')) range_to, " \
	    "DATE(CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', ?)) day, " \
	    "(SELECT IF(built_to IS NULL, zone, '') FROM report_state WHERE id = 1) zone, " \
	    "IFNULL((SELECT MIN(id) FROM report_state WHERE zone = ? AND built_to IS NULL), 0) " \
	    "zid") \
	/* what the filters offer */ \
	X(report_dims, ROWS(report_dims), (), (), \
	    "SELECT 'brand' kind, id, name, 0 brand_id, NULL app_id, 0 gone, 0 channel_id " \
	    "FROM brands UNION ALL SELECT 'channel', c.id, b.name, c.brand_id, c.app_id, " \
	    "c.state = 'deleted', c.id FROM channels c JOIN brands b ON b.id = c.brand_id " \
	    "UNION ALL SELECT 'department', d.id, CONCAT(b.name, ' · ', d.name), d.brand_id, NULL, " \
	    "0, 0 FROM departments d JOIN brands b ON b.id = d.brand_id " \
	    "UNION ALL SELECT 'operator', id, name, 0, NULL, 0, 0 FROM users " \
	    "UNION ALL SELECT 'topic', t.id, CONCAT(b.name, ' · ', t.name), t.brand_id, NULL, 0, 0 " \
	    "FROM close_topics t JOIN brands b ON b.id = t.brand_id " \
	    /* the QR codes (a code's scene as app_id) and their campaigns */ \
	    "UNION ALL SELECT 'qr', q.id, q.name, ch.brand_id, q.scene, 0, q.channel_id " \
	    "FROM qr_codes q JOIN channels ch ON ch.id = q.channel_id " \
	    "UNION ALL SELECT DISTINCT 'campaign', 0, q.campaign, ch.brand_id, NULL, 0, q.channel_id " \
	    "FROM qr_codes q JOIN channels ch ON ch.id = q.channel_id WHERE q.campaign IS NOT NULL " \
	    /* who serves which brand: the brand's operators, an operator's brands */ \
	    "UNION ALL SELECT DISTINCT 'member', m.user_id, '', d.brand_id, NULL, 0, 0 " \
	    "FROM department_members m JOIN departments d ON d.id = m.department_id ORDER BY 1, 3, 5") \
	X(rep_counts, CUSTOM_ROWS(report_counts), (), (S, S, S, I, I, I, I, I, I, I, I, I, I, I, \
	    I, I), \
	    "SELECT " REP_BUCKET " b, " REP_GROUP " g, kind, detail, SUM(n) n, SUM(total) total FROM " \
	    REP_FACTS(REP_ALL_KINDS, "") \
	    " GROUP BY b, g, kind, detail ORDER BY b, g, kind, detail") \
	/* narrowed to QR codes (REP_QFACTS): the codes' ids, up to one more \
	 * than a list holds */ \
	X(rep_qr_ids, CUSTOM, (), (I, S), \
	    REP_QR_CODES " ORDER BY id LIMIT 17") \
	REP_QCOUNTS(X, rep_qcounts, REP_Q_IDS, REP_QB_IDS) \
	REP_QCOUNTS(X, rep_qcounts_all, REP_Q_ALL, REP_QB_ALL) \
	REP_QHIST(X, rep_qhist, REP_Q_IDS, REP_QB_IDS) \
	REP_QHIST(X, rep_qhist_all, REP_Q_ALL, REP_QB_ALL) \
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
	/* a roll-up batch waits for a build step, and a build step for the \
	 * batches: a batch writes the rows of the zones being built (so that on \
	 * a Galera cluster a build step on another node conflicts with it too), \
	 * and reads the others' shared */ \
	X(rep_share, CUSTOM, (), (), \
	    "SELECT zone FROM report_state LOCK IN SHARE MODE") \
	X(rep_touch, CUSTOM, (), (), \
	    "UPDATE report_state SET folds = folds + 1 WHERE built_to IS NOT NULL") \
	REP_LEVELS(REP_FOLD_X, X) \
	/* a zone's levels, and whether the server knows the zone asked for */ \
	X(rep_state_lock, CUSTOM, (), (S, I), \
	    "SELECT zone, CONVERT_TZ('2000-01-01', '+00:00', ?) IS NOT NULL " \
	    "FROM report_state WHERE id = ? FOR UPDATE") \
	/* another zone: its levels are cleared, then built */ \
	X(rep_state_set, CUSTOM, (), (S, I), \
	    "UPDATE report_state SET zone = ?, built_to = " REP_CLEARING " WHERE id = ?") \
	/* the first zone whose levels are being cleared or built */ \
	X(rep_step_lock, CUSTOM, (), (), \
	    "SELECT id, zone, UNIX_TIMESTAMP(built_to), built_to = " REP_CLEARING \
	    " FROM report_state WHERE built_to IS NOT NULL ORDER BY id LIMIT 1 FOR UPDATE") \
	/* the first hour of report_hours at or after ?, kind by kind (its key) */ \
	X(rep_next_hour, CUSTOM, (), (I), \
	    "SELECT UNIX_TIMESTAMP(MIN(h)) FROM (SELECT (SELECT MIN(hour) FROM report_hours " \
	    "WHERE kind = k.name AND hour >= FROM_UNIXTIME(?)) h FROM report_kinds k) x") \
	/* how far a zone's levels are built (a negative time: all) */ \
	X(rep_built_to, CUSTOM, (), (I, I, I), \
	    "UPDATE report_state SET built_to = IF(? < 0, NULL, FROM_UNIXTIME(?)) WHERE id = ?") \
	/* the zones viewers asked for lately, besides the reporting zone's, \
	 * the most viewed first; the viewers' zones' levels, and whether their \
	 * zone was viewed since ? (and is not the reporting zone's); views of \
	 * long ago */ \
	X(rep_wanted, CUSTOM, (), (I), \
	    "SELECT v.zone FROM report_views v JOIN report_state s ON s.id = 1 " \
	    "WHERE v.asked >= FROM_UNIXTIME(?) AND v.zone <> s.zone " \
	    "ORDER BY v.views DESC, v.asked DESC, v.zone LIMIT " REP_VIEWER_ZONES) \
	X(rep_slots, CUSTOM, (), (I), \
	    "SELECT s.id, s.zone, IFNULL(v.asked >= FROM_UNIXTIME(?), 0) AND s.zone <> r.zone " \
	    "FROM report_state s JOIN report_state r ON r.id = 1 " \
	    "LEFT JOIN report_views v ON v.zone = s.zone WHERE s.id > 1 ORDER BY s.id") \
	X(rep_views_purge, CUSTOM, (), (I), \
	    "DELETE FROM report_views WHERE asked < FROM_UNIXTIME(?)") \
	/* a report viewed in a zone the server knows (when last, within the \
	 * hour); reads no report_state row, which a build step holds */ \
	X(report_view, EXEC, (const char *zone, time_t now), (S(zone), I((long long)now), \
	    S(zone)), \
	    "INSERT INTO report_views (zone, asked) SELECT ?, FROM_UNIXTIME(?) FROM DUAL " \
	    "WHERE CONVERT_TZ('2000-01-01', '+00:00', ?) IS NOT NULL " \
	    "ON DUPLICATE KEY UPDATE views = views + (asked < VALUES(asked) - INTERVAL 1 HOUR), " \
	    "asked = IF(asked < VALUES(asked) - INTERVAL 1 HOUR, VALUES(asked), asked)") \
	REP_LEVELS(REP_CLEAR_X, X) \
	REP_LEVELS(REP_BUILD_X, X) \
	/* the whole local days of the levels' zone in the UTC hours [?, ?), \
	 * [lday_from, lday_to), and where they begin and end in UTC; no row \
	 * while the levels are not built */ \
	X(report_span, ROW(report_span), (long long from, long long to, int zid), (I(from), \
	    I(to), I((long long)zid)), \
	    "SELECT DATE_FORMAT(" REP_DAY_A ", '%Y-%m-%d') lday_from, " \
	    "DATE_FORMAT(DATE(b), '%Y-%m-%d') lday_to, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(" REP_DAY_A ", zone, '+00:00')) lhour_from, " \
	    "UNIX_TIMESTAMP(CONVERT_TZ(DATE(b), zone, '+00:00')) lhour_to FROM " \
	    "(SELECT zone, CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', zone) a, " \
	    "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', zone) b FROM report_state " \
	    "WHERE id = ? AND zone <> '' AND built_to IS NULL) x") \
	X(rep_dcounts, CUSTOM_ROWS(report_counts), (), REP_DCOUNTS_BINDS, \
	    REP_DCOUNTS("report_day_counts")) \
	X(rep_tdcounts, CUSTOM_ROWS(report_counts), (), REP_DCOUNTS_BINDS, \
	    REP_DCOUNTS("(SELECT zid, day, kind, brand_id, channel_id, department_id, " \
	    "0 operator_id, detail, n, total FROM report_tday_counts) t")) \
	X(rep_dhist, CUSTOM_ROWS(report_hist), (), REP_DHIST_BINDS, \
	    REP_DHIST("report_day_bins")) \
	X(rep_tdhist, CUSTOM_ROWS(report_hist), (), REP_DHIST_BINDS, \
	    REP_DHIST("(SELECT zid, kind, day, brand_id, channel_id, department_id, " \
	    "0 operator_id, vbin, n FROM report_tday_bins) t")) \
	X(rep_wcounts, CUSTOM_ROWS(report_counts), (), (I, I, S, S, I, I, I, I, I, I, S, S, S, S, \
	    I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I), \
	    "SELECT '' b, g, kind, detail, SUM(n) n, SUM(total) total FROM (SELECT " REP_GROUP \
	    " g, kind, detail, SUM(n) n, SUM(total) total FROM report_month_counts" REP_W_MONTHS \
	    REP_DIMS " GROUP BY g, kind, detail UNION ALL SELECT " REP_GROUP ", kind, detail, " \
	    "SUM(n), SUM(total) FROM report_day_counts" REP_W_DAYS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, detail, SUM(n), SUM(total) FROM report_hours " \
	    "WHERE kind IN (" REP_ALL_KINDS ")" REP_W_HOURS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, detail, 1, IFNULL(value, 0) FROM report_pending" \
	    REP_EV_RANGE REP_DIMS ") f GROUP BY g, kind, detail ORDER BY g, kind, detail") \
	X(rep_whist, CUSTOM_ROWS(report_hist), (), (I, I, S, S, S, S, I, I, I, I, I, I, S, S, S, \
	    S, S, S, I, I, I, I, I, I, I, I, I, S, S, I, I, I, I, I, I, I, S, I, I, I, I), \
	    "SELECT '' b, g, kind, vbin, SUM(n) n FROM (SELECT " REP_GROUP " g, kind, vbin, " \
	    "SUM(n) n FROM report_month_bins" REP_W_MONTHS REP_KIND_IS REP_DIMS \
	    " GROUP BY g, kind, vbin UNION ALL SELECT " REP_GROUP ", kind, vbin, SUM(n) " \
	    "FROM report_day_bins" REP_W_DAYS REP_KIND_IS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, vbin, SUM(n) FROM report_hours WHERE kind IN (" \
	    REP_BIN_KINDS ")" REP_W_HOURS REP_KIND_IS REP_DIMS " GROUP BY 1, 2, 3 " \
	    "UNION ALL SELECT " REP_GROUP ", kind, vbin, 1 FROM report_pending" REP_EV_RANGE \
	    REP_KIND_OF REP_DIMS ") f GROUP BY g, kind, vbin ORDER BY g, kind, vbin") \
	X(rep_hcounts, CUSTOM_ROWS(report_counts), (), (I, S, S, S, S, S, S, S, S, S, S, S, S, \
	    S, S, I, I, I, S, I, I, I, I, I), \
	    "SELECT LPAD(b, 2, '0') b, 0 g, kind, detail, SUM(n) n, SUM(total) total " \
	    "FROM (SELECT hod b, " \
	    "kind, detail, SUM(n) n, SUM(total) total FROM report_hod_counts" REP_HOD_SPANS \
	    REP_DIMS3 " GROUP BY b, kind, detail UNION ALL SELECT HOUR(" REP_EV_LOCAL "), " \
	    "kind, detail, 1, IFNULL(value, 0) FROM report_pending" REP_EV_RANGE REP_DIMS3 \
	    ") f GROUP BY b, kind, detail ORDER BY b, kind, detail") \
	X(rep_hhist, CUSTOM_ROWS(report_hist), (), (I, S, S, S, S, S, S, S, S, S, S, S, S, S, \
	    S, S, I, I, I, S, I, I, S, I, I, I), \
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
	static const int fold[] = { DBS_rep_roll, REP_LEVELS(REP_ID_FOLD, _) DBS_rep_qr_fold,
	    DBS_rep_mark };
	long long   *n = arg;
	struct dbres claim;
	enum dbrc    rc;

	*n = 0;
	/* the zones being built first (exclusive), then the others (shared) */
	if ((rc = RUN(DBS_rep_touch, p, NULL)) != DB_OK || (rc = RUN(DBS_rep_share, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_rep_lock, p, &claim)) != DB_OK)
		return rc;
	if ((*n = (long long)claim.affected) == 0)
		return DB_NOTFOUND;	/* nothing to fold: nothing to keep */
	for (size_t i = 0; i < sizeof fold / sizeof fold[0]; i++)
		if ((rc = RUN(fold[i], p, NULL)) != DB_OK)
			return rc;
	return DB_OK;
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
	int         zid;
	const char *zone;
	int         got;	/* 0: in the zone already, 1: to be rebuilt, -2: an unknown zone */
};

static enum dbrc
levels_set(struct pool *p, void *arg)
{
	struct levels *x = arg;
	struct dbres   st;
	enum dbrc      rc;

	if ((rc = RUN(DBS_rep_state_lock, p, &st, S(x->zone), I((long long)x->zid))) != DB_OK)
		return rc;
	if (st.nrows != 1)
		return DB_FAIL;
	if (strcmp(db_cell(&st, 0, 0), x->zone) == 0) {
		x->got = 0;
		return DB_NOTFOUND;	/* nothing to change */
	}
	if (*x->zone != '\0' && db_int(&st, 0, 1) != 1) {
		x->got = -2;
		return DB_NOTFOUND;
	}
	x->got = 1;
	return RUN(DBS_rep_state_set, p, NULL, S(x->zone), I((long long)x->zid));
}

/*
 * Puts the levels of zone row zid (1: the reporting zone) in zone ("": none),
 * unless they are in it already: the worker's build steps (db_report_build)
 * then clear and build them. Returns 0 (nothing to do), 1 (to be rebuilt),
 * -1 (database error) or -2 (the server does not know the zone).
 */
int
db_report_levels(struct pool *p, int zid, const char *zone)
{
	struct levels x = { zid, zone, -1 };
	enum dbrc     rc = db_txn(p, levels_set, &x);

	return rc == DB_OK || rc == DB_NOTFOUND ? x.got : -1;
}

/* a week of UTC hours a build step */
#define REP_WEEK (7 * 86400LL)

/* one step of the first zone being cleared or built: *zid its row */
static enum dbrc
build_step(struct pool *p, void *arg)
{
	static const int clear[] = { REP_LEVELS(REP_ID_CLEAR, _) };
	static const int build[] = { REP_LEVELS(REP_ID_BUILD, _) };
	int           *zid = arg;
	struct dbres   st, next, del;
	long long      from, z;
	enum dbrc      rc;

	if ((rc = RUN(DBS_rep_step_lock, p, &st)) != DB_OK)
		return rc;
	if (st.nrows == 0)
		return DB_NOTFOUND;	/* every zone built */
	z = db_int(&st, 0, 0);
	*zid = (int)z;
	if (db_int(&st, 0, 3) == 1) {
		/* clearing: a few thousand rows a level a step, then the build */
		int more = 0;
		for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
			if ((rc = RUN(clear[i], p, &del, I(z))) != DB_OK)
				return rc;
			more |= del.affected >= REP_CLEAR_N;
		}
		if (more)
			return DB_OK;
		from = 0;
	} else {
		from = db_int(&st, 0, 2);
		for (size_t i = 0; i < sizeof build / sizeof build[0]; i++)
			if ((rc = RUN(build[i], p, NULL, I(from), I(from + REP_WEEK), I(z), I(z))) != DB_OK)
				return rc;
		from += REP_WEEK;
	}
	/* on from the next hour there is (none, or no zone: built) */
	if ((rc = RUN(DBS_rep_next_hour, p, &next, I(from))) != DB_OK)
		return rc;
	from = *db_cell(&st, 0, 1) != '\0' && db_cell(&next, 0, 0) ? db_int(&next, 0, 0) : -1;
	return RUN(DBS_rep_built_to, p, NULL, I(from), I(from), I(z));
}

/*
 * One step of clearing or building a zone's levels, in its own transaction
 * (a week of hours, or a few thousand rows a level cleared). Returns the
 * zone's row (1 to 4), 0 when every zone is built, or -1.
 */
int
db_report_build(struct pool *p)
{
	int       zid = 0;
	enum dbrc rc = db_txn(p, build_step, &zid);

	return rc == DB_OK ? zid : rc == DB_NOTFOUND ? 0 : -1;
}

/*
 * The viewers' zones (rows 2 to 4) follow the zones reports were viewed in
 * since `since', the most viewed first: a zone no longer among them and not
 * viewed since `recent' gives its row to one that is, or is cleared. Views
 * before `since' are forgotten. Returns how many rows changed zone, or -1.
 */
int
db_report_viewers(struct pool *p, time_t since, time_t recent)
{
	struct dbres want, slots;
	int          keep[REP_ZONE_ROWS] = { 0 }, placed[REP_ZONE_ROWS] = { 0 };
	int          changed = 0, rc;

	if (RUN(DBS_rep_views_purge, p, NULL, I((long long)since)) != DB_OK ||
	    RUN(DBS_rep_wanted, p, &want, I((long long)since)) != DB_OK ||
	    RUN(DBS_rep_slots, p, &slots, I((long long)recent)) != DB_OK)
		return -1;
	/* the rows whose zone is still wanted, or was viewed lately, keep it */
	for (size_t i = 0; i < slots.nrows && i < REP_ZONE_ROWS; i++) {
		keep[i] = *db_cell(&slots, i, 1) != '\0' && db_int(&slots, i, 2) == 1;
		for (size_t w = 0; w < want.nrows && w < REP_ZONE_ROWS; w++)
			if (*db_cell(&slots, i, 1) != '\0' &&
			    strcmp(db_cell(&slots, i, 1), db_cell(&want, w, 0)) == 0)
				keep[i] = 1, placed[w] = 1;
	}
	/* each wanted zone without a row takes a free one; the rest are cleared */
	for (size_t i = 0; i < slots.nrows && i < REP_ZONE_ROWS; i++) {
		const char *zone = "";
		if (keep[i])
			continue;
		for (size_t w = 0; w < want.nrows && w < REP_ZONE_ROWS && *zone == '\0'; w++)
			if (!placed[w])
				placed[w] = 1, zone = db_cell(&want, w, 0);
		if ((rc = db_report_levels(p, (int)db_int(&slots, i, 0), zone)) == -1)
			return -1;
		changed += rc == 1;
	}
	return changed;
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
#define RF_MONTHS(f) I((f)->szid), S((f)->lmonth_from), S((f)->lmonth_to)
#define RF_DAYS(f) I((f)->szid), S((f)->lday_from), S((f)->lmonth_from), \
	S((f)->lmonth_to), S((f)->lday_to)
#define RF_HOURS(f) I((long long)(f)->from), I((long long)(f)->lhour_from), \
	I((long long)(f)->lhour_to), I((long long)(f)->to)

/* REP_HOD_SPANS: the months, and of the days before and after them the
 * whole weeks and the days around those */
#define RF_SEG(g) S((g)[1]), S((g)[2]), S((g)[0]), S((g)[1]), S((g)[2]), S((g)[3])
#define RF_SPANS(f) I((f)->zid), S((f)->month_from), S((f)->month_to), RF_SEG((f)->seg[0]), \
	RF_SEG((f)->seg[1])

/* the codes of a narrowed report: ids[0..REP_QR_LIST), 0 where none (no
 * code has 0); ids[0] -1 when there are more (REP_Q_ALL reads them) */
static enum dbrc
qr_ids(struct pool *p, const struct report_filter *f, long long ids[REP_QR_LIST])
{
	struct dbres res;
	enum dbrc    rc = RUN(DBS_rep_qr_ids, p, &res, RF_QR(f));

	if (rc != DB_OK)
		return rc;
	for (size_t i = 0; i < REP_QR_LIST; i++)
		ids[i] = i < res.nrows ? db_int(&res, i, 0) : 0;
	if (res.nrows > REP_QR_LIST)
		ids[0] = -1;
	return DB_OK;
}
#define RF_IDS(v) I((v)[0]), I((v)[1]), I((v)[2]), I((v)[3]), I((v)[4]), I((v)[5]), \
	I((v)[6]), I((v)[7]), I((v)[8]), I((v)[9]), I((v)[10]), I((v)[11]), I((v)[12]), \
	I((v)[13]), I((v)[14]), I((v)[15])

/* counts and sums of values per bucket, group and kind */
enum dbrc
db_report_counts(struct pool *p, const struct report_filter *f, int bucket, int group,
    struct report_counts **rows, size_t *n)
{
	const char  *fmt = bucket_fmt[bucket];
	struct dbres res;
	enum dbrc    rc;
	long long    q[REP_QR_LIST];

	if (f->by_qr && (rc = qr_ids(p, f, q)) != DB_OK)
		return rc;
	if (f->by_qr && q[0] < 0)
		rc = RUN(DBS_rep_qcounts_all, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_QR(f), RF_ARGS(f), RF_QR(f), RF_ARGS(f));
	else if (f->by_qr)
		rc = RUN(DBS_rep_qcounts, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_IDS(q), RF_ARGS(f), RF_IDS(q), RF_ARGS(f));
	else if (!levels_serve(f, bucket, group) && f->built && f->operator == 0 &&
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
		/* the whole team's days, or the day level with the operator */
		rc = RUN(f->operator == 0 && group != REP_BY_OPERATOR ? DBS_rep_tdcounts :
		    DBS_rep_dcounts, p, &res, I(bucket), I(group), I(f->zid), S(f->day_from),
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
	long long    q[REP_QR_LIST];

	if (f->by_qr && (rc = qr_ids(p, f, q)) != DB_OK)
		return rc;
	if (f->by_qr && q[0] < 0)
		rc = RUN(DBS_rep_qhist_all, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_QR(f), S(kind), S(kind), RF_ARGS(f), RF_QR(f), S(kind), S(kind), RF_ARGS(f));
	else if (f->by_qr)
		rc = RUN(DBS_rep_qhist, p, &res, S(fmt), S(f->zone), S(fmt), I(group),
		    RF_IDS(q), S(kind), S(kind), RF_ARGS(f), RF_IDS(q), S(kind), S(kind), RF_ARGS(f));
	else if (!levels_serve(f, bucket, group))
		rc = RUN(DBS_rep_hist, p, &res, S(fmt), S(f->zone), S(fmt), I(group), S(kind),
		    S(kind), RF_ARGS(f), S(kind), S(kind), RF_ARGS(f));
	else if (bucket == REP_WHOLE)
		rc = RUN(DBS_rep_whist, p, &res, I(group), RF_MONTHS(f), S(kind), S(kind),
		    RF_DIMS(f), I(group), RF_DAYS(f), S(kind), S(kind), RF_DIMS(f), I(group),
		    RF_HOURS(f), S(kind), S(kind), RF_DIMS(f), I(group), I((long long)f->from),
		    I((long long)f->to), S(kind), RF_DIMS(f));
	else if (bucket != REP_HOUR)
		rc = RUN(f->operator == 0 && group != REP_BY_OPERATOR ? DBS_rep_tdhist :
		    DBS_rep_dhist, p, &res, I(bucket), I(group), I(f->zid), S(f->day_from),
		    S(f->day_to), S(kind), S(kind), RF_DIMS(f), I(bucket), S(f->zone), I(group),
		    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS(f));
	else
		rc = RUN(DBS_rep_hhist, p, &res, RF_SPANS(f), S(kind), RF_DIMS3(f), S(f->zone),
		    I((long long)f->from), I((long long)f->to), S(kind), RF_DIMS3(f));
	return DB_AS_ROWS(p, rc, &res, rows, n, report_hist_fill);
}
