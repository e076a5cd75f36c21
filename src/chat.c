/* chat.c: a chat's life: each transition one transaction, retried on a conflict (see chat.h). */
#include <string.h>

#include "chat.h"
#include "hours.h"
#include "intake.h"
#include "routing.h"

/* ---- pick up ---- */

struct pickup {
	const struct chat_ref   *c;
	const struct chat_actor *a;
	long long                now;
};

static enum dbrc
pickup_step(struct pool *p, void *arg)
{
	const struct pickup *x = arg;
	enum dbrc            rc = db_chat_pickup(p, x->c->id, x->a->user);

	if (rc == DB_OK)	/* my offer accepted; anyone else's withdrawn */
		rc = db_offers_settle(p, x->c->id, x->a->user, x->now);
	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "picked_up", 0,
		    "note.picked_up", x->a->name, NULL);
	return rc;
}

enum dbrc
chat_pickup(struct pool *p, const struct chat_ref *c, const struct chat_actor *a)
{
	struct pickup x = { c, a, (long long)wx_now() };

	return db_txn(p, pickup_step, &x);
}

/* ---- close ---- */

static enum dbrc
close_step(struct pool *p, void *arg)
{
	const struct pickup *x = arg;
	/* conditional: of two closes at once, the second changes nothing */
	enum dbrc            rc = db_chat_close_by(p, x->c->id, x->a->user, (time_t)x->now);

	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "closed", 1,
		    "note.operator_closed", x->a->name, NULL);
	return rc;
}

enum dbrc
chat_close(struct pool *p, const struct chat_ref *c, const struct chat_actor *a)
{
	struct pickup x = { c, a, (long long)wx_now() };

	return db_txn(p, close_step, &x);
}

/* ---- decline ---- */

struct decline {
	long long                chat;
	const struct chat_actor *a;
};

static enum dbrc
decline_step(struct pool *p, void *arg)
{
	const struct decline *x = arg;

	return db_offer_decline(p, x->chat, x->a->user, (long long)wx_now());
}

enum dbrc
chat_decline(struct pool *p, long long chat, const struct chat_actor *a)
{
	struct decline x = { chat, a };

	return db_txn(p, decline_step, &x);
}

/* ---- transfer ---- */

struct transfer {
	const struct chat_ref      *c;
	const struct chat_actor    *a;
	const struct chat_transfer *t;
	long long                   now;
};

static enum dbrc
transfer_step(struct pool *p, void *arg)
{
	const struct transfer      *x = arg;
	const struct chat_transfer *t = x->t;
	long long                   seen_after = x->now - presence_away_after();
	long long                   dept = t->to_user ? x->c->dept : t->target;
	enum dbrc                   rc = DB_NOTFOUND;

	/* to a colleague in a routed department: offered to them, to accept;
	 * elsewhere theirs at once; either only while they are there */
	if (t->to_user)
		rc = db_offer_to_user(p, x->c->id, t->target, x->c->dept, x->now);
	if (rc == DB_NOTFOUND)
		rc = db_chat_transfer(p, x->c->id, t->to_user, t->target, seen_after);
	if (rc == DB_NOTFOUND && t->to_user) {
		/* the chat still open: the colleague could not take it */
		struct dbres c;
		if ((rc = db_console_chat(p, x->c->id, &c)) == DB_OK)
			rc = strcmp(db_cell(&c, 0, CHAT_STATE), "closed") == 0 ? DB_NOTFOUND : DB_INVALID;
	}
	/* whoever passed it on is not offered it back while it waits there */
	if (rc == DB_OK && !t->keep_me)
		rc = db_offer_handed_on(p, x->c->id, x->a->user, dept, x->now);
	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "transferred", 0,
		    t->note && *t->note ? "note.transferred_note" : "note.transferred",
		    x->a->name, t->target_name, t->note, NULL);
	return rc;
}

enum dbrc
chat_transfer(struct pool *p, const struct chat_ref *c, const struct chat_actor *a,
    const struct chat_transfer *t)
{
	struct transfer x = { c, a, t, (long long)wx_now() };

	return db_txn(p, transfer_step, &x);
}

/* ---- the worker's timers: missed, missed too long, idle ---- */

struct timers {
	const struct chat_timer *t;
	const struct dbres      *due;
	size_t                   from, to;
};

