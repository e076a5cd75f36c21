/* chat.c: a chat's life: each transition one transaction, retried on a conflict (see chat.h). */
#include <stdarg.h>
#include <string.h>

#include "bot.h"
#include "chat.h"
#include "job.h"
#include "tags.h"
#include "csat.h"
#include "json.h"
#include "hours.h"
#include "intake.h"
#include "assign.h"
#include "console.h"

/* ---- the transcript ---- */

/*
 * A system line in the transcript ("chat closed: …", "picked up by …").
 * With once, a second line of the same kind for the chat is not added.
 */
enum dbrc
chat_note(struct pool *p, long long channel, long long follower, long long chat,
    const char *what, int once, const char *key, ...)
{
	const char *v[NOTE_VALUES] = { NULL };
	json_t     *f = json_pack("{s:s}", "note", key);
	struct buf  b = { 0 };
	va_list     ap;
	int         n = 0;

	va_start(ap, key);
	for (const char *x; n < NOTE_VALUES && (x = va_arg(ap, const char *)) != NULL; n++) {
		v[n] = x;
		json_object_set_new(f, pool_printf(p, "v%d", n), json_s(x));
	}
	va_end(ap);
	json_put(&b, f);

	struct msg_row m = {
		.channel_id = channel, .follower_id = follower, .chat_id = chat,
		.direction = "system", .msg_type = "system", .event = what,
		.body = lang_format(p, LANG_EN, key, v, n), .fields = pool_strdup(p, b.data),
		.dedupe_key = once ? pool_printf(p, "s:%lld:%s", chat, what) :
		    pool_printf(p, "s:%lld:%s:%s", chat, what, rand_hex(p, 8)),
		.media_state = "none", .created_at = wx_now(),
	};
	enum dbrc rc = db_message_insert(p, &m, NULL);

	buf_free(&b);
	return rc == DB_CONFLICT && once ? DB_OK : rc;
}

enum dbrc
chat_staff_note(struct pool *p, const struct chat_ref *c, const char *who, const char *text)
{
	struct buf b = { 0 };
	enum dbrc  rc;

	json_put(&b, json_pack("{s:s}", "staff", who));
	struct msg_row m = {
		.channel_id = c->channel, .follower_id = c->follower, .chat_id = c->id,
		.direction = "system", .msg_type = "system", .event = "staff_note", .body = text,
		.fields = pool_strdup(p, b.data),
		.dedupe_key = pool_printf(p, "n:%lld:%s", c->id, rand_hex(p, 8)),
		.media_state = "none", .created_at = wx_now(),
	};
	rc = db_message_insert(p, &m, NULL);
	buf_free(&b);
	return rc;
}

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

struct close {
	const struct chat_ref     *c;
	const struct chat_actor   *a;
	const struct chat_summary *s;
	long long                  now;
};

static enum dbrc
close_step(struct pool *p, void *arg)
{
	const struct close *x = arg;
	/* conditional: of two closes at once, the second changes nothing */
	enum dbrc           rc = db_chat_close_by(p, x->c->id, x->a->user, (time_t)x->now,
	    x->s ? x->s->topic : 0, x->s && x->s->note ? x->s->note : "");

	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "closed", 1,
		    "note.operator_closed", x->a->name, NULL);
	return rc;
}

enum dbrc
chat_close(struct pool *p, const struct chat_ref *c, const struct chat_actor *a,
    const struct chat_summary *s)
{
	struct close x = { c, a, s, (long long)wx_now() };

	return db_txn(p, close_step, &x);
}

/* ---- WeChat's windows ---- */

void
chat_window(long long last_in, long long grant, long long *until, int *max)
{
	if (grant < 0 && -grant >= last_in) {	/* a payment (WX_SQL_GRANT) */
		*until = -grant + WX_WINDOW;
		*max = WX_PAID_REPLIES;
	} else if (grant > 0 && grant >= last_in) {
		*until = grant + WX_EVENT_WINDOW;
		*max = WX_EVENT_REPLIES;
	} else {
		*until = last_in + WX_WINDOW;
		*max = WX_REPLIES_IN_ROW;
	}
}

enum dbrc
chat_grant(struct pool *p, long long chat, long long now)
{
	return db_chat_grant(p, chat, now);
}

