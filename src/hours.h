/*
 * hours.h: a brand's business hours: up to three spans per weekday in the
 * brand's time zone, holidays, and make-up working days (调休, open with
 * Monday's spans). A chat that enters the queue outside them (new,
 * or handed over by the bot) is told the brand's off-hours text and offered
 * to leave a message (tell.h), and marked "arrived after hours"; its wait
 * for the missed timer starts when the brand opens, unless the brand lets
 * the timer run outside hours.
 */
#ifndef WXDESK_HOURS_H
#define WXDESK_HOURS_H

#include "db.h"

/*
 * SQL: whether brand b is open at its local time L (an expression over the
 * query's tables): the day is no holiday, and a span of its weekday holds L
 * (Monday's spans on a make-up working day, 调休). For db-hours.c and the
 * metrics (db-metrics.c); the reports' seconds open: sql/routines/hours.sql.
 */
#define HOURS_OPEN_AT(L) "(NOT EXISTS (SELECT 1 FROM brand_holidays x WHERE " \
	"x.brand_id = b.id AND x.day = DATE(" L ") AND x.workday = 0) AND EXISTS (SELECT 1 " \
	"FROM brand_hours h WHERE h.brand_id = b.id AND h.weekday = IF(EXISTS (SELECT 1 FROM " \
	"brand_holidays w WHERE w.brand_id = b.id AND w.day = DATE(" L ") AND w.workday = 1), 0, " \
	"WEEKDAY(" L ")) AND TIME(" L ") >= h.opens AND TIME(" L ") < h.closes))"

/* is the channel's brand closed at now (closed 1), and its hours' settings */
#define HOURS_NOW(C) C(INT, enabled) C(INT, timer) C(STR, lang) C(INT, closed)
DB_ROW(hours_now, HOURS_NOW)
enum dbrc db_hours_now(struct pool *p, long long channel, long long now, struct hours_now *row);
enum dbrc db_hours_mark(struct pool *p, long long chat);
/* the brand opened: the after-hours chats' wait starts now */
enum dbrc db_hours_opened(struct pool *p, long long channel, long long now);
/* a brand's settings: keeps hours, its zone, the missed timer outside them */
#define HOURS_SETTINGS(C) C(INT, enabled) C(STR, zone) C(INT, timer)
DB_ROW(hours_settings, HOURS_SETTINGS)
enum dbrc db_hours_settings(struct pool *p, long long brand, struct hours_settings *row);
/* its spans, weekday 0 (Monday) to 6, "HH:MM" */
#define HOURS_DAY(C) C(INT, weekday) C(STR, opens) C(STR, closes)
DB_ROW(hours_day, HOURS_DAY)
enum dbrc db_hours_days(struct pool *p, long long brand, struct hours_day **rows, size_t *n);
/* its holidays, YYYY-MM-DD, and its make-up working days (workday 1) */
#define HOURS_HOLIDAY(C) C(STR, day) C(INT, workday)
DB_ROW(hours_holiday, HOURS_HOLIDAY)
enum dbrc db_hours_holidays(struct pool *p, long long brand, struct hours_holiday **rows,
	size_t *n);
enum dbrc db_hours_set(struct pool *p, long long brand, int enabled, const char *zone,
	int timer);
enum dbrc db_hours_days_clear(struct pool *p, long long brand);
enum dbrc db_hours_day_add(struct pool *p, long long brand, int weekday, const char *opens,
	const char *closes);
enum dbrc db_hours_holidays_clear(struct pool *p, long long brand);
enum dbrc db_hours_holiday_add(struct pool *p, long long brand, const char *day, int workday);
/* the brands keeping hours that are closed at now (at most 10) */
#define HOURS_CLOSED(C) C(STR, name)
DB_ROW(hours_closed, HOURS_CLOSED)
enum dbrc db_hours_closed_brands(struct pool *p, long long now, struct hours_closed **rows,
	size_t *n);
/* 1 when MariaDB knows the time zone, 0 when not, -1 on failure */
int db_hours_zone_ok(struct pool *p, const char *zone);

/* ---- hours.c ---- */

/* A brand's hours as its page gives them, checked already. */
#define HOURS_SPANS 3	/* a day's spans, at most (a lunch break makes two) */
struct hours_week {
	int          enabled, timer;	/* keeps hours; the missed timer runs outside them */
	const char  *zone;
	/* each weekday's spans, "HH:MM" (closes "24:00": midnight); NULL: none */
	const char  *opens[7][HOURS_SPANS], *closes[7][HOURS_SPANS];
	const char **holidays;	/* "YYYY-MM-DD": closed all day */
	size_t       nholidays;
	const char **workdays;	/* make-up working days (调休): Monday's spans */
	size_t       nworkdays;
};
/* 1 when a day's span is "HH:MM" to a later "HH:MM" (closes "24:00": midnight) */
int hours_span_ok(const char *opens, const char *closes);
/* A weekday's spans checked together: each a span, in order, none overlapping
 * the one before. NULL, or the catalogue key of what is wrong. */
const char *hours_day_spans(const char *const opens[HOURS_SPANS],
	const char *const closes[HOURS_SPANS]);
/* a form's checks: a time of day ("HH:MM", or "24:00"), and the shape of a
 * time zone's name (whether the server knows it: db_hours_zone_ok) */
const char *v_clock(const char *v);
const char *v_zone(const char *v);
/* 1 when v is YYYY-MM-DD naming a day that exists */
int hours_day_ok(const char *v);
/* The dates of text (separated by lines, commas or spaces; at most
 * HOURS_HOLIDAYS_MAX kept) into *out and *n; NULL, or the first one that is
 * no day (at most 20 characters of it), in p. */
#define HOURS_HOLIDAYS_MAX 400
const char *hours_dates(struct pool *p, const char *text, const char ***out, size_t *n);
/* the holidays of text into w (hours_dates) */
const char *hours_holidays(struct pool *p, const char *text, struct hours_week *w);
/* a day both a holiday and a make-up working day: the first, or NULL */
const char *hours_both(const struct hours_week *w);
/* the time zones the hours page offers (any other the server knows is kept) */
extern const char *const hours_zones[];
/* Replaces the brand's hours and holidays, in one transaction. */
enum dbrc hours_save(struct pool *p, long long brand, const struct hours_week *w);

#endif
