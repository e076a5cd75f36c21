/*
 * api.h: the REST API at /api/v1/ (cgi-bin/api.c, documented by
 * static/openapi.json): JSON in and out, authenticated by API tokens.
 *
 * An administrator makes a token (Admin → API and webhooks) with a name,
 * its scopes and optionally one brand; it is shown once and only its
 * SHA-256 is kept. Every call carries it as "Authorization: Bearer <token>".
 * The API's router (api.c) checks, before a handler runs: the route (404,
 * 405), the token (401: missing, unknown or revoked), the route's scope
 * (403), the token's rate (429 with Retry-After), and for a write with an
 * Idempotency-Key header, whether it was done already (its answer again).
 * Every call is on the audit trail. A token bound to a brand sees and
 * changes only that brand's chats, followers and account.
 *
 * Errors are JSON, the same shape everywhere:
 *	{"error": {"code": "window_closed", "message": "…", "status": 409}}
 * code is stable (documented in openapi.json); message is in the caller's
 * language (Accept-Language), from the catalogues (api.error.<code>, or the
 * console's own words for the chat rules).
 */
#ifndef WXDESK_API_H
#define WXDESK_API_H

#include <jansson.h>

#include "db.h"

/* the scopes, as api_tokens.scopes names them */
#define SC_CHATS_READ     0x01	/* chats.read: chats, messages, brands, staff, accounts */
#define SC_MESSAGES_WRITE 0x02	/* messages.write: send, assign, transfer, close, notes */
#define SC_FOLLOWERS      0x04	/* followers: read, remark, tags */
#define SC_REPORTS        0x08	/* reports: the figures of the report pages */
#define SC_ADMIN          0x10	/* admin: webhooks; every other scope too */
#define SC_PAYMENTS       0x20	/* payments: a payment's window (payment.c) */

/* the calling token, once the router admitted it */
struct api_token {
	long long   id, brand, creator;
	const char *name;
	unsigned    scopes;
	long long   rate;	/* calls a minute */
	int         committed;	/* set by a handler once part of its write is
				 * committed: an error after it keeps the
				 * Idempotency-Key's answer, so a retry does
				 * not do that part again */
};

/* a scope's name ("chats.read"), or NULL; a SET's text as bits */
const char *api_scope_name(unsigned bit);
unsigned    api_scopes_parse(const char *set);

/* The API program's request handling (struct app's handle). */
void api_handle(const struct app *a, struct req *r, struct resp *rs, int read);

/* An error answer: code (a stable name), status, and its words: the
 * catalogue's api.error.<code> unless msg is given. */
void api_error(struct req *r, struct resp *rs, int status, const char *code, const char *msg);
/* A success: doc (released) with status. */
void api_ok(struct resp *rs, int status, json_t *doc);
/* the request's JSON object body (an empty body: an empty object), or
 * NULL after answering 400 */
json_t *api_body(struct req *r, struct resp *rs);
/* a page's size from ?limit= (1..max, default def) and its cursor from
 * ?cursor= (the id after which the page starts; 0: from the start); 0, or
 * -1 after answering 400 */
int api_page(struct req *r, struct resp *rs, int def, int max, int *limit, long long *after);
/* the query's id argument name into *v (0: not given): 0, or -1 after
 * answering 400 */
int api_arg_id(struct req *r, struct resp *rs, const char *name, long long *v);
/* a list's answer: {"data": items, "next_cursor": next or null} */
void api_list(struct resp *rs, json_t *items, long long next);
/* 1 when the token may see the brand (a brand-bound token: its own only) */
int api_brand_ok(const struct req *r, long long brand);
/* a read of one row of brand: 0 when found and the token may see it,
 * else -1 after answering 404 with code (or 503) */
int api_found(struct req *r, struct resp *rs, int rc, long long brand, const char *code);
/* staff member id as r->user, the one a change is made as: DB_OK,
 * DB_NOTFOUND (none, or disabled), or a failure */
