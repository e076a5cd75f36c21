/*
 * test_hours.c: a brand's business hours as its page gives them: a day's
 * spans, a day that exists, the holidays and make-up working days of a text
 * box, the form's checks.
 */
#include "../../src/hours.h"
#include "tap.h"

int
main(void)
{
	struct pool       p = { 0 };
	struct hours_week w = { 0 };
	const char       *bad;

	CHECK(hours_span_ok("09:00", "18:00"), "an ordinary day");
	CHECK(hours_span_ok("00:00", "24:00"), "the whole day, to midnight");
	CHECK(!hours_span_ok("18:00", "09:00"), "closing before opening is refused");
	CHECK(!hours_span_ok("09:00", "09:00"), "an empty span is refused");
	CHECK(!hours_span_ok("9:00", "18:00"), "HH:MM only");
	CHECK(!hours_span_ok("09:60", "18:00"), "no 60th minute");
	CHECK(!hours_span_ok("09:00", "24:01"), "nothing after midnight");
	CHECK(!hours_span_ok("09:00x", "18:00"), "nothing after the minutes");
	CHECK(!hours_span_ok(NULL, "18:00"), "an opening is needed");

	CHECK(hours_day_ok("2026-10-01"), "a day");
	CHECK(hours_day_ok("2028-02-29"), "a leap day");
	CHECK(!hours_day_ok("2027-02-29"), "not a leap year");
	CHECK(!hours_day_ok("2026-13-01"), "no 13th month");
	CHECK(!hours_day_ok("2026-1-01"), "YYYY-MM-DD only");
	CHECK(!hours_day_ok(""), "empty");

	bad = hours_holidays(&p, "2026-10-01\r\n2026-10-02, 2026-10-03 2026-10-04\n\n", &w);
	CHECK(bad == NULL && w.nholidays == 4, "lines, commas and spaces separate (%zu)", w.nholidays);
	CHECK_STR(w.nholidays == 4 ? w.holidays[3] : NULL, "2026-10-04");
	bad = hours_holidays(&p, "2026-10-01\n2026-02-30\n2026-10-05", &w);
	CHECK_STR(bad, "2026-02-30");
	bad = hours_holidays(&p, "National Day of the People's Republic", &w);
	CHECK_STR(bad, "National");
	bad = hours_holidays(&p, NULL, &w);
	CHECK(bad == NULL && w.nholidays == 0, "no holidays");
	{
		struct buf b = { 0 };
		for (int i = 0; i < HOURS_HOLIDAYS_MAX + 10; i++)
			buf_puts(&b, "2026-10-01\n");
		bad = hours_holidays(&p, b.data, &w);
		CHECK(bad == NULL && w.nholidays == HOURS_HOLIDAYS_MAX, "at most %d kept (%zu)",
		    HOURS_HOLIDAYS_MAX, w.nholidays);
		buf_free(&b);
	}
	{
		const char *o[HOURS_SPANS] = { "09:00", "13:30", NULL }, *c[HOURS_SPANS] = { "12:00",
			"18:00", NULL };
		CHECK(hours_day_spans(o, c) == NULL, "a lunch break: two spans");
		c[0] = "14:00";
		CHECK_STR(hours_day_spans(o, c), "v.hours_overlap");
		c[0] = "12:00", o[1] = "11:00";
		CHECK_STR(hours_day_spans(o, c), "v.hours_overlap");
		o[1] = "13:30", o[2] = "", c[2] = "20:00";
		CHECK_STR(hours_day_spans(o, c), "v.hours_span");
		o[0] = c[0] = "", o[2] = c[2] = NULL;
		CHECK(hours_day_spans(o, c) == NULL, "the afternoon alone");
		o[1] = c[1] = "";
		CHECK(hours_day_spans(o, c) == NULL, "a closed day");
	}
	{
		struct hours_week x = { 0 };
		CHECK(hours_dates(&p, "2026-09-28\n2026-10-11", &x.workdays, &x.nworkdays) == NULL &&
		    x.nworkdays == 2, "make-up working days");
		CHECK(hours_dates(&p, "2026-10-01 2026-10-02", &x.holidays, &x.nholidays) == NULL &&
		    hours_both(&x) == NULL, "…apart from the holidays");
		x.holidays[1] = "2026-10-11";
		CHECK_STR(hours_both(&x), "2026-10-11");
	}
	CHECK(v_clock("24:00") == NULL && v_clock("7:00") != NULL, "a time of day");
	CHECK(v_zone("Asia/Shanghai") == NULL && v_zone("Etc/GMT-8") == NULL &&
	    v_zone("Asia/Shang hai") != NULL && v_zone("") != NULL, "a zone's name");
	CHECK(hours_zones[0] != NULL && strcmp(hours_zones[0], "Asia/Shanghai") == 0,
	    "Beijing time first");
	pool_free(&p);
	return tap_done();
}
