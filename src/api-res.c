/*
 * api-res.c: the API's other resources (api.h): the token itself, brands,
 * departments, staff, accounts with their health, canned responses,
 * followers (read, remark, tags), the reports' overview.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "json.h"
#include "reports.h"
#include "staff.h"
#include "tags.h"
#include "ui.h"
#include "writes.h"

/* GET /api/v1/me: the token as the API sees it */
void
api_me_get(struct req *r, struct resp *rs)
{
	json_t *sc = json_array();

	for (unsigned b = 1; b <= SC_PAYMENTS; b <<= 1)
		if (r->token->scopes & b)
			json_array_append_new(sc, json_string(api_scope_name(b)));
	api_ok(rs, 200, json_pack("{s:I,s:s,s:o,s:o,s:I}", "id", (json_int_t)r->token->id,
	    "name", r->token->name, "scopes", sc, "brand_id", api_id(r->token->brand),
	    "rate_per_minute", (json_int_t)r->token->rate));
}

void
api_brands_get(struct req *r, struct resp *rs)
{
	struct api_brand_row *b;
	size_t                n;
	json_t               *a;

	if (db_api_brands(&r->pool, api_brand(r), &b, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:s}", "id", (json_int_t)b[i].id,
		    "name", b[i].name));
	api_list(rs, a, 0);
}

void
api_departments_get(struct req *r, struct resp *rs)
{
	struct api_dept_row *d;
	size_t               n;
	json_t              *a;

	if (db_api_departments(&r->pool, api_brand(r), &d, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:I,s:s}", "id", (json_int_t)d[i].id,
		    "brand_id", (json_int_t)d[i].brand_id, "name", d[i].name));
	api_list(rs, a, 0);
}

void
api_staff_get(struct req *r, struct resp *rs)
{
	struct api_staff_row *u;
	size_t                n;
	json_t               *a;

	if (db_api_staff(&r->pool, api_brand(r), &u, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t     *d = json_array();
		const char *s = u[i].departments;
		while (s && *s) {
			json_array_append_new(d, json_integer(strtoll(s, NULL, 10)));
			s += strcspn(s, ",");
			s += *s == ',';
		}
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:o}",
		    "id", (json_int_t)u[i].id, "login", u[i].login, "name", u[i].name,
		    "role", u[i].role, "presence", u[i].presence ? u[i].presence : "away",
		    "disabled", (int)u[i].disabled, "department_ids", d));
	}
	api_list(rs, a, 0);
}

static json_t *
channel_json(const struct api_channel_row *c)
{
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:{s:b,s:I,s:I,s:o,s:o,s:o,s:o}}",
	    "id", (json_int_t)c->id, "brand_id", (json_int_t)c->brand_id, "state", c->state,
	    "original_id", api_str(c->original_id), "app_id", api_str(c->app_id),
	    "department_id", api_id(c->department_id),
	    "verified_at", api_time(c->verified_at), "last_message_at", api_time(c->last_message_at),
	    "health", "ok", c->token_errcode == 0 && strcmp(c->state, "active") == 0,
	    "signature_failures", (json_int_t)c->signature_failures,
	    "decrypt_failures", (json_int_t)c->decrypt_failures,
	    "last_failure", api_str(c->last_failure),
	    "token_errcode", c->token_errcode ? json_integer(c->token_errcode) : json_null(),
	    "token_error", api_str(c->token_error),
	    "token_expires_at", api_time(c->token_expires));
}