static enum dbrc
timers_step(struct pool *p, void *arg)
{
	const struct timers     *x = arg;
	const struct chat_timer *t = x->t;
	enum dbrc                rc = DB_OK;

	for (size_t j = x->from; j < x->to && (rc == DB_OK || rc == DB_CONFLICT); j++) {
		long long chat = db_int(x->due, j, TD_CHAT);
		/* the deadline again in the UPDATE: of two workers, one moves it */
		rc = db_timer_fire(p, t->state, chat, (time_t)t->since, (time_t)t->now);
		if (rc == DB_OK)
			rc = chat_note(p, t->channel, db_int(x->due, j, TD_FOLLOWER), chat, t->what,
			    t->once, t->key, t->mins, NULL);
	}
	return rc == DB_CONFLICT ? DB_OK : rc;
}

enum dbrc
chat_timers_fire(struct pool *p, const struct chat_timer *t, const struct dbres *due, size_t from,
    size_t to)
{
	struct timers x = { t, due, from, to };

	return db_txn(p, timers_step, &x);
}

/* ---- the queue: what the follower is told, their follow-up ---- */

enum dbrc
chat_queued(struct pool *p, const struct chat_ref *c, int handoff, const char *lead,
    long long now, struct tell_said *said)
{
	enum dbrc rc = tell_on_queue(p, c->channel, c->id, handoff, lead, now, said);

	if (rc != DB_OK)
		return rc;
	if (said->why == TELL_WHY_CLOSED && (rc = db_hours_mark(p, c->id)) != DB_OK)
		return rc;
	if (said->why != TELL_WHY_CLOSED && said->why != TELL_WHY_LONG)
		return DB_OK;
	if ((rc = db_chat_leave_mark(p, c->id, now)) != DB_OK)
		return rc;
	return said->why == TELL_WHY_CLOSED ?
	    chat_note(p, c->channel, c->follower, c->id, "leave", 1, "note.leave_offered_closed",
	    NULL) :
	    chat_note(p, c->channel, c->follower, c->id, "leave", 1, "note.leave_offered_long",
	    pool_printf(p, "%lld", said->queued), pool_printf(p, "%lld", said->limit), NULL);
}

enum dbrc
chat_leave(struct pool *p, const struct chat_ref *c, long long now, const char **reply)
{
	struct tell_texts t;
	enum dbrc         rc = db_chat_followup(p, c->id, now);

	*reply = NULL;
	if (rc != DB_OK)
		return rc;
	if ((rc = chat_note(p, c->channel, c->follower, c->id, "followup", 1, "note.left_message",
	    NULL)) != DB_OK)
		return rc;
	if (tell_load_channel(p, c->channel, &t) != 0)
		return DB_FAIL;
	*reply = t.text[TELL_LEAVE_DONE];
	return DB_OK;
}

enum dbrc
chat_offer_leave(struct pool *p, const struct out_chat *c, const char *text, long long minutes)
{
	struct outgoing o = { "text", text, NULL, NULL, 0 };
	long long       msg;
	enum dbrc       rc = send_claim(p, c, &o, OUT_LEAVE, 0, pool_printf(p, "l:%lld", c->chat), &msg);

	if (rc == DB_CONFLICT) {
		/* no room in WeChat's rules (unless someone else took it, or it
		 * was picked up): not offered, and said so */
		if (db_tell_leave_skip(p, c->chat) == DB_OK)
			chat_note(p, c->ch.id, c->follower, c->chat, "leave", 1, "note.leave_skipped", NULL);
		return DB_CONFLICT;
	}
	if (rc != DB_OK)
		return rc;
	if (send_deliver(p, c, msg, &o) != 0) {
		/* WeChat did not take it: the follower was not offered */
		if (db_tell_leave_unoffer(p, c->chat) == DB_OK)
			chat_note(p, c->ch.id, c->follower, c->chat, "leave", 1, "note.leave_not_delivered",
			    NULL);
		return DB_OK;
	}
	return chat_note(p, c->ch.id, c->follower, c->chat, "leave", 1, "note.leave_offered_nobody",
	    pool_printf(p, "m:%lld", minutes), NULL);
}

struct expire {
	const struct chat_ref *c;
	long long              cutoff, now;
};

static enum dbrc
expire_step(struct pool *p, void *arg)
{
	const struct expire *x = arg;
	enum dbrc            rc = db_chat_followup_expire(p, x->c->id, x->cutoff, x->now);

	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "closed", 1,
		    "note.followup_expired", NULL);
	return rc;
}

enum dbrc
chat_followup_expire(struct pool *p, const struct chat_ref *c, long long cutoff)
{
	struct expire x = { c, cutoff, (long long)wx_now() };

	return db_txn(p, expire_step, &x);
}
