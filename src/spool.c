/* spool.c: pushes kept for later when WeChat's 5 seconds run out, and the
 * worker's job that takes them through the intake (spool.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "intake.h"
#include "json.h"
#include "job.h"
#include "send.h"
#include "spool.h"

int
spool_due(long long ts)
{
	long long after = cfg_int("Webhook.SpoolAfterSeconds", 3);

	return after > 0 && (long long)wx_now() - ts >= after;
}

int job_spool_more;

/*
 * What the HTTP answer to a kept push would have carried (its passive
 * reply, key "b:<message>"): a follow's, a scan's or a click's goes late as
 * the bot's customer-service message while WeChat's short window allows it
 * (spool.h); else the transcript says nobody carried it. 0, or -1 when the
 * database failed.
 */
static int
say_late(struct pool *p, const struct spool_next *s, const struct intake_result *res)
{
	const char        *key = pool_printf(p, "b:%lld", res->message_id);
	struct spool_reply r;
	enum dbrc          rc = DB_NOTFOUND;

	if (res->grants && (long long)wx_now() - s->push_ts < WX_EVENT_WINDOW - SPOOL_SAY_MARGIN &&
	    (rc = db_spool_reply(p, s->channel_id, key, &r)) == DB_OK) {
		struct out_chat c = { r.chat, r.follower, r.openid, { s->channel_id, r.app_id,
		    r.secret ? secret_decrypt(p, r.secret) : NULL } };
		struct outgoing o = { r.type, r.body, r.path, r.mime, r.attachment, NULL };
		/* in the follower's open chat, counted like the bot's late answers
		 * (its window's grant is the push's time: intake.c); a new
		 * follower's welcome has no chat, and is the first of its 3 */
		rc = r.chat ? send_reclaim(p, &c, OUT_BOT, 0, r.id) : db_spool_reply_claim(p, r.id);
		if (rc == DB_OK) {
			(void)send_deliver(p, &c, r.id, &o);	/* its outcome is on the message */
			return 0;
		}
	}
	if (rc != DB_OK && rc != DB_NOTFOUND && rc != DB_CONFLICT)
		return -1;
	return db_spool_unsaid(p, s->channel_id, key) == DB_OK ? 0 : -1;
}

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
	if (got == INTAKE_STORED && res.message_id && (res.reply || res.reply_media) &&
	    say_late(p, s, &res) != 0)
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