int api_as_user(struct req *r, long long id);
/* a row's id as JSON (0: null), a text (NULL: null) */
json_t *api_id(long long v);
json_t *api_str(const char *s);
/* the token's brand for a list's filter (0: every brand) */
long long api_brand(const struct req *r);
/* the database failed: 503 */
void api_db_down(struct req *r, struct resp *rs);
/* a Unix time as JSON (0: null) */
json_t *api_time(long long t);

/* ---- the handlers (api-res.c, api-chats.c, payment.c, ui-hooks.c) ---- */

void api_me_get(struct req *, struct resp *);
void api_brands_get(struct req *, struct resp *);
void api_departments_get(struct req *, struct resp *);
void api_staff_get(struct req *, struct resp *);
void api_channels_get(struct req *, struct resp *);
void api_payment_post(struct req *, struct resp *);
void api_canned_get(struct req *, struct resp *);
void api_chats_get(struct req *, struct resp *);
void api_chat_get(struct req *, struct resp *);
void api_chat_messages_get(struct req *, struct resp *);
void api_chat_send_post(struct req *, struct resp *);
void api_chat_assign_post(struct req *, struct resp *);
void api_chat_transfer_post(struct req *, struct resp *);
void api_chat_close_post(struct req *, struct resp *);
void api_chat_note_post(struct req *, struct resp *);
void api_followers_get(struct req *, struct resp *);
void api_follower_get(struct req *, struct resp *);
void api_follower_remark_post(struct req *, struct resp *);
void api_follower_tags_post(struct req *, struct resp *);
void api_report_overview_get(struct req *, struct resp *);
void api_hooks_get(struct req *, struct resp *);
void api_hook_deliveries_get(struct req *, struct resp *);

/* ---- statements (db-api.c) ---- */

#define API_TOKEN_ROW(C) C(INT, id) C(STR, name) C(STR, scopes) C(INT, brand_id) \
	C(INT, created_by) C(INT, rate_per_minute) C(INT, revoked) C(INT, last_used)
DB_ROW(api_token_row, API_TOKEN_ROW)
enum dbrc db_api_token_by_hash(struct pool *p, const char *hash, struct api_token_row *row);
enum dbrc db_api_token_used(struct pool *p, long long id, long long now, const char *ip);
/* counts one call of the token in minute: the statement's insert id is
 * the minute's count after it (1: its first, the row made) */
enum dbrc db_api_rate_count(struct pool *p, long long token, long long minute, long long *count);
enum dbrc db_api_rate_purge(struct pool *p, long long before);

#define API_IDEM_ROW(C) C(STR, request) C(INT, status) C(STR, answer) C(INT, age)
DB_ROW(api_idem_row, API_IDEM_ROW)
enum dbrc db_api_idem_take(struct pool *p, long long token, const char *key, const char *request,
	long long now);
enum dbrc db_api_idem_get(struct pool *p, long long token, const char *key, long long now,
	struct api_idem_row *row);
/* a key whose call died while running (status 0 for more than stale
 * seconds) taken over; DB_NOTFOUND: it is not */
enum dbrc db_api_idem_retake(struct pool *p, long long token, const char *key, const char *request,
	long long now, long long stale);
enum dbrc db_api_idem_done(struct pool *p, long long token, const char *key, long long status,
	const char *answer);
enum dbrc db_api_idem_drop(struct pool *p, long long token, const char *key);
enum dbrc db_api_idem_purge(struct pool *p, long long before);

/* the tokens, for the admin page */
#define API_TOKEN_LIST(C) C(INT, id) C(STR, name) C(STR, prefix) C(STR, scopes) \
	C(INT, brand_id) C(STR, brand) C(INT, rate_per_minute) C(STR, creator) C(INT, created) \
	C(INT, last_used) C(STR, last_ip) C(INT, revoked)
DB_ROW(api_token_list, API_TOKEN_LIST)
enum dbrc db_api_tokens(struct pool *p, struct api_token_list **rows, size_t *n);
enum dbrc db_api_token_add(struct pool *p, const char *name, const char *hash, const char *prefix,
	const char *scopes, long long brand, long long rate, long long user, long long now,
	long long *id);
