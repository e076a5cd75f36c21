/*
 * botsvc.h: an account's bot handed to an external service (059). While
 * the Chatbot page names a service, each follower message in a chat the bot
 * holds is posted to it (JSON: the account, the chat, the follower, the
 * message and the chat's recent messages), signed like a webhook
 * (X-Wxdesk-Signature: t=…,v1=HMAC-SHA256 of "t.body" with the service's
 * secret) with X-Wxdesk-Delivery "bot-<message id>", the same on every
 * try. The follower's words that ask for a person still hand the chat over
 * without asking.
 *
 * The question is stored with the message (bot_asks, in the intake's
 * transaction). The webhook asks within Bot.ServiceBudgetMs: an answer in
 * time (a text, nothing, or a hand-off) is the passive reply. A timeout, a
 * picture (a passive reply can name only a picture WeChat has already) or
 * a web process that died leaves the question to the worker, which asks
 * again with the same id (or fetches the picture) and sends the answer as
 * a customer-service message within the window. A service that fails (no
 * connection, an error status, an answer that is not one) is counted on
 * the Chatbot page, and the account's own rules answer instead (so do
 * they when a picture cannot be fetched).
 */
#ifndef WXDESK_BOTSVC_H
#define WXDESK_BOTSVC_H

#include "db.h"
#include "send.h"

enum botsvc_kind { BS_NOTHING, BS_TEXT, BS_PICTURE, BS_HANDOFF };

/* what the service answered */
struct botsvc_answer {
	enum botsvc_kind kind;
	const char      *text;	/* BS_TEXT; a hand-off's line (NULL: the bot's own) */
	const char      *url;	/* BS_PICTURE: where the picture is (http or https) */
	const struct outgoing *picture;	/* …fetched and kept (the worker's), or NULL */
};

enum botsvc_rc { BS_ANSWERED, BS_TIMEOUT, BS_FAILED };

/*
 * The answer in body (n bytes): {"type": "text", "text": …}, {"type":
 * "image", "url": …}, {"type": "handoff"[, "text": …]} or {"type": "none"}.
 * 0, or -1 when it is not one of them (a text empty or longer than the
 * bot's texts, a URL that is not http or https).
 */
int botsvc_parse(struct pool *p, const char *body, size_t n, struct botsvc_answer *a);

/*
 * Asks the account's service about the follower's message msg, giving it
 * timeout_ms. BS_ANSWERED with *a; BS_TIMEOUT; BS_FAILED with *why (a
 * catalogue key), counted on the Chatbot page (channel).
 */
enum botsvc_rc botsvc_ask(struct pool *p, long long msg, long timeout_ms,
	struct botsvc_answer *a, const char **why);

/* one pass of the worker's hook senders (hooks.h) over the questions whose
 * lease ran out: asked again (or their pictures fetched) and answered as
 * customer-service messages. How many it took, or -1 (the database). */
int botsvc_pass(struct pool *p);

/* ---- the statements (db-bot.c) ---- */

/* a question, stored with the follower's message (lease: when the worker may take it) */
enum dbrc db_bot_ask_insert(struct pool *p, long long msg, long long chat, long long channel,
	long long lease, long long now);
/* a knowledge-base article's picture (attachment) owed after the bot's
 * passive reply to msg: the worker sends it from lease on (064) */
enum dbrc db_bot_ask_picture(struct pool *p, long long msg, long long chat, long long channel,
	long long attachment, long long lease, long long now);
/* the worker's now (a timeout), with a picture to send (url, or NULL) */
enum dbrc db_bot_ask_later(struct pool *p, long long msg, const char *url);
/* columns of db_bot_ask_about: what the service is told, and where it is */
#define BOT_ASK_ABOUT_ROW(C) C(INT, id) C(INT, chat_id) C(INT, channel_id) C(STR, msg_type) \
	C(STR, body) C(INT, at) C(STR, openid) C(STR, shown_name) C(STR, language) \
	C(STR, url) C(STR, secret_enc) C(STR, app_id) C(STR, brand) C(INT, chat_opened)
