/*
 * job-hooks.c: the hook senders (hooks.h): due deliveries claimed under a
 * lease, posted signed, their results recorded under the lease; and the
 * tidying of old events and of the API's rate and idempotency rows.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "botsvc.h"
#include "hooks.h"
#include "http.h"
#include "json.h"

/* each kind written as its two halves, chat and opened */
#define KIND(a, b) #a "." #b
const char *const hook_kinds[] = {
	KIND(message, received), KIND(message, sent), KIND(message, refused), KIND(chat, opened),
	KIND(chat, assigned), KIND(chat, transferred), KIND(chat, closed), KIND(chat, rated),
	KIND(follower, followed), KIND(follower, unfollowed), KIND(follower, tagged),
	KIND(channel, health),
};
const size_t hook_nkinds = sizeof hook_kinds / sizeof hook_kinds[0];

long long
hook_retry_after(int n)
{
	/* 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, then 8 h: the
	 * eleventh try comes about 32 hours after the first */
	static const long long wait[] = { 30, 120, 600, 1800, 3600, 7200, 14400, 28800,
		28800, 28800 };

	return n >= 1 && n < HOOK_TRIES ? wait[n - 1 < 9 ? n - 1 : 9] : -1;
}

const char *
hook_signature(struct pool *p, const char *secret, long long t, const char *body, size_t n)
{
	struct buf  m = { 0 };
	const char *v;

	buf_printf(&m, "%lld.", t);
	buf_append(&m, body, n);
	v = pool_printf(p, "t=%lld,v1=%s", t, secret_hmac_hex(p, secret, m.data, m.len));
	buf_free(&m);
	return v;
}

/* the body of an event: the same bytes on every try */
static void
hook_body(struct buf *b, const struct hook_send *s)
{
	json_error_t e;
	json_t      *data = json_loads(s->data ? s->data : "{}", 0, &e);

	json_put(b, json_pack("{s:I,s:s,s:I,s:o}", "id", (json_int_t)s->event_id, "event",
	    s->kind, "created_at", (json_int_t)s->at, "data", data ? data : json_object()));
}

/* a receiver's answer as the deliveries page shows it: at most max bytes
 * of well-formed UTF-8, each byte that is not (another encoding, binary,
 * a character cut at the end) a '?' */
static const char *
answer_text(struct pool *p, const char *s, size_t n, size_t max)
{
	char  *out = pool_alloc(p, (n < max ? n : max) + 1);
	size_t o = 0;

	for (size_t i = 0; i < n && o < max; ) {
		size_t len = (unsigned char)s[i] < 0x80 ? 1 : ((unsigned char)s[i] & 0xe0) == 0xc0 ? 2 :
		    ((unsigned char)s[i] & 0xf0) == 0xe0 ? 3 : ((unsigned char)s[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n || o + len > max || !utf8_valid(s + i, len) ||
		    (len == 1 && s[i] == '\0')) {
			out[o++] = '?';
			i++;
			continue;
		}
		memcpy(out + o, s + i, len);
		o += len, i += len;
	}
	out[o] = '\0';
	return out;
}

/* one delivery, claimed: posted, its result recorded */
static void
deliver(struct pool *p, long long id, long long lease, long long now)
{
	struct hook_send s;
	struct http_resp hr;
	struct buf       body = { 0 };
	const char      *secret, *hdr[4], *state;
	long long        next = now;
	int              ok;

	if (db_hook_send(p, id, &s) != DB_OK)
		return;	/* deleted meanwhile, or the database: the lease lapses */
	if ((secret = secret_decrypt(p, s.secret_enc)) == NULL) {
		(void)db_hook_result(p, id, lease, "dead", now, 0, "the signing secret cannot be read",
		    NULL, now);
		return;
	}
	hook_body(&body, &s);
	hdr[0] = pool_printf(p, "X-Wxdesk-Event: %s", s.kind);
	hdr[1] = pool_printf(p, "X-Wxdesk-Delivery: %lld", id);
	hdr[2] = pool_printf(p, "X-Wxdesk-Signature: %s", hook_signature(p, secret, now,
	    body.data, body.len));
	hdr[3] = NULL;
	(void)http_call_h(s.url, "application/json", body.data, body.len, NULL, hdr,
	    cfg_int("Hooks.TimeoutMs", 10000), &hr);
	ok = hr.status >= 200 && hr.status < 300;
	if (ok)
		state = "delivered";
	else if (hook_retry_after((int)s.attempts) < 0)
		state = "dead";
	else {
		state = "pending";
		next = now + hook_retry_after((int)s.attempts);
	}
	if (db_hook_result(p, id, lease, state, next, hr.status, hr.status ? NULL :
	    (*hr.error ? hr.error : "no answer"), hr.body.data ? answer_text(p, hr.body.data,
	    hr.body.len, 1000) : NULL, (long long)wx_now()) != DB_OK)
		wx_log("webhook delivery %lld: its result (%s) could not be recorded; it goes again "
		    "after its lease", id, state);
	http_resp_free(&hr);
	buf_free(&body);
}

int
hooks_pass(struct pool *p)
{
	struct hook_due *d;
	size_t           n;
	long long        now = (long long)wx_now();
	int              done = 0;

	if (db_hook_due(p, now, 50, &d, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		/* the lease: long enough for the try's whole timeout */
		long long lease = now + cfg_int("Hooks.TimeoutMs", 10000) / 1000 + 30;
		if (db_hook_claim(p, d[i].id, lease, now) != DB_OK)
			continue;	/* another sender's */
		deliver(p, d[i].id, lease, now);
		done++;
		now = (long long)wx_now();
	}
	return done;
}

/* the worker's job: old rate counts and idempotency keys of the API, and
 * delivered events after 30 days, deleted once a minute */
void
job_api_tidy(struct pool *p)
{
	static time_t tidied;
	long long     now = (long long)wx_now();

	if (time(NULL) - tidied < 60)
		return;
	api_tidy(p, now);
	(void)db_hook_purge(p, 30);
	tidied = time(NULL);
}

void
hooks_run(volatile sig_atomic_t *stop)
{
	while (!*stop) {
		struct pool p = { 0 };
		int         n = db_up() ? hooks_pass(&p) : -1;

		/* and the bot service's late answers (botsvc.h): calls out too */
		if (n >= 0) {
			int late = botsvc_pass(&p);
			n = late < 0 ? -1 : n + late;
		}

		pool_free(&p);
		db_request_done();
		if (n <= 0)
			usleep(n < 0 ? 1000000 : 200000);	/* nothing due: a moment */
	}
}
