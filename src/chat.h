/*
 * chat.h: a chat's life. A chat is waiting (in its department's queue,
 * perhaps offered to one operator), missed (waited too long; still in the
 * queue at its place), active (an operator's), with the bot, or closed.
 * Every change of that state is one function here: what people do on their
 * pages, what a follower's push does, what the worker's timers and routing
 * do. Each is one transaction through db_txn (db.h), which runs it again
 * after a deadlock, a lock wait or a Galera certification conflict; the
 * push's changes are made inside the push's own transaction (below). No
 * other file opens a transaction (`make lint` refuses one outside db.c).
 *
 * Each function returns DB_OK, or why nothing changed:
 *   DB_CONFLICT  someone else was quicker (picked up, offered to another)
 *   DB_NOTFOUND  the chat is no longer in a state that allows it (closed,
 *                no longer offered to this operator)
 *   DB_INVALID   the rules refuse it (a colleague who cannot take it now)
 *   DB_FAIL / DB_RETRY  the database failed, or kept conflicting
 */
#ifndef WXDESK_CHAT_H
#define WXDESK_CHAT_H

#include "db.h"
#include "send.h"
#include "tell.h"
#include "console.h"

/* The chat a change is about, as a page read it. */
struct chat_ref {
	long long id, channel, follower, dept;
};

/* Who makes the change. */
struct chat_actor {
	long long   user;
	const char *name;
};

/* Picks the chat up (or accepts it when it is offered to actor): theirs,
 * active; anyone else's open offer of it withdrawn. */
enum dbrc chat_pickup(struct pool *p, const struct chat_ref *c, const struct chat_actor *a);

/* The operator closes the chat. DB_NOTFOUND: closed already. */
/* the close summary an operator gives (topics.h): a topic of the chat's
 * brand (0: none) and a note ("" or NULL: none) */
struct chat_summary {
	long long   topic;
	const char *note;
};
enum dbrc chat_close(struct pool *p, const struct chat_ref *c, const struct chat_actor *a,
	const struct chat_summary *s);

/* WeChat's window for a chat's follower now: until when (*until) and how
 * many messages in all (*max) it takes, from their last message (last_in)
 * and their last follow, scan, click or payment when it is their latest
 * action (grant, 0: none or not the latest: WX_SQL_EVENT; negative: a
 * payment, WX_SQL_GRANT, whose *max is WX_PAID_REPLIES) */
void chat_window(long long last_in, long long grant, long long *until, int *max);
/*
 * A payment WeChat Pay told the business of (056, payment.c): the account's
 * follower openid paid at paid_at (transaction tx, amount in fen, -1
 * unknown); their open chat takes any number of messages for 48 hours.
 * Each transaction once (*fresh 0: told already). DB_NOTFOUND: no such
 * follower. *follower: theirs.
 */
enum dbrc chat_pay(struct pool *p, long long channel, const char *openid, const char *tx,
	long long amount, long long paid_at, long long now, long long *follower, int *fresh);
enum dbrc db_chat_pay(struct pool *p, long long follower, long long at);
enum dbrc db_payment_follower(struct pool *p, long long channel, const char *openid,
	long long *id);
enum dbrc db_payment_insert(struct pool *p, long long channel, long long follower,
	const char *tx, long long amount, long long paid_at, long long now, long long *id);
/* a follow, a scan or a click in the follower's open chat: WeChat's short
 * window (WX_EVENT_REPLIES within WX_EVENT_WINDOW), its count from 0 */
enum dbrc chat_grant(struct pool *p, long long chat, long long now);
/*
 * Held replies: when no window is open, an operator's reply is kept on the
 * chat as held (chat_hold), editable and cancellable, and goes when the
 * follower next opens a window, oldest first, into their open chat, within
 * that window's allowance (chat_release_held: the worker each tick, and an
 * operator's new reply first, so it goes behind them). Held replies that
 * never go expire after the brand's days (job_held).
 */
enum dbrc chat_hold(struct pool *p, long long channel, long long follower, long long chat,
	const char *text, long long author, long long now, long long *id);
