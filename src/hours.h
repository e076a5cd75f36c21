/*
 * hours.h: a brand's business hours: one span per weekday in the brand's
 * time zone, and holidays. A chat that enters the queue outside them (new,
 * or handed over by the bot) is told the brand's off-hours text and offered
 * to leave a message (tell.h), and marked "arrived after hours"; its wait
 * for the missed timer starts when the brand opens, unless the brand lets
 * the timer run outside hours.
 */
#ifndef WXDESK_HOURS_H
#define WXDESK_HOURS_H

#include "db.h"

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
/* its holidays, YYYY-MM-DD */
#define HOURS_HOLIDAY(C) C(STR, day)
DB_ROW(hours_holiday, HOURS_HOLIDAY)
enum dbrc db_hours_holidays(struct pool *p, long long brand, struct hours_holiday **rows,
	size_t *n);
enum dbrc db_hours_set(struct pool *p, long long brand, int enabled, const char *zone,
	int timer);
enum dbrc db_hours_days_clear(struct pool *p, long long brand);
enum dbrc db_hours_day_add(struct pool *p, long long brand, int weekday, const char *opens,
	const char *closes);
enum dbrc db_hours_holidays_clear(struct pool *p, long long brand);
enum dbrc db_hours_holiday_add(struct pool *p, long long brand, const char *day);
/* the brands keeping hours that are closed at now (at most 10) */
#define HOURS_CLOSED(C) C(STR, name)
DB_ROW(hours_closed, HOURS_CLOSED)
enum dbrc db_hours_closed_brands(struct pool *p, long long now, struct hours_closed **rows,
	size_t *n);
/* 1 when MariaDB knows the time zone, 0 when not, -1 on failure */
int db_hours_zone_ok(struct pool *p, const char *zone);

/* ---- hours.c ---- */

/* A brand's hours as its page gives them, checked already. */
struct hours_week {
	int          enabled, timer;	/* keeps hours; the missed timer runs outside them */
	const char  *zone;
	const char  *opens[7], *closes[7];	/* "HH:MM" (closes "24:00": midnight); NULL: closed */
	const char **holidays;	/* "YYYY-MM-DD" */
	size_t       nholidays;
};
/* 1 when a day's span is "HH:MM" to a later "HH:MM" (closes "24:00": midnight) */
int hours_span_ok(const char *opens, const char *closes);
/* a form's checks: a time of day ("HH:MM", or "24:00"), and the shape of a
 * time zone's name (whether the server knows it: db_hours_zone_ok) */
const char *v_clock(const char *v);
const char *v_zone(const char *v);
/* 1 when v is YYYY-MM-DD naming a day that exists */
int hours_day_ok(const char *v);
/* The holidays of text (dates separated by lines, commas or spaces; at most
 * HOURS_HOLIDAYS_MAX kept) into w; NULL, or the first one that is no day
 * (at most 20 characters of it), in p. */
#define HOURS_HOLIDAYS_MAX 400
const char *hours_holidays(struct pool *p, const char *text, struct hours_week *w);
/* Replaces the brand's hours and holidays, in one transaction. */
enum dbrc hours_save(struct pool *p, long long brand, const struct hours_week *w);

#endif
