/* hours.c: a brand's business hours: a day's span and the holidays checked, saved whole (see hours.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hours.h"

/* "HH:MM", 00:00-23:59, or 24:00 for a span that runs to midnight */
static int
hhmm(const char *v)
{
	int  h, m;
	char end;

	if (v == NULL || strlen(v) != 5 || sscanf(v, "%2d:%2d%c", &h, &m, &end) != 2)
		return 0;
	return (h >= 0 && h < 24 && m >= 0 && m < 60) || (h == 24 && m == 0);
}

int
hours_span_ok(const char *opens, const char *closes)
{
	return hhmm(opens) && hhmm(closes) && strcmp(opens, closes) < 0;
}

const char *
v_clock(const char *v)
{
	return hhmm(v) ? NULL : "v.hours_span";
}

const char *
v_zone(const char *v)
{
	size_t n = strlen(v);

	return n >= 1 && n <= 64 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") == n ? NULL : "v.time_zone";
}

int
hours_day_ok(const char *v)
{
	struct tm tm;
	char      back[11];
	time_t    t;

	memset(&tm, 0, sizeof tm);
	if (v == NULL || strlen(v) != 10 ||
	    sscanf(v, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (gmtime_r(&t, &tm) == NULL || strftime(back, sizeof back, "%Y-%m-%d", &tm) != 10)
		return 0;
	return strcmp(back, v) == 0;
}

const char *
hours_holidays(struct pool *p, const char *text, struct hours_week *w)
{
	size_t cap = 0;

	w->holidays = NULL, w->nholidays = 0;
	for (const char *s = text ? text : ""; *s; ) {
		size_t n = strcspn(s, "\r\n, ");
		if (n) {
			const char *d = pool_strndup(p, s, n);
			if (!hours_day_ok(d))
				return pool_strndup(p, s, n < 20 ? n : 20);
			if (w->nholidays < HOURS_HOLIDAYS_MAX) {
				if (w->nholidays == cap) {
					const char **more = pool_alloc(p, sizeof *more * (cap * 2 + 16));
					if (w->nholidays)
						memcpy(more, w->holidays, sizeof *more * w->nholidays);
					w->holidays = more;
					cap = cap * 2 + 16;
				}
				w->holidays[w->nholidays++] = d;
			}
		}
		s += n;
		s += strspn(s, "\r\n, ");
	}
	return NULL;
}

struct save {
	long long                brand;
	const struct hours_week *w;
};

static enum dbrc
save_step(struct pool *p, void *arg)
{
	const struct save       *x = arg;
	const struct hours_week *w = x->w;
	enum dbrc                rc = db_hours_set(p, x->brand, w->enabled, w->zone, w->timer);

	if (rc == DB_OK)
		rc = db_hours_days_clear(p, x->brand);
	if (rc == DB_OK)
		rc = db_hours_holidays_clear(p, x->brand);
	for (int d = 0; rc == DB_OK && d < 7; d++)
		if (w->opens[d] && *w->opens[d])
			rc = db_hours_day_add(p, x->brand, d, w->opens[d],
			    strcmp(w->closes[d], "24:00") == 0 ? "23:59:59" : w->closes[d]);
	for (size_t i = 0; rc == DB_OK && i < w->nholidays; i++)
		rc = db_hours_holiday_add(p, x->brand, w->holidays[i]);
	return rc;
}

enum dbrc
hours_save(struct pool *p, long long brand, const struct hours_week *w)
{
	struct save x = { brand, w };

	return db_txn(p, save_step, &x);
}
