/* hours.c: a brand's business hours saved whole (see hours.h). */
#include <string.h>

#include "hours.h"

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
