/* job.c: what the worker's jobs share (see job.h). */
#include "db.h"
#include "job.h"
#include "channel.h"

volatile sig_atomic_t job_stopping;

int
job_channel(struct pool *p, long long id, struct wxapi_channel *ch)
{
	struct channel_get c;

	if (db_channel_get(p, id, &c) != DB_OK)
		return -1;
	ch->id = id;
	ch->app_id = c.app_id;
	ch->secret = c.app_secret_enc ? secret_decrypt(p, c.app_secret_enc) : NULL;
	return ch->app_id && ch->secret ? 0 : -1;
}
