/*
 * send.h: the one path a message takes to a follower (send.c): claimed
 * against WeChat's rules and stored as "sending" in one transaction, then
 * sent (a file uploaded first), then its result recorded. Operator replies,
 * closing messages and the automatic texts (the profanity warning) all go
 * this way.
 */
#ifndef WXDESK_SEND_H
#define WXDESK_SEND_H

#include "db.h"
#include "wxapi.h"

/* What goes out: a text, or a stored file of a WeChat media type. */
struct outgoing {
	const char *type;	/* "text" "image" "voice" "video"; "template" "notice" (notice.h) */
	const char *text;	/* the text, or the file's name */
	const char *path, *mime;	/* a file */
	long long   attachment;
	const char *fields;	/* a template's or a notice's request (notice.h) */
};

/* The chat a message goes to. */
struct out_chat {
	long long            chat, follower;
	const char          *openid;
	struct wxapi_channel ch;	/* its channel; ch.secret decrypted, NULL if missing */
};

/* Who sends: the chat's operator (author), a reply or the message they close
 * the chat with (marked messages.closing: it is no answer, see csat.h),
 * wxdesk itself (a warning, a rating question: csat.h, the offer to leave a
 * message: tell.h), or the bot late (an external service's answer after the
 * push was answered, botsvc.h; _MISS: a fallback, counted as one). */
enum out_claim { OUT_OPERATOR, OUT_CLOSING, OUT_WARNING, OUT_CSAT, OUT_LEAVE, OUT_BOT,
	OUT_BOT_MISS };

/*
 * Counts one more message against WeChat's rules (within WX_WINDOW of the
 * follower's last message, fewer than WX_REPLIES_IN_ROW in a row, and for
 * an operator: the chat active and theirs) and stores it as "sending",
 * in one transaction. dedupe: the message's key, or NULL for a fresh one.
 * DB_OK with *msg; DB_CONFLICT when the rules do not allow it now.
 */
enum dbrc send_claim(struct pool *p, const struct out_chat *c, const struct outgoing *o,
	enum out_claim who, long long author, const char *dedupe, long long *msg);

/* A message that was not delivered, claimed again for another try (as send_claim). */
enum dbrc send_reclaim(struct pool *p, const struct out_chat *c, long long author, long long msg);

/*
 * Sends message msg (claimed already) through custom/send, uploading its
 * file first; busy (-1) is tried again a few times. Records the outcome;
 * an undelivered message does not count toward the 5. Returns WeChat's
 * errcode: 0 delivered, -2 WeChat not reached, -3 the file is missing.
 */
long send_deliver(struct pool *p, const struct out_chat *c, long long msg,
	const struct outgoing *o);

/* Uploads o's file with media/upload: its media id, or NULL with WeChat's errcode in *e. */
const char *send_upload(struct pool *p, const struct wxapi_channel *ch, const struct outgoing *o,
	long *e);

/* Why a message was not delivered, in words (e from send_deliver, not 0). */
const char *send_failure(long e);

#endif
