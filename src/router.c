/*
 * router.c: the one place where every request is checked before its
 * handler runs: route and method (404/405), sign-in (redirect or 401), role
 * (403), CSRF on every non-GET (403). Handlers can therefore assume a
 * valid, permitted, CSRF-checked request. Error pages are made here too.
 * (app.c is the FastCGI loop around it, session.c the sessions, route.c
 * the matching of paths and the role names.)
 */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "db.h"
#include "json.h"

static const char *
status_title(int status)
{
	switch (status) {
	case 400: return "That request could not be understood";
	case 403: return "Not allowed";
	case 404: return "Page not found";
	case 405: return "Method not allowed";
	case 413: return "Too large";
	case 503: return "Temporarily unavailable";
	default:  return http_reason(status);
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
	tmpl_set(r, "Error.Title", status_title(status));
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

	if (session_load(r, rs, rt && !json && !is_write(method)) != 0) {
		page_error(r, rs, 503, json, "The database is not reachable right now, so "
		    "nothing was read or changed. Please try again in a moment.");
		goto out;
	}
	if (r->user == NULL)
		session_pre_csrf(r, rs);
	if (rt == NULL) {
		if (method_seen) {
			resp_header(rs, "Allow", allow.data);
			page_error(r, rs, 405, json, "This address does not accept that "
			    "kind of request.");
		} else
			page_error(r, rs, 404, json, "There is nothing at this address.");
		goto out;
	}
	if (!(rt->flags & R_PUBLIC) && r->user == NULL) {
		if (json)
			page_error(r, rs, 401, 1, "Please sign in again.");
		else if (!is_write(method))
			resp_redirect(rs, pool_printf(&r->pool, "/login?next=%s",
			    r->path));
		else {
			page_error(r, rs, 403, 0, "Your session has ended. Sign in again "
			    "and repeat the change.");
		}
		goto out;
	}
	if (r->user != NULL && r->user->role < rt->role) {
		page_error(r, rs, 403, json, pool_printf(&r->pool, "This page is for "
		    "%ss only. You are signed in as %s (%s).", role_name(rt->role),
		    r->user->login, role_name(r->user->role)));
		goto out;
	}
	if (is_write(method)) {
		/* from the body only: a token in the URL would end up in logs
		 * and Referer headers */
		const char *tok = req_field(r, "csrf");
		if (tok == NULL || !ct_streq(tok, r->csrf)) {
			page_error(r, rs, 403, json, "The form was out of date or did not "
			    "come from this site (CSRF check failed), so nothing was "
			    "changed. Reload the page and try again.");
			goto out;
		}
	}
	rt->fn(r, rs);
out:
	buf_free(&allow);
}
