/*
 * router.c: the one place where every request is checked before its
 * handler runs: route and method (404/405), sign-in (redirect or 401), role
 * (403), CSRF on every non-GET (403). Handlers can therefore assume a
 * valid, permitted, CSRF-checked request. Error pages are made here too,
 * and the audit trail's record of each administrative change that took
 * effect (a route's audit action), so no handler can forget one.
 * (app.c is the FastCGI loop around it, session.c the sessions, route.c
 * the matching of paths and the role names.)
 */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "audit.h"
#include "db.h"
#include "json.h"

static const char *
status_title(struct req *r, int status)
{
	switch (status) {
	case 400: return L(r, "error.title_400");
	case 401: return L(r, "error.title_401");
	case 403: return L(r, "error.title_403");
	case 404: return L(r, "error.title_404");
	case 405: return L(r, "error.title_405");
	case 409: return L(r, "error.title_409");
	case 413: return L(r, "error.title_413");
	case 503: return L(r, "error.title_503");
	default:  return L(r, "error.title_other");
	}
}

/* Replaces whatever was built so far with an error page (or JSON). */
void
page_error(struct req *r, struct resp *rs, int status, int json, const char *msg)
{
	buf_reset(&rs->body);
	rs->status = status;
	if (json) {
		resp_json(rs, status, json_pack("{s:o,s:i}", "error", json_s(msg), "status",
		    status));
		return;
	}
	tmpl_set_int(r, "Error.Status", status);
	tmpl_set(r, "Error.Title", status_title(r, status));
	tmpl_set(r, "Error.Message", msg);
	rs->ctype = "text/html; charset=utf-8";
	if (tmpl_render(r, rs, "error.cs") != 0)
		resp_text(rs, status, msg);
	rs->status = status;
}

static int
is_write(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

void
router_handle(const struct app *a, struct req *r, struct resp *rs)
{
	const struct route *rt = NULL;
	int                 method_seen = 0, json;
	struct buf          allow = { 0 };
	const char         *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;

	for (size_t i = 0; i < a->nroutes; i++) {
		if (!route_match(a->routes[i].pattern, r->path, r->ids, &r->nids,
		    &r->key, &r->pool))
			continue;
		if (strcmp(a->routes[i].method, method) == 0) {
			rt = &a->routes[i];
			break;
		}
		if (allow.len)
			buf_puts(&allow, ", ");
		buf_puts(&allow, a->routes[i].method);
		method_seen = 1;
	}
	json = rt ? (rt->flags & R_JSON) != 0 : strstr(r->path, "/api/") != NULL;
	if (rt && (rt->flags & R_SIGNED)) {
		/* WeChat's pushes carry no cookies; the handler checks the signature */
		rt->fn(r, rs);
		goto out;
	}

	/* ?lang= on a page: the switch for a visitor and for an account that
	 * never chose (an account chooses on "My account", which replaces it) */
	{
		int pick = json || is_write(method) ? -1 : lang_parse(req_arg(r, "lang"));
		if (pick >= 0)
			resp_cookie(rs, "wxlang", lang_code((enum lang)pick), 365L * 86400,
			    r->https);
		r->lang = pick >= 0 ? (enum lang)pick : lang_default(r);
	}
	if (session_load(r, rs, rt && !json && !is_write(method),
	    rt && (rt->flags & R_MARK)) != 0) {
		page_error(r, rs, 503, json, L(r, "error.db_down"));
		goto out;
	}
	if (r->user == NULL)
		session_pre_csrf(r, rs);
	if (rt == NULL) {
		if (method_seen) {
			resp_header(rs, "Allow", allow.data);
			page_error(r, rs, 405, json, L(r, "error.method"));
		} else
			page_error(r, rs, 404, json, L(r, "error.not_found"));
		goto out;
	}
	if (!(rt->flags & R_PUBLIC) && r->user == NULL) {
		if (json)
			page_error(r, rs, 401, 1, L(r, "error.sign_in_again"));
		else if (!is_write(method))
			resp_redirect(rs, pool_printf(&r->pool, "/login?next=%s",
			    r->path));
		else {
			page_error(r, rs, 403, 0, L(r, "error.session_ended"));
		}
		goto out;
	}
	if (r->user != NULL && r->user->role < rt->role) {
		page_error(r, rs, 403, json, LF(r, "error.role", L(r, pool_printf(&r->pool,
		    "role_plural.%s", role_name(rt->role))), r->user->login,
		    L(r, pool_printf(&r->pool, "role.%s", role_name(r->user->role)))));
		goto out;
	}
	/* an administrator who must use a second factor and has none sets it
	 * up before anything else (My account, and signing out, stay open) */
	if (r->user != NULL && r->user->must_enrol && strncmp(r->path, "/account", 8) != 0 &&
	    strcmp(r->path, "/logout") != 0) {
		if (json || is_write(method))
			page_error(r, rs, 403, json, L(r, "tf.must_enrol"));
		else {
			flash_set(r, L(r, "tf.must_enrol"));
			resp_redirect(rs, "/account");
		}
		goto out;
	}
	if (is_write(method)) {
		/* from the body only: a token in the URL would end up in logs
		 * and Referer headers */
		const char *tok = req_field(r, "csrf");
		if (tok == NULL || !ct_streq(tok, r->csrf)) {
			page_error(r, rs, 403, json, L(r, "error.csrf"));
			goto out;
		}
	}
	rt->fn(r, rs);
	/* a change that took effect (a form refused is 4xx): on the record */
	if (rt->audit && is_write(method) && rs->status < 400)
		audit_route(r, rt->audit);
out:
	buf_free(&allow);
}
