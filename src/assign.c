/*
 * assign.c: operator presence and the offering of waiting chats (see
 * assign.h). The worker runs assign_tick each tick; any number of workers
 * may run it at once:
 *
 *   - an offer holds its department's row (one offer at a time per
 *     department, so the turn it reads is the turn it takes) and then the
 *     operator's (so two departments cannot both fill an operator's last
 *     slot), reads under READ COMMITTED, and takes the chat with a
 *     conditional UPDATE: a chat is offered to one operator at a time;
 *   - an offer that is not answered in time is taken back by a conditional
 *     UPDATE on its deadline, so a worker killed half-way leaves nothing
 *     that the next tick does not clear;
 *   - the web node's accept is the pick-up (only the operator offered, or
 *     anyone when nobody is), its decline a conditional UPDATE.
 * On a Galera cluster the row locks are the node's own, but every hold is a
 * write, so the second of two conflicting offers fails its commit there and
 * the next tick tries again.
 */
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "job.h"
#include "assign.h"

const char *const presence_names[3] = { "available", "busy", "away" };

/* 0 available, 1 busy, 2 away; -1 for anything else */
int
presence_index(const char *s)
{
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, presence_names[i]) == 0)
			return i;
	return -1;
}

int
presence_valid(const char *s)
{
	return presence_index(s) >= 0;
}

const char *
v_routing(const char *v)
{
	return strcmp(v, "everyone") == 0 || strcmp(v, "round_robin") == 0 ||
	    strcmp(v, "least_busy") == 0 ? NULL : "v.routing";
}

const char *
v_chat_limit(const char *v)
{
	return form_int_in(v, 1, 50) ? NULL : "v.chat_limit";
}

const char *
v_offer_seconds(const char *v)
{
	return form_int_in(v, 10, 600) ? NULL : "v.offer_seconds";
}

long long
presence_away_after(void)
{
	long long s = cfg_int("Presence.AwaySeconds", 15);

	return s < 10 ? 10 : s;
}

struct presence_set {
	long long   user;
	const char *presence, *why;
};

static enum dbrc
presence_step(struct pool *p, void *arg)
{
	const struct presence_set *x = arg;
	enum dbrc                  rc = db_presence_set(p, x->user, x->presence, x->why,
	    (long long)wx_now());

	return rc == DB_NOTFOUND ? DB_OK : rc;
}

int
presence_change(struct pool *p, long long user, const char *presence, const char *why)
{
	struct presence_set x = { user, presence, why };

	if (!presence_valid(presence))
		return -1;
	return db_txn(p, presence_step, &x) == DB_OK ? 0 : -1;
}

struct beat {
	long long user;
	int       idle, gone;
};

static enum dbrc
beat_step(struct pool *p, void *arg)
{
	const struct beat *x = arg;
	long long          now = (long long)wx_now();
	enum dbrc          rc;

	if (x->gone)	/* lapses in PRESENCE_GRACE s, unless another page beats */
		return db_presence_gone(p, x->user, now - presence_away_after() + PRESENCE_GRACE);
	rc = db_presence_seen(p, x->user, now);
	if (rc == DB_OK && x->idle && (rc = db_presence_back(p, x->user, now)) == DB_NOTFOUND)
		rc = DB_OK;
	return rc;
}

int
presence_beat(struct pool *p, const struct user *u, int gone)
{
	struct beat x = { u->id, u->idle, gone };

	return db_txn(p, beat_step, &x) == DB_OK ? 0 : -1;
}

struct choice {
	struct presence_set set;
	struct beat         beat;
};

static enum dbrc
choice_step(struct pool *p, void *arg)
{
	struct choice *x = arg;
	enum dbrc      rc = presence_step(p, &x->set);

	return rc == DB_OK ? beat_step(p, &x->beat) : rc;
}

