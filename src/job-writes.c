/*
 * job-writes.c: the worker's writes to WeChat (writes.h): each due write is
 * leased, sent, and recorded; WeChat's quotas and a WeChat out of reach move
 * it on, an answer that will not change fails it.
 */
#include <string.h>

#include "db.h"
#include "job.h"
#include "writes.h"
#include "wxapi.h"

/* writes a tick sends at most, and how long a lease lasts */
#define WRITES_A_TICK 100
#define WRITE_LEASE 60

/* the next midnight in Beijing, when WeChat's daily quotas start again */
static time_t
next_beijing_day(time_t now)
{
	const time_t cst = 8 * 3600;

	return (now + cst) / 86400 * 86400 + 86400 - cst;
}

/* errcodes that say "not now": a quota, WeChat busy or out of reach, a token */
static int
transient(long e)
{
	return e == -2 || e == -1 || e == 45011 || e == 40001 || e == 40014 || e == 41001 ||
	    e == 42001;
}

void
job_writes(struct pool *p)
{
	struct writes_due *w = NULL;
	size_t             n = 0;
	time_t             now = wx_now();
	long long          held = 0;	/* an account whose daily quota ran out this tick */

	if (db_writes_due(p, now, WRITES_A_TICK, &w, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct wxapi_channel ch;
		struct http_resp     r;
		struct wx_field     *f;
		long                 e;

		if (w[i].channel_id == held ||
		    db_write_claim(p, w[i].id, wx_now() + WRITE_LEASE, wx_now()) != DB_OK)
			continue;	/* another worker has it */
		if (job_channel(p, w[i].channel_id, &ch) != 0) {
			db_write_retry(p, w[i].id, -2, now + 60);
			continue;
		}
		memset(&r, 0, sizeof r);
		e = wxapi_call(p, &ch, pool_printf(p, "/cgi-bin/%s", w[i].api), NULL, w[i].body,
		    NULL, &r, &f);
		http_resp_free(&r);
		if (e == 0)
			db_write_done(p, w[i].id, wx_now());
		else if (e == 45009) {
			/* the account's quota for the day: its writes wait for the next */
			db_write_retry(p, w[i].id, e, next_beijing_day(now));
			db_writes_hold(p, w[i].channel_id, next_beijing_day(now));
			held = w[i].channel_id;
		} else if (transient(e)) {
			/* a minute, doubling to an hour */
			long long wait = 60LL << (w[i].attempts < 6 ? w[i].attempts : 6);
			db_write_retry(p, w[i].id, e, now + (wait < 3600 ? wait : 3600));
		} else {
			wx_log("write %lld (%s): WeChat refused it: %s", w[i].id, w[i].api,
			    wxapi_errtext(e));
			db_write_failed(p, w[i].id, e, wx_now());
		}
	}
}
