/* db-hours.c: the statements of business hours (hours.h). */
#include <stddef.h>

#include "db-run.h"
#include "hours.h"

#define LOCAL "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', b.time_zone)"

#define HOURS_STATEMENTS(X) \
	/* closed: a holiday, or no span of the weekday holds the time (where \
	 * the brand is) */ \
	X(hours_now, ROW(hours_now), (long long channel, long long now), (I(now), I(channel)), \
	    "SELECT b.hours_enabled enabled, b.offhours_missed_timer timer, b.follower_language lang, " \
	    "b.hours_enabled = 1 AND NOT " HOURS_OPEN_AT("t.l") " closed FROM channels ch " \
	    "JOIN brands b ON b.id = ch.brand_id JOIN (SELECT id, " LOCAL " l FROM brands b) t " \
	    "ON t.id = b.id WHERE ch.id = ?") \
	X(hours_mark, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET after_hours = 1 WHERE id = ?") \
	X(hours_opened, EXEC, (long long channel, long long now), (I(now), I(channel)), \
	    "UPDATE chats SET state_since = FROM_UNIXTIME(?), after_hours = 2 " \
	    "WHERE channel_id = ? AND state = 'waiting' AND after_hours = 1") \
	X(hours_settings, ROW(hours_settings), (long long brand), (I(brand)), \
	    "SELECT hours_enabled enabled, time_zone zone, offhours_missed_timer timer FROM brands " \
	    "WHERE id = ?") \
	X(hours_days, ROWS(hours_day), (long long brand), (I(brand)), \
	    "SELECT weekday, TIME_FORMAT(opens, '%H:%i') opens, " \
	    "IF(closes >= '23:59:59', '24:00', TIME_FORMAT(closes, '%H:%i')) closes " \
	    "FROM brand_hours WHERE brand_id = ? ORDER BY weekday, opens") \
	X(hours_holidays, ROWS(hours_holiday), (long long brand), (I(brand)), \
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d') day, workday FROM brand_holidays WHERE brand_id = ? " \
	    "ORDER BY day LIMIT 800") \
	X(hours_set, EXEC, (long long brand, int enabled, const char *zone, int timer), \
	    (I((long long)enabled), S(zone), I((long long)timer), I(brand)), \
	    "UPDATE brands SET hours_enabled = ?, time_zone = ?, offhours_missed_timer = ? " \
	    "WHERE id = ?") \
	X(hours_days_clear, EXEC, (long long brand), (I(brand)), \
	    "DELETE FROM brand_hours WHERE brand_id = ?") \
	X(hours_day_add, EXEC, (long long brand, int weekday, const char *opens, \
	    const char *closes), \
	    (I(brand), I((long long)weekday), S(opens), S(closes)), \
	    "INSERT INTO brand_hours (brand_id, weekday, opens, closes) VALUES (?, ?, ?, ?)") \
	X(hours_holidays_clear, EXEC, (long long brand), (I(brand)), \
	    "DELETE FROM brand_holidays WHERE brand_id = ?") \
	X(hours_holiday_add, EXEC, (long long brand, const char *day, int workday), \
	    (I(brand), S(day), I((long long)workday)), \
	    "INSERT IGNORE INTO brand_holidays (brand_id, day, workday) VALUES (?, ?, ?)") \
	/* the brands keeping hours that are closed now (for the console) */ \
	X(hours_closed_brands, ROWS(hours_closed), (long long now), (I(now)), \
	    "SELECT b.name FROM brands b JOIN (SELECT id, " LOCAL " l FROM brands b) t ON t.id = b.id " \
	    "WHERE b.hours_enabled = 1 AND NOT " HOURS_OPEN_AT("t.l") " ORDER BY b.name LIMIT 10") \
	X(hr_zone_ok, CUSTOM, (), (S), \
	    "SELECT CONVERT_TZ('2020-01-01 00:00:00', '+00:00', ?) IS NOT NULL")
DB_STATEMENTS(HOURS_STATEMENTS, db_table_hours)

int
db_hours_zone_ok(struct pool *p, const char *zone)
{
	struct dbres out;

	if (RUN(DBS_hr_zone_ok, p, &out, S(zone)) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0) == 1;
}