/* GET /api/v1/channels and /api/v1/channels/{id}: accounts (never their secrets) */
void
api_channels_get(struct req *r, struct resp *rs)
{
	struct api_channel_row *c;
	size_t                  n;
	json_t                 *a;
	long long               one = r->nids ? r->ids[0] : 0;

	if (db_api_channels(&r->pool, api_brand(r), one, &c, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	if (one) {
		if (n == 0)
			api_error(r, rs, 404, "channel_not_found", NULL);
		else
			api_ok(rs, 200, channel_json(&c[0]));
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, channel_json(&c[i]));
	api_list(rs, a, 0);
}

void
api_canned_get(struct req *r, struct resp *rs)
{
	struct api_canned_row *c;
	size_t                 n;
	json_t                *a;

	if (db_api_canned(&r->pool, api_brand(r), &c, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:I,s:s,s:o,s:s,s:o}", "id",
		    (json_int_t)c[i].id, "brand_id", (json_int_t)c[i].brand_id, "shortcut",
		    c[i].shortcut, "category", api_str(c[i].category), "text", c[i].body,
		    "attachment_id", api_id(c[i].attachment_id)));
	api_list(rs, a, 0);
}

static json_t *
follower_json(const struct api_follower_row *f)
{
	json_error_t e;
	json_t      *tags = f->tags ? json_loads(f->tags, 0, &e) : NULL;

	return json_pack("{s:I,s:I,s:I,s:s,s:o,s:b,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)f->id, "channel_id", (json_int_t)f->channel_id,
	    "brand_id", (json_int_t)f->brand_id, "openid", f->openid,
	    "unionid", api_str(f->unionid), "following", (int)f->subscribed,
	    "followed_at", api_time(f->subscribed_at),
	    "unfollowed_at", api_time(f->unsubscribed_at), "alias", api_str(f->alias),
	    "remark", api_str(f->remark), "language", api_str(f->language),
	    "tags", tags ? tags : json_array());
}

/* GET /api/v1/followers: ?following=1|0, tag_id, limit, cursor */
void
api_followers_get(struct req *r, struct resp *rs)
{
	struct api_follower_row *f;
	size_t                   n;
	long long                after, tag = 0, sub = -1;
	int                      limit;
	json_t                  *a;
	const char              *v;

	if (api_page(r, rs, 100, 1000, &limit, &after) != 0)
		return;
	if ((v = req_arg(r, "following")) && *v) {
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
			api_error(r, rs, 400, "bad_filter", LF(r, "api.error.bad_flag", "following"));
			return;
		}
		sub = strcmp(v, "1") == 0;
	}
	if (api_arg_id(r, rs, "tag_id", &tag) != 0)
		return;
	if (db_api_followers(&r->pool, api_brand(r), after, tag, sub, limit, &f, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, follower_json(&f[i]));
	api_list(rs, a, n == (size_t)limit ? f[n - 1].id : 0);
}

/* follower r->ids[0], if the token may see them: 0, or -1 answered */
static int
follower_of(struct req *r, struct resp *rs, struct api_follower_row *f)
{
	enum dbrc rc = db_api_follower(&r->pool, r->ids[0], f);

	return api_found(r, rs, rc, rc == DB_OK ? f->brand_id : 0, "follower_not_found");
}

void
api_follower_get(struct req *r, struct resp *rs)
{
	struct api_follower_row f;

	if (follower_of(r, rs, &f) == 0)
		api_ok(rs, 200, follower_json(&f));
}

/* POST /api/v1/followers/{id}/remark {"remark"}: here at once, and to
 * WeChat (30 characters at most there; longer stays here), as the
 * follower's page does; "" or null removes it */
void
api_follower_remark_post(struct req *r, struct resp *rs)
{
	struct api_follower_row f;
	json_t                 *body;
	const char             *remark;
	enum dbrc               rc;

	if ((body = api_body(r, rs)) == NULL)
		return;
	remark = json_string_value(json_object_get(body, "remark"));
	remark = remark && *remark ? pool_strdup(&r->pool, remark) : NULL;
	json_decref(body);
	if (follower_of(r, rs, &f) != 0)
		return;
	if (remark && (!utf8_valid(remark, strlen(remark)) || utf8_chars(remark) > 100)) {
		api_error(r, rs, 422, "remark_too_long", NULL);
		return;
	}
	rc = db_write_remark(&r->pool, f.id, remark, remark == NULL ||
	    utf8_chars(remark) <= WRITE_REMARK_MAX, r->token->creator, wx_now());
	if (rc != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	api_follower_get(r, rs);
}

/* POST /api/v1/followers/{id}/tags {"add": [ids], "remove": [ids]}: each
 * as the follower's page gives or takes it; the first refusal stops */
void
api_follower_tags_post(struct req *r, struct resp *rs)
{
	struct api_follower_row f;
	json_t                 *body, *v;
	enum tag_refusal        why;
	size_t                  i;
	enum dbrc               rc = DB_OK;

	if ((body = api_body(r, rs)) == NULL)
		return;
	if (follower_of(r, rs, &f) != 0) {
		json_decref(body);
		return;
	}
	for (int on = 1; on >= 0; on--)
		json_array_foreach(json_object_get(body, on ? "add" : "remove"), i, v)
			if (!json_is_integer(v))
				rc = DB_CONFLICT;
	for (int on = 1; on >= 0 && rc == DB_OK; on--)
		json_array_foreach(json_object_get(body, on ? "add" : "remove"), i, v) {
			if ((rc = tag_follower(&r->pool, f.id, json_integer_value(v), on,
			    r->token->creator, wx_now(), &why)) != DB_OK)
				break;
		}
	json_decref(body);
	if (rc == DB_CONFLICT)
		api_error(r, rs, 422, "bad_tags", NULL);
	else if (rc == DB_INVALID)
		api_error(r, rs, 409, "tag_refused", L(r, tag_refusal_key(why)));
	else if (rc != DB_OK)
		api_db_down(r, rs);
	else
		api_follower_get(r, rs);
}

/* GET /api/v1/reports/overview: the overview page's figures (its filters:
 * from, to, tz, brand, channel, department, operator), as the token's
 * maker sees them */
void
api_report_overview_get(struct req *r, struct resp *rs)
{
	enum dbrc rc = api_as_user(r, r->token->creator);

	if (rc == DB_NOTFOUND)
		api_error(r, rs, 422, "staff_not_found", NULL);
	else if (rc != DB_OK)
		api_db_down(r, rs);
	else
		reports_overview_get(r, rs);
}