int
presence_choose(struct pool *p, const struct user *u, const char *presence)
{
	struct choice x = { { u->id, presence, "set" }, { u->id, u->idle, 0 } };

	if (!presence_valid(presence))
		return -1;
	return db_txn(p, choice_step, &x) == DB_OK ? 0 : -1;
}

/* a conditional change in a transaction of its own (db_txn); one whose
 * condition no longer held is not an error */
#define ONE(call) do { \
	enum dbrc rc_ = (call); \
	if (rc_ != DB_OK && rc_ != DB_NOTFOUND) \
		return -1; \
} while (0)

struct idle {
	long long user, cutoff, now;
};

static enum dbrc
idle_step(struct pool *p, void *arg)
{
	const struct idle *x = arg;

	return db_idle_away(p, x->user, x->cutoff, x->now);
}

/* operators present whose pages stopped beating: idle (away in the
 * reports, offered nothing), their chosen status kept for their return */
static int
idle_away(struct pool *p, long long now, long long cutoff)
{
	struct idle_users *l = NULL;
	size_t l_n = 0;

	if (db_idle_users(p, cutoff, &l, &l_n) != DB_OK)
		return -1;
	for (size_t i = 0; i < l_n && !job_stopping; i++) {
		struct idle x = { l[i].id, cutoff, now };
		ONE(db_txn(p, idle_step, &x));
	}
	return 0;
}

/* offers past their deadline, or to someone whose pages stopped beating,
 * go back to the queue, for the next member */
static int
expire_offers(struct pool *p, long long now, long long cutoff)
{
	struct offers_expired *l = NULL;
	size_t l_n = 0;

	if (db_offers_expired(p, now, &l, &l_n) != DB_OK)
		return -1;
	for (size_t i = 0; i < l_n && !job_stopping; i++)
		ONE(chat_offer_expire(p, l[i].id, l[i].offer_user_id, now));
	if (db_offers_lapsed(p, cutoff, now, &l, &l_n) != DB_OK)
		return -1;
	for (size_t i = 0; i < l_n && !job_stopping; i++)
		ONE(chat_offer_lapse(p, l[i].id, l[i].offer_user_id, cutoff,
		    now));
	return 0;
}

int
assign_tick(struct pool *p)
{
	long long    now = (long long)wx_now(), cutoff = now - presence_away_after();
	struct route_queue *q = NULL;
	size_t q_n = 0;
	long long   *full;
	size_t       nfull = 0;
	int          offers = 0;

	if (idle_away(p, now, cutoff) != 0 || expire_offers(p, now, cutoff) != 0)
		return -1;
	(void)db_offers_sweep(p, now);	/* bookkeeping only: the next tick again */
	/* the session reads under READ COMMITTED (db_open): each offer sees
	 * the others' commits */
	if (db_route_queue(p, &q, &q_n) != DB_OK)
		return -1;
	full = pool_alloc(p, (q_n + 1) * sizeof *full);
	for (size_t i = 0; i < q_n && !job_stopping; i++) {
		long long dept = q[i].department_id;
		size_t    k;

		for (k = 0; k < nfull && full[k] != dept; k++)
			;
		if (k < nfull)
			continue;
		switch (chat_offer(p, q[i].id, dept, now, cutoff)) {
		case CHAT_OFFERED:
			offers++;
			break;
		case CHAT_DEPT_FULL:
			full[nfull++] = dept;
			break;
		case CHAT_OFFER_FAILED:
			return -1;
		default:
			break;
		}
	}
	return offers;
}

static enum dbrc
sample_step(struct pool *p, void *arg)
{
	return db_load_sample(p, *(const long long *)arg / 60 * 60);
}

void
job_assign(struct pool *p)
{
	long long now = (long long)wx_now();

	(void)assign_tick(p);
	/* the queue and each operator's chats in hand, once a minute, by one
	 * worker (the claim is in the same transaction as the rows) */
	(void)db_txn(p, sample_step, &now);
}
