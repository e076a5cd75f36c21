/*
 * ui-hooks.c: Admin → API and webhooks (/admin/api): the API's tokens
 * (api.h: made with a name, scopes, optionally a brand and a rate; shown
 * once; revoked) and the outgoing webhooks (hooks.h: a URL subscribed to
 * events, its secret shown once; a subscription's page with its
 * deliveries, a Test button, and Replay for the dead ones). And the API's
 * own read of the webhooks and their deliveries.
 */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "audit.h"
#include "api.h"
#include "hooks.h"
#include "json.h"
#include "staff.h"
#include "ui.h"

static const char *
v_rate(const char *v)
{
	return *v == '\0' || form_int_in(v, 1, 100000) ? NULL : "api.rate_bad";
}

static const char *
v_scope(const char *v)
{
	return api_scopes_parse(v) != 0 && strchr(v, ',') == NULL ? NULL : "v.word";
}

static const char *
v_kind(const char *v)
{
	for (size_t i = 0; i < hook_nkinds; i++)
		if (strcmp(v, hook_kinds[i]) == 0)
			return NULL;
	return "v.word";
}

enum { TF_NAME, TF_BRAND, TF_RATE, TF__N };
static const struct field token_fields[TF__N] = {
	[TF_NAME] = { "name", "api.token_name", F_REQUIRED, v_name },
	[TF_BRAND] = { "brand", "api.brand", F_OPTIONAL, v_id },
	[TF_RATE] = { "rate", "api.rate", F_OPTIONAL, v_rate },
};
static const struct field scope_field[] = { { "scope", "api.scopes", F_OPTIONAL, v_scope } };

enum { HF_URL, HF_BRAND, HF_ENABLED, HF__N };
static const struct field hook_fields[HF__N] = {
	[HF_URL] = { "url", "api.url", F_REQUIRED, v_http_url },
	[HF_BRAND] = { "brand", "api.brand", F_OPTIONAL, v_id },
	[HF_ENABLED] = { "enabled", "api.enabled", F_OPTIONAL, v_flag },
};
static const struct field event_field[] = { { "event", "api.events", F_OPTIONAL, v_kind } };

/* the boxes of field f ticked, as a SET's text ("a,b"); NULL after the
 * error beside it (none ticked: none_key's words) */
static const char *
ticked(struct req *r, const struct field *f, const char *none_key)
{
	const char *v[32];
	struct buf  b = { 0 };
	const char *s;
	int         n = form_many(r, f, v, 32);

	if (n <= 0) {
		if (n == 0)
			form_error(r, f->name, L(r, none_key));
		return NULL;
	}
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", v[i]);
	s = pool_strdup(&r->pool, b.data);
	buf_free(&b);
	return s;
}

/* the page's choices: brands, scopes, events */
static int
choices(struct req *r)
{
	struct brand_list *b;
	size_t             n;

	if (db_brand_list(&r->pool, &b, &n) != DB_OK)
		return -1;
	TMPL_LIST(r, "Brands", b, n, brand_list);
	for (unsigned i = 0, bit = 1; bit <= SC_PAYMENTS; bit <<= 1, i++)
		tmpl_set(r, pool_printf(&r->pool, "Scopes.%u", i), api_scope_name(bit));
	for (size_t i = 0; i < hook_nkinds; i++)
		tmpl_set(r, pool_printf(&r->pool, "Events.%zu", i), hook_kinds[i]);
	return 0;
}