DB_ROW(bot_ask_about, BOT_ASK_ABOUT_ROW)
enum dbrc db_bot_ask_about(struct pool *p, long long msg, struct bot_ask_about *row);
/* columns of db_bot_ask_recent: the chat's messages before msg, newest first */
#define BOT_ASK_RECENT_ROW(C) C(INT, id) C(STR, direction) C(STR, msg_type) C(STR, body) \
	C(INT, bot) C(INT, operator) C(INT, at)
DB_ROW(bot_ask_recent, BOT_ASK_RECENT_ROW)
enum dbrc db_bot_ask_recent(struct pool *p, long long chat, long long msg,
	struct bot_ask_recent **rows, size_t *n);
/* columns of db_bot_ask_open: the open question, locked, while the bot holds its chat */
#define BOT_ASK_OPEN_ROW(C) C(INT, chat_id) C(INT, follower_id) C(INT, department_id) \
	C(STR, msg_type) C(STR, body)
DB_ROW(bot_ask_open, BOT_ASK_OPEN_ROW)
enum dbrc db_bot_ask_open(struct pool *p, long long msg, struct bot_ask_open *row);
/* the question closed with how it ended (DB_NOTFOUND: it was closed already) */
enum dbrc db_bot_ask_done(struct pool *p, long long msg, const char *outcome);
/* columns of db_bot_asks_due: questions the worker takes (held: the bot still holds the chat) */
#define BOT_ASKS_DUE_ROW(C) C(INT, message_id) C(INT, chat_id) C(INT, channel_id) \
	C(INT, follower_id) C(STR, openid) C(STR, app_id) C(STR, app_secret_enc) \
	C(STR, picture_url) C(INT, held) C(INT, attachment) C(STR, path) C(STR, mime) \
	C(INT, service)
DB_ROW(bot_asks_due, BOT_ASKS_DUE_ROW)
enum dbrc db_bot_asks_due(struct pool *p, long long now, struct bot_asks_due **rows, size_t *n);
/* the worker's lease on a question (DB_NOTFOUND: another took it) */
enum dbrc db_bot_ask_lease(struct pool *p, long long msg, long long until, long long now);
enum dbrc db_bot_asks_purge(struct pool *p, int days);
/* the claims of OUT_BOT and OUT_BOT_MISS (send.c): one more message from
 * the bot within WeChat's rules (DB_CONFLICT: not now), marked the bot's */
enum dbrc db_bot_claim(struct pool *p, long long chat, long long now, long long window_start);
enum dbrc db_message_bot(struct pool *p, long long msg, int miss);
/* a failure, counted for the Chatbot page */
enum dbrc db_bot_service_failed(struct pool *p, long long channel, const char *why,
	long long now);
/* the service named (url NULL or "": none), its secret (NULL: kept) */
enum dbrc db_bot_service_set(struct pool *p, long long channel, const char *url,
	const char *secret_enc);
/* columns of db_bot_service_stats: the last week's questions by how they ended */
#define BOT_SERVICE_STATS_ROW(C) C(STR, outcome) C(INT, n)
DB_ROW(bot_service_stats, BOT_SERVICE_STATS_ROW)
enum dbrc db_bot_service_stats(struct pool *p, long long channel, long long since,
	struct bot_service_stats **rows, size_t *n);
/* columns of db_bot_service_get: the service as the page shows it */
#define BOT_SERVICE_GET_ROW(C) C(STR, url) C(STR, secret_enc) C(INT, failures) \
	C(STR, last_failure) C(INT, failed_at)
DB_ROW(bot_service_get, BOT_SERVICE_GET_ROW)
enum dbrc db_bot_service_get(struct pool *p, long long channel, struct bot_service_get *row);

#endif
