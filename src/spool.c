/* spool.c: pushes kept for later when WeChat's 5 seconds run out, and the
 * worker's job that takes them through the intake (spool.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "intake.h"
#include "json.h"
#include "job.h"
#include "spool.h"

int
spool_due(long long ts)
{
	long long after = cfg_int("Webhook.SpoolAfterSeconds", 3);

	return after > 0 && (long long)wx_now() - ts >= after;
}

int job_spool_more;

/* one kept push through the intake: 0 done (stored, or never storable: its
 * row to delete), -1 later */
static int
drain_one(struct pool *p, const struct spool_next *s)
{
	struct intake_channel ch = { s->channel_id, s->department_id, (int)s->erase, 0, NULL, 1 };
	struct intake_push    u = { s->push_ts, s->push_nonce };
	struct intake_result  res;
	struct wx_field      *f;
	int                   failed, got;

	if (strcmp(s->state, "active") != 0 || s->department_id == 0 || s->body == NULL ||
	    wx_parse(p, s->body, strlen(s->body), &f) != WX_OK) {
		wx_log("spool %lld: the push cannot be taken in (account %s); dropped", s->id,
		    s->state);
		return 0;
	}
	ch.bad = profanity_cached(p, s->channel_id, &failed);
	if (failed)
		return -1;
	got = intake_store(p, &ch, &u, f, &res);
	if (got == INTAKE_FAILED)
		return -1;
	if (got == INTAKE_INVALID)
		wx_log("spool %lld: %s; dropped", s->id, res.invalid ? res.invalid : "invalid");
	/* what the HTTP answer would have carried was not said */
	if (got == INTAKE_STORED && res.chat_id && res.message_id && (res.reply || res.reply_media) &&
	    db_spool_unsaid(p, res.chat_id, res.message_id) != DB_OK)
		return -1;
	return 0;
}

void
job_spool(struct pool *p)
{
	struct timespec    t0, t;
	struct spool_next *s = NULL;
	size_t             n = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	job_spool_more = 0;
	do {
		size_t done = 0;
		int    failed = 0;
		if (db_spool_next(p, 200, &s, &n) != DB_OK)
			return;
		while (done < n && !job_stopping && !(failed = drain_one(p, &s[done]) != 0))
			done++;
		/* the rows taken in, deleted at once, by their ids (a row written
		 * meanwhile may hold an id between them: ids commit out of order) */
		if (done > 0) {
			json_t    *ids = json_array();
			struct buf b = { 0 };
			enum dbrc  rc;
			for (size_t i = 0; i < done; i++)
				json_array_append_new(ids, json_integer((json_int_t)s[i].id));
			json_put(&b, ids);
			rc = db_spool_done(p, b.data);
			buf_free(&b);
			if (rc != DB_OK)
				return;
		}
		if (failed)
			return;	/* the database: the next tick again */
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (n == 200 && !job_stopping && t.tv_sec - t0.tv_sec < 1);
	job_spool_more = n == 200;
}
