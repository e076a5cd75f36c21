/* db-hours.c: the statements of business hours (hours.h). */
#include <stddef.h>

#include "db-run.h"
#include "hours.h"

enum hours_stmt {
	HR_NOW, HR_MARK, HR_OPENED, HR_SETTINGS, HR_DAYS, HR_HOLIDAYS, HR_SET, HR_DAYS_CLEAR,
	HR_DAY_ADD, HR_HOLIDAYS_CLEAR, HR_HOLIDAY_ADD, HR_ZONE_OK, HR_CLOSED_BRANDS, HR__MAX
};

#define LOCAL "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', b.time_zone)"

static const struct db_stmt stmts[HR__MAX] = {
	/* closed: a holiday, or no span of the weekday holds the time (where
	 * the brand is) */
	[HR_NOW] = { "hr_now",
	    "SELECT b.hours_enabled enabled, b.offhours_missed_timer timer, b.follower_language lang, "
	    "b.hours_enabled = 1 AND NOT " HOURS_OPEN_AT("t.l") " closed FROM channels ch "
	    "JOIN brands b ON b.id = ch.brand_id JOIN (SELECT id, " LOCAL " l FROM brands b) t "
	    "ON t.id = b.id WHERE ch.id = ?", .cols = hours_now_cols },
	[HR_MARK] = { "hr_mark", "UPDATE chats SET after_hours = 1 WHERE id = ?" },
	[HR_OPENED] = { "hr_opened",
	    "UPDATE chats SET state_since = FROM_UNIXTIME(?), after_hours = 2 "
	    "WHERE channel_id = ? AND state = 'waiting' AND after_hours = 1" },
	[HR_SETTINGS] = { "hr_settings",
	    "SELECT hours_enabled enabled, time_zone zone, offhours_missed_timer timer FROM brands "
	    "WHERE id = ?", .cols = hours_settings_cols },
	[HR_DAYS] = { "hr_days",
	    "SELECT weekday, TIME_FORMAT(opens, '%H:%i') opens, "
	    "IF(closes >= '23:59:59', '24:00', TIME_FORMAT(closes, '%H:%i')) closes "
	    "FROM brand_hours WHERE brand_id = ? ORDER BY weekday, opens", .cols = hours_day_cols },
	[HR_HOLIDAYS] = { "hr_holidays",
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d') day, workday FROM brand_holidays WHERE brand_id = ? "
	    "ORDER BY day LIMIT 800", .cols = hours_holiday_cols },
	[HR_SET] = { "hr_set",
	    "UPDATE brands SET hours_enabled = ?, time_zone = ?, offhours_missed_timer = ? "
	    "WHERE id = ?" },
	[HR_DAYS_CLEAR] = { "hr_days_clear", "DELETE FROM brand_hours WHERE brand_id = ?" },
	[HR_DAY_ADD] = { "hr_day_add",
	    "INSERT INTO brand_hours (brand_id, weekday, opens, closes) VALUES (?, ?, ?, ?)" },
	[HR_HOLIDAYS_CLEAR] = { "hr_holidays_clear", "DELETE FROM brand_holidays WHERE brand_id = ?" },
	[HR_HOLIDAY_ADD] = { "hr_holiday_add",
	    "INSERT IGNORE INTO brand_holidays (brand_id, day, workday) VALUES (?, ?, ?)" },
	/* the brands keeping hours that are closed now (for the console) */
	[HR_CLOSED_BRANDS] = { "hr_closed_brands",
	    "SELECT b.name FROM brands b JOIN (SELECT id, " LOCAL " l FROM brands b) t ON t.id = b.id "
	    "WHERE b.hours_enabled = 1 AND NOT " HOURS_OPEN_AT("t.l") " ORDER BY b.name LIMIT 10",
	    .cols = hours_closed_cols },
	[HR_ZONE_OK] = { "hr_zone_ok", "SELECT CONVERT_TZ('2020-01-01 00:00:00', '+00:00', ?) IS NOT NULL" },
};

static void           *prepared[HR__MAX];
static struct db_table hr_table = { stmts, HR__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_hours(void)
{
	return &hr_table;
}

#define RUN(s, p, out, ...) DB_RUN(&hr_table, s, p, out, __VA_ARGS__)

enum dbrc
db_hours_now(struct pool *p, long long channel, long long now, struct hours_now *row)
{
	struct dbres out;

	return db_as_row(RUN(HR_NOW, p, &out, I(now), I(channel)), &out, row,
	    hours_now_fill);
}

enum dbrc
db_hours_mark(struct pool *p, long long chat)
{
	return RUN(HR_MARK, p, NULL, I(chat));
}

enum dbrc
db_hours_opened(struct pool *p, long long channel, long long now)
{
	return RUN(HR_OPENED, p, NULL, I(now), I(channel));
}

enum dbrc
db_hours_settings(struct pool *p, long long brand, struct hours_settings *row)
{
	struct dbres out;

	return db_as_row(RUN(HR_SETTINGS, p, &out, I(brand)), &out, row, hours_settings_fill);
}

enum dbrc
db_hours_days(struct pool *p, long long brand, struct hours_day **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(HR_DAYS, p, &out, I(brand));

	return DB_AS_ROWS(p, rc, &out, rows, n, hours_day_fill);
}

enum dbrc
db_hours_holidays(struct pool *p, long long brand, struct hours_holiday **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(HR_HOLIDAYS, p, &out, I(brand));

	return DB_AS_ROWS(p, rc, &out, rows, n, hours_holiday_fill);
}

enum dbrc
db_hours_set(struct pool *p, long long brand, int enabled, const char *zone, int timer)
{
	return RUN(HR_SET, p, NULL, I((long long)enabled), S(zone), I((long long)timer), I(brand));
}

enum dbrc
db_hours_days_clear(struct pool *p, long long brand)
{
	return RUN(HR_DAYS_CLEAR, p, NULL, I(brand));
}

enum dbrc
db_hours_day_add(struct pool *p, long long brand, int weekday, const char *opens,
    const char *closes)
{
	return RUN(HR_DAY_ADD, p, NULL, I(brand), I((long long)weekday), S(opens), S(closes));
}

enum dbrc
db_hours_holidays_clear(struct pool *p, long long brand)
{
	return RUN(HR_HOLIDAYS_CLEAR, p, NULL, I(brand));
}

enum dbrc
db_hours_holiday_add(struct pool *p, long long brand, const char *day, int workday)
{
	return RUN(HR_HOLIDAY_ADD, p, NULL, I(brand), S(day), I((long long)workday));
}

int
db_hours_zone_ok(struct pool *p, const char *zone)
{
	struct dbres out;

	if (RUN(HR_ZONE_OK, p, &out, S(zone)) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0) == 1;
}

enum dbrc
db_hours_closed_brands(struct pool *p, long long now, struct hours_closed **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(HR_CLOSED_BRANDS, p, &out, I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, hours_closed_fill);
}
