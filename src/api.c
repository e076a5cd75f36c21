/*
 * api.c: the API's router (api.h): a route, a token, its scope, its rate,
 * a write's idempotency, the audit trail; then the route's handler. And the
 * small pieces every handler shares: errors, bodies, pages of a list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "json.h"
#include "staff.h"

static const char *const scope_names[] = {
	"chats.read", "messages.write", "followers", "reports", "admin", "payments",
};

const char *
api_scope_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof scope_names / sizeof scope_names[0]; i++)
		if (bit == 1u << i)
			return scope_names[i];
	return NULL;
}

unsigned
api_scopes_parse(const char *set)
{
	unsigned bits = 0;

	for (size_t i = 0; i < sizeof scope_names / sizeof scope_names[0]; i++)
		if (set_has(set, scope_names[i]))
			bits |= 1u << i;
	return bits;
}

void
api_error(struct req *r, struct resp *rs, int status, const char *code, const char *msg)
{
	if (msg == NULL)
		msg = L(r, pool_printf(&r->pool, "api.error.%s", code));
	resp_json(rs, status, json_pack("{s:{s:s,s:o,s:i}}", "error", "code", code,
	    "message", json_s(msg), "status", status));
}

void
api_ok(struct resp *rs, int status, json_t *doc)
{
	resp_json(rs, status, doc);
}

void
api_db_down(struct req *r, struct resp *rs)
{
	api_error(r, rs, 503, "unavailable", NULL);
}

json_t *
api_time(long long t)
{
	return t > 0 ? json_integer(t) : json_null();
}

json_t *
api_body(struct req *r, struct resp *rs)
{
	json_error_t e;
	json_t      *doc;

	if (r->clen == 0)
		return json_object();
	doc = json_loadb(r->body, r->clen, JSON_REJECT_DUPLICATES, &e);
	if (doc == NULL || !json_is_object(doc)) {
		json_decref(doc);
		api_error(r, rs, 400, "bad_json", NULL);
		return NULL;
	}
	return doc;
}

int
api_page(struct req *r, struct resp *rs, int def, int max, int *limit, long long *after)
{
	const char *l = req_arg(r, "limit"), *c = req_arg(r, "cursor");
	char       *e;

	*limit = def;
	*after = 0;
	if (l && *l) {
		long v = strtol(l, &e, 10);
		if (*e != '\0' || v < 1 || v > max) {
			api_error(r, rs, 400, "bad_limit", LF(r, "api.error.bad_limit", max));
			return -1;
		}
		*limit = (int)v;
	}
	if (c && *c) {
		long long v = strtoll(c, &e, 10);
		if (*e != '\0' || v < 0) {
			api_error(r, rs, 400, "bad_cursor", NULL);
			return -1;
		}
		*after = v;
	}
	return 0;
}

int
api_arg_id(struct req *r, struct resp *rs, const char *name, long long *v)
{
	const char *a = req_arg(r, name);
	char       *e;

	*v = 0;
	if (a == NULL || *a == '\0')
		return 0;
	*v = strtoll(a, &e, 10);
	if (*e == '\0' && *v > 0)
		return 0;
	api_error(r, rs, 400, "bad_filter", LF(r, "api.error.bad_id", name));
	return -1;
}

void
api_list(struct resp *rs, json_t *items, long long next)
{
	char c[24];

	snprintf(c, sizeof c, "%lld", next);
	api_ok(rs, 200, json_pack("{s:o,s:o}", "data", items, "next_cursor",
	    next > 0 ? json_string(c) : json_null()));
}

int
api_brand_ok(const struct req *r, long long brand)
{
	return r->token->brand == 0 || r->token->brand == brand;
}

int
api_found(struct req *r, struct resp *rs, int rc, long long brand, const char *code)
{
	if (rc == DB_OK && !api_brand_ok(r, brand))
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND)
		api_error(r, rs, 404, code, NULL);
	else if (rc != DB_OK)
		api_db_down(r, rs);
	return rc == DB_OK ? 0 : -1;
}

int
api_as_user(struct req *r, long long id)
{
	struct user_get u;
	enum dbrc       rc = id > 0 ? db_user_get(&r->pool, id, &u) : DB_NOTFOUND;

	if (rc == DB_OK && u.disabled)
		rc = DB_NOTFOUND;
	if (rc != DB_OK)
		return rc;
	r->user = pool_alloc(&r->pool, sizeof *r->user);
	r->user->id = u.id;
	r->user->login = u.login;
	r->user->name = u.name;
	r->user->role = role_parse(u.role);
	return DB_OK;
}

json_t *
api_id(long long v)
{
	return v > 0 ? json_integer(v) : json_null();
}

json_t *
api_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

long long
api_brand(const struct req *r)
{
	return r->token->brand;
}

/* ---- the router ---- */