/* the follower's held replies into their open chat (in a transaction of its
 * own, its newest messages taken in first); *n how many went */
enum dbrc chat_release_held(struct pool *p, long long chat, long long follower, long long now,
	int *n);
/* the worker: held replies released where a window takes them, and expired */
void job_held(struct pool *p);
/* 1 when a chat in state, closed for reason, whose follower last wrote at
 * last_in, may be reopened at now (chat_reopen has the last word): closed
 * by the team's side, within the follower's 48 hours */
int chat_reopenable(const char *state, const char *reason, long long last_in, long long now);
/*
 * The operator reopens a closed chat to write to the follower again: theirs,
 * active, while the follower's 48 hours allow (not one closed because they
 * unfollowed or the 48 hours ran out). DB_NOTFOUND: not closed any more, or
 * past the window; DB_CONFLICT: the follower has a newer open chat.
 */
enum dbrc chat_reopen(struct pool *p, const struct chat_ref *c, const struct chat_actor *a);

/* An offer declined: the chat goes to the next operator, never back to this one. */
enum dbrc chat_decline(struct pool *p, long long chat, const struct chat_actor *a);

/* Where a transfer goes. */
struct chat_transfer {
	int         to_user;	/* a colleague of the chat's department, else a department */
	long long   target;
	const char *target_name;
	const char *note;	/* for the colleague, or NULL */
	int         keep_me;	/* the sender may be offered it again (nobody else left) */
};

/*
 * Transfers the chat: to another department's queue, or to a colleague
 * (offered to them where the department routes its chats, else theirs at
 * once). The sender is not offered the chat again unless keep_me says so.
 * A colleague who is not available now (their status, or their browser
 * gone) is refused: DB_INVALID, before anything changes.
 */
enum dbrc chat_transfer(struct pool *p, const struct chat_ref *c, const struct chat_actor *a,
	const struct chat_transfer *t);

/*
 * The worker's timers on due chats (rows from..to of due: columns chat,
 * follower, as db_timer_due reads them): each that is still due when its
 * UPDATE runs turns missed (from waiting) or closes (missed too long; idle),
 * with its transcript line; one transaction for the batch (its chats are
 * few: a commit per hundred, not per chat).
 */
struct chat_timer {
	const char *state;	/* "waiting", "missed", "active" */
	long long   channel, since, now;
	const char *what, *key, *mins;	/* the transcript line: its kind, text, value */
	int         once;	/* one such line a chat */
};
enum dbrc chat_timers_fire(struct pool *p, const struct chat_timer *t, const struct timer_due *due,
	size_t from, size_t to);

/*
 * The worker's close of a chat whose 48 hours are over (WeChat's window,
 * counted from its start: the webhook's hot path no longer checks them).
 * A follower message that came in after they ended (in the second before
 * this ran) continues the chat, and its 48 hours start again there;
 * else the chat closes as window_expired. DB_OK either way.
 */
enum dbrc chat_window_end(struct pool *p, const struct chat_ref *c, long long now);

/*
 * A line in the chat's transcript for staff: what happened (what), drawn
 * from the catalogue's note.<key> with up to 4 string values; each reader
 * sees it in their own language (the key and values are kept in fields).
 * With once, a second line of the same kind for the chat is not added.
 * In the caller's transaction (each transition writes its own).
 */
#define NOTE_VALUES 4
enum dbrc chat_note(struct pool *p, long long channel, long long follower, long long chat,
	const char *what, int once, const char *key, ...);

/* A note for colleagues by who (a staff member's name): a staff-only line
 * of the transcript, never sent to WeChat. */
enum dbrc chat_staff_note(struct pool *p, const struct chat_ref *c, const char *who,
	const char *text);

/* ---- in a push's transaction ----
 *
 * A follower's push is stored with the change it makes, atomically: the
 * message and the chat it opens, closes or rates (a retried push must find
 * both or neither). intake.c runs that transaction through db_txn and
 * calls these inside it; they open none.
 */

