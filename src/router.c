/*
 * router.c: the FastCGI main loop and the one place where every request is
 * checked before its handler runs: route and method (404/405), sign-in
 * (redirect or 401), role (403), CSRF on every non-GET (403). Handlers can
 * therefore assume a valid, permitted, CSRF-checked request.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <ClearSilver.h>

#include "db.h"
#include "json.h"

#define SID_COOKIE  "wxsid"
#define PRE_COOKIE  "wxcsrf"

/* What a role may see beyond its route table: supervisors and admins see every department's chats. */
int
user_sees_all_chats(const struct user *u)
{
	return u != NULL && u->role >= ROLE_SUPERVISOR;
}

const char *
role_name(enum role ro)
{
	switch (ro) {
	case ROLE_ADMIN:      return "admin";
	case ROLE_SUPERVISOR: return "supervisor";
	case ROLE_OPERATOR:   return "operator";
	default:              return "none";
	}
}

enum role
role_parse(const char *s)
{
	if (s == NULL) return ROLE_NONE;
	if (strcmp(s, "admin") == 0) return ROLE_ADMIN;
	if (strcmp(s, "supervisor") == 0) return ROLE_SUPERVISOR;
	if (strcmp(s, "operator") == 0) return ROLE_OPERATOR;
	return ROLE_NONE;
}

/*
 * Matches path against pattern segment by segment; "{id}" matches 1-18
 * digits, stored in ids[]. Returns 1 on a match.
 */
