/*
 * notice.h: reaching a follower when no window is open (053): template
 * messages and subscription notices, their fields' rules (shared with the
 * simulator), a send queued with its credit or its day's quota in one
 * transaction.
 *
 * Template messages (message/template/send) are for verified service
 * accounts; a subscription notice (message/subscribe/bizsend) is one send
 * per acceptance the follower gave in an article or a web page.
 *
 * The account's templates are imported by the worker (job-sync.c) and kept
 * in step; an administrator says who may send each (ui-notices.c;
 * supervisors and administrators may send any). The
 * composer's ladder (ui-chat.c) offers the cheapest legal route when the
 * window is shut: hold the reply (free), spend a subscription credit, send
 * a template (one of the day's quota). A send is a message of its chat,
 * queued in the transaction that decides it (a credit reserved, a day's
 * quota counted) and delivered by the outbox (send.c) with a client_msg_id
 * of its own, so a retried call is never a second message.
 * Neither counts toward a window, and neither opens one.
 *
 * The rules of a template's fields (notice.c) are WeChat's, shared with the
 * simulator, which refuses what breaks them as WeChat does (47003).
 */
#ifndef WXDESK_NOTICE_H
#define WXDESK_NOTICE_H

#include <jansson.h>

#include "db.h"

#define NOTICE_FIELDS_MAX 20	/* {{key.DATA}} fields a template has, at most */
#define NOTICE_KEY_MAX    32
#define NOTICE_URL_MAX    1024
#define NOTICE_TEMPLATE_API "message/template/send"
#define NOTICE_BIZSEND_API  "message/subscribe/bizsend"
/* a template's client_msg_id when its request has none (it is given a
 * random one when queued): WeChat sends an OpenID's message with the same
 * id once within 10 minutes */
#define NOTICE_CLIENT_ID_FMT "wxdesk-%lld"

struct notice_field {
	const char *key;	/* "thing1", "keyword2" */
	const char *label;	/* the text before it on its line ("商品名称："), may be "" */
};

/*
 * The fields of a template's content, in order: each {{key.DATA}}, with
 * the words before it on its line as its label. "first" and "remark" are
 * left out: WeChat ignores them since May 2023. Returns how many (at most
 * max).
 */
size_t notice_fields(struct pool *p, const char *content, struct notice_field *out, size_t max);

/*
 * Why WeChat would refuse value for a field of key (its type is the key's
 * letters: thing, number, letter, symbol, character_string, time, date,
 * amount, phone_number, car_number, name, phrase; an older template's
 * keywordN takes a line of text): a catalogue key of notice.value_*, or
 * NULL when WeChat takes it. *limit is the type's length limit, for the
 * message. Emoji and line breaks are refused everywhere (2023 rules).
 */
const char *notice_value_invalid(const char *key, const char *value, int *limit);

/* The text the follower's phone shows: the title, then each line of the
 * content with the data's values in place (first and remark dropped). */
char *notice_render(struct pool *p, const char *title, const char *content, json_t *data);

/* ---- the statements (db-notices.c) ---- */

/* an account's templates of a kind, or one */
#define NOTICE_TPL_ROW(C) C(INT, id) C(INT, channel_id) C(STR, kind) C(STR, wx_id) \
	C(STR, title) C(STR, content) C(STR, example) C(STR, senders) C(INT, gone) \
	C(INT, imported_at)
DB_ROW(notice_tpl, NOTICE_TPL_ROW)
enum dbrc db_notice_tpls(struct pool *p, long long channel, struct notice_tpl **rows, size_t *n);
enum dbrc db_notice_tpl(struct pool *p, long long channel, long long id, struct notice_tpl *row);
/* one read from WeChat: kept (a template seen again is no longer gone) */
enum dbrc db_notice_tpl_seen(struct pool *p, long long channel, const char *kind,
	const char *wx_id, const char *title, const char *content, const char *example, time_t now);
/* after a read of kind: the templates it did not list are gone */
enum dbrc db_notice_tpl_gone(struct pool *p, long long channel, const char *kind, time_t now);
/* who may send it: everyone, or the users listed (comma-separated ids) */
enum dbrc db_notice_tpl_senders(struct pool *p, long long id, const char *senders,
	const char *users);
#define NOTICE_SENDER_ROW(C) C(INT, id) C(STR, name) C(INT, chosen)
DB_ROW(notice_sender, NOTICE_SENDER_ROW)
/* the account's staff, and whether each is chosen for template id */
enum dbrc db_notice_tpl_people(struct pool *p, long long brand, long long id,
	struct notice_sender **rows, size_t *n);
/* the templates user may send to follower, when no window is open: live,
 * theirs to send, with the follower's credits for a notice (0 for a template) */