/* A chat opened for the follower (with the bot when bot, else waiting in
 * dept's queue), linked to their previous chat prev (0: none), from the QR
 * code qr (0: none). DB_CONFLICT: another push opened one first (the push
 * runs again). */
enum dbrc chat_open(struct pool *p, long long channel, long long follower, long long dept,
	int bot, long long prev, long long qr, long long now, long long *chat);

/* Why the follower's side closes a chat. */
enum chat_end {
	CHAT_END_UNFOLLOWED,	/* the follower unfollowed the account */
	CHAT_END_WINDOW,	/* 48 hours since it opened: a message opens a new one */
	CHAT_END_PROFANITY,	/* the brand's limit of abusive words (v0: limit, v1: words) */
	CHAT_END_BLOCKED,	/* the team put the follower on the blacklist (v0: who) */
	CHAT_END_BLOCKED_THERE	/* …in WeChat's own dashboard */
};
enum dbrc chat_end(struct pool *p, const struct chat_ref *c, enum chat_end why, long long now,
	const char *v0, const char *v1);

/*
 * The follower onto the account's blacklist (on) or off it, and the write
 * that tells WeChat (tags.h), in one transaction; blocked, their open chat
 * closes as "blocked", and their pushes open none (intake.c). who: the
 * user's name for the transcript. DB_NOTFOUND: no such follower.
 */
enum dbrc chat_block(struct pool *p, long long follower, int on, long long user,
	const char *who, time_t now);

/* The open chat of a follower blocked in WeChat's own dashboard closed as
 * "blocked" (the worker, after reading the blacklist). */
enum dbrc chat_block_closed(struct pool *p, long long follower, time_t now);

/* The bot hands the chat to the operators (why: the note's key). */
enum dbrc chat_handoff(struct pool *p, const struct chat_ref *c, const char *why, long long now);

/* The follower's rating (1-5) of their closed chat (csat.h). */
enum dbrc chat_rate(struct pool *p, const struct chat_ref *c, int rating);

/* ---- in the intake's transaction, as the chat enters the queue ---- */

/*
 * The chat has just entered its department's queue: opened for the
 * operators, or handed over by the bot (handoff), whose line is lead.
 * What the follower is told as the push's passive reply is decided in one
 * place (tell_on_queue: said->reply, NULL for nothing); a chat that arrives
 * while the brand is closed is marked "after hours", and one whose follower
 * is offered to leave a message is marked offered (their next message is
 * the message).
 */
enum dbrc chat_queued(struct pool *p, const struct chat_ref *c, int handoff, const char *lead,
	long long now, struct tell_said *said);

/*
 * The follower's message after the offer: the chat becomes a follow-up,
 * out of the queue (an offer of it ends), on the team's follow-up list;
 * *reply is the confirmation to send as the passive reply. DB_NOTFOUND:
 * no longer offered (picked up meanwhile): an ordinary message.
 */
enum dbrc chat_leave(struct pool *p, const struct chat_ref *c, long long now, const char **reply);

/* ---- the worker's ---- */

/*
 * Offers the follower of a chat in the queue to leave a message (text:
 * nobody available, then the offer), after nobody was available in its
 * department for minutes: a message like any other (one of the 5, within
 * the 48 hours), sent once. Without room in WeChat's rules, or when WeChat
 * does not take it, the chat is not offered and its transcript says so.
 * DB_OK, or DB_CONFLICT when someone else did it or it no longer applies.
 */
enum dbrc chat_offer_leave(struct pool *p, const struct out_chat *c, const char *text,
	long long minutes);

/* A follow-up nobody answered whose follower last wrote before cutoff: closed, expired. */
enum dbrc chat_followup_expire(struct pool *p, const struct chat_ref *c, long long cutoff);

/*
 * Assignment (assign.c): offers chat, waiting in dept, to the member whose
 * turn it is, where cutoff is the oldest heartbeat of one who is there.
 */
enum chat_offered { CHAT_OFFERED, CHAT_NOBODY, CHAT_DEPT_FULL, CHAT_GONE, CHAT_OFFER_FAILED };
enum chat_offered chat_offer(struct pool *p, long long chat, long long dept, long long now,
	long long cutoff);