struct pay {
	long long   channel, *follower, now, paid_at, amount;
	const char *openid, *tx;
	int         fresh;
};

static enum dbrc
pay_step(struct pool *p, void *arg)
{
	struct pay *x = arg;
	long long   id;
	enum dbrc   rc = db_payment_follower(p, x->channel, x->openid, x->follower);

	if (rc != DB_OK)
		return rc;
	if ((rc = db_payment_insert(p, x->channel, *x->follower, x->tx, x->amount, x->paid_at,
	    x->now, &id)) == DB_CONFLICT) {
		x->fresh = 0;	/* told already: nothing changes */
		return DB_OK;
	}
	x->fresh = 1;
	return rc != DB_OK ? rc : db_chat_pay(p, *x->follower, x->paid_at);
}

enum dbrc
chat_pay(struct pool *p, long long channel, const char *openid, const char *tx,
    long long amount, long long paid_at, long long now, long long *follower, int *fresh)
{
	struct pay x = { channel, follower, now, paid_at, amount, openid, tx, 0 };
	enum dbrc  rc = db_txn(p, pay_step, &x);

	*fresh = x.fresh;
	return rc;
}

/* ---- held replies ---- */

enum dbrc
chat_hold(struct pool *p, long long channel, long long follower, long long chat,
    const char *text, long long author, long long now, long long *id)
{
	return db_held_insert(p, channel, follower, chat, text,
	    pool_printf(p, "h:%s", rand_hex(p, 16)), author, now, id);
}

struct release {
	long long chat, follower, now;
	int      *n;
};

static enum dbrc
release_step(struct pool *p, void *arg)
{
	struct release *x = arg;
	enum dbrc       rc = db_chat_catch_up(p, x->chat);

	return rc != DB_OK ? rc : db_held_release(p, x->chat, x->follower, x->now, x->n);
}

enum dbrc
chat_release_held(struct pool *p, long long chat, long long follower, long long now, int *n)
{
	struct release x = { chat, follower, now, n };

	return db_txn(p, release_step, &x);
}

struct reminder {
	long long msg, chat, now;
	int       went;
};

static enum dbrc
reminder_step(struct pool *p, void *arg)
{
	struct reminder *x = arg;
	enum dbrc        rc = db_chat_catch_up(p, x->chat);

	return rc != DB_OK ? rc : db_reminder_go(p, x->msg, x->chat, x->now, &x->went);
}

