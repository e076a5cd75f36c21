/* reports.h: the reports' filter and the statements of db-reports.c. */
#ifndef WXDESK_REPORTS_H
#define WXDESK_REPORTS_H

#include "db.h"

/* reports */
struct report_filter {
	const char *zone;	/* the viewer's time zone, as MariaDB names it */
	time_t      from, to;	/* [from, to) in UTC, on whole hours */
	char        day_from[11], day_to[11];	/* the same range: local days, inclusive */
	char        month_from[11], month_to[11];	/* the whole local months in it,
						 * [from, to); equal when none */
	int         local;	/* levels are built in zone: zid, their row in report_state */
	int         zid;
	int         built;	/* the reporting zone's levels (and report_hour_counts) are built */
	/* the local days before the whole months [month_from, month_to), and
	 * those after, [seg[i][0], seg[i][3]): their whole weeks [seg[i][1],
	 * seg[i][2]) and the days around those */
	char        seg[2][4][11];
	/* span: the whole days of the levels' zone in [from, to), the days
	 * [lday_from, lday_to), their whole months [lmonth_from, lmonth_to)
	 * (equal when none), where they begin and end in UTC; 0 while the
	 * levels are not built or the range holds no whole day of theirs;
	 * szid: the levels' row (the viewer's zone's, else the reporting zone's) */
	int         span, szid;
	char        lday_from[11], lday_to[11], lmonth_from[11], lmonth_to[11];
	time_t      lhour_from, lhour_to;
	long long   brand, channel, department, operator;	/* 0: any */
	/* a QR code (0: any) and a campaign's codes ("": any): when either is
	 * chosen (by_qr), the figures are those of the chats that came from
	 * the codes and of the follows and unfollows with them, read from the
	 * codes' own events (report_qr_events, 050) rather than the roll-ups */
	long long   qr;
	const char *campaign;
	int         by_qr;
};
/* the codes a report is narrowed to: binds RF_QR (a code, a campaign) */
#define REP_QR_CODES "SELECT id FROM qr_codes WHERE ? IN (0, id) AND ? IN ('', campaign)"
#define RF_QR(f) I((f)->qr), S((f)->campaign ? (f)->campaign : "")
enum { REP_BY_NONE = 0, REP_BY_OPERATOR = 1, REP_BY_DEPARTMENT = 2 };
enum { REP_WHOLE = 0, REP_DAY = 1, REP_HOUR = 2 };	/* buckets: the range, days, hours of day */
long long db_report_rollup(struct pool *p);
int db_report_levels(struct pool *p, int zid, const char *zone);
int db_report_build(struct pool *p);
int db_report_viewers(struct pool *p, time_t since, time_t recent);
enum dbrc db_report_view(struct pool *p, const char *zone, time_t now);
/* columns of db_report_zone */
#define REPORT_ZONE_ROW(C) C(INT, range_from) C(INT, range_to) C(STR, day) C(STR, zone) \
	C(INT, zid)
DB_ROW(report_zone, REPORT_ZONE_ROW)
enum dbrc db_report_zone(struct pool *p, const char *zone, const char *from,
	const char *to_excl, time_t now, struct report_zone *row);
/* columns of db_report_span */
#define REPORT_SPAN_ROW(C) C(STR, lday_from) C(STR, lday_to) C(INT, lhour_from) \
	C(INT, lhour_to)
DB_ROW(report_span, REPORT_SPAN_ROW)
enum dbrc db_report_span(struct pool *p, long long from, long long to, int zid,
	struct report_span *row);
/* columns of db_report_dims */
/* an account's name is its brand's; app_id NULL: a draft; gone: deleted;
 * a QR code's and a campaign's account (channel_id) */
#define REPORT_DIMS_ROW(C) C(STR, kind) C(INT, id) C(STR, name) C(INT, brand_id) \
	C(STR, app_id) C(INT, gone) C(INT, channel_id)
DB_ROW(report_dims, REPORT_DIMS_ROW)
enum dbrc db_report_dims(struct pool *p, struct report_dims **rows, size_t *n);
/* columns of db_report_counts */
#define REPORT_COUNTS_ROW(C) C(STR, b) C(INT, g) C(STR, kind) C(STR, detail) C(INT, n) \
	C(INT, total)
DB_ROW(report_counts, REPORT_COUNTS_ROW)
enum dbrc db_report_counts(struct pool *p, const struct report_filter *f, int bucket,
	int group, struct report_counts **rows, size_t *n);
/* columns of db_report_hist */
#define REPORT_HIST_ROW(C) C(STR, b) C(INT, g) C(STR, kind) C(INT, vbin) C(INT, n)
DB_ROW(report_hist, REPORT_HIST_ROW)
enum dbrc db_report_hist(struct pool *p, const struct report_filter *f, int bucket,
	int group, const char *kind, struct report_hist **rows, size_t *n);

#endif