/* An offer past its deadline back to the queue (DB_NOTFOUND: answered or
 * moved meanwhile). */
enum dbrc chat_offer_expire(struct pool *p, long long chat, long long user, long long now);
/* An offer to someone none of whose pages beat since cutoff: back to the queue. */
enum dbrc chat_offer_lapse(struct pool *p, long long chat, long long user, long long cutoff,
	long long now);

/*
 * wxdesk's own messages in a chat, sent by the worker like an operator's
 * (one of the 5, within the 48 hours): the rating question of a chat that
 * closed (csat.h) and the profanity warning. Without room in WeChat's
 * rules the chat is marked skipped and its transcript says so, in one
 * transaction; the question WeChat refused is marked not asked, and said.
 * DB_OK when sent.
 */
enum dbrc chat_ask_rating(struct pool *p, const struct out_chat *c, const char *question);
enum dbrc chat_warn(struct pool *p, const struct out_chat *c, const char *warning);

/* ---- followers, messages, chats: intake: the statements (db-*.c) ---- */

/* followers, messages, chats (intake) */
struct msg_row {
	long long   channel_id, follower_id, chat_id;	/* chat_id 0: none; follower_id 0: the chat's */
	const char *direction, *msg_type, *event, *event_key, *body, *fields;
	const char *wx_msg_id, *dedupe_key, *media_id, *thumb_media_id, *media_state;
	const char *push_nonce;	/* the signed URL's nonce and timestamp (inbound only) */
	long long   wx_create_time, push_ts;
	time_t      created_at;
};
/* a consent's or a result's OpenID, new here, kept as not following */
enum dbrc db_follower_known(struct pool *p, long long channel_id, const char *openid, time_t at);
enum dbrc db_follower_upsert(struct pool *p, long long channel_id, const char *openid,
	time_t at, long long *id);
enum dbrc db_follower_subscribe(struct pool *p, long long id, time_t at, const char *scene,
	const char *qr_scene);
enum dbrc db_follower_unsubscribe(struct pool *p, long long id, time_t at);
enum dbrc db_follower_erase(struct pool *p, long long id);
enum dbrc db_message_insert(struct pool *p, const struct msg_row *m, long long *id);
enum dbrc db_report_follow(struct pool *p, const char *kind, time_t at, long long channel_id,
    long long follower_id, const char *scene);
enum dbrc db_message_by_push(struct pool *p, long long channel_id, long long ts,
	const char *nonce, const char **key);
/* columns of db_chat_open_lock */
/* (started: where its 48 hours run from; windowed 0: a follow-up nobody
 * answered yet, whose 48 hours run from the follower's last message) */
#define CHAT_OPEN_LOCK_ROW(C) C(INT, id) C(INT, started) C(STR, state) C(STR, leave_offer) \
	C(INT, windowed) C(INT, channel_id) C(INT, department_id)
DB_ROW(chat_open_lock, CHAT_OPEN_LOCK_ROW)
enum dbrc db_chat_open_lock(struct pool *p, long long follower_id, struct chat_open_lock *row);
enum dbrc db_chat_close(struct pool *p, long long id, const char *reason, time_t at);
/* a new chat's open key (routines/open.sql); the chat held before a change
 * that depends on its newest messages; its 48 hours started again at */
enum dbrc db_chat_key(struct pool *p, long long id);
enum dbrc db_chat_hold(struct pool *p, long long chat);
long long db_chat_newest_in(struct pool *p, long long chat);
enum dbrc db_chat_window_again(struct pool *p, long long id, long long at);
/* columns of db_window_due: open chats whose 48 hours are over */
#define WINDOW_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(INT, follower_id) C(INT, dept)
DB_ROW(window_due, WINDOW_DUE_ROW)
enum dbrc db_window_due(struct pool *p, long long cutoff, struct window_due **rows, size_t *n);
enum dbrc db_chat_close_by(struct pool *p, long long id, long long user, time_t at,
	long long topic, const char *note);
