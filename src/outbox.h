/*
 * outbox.h: the operators' replies on their way to WeChat. A page stores a
 * reply with send_claim (send.h: checked against the 48-hour window and the
 * 5-in-a-row rule, counting what is still queued) and returns at once; the
 * senders, children of the worker, deliver each chat's queued replies in
 * order with send_deliver and record WeChat's answer on the message, which
 * the console shows live (sending, sent, refused with the reason, and a
 * retry). A slow or failing WeChat holds a sender, never a web process.
 *
 * Each chat is claimed for its delivery with a lease (chats.send_lease), so
 * any number of senders on any number of machines deliver each reply once
 * (a sender killed in the middle of a call leaves a reply that is sent again
 * when its lease runs out: at least once). Messages wxdesk itself sends
 * from the worker (the rating question, the profanity warning) are
 * delivered by their jobs, in the worker, and are not the outbox's.
 */
#ifndef WXDESK_OUTBOX_H
#define WXDESK_OUTBOX_H

#include <signal.h>

#include "db.h"

#define OUTBOX_LEASE 60	/* seconds a sender holds a chat */

/* Delivers the queued replies of the chats no other sender holds; the
 * number of replies it tried, or -1 when the database failed. */
int outbox_pass(struct pool *p);
/* A sender: passes until *stop, resting a moment when there is nothing. */
void outbox_run(volatile sig_atomic_t *stop);
/* Passes until no reply is queued or seconds pass (tests, wxdesk-worker
 * --send); the replies still queued, or -1. */
long long outbox_drain(int seconds);

/* ---- the statements (db-outbox.c) ---- */

/* the chats with queued replies that no sender holds */
#define OUTBOX_CHAT(C) C(INT, chat)
DB_ROW(outbox_chat, OUTBOX_CHAT)
enum dbrc db_outbox_chats(struct pool *p, long long now, struct outbox_chat **rows, size_t *n);
/* DB_NOTFOUND: another sender holds it */
enum dbrc db_outbox_claim(struct pool *p, long long chat, long long now, long long until);
enum dbrc db_outbox_release(struct pool *p, long long chat);
/* a chat's queued replies, oldest first (attachment 0: none; secret: as stored) */
#define OUTBOX_DUE(C) C(INT, id) C(STR, type) C(STR, body) C(STR, path) C(STR, mime) \
	C(INT, attachment) C(INT, channel) C(STR, app_id) C(STR, secret) C(STR, openid) \
	C(INT, follower) C(STR, fields)
DB_ROW(outbox_due, OUTBOX_DUE)
enum dbrc db_outbox_due(struct pool *p, long long chat, struct outbox_due **rows, size_t *n);
long long db_outbox_queued(struct pool *p);

#endif
