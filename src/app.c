/*
 * app.c: the FastCGI loop of every wxdesk program: accept a request, read
 * it within the limits its route allows, hand it to the router, write the
 * answer, free the request. lighttpd passes the listening socket as fd 0.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "db.h"
#include "wx.h"

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
	req_proxied(&r, f, cfg_get("Proxy.Trusted", ""));
	r.lang = lang_default(&r);
	if (a->handle)
		a->handle(a, &r, &rs, st);
	else if (st == 413) {
		/* signed in, the page keeps its menu (the session is read from
		 * the cookie; the body, too large, is not) */
		if (session_load(&r, &rs, 0, 0) == 0 && r.user == NULL)
			r.lang = lang_default(&r);
		page_error(&r, &rs, 413, strstr(r.path ? r.path : "", "/api/") != NULL,
		    lim->file_max >= (1 << 20) ? LF(&r, "error.too_large",
		    (double)lim->file_max / (1 << 20), (int)(WX_IMAGE_MAX >> 20),
		    (int)(WX_VOICE_MAX >> 20)) : LF(&r, "error.too_large_form", lim->body_max / 1024));
	}
	else if (st != 0)
		page_error(&r, &rs, st, 0, L(&r, "error.malformed"));
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
	db_open();	/* failure is not fatal: each request retries */
	FCGX_Init();
	FCGX_InitRequest(&f, 0, 0);
	while (!stopping && FCGX_Accept_r(&f) >= 0) {
		serving = 1;
		app_serve_one(a, &f);
		FCGX_Finish_r(&f);
		if (a->after)
			a->after();
		db_request_done();
		serving = 0;
	}
	db_close();
	return 0;
}
