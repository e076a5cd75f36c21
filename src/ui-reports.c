/*
 * ui-reports.c: the reports (overview, per day, per hour of day, per
 * department, per operator, followers, presence and routing, satisfaction),
 * each a page (with SVG charts drawn here from the figures) and a CSV
 * download (format=csv).
 *
 * Every figure counts the report events that happened in the range, in the
 * viewer's time zone: a chat that starts at 23:58 and is answered at 00:03
 * is received on one day and answered on the next. Medians and 90th
 * percentiles are nearest-rank values over histogram bins (report_vbin).
 * Operators see only their own figures; the router keeps them off the
 * department and follower reports.
 *
 * Every report honours the dates, the time zone, the brand and the WeChat
 * account; the department, the operator and the business-hours switch
 * where a report can (its USE_* flags): the others are not offered on its
 * tab, and are kept, unused, for the tabs that use them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "db.h"
#include "json.h"
#include "csat.h"
#include "assign.h"
#include "ui.h"
#include "wxapi.h"
#include "qr.h"
#include "reports.h"

enum kind { K_STARTED, K_PICKED, K_FIRST, K_MISSED, K_CLOSED, K_TRANSFERRED, K_IN,
	K_OUT, K_FAILED, K_FOLLOW, K_UNFOLLOW, K_FU_RECEIVED, K_FU_ANSWERED, K_FU_EXPIRED,
	K_HELD_SENT, K_HELD_EXPIRED, K_TPL_SENT, K_TPL_FAILED, K_NOTICE_SENT, K_NOTICE_FAILED,
	K_BROADCAST, K_FIRST_IN, K__N };
static const char *const kind_names[K__N] = { "chat_started", "picked_up",
	"first_response", "missed", "closed", "transferred", "message_in", "message_out",
	"delivery_failed", "follow", "unfollow", "followup_received", "followup_answered",
	"followup_expired", "held_sent", "held_expired", "template_sent", "template_failed",
	"notice_sent", "notice_failed", "broadcast_sent", "first_in_window" };

#define MAX_DAYS 731

/* the filters a report uses besides the dates, time zone, brand and account */
enum {
	USE_DEPARTMENT = 1,
	USE_OPERATOR = 2,
	USE_BH = 4,	/* first responses in business hours only */
	USE_QR = 8,	/* a QR code or a campaign */
	USE_ALL = USE_DEPARTMENT | USE_OPERATOR | USE_BH | USE_QR
};

struct rep {
	struct report_filter f;
	char        from[11], to[11];	/* the viewer's dates, inclusive */
	const char *zone_label;
	int         csv;
	int         bh;		/* first response in business hours only */
	int         ndays;
	long long   day0;		/* the first date at 00:00 UTC (calendar only) */
	struct report_dims *dims;	/* the filters' choices: what id name brand */
	size_t       ndims;
};

/*
 * A kind's index; the first responses are those of the switch (in business
 * hours only, or in all time), the others are left out (-1).
 */
