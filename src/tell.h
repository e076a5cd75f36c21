/*
 * tell.h: what a follower is told when their chat enters the queue, and
 * the messages they leave when nobody can answer.
 *
 * One table of follower-facing texts (enum tell_text): each is a catalogue
 * key (follower.*) with a Chinese and an English default, chosen by the
 * brand's followers' language, and each brand may write its own (the
 * brand page; brand_texts, an empty field is the default). tell_decide is
 * the one place that decides what a chat entering the queue is told:
 *
 *   - the brand is closed (outside its hours, or a holiday): the off-hours
 *     text, which wins over the bot's hand-off line, and the offer to leave
 *     a message;
 *   - more chats wait in the department than its queue limit: the queued
 *     text (the place in the queue and the expected wait) and the offer;
 *   - the bot handed it over and nobody can take it now, or chats wait
 *     before it: the bot's hand-off line, then the queued text;
 *   - else nothing more than the bot's line, if any (an operator is there).
 *     An account without the bot says nothing automatically while its brand
 *     is open and its queue within the limit, as before: its followers hear
 *     from a person, or, after the department's minutes with nobody there,
 *     from the worker's offer to leave a message.
 *
 * After the offer, the follower's next message is the left message: the
 * chat becomes a follow-up (chat.c), for the team's own list. The worker
 * offers it too when nobody has been available in the department for its
 * minutes (job_followups), and ends a follow-up nobody answered within
 * WeChat's 48 hours as expired.
 */
#ifndef WXDESK_TELL_H
#define WXDESK_TELL_H

#include "db.h"

enum tell_text {
	TELL_OFFHOURS,	/* outside the hours, or a holiday */
	TELL_QUEUED,	/* the place in the queue ({position}) and the wait ({wait}) */
	TELL_NOBODY,	/* nobody available */
	TELL_LEAVE_OFFER,	/* the offer to leave a message */
	TELL_LEAVE_DONE,	/* …and the confirmation once it is left */
	TELL__N
};

/* each text's name (brand_texts.kind, the brand page's field text_<name>) */
extern const char *const tell_names[TELL__N];

/* A brand's texts as its followers read them: its own, else the default. */
struct tell_texts {
	enum lang   lang;
	const char *text[TELL__N];
	int         own[TELL__N];	/* the brand wrote it */
};

/* the catalogue's default of a text in a language */
const char *tell_default(enum lang l, enum tell_text t);
/* the brand's texts (lang: its followers' language); 0, or -1 */
int tell_load(struct pool *p, long long brand, enum lang l, struct tell_texts *out);
/* …of the brand of a WeChat account, in its followers' language; 0, or -1 */
int tell_load_channel(struct pool *p, long long channel, struct tell_texts *out);
/* Why a brand's text t cannot be kept (a catalogue key, LF's values: the
 * placeholders it may use), or NULL; an empty text is the default. */
const char *tell_invalid(enum tell_text t, const char *text);
/* the same as a form's check: the queue's text, and every other one */
const char *v_tell_queued(const char *v);
const char *v_tell_text(const char *v);
/* saves a brand's texts (NULL or "" for the default), in one transaction */
enum dbrc tell_save(struct pool *p, long long brand, const char *const text[TELL__N]);

/* the expected wait in words: seconds < 0 when it cannot be estimated */
const char *tell_wait(struct pool *p, enum lang l, long long seconds);
/* the queued text with its place and wait filled in */
const char *tell_queued(struct pool *p, const struct tell_texts *x, long long position,
	long long wait);

/* What is known when a chat enters the queue (db_tell_facts). */
struct tell_facts {
	long long brand;
	enum lang lang;
	int       handoff;	/* the bot handed the chat over (else a person opened it) */
	int       closed;	/* the brand keeps hours and is closed now */
	long long dept;
	long long position;	/* in its department's queue: 1 is next */
	long long queued;	/* chats waiting in the department, this one too */
	long long available;	/* operators available with a live heartbeat */
	long long queue_limit;
	long long wait;	/* expected seconds, -1 when unknown */
};

enum tell_why {
	TELL_WHY_NONE,	/* nothing to add: someone can answer now */
	TELL_WHY_QUEUED,	/* the queue text, after the bot's hand-off line */
	TELL_WHY_LONG,	/* the queue text and the offer: the queue is too long */
	TELL_WHY_CLOSED	/* the off-hours text and the offer */
};