#define IDEM_STALE 300	/* seconds a running call holds its Idempotency-Key */

/* the token of the Authorization header, admitted: 0, or -1 answered */
static int
token_check(struct req *r, struct resp *rs, long long now)
{
	struct api_token_row row;
	const char          *h = r->authorization;
	enum dbrc            rc;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0 || strlen(h + 7) < 8) {
		resp_header(rs, "WWW-Authenticate", "Bearer realm=\"wxdesk\"");
		api_error(r, rs, 401, "token_missing", NULL);
		return -1;
	}
	rc = db_api_token_by_hash(&r->pool, sha256_hex(&r->pool, h + 7, strlen(h + 7)), &row);
	if (rc == DB_NOTFOUND || (rc == DB_OK && row.revoked)) {
		resp_header(rs, "WWW-Authenticate", "Bearer realm=\"wxdesk\", error=\"invalid_token\"");
		api_error(r, rs, 401, rc == DB_OK ? "token_revoked" : "token_unknown", NULL);
		return -1;
	}
	if (rc != DB_OK) {
		api_db_down(r, rs);
		return -1;
	}
	r->token = pool_alloc(&r->pool, sizeof *r->token);
	*r->token = (struct api_token){ row.id, row.brand_id, row.created_by, row.name,
		api_scopes_parse(row.scopes), row.rate_per_minute, 0 };
	/* its last use, once a minute at most (a write per call would be the
	 * token's hottest row) */
	if (now - row.last_used >= 60)
		(void)db_api_token_used(&r->pool, row.id, now, r->remote_addr);
	return 0;
}

/* the token's rate this minute: 0, or -1 answered 429 */
static int
rate_check(struct req *r, struct resp *rs, long long now)
{
	long long n = 0;

	if (db_api_rate_count(&r->pool, r->token->id, now / 60, &n) != DB_OK) {
		api_db_down(r, rs);
		return -1;
	}
	if (n <= 1)
		n = 1;	/* the minute's first call made the row */
	resp_header(rs, "X-RateLimit-Limit", pool_printf(&r->pool, "%lld", r->token->rate));
	resp_header(rs, "X-RateLimit-Remaining", pool_printf(&r->pool, "%lld",
	    n < r->token->rate ? r->token->rate - n : 0));
	if (n <= r->token->rate)
		return 0;
	resp_header(rs, "Retry-After", pool_printf(&r->pool, "%lld", 60 - now % 60));
	api_error(r, rs, 429, "rate_limited", LF(r, "api.error.rate_limited", r->token->rate,
	    60 - now % 60));
	return -1;
}

/*
 * A write with an Idempotency-Key: 1 when it is new (taken: run it), 0
 * when it was answered already (the answer given again) or is refused.
 */
static int
idem_take(struct req *r, struct resp *rs, long long now)
{
	struct api_idem_row row;
	struct buf          req = { 0 };
	const char         *hash;
	enum dbrc           rc;

	if (strlen(r->idem_key) > 100 || *r->idem_key == '\0' ||
	    strspn(r->idem_key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "-_.:+/=") != strlen(r->idem_key)) {
		api_error(r, rs, 400, "bad_idempotency_key", NULL);
		return 0;
	}
	buf_printf(&req, "%s %s?%s\n", r->method, r->path, r->query ? r->query : "");
	if (r->clen)
		buf_append(&req, r->body, r->clen);
	hash = sha256_hex(&r->pool, req.data, req.len);
	buf_free(&req);
	rc = db_api_idem_take(&r->pool, r->token->id, r->idem_key, hash, now);
	if (rc == DB_OK)
		return 1;
	if (rc != DB_CONFLICT || db_api_idem_get(&r->pool, r->token->id, r->idem_key, now,
	    &row) != DB_OK) {
		api_db_down(r, rs);
		return 0;
	}
	/* a call that died while running (its process, the database) frees
	 * its key after IDEM_STALE seconds */
	if (row.status == 0 && row.age > IDEM_STALE && db_api_idem_retake(&r->pool, r->token->id,
	    r->idem_key, hash, now, IDEM_STALE) == DB_OK)
		return 1;
	if (strcmp(row.request, hash) != 0)
		api_error(r, rs, 422, "idempotency_key_reused", NULL);
	else if (row.status == 0)
		api_error(r, rs, 409, "idempotency_in_progress", NULL);
	else {
		rs->status = (int)row.status;
		rs->ctype = "application/json; charset=utf-8";
		buf_reset(&rs->body);
		buf_puts(&rs->body, row.answer ? row.answer : "");
		resp_header(rs, "Idempotent-Replayed", "true");
	}
	return 0;
}

