/* hours.c: a brand's business hours: a day's spans, the holidays and the make-up working days checked, saved whole (see hours.h). */
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
hours_day_spans(const char *const opens[HOURS_SPANS], const char *const closes[HOURS_SPANS])
{
	const char *prev = NULL;	/* the closing of the span before */

	for (int k = 0; k < HOURS_SPANS; k++) {
		if (opens[k] == NULL || *opens[k] == '\0') {
			if (closes[k] != NULL && *closes[k] != '\0')
				return "v.hours_span";
			continue;
		}
		if (!hours_span_ok(opens[k], closes[k]))
			return "v.hours_span";
		if (prev != NULL && strcmp(opens[k], prev) < 0)
			return "v.hours_overlap";
		prev = closes[k];
	}
	return NULL;
}

const char *
hours_dates(struct pool *p, const char *text, const char ***out, size_t *n)
{
	size_t cap = 0;

	*out = NULL, *n = 0;
	for (const char *s = text ? text : ""; *s; ) {
		size_t k = strcspn(s, "\r\n, ");
		if (k) {
			const char *d = pool_strndup(p, s, k);
			if (!hours_day_ok(d))
				return pool_strndup(p, s, k < 20 ? k : 20);
			if (*n < HOURS_HOLIDAYS_MAX) {
				if (*n == cap) {
					const char **more = pool_alloc(p, sizeof *more * (cap * 2 + 16));
					if (*n)
						memcpy(more, *out, sizeof *more * *n);
					*out = more;
					cap = cap * 2 + 16;
				}
				(*out)[(*n)++] = d;
			}
		}
		s += k;
		s += strspn(s, "\r\n, ");
	}
	return NULL;
}

const char *
hours_holidays(struct pool *p, const char *text, struct hours_week *w)
{
	return hours_dates(p, text, &w->holidays, &w->nholidays);
}

const char *
hours_both(const struct hours_week *w)
{
	for (size_t i = 0; i < w->nholidays; i++)
		for (size_t j = 0; j < w->nworkdays; j++)
			if (strcmp(w->holidays[i], w->workdays[j]) == 0)
				return w->holidays[i];
	return NULL;
}

/* the zones a Chinese company's team is likely in first, then the world's
 * business centres (the page keeps any other the server knows) */
const char *const hours_zones[] = {
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Urumqi",
	"Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Jakarta",
	"Asia/Manila", "Asia/Seoul", "Asia/Tokyo", "Asia/Kolkata", "Asia/Dubai",
	"Australia/Sydney", "Pacific/Auckland", "Europe/London", "Europe/Paris", "Europe/Berlin",
	"Europe/Moscow", "America/New_York", "America/Chicago", "America/Los_Angeles",
	"America/Sao_Paulo", "UTC", NULL
};

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
		for (int k = 0; rc == DB_OK && k < HOURS_SPANS; k++)
			if (w->opens[d][k] && *w->opens[d][k])
				rc = db_hours_day_add(p, x->brand, d, w->opens[d][k],
				    strcmp(w->closes[d][k], "24:00") == 0 ? "23:59:59" :
				    w->closes[d][k]);
	for (size_t i = 0; rc == DB_OK && i < w->nholidays; i++)
		rc = db_hours_holiday_add(p, x->brand, w->holidays[i], 0);
	for (size_t i = 0; rc == DB_OK && i < w->nworkdays; i++)
		rc = db_hours_holiday_add(p, x->brand, w->workdays[i], 1);
	return rc;
}

enum dbrc
hours_save(struct pool *p, long long brand, const struct hours_week *w)
{
	struct save x = { brand, w };

	return db_txn(p, save_step, &x);
}
