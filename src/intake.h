/* intake.h: storing WeChat pushes as followers, messages and chats. */
#ifndef WXDESK_INTAKE_H
#define WXDESK_INTAKE_H

#include "db.h"
#include "profanity.h"
#include "wx.h"

struct intake_channel {
	long long id;
	long long department_id;
	int       erase_on_unfollow;
	int       cached;	/* read from a cache: try only the hot path */
	const struct profanity_list *bad;	/* NULL: profanity management is off */
	int       spooled;	/* kept for later (spool.h): no HTTP answer carries a reply */
};

struct intake_result {
	long long message_id;	/* 0 for a duplicate */
	long long chat_id;	/* the chat the message belongs to, or 0 */
	long long opened_chat;	/* a chat this push opened */
	long long closed_chat;	/* a chat this push closed */
	int       duplicate;
	const char *reply;	/* the bot's passive reply to this push, or NULL */
	const char *reply_media;	/* …a picture instead (WeChat's media id) */
	int       bot_holds;	/* the bot still holds the chat */
	long long bot_ask;	/* the message to ask the bot's service about (botsvc.h), or 0 */
	int       erased;
	int       stale;	/* INTAKE_STALE */
	int       replay;	/* INTAKE_REPLAY */
	const char *invalid;	/* INTAKE_INVALID: what is wrong, in words */
};

/* The signed URL a push came with: remembered so it delivers one push only. */
struct intake_push {
	long long   ts;
	const char *nonce;
};

enum {
	INTAKE_STORED = 0, INTAKE_INVALID = 1, INTAKE_FAILED = 2, INTAKE_STALE = 3,
	INTAKE_REPLAY = 4
};

/*
 * Stores one push (see intake.c). INTAKE_FAILED means nothing was stored
 * and the same push may succeed later (the database was unavailable);
 * INTAKE_INVALID means it never can (res->invalid says why); INTAKE_REPLAY
 * that its signed URL already delivered another push; INTAKE_STALE (only
 * for a cached channel) that nothing was stored and the push needs the full
 * intake with the channel read afresh.
 */
int intake_store(struct pool *p, const struct intake_channel *ch,
	const struct intake_push *u, const struct wx_field *f, struct intake_result *res);

/*
 * The answer of the bot's service (botsvc.h) to the follower's message msg,
 * or the account's rules' when it failed (a NULL), in time: stored as the
 * bot's passive reply (res->reply), a hand-off queued with what the follower
 * is told, and the question closed, in one transaction. DB_NOTFOUND: the
 * question was closed already, or the bot no longer holds its chat.
 */
struct botsvc_answer;
enum dbrc intake_bot_answer(struct pool *p, const struct intake_channel *ch, long long msg,
	const struct botsvc_answer *a, struct intake_result *res);

/*
 * The same, late (the worker): sent to the follower of chat c as a
 * customer-service message within WeChat's rules; a hand-off's line goes
 * before the chat is queued. A picture (a->url) is fetched and kept first.
 * DB_CONFLICT: WeChat's rules left no room (said in the transcript).
 */
struct out_chat;
enum dbrc intake_bot_late(struct pool *p, const struct out_chat *c, long long msg,
	const struct botsvc_answer *a);

#endif