void
job_held(struct pool *p)
{
	long long            now = (long long)wx_now();
	struct held_due     *due;
	struct reminder_due *rd;
	size_t               n;
	int                  went;

	if (db_held_expire(p, now) < 0 || db_held_due(p, now - WX_WINDOW, &due, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++)
		(void)chat_release_held(p, due[i].chat, due[i].follower, now, &went);
	/* replies scheduled before the window closes (055), once due */
	if (db_reminders_due(p, now, &rd, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct reminder x = { rd[i].msg, rd[i].chat, now, 0 };
		(void)db_txn(p, reminder_step, &x);
	}
}

/* ---- reopen ---- */

int
chat_reopenable(const char *state, const char *reason, long long last_in, long long now)
{
	return state && strcmp(state, "closed") == 0 && last_in + WX_WINDOW > now && reason &&
	    strcmp(reason, "unfollowed") != 0 && strcmp(reason, "window_expired") != 0 &&
	    strcmp(reason, "blocked") != 0;
}

static enum dbrc
reopen_step(struct pool *p, void *arg)
{
	const struct pickup *x = arg;
	enum dbrc            rc = db_chat_reopen(p, x->c->id, x->a->user, x->now);

	if (rc == DB_OK)
		rc = chat_note(p, x->c->channel, x->c->follower, x->c->id, "reopened", 0,
		    "note.reopened", x->a->name, NULL);
	return rc;
}

enum dbrc
chat_reopen(struct pool *p, const struct chat_ref *c, const struct chat_actor *a)
{
	struct pickup x = { c, a, (long long)wx_now() };

	return db_txn(p, reopen_step, &x);
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
		struct console_chat c;
		if ((rc = db_console_chat(p, x->c->id, &c)) == DB_OK)
			rc = strcmp(c.state, "closed") == 0 ? DB_NOTFOUND : DB_INVALID;
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
	const struct timer_due  *due;
	size_t                   from, to;
};

static enum dbrc
timers_step(struct pool *p, void *arg)
{
	const struct timers     *x = arg;
	const struct chat_timer *t = x->t;
	enum dbrc                rc = DB_OK;

	for (size_t j = x->from; j < x->to && (rc == DB_OK || rc == DB_CONFLICT); j++) {
		long long chat = x->due[j].id;
		/* the deadline again in the UPDATE: of two workers, one moves it;
		 * held first, so a message stored just before counts */
		rc = db_chat_hold(p, chat);
		if (rc == DB_OK)
			rc = db_timer_fire(p, t->state, chat, (time_t)t->since, (time_t)t->now);
		if (rc == DB_OK)
			rc = chat_note(p, t->channel, x->due[j].follower_id, chat, t->what,
			    t->once, t->key, t->mins, NULL);
	}
	return rc == DB_CONFLICT ? DB_OK : rc;
}

enum dbrc
chat_timers_fire(struct pool *p, const struct chat_timer *t, const struct timer_due *due, size_t from,
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
	struct outgoing o = { "text", text, NULL, NULL, 0, NULL };
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
	enum dbrc            rc = db_chat_hold(p, x->c->id);

	if (rc == DB_OK)
		rc = db_chat_followup_expire(p, x->c->id, x->cutoff, x->now);

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

struct window {
	const struct chat_ref *c;
	long long              now;
};

static enum dbrc
window_step(struct pool *p, void *arg)
{
	const struct window *x = arg;
	struct chat_open_lock open;
	long long             last;
	enum dbrc             rc;

	/* held, then read again: a message stored before the hold is seen */
	if ((rc = db_chat_hold(p, x->c->id)) != DB_OK ||
	    (rc = db_chat_open_lock(p, x->c->follower, &open)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_OK : rc;
	if (open.id != x->c->id || !open.windowed || x->now - open.started < WX_WINDOW)
		return DB_OK;	/* closed, started again or left as a follow-up, meanwhile */
	if ((last = db_chat_newest_in(p, x->c->id)) < 0)
		return DB_FAIL;
	if (last >= open.started + WX_WINDOW)
		return db_chat_window_again(p, x->c->id, last);
	return chat_end(p, x->c, CHAT_END_WINDOW, x->now, NULL, NULL);
}

enum dbrc
chat_window_end(struct pool *p, const struct chat_ref *c, long long now)
{
	struct window x = { c, now };

	return db_txn(p, window_step, &x);
}

/* ---- in a push's transaction (intake.c) ---- */

enum dbrc
chat_open(struct pool *p, long long channel, long long follower, long long dept, int bot,
    long long prev, long long qr, long long now, long long *chat)
{
	enum dbrc rc = db_chat_insert(p, channel, follower, dept, bot ? "bot" : "waiting",
	    (time_t)now, prev, qr, chat);

	return rc != DB_OK ? rc : db_chat_key(p, *chat);
}

enum dbrc
chat_end(struct pool *p, const struct chat_ref *c, enum chat_end why, long long now,
    const char *v0, const char *v1)
{
	static const char *const reason[] = {
	    [CHAT_END_UNFOLLOWED] = "unfollowed",
	    [CHAT_END_WINDOW] = "window_expired",
	    [CHAT_END_PROFANITY] = "profanity",
	    [CHAT_END_BLOCKED] = "blocked",
	    [CHAT_END_BLOCKED_THERE] = "blocked"
	};
	static const char *const note[] = {
	    [CHAT_END_UNFOLLOWED] = "note.unfollowed",
	    [CHAT_END_WINDOW] = "note.window_expired",
	    [CHAT_END_PROFANITY] = "note.profanity_closed",
	    [CHAT_END_BLOCKED] = "note.blocked_closed",
	    [CHAT_END_BLOCKED_THERE] = "note.blocked_there"
	};
	enum dbrc rc = db_chat_close(p, c->id, reason[why], (time_t)now);

	if (rc == DB_OK)
		rc = chat_note(p, c->channel, c->follower, c->id, "closed", 1, note[why], v0, v1,
		    NULL);
	return rc;
}

struct block {
	long long   follower, user;
	int         on;
	const char *who;
	time_t      now;
};

static enum dbrc
block_step(struct pool *p, void *arg)
{
	struct block         *x = arg;
	struct chat_open_lock open;
	struct chat_ref       c;
	enum dbrc             rc;
	int                   changed;

	if (x->user >= 0 && ((rc = db_block_write(p, x->follower, x->on, x->user, x->now,
	    &changed)) != DB_OK || !changed || !x->on))
		return rc;
	/* a blocked follower is never written to: their held replies expire */
	if ((rc = db_held_drop(p, x->follower, (long long)x->now)) != DB_OK)
		return rc;
	if ((rc = db_chat_open_lock(p, x->follower, &open)) == DB_NOTFOUND)
		return DB_OK;	/* no open chat */
	if (rc != DB_OK)
		return rc;
	c = (struct chat_ref){ open.id, open.channel_id, x->follower, open.department_id };
	return chat_end(p, &c, x->user >= 0 ? CHAT_END_BLOCKED : CHAT_END_BLOCKED_THERE, x->now,
	    x->who, NULL);
}

enum dbrc
chat_block(struct pool *p, long long follower, int on, long long user, const char *who,
    time_t now)
{
	struct block x = { follower, user, on, who, now };

	return db_txn(p, block_step, &x);
}

enum dbrc
chat_block_closed(struct pool *p, long long follower, time_t now)
{
	struct block x = { follower, -1, 1, NULL, now };	/* user -1: blocked there */

	return db_txn(p, block_step, &x);
}

enum dbrc
chat_handoff(struct pool *p, const struct chat_ref *c, const char *why, long long now)
{
	enum dbrc rc = db_bot_handoff(p, c->id, now);

	if (rc == DB_OK)
		rc = chat_note(p, c->channel, c->follower, c->id, "bot_handoff", 0, why, NULL);
	return rc;
}

enum dbrc
chat_rate(struct pool *p, const struct chat_ref *c, int rating)
{
	enum dbrc rc = db_csat_rate(p, c->id, rating);

	if (rc == DB_OK)
		rc = chat_note(p, c->channel, c->follower, c->id, "csat_rated", 1, "note.csat_rated",
		    pool_printf(p, "%d", rating), NULL);
	return rc;
}

/* ---- routing's offers ---- */

struct offer {
	long long         chat, dept, now, cutoff;
	enum chat_offered got;
};

/*
 * Whose turn, held, then the offer. Anything but an offer made leaves
 * nothing behind (the department's turn counter included): the step then
 * answers DB_NOTFOUND, which rolls it back, with got saying why.
 */
static enum dbrc
offer_step(struct pool *p, void *arg)
{
	struct offer *x = arg;
	enum dbrc     rc = db_route_dept_hold(p, x->dept);

	x->got = CHAT_DEPT_FULL;
	if (rc != DB_OK)
		return rc;	/* DB_NOTFOUND: no longer routed */
	/* a candidate no longer available, or whose last slot another
	 * department filled meanwhile: the next (the session reads each
	 * statement's own snapshot: READ COMMITTED, db_open) */
	for (int tries = 0; tries < 3; tries++) {
		struct route_candidate any, c;
		long long    user, hand;

		rc = db_route_candidate(p, x->dept, x->chat, x->cutoff, x->now, &c);
		if (rc == DB_NOTFOUND) {
			/* nobody for this chat; for any chat (0 matches no offer)? */
			rc = db_route_candidate(p, x->dept, 0, x->cutoff, x->now, &any);
			x->got = rc == DB_OK ? CHAT_NOBODY : CHAT_DEPT_FULL;
			return rc == DB_OK ? DB_NOTFOUND : rc;
		}
		if (rc != DB_OK)
			return rc;
		user = c.user_id;
		if ((rc = db_route_user_hold(p, user)) == DB_NOTFOUND)
			continue;
		if (rc != DB_OK)
			return rc;
		if ((hand = db_route_hand(p, user)) < 0)
			return DB_FAIL;
		if (hand >= c.lim)
			continue;
		rc = db_route_offer(p, x->chat, x->dept, user, x->now + c.offer_seconds,
		    x->now);
		x->got = rc == DB_OK ? CHAT_OFFERED : CHAT_GONE;	/* picked up, moved, offered */
		return rc;
	}
	x->got = CHAT_NOBODY;
	return DB_NOTFOUND;
}

enum chat_offered
chat_offer(struct pool *p, long long chat, long long dept, long long now, long long cutoff)
{
	struct offer x = { chat, dept, now, cutoff, CHAT_OFFER_FAILED };
	enum dbrc    rc = db_txn(p, offer_step, &x);

	return rc == DB_OK || rc == DB_NOTFOUND ? x.got : CHAT_OFFER_FAILED;
}

struct offer_end {
	long long chat, user, cutoff, now;
	int       lapse;
};

static enum dbrc
offer_end_step(struct pool *p, void *arg)
{
	const struct offer_end *x = arg;

	return x->lapse ? db_offer_lapse(p, x->chat, x->user, x->cutoff, x->now) :
	    db_offer_expire(p, x->chat, x->user, x->now);
}

enum dbrc
chat_offer_expire(struct pool *p, long long chat, long long user, long long now)
{
	struct offer_end x = { chat, user, 0, now, 0 };

	return db_txn(p, offer_end_step, &x);
}

enum dbrc
chat_offer_lapse(struct pool *p, long long chat, long long user, long long cutoff, long long now)
{
	struct offer_end x = { chat, user, cutoff, now, 1 };

	return db_txn(p, offer_end_step, &x);
}

/* ---- wxdesk's own messages: the rating question, the warning ---- */

struct unsent {
	const struct out_chat *c;
	enum dbrc            (*mark)(struct pool *, long long);
	const char            *what, *key;
};

/* the chat marked (skipped, not asked) and its transcript line, together */
static enum dbrc
unsent_step(struct pool *p, void *arg)
{
	const struct unsent *x = arg;
	enum dbrc            rc = x->mark(p, x->c->chat);

	if (rc == DB_OK)
		rc = chat_note(p, x->c->ch.id, x->c->follower, x->c->chat, x->what, 1, x->key, NULL);
	return rc;
}

static enum dbrc
unsent(struct pool *p, const struct out_chat *c, enum dbrc (*mark)(struct pool *, long long),
    const char *what, const char *key)
{
	struct unsent x = { c, mark, what, key };

	return db_txn(p, unsent_step, &x);
}

static enum dbrc
warn_skipped(struct pool *p, long long chat)
{
	return db_warn_done(p, chat, "skipped");
}

enum dbrc
chat_ask_rating(struct pool *p, const struct out_chat *c, const char *question)
{
	struct outgoing o = { "text", question, NULL, NULL, 0, NULL };
	long long       msg;
	enum dbrc       rc;

	if (c->ch.secret == NULL)
		return db_csat_skip(p, c->chat);	/* no way to ask: nothing to say */
	rc = send_claim(p, c, &o, OUT_CSAT, 0, pool_printf(p, "s:%lld", c->chat), &msg);
	if (rc == DB_CONFLICT)	/* no room left in WeChat's rules: not asked, and said so */
		return unsent(p, c, db_csat_skip, "csat", "note.csat_skipped") == DB_OK ?
		    DB_CONFLICT : DB_FAIL;
	if (rc != DB_OK)
		return rc;
	if (send_deliver(p, c, msg, &o) != 0) {	/* WeChat did not take it: not asked */
		(void)unsent(p, c, db_csat_unask, "csat", "note.csat_failed");
		return DB_FAIL;
	}
	return DB_OK;
}

enum dbrc
chat_warn(struct pool *p, const struct out_chat *c, const char *warning)
{
	struct outgoing o = { "text", warning, NULL, NULL, 0, NULL };
	long long       msg;
	enum dbrc       rc;

	if (warning == NULL || c->ch.secret == NULL)
		return warn_skipped(p, c->chat);
	rc = send_claim(p, c, &o, OUT_WARNING, 0, pool_printf(p, "w:%lld", c->chat), &msg);
	if (rc == DB_CONFLICT)
		return unsent(p, c, warn_skipped, "warning", "note.warning_skipped") == DB_OK ?
		    DB_CONFLICT : DB_FAIL;
	if (rc != DB_OK)
		return rc;
	return send_deliver(p, c, msg, &o) == 0 ? DB_OK : DB_FAIL;
}