enum dbrc db_chat_reopen(struct pool *p, long long id, long long user, long long now);
/* a chat's follow-up (chat.c, tell.h): offered to leave a message, left
 * (DB_NOTFOUND: no longer offered), expired (DB_NOTFOUND: not due) */
enum dbrc db_chat_leave_mark(struct pool *p, long long chat, long long now);
enum dbrc db_chat_followup(struct pool *p, long long chat, long long now);
enum dbrc db_chat_followup_expire(struct pool *p, long long chat, long long cutoff, long long now);
/* what wxdesk tells the follower as a passive reply: with the bot's line
 * (bot: marked as the bot's) or alone (an automatic reply) */
enum dbrc db_auto_reply(struct pool *p, long long channel, long long follower, long long chat,
	const char *text, int bot, const char *dedupe, int kept, long long now);
enum dbrc db_chat_insert(struct pool *p, long long channel_id, long long follower_id,
	long long department_id, const char *state, time_t at, long long previous, long long qr,
	long long *id);
/* the full path's follower message msg, counted into its chat */
enum dbrc db_chat_in(struct pool *p, long long chat, long long msg, time_t at);
/* the hot path (see message_continue in db-chats.c): DB_OK with *id, DB_NOTFOUND (the
 * chat no longer takes it), DB_CONFLICT (a duplicate) */
enum dbrc db_message_continue(struct pool *p, const struct msg_row *m, long long chat,
	long long follower, long long *id);
/* …in a chat the bot holds, with its answer, by the rules of bot_version
 * (the chat's open_bot while the bot holds it at that version:
 * routines/open.sql, chat_open_bot) */
#define BOT_OPEN(version) (1 + (version) % 120)
struct msg_reply {
	const char *type, *body;	/* "text" or "image"; the text (NULL: none) */
	int         miss;	/* the fallback to a message the bot did not understand */
	long long   attachment;	/* a picture's file, or 0 */
};
enum dbrc db_message_continue_bot(struct pool *p, const struct msg_row *m, long long chat,
	long long follower, long long bot_version, const struct msg_reply *r, long long *id);
enum dbrc db_chat_catch_up(struct pool *p, long long chat);
long long db_chat_fold(struct pool *p);
enum dbrc db_chat_touch_open(struct pool *p, long long follower_id, time_t at, long long *chat);
enum dbrc db_chat_grant(struct pool *p, long long chat, long long now);
/* held replies (chat_hold and the rest, chat.h) */
#define HELD_DUE_ROW(C) C(INT, chat) C(INT, follower)
DB_ROW(held_due, HELD_DUE_ROW)
enum dbrc db_held_due(struct pool *p, long long window_start, struct held_due **rows,
	size_t *n);
enum dbrc db_held_insert(struct pool *p, long long channel, long long follower, long long chat,
	const char *text, const char *dedupe, long long author, long long now, long long *id);
enum dbrc db_held_edit(struct pool *p, long long msg, long long chat, const char *text);
enum dbrc db_held_cancel(struct pool *p, long long msg, long long chat);
long long db_held_author(struct pool *p, long long msg, long long chat);
enum dbrc db_held_release(struct pool *p, long long chat, long long follower, long long now,
	int *n);
long long db_held_expire(struct pool *p, long long now);
/* a reply scheduled inside the window (055): it goes REMINDER_BEFORE before
 * the window of the follower's last message closes, unless they write first */
#define REMINDER_BEFORE 1800
enum dbrc db_reminder_insert_at(struct pool *p, long long channel, long long follower,
	long long chat, const char *text, long long author, long long now, long long send_at,
	long long *id);
#define REMINDER_DUE_ROW(C) C(INT, msg) C(INT, chat)
DB_ROW(reminder_due, REMINDER_DUE_ROW)
enum dbrc db_reminders_due(struct pool *p, long long now, struct reminder_due **rows,
	size_t *n);
enum dbrc db_reminder_go(struct pool *p, long long msg, long long chat, long long now, int *went);
/* a follower's held replies expired and counted now: they unfollowed or were
 * blocked, so none will ever go (the caller's transaction) */
enum dbrc db_held_drop(struct pool *p, long long follower, long long now);

#endif