int
route_match(const char *pattern, const char *path, long long *ids, int *nids,
    const char **key, struct pool *pl)
{
	const char *p = pattern, *s = path;

	*nids = 0;
	while (*p && *s) {
		if (strncmp(p, "{key}", 5) == 0) {
			/* an opaque token: 1-64 letters, digits, '-' or '_' */
			size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-_");
			if (n == 0 || n > 64 || (s[n] != '/' && s[n] != '\0'))
				return 0;
			if (key && pl)
				*key = pool_strndup(pl, s, n);
			s += n;
			p += 5;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			const char *st = s;
			long long   v = 0;
			while (*s >= '0' && *s <= '9' && s - st < 18)
				v = v * 10 + (*s++ - '0');
			if (s == st || (*s != '/' && *s != '\0'))
				return 0;
			if (*nids < 4)
				ids[(*nids)++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++, s++;
	}
	return *p == '\0' && *s == '\0';
}

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

void
flash_set(struct req *r, const char *msg)
{
	if (r->sid_hash)
		db_session_flash(&r->pool, r->sid_hash, msg);
}

/* Reads the session from its cookie; returns -1 only when the database failed. */
static int
session_load(struct req *r, struct resp *rs, int want_flash)
{
	const char  *sid = req_cookie(r, SID_COOKIE);
	struct dbres res;
	enum dbrc    rc;
	time_t       now = wx_now();
	long         idle = 60L * cfg_int("Session.IdleMinutes", 480);

	if (sid == NULL || strlen(sid) != 64)
		return 0;
	r->sid_hash = sha256_hex(&r->pool, sid, 64);
	rc = db_session_get(&r->pool, r->sid_hash, &res);
	if (rc == DB_FAIL)
		return -1;
	if (rc == DB_NOTFOUND) {
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	/* columns: user_id csrf last_seen flash login name role disabled */
	if (db_int(&res, 0, 7) != 0 || now - db_int(&res, 0, 2) > idle) {
		db_session_delete(&r->pool, r->sid_hash);
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	r->user = pool_alloc(&r->pool, sizeof *r->user);
	r->user->id = db_int(&res, 0, 0);
	r->user->login = db_cell(&res, 0, 4);
	r->user->name = db_cell(&res, 0, 5);
	r->user->role = role_parse(db_cell(&res, 0, 6));
	r->csrf = db_cell(&res, 0, 1);
	if (now - db_int(&res, 0, 2) >= 60)
		db_session_touch(&r->pool, r->sid_hash, now);
	if (want_flash && db_cell(&res, 0, 3) != NULL) {
		r->flash = db_cell(&res, 0, 3);
		db_session_flash(&r->pool, r->sid_hash, NULL);
	}
	return 0;
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
	if (r->user == NULL) {
		/* a signed-out visitor still needs a CSRF token for the sign-in form */
		const char *pre = req_cookie(r, PRE_COOKIE);
		if (pre != NULL && strlen(pre) == 64 && strspn(pre, "0123456789abcdef") == 64)
			r->csrf = pre;
		else {
			r->csrf = rand_hex(&r->pool, 32);
			resp_cookie(rs, PRE_COOKIE, r->csrf, -1, r->https);
		}
	}
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

void
req_free(struct req *r)
{
	if (r->hdf != NULL)
		hdf_destroy(&r->hdf);
	pool_free(&r->pool);
	memset(r, 0, sizeof *r);
}

/* Serves one accepted request; all of its memory is released here. */
/*
 * The limits a request's body is held to, chosen before it is read: a POST
 * to a route that takes files (R_UPLOAD) gets the app's upload limits,
 * everything else the app's small ones.
 */
static const struct req_limits *
limits_for(const struct app *a, FCGX_Request *f, struct pool *p)
{
	const char *uri = FCGX_GetParam("REQUEST_URI", f->envp);
	const char *method = FCGX_GetParam("REQUEST_METHOD", f->envp);
	long long   ids[4];
	int         nids;
	const char *key;

	if (uri == NULL || method == NULL || strcmp(method, "POST") != 0)
		return &a->limits;
	uri = pool_strndup(p, uri, strcspn(uri, "?"));
	for (size_t i = 0; i < a->nroutes; i++)
		if ((a->routes[i].flags & R_UPLOAD) && strcmp(a->routes[i].method, "POST") == 0 &&
		    route_match(a->routes[i].pattern, uri, ids, &nids, &key, p))
			return &a->upload_limits;
	return &a->limits;
}

void
app_serve_one(const struct app *a, FCGX_Request *f)
{
	struct req  r;
	struct resp rs;
	int         st;
	const struct req_limits *lim;

	memset(&r, 0, sizeof r);
	resp_init(&rs);
	lim = limits_for(a, f, &r.pool);
	/* the HDF tree is made on first use: the webhook never needs one */
	st = req_from_fcgi(&r, f, lim);
	if (st == 413) {
		char msg[200];
		snprintf(msg, sizeof msg, "The upload is too large. The limit is %zu KB "
		    "for the whole request and %zu KB for one file; nothing was saved.",
		    lim->body_max / 1024, lim->file_max / 1024);
		page_error(&r, &rs, 413, strstr(r.path ? r.path : "", "/api/") != NULL, msg);
	} else if (st != 0)
		page_error(&r, &rs, st, 0, "The request was malformed.");
	else
		router_handle(a, &r, &rs);
	if (strcmp(r.method ? r.method : "", "HEAD") == 0)
		buf_reset(&rs.body);
	resp_write(&rs, f);
	resp_free(&rs);
	req_free(&r);
}

static volatile sig_atomic_t stopping, serving;

/*
 * libfcgi retries accept() when a signal interrupts it, so a flag alone
 * would never end the loop: between requests the process exits at once
 * (lighttpd is stopping it), during one it finishes the request first.
 */
static void
on_term(int sig)
{
	(void)sig;
	if (!serving)
		_exit(0);
	stopping = 1;
}

/*
 * The FastCGI loop of a program: lighttpd passes the listening socket as
 * fd 0. Configuration, the secret key and the database connection live for
 * the whole process.
 */
int
app_main(const struct app *a, int argc, char **argv)
{
	FCGX_Request f;
	struct sigaction sa;

	(void)argc;
	wx_set_progname(a->name);
	if (cfg_load(NULL) != 0)
		return 1;
	wx_log_open(cfg_get("Log.File", NULL));
	if (secret_key_load(cfg_get("Secrets.KeyFile", NULL)) != 0)
		return 1;
	(void)argv;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (a->implicit_txn)
		db_implicit_transactions();
	db_open();	/* failure is not fatal: each request retries */
	FCGX_Init();
	FCGX_InitRequest(&f, 0, 0);
	while (!stopping && FCGX_Accept_r(&f) >= 0) {
		serving = 1;
		app_serve_one(a, &f);
		FCGX_Finish_r(&f);
		db_request_done();
		serving = 0;
	}
	db_close();
	return 0;
}