/* form checks: minutes with nobody available (1-1440), chats waiting (1-1000) */
const char *v_leave_after(const char *v);
const char *v_queue_limit(const char *v);

/* the decision (pure: unit-tested) */
enum tell_why tell_decide(const struct tell_facts *f);

/*
 * What a chat entering the queue is told, given what the bot said as it
 * handed over (handoff: it did; lead: its line, or NULL): the passive reply
 * (NULL for none), and whether it offers to leave a message. Reads the
 * facts and the brand's texts in the caller's transaction; chat.c records
 * what was decided.
 */
struct tell_said {
	const char   *reply;
	enum tell_why why;
	long long     queued, limit;	/* the queue's length and limit (TELL_WHY_LONG) */
};
enum dbrc tell_on_queue(struct pool *p, long long channel, long long chat, int handoff,
	const char *lead, long long now, struct tell_said *out);

/* ---- the statements (db-tell.c) ---- */

/* a brand's own texts (kind: tell_names) */
#define TELL_TEXT(C) C(STR, kind) C(STR, body)
DB_ROW(tell_own, TELL_TEXT)
enum dbrc db_tell_texts(struct pool *p, long long brand, struct tell_own **rows, size_t *n);
/* …of a WeChat account's brand, with its followers' language: a row even
 * when it wrote none (kind and body NULL) */
#define TELL_CHANNEL_TEXT(C) C(STR, kind) C(STR, body) C(STR, lang)
DB_ROW(tell_channel_own, TELL_CHANNEL_TEXT)
enum dbrc db_tell_channel_texts(struct pool *p, long long channel, struct tell_channel_own **rows,
	size_t *n);
enum dbrc db_tell_text_set(struct pool *p, long long brand, const char *kind, const char *body,
	long long now);
enum dbrc db_tell_text_clear(struct pool *p, long long brand, const char *kind);
/* a chat that has just entered its department's queue: its brand, the
 * followers' language, its department, its place (1: next), the queue's
 * length, who could take it now, the department's queue limit */
#define TELL_FACTS(C) C(INT, brand) C(STR, lang) C(INT, dept) C(INT, position) C(INT, queued) \
	C(INT, available) C(INT, queue_limit)
DB_ROW(tell_facts_row, TELL_FACTS)
enum dbrc db_tell_facts(struct pool *p, long long chat, long long seen_after,
	struct tell_facts_row *row);
/* the department's recent pick-ups' waits: a histogram (seconds, bin) */
#define TELL_WAIT(C) C(INT, vbin) C(INT, n)
DB_ROW(tell_wait, TELL_WAIT)
enum dbrc db_tell_waits(struct pool *p, long long dept, long long since, struct tell_wait **rows,
	size_t *n);
/* the worker: departments where nobody is available since now (or somebody is again) */
enum dbrc db_tell_nobody(struct pool *p, long long now, long long seen_after);
/* chats to offer to leave a message (secret: the App Secret as stored) */
#define TELL_LEAVE(C) C(INT, chat) C(INT, channel) C(INT, follower) C(STR, openid) \
	C(STR, app_id) C(STR, secret) C(INT, brand) C(STR, lang) C(INT, minutes)
DB_ROW(tell_leave, TELL_LEAVE)
enum dbrc db_tell_leave_due(struct pool *p, long long now, struct tell_leave **rows, size_t *n);
/* the offer counted against WeChat's rules (send.c), once: DB_CONFLICT when not */
enum dbrc db_tell_leave_claim(struct pool *p, long long chat, long long now,
	long long window_start);
/* an offer that could not be sent: skipped (its next message is an ordinary
 * one); DB_NOTFOUND when the chat was offered, picked up or closed meanwhile */
enum dbrc db_tell_leave_skip(struct pool *p, long long chat);
/* …claimed, but WeChat did not deliver it: skipped */
enum dbrc db_tell_leave_unoffer(struct pool *p, long long chat);
/* follow-ups whose 48 hours ran out unanswered */
#define TELL_EXPIRED(C) C(INT, chat) C(INT, channel) C(INT, follower) C(INT, dept)
DB_ROW(tell_expired, TELL_EXPIRED)
enum dbrc db_tell_expired(struct pool *p, long long cutoff, struct tell_expired **rows,
	size_t *n);

/* the worker's job: who is there, offers to leave a message, follow-ups expired */
void job_followups(struct pool *p);

#endif
