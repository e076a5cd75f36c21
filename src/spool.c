/* spool.c: pushes kept for later when WeChat's 5 seconds run out, and the
 * worker's job that takes them through the intake (spool.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "intake.h"
#include "json.h"
#include "job.h"
#include "send.h"
#include "spool.h"

int
spool_due(struct pool *p, long long channel, const char *openid, long long ts)
{
	static long long kept_at;	/* when this process last kept one */
	long long        after = cfg_int("Webhook.SpoolAfterSeconds", 3);
	long long        now = (long long)wx_now();

	if (after <= 0)
		return 0;
	if (now - ts >= after || ((now - ts >= 1 || now - kept_at < SPOOL_CALM * 15) &&
	    db_spool_has(p, channel, openid) > 0)) {
		kept_at = now;
		return 1;
	}
	return 0;
}

int job_spool_more;

enum dbrc
spool_reply_late(struct pool *p, long long channel, long long msg, long long acted,
    long long now)
{
	long long until = acted + WX_EVENT_WINDOW - SPOOL_SAY_MARGIN;

	return acted > 0 && now < until ? db_spool_late(p, channel, pool_printf(p, "b:%lld", msg),
	    until) : DB_OK;
}

/* a reply going late, taken and counted in its chat in one transaction */
static enum dbrc
late_take_step(struct pool *p, void *arg)
{
	const struct spool_late_due *r = arg;
	enum dbrc                    rc = db_spool_late_take(p, r->id);

	return rc == DB_OK && r->chat ? db_spool_late_chat(p, r->chat,
	    (long long)wx_now() - WX_WINDOW) : rc;
}

int
spool_say_pass(struct pool *p)
{
	struct spool_late_due *r = NULL;
	size_t                 n = 0;

	if (db_spool_late_due(p, 50, &r, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		/* (a new follower's welcome has no chat: it is the first of the
		 * follow's 3, the window checked by its time alone) */
		enum dbrc rc = (long long)wx_now() < r[i].late_until ? db_txn(p, late_take_step, &r[i]) :
		    DB_CONFLICT;
		if (rc == DB_OK) {
			struct out_chat c = { r[i].chat, r[i].follower, r[i].openid, { r[i].channel,
			    r[i].app_id, r[i].secret ? secret_decrypt(p, r[i].secret) : NULL } };
			struct outgoing o = { r[i].type, r[i].body, r[i].path, r[i].mime,
			    r[i].attachment, NULL };
			(void)send_deliver(p, &c, r[i].id, &o);	/* its outcome is on the message */
		} else if (rc == DB_CONFLICT)
			(void)db_spool_late_miss(p, r[i].id);	/* too late, or no room */
		else
			return -1;
	}
	return (int)n;
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
		wx_log("spool %lld: %s; dropped", s->id, lang_coded(p, LANG_EN, res.invalid ?
		    res.invalid : "fail.xml"));
	return 0;
}

/* this process's token for the lanes it holds (a forked taker has its own) */
static const char *
holder(void)
{
	static char  token[33];
	static pid_t of;

	if (of != getpid()) {
		struct pool p = { 0 };
		snprintf(token, sizeof token, "%s", rand_hex(&p, 16));
		pool_free(&p);
		of = getpid();
	}
	return token;
}

#define SPOOL_BATCH 200

/*
 * The kept pushes of one lane through the intake, oldest first, a batch at
 * a time while this process holds the lane (leased, renewed each batch),
 * until t0's second is over. The number taken in, or -1 when the database
 * failed; *more: the lane still holds some.
 */
static int
take_lane(struct pool *p, int lane, double t0, int *more)
{
	int total = 0;

	*more = 0;
	for (;;) {
		long long          now = (long long)wx_now();
		struct spool_next *s = NULL;
		size_t             n = 0, done = 0;
		int                failed = 0;
		enum dbrc          rc = db_spool_lease(p, lane, holder(), now, now + SPOOL_LEASE);

		if (rc == DB_CONFLICT)
			return total;	/* another process's (or taken over: this one's ran out) */
		if (rc != DB_OK || db_spool_next(p, lane, SPOOL_BATCH, &s, &n) != DB_OK)
			failed = 1;
		/* (the second's budget checked at each push: a batch ends early) */
		while (!failed && done < n && !job_stopping && wx_mono() - t0 < 1 &&
		    !(failed = drain_one(p, &s[done]) != 0))
			done++;
		/* the rows taken in, deleted at once, by their ids (a row written
		 * meanwhile may hold an id between them: ids commit out of order) */
		if (done > 0) {
			json_t    *ids = json_array();
			struct buf b = { 0 };
			for (size_t i = 0; i < done; i++)
				json_array_append_new(ids, json_integer((json_int_t)s[i].id));
			json_put(&b, ids);
			if (db_spool_done(p, b.data) != DB_OK)
				failed = 1;
			buf_free(&b);
		}
		total += (int)done;
		if (failed || done < n || n < SPOOL_BATCH || job_stopping || wx_mono() - t0 >= 1) {
			(void)db_spool_release(p, lane, holder());
			*more = !failed && (done < n || n == SPOOL_BATCH);
			return failed ? -1 : total;
		}
	}
}

/* the lanes no other process holds, for a second at most: the number of
 * pushes taken in, or -1 when the database failed */
static int
spool_pass(struct pool *p)
{
	static unsigned    turn;
	static pid_t       of;
	double             t0 = wx_mono();
	struct spool_lane *l = NULL;
	size_t             n = 0, i;
	int                total = 0, failed = 0;

	job_spool_more = 0;
	if (db_spool_lanes_kept(p, &l, &n) != DB_OK)
		return -1;
	/* each process from a lane of its own, the next lane first each pass:
	 * one busy lane does not keep the others waiting */
	if (of != getpid())
		of = getpid(), turn = (unsigned)getpid();
	turn++;
	for (i = 0; i < n && !job_stopping && wx_mono() - t0 < 1; i++) {
		int more, took = take_lane(p, (int)l[(i + turn) % n].lane, t0, &more);
		if (took < 0)
			failed = 1;	/* (the other lanes all the same) */
		else
			total += took;
		job_spool_more |= more;
	}
	if (i < n)
		job_spool_more = 1;	/* lanes left for the next tick */
	return failed && total == 0 ? -1 : total;
}

void
job_spool(struct pool *p)
{
	(void)spool_pass(p);
}

void
spool_run(volatile sig_atomic_t *stop)
{
	while (!*stop) {
		struct pool p = { 0 };
		long long   newest = db_up() ? db_spool_newest(&p) : -1;
		/* (during a burst the webhook's processes need the cores: the
		 * tick's job takes pushes in alone) */
		int         n = newest > 0 && (long long)wx_now() - newest >= SPOOL_CALM ?
		    spool_pass(&p) : -1;

		pool_free(&p);
		db_request_done();
		/* nothing kept (or the database is down): a second's rest */
		for (int i = 0; n <= 0 && !*stop && i < 10; i++)
			usleep(100000);
	}
}