enum dbrc db_api_token_revoke(struct pool *p, long long id, long long now);

/* ---- the resources' reads (db-api.c) ---- */

#define API_BRAND(C) C(INT, id) C(STR, name)
DB_ROW(api_brand_row, API_BRAND)
enum dbrc db_api_brands(struct pool *p, long long brand, struct api_brand_row **rows, size_t *n);
#define API_DEPT(C) C(INT, id) C(INT, brand_id) C(STR, name)
DB_ROW(api_dept_row, API_DEPT)
enum dbrc db_api_departments(struct pool *p, long long brand, struct api_dept_row **rows,
	size_t *n);
#define API_STAFF(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) C(STR, presence) \
	C(INT, disabled) C(STR, departments)
DB_ROW(api_staff_row, API_STAFF)
enum dbrc db_api_staff(struct pool *p, long long brand, struct api_staff_row **rows, size_t *n);
#define API_CHANNEL(C) C(INT, id) C(INT, brand_id) C(STR, state) C(STR, original_id) \
	C(STR, app_id) C(INT, department_id) C(INT, verified_at) C(INT, last_message_at) \
	C(INT, signature_failures) C(INT, decrypt_failures) C(STR, last_failure) \
	C(INT, token_errcode) C(STR, token_error) C(INT, token_expires)
DB_ROW(api_channel_row, API_CHANNEL)
enum dbrc db_api_channels(struct pool *p, long long brand, long long id,
	struct api_channel_row **rows, size_t *n);
#define API_CHAT(C) C(INT, id) C(INT, channel_id) C(INT, brand_id) C(INT, follower_id) \
	C(STR, openid) C(STR, follower_name) C(INT, department_id) C(INT, operator_id) \
	C(STR, state) C(STR, close_reason) C(INT, started_at) C(INT, last_user_msg_at) \
	C(INT, closed_at) C(INT, rating) C(INT, messages_in) C(STR, summary)
DB_ROW(api_chat_row, API_CHAT)
struct api_chat_filter {
	long long   after, brand, department, operator, follower;
	const char *state;	/* "" any, "open", or a state */
	int         limit;
};
enum dbrc db_api_chats(struct pool *p, const struct api_chat_filter *f, struct api_chat_row **rows,
	size_t *n);
enum dbrc db_api_chat(struct pool *p, long long id, struct api_chat_row *row);
#define API_MESSAGE(C) C(INT, id) C(STR, direction) C(STR, msg_type) C(STR, event) C(STR, body) \
	C(STR, fields) C(INT, author_id) C(STR, delivery_state) C(INT, wx_errcode) \
	C(INT, attachment_id) C(STR, mime) C(INT, created_at)
DB_ROW(api_message_row, API_MESSAGE)
enum dbrc db_api_messages(struct pool *p, long long chat, long long after, int limit,
	struct api_message_row **rows, size_t *n);
#define API_FOLLOWER(C) C(INT, id) C(INT, channel_id) C(INT, brand_id) C(STR, openid) \
	C(STR, unionid) C(INT, subscribed) C(INT, subscribed_at) C(INT, unsubscribed_at) \
	C(STR, alias) C(STR, remark) C(STR, language) C(STR, tags)
DB_ROW(api_follower_row, API_FOLLOWER)
enum dbrc db_api_followers(struct pool *p, long long brand, long long after, long long tag,
	long long subscribed, int limit, struct api_follower_row **rows, size_t *n);
enum dbrc db_api_follower(struct pool *p, long long id, struct api_follower_row *row);
#define API_CANNED(C) C(INT, id) C(INT, brand_id) C(STR, shortcut) C(STR, category) \
	C(STR, body) C(INT, attachment_id)
DB_ROW(api_canned_row, API_CANNED)
enum dbrc db_api_canned(struct pool *p, long long brand, struct api_canned_row **rows, size_t *n);

/* the worker's tidying of the API's tables (job-hooks.c) */
void api_tidy(struct pool *p, long long now);

#endif
