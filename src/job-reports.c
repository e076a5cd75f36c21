/* job-reports.c: the worker's report job: keeps the roll-ups the reports read (see below). */

#include <time.h>

#include "db.h"
#include "job.h"
#include "reports.h"

/* a zone reports were last viewed in this long ago gets no levels of its
 * own; one viewed in the last week keeps them */
#define VIEWER_DAYS 30

/*
 * Reports: every event written since the last tick is folded into
 * report_hours and the levels, a batch of 5,000 to a transaction, up to
 * 200,000 a tick (the reports read what is left directly, so nothing waits
 * on this). The levels are kept in the reporting zone (Reports.TimeZone)
 * and in the three zones reports are most viewed in; a zone's
 * levels are built a week of hours a step, for up to a second a tick.
 */
void
job_reports(struct pool *p)
{
	static int  warned;
	struct pool lp = { 0 };
	const char *zone = cfg_get("Reports.TimeZone", "UTC");
	int         rc = db_report_levels(&lp, 1, zone);
	/* how long a tick builds levels (Reports.BuildSeconds): at least a step */
	double      budget = cfg_int("Reports.BuildSeconds", 1), t0 = wx_mono();

	(void)p;	/* each batch has a pool of its own, freed as it commits */
	if (rc == 1)
		wx_log("reports: the roll-ups are being rebuilt in %s", zone);
	else if (rc == -2 && !warned++)
		wx_log("reports: the database does not know the time zone %s (Reports.TimeZone); "
		    "reports read the hourly roll-up only", zone);
	if (db_report_viewers(&lp, wx_now() - VIEWER_DAYS * 86400, wx_now() - 7 * 86400) > 0)
		wx_log("reports: the viewers' time zones changed; their roll-ups are being built");
	pool_free(&lp);
	do {
		struct pool bp = { 0 };
		int         zid = db_report_build(&bp);
		pool_free(&bp);
		if (zid <= 0)
			break;
	} while (!job_stopping && wx_mono() - t0 < budget);
	for (int batch = 0; batch < 40 && !job_stopping; batch++) {
		struct pool bp = { 0 };
		long long   n = db_report_rollup(&bp);
		pool_free(&bp);
		if (n < 5000)
			break;
	}
}