#define NOTICE_ROUTE_ROW(C) C(INT, id) C(STR, kind) C(STR, wx_id) C(STR, title) \
	C(STR, content) C(STR, example) C(INT, credits)
DB_ROW(notice_route, NOTICE_ROUTE_ROW)
enum dbrc db_notice_routes(struct pool *p, long long channel, long long follower,
	long long user, int admin, struct notice_route **rows, size_t *n);
/* the worker reads the templates at once */
enum dbrc db_notice_import_now(struct pool *p, long long channel);

/* a follower's credits: one more (an acceptance), none (a withdrawal) */
enum dbrc db_notice_credit_add(struct pool *p, long long follower, const char *wx_id, time_t now);
enum dbrc db_notice_credit_clear(struct pool *p, long long follower, const char *wx_id,
	time_t now);
#define NOTICE_CREDIT_ROW(C) C(STR, wx_id) C(STR, title) C(INT, credits)
DB_ROW(notice_credit, NOTICE_CREDIT_ROW)
enum dbrc db_notice_credits(struct pool *p, long long follower, struct notice_credit **rows,
	size_t *n);

/* template sends left today for the account (its quota less what it used
 * this Beijing day), or -1 */
long long db_notice_quota_left(struct pool *p, long long channel, time_t now);
/* WeChat answered 45009: the day is used up */
enum dbrc db_notice_quota_spent(struct pool *p, long long channel, time_t now);

/*
 * Queues a template message or a notice (kind) from user in chat (to its
 * follower): the text the phone will show (body) and the request (fields:
 * template_id, data, url), in one transaction that reserves a credit (a
 * notice; none left: DB_CONFLICT) or counts one of the day's template
 * quota (used up: DB_CONFLICT). *msg: the message.
 */
enum dbrc notice_queue(struct pool *p, long long channel, long long follower, long long chat,
	const char *kind, const char *wx_id, const char *body, const char *fields, long long user,
	long long *msg);
/* The outcome of a delivery (send.c): WeChat's msgid (a template), or a
 * refusal e (a notice's credit given back; 43101: none left; 45009: the
 * day's templates used up). */
enum dbrc notice_result(struct pool *p, long long msg, const char *kind, long e,
	const char *msgid);

/* the result WeChat pushed later for msgid (TEMPLATESENDJOBFINISH): a
 * failure is reported with the message's chat */
enum dbrc db_notice_finished(struct pool *p, long long channel, const char *msgid,
	const char *status, time_t now);

/* (notice.c's steps) */
enum dbrc db_notice_credit_take(struct pool *p, long long follower, const char *wx_id, time_t now);
enum dbrc db_notice_credit_back(struct pool *p, long long msg, time_t now);
enum dbrc db_notice_credit_none(struct pool *p, long long msg, time_t now);
long long db_notice_quota_left_on(struct pool *p, long long channel, const char *day);
enum dbrc db_notice_quota_fill(struct pool *p, long long channel, const char *day);
enum dbrc db_notice_quota_use(struct pool *p, long long channel, const char *day);
enum dbrc db_notice_quota_take(struct pool *p, long long channel, const char *day);
enum dbrc db_notice_quota_back(struct pool *p, long long msg);
enum dbrc db_notice_out(struct pool *p, long long channel, long long follower, long long chat,
	const char *kind, const char *body, const char *fields, const char *dedupe, long long user,
	long long now, long long *id);
enum dbrc db_notice_delivered(struct pool *p, long long msg, const char *msgid);
/* delivered (DB_NOTFOUND: no longer on its way), and a later result WeChat
 * already pushed counted, in one transaction */
enum dbrc db_notice_mark_delivered(struct pool *p, long long msg, const char *msgid, time_t now);
/* the send of message msg, for it to be sent again */
#define NOTICE_MSG_ROW(C) C(INT, channel_id) C(INT, follower_id) C(STR, kind) C(STR, wx_id)
DB_ROW(notice_msg, NOTICE_MSG_ROW)
enum dbrc db_notice_of(struct pool *p, long long msg, struct notice_msg *row);
enum dbrc db_notice_again(struct pool *p, long long msg, long long chat);
/* a failed template message or notice sent again, as itself (the same
 * client_msg_id): its credit or its day's quota taken again, in one
 * transaction; DB_CONFLICT: none left; DB_NOTFOUND: not failed */
enum dbrc notice_again(struct pool *p, long long msg, long long chat);
enum dbrc db_notice_refused(struct pool *p, long long msg, long e);
long long db_notice_channel_of(struct pool *p, long long msg);

/* one Beijing day as a date for SQL ("2026-12-06") */
const char *notice_day(struct pool *p, time_t now);

#endif