/* the page, with status (a refused form's 422, or a secret shown once) */
static void
api_page_show(struct req *r, struct resp *rs, int status)
{
	struct api_token_list *t;
	struct hook_sub       *h;
	size_t                 nt, nh;

	if (choices(r) != 0 || db_api_tokens(&r->pool, &t, &nt) != DB_OK ||
	    db_hook_subs(&r->pool, &h, &nh) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	TMPL_LIST(r, "Tokens", t, nt, api_token_list);
	TMPL_LIST(r, "Hooks", h, nh, hook_sub);
	for (size_t i = 0; i < nt; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Tokens.%zu.Created", i), ui_time(r, t[i].created));
		tmpl_set(r, pool_printf(&r->pool, "Tokens.%zu.LastUsed", i), t[i].last_used ?
		    ui_time(r, t[i].last_used) : NULL);
	}
	tmpl_set(r, "Api.Base", pool_printf(&r->pool, "%s/api/v1/", cfg_get("PublicURL", "")));
	tmpl_set(r, "Nav", "api");
	tmpl_render(r, rs, "api.cs");
	rs->status = status;
}

/* GET /admin/api */
void
admin_api_get(struct req *r, struct resp *rs)
{
	api_page_show(r, rs, 200);
}

/* POST /admin/api/tokens: a new token, shown this once */
void
admin_api_token_post(struct req *r, struct resp *rs)
{
	const char *v[TF__N], *token, *scopes;
	int         bad;
	long long   id;
	enum dbrc   rc;

	form_trim(r);
	bad = FORM_READ(r, token_fields, v);
	if ((scopes = ticked(r, scope_field, "api.scopes_none")) == NULL || bad) {
		api_page_show(r, rs, 422);
		return;
	}
	token = pool_printf(&r->pool, "wxd_%s", rand_hex(&r->pool, 20));
	rc = db_api_token_add(&r->pool, v[TF_NAME], sha256_hex(&r->pool, token, strlen(token)),
	    pool_strndup(&r->pool, token, 10), scopes, form_ll(v[TF_BRAND]),
	    *v[TF_RATE] ? form_ll(v[TF_RATE]) : 600, r->user->id, (long long)wx_now(), &id);
	if (rc == DB_CONFLICT) {	/* the brand was deleted meanwhile */
		form_error(r, "brand", L(r, "api.brand_gone"));
		api_page_show(r, rs, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_saved(r, rs, rc, "token", NULL, "/admin/api");
		return;
	}
	tmpl_set(r, "Revealed.Token", token);
	tmpl_set(r, "Revealed.TokenName", v[TF_NAME]);
	hdf_remove_tree(r->hdf, "Form");	/* made: the form empty again */
	api_page_show(r, rs, 200);
}

/* POST /admin/api/tokens/{id}/revoke */
void
admin_api_revoke_post(struct req *r, struct resp *rs)
{
	ui_saved(r, rs, db_api_token_revoke(&r->pool, r->ids[0], (long long)wx_now()), "token",
	    L(r, "api.revoked"), "/admin/api");
}

/* POST /admin/api/webhooks: a subscription, its secret shown this once */
void
admin_hook_new_post(struct req *r, struct resp *rs)
{
	const char *v[HF__N], *events, *secret;
	long long   id;
	int         bad;
	enum dbrc   rc;

	form_trim(r);
	bad = FORM_READ(r, hook_fields, v);
	if ((events = ticked(r, event_field, "api.events_none")) == NULL || bad) {
		api_page_show(r, rs, 422);
		return;
	}
	secret = rand_hex(&r->pool, 24);
	rc = db_hook_sub_add(&r->pool, form_ll(v[HF_BRAND]), v[HF_URL],
	    secret_encrypt(&r->pool, secret), events, r->user->id, (long long)wx_now(), &id);
	if (rc != DB_OK) {
		ui_saved(r, rs, rc, "webhook", NULL, "/admin/api");
		return;
	}
	tmpl_set(r, "Revealed.Secret", secret);
	r->ids[0] = id;
	r->nids = 1;
	admin_hook_get(r, rs);
}

/* a subscription's page: its form, its deliveries (?state=, ?before=) */
static void
hook_page(struct req *r, struct resp *rs, int status)
{
	struct hook_sub       h;
	struct hook_delivery *d;
	size_t                n;
	const char           *st = req_arg(r, "state");
	long long             before = req_arg(r, "before") ? strtoll(req_arg(r, "before"),
	    NULL, 10) : 0;
	enum dbrc             rc = db_hook_sub(&r->pool, r->ids[0], &h);

	if (!ui_found(r, rs, rc, "webhook"))
		return;
	if (st == NULL || (strcmp(st, "pending") != 0 && strcmp(st, "dead") != 0 &&
	    strcmp(st, "delivered") != 0))
		st = "";
	if (choices(r) != 0 || db_hook_deliveries(&r->pool, h.id, st, before, 50, &d, &n) !=
	    DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	TMPL_LIST(r, "Hook", &h, 1, hook_sub);
	TMPL_LIST(r, "Deliveries", d, n, hook_delivery);
	for (size_t i = 0; i < n; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Deliveries.%zu.Created", i), ui_time(r, d[i].created));
		tmpl_set(r, pool_printf(&r->pool, "Deliveries.%zu.Last", i), d[i].last_at ?
		    ui_time(r, d[i].last_at) : NULL);
		tmpl_set(r, pool_printf(&r->pool, "Deliveries.%zu.Next", i), ui_time(r, d[i].next_at));
	}
	if (n == 50)
		tmpl_set_int(r, "Paging.Before", d[n - 1].id);
	tmpl_set(r, "Filter.State", st);
	tmpl_set(r, "Nav", "api");
	tmpl_render(r, rs, "hook.cs");
	rs->status = status;
}

/* GET /admin/api/webhooks/{id} */
void
admin_hook_get(struct req *r, struct resp *rs)
{
	hook_page(r, rs, 200);
}

/* POST /admin/api/webhooks/{id}: its URL, brand, events, on or off */
void
admin_hook_post(struct req *r, struct resp *rs)
{
	const char     *v[HF__N], *events;
	struct hook_sub h;
	int             bad;

	if (!ui_found(r, rs, db_hook_sub(&r->pool, r->ids[0], &h), "webhook"))
		return;
	form_trim(r);
	bad = FORM_READ(r, hook_fields, v);
	if ((events = ticked(r, event_field, "api.events_none")) == NULL || bad) {
		hook_page(r, rs, 422);
		return;
	}
	ui_saved(r, rs, db_hook_sub_set(&r->pool, r->ids[0], form_ll(v[HF_BRAND]), v[HF_URL],
	    events, form_on(v[HF_ENABLED])), "webhook", L(r, "api.hook_saved"),
	    pool_printf(&r->pool, "/admin/api/webhooks/%lld", r->ids[0]));
}

/* POST /admin/api/webhooks/{id}/secret: a new secret, shown this once */
void
admin_hook_secret_post(struct req *r, struct resp *rs)
{
	const char *secret = rand_hex(&r->pool, 24);
	enum dbrc   rc = db_hook_sub_secret(&r->pool, r->ids[0], secret_encrypt(&r->pool, secret));

	if (rc != DB_OK) {
		ui_saved(r, rs, rc, "webhook", NULL, "/admin/api");
		return;
	}
	tmpl_set(r, "Revealed.Secret", secret);
	hook_page(r, rs, 200);
}

/* POST /admin/api/webhooks/{id}/delete: its deliveries go with it */
void
admin_hook_delete_post(struct req *r, struct resp *rs)
{
	struct hook_sub h;

	if (db_hook_sub(&r->pool, r->ids[0], &h) == DB_OK)
		audit_note(r, "url", h.url);	/* the record says which went */
	ui_saved(r, rs, db_hook_sub_delete(&r->pool, r->ids[0]), "webhook",
	    L(r, "api.hook_deleted"), "/admin/api");
}

/* POST /admin/api/webhooks/{id}/test: a sample event, sent as any other */
void
admin_hook_test_post(struct req *r, struct resp *rs)
{
	struct buf b = { 0 };
	enum dbrc  rc;

	json_put(&b, json_pack("{s:s,s:s}", "message", "a test from wxdesk", "by", r->user->login));
	rc = db_hook_test(&r->pool, r->ids[0], b.data, (long long)wx_now());
	buf_free(&b);
	ui_saved(r, rs, rc == DB_CONFLICT ? DB_NOTFOUND : rc, "webhook", L(r, "api.test_queued"),
	    pool_printf(&r->pool, "/admin/api/webhooks/%lld", r->ids[0]));
}

/* POST /admin/api/webhooks/{id}/deliveries/{id}/replay: a dead one, again */
void
admin_hook_replay_post(struct req *r, struct resp *rs)
{
	enum dbrc rc = db_hook_replay(&r->pool, r->ids[0], r->ids[1]);

	ui_saved(r, rs, rc == DB_NOTFOUND ? DB_OK : rc, "delivery", rc == DB_NOTFOUND ?
	    L(r, "api.replay_not_dead") : L(r, "api.replayed"),
	    pool_printf(&r->pool, "/admin/api/webhooks/%lld?state=dead", r->ids[0]));
}

/* ---- the API's read of them (admin scope) ---- */

static json_t *
hook_json(const struct hook_sub *h)
{
	json_t     *ev = json_array();
	const char *s = h->events;

	while (s && *s) {
		size_t n = strcspn(s, ",");
		json_array_append_new(ev, json_stringn(s, n));
		s += n + (s[n] == ',');
	}
	return json_pack("{s:I,s:o,s:s,s:o,s:b,s:I,s:I,s:I}", "id", (json_int_t)h->id,
	    "brand_id", h->brand_id ? json_integer(h->brand_id) : json_null(), "url", h->url,
	    "events", ev, "enabled", (int)h->enabled, "pending", (json_int_t)h->pending,
	    "dead", (json_int_t)h->dead, "delivered", (json_int_t)h->delivered);
}

/* GET /api/v1/webhooks */
void
api_hooks_get(struct req *r, struct resp *rs)
{
	struct hook_sub *h;
	size_t           n;
	json_t          *a;

	if (db_hook_subs(&r->pool, &h, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		if (api_brand_ok(r, h[i].brand_id))
			json_array_append_new(a, hook_json(&h[i]));
	api_list(rs, a, 0);
}

/* GET /api/v1/webhooks/{id}/deliveries: newest first, ?state=, ?cursor= (below it) */
void
api_hook_deliveries_get(struct req *r, struct resp *rs)
{
	struct hook_sub       h;
	struct hook_delivery *d;
	size_t                n;
	long long             before;
	int                   limit;
	const char           *st = req_arg(r, "state");
	json_t               *a;
	enum dbrc             rc;

	if (api_page(r, rs, 50, 200, &limit, &before) != 0)
		return;
	rc = db_hook_sub(&r->pool, r->ids[0], &h);
	if (rc == DB_NOTFOUND || (rc == DB_OK && !api_brand_ok(r, h.brand_id))) {
		api_error(r, rs, 404, "webhook_not_found", NULL);
		return;
	}
	if (st && *st && strcmp(st, "pending") != 0 && strcmp(st, "dead") != 0 &&
	    strcmp(st, "delivered") != 0) {
		api_error(r, rs, 400, "bad_filter", LF(r, "api.error.bad_state", st));
		return;
	}
	if (rc != DB_OK || db_hook_deliveries(&r->pool, h.id, st ? st : "", before, limit, &d,
	    &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:I,s:s,s:s,s:I,s:o,s:o,s:o,s:o}",
		    "id", (json_int_t)d[i].id, "event_id", (json_int_t)d[i].event_id,
		    "event", d[i].kind, "state", d[i].state, "attempts", (json_int_t)d[i].attempts,
		    "last_status", d[i].last_status ? json_integer(d[i].last_status) : json_null(),
		    "last_error", d[i].last_error ? json_string(d[i].last_error) : json_null(),
		    "next_at", d[i].state[0] == 'p' ? api_time(d[i].next_at) : json_null(),
		    "created_at", api_time(d[i].created)));
	api_list(rs, a, n == (size_t)limit ? d[n - 1].id : 0);
}
