/* job.c: what the worker's jobs share (see job.h). */
#include "db.h"
#include "job.h"

volatile sig_atomic_t job_stopping;

int
job_channel(struct pool *p, long long id, struct wxapi_channel *ch)
{
	struct dbres c;

	if (db_channel_get(p, id, &c) != DB_OK)
		return -1;
	ch->id = id;
	ch->app_id = db_cell(&c, 0, C_APPID);
	ch->secret = db_cell(&c, 0, C_SECRET) ? secret_decrypt(p, db_cell(&c, 0, C_SECRET)) : NULL;
	return ch->app_id && ch->secret ? 0 : -1;
}