/* a call on the audit trail: the token, the call, its answer's status */
static void
audit_call(struct req *r, struct resp *rs)
{
	struct buf d = { 0 };

	json_put(&d, json_pack("{s:I,s:i,s:o}", "token", (json_int_t)r->token->id, "status",
	    rs->status, "query", json_s(r->query)));
	(void)db_audit_add(&r->pool, (long long)wx_now(), 0, pool_printf(&r->pool, "api:%s",
	    r->token->name), r->remote_addr, pool_printf(&r->pool, "api.%s",
	    strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0 ? "read" : "write"),
	    pool_printf(&r->pool, "%s %s", r->method, r->path), d.data);
	buf_free(&d);
}

static const struct route *
route_of(const struct app *a, struct req *r, struct resp *rs)
{
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	struct buf  allow = { 0 };

	for (size_t i = 0; i < a->nroutes; i++) {
		if (!route_match(a->routes[i].pattern, r->path, r->ids, &r->nids, &r->key,
		    &r->pool))
			continue;
		if (strcmp(a->routes[i].method, method) == 0) {
			buf_free(&allow);
			return &a->routes[i];
		}
		buf_printf(&allow, "%s%s", allow.len ? ", " : "", a->routes[i].method);
	}
	if (allow.len) {
		resp_header(rs, "Allow", allow.data);
		api_error(r, rs, 405, "method_not_allowed", NULL);
	} else
		api_error(r, rs, 404, "not_found", NULL);
	buf_free(&allow);
	return NULL;
}

void
api_handle(const struct app *a, struct req *r, struct resp *rs, int read)
{
	const struct route *rt;
	long long           now = (long long)wx_now();
	int                 idem = 0;

	if (read != 0) {
		api_error(r, rs, read, read == 413 ? "too_large" : "malformed", read == 413 ?
		    LF(r, "api.error.too_large", (double)WX_UPLOAD_MAX / (1 << 20)) : NULL);
		return;
	}
	if ((rt = route_of(a, r, rs)) == NULL)
		return;
	if (rt->flags & R_PUBLIC) {
		rt->fn(r, rs);
		return;
	}
	if (token_check(r, rs, now) != 0)
		return;
	if (R_SCOPE_OF(rt->flags) && !(r->token->scopes & (R_SCOPE_OF(rt->flags) | SC_ADMIN))) {
		api_error(r, rs, 403, "scope", LF(r, "api.error.scope",
		    api_scope_name(R_SCOPE_OF(rt->flags))));
		audit_call(r, rs);
		return;
	}
	if (rate_check(r, rs, now) != 0)
		return;
	if (strcmp(r->method, "POST") == 0 && r->idem_key != NULL &&
	    (idem = idem_take(r, rs, now)) == 0) {
		audit_call(r, rs);
		return;
	}
	rt->fn(r, rs);
	db_request_done();	/* a read snapshot the handler took (the reports') ends */
	/* a call that failed before it changed anything may be sent again */
	if (idem && rs->status >= 500 && !r->token->committed)
		(void)db_api_idem_drop(&r->pool, r->token->id, r->idem_key);
	else if (idem)
		(void)db_api_idem_done(&r->pool, r->token->id, r->idem_key, rs->status,
		    pool_strndup(&r->pool, rs->body.data ? rs->body.data : "", rs->body.len));
	audit_call(r, rs);
}

void
api_tidy(struct pool *p, long long now)
{
	(void)db_api_rate_purge(p, now / 60 - 2);
	(void)db_api_idem_purge(p, now - 86400);
}
