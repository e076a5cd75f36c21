/*
 * hooks.h: outgoing webhooks (057). An administrator subscribes a URL to
 * events, for every brand or one (Admin → API and webhooks). Each event is
 * stored by the trigger of the change it tells of, in that change's
 * transaction (sql/routines/hooks.sql), with one delivery per subscription
 * that wants it; the worker's hook senders (job-hooks.c) post them:
 *
 *	POST <url>
 *	Content-Type: application/json
 *	X-Wxdesk-Event: chat.closed
 *	X-Wxdesk-Delivery: <the delivery's id: the same on every try>
 *	X-Wxdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *	{"id": <event id>, "event": "chat.closed", "created_at": <unix>, "data": {…}}
 *
 * A 2xx answer delivers it. Anything else, or none within Hooks.TimeoutMs,
 * is tried again on a schedule over more than 24 hours (hook_retry_after);
 * after the last try it is dead: the deliveries page lists it with the
 * last answer, and Replay sends it again (the same id). A chat's deliveries
 * to a subscription go in order: one waits while an older one is pending.
 * A try holds a lease; a sender killed mid-try leaves it to the next once
 * the lease lapses, with the same id and body: at least once, never twice
 * except as a retry with the same id.
 */
#ifndef WXDESK_HOOKS_H
#define WXDESK_HOOKS_H

#include <signal.h>

#include "db.h"

/* the event kinds, as hook_subscriptions.events names them */
extern const char *const hook_kinds[];
extern const size_t      hook_nkinds;

#define HOOK_TRIES 11	/* the first and ten more, over about 32 hours */
/* seconds before try n+1 after n failed (n from 1), or -1 after the last */
long long hook_retry_after(int n);
/* the signature header's value for body at t */
const char *hook_signature(struct pool *p, const char *secret, long long t, const char *body,
	size_t n);

/* the hook senders' loop (bin/wxdesk-worker forks them) */
void hooks_run(volatile sig_atomic_t *stop);
/* the worker's job: the API's old rate counts and idempotency keys, and
 * old delivered events, deleted (once a minute) */
void job_api_tidy(struct pool *p);
/* one pass: due deliveries tried; how many, or -1 (the database) */
int hooks_pass(struct pool *p);

/* ---- statements (db-hooks.c) ---- */

#define HOOK_SUB(C) C(INT, id) C(INT, brand_id) C(STR, brand) C(STR, url) C(STR, events) \
	C(INT, enabled) C(INT, created) C(INT, pending) C(INT, dead) C(INT, delivered)
DB_ROW(hook_sub, HOOK_SUB)
enum dbrc db_hook_subs(struct pool *p, struct hook_sub **rows, size_t *n);
enum dbrc db_hook_sub(struct pool *p, long long id, struct hook_sub *row);
enum dbrc db_hook_sub_add(struct pool *p, long long brand, const char *url, const char *secret_enc,
	const char *events, long long user, long long now, long long *id);
enum dbrc db_hook_sub_set(struct pool *p, long long id, long long brand, const char *url,
	const char *events, long long enabled);
enum dbrc db_hook_sub_delete(struct pool *p, long long id);
enum dbrc db_hook_sub_secret(struct pool *p, long long id, const char *secret_enc);

#define HOOK_DUE(C) C(INT, id)
DB_ROW(hook_due, HOOK_DUE)
enum dbrc db_hook_due(struct pool *p, long long now, int limit, struct hook_due **rows, size_t *n);
enum dbrc db_hook_claim(struct pool *p, long long id, long long lease, long long now);
#define HOOK_SEND(C) C(INT, id) C(INT, attempts) C(INT, event_id) C(STR, kind) C(INT, at) \
	C(STR, data) C(STR, url) C(STR, secret_enc)
DB_ROW(hook_send, HOOK_SEND)
enum dbrc db_hook_send(struct pool *p, long long id, struct hook_send *row);
/* a try's result, recorded only under its lease */
enum dbrc db_hook_result(struct pool *p, long long id, long long lease, const char *state,
	long long next_at, long long status, const char *error, const char *response,
	long long now);

#define HOOK_DELIVERY(C) C(INT, id) C(INT, event_id) C(STR, kind) C(INT, chat_id) C(STR, state) \
	C(INT, attempts) C(INT, next_at) C(INT, last_status) C(STR, last_error) \
	C(STR, last_response) C(INT, last_at) C(INT, created) C(STR, data)
DB_ROW(hook_delivery, HOOK_DELIVERY)
/* a subscription's deliveries, newest first: all, or of one state */
enum dbrc db_hook_deliveries(struct pool *p, long long sub, const char *state, long long before,
	int limit, struct hook_delivery **rows, size_t *n);
enum dbrc db_hook_replay(struct pool *p, long long sub, long long id);
/* a sample event for one subscription (its Test button) */
enum dbrc db_hook_test(struct pool *p, long long sub, const char *data, long long now);
enum dbrc db_hook_test_event(struct pool *p, long long sub, const char *data, long long now,
	long long *id);
enum dbrc db_hook_test_delivery(struct pool *p, long long event, long long sub, long long now);
/* delivered events older than days, and their deliveries, deleted */
enum dbrc db_hook_purge(struct pool *p, int days);

#endif
