/* job-reports.c: the worker's report job: keeps the roll-ups the reports read (see below). */

#include "db.h"
#include "job.h"
#include "reports.h"

/*
 * Reports: every event written since the last tick is folded into
 * report_hours and the day and hour-of-day levels, a batch of 5,000 to a
 * transaction, up to 200,000 a tick (the reports read what is left
 * directly, so nothing waits on this).
 */
void
job_reports(struct pool *p)
{
	static int  warned;
	struct pool lp = { 0 };

	(void)p;	/* each batch has a pool of its own, freed as it commits */
	const char *zone = cfg_get("Reports.TimeZone", "UTC");
	int         rc = db_report_levels(&lp, zone);

	/* the day and hour-of-day levels follow the configured zone */
	if (rc == 1)
		wx_log("reports: day and hour-of-day roll-ups rebuilt in %s", zone);
	else if (rc == -2 && !warned++)
		wx_log("reports: the database does not know the time zone %s (Reports.TimeZone); "
		    "reports read the hourly roll-up only", zone);
	pool_free(&lp);
	for (int batch = 0; batch < 40 && !job_stopping; batch++) {
		struct pool bp = { 0 };
		long long   n = db_report_rollup(&bp);
		pool_free(&bp);
		if (n < 5000)
			break;
	}
}