static int
kind_of(const struct rep *q, const char *s)
{
	if (s && strcmp(s, "first_response_bh") == 0)
		return q->bh ? K_FIRST : -1;
	if (s && q->bh && strcmp(s, kind_names[K_FIRST]) == 0)
		return -1;
	for (int k = 0; s && k < K__N; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

static void
date_text(long long t, char out[11])
{
	struct tm tm;
	time_t    tt = (time_t)t;

	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* a date field: YYYY-MM-DD naming a real day, as 00:00 UTC; -1 if not */
static long long
date_arg(const char *v)
{
	char      back[11];
	long long t;

	if (v == NULL || strlen(v) != 10 || (t = ui_day(v, -1)) < 0)
		return -1;
	date_text(t, back);
	return strcmp(back, v) == 0 ? t : -1;
}

static long long
id_arg(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	char       *end;
	long long   n;

	if (v == NULL || *v == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? n : 0;
}

/* a time zone name as the tz database spells them: Asia/Shanghai, UTC, Etc/GMT-8 */
static int
zone_ok(const char *z)
{
	size_t n = z ? strlen(z) : 0;

	return n > 0 && n <= 64 && strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_+-/") == n;
}

/* "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h" (in the reader's language) */
static const char *
dur_text(struct req *r, long long s)
{
	if (s < 0)
		return "—";
	if (s < 60)
		return LF(r, "dur.s", s);
	if (s < 3600)
		return s % 60 ? LF(r, "dur.min_s", s / 60, s % 60) : LF(r, "dur.min", s / 60);
	if (s < 86400)
		return s % 3600 / 60 ? LF(r, "dur.h_min", s / 3600, s % 3600 / 60) :
		    LF(r, "dur.h", s / 3600);
	return s % 86400 / 3600 ? LF(r, "dur.d_h", s / 86400, s % 86400 / 3600) :
	    LF(r, "dur.d", s / 86400);
}

/*
 * The whole months in the days from..to (calendar only), as the first day
 * of the first and the first day after the last: [a, b). When there are
 * none, both are the day after to.
 */
static void
whole_months(long long from, long long to, char a[11], char b[11])
{
	struct tm f, t;
	time_t    ft = (time_t)from, tt = (time_t)(to + 86400);

	gmtime_r(&ft, &f);
	gmtime_r(&tt, &t);
	if (f.tm_mday != 1 && ++f.tm_mon == 12)
		f.tm_mon = 0, f.tm_year++;
	if (f.tm_year * 12 + f.tm_mon >= t.tm_year * 12 + t.tm_mon) {
		date_text(to + 86400, a);
		memcpy(b, a, 11);
		return;
	}
	strftime(a, 11, "%Y-%m-01", &f);
	strftime(b, 11, "%Y-%m-01", &t);
}

/* the week of its Monday, of a date (00:00 UTC, calendar only): 1970-01-01 was a Thursday */
#define MONDAY_OF(d) ((d) - (((d) / 86400 % 7 + 10) % 7) * 86400)

/*
 * The days [a, b) (calendar dates as 00:00 UTC): its whole weeks from
 * Monday, [g[1], g[2]), and the days around them, [g[0], g[1]) and
 * [g[2], g[3]).
 */
static void
week_split(long long a, long long b, char g[4][11])
{
	long long w1 = a == MONDAY_OF(a) ? a : MONDAY_OF(a) + 7 * 86400, w2 = MONDAY_OF(b);

	if (w2 <= w1)
		w1 = w2 = b;	/* no whole week */
	date_text(a, g[0]);
	date_text(w1, g[1]);
	date_text(w2, g[2]);
	date_text(b, g[3]);
}

/*
 * The local days from..to around the whole months of f (month_from,
 * month_to: equal, the day after to, when there are none), split into whole
 * weeks and days for the hour-of-day level (f->seg).
 */
static void
hod_segments(struct report_filter *f, long long from, long long to)
{
	long long mf = date_arg(f->month_from), mt = date_arg(f->month_to);

	if (mf < from || mt < mf || mt > to + 86400)
		mf = mt = to + 86400;
	week_split(from, mf, f->seg[0]);
	week_split(mt, to + 86400, f->seg[1]);
}

/*
 * The days from and to (00:00 UTC, calendar only) in the zone, as UTC times
 * in z (columns: from, end of to, today where the viewer is). A zone the
 * server does not know is said on the form and UTC is used instead.
 * Returns 0, or -1 after answering.
 */
static int
zone_range(struct req *r, struct resp *rs, const char **zone, long long from, long long to,
    struct report_zone *z)
{
	char a[11], b[11];

	date_text(from, a);
	date_text(to + 86400, b);
	/* which roll-up serves the page (report_state.zone) and the figures
	 * read from it are one snapshot, even if a rebuild or a fold commits
	 * in between (without it, the reads fall back to a snapshot each) */
	(void)db_snapshot();
	if (db_report_zone(&r->pool, *zone, a, b, wx_now(), z) != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	if (z->day != NULL)
		return 0;
	form_error(r, "tz", LF(r, "rep.tz_unknown", *zone));
	*zone = "+00:00";
	if (db_report_zone(&r->pool, *zone, a, b, wx_now(), z) != DB_OK ||
	    z->day == NULL) {
		ui_db_failed(r, rs);
		return -1;
	}
	return 0;
}

/*
 * The whole days and months of the levels' zone in the range, which serve
 * a whole range's figures in any zone (f->span). Returns 0, or -1 after
 * answering.
 */
static int
levels_span(struct req *r, struct resp *rs, struct report_filter *f)
{
	struct report_span sp;
	enum dbrc          rc;
	long long          a, b;

	f->span = 0;
	/* the viewer's zone's levels, else the reporting zone's */
	if ((f->szid = f->zid ? f->zid : f->built ? 1 : 0) == 0)
		return 0;
	rc = db_report_span(&r->pool, (long long)f->from, (long long)f->to, f->szid, &sp);
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		ui_db_failed(r, rs);
		return -1;
	}
	if (rc != DB_OK || (a = date_arg(sp.lday_from)) < 0 || (b = date_arg(sp.lday_to)) <= a)
		return 0;
	f->span = 1;
	memcpy(f->lday_from, sp.lday_from, sizeof f->lday_from);
	memcpy(f->lday_to, sp.lday_to, sizeof f->lday_to);
	/* a day of the levels holds the UTC hours that begin in it */
	f->lhour_from = (time_t)((sp.lhour_from + 3599) / 3600 * 3600);
	f->lhour_to = (time_t)((sp.lhour_to + 3599) / 3600 * 3600);
	whole_months(a, b - 86400, f->lmonth_from, f->lmonth_to);
	return 0;
}

/*
 * Reads the filters: dates (default the last 7 days where the viewer is),
 * time zone (the tz argument, the browser's as the wxdesk_tz cookie, the
 * configured Reports.TimeZone, else UTC), brand, channel, and of
 * department, operator and the business-hours switch those the report
 * uses (a USE_* set): the others are left at "any" in q->f, and only
 * carried to the other tabs. An operator's reports are always their own.
 * Returns 0, or -1 after answering with the error.
 */
static int
read_filter(struct req *r, struct resp *rs, struct rep *q, unsigned uses)
{
	const char  *zone = req_arg(r, "tz");
	const char  *fa = req_arg(r, "from"), *ta = req_arg(r, "to");
	struct report_zone z;
	long long    from = fa && *fa ? date_arg(fa) : -2, to = ta && *ta ? date_arg(ta) : -2;
	long long    today;
	/* a good range asked for: one query converts it and checks the zone */
	int          good = from >= 0 && to >= from && (to - from) / 86400 + 1 <= MAX_DAYS;
	/* as asked for: carried to the other tabs, applied where the report uses them */
	int          bh = req_arg(r, "bh") && strcmp(req_arg(r, "bh"), "1") == 0;
	long long    dept = id_arg(r, "department");
	long long    op = user_sees_all_chats(r->user) ? id_arg(r, "operator") : r->user->id;
	long long    qr = id_arg(r, "qr");
	const char  *campaign = req_arg(r, "campaign");

	memset(q, 0, sizeof *q);
	q->csv = req_arg(r, "format") && strcmp(req_arg(r, "format"), "csv") == 0;
	q->bh = (uses & USE_BH) && bh;
	if (zone == NULL || *zone == '\0')
		zone = req_cookie(r, "wxdesk_tz");
	if (!zone_ok(zone))
		zone = cfg_get("Reports.TimeZone", "UTC");
	if (!zone_ok(zone))
		zone = "UTC";
	/* the worker keeps the levels in the zones reports are viewed in
	 * (a failure here shows as the page's own, just below) */
	(void)db_report_view(&r->pool, zone, wx_now());
	if (zone_range(r, rs, &zone, good ? from : 0, good ? to : 0, &z) != 0)
		return -1;
	q->f.zone = zone;
	q->zone_label = strcmp(zone, "+00:00") == 0 ? "UTC" : zone;
	if (!good) {
		today = date_arg(z.day);
		if (to == -2)
			to = today;
		if (from == -2 && to >= 0)
			from = to - 6 * 86400LL;
		if (to < 0 || from < 0) {
			form_error(r, to < 0 ? "to" : "from", L(r, "rep.date_format"));
			to = today, from = today - 6 * 86400LL;
		} else if (from > to) {
			form_error(r, "from", L(r, "rep.date_order"));
			from = to;
		} else if ((to - from) / 86400 + 1 > MAX_DAYS) {
			form_error(r, "from", L(r, "rep.date_span"));
			from = to - (MAX_DAYS - 1) * 86400LL;
		}
		if (zone_range(r, rs, &zone, from, to, &z) != 0)
			return -1;
	}
	date_text(from, q->from);
	date_text(to, q->to);
	q->day0 = from;
	q->ndays = (int)((to - from) / 86400 + 1);
	/* folded hours are whole UTC hours, each counted where its first
	 * minute falls: exact for zones a whole number of hours from UTC */
	q->f.from = (time_t)((z.range_from + 3599) / 3600 * 3600);
	q->f.to = (time_t)((z.range_to + 3599) / 3600 * 3600);
	memcpy(q->f.day_from, q->from, sizeof q->f.day_from);
	memcpy(q->f.day_to, q->to, sizeof q->f.day_to);
	whole_months(from, to, q->f.month_from, q->f.month_to);
	hod_segments(&q->f, from, to);
	q->f.zid = (int)z.zid;
	q->f.local = z.zid != 0;
	q->f.built = z.zone != NULL && *z.zone != '\0';
	if (levels_span(r, rs, &q->f) != 0)
		return -1;
	q->f.brand = id_arg(r, "brand");
	if (r->token && r->token->brand)	/* an API token of one brand (api.h) */
		q->f.brand = r->token->brand;
	q->f.channel = id_arg(r, "channel");
	q->f.department = uses & USE_DEPARTMENT ? dept : 0;
	/* an operator's own, even where a report has no operator filter */
	q->f.operator = (uses & USE_OPERATOR) || !user_sees_all_chats(r->user) ? op : 0;
	/* a campaign label as the codes' form takes it (at most 64 bytes) */
	if (campaign == NULL || strlen(campaign) > 64 || v_utf8(campaign) != NULL)
		campaign = "";
	q->f.qr = uses & USE_QR ? qr : 0;
	q->f.campaign = uses & USE_QR ? campaign : "";
	q->f.by_qr = q->f.qr != 0 || *q->f.campaign != '\0';

	tmpl_set(r, "Filter.From", q->from);
	tmpl_set(r, "Filter.To", q->to);
	tmpl_set(r, "Filter.TZ", q->zone_label);
	tmpl_set_int(r, "Filter.Brand", q->f.brand);
	tmpl_set_int(r, "Filter.Channel", q->f.channel);
	tmpl_set_int(r, "Filter.Department", dept);
	tmpl_set_int(r, "Filter.Operator", op);
	tmpl_set_int(r, "Filter.Own", !user_sees_all_chats(r->user));
	tmpl_set_int(r, "Filter.Days", q->ndays);
	tmpl_set_int(r, "Filter.BH", bh);
	tmpl_set_int(r, "Filter.QR", qr);
	tmpl_set(r, "Filter.Campaign", campaign);
	tmpl_set_int(r, "Filter.Uses.QR", (uses & USE_QR) != 0);
	tmpl_set_int(r, "Filter.Uses.Department", (uses & USE_DEPARTMENT) != 0);
	tmpl_set_int(r, "Filter.Uses.Operator", (uses & USE_OPERATOR) != 0);
	tmpl_set_int(r, "Filter.Uses.BH", (uses & USE_BH) != 0);
	tmpl_set(r, "Filter.Text", LF(r, q->ndays == 1 ? "rep.range_1" : "rep.range", q->from, q->to,
	    (long long)q->ndays, q->zone_label));
	return 0;
}

/* 1 when user serves brand: a member of one of its departments */
static int
serves(const struct rep *q, long long user, long long brand)
{
	for (size_t i = 0; i < q->ndims; i++)
		if (q->dims[i].id == user && q->dims[i].brand_id == brand &&
		    strcmp(q->dims[i].kind, "member") == 0)
			return 1;
	return 0;
}

/* the filters' choices, into the page */
static int
load_dims(struct req *r, struct rep *q)
{
	int all = user_sees_all_chats(r->user);
	int           n[6] = { 0 };
	static const char *const dims[6] = { "brand", "channel", "department", "operator", "qr",
	    "campaign" };
	const char   *last_campaign = NULL;

	const struct report_dims *d;

	if (db_report_dims(&r->pool, &q->dims, &q->ndims) != DB_OK)
		return -1;
	/* an account by its brand and App ID, a draft or a deleted one in words */
	for (size_t i = 0; i < q->ndims; i++)
		if (strcmp(q->dims[i].kind, "channel") == 0) {
			const char *name = pool_printf(&r->pool, "%s · %s", q->dims[i].name,
			    q->dims[i].app_id ? q->dims[i].app_id : L(r, "rep.account_draft"));
			q->dims[i].name = q->dims[i].gone ? LF(r, "rep.account_deleted", name) : name;
		}
	d = q->dims;
	for (size_t i = 0; i < q->ndims; i++) {
		const char *what = d[i].kind;
		for (int k = 0; k < 6; k++) {
			if (strcmp(what, dims[k]) != 0)
				continue;
			/* a code or a campaign: of the account chosen (a campaign once) */
			if (k >= 4 && q->f.channel && d[i].channel_id != q->f.channel)
				break;
			if (k == 5 && last_campaign && strcmp(last_campaign, d[i].name) == 0)
				break;
			/* an operator: only the brands they serve, and theirs */
			if (!all && !serves(q, r->user->id, k == 0 ? d[i].id : d[i].brand_id) &&
			    k != 3)
				break;
			/* a brand chosen: only its accounts, departments, operators and codes */
			if ((k == 1 || k == 2 || k >= 4) && q->f.brand && d[i].brand_id != q->f.brand)
				break;
			if (k == 3 && q->f.brand && !serves(q, d[i].id, q->f.brand))
				break;
			if (k == 3 && !user_sees_all_chats(r->user) &&
			    d[i].id != r->user->id)
				break;
			tmpl_set_int(r, pool_printf(&r->pool, "Dims.%s.%d.Id", dims[k], n[k]),
			    d[i].id);
			tmpl_set(r, pool_printf(&r->pool, "Dims.%s.%d.Name", dims[k], n[k]),
			    d[i].name);
			n[k]++;
			if (k == 5)
				last_campaign = d[i].name;
			break;
		}
	}
	return 0;
}

/* a close summary's topic by its id (a report event's detail): its brand
 * and name, or that it was deleted since */
static const char *
topic_name(struct req *r, const struct rep *q, const char *detail)
{
	long long id = strtoll(detail, NULL, 10);

	for (size_t i = 0; i < q->ndims; i++)
		if (strcmp(q->dims[i].kind, "topic") == 0 && q->dims[i].id == id)
			return q->dims[i].name;
	return L(r, "rep.topic_deleted");
}

/* the display name of a dimension's id */
static const char *
dim_name(struct req *r, const struct rep *q, const char *dim, long long id)
{
	for (size_t i = 0; i < q->ndims; i++)
		if (strcmp(q->dims[i].kind, dim) == 0 && q->dims[i].id == id)
			return q->dims[i].name;
	return pool_printf(&r->pool, "#%lld", id);
}

/* ---- histograms ---- */

/* nearest-rank percentiles of one run of histogram rows (vbin col 3, n col 4) */
static void
percentiles(const struct report_hist *h, size_t lo, size_t hi, long long *med, long long *p90,
    long long *count)
{
	long long total = 0, seen = 0, want50, want90;

	*med = *p90 = -1;
	for (size_t i = lo; i < hi; i++)
		total += h[i].n;
	*count = total;
	if (total == 0)
		return;
	want50 = (total + 1) / 2;
	want90 = (total * 9 + 9) / 10;
	for (size_t i = lo; i < hi; i++) {
		seen += h[i].n;
		if (*med < 0 && seen >= want50)
			*med = h[i].vbin;
		if (seen >= want90) {
			*p90 = h[i].vbin;
			break;
		}
	}
}

/*
 * Calls fn for each (bucket, group, kind) run of a histogram result
 * (rows sorted by b, g, kind, vbin).
 */
typedef void (*hist_fn)(void *ctx, const char *b, long long g, int kind, long long med,
	long long p90, long long n);

static void
each_hist(const struct rep *q, const struct report_hist *h, size_t nh, hist_fn fn, void *ctx)
{
	for (size_t i = 0; i < nh; ) {
		size_t j = i + 1;
		while (j < nh && strcmp(h[j].b, h[i].b) == 0 &&
		    h[j].g == h[i].g &&
		    strcmp(h[j].kind, h[i].kind) == 0)
			j++;
		long long med, p90, n;
		percentiles(h, i, j, &med, &p90, &n);
		fn(ctx, h[i].b, h[i].g, kind_of(q, h[i].kind), med, p90, n);
		i = j;
	}
}

/* ---- charts: geometry here, drawing in templates/reports.cs ---- */

#define CH_W     760
#define CH_H     260
#define CH_LEFT  48
#define CH_RIGHT 56
#define CH_TOP   12
#define CH_BOT   34

/* a round number at least v: 1, 2, 5 times a power of ten */
static long long
nice_max(long long v)
{
	long long m = 1;

	if (v <= 0)
		return 1;
	for (;;) {
		if (v <= m)
			return m;
		if (v <= 2 * m)
			return 2 * m;
		if (v <= 5 * m)
			return 5 * m;
		m *= 10;
	}
}

/*
 * Stacked bars a (bottom) and b (top) for n buckets, with an optional
 * line (values < 0 are gaps) on its own axis of seconds. HDF under prefix:
 * W H, Bars.i.{X,W,AY,AH,BY,BH,Title}, XLabels.i.{X,Text}, Ticks.i.{Y,Text},
 * LineTicks.i.{Y,Text}, Points, Dots.i.{X,Y}, Legend.{A,B,Line}.
 */
static void
chart_stacked(struct req *r, const char *prefix, int n, char *const *labels,
    const long long *a, const long long *b, const long long *line, const char *la,
    const char *lb, const char *ll)
{
	struct pool *p = &r->pool;
	double       pw = CH_W - CH_LEFT - CH_RIGHT, ph = CH_H - CH_TOP - CH_BOT;
	double       slot = n > 0 ? pw / n : pw;
	long long    top = 0, ltop = 0;
	struct buf   pts = { 0 };
	int          every = n > 12 ? (n + 11) / 12 : 1, dots = 0;

	for (int i = 0; i < n; i++) {
		if (a[i] + b[i] > top)
			top = a[i] + b[i];
		if (line && line[i] > ltop)
			ltop = line[i];
	}
	top = nice_max(top);
	/* grid lines at whole numbers: 1, 2, 5 times a power of ten divide so */
	int ni = top >= 5 && top % 5 == 0 ? 5 : top % 4 == 0 ? 4 : top % 2 == 0 ? 2 : 1;
	ltop = nice_max(ltop);
	ltop = (ltop + ni - 1) / ni * ni;
	tmpl_set_int(r, pool_printf(p, "%s.W", prefix), CH_W);
	tmpl_set_int(r, pool_printf(p, "%s.H", prefix), CH_H);
	tmpl_set_int(r, pool_printf(p, "%s.Left", prefix), CH_LEFT);
	tmpl_set_int(r, pool_printf(p, "%s.Right", prefix), CH_W - CH_RIGHT);
	tmpl_set_int(r, pool_printf(p, "%s.Base", prefix), CH_TOP + (long long)ph);
	tmpl_set_int(r, pool_printf(p, "%s.TickX", prefix), CH_LEFT - 6);
	tmpl_set_int(r, pool_printf(p, "%s.LineX", prefix), CH_W - CH_RIGHT + 6);
	tmpl_set_int(r, pool_printf(p, "%s.LabelY", prefix), CH_TOP + (long long)ph + 18);
	tmpl_set(r, pool_printf(p, "%s.Legend.A", prefix), la);
	tmpl_set(r, pool_printf(p, "%s.Legend.B", prefix), lb);
	if (line)
		tmpl_set(r, pool_printf(p, "%s.Legend.Line", prefix), ll);
	for (int i = 0; i < n; i++) {
		double x = CH_LEFT + i * slot, w = slot * 0.72 < 1 ? 1 : slot * 0.72;
		double ha = ph * (double)a[i] / (double)top, hb = ph * (double)b[i] / (double)top;
		double base = CH_TOP + ph;
		const char *k = pool_printf(p, "%s.Bars.%d", prefix, i);
		tmpl_setf(r, pool_printf(p, "%s.X", k), "%.1f", x + (slot - w) / 2);
		tmpl_setf(r, pool_printf(p, "%s.W", k), "%.1f", w);
		tmpl_setf(r, pool_printf(p, "%s.AY", k), "%.1f", base - ha);
		tmpl_setf(r, pool_printf(p, "%s.AH", k), "%.1f", ha);
		tmpl_setf(r, pool_printf(p, "%s.BY", k), "%.1f", base - ha - hb);
		tmpl_setf(r, pool_printf(p, "%s.BH", k), "%.1f", hb);
		tmpl_set(r, pool_printf(p, "%s.Title", k), line && line[i] >= 0 ?
		    LF(r, "rep.bar_line", labels[i], a[i], la, b[i], lb, ll, dur_text(r, line[i])) :
		    LF(r, "rep.bar", labels[i], a[i], la, b[i], lb));
		if (i % every == 0) {
			const char *xl = pool_printf(p, "%s.XLabels.%d", prefix, i / every);
			tmpl_setf(r, pool_printf(p, "%s.X", xl), "%.1f", x + slot / 2);
			tmpl_set(r, pool_printf(p, "%s.Text", xl), labels[i]);
		}
		if (line && line[i] >= 0) {
			double ly = CH_TOP + ph - ph * (double)line[i] / (double)ltop;
			buf_printf(&pts, "%s%.1f,%.1f", pts.len ? " " : "", x + slot / 2, ly);
			const char *d = pool_printf(p, "%s.Dots.%d", prefix, dots++);
			tmpl_setf(r, pool_printf(p, "%s.X", d), "%.1f", x + slot / 2);
			tmpl_setf(r, pool_printf(p, "%s.Y", d), "%.1f", ly);
		}
	}
	for (int t = 0; t <= ni; t++) {
		const char *k = pool_printf(p, "%s.Ticks.%d", prefix, t);
		double      y = CH_TOP + ph - ph * t / ni;
		tmpl_setf(r, pool_printf(p, "%s.Y", k), "%.1f", y);
		tmpl_set(r, pool_printf(p, "%s.Text", k), pool_printf(p, "%lld", top * t / ni));
		if (line) {
			k = pool_printf(p, "%s.LineTicks.%d", prefix, t);
			tmpl_setf(r, pool_printf(p, "%s.Y", k), "%.1f", y);
			tmpl_set(r, pool_printf(p, "%s.Text", k), dur_text(r, ltop * t / ni));
		}
	}
	if (pts.len)
		tmpl_set(r, pool_printf(p, "%s.Points", prefix), pts.data);
	buf_free(&pts);
}

/* horizontal bars, one per row: Rows.i.{Y,W,Text,Value}, W, H */
static void
chart_hbars(struct req *r, const char *prefix, int n, const char *const *labels,
    const long long *v)
{
	struct pool *p = &r->pool;
	long long    top = 0;

	for (int i = 0; i < n; i++)
		if (v[i] > top)
			top = v[i];
	tmpl_set_int(r, pool_printf(p, "%s.W", prefix), CH_W);
	tmpl_set_int(r, pool_printf(p, "%s.H", prefix), 8 + 24LL * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++) {
		const char *k = pool_printf(p, "%s.Rows.%d", prefix, i);
		tmpl_set_int(r, pool_printf(p, "%s.Y", k), 6 + 24LL * i);
		tmpl_set_int(r, pool_printf(p, "%s.TY", k), 21 + 24LL * i);
		double w = top ? 440.0 * (double)v[i] / (double)top : 0.0;
		tmpl_setf(r, pool_printf(p, "%s.W", k), "%.1f", w);
		tmpl_setf(r, pool_printf(p, "%s.VX", k), "%.1f", w + 238);
		tmpl_set(r, pool_printf(p, "%s.Text", k), labels[i]);
		tmpl_set_int(r, pool_printf(p, "%s.Value", k), v[i]);
	}
}

/* ---- CSV ---- */

static void
csv_start(struct req *r, struct resp *rs, const struct rep *q, const char *what)
{
	/* UTF-8 with a byte-order mark: Excel on a Chinese Windows reads it so */
	csv_begin(rs, pool_printf(&r->pool, "wxdesk-%s%s-%s-%s.csv", what,
	    q->bh ? "-business-hours" : "", q->from, q->to));
}

static const char *
num(struct pool *p, long long v)
{
	return pool_printf(p, "%lld", v);
}

/* seconds for CSV: empty when there is no value */
static const char *
secs(struct pool *p, long long v)
{
	return v < 0 ? "" : num(p, v);
}

static void
render(struct req *r, struct resp *rs, struct rep *q, const char *page, const char *title)
{
	if (q->ndims == 0 && load_dims(r, q) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Report.Page", page);
	tmpl_set(r, "Page.Title", title);
	tmpl_set(r, "Nav", "reports");
	tmpl_render(r, rs, "reports.cs");
}

/* ---- overview ---- */

struct overview {
	long long med[K__N], p90[K__N], n[K__N];
};

static void
overview_hist(void *ctx, const char *b, long long g, int kind, long long med, long long p90,
    long long n)
{
	struct overview *o = ctx;

	(void)b, (void)g;
	if (kind >= 0)
		o->med[kind] = med, o->p90[kind] = p90, o->n[kind] = n;
}

/* The overview for the API (api.h): each figure by its CSV name
 * ("chats_received"), the times in seconds, the closes by reason. */
static void
overview_json(struct req *r, struct resp *rs, const struct rep *q, const long long *tot,
    const struct overview *o, const char *const *label, const struct report_counts *c,
    size_t c_n)
{
	json_t *fig = json_object(), *times = json_object(), *reasons = json_array();

	for (int k = 0; k < K__N; k++)
		json_object_set_new(fig, label[k] + 4, json_integer(tot[k]));
	for (int k = K_PICKED; k <= K_CLOSED; k++) {
		if (k == K_MISSED)
			continue;
		json_object_set_new(times, k == K_PICKED ? "wait" : k == K_FIRST ?
		    "first_response" : "duration", json_pack("{s:o,s:o,s:I}",
		    "median", o->med[k] < 0 ? json_null() : json_integer(o->med[k]),
		    "p90", o->p90[k] < 0 ? json_null() : json_integer(o->p90[k]),
		    "n", (json_int_t)(o->n[k] < 0 ? 0 : o->n[k])));
	}
	for (size_t i = 0; i < c_n; i++)
		if (kind_of(q, c[i].kind) == K_CLOSED)
			json_array_append_new(reasons, json_pack("{s:s,s:I}", "reason",
			    c[i].detail ? c[i].detail : "", "chats", (json_int_t)c[i].n));
	resp_json(rs, 200, json_pack("{s:s,s:s,s:s,s:I,s:o,s:o,s:o}", "from", q->from, "to", q->to,
	    "tz", q->zone_label, "brand_id", (json_int_t)q->f.brand, "figures", fig,
	    "times", times, "closed_by_reason", reasons));
}

/* row i of the overview's refusals by errcode: code, in words (a
 * template's or a notice's said as such: a code may be both), how many */
static void
errcode_row(struct req *r, int i, int k, const char *code, long long n)
{
	const char *b = pool_printf(&r->pool, "Overview.Errcodes.%d", i);
	const char *what = ui_errtext(r, strtol(code, NULL, 10));

	tmpl_set(r, pool_printf(&r->pool, "%s.Code", b), code);
	tmpl_set(r, pool_printf(&r->pool, "%s.Text", b), k == K_FAILED ? what : LF(r,
	    k == K_TPL_FAILED ? "rep.errcode_template" : "rep.errcode_notice", what));
	tmpl_set(r, pool_printf(&r->pool, "%s.Kind", b), kind_names[k]);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Count", b), n);
}

void
reports_overview_get(struct req *r, struct resp *rs)
{
	struct rep      q;
	struct report_hist *h = NULL;
	size_t h_n = 0;
	struct report_counts *c = NULL;
	size_t c_n = 0;
	struct overview o;
	long long       tot[K__N] = { 0 };
	int             nr = 0, ne = 0, nt = 0;
	const char     *rl[16], *tl[100];
	long long       rv[16], tv[100];
	static const char *const label[K__N] = { "csv.chats_received", "csv.chats_picked_up",
		"csv.chats_answered", "csv.chats_missed", "csv.chats_closed", "csv.transfers",
		"csv.messages_in", "csv.messages_out", "csv.delivery_failures", "csv.follows",
		"csv.unfollows", "csv.followups_received", "csv.followups_answered",
		"csv.followups_expired", "csv.held_sent", "csv.held_expired", "csv.templates_sent",
		"csv.templates_failed", "csv.notices_sent", "csv.notices_failed", "csv.broadcasts",
		"csv.first_in_window" };
	static const char *const key[K__N] = { "Received", "PickedUp", "Answered", "Missed",
		"Closed", "Transferred", "MessagesIn", "MessagesOut", "Failed", "Follows",
		"Unfollows", "FollowupsReceived", "FollowupsAnswered", "FollowupsExpired", "HeldSent",
		"HeldExpired", "TemplatesSent", "TemplatesFailed", "NoticesSent", "NoticesFailed",
		"Broadcasts", "FirstInWindow" };

	if (read_filter(r, rs, &q, USE_ALL) != 0)
		return;
	if (db_report_counts(&r->pool, &q.f, REP_WHOLE, REP_BY_NONE, &c, &c_n) != DB_OK ||
	    db_report_hist(&r->pool, &q.f, REP_WHOLE, REP_BY_NONE, "", &h, &h_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	memset(&o, 0xff, sizeof o);
	each_hist(&q, h, h_n, overview_hist, &o);
	if (load_dims(r, &q) != 0) {	/* the topics' names */
		ui_db_failed(r, rs);
		return;
	}
	/* columns: b g kind detail n total */
	for (size_t i = 0; i < c_n; i++) {
		int       k = kind_of(&q, c[i].kind);
		long long n = c[i].n;
		if (strcmp(c[i].kind, "topic") == 0 && nt < 100) {
			/* closed chats by their summary's topic (topics.h) */
			tl[nt] = topic_name(r, &q, c[i].detail);
			tv[nt] = n;
			tmpl_set(r, pool_printf(&r->pool, "Overview.Topics.%d.Name", nt), tl[nt]);
			tmpl_set_int(r, pool_printf(&r->pool, "Overview.Topics.%d.Count", nt), n);
			nt++;
			continue;
		}
		if (k < 0)
			continue;
		tot[k] += n;
		if (k == K_CLOSED && nr < 16) {
			rl[nr] = ui_close_reason(r, c[i].detail, 1);
			rv[nr] = n;
			tmpl_set(r, pool_printf(&r->pool, "Overview.Reasons.%d.Name", nr), rl[nr]);
			tmpl_set(r, pool_printf(&r->pool, "Overview.Reasons.%d.Code", nr),
			    c[i].detail);
			tmpl_set_int(r, pool_printf(&r->pool, "Overview.Reasons.%d.Count", nr), n);
			nr++;
		} else if ((k == K_FAILED || k == K_TPL_FAILED || k == K_NOTICE_FAILED) &&
		    c[i].detail && *c[i].detail && strspn(c[i].detail, "-0123456789") ==
		    strlen(c[i].detail)) {
			/* refused by WeChat, by errcode: replies, templates and notices */
			errcode_row(r, ne++, k, c[i].detail, n);
		}
	}
	if (r->token) {	/* the API's (api.h): the same figures as JSON */
		overview_json(r, rs, &q, tot, &o, label, c, c_n);
		return;
	}
	if (q.csv) {
		csv_start(r, rs, &q, "overview");
		csv_line(&rs->body, L(r, "csv.metric"), L(r, "csv.detail"), L(r, "csv.value"), NULL);
		for (int k = 0; k < K__N; k++)
			csv_line(&rs->body, L(r, label[k]), "", num(&r->pool, tot[k]), NULL);
		for (int k = K_PICKED; k <= K_CLOSED; k++) {
			const char *what = L(r, k == K_PICKED ? "csv.wait_seconds" : k == K_FIRST ?
			    "csv.first_response_seconds" : "csv.duration_seconds");
			if (k == K_MISSED)
				continue;
			csv_line(&rs->body, what, L(r, "csv.median"), secs(&r->pool, o.med[k]), NULL);
			csv_line(&rs->body, what, L(r, "csv.p90"), secs(&r->pool, o.p90[k]), NULL);
		}
		for (int i = 0; i < nt; i++)
			csv_line(&rs->body, L(r, "csv.closed_by_topic"), tl[i], num(&r->pool, tv[i]),
			    NULL);
		for (size_t i = 0; i < c_n; i++) {
			int k = kind_of(&q, c[i].kind);
			if (k == K_CLOSED || k == K_FAILED)
				csv_line(&rs->body, L(r, k == K_CLOSED ? "csv.closed_by_reason" :
				    "csv.failures_by_errcode"), k == K_CLOSED ?
				    ui_close_reason(r, c[i].detail, 1) : c[i].detail,
				    num(&r->pool, c[i].n), NULL);
		}
		return;
	}
	for (int k = 0; k < K__N; k++)
		tmpl_set_int(r, pool_printf(&r->pool, "Overview.%s", key[k]), tot[k]);
	for (int k = K_PICKED; k <= K_CLOSED; k++) {
		const char *name = k == K_PICKED ? "Wait" : k == K_FIRST ? "FirstResponse" :
		    "Duration";
		if (k == K_MISSED)
			continue;
		tmpl_set(r, pool_printf(&r->pool, "Overview.%s.Median", name),
		    dur_text(r, o.med[k]));
		tmpl_set(r, pool_printf(&r->pool, "Overview.%s.P90", name),
		    dur_text(r, o.p90[k]));
		tmpl_set_int(r, pool_printf(&r->pool, "Overview.%s.N", name),
		    o.n[k] < 0 ? 0 : o.n[k]);
	}
	chart_hbars(r, "Reasons", nr, rl, rv);
	chart_hbars(r, "Topics", nt, tl, tv);
	render(r, rs, &q, "overview", L(r, "rep.title_overview"));
}

/* ---- per day and per hour of day ---- */

struct series {
	struct rep *q;
	int         hours;	/* buckets are hours of the day, else dates */
	int         n;
	long long  *v[K__N];
	long long  *med, *p90;
};

static int
bucket_index(const struct series *s, const char *b)
{
	long long t;

	if (b == NULL)
		return -1;
	if (s->hours) {
		int h = atoi(b);
		return h >= 0 && h < 24 ? h : -1;
	}
	if ((t = date_arg(b)) < 0)
		return -1;
	t = (t - s->q->day0) / 86400;
	return t >= 0 && t < s->n ? (int)t : -1;
}

static void
series_hist(void *ctx, const char *b, long long g, int kind, long long med, long long p90,
    long long n)
{
	struct series *s = ctx;
	int            i = bucket_index(s, b);

	(void)g, (void)n;
	if (i >= 0 && kind == K_FIRST)
		s->med[i] = med, s->p90[i] = p90;
}

static void
series_page(struct req *r, struct resp *rs, int hours)
{
	struct rep    q;
	struct series s;
	struct report_hist *h = NULL;
	size_t h_n = 0;
	struct report_counts *c = NULL;
	size_t c_n = 0;
	int           bucket = hours ? REP_HOUR : REP_DAY;
	char        **labels;
	long long    *answered, *missed;

	if (read_filter(r, rs, &q, USE_ALL) != 0)
		return;
	if (db_report_counts(&r->pool, &q.f, bucket, REP_BY_NONE, &c, &c_n) != DB_OK ||
	    db_report_hist(&r->pool, &q.f, bucket, REP_BY_NONE,
	    q.bh ? "first_response_bh" : "first_response", &h, &h_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	memset(&s, 0, sizeof s);
	s.q = &q;
	s.hours = hours;
	s.n = hours ? 24 : q.ndays;
	for (int k = 0; k < K__N; k++)
		s.v[k] = pool_alloc(&r->pool, sizeof(long long) * (size_t)s.n);
	s.med = pool_alloc(&r->pool, sizeof(long long) * (size_t)s.n);
	s.p90 = pool_alloc(&r->pool, sizeof(long long) * (size_t)s.n);
	labels = pool_alloc(&r->pool, sizeof(char *) * (size_t)s.n);
	for (int i = 0; i < s.n; i++) {
		s.med[i] = s.p90[i] = -1;
		if (hours) {
			labels[i] = pool_printf(&r->pool, "%02d:00", i);
		} else {
			labels[i] = pool_alloc(&r->pool, 11);
			date_text(q.day0 + 86400LL * i, labels[i]);
		}
	}
	for (size_t i = 0; i < c_n; i++) {
		int b = bucket_index(&s, c[i].b), k = kind_of(&q, c[i].kind);
		if (b >= 0 && k >= 0)
			s.v[k][b] += c[i].n;
	}
	each_hist(&q, h, h_n, series_hist, &s);
	if (q.csv) {
		csv_start(r, rs, &q, hours ? "hours" : "days");
		csv_line(&rs->body, L(r, hours ? "csv.hour" : "csv.date"), L(r, "csv.received"),
		    L(r, "csv.answered"), L(r, "csv.missed"), L(r, "csv.closed"),
		    L(r, "csv.first_response_median_s"), L(r, "csv.first_response_p90_s"),
		    L(r, "csv.messages_in_col"), L(r, "csv.messages_out_col"),
		    L(r, "csv.delivery_failures_col"), NULL);
		for (int i = 0; i < s.n; i++)
			csv_line(&rs->body, labels[i], num(&r->pool, s.v[K_STARTED][i]),
			    num(&r->pool, s.v[K_FIRST][i]), num(&r->pool, s.v[K_MISSED][i]),
			    num(&r->pool, s.v[K_CLOSED][i]), secs(&r->pool, s.med[i]),
			    secs(&r->pool, s.p90[i]), num(&r->pool, s.v[K_IN][i]),
			    num(&r->pool, s.v[K_OUT][i]), num(&r->pool, s.v[K_FAILED][i]), NULL);
		return;
	}
	answered = s.v[K_FIRST];
	missed = s.v[K_MISSED];
	for (int i = 0; i < s.n; i++) {
		const char *k = pool_printf(&r->pool, "Rows.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", k), labels[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Received", k), s.v[K_STARTED][i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Answered", k), answered[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Missed", k), missed[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Closed", k), s.v[K_CLOSED][i]);
		tmpl_set(r, pool_printf(&r->pool, "%s.Median", k), dur_text(r, s.med[i]));
		tmpl_set(r, pool_printf(&r->pool, "%s.P90", k), dur_text(r, s.p90[i]));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.In", k), s.v[K_IN][i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Out", k), s.v[K_OUT][i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Failed", k), s.v[K_FAILED][i]);
	}
	chart_stacked(r, "Chart", s.n, labels, answered, missed, s.med, L(r, "rep.answered"),
	    L(r, "rep.missed"), L(r, "rep.median_first"));
	render(r, rs, &q, hours ? "hours" : "days", L(r, hours ? "rep.title_hours" :
	    "rep.title_days"));
}

void
reports_days_get(struct req *r, struct resp *rs)
{
	series_page(r, rs, 0);
}

void
reports_hours_get(struct req *r, struct resp *rs)
{
	series_page(r, rs, 1);
}

/* ---- per department, per operator ---- */

#define MAX_GROUPS 2000

struct groups {
	int       n;
	long long id[MAX_GROUPS];
	long long v[MAX_GROUPS][K__N];
	long long total[MAX_GROUPS][K__N];
	long long med[MAX_GROUPS][K__N];
};

static int
group_index(struct groups *g, long long id)
{
	for (int i = 0; i < g->n; i++)
		if (g->id[i] == id)
			return i;
	if (g->n == MAX_GROUPS)
		return -1;
	g->id[g->n] = id;
	for (int k = 0; k < K__N; k++)
		g->med[g->n][k] = -1;
	return g->n++;
}

static void
groups_hist(void *ctx, const char *b, long long id, int kind, long long med, long long p90,
    long long n)
{
	struct groups *g = ctx;
	int            i = group_index(g, id);

	(void)b, (void)p90, (void)n;
	if (i >= 0 && kind >= 0)
		g->med[i][kind] = med;
}

static void
groups_page(struct req *r, struct resp *rs, int by)
{
	struct rep     q;
	struct report_hist *h = NULL;
	size_t h_n = 0;
	struct report_counts *c = NULL;
	size_t c_n = 0;
	struct groups *g = pool_alloc(&r->pool, sizeof *g);
	const char   **labels;
	long long     *handled;
	const char    *dim = by == REP_BY_OPERATOR ? "operator" : "department";
	int            shown = 0;

	if (read_filter(r, rs, &q, USE_ALL) != 0)
		return;
	if (db_report_counts(&r->pool, &q.f, REP_WHOLE, by, &c, &c_n) != DB_OK ||
	    db_report_hist(&r->pool, &q.f, REP_WHOLE, by, "", &h, &h_n) != DB_OK || load_dims(r, &q) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < c_n; i++) {
		int gi = group_index(g, c[i].g), k = kind_of(&q, c[i].kind);
		if (gi >= 0 && k >= 0) {
			g->v[gi][k] += c[i].n;
			g->total[gi][k] += c[i].total;
		}
	}
	each_hist(&q, h, h_n, groups_hist, g);
	labels = pool_alloc(&r->pool, sizeof(char *) * (size_t)(g->n + 1));
	handled = pool_alloc(&r->pool, sizeof(long long) * (size_t)(g->n + 1));
	if (q.csv) {
		csv_start(r, rs, &q, by == REP_BY_OPERATOR ? "operators" : "departments");
		csv_line(&rs->body, L(r, pool_printf(&r->pool, "csv.%s", dim)), L(r, "csv.received"),
		    L(r, "csv.picked_up"), L(r, "csv.answered"), L(r, "csv.missed"),
		    L(r, "csv.closed"), L(r, "csv.first_response_median_s"),
		    L(r, "csv.duration_median_s"), L(r, "csv.messages_out_col"),
		    L(r, "csv.transfers_col"), NULL);
	}
	for (int i = 0; i < g->n; i++) {
		const char *name;
		if (g->id[i] == 0) {
			/* events with no operator: chats received, missed, system messages */
			if (by == REP_BY_OPERATOR)
				continue;
			name = L(r, "rep.no_department");
		} else {
			name = dim_name(r, &q, dim, g->id[i]);
		}
		if (q.csv) {
			csv_line(&rs->body, name, num(&r->pool, g->v[i][K_STARTED]),
			    num(&r->pool, g->v[i][K_PICKED]), num(&r->pool, g->v[i][K_FIRST]),
			    num(&r->pool, g->v[i][K_MISSED]), num(&r->pool, g->v[i][K_CLOSED]),
			    secs(&r->pool, g->med[i][K_FIRST]), secs(&r->pool, g->med[i][K_CLOSED]),
			    num(&r->pool, g->v[i][K_OUT]), num(&r->pool, g->v[i][K_TRANSFERRED]),
			    NULL);
			continue;
		}
		const char *k = pool_printf(&r->pool, "Rows.%d", shown);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", k), name);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", k), g->id[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Received", k), g->v[i][K_STARTED]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.PickedUp", k), g->v[i][K_PICKED]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Answered", k), g->v[i][K_FIRST]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Missed", k), g->v[i][K_MISSED]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Closed", k), g->v[i][K_CLOSED]);
		tmpl_set(r, pool_printf(&r->pool, "%s.FirstResponse", k),
		    dur_text(r, g->med[i][K_FIRST]));
		tmpl_set(r, pool_printf(&r->pool, "%s.Duration", k),
		    dur_text(r, g->med[i][K_CLOSED]));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Out", k), g->v[i][K_OUT]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Transferred", k),
		    g->v[i][K_TRANSFERRED]);
		labels[shown] = name;
		handled[shown] = g->v[i][K_PICKED];
		shown++;
	}
	if (q.csv)
		return;
	chart_hbars(r, "Groups", shown, labels, handled);
	render(r, rs, &q, by == REP_BY_OPERATOR ? "operators" : "departments",
	    L(r, by == REP_BY_OPERATOR ? "rep.title_operators" : "rep.title_departments"));
}

void
reports_departments_get(struct req *r, struct resp *rs)
{
	groups_page(r, rs, REP_BY_DEPARTMENT);
}

void
reports_operators_get(struct req *r, struct resp *rs)
{
	groups_page(r, rs, REP_BY_OPERATOR);
}

/* ---- followers ---- */

#define MAX_SCENES 200

void
reports_followers_get(struct req *r, struct resp *rs)
{
	struct rep    q;
	struct series s;
	struct report_counts *c = NULL;
	size_t c_n = 0;
	char        **labels;
	const char   *scene[MAX_SCENES];
	long long     sf[MAX_SCENES], su[MAX_SCENES];
	int           ns = 0;

	/* follows and unfollows are an account's: no department, operator or
	 * first response to filter by */
	if (read_filter(r, rs, &q, USE_QR) != 0)
		return;
	if (db_report_counts(&r->pool, &q.f, REP_DAY, REP_BY_NONE, &c, &c_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	memset(&s, 0, sizeof s);
	s.q = &q;
	s.n = q.ndays;
	s.v[K_FOLLOW] = pool_alloc(&r->pool, sizeof(long long) * (size_t)s.n);
	s.v[K_UNFOLLOW] = pool_alloc(&r->pool, sizeof(long long) * (size_t)s.n);
	labels = pool_alloc(&r->pool, sizeof(char *) * (size_t)s.n);
	for (int i = 0; i < s.n; i++) {
		labels[i] = pool_alloc(&r->pool, 11);
		date_text(q.day0 + 86400LL * i, labels[i]);
	}
	for (size_t i = 0; i < c_n; i++) {
		int         b = bucket_index(&s, c[i].b), k = kind_of(&q, c[i].kind);
		const char *d = c[i].detail;
		long long   n = c[i].n;
		int         j;
		if (b < 0 || (k != K_FOLLOW && k != K_UNFOLLOW))
			continue;
		s.v[k][b] += n;
		for (j = 0; j < ns && strcmp(scene[j], d) != 0; j++)
			;
		if (j == ns) {
			if (ns == MAX_SCENES)
				continue;
			scene[ns] = d, sf[ns] = su[ns] = 0, ns++;
		}
		*(k == K_FOLLOW ? &sf[j] : &su[j]) += n;
	}
	if (q.csv) {
		csv_start(r, rs, &q, "followers");
		csv_line(&rs->body, L(r, "csv.date"), L(r, "csv.qr_scene"), L(r, "csv.follows_col"),
		    L(r, "csv.unfollows_col"), NULL);
		for (size_t i = 0; i < c_n; i++) {
			int k = kind_of(&q, c[i].kind);
			if (k == K_FOLLOW || k == K_UNFOLLOW)
				csv_line(&rs->body, c[i].b, c[i].detail,
				    k == K_FOLLOW ? pool_printf(&r->pool, "%lld", c[i].n) : "0",
				    k == K_UNFOLLOW ? pool_printf(&r->pool, "%lld", c[i].n) : "0", NULL);
		}
		return;
	}
	for (int i = 0; i < s.n; i++) {
		const char *k = pool_printf(&r->pool, "Rows.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", k), labels[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Follows", k), s.v[K_FOLLOW][i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Unfollows", k), s.v[K_UNFOLLOW][i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Net", k),
		    s.v[K_FOLLOW][i] - s.v[K_UNFOLLOW][i]);
	}
	for (int i = 0; i < ns; i++) {
		const char *k = pool_printf(&r->pool, "Scenes.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Scene", k), scene[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Follows", k), sf[i]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Unfollows", k), su[i]);
	}
	chart_stacked(r, "Chart", s.n, labels, s.v[K_FOLLOW], s.v[K_UNFOLLOW], NULL,
	    L(r, "rep.follows"), L(r, "rep.unfollows"), NULL);
	render(r, rs, &q, "followers", L(r, "rep.title_followers"));
}

/* ---- QR codes ---- */

/* a code's or a campaign's row (CSV and page): ratings' average, or "" */
static const char *
rating_avg(struct pool *p, long long rated, long long sum)
{
	return rated ? pool_printf(p, "%.1f", (double)sum / (double)rated) : "";
}

static void
qr_row(struct req *r, const char *base, const char *label, const char *campaign,
    const char *scene, const long long v[5])
{
	tmpl_set(r, pool_printf(&r->pool, "%s.Label", base), label);
	tmpl_set(r, pool_printf(&r->pool, "%s.Campaign", base), campaign);
	tmpl_set(r, pool_printf(&r->pool, "%s.Scene", base), scene);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Scans", base), v[0]);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Follows", base), v[1]);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Chats", base), v[2]);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Rated", base), v[3]);
	tmpl_set(r, pool_printf(&r->pool, "%s.Avg", base), rating_avg(&r->pool, v[3], v[4]));
}

/* GET /reports/qr: each QR code's and each campaign's scans, follows, chats and ratings */
void
reports_qr_get(struct req *r, struct resp *rs)
{
	struct rep        q;
	struct qr_report *c = NULL;
	size_t            n = 0;
	int               k = -1;
	long long         tot[5] = { 0 };

	if (read_filter(r, rs, &q, USE_QR) != 0)
		return;
	if (db_qr_report(&r->pool, q.f.brand, q.f.channel, q.f.qr, q.f.campaign, q.f.from,
	    q.f.to, &c, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if (q.csv) {
		csv_start(r, rs, &q, "qr-codes");
		csv_line(&rs->body, L(r, "csv.qr_code"), L(r, "csv.campaign"), L(r, "csv.qr_scene"),
		    L(r, "csv.scans"), L(r, "csv.follows_col"), L(r, "csv.chats"),
		    L(r, "csv.rated"), L(r, "csv.rating_avg"), NULL);
		for (size_t i = 0; i < n; i++)
			csv_line(&rs->body, c[i].name, c[i].campaign ? c[i].campaign : "", c[i].scene,
			    num(&r->pool, c[i].scans), num(&r->pool, c[i].follows),
			    num(&r->pool, c[i].chats), num(&r->pool, c[i].rated),
			    rating_avg(&r->pool, c[i].rated, c[i].rating_sum), NULL);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		long long v[5] = { c[i].scans, c[i].follows, c[i].chats, c[i].rated,
		    c[i].rating_sum };
		qr_row(r, pool_printf(&r->pool, "Codes.%zu", i), c[i].name, c[i].campaign,
		    c[i].scene, v);
		/* the codes of a campaign are together (the statement's order) */
		if (c[i].campaign == NULL)
			continue;
		if (k < 0 || i == 0 || c[i - 1].campaign == NULL ||
		    strcmp(c[i - 1].campaign, c[i].campaign) != 0)
			memset(tot, 0, sizeof tot), k++;
		for (int j = 0; j < 5; j++)
			tot[j] += v[j];
		qr_row(r, pool_printf(&r->pool, "Campaigns.%d", k), c[i].campaign, NULL, NULL, tot);
	}
	render(r, rs, &q, "qr", L(r, "rep.title_qr"));
}

/* ---- presence and routing ---- */

/* one operator's day: seconds in each presence, offers by outcome, load */
struct pday {
	long long   user;
	int         day;
	long long   secs[3];	/* available busy away */
	long long   offers[4];	/* accepted declined timed out other */
	const char *hand_avg, *hand_max;
};

static struct pday *
pday_of(struct req *r, struct pday **rows, size_t *n, size_t *cap, long long user, int day)
{
	for (size_t i = 0; i < *n; i++)
		if ((*rows)[i].user == user && (*rows)[i].day == day)
			return &(*rows)[i];
	if (*n == *cap) {
		struct pday *more = pool_alloc(&r->pool, sizeof *more * (*cap * 2 + 16));
		if (*n)
			memcpy(more, *rows, sizeof *more * *n);
		*rows = more;
		*cap = *cap * 2 + 16;
	}
	memset(&(*rows)[*n], 0, sizeof **rows);
	(*rows)[*n].user = user;
	(*rows)[*n].day = day;
	return &(*rows)[(*n)++];
}

/* "YYYY-MM-DD HH:MM:SS" (a local time) as seconds on a calendar whose days
 * are 86,400 s (the intervals are split at local midnights on it) */
static long long
local_secs(const char *v)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (v == NULL || sscanf(v, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

/*
 * GET /reports/presence: per operator and day, the time in each status,
 * the offers accepted, declined and timed out, and the chats in hand
 * (average and most, from the minute samples); per hour of the day, the
 * queue: waiting chats and the longest wait. Operators see their own.
 * Under a brand, account or department: the operators who serve it
 * (members of its departments) with their offers of its chats, and its
 * queue; under an operator, the queue of their departments. Business
 * hours do not apply.
 */
void
reports_presence_get(struct req *r, struct resp *rs)
{
	struct rep   q;
	struct rep_offers *of = NULL;
	struct rep_hand *hd = NULL;
	struct rep_queue *qu = NULL;
	size_t of_n = 0, hd_n = 0, qu_n = 0;
	struct rep_presence *iv = NULL;
	size_t iv_n = 0;
	struct pday *rows = NULL;
	size_t       n = 0, cap = 0;
	long long    now = (long long)wx_now(), to;

	if (read_filter(r, rs, &q, USE_DEPARTMENT | USE_OPERATOR) != 0)
		return;
	to = (long long)q.f.to < now ? (long long)q.f.to : now;
	if (load_dims(r, &q) != 0 || db_rep_presence(&r->pool, &q.f, to, &iv, &iv_n) != DB_OK ||
	    db_rep_offers(&r->pool, &q.f, &of, &of_n) != DB_OK ||
	    db_rep_hand(&r->pool, &q.f, &hd, &hd_n) != DB_OK ||
	    db_rep_queue(&r->pool, &q.f, &qu, &qu_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	/* each interval, split at the local midnights it spans */
	for (size_t i = 0; i < iv_n; i++) {
		long long s = local_secs(iv[i].start), e = local_secs(iv[i].end);
		int       k = presence_index(iv[i].presence);
		while (k >= 0 && s >= 0 && s < e) {
			long long day = s / 86400, cut = (day + 1) * 86400 < e ? (day + 1) * 86400 : e;
			int       idx = (int)((day * 86400 - q.day0) / 86400);
			if (idx >= 0 && idx < q.ndays)
				pday_of(r, &rows, &n, &cap, iv[i].user_id, idx)->secs[k] += cut - s;
			s = cut;
		}
	}
	for (size_t i = 0; i < of_n; i++) {
		long long d = date_arg(of[i].day);
		int       idx = d < 0 ? -1 : (int)((d - q.day0) / 86400);
		if (idx < 0 || idx >= q.ndays)
			continue;
		struct pday *p = pday_of(r, &rows, &n, &cap, of[i].user_id, idx);
		p->offers[0] += of[i].accepted;
		p->offers[1] += of[i].declined;
		p->offers[2] += of[i].timeout;
		p->offers[3] += of[i].other;
	}
	for (size_t i = 0; i < hd_n; i++) {
		long long d = date_arg(hd[i].day);
		int       idx = d < 0 ? -1 : (int)((d - q.day0) / 86400);
		if (idx < 0 || idx >= q.ndays)
			continue;
		struct pday *p = pday_of(r, &rows, &n, &cap, hd[i].user_id, idx);
		p->hand_avg = hd[i].avg;
		p->hand_max = hd[i].max;
	}
	if (q.csv) {
		csv_start(r, rs, &q, "presence");
		csv_line(&rs->body, L(r, "csv.operator"), L(r, "csv.date"), L(r, "csv.available_s"),
		    L(r, "csv.busy_s"), L(r, "csv.away_s"), L(r, "csv.offers_accepted"),
		    L(r, "csv.offers_declined"), L(r, "csv.offers_timeout"), L(r, "csv.hand_avg"),
		    L(r, "csv.hand_max"), NULL);
	}
	for (size_t i = 0; i < n; i++) {
		const struct pday *p = &rows[i];
		char               day[11];
		date_text(q.day0 + 86400LL * p->day, day);
		if (q.csv) {
			csv_line(&rs->body, dim_name(r, &q, "operator", p->user), day,
			    num(&r->pool, p->secs[0]), num(&r->pool, p->secs[1]), num(&r->pool, p->secs[2]),
			    num(&r->pool, p->offers[0]), num(&r->pool, p->offers[1]),
			    num(&r->pool, p->offers[2]), p->hand_avg ? p->hand_avg : "",
			    p->hand_max ? p->hand_max : "", NULL);
			continue;
		}
		const char *k = pool_printf(&r->pool, "Rows.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Operator", k), dim_name(r, &q, "operator", p->user));
		tmpl_set(r, pool_printf(&r->pool, "%s.Day", k), day);
		for (int s = 0; s < 3; s++)
			tmpl_set(r, pool_printf(&r->pool, "%s.%s", k, presence_names[s]),
			    p->secs[s] ? dur_text(r, p->secs[s]) : "—");
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Accepted", k), p->offers[0]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Declined", k), p->offers[1]);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.TimedOut", k), p->offers[2]);
		tmpl_set(r, pool_printf(&r->pool, "%s.HandAvg", k), p->hand_avg ? p->hand_avg : "—");
		tmpl_set(r, pool_printf(&r->pool, "%s.HandMax", k), p->hand_max ? p->hand_max : "—");
	}
	if (q.csv)
		return;
	for (size_t i = 0; i < qu_n; i++) {
		const char *k = pool_printf(&r->pool, "Queue.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Hour", k), pool_printf(&r->pool, "%02lld:00",
		    qu[i].hour));
		tmpl_set(r, pool_printf(&r->pool, "%s.Avg", k), qu[i].avg);
		tmpl_set(r, pool_printf(&r->pool, "%s.MaxWait", k), dur_text(r, qu[i].maxwait));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.MaxWaitS", k), qu[i].maxwait);
		tmpl_set(r, pool_printf(&r->pool, "%s.AvgWait", k), dur_text(r, qu[i].avgwait));
	}
	render(r, rs, &q, "presence", L(r, "rep.presence"));
}

/* ---- satisfaction ---- */

/*
 * GET /reports/csat: chats asked for a rating, rated, the share rated and
 * the average rating (1-5), per day, per operator and per department, by
 * when the chats closed, of the brand, account, department and operator
 * chosen, of the chats that came from the QR codes chosen (business hours do
 * not apply). Operators see their own.
 */
void
reports_csat_get(struct req *r, struct resp *rs)
{
	static const char *const base[3] = { "CsatDays", "CsatOperators", "CsatDepartments" };
	struct rep q;

	if (read_filter(r, rs, &q, USE_DEPARTMENT | USE_OPERATOR | USE_QR) != 0)
		return;
	if (q.csv) {
		csv_start(r, rs, &q, "satisfaction");
		csv_line(&rs->body, L(r, "csv.date"), L(r, "csv.csat_asked"), L(r, "csv.csat_rated"),
		    L(r, "csv.csat_avg"), NULL);
	}
	for (int by = 0; by < 3; by++) {
		struct csat_figures *c;
		size_t               n;
		if (db_csat_report(&r->pool, by, &q.f, &c, &n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			long long   asked = c[i].asked, rated = c[i].rated;
			const char *k = pool_printf(&r->pool, "%s.%zu", base[by], i);
			if (q.csv) {
				if (by == 0)
					csv_line(&rs->body, c[i].bucket, pool_printf(&r->pool, "%lld", asked),
					    pool_printf(&r->pool, "%lld", rated), c[i].avg ? c[i].avg : "", NULL);
				continue;
			}
			tmpl_set(r, pool_printf(&r->pool, "%s.Label", k), by == 0 ? c[i].bucket : c[i].name);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Asked", k), asked);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Rated", k), rated);
			tmpl_set(r, pool_printf(&r->pool, "%s.Share", k), asked ?
			    pool_printf(&r->pool, "%lld%%", rated * 100 / asked) : "—");
			tmpl_set(r, pool_printf(&r->pool, "%s.Avg", k), c[i].avg ? c[i].avg : "—");
		}
	}
	if (q.csv)
		return;
	render(r, rs, &q, "csat", L(r, "rep.csat"));
}
