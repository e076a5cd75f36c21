/*
 * test_hours.c: a brand's business hours as its page gives them: a day's
 * span, a day that exists, the holidays of a text box.
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
	pool_free(&p);
	return tap_done();
}
