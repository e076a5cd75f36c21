/*
 * req.c: turns one FastCGI request into a struct req.
 *
 * The parsers work on plain byte ranges so that the unit tests and the
 * libFuzzer drivers can call them without FastCGI. Everything they return
 * lives in the request pool. Size limits are checked against Content-Length
 * before any of the body is read.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>
#include <ClearSilver.h>

#include "addr.h"
#include "wxdesk.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes %XX (and '+' as space when plus is set). Bad escapes stay literal. */
char *
url_decode(struct pool *p, const char *s, size_t n, int plus)
{
	char  *r = pool_alloc(p, n + 1);
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			r[j++] = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			    hexval((unsigned char)s[i + 2]));
			i += 2;
		} else if (plus && s[i] == '+')
			r[j++] = ' ';
		else
			r[j++] = s[i];
	}
	r[j] = '\0';
	return r;
}

static struct kv *
kv_add(struct pool *p, struct kv ***tail, const char *k, const char *v, size_t vlen)
{
	struct kv *e = pool_alloc(p, sizeof *e);

	e->key = k;
	e->val = v;
	e->vlen = vlen;
	**tail = e;
	*tail = &e->next;
	return e;
}

/*
 * Parses a=1&b=2 into *out (in order). Returns 0, or 413 when there are
 * more than maxfields fields or a value is longer than field_max.
 */
int
req_parse_urlencoded(struct pool *p, const char *s, size_t n, struct kv **out,
    int maxfields, size_t field_max)
{
	struct kv **tail = out;
	int         count = 0;
	size_t      i = 0;

	*out = NULL;
	while (i < n) {
		size_t start = i, eq = (size_t)-1;

		while (i < n && s[i] != '&' && s[i] != ';') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			const char *k, *v;
			if (++count > maxfields)
				return 413;
			if (eq == (size_t)-1) {
				k = url_decode(p, s + start, i - start, 1);
				v = pool_strdup(p, "");
			} else {
				if (i - eq - 1 > field_max)
					return 413;
				k = url_decode(p, s + start, eq - start, 1);
				v = url_decode(p, s + eq + 1, i - eq - 1, 1);
			}
			kv_add(p, &tail, k, v, strlen(v));
		}
		i++;
	}
	return 0;
}

/* Parses "a=1; b=2". Values are not decoded (ours are hex). */
int
req_parse_cookies(struct pool *p, const char *s, struct kv **out)
{
	struct kv **tail = out;

	*out = NULL;
	while (s && *s) {
		while (*s == ' ' || *s == ';' || *s == '\t')
			s++;
		const char *k = s;
		while (*s && *s != '=' && *s != ';')
			s++;
		if (*s != '=') {
			continue;	/* a bare name: skip it */
		}
		const char *ke = s++;
		const char *v = s;
		while (*s && *s != ';')
			s++;
		const char *ve = s;
		while (ke > k && ke[-1] == ' ')
			ke--;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"')
			v++, ve--;
		if (ke > k)
			kv_add(p, &tail, pool_strndup(p, k, (size_t)(ke - k)),
			    pool_strndup(p, v, (size_t)(ve - v)), (size_t)(ve - v));
	}
	return 0;
}

static const char *
memfind(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	for (const char *e = h + hn - nn; h <= e; h++) {
		h = memchr(h, n[0], (size_t)(e - h) + 1);
		if (h == NULL)
			return NULL;
		if (memcmp(h, n, nn) == 0)
			return h;
	}
	return NULL;
}

/* Finds a parameter like boundary=... or name="..." in a header value. */
static char *
header_param(struct pool *p, const char *h, size_t hn, const char *name)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i + nl < hn; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ' || h[i - 1] == '\t') &&
		    strncasecmp(h + i, name, nl) == 0 && h[i + nl] == '=') {
			const char *v = h + i + nl + 1, *e = h + hn;
			if (v < e && *v == '"') {
				const char *q = memchr(v + 1, '"', (size_t)(e - v - 1));
				if (q == NULL)
					return NULL;
				return pool_strndup(p, v + 1, (size_t)(q - v - 1));
			}
			const char *q = v;
			while (q < e && *q != ';' && *q != ' ' && *q != '\r')
				q++;
			return pool_strndup(p, v, (size_t)(q - v));
		}
	}
	return NULL;
}

/*
 * Parses a multipart/form-data body. Returns 0, 400 for a malformed body,
 * or 413 when a field, a file or the number of fields is over the limit.
 */
int
req_parse_multipart(struct pool *p, const char *ctype, const char *body, size_t n,
    const struct req_limits *lim, struct kv **out)
{
	struct kv **tail = out;
	char       *b, *delim;
	size_t      dl;
	const char *cur, *end = body + n;
	int         count = 0;

	*out = NULL;
	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return 400;
	b = header_param(p, ctype, strlen(ctype), "boundary");
	if (b == NULL || *b == '\0' || strlen(b) > 70)
		return 400;
	delim = pool_printf(p, "--%s", b);
	dl = strlen(delim);

	/* the first delimiter may be preceded by a preamble */
	cur = memfind(body, n, delim, dl);
	if (cur == NULL)
		return 400;
	cur += dl;
	for (;;) {
		const char *hend, *next, *name_hdr = NULL, *ct = NULL;
		size_t      name_len = 0, ct_len = 0;

		if (end - cur >= 2 && cur[0] == '-' && cur[1] == '-')
			return 0;	/* closing delimiter */
		if (end - cur < 2 || cur[0] != '\r' || cur[1] != '\n')
			return 400;
		cur += 2;
		hend = memfind(cur, (size_t)(end - cur), "\r\n\r\n", 4);
		if (hend == NULL)
			return 400;
		/* headers: one per line */
		for (const char *l = cur; l < hend;) {
			const char *le = memfind(l, (size_t)(hend - l) + 2, "\r\n", 2);
			if (le == NULL || le > hend)
				le = hend;
			if ((size_t)(le - l) > 20 &&
			    strncasecmp(l, "Content-Disposition:", 20) == 0) {
				name_hdr = l + 20;
				name_len = (size_t)(le - l) - 20;
			} else if ((size_t)(le - l) > 13 &&
			    strncasecmp(l, "Content-Type:", 13) == 0) {
				ct = l + 13;
				ct_len = (size_t)(le - l) - 13;
			}
			l = le + 2;
		}
		cur = hend + 4;
		{
			char *crlfdelim = pool_printf(p, "\r\n%s", delim);
			next = memfind(cur, (size_t)(end - cur), crlfdelim, dl + 2);
		}
		if (next == NULL)
			return 400;
		if (name_hdr == NULL)
			return 400;
		char *fname = header_param(p, name_hdr, name_len, "name");
		char *filename = header_param(p, name_hdr, name_len, "filename");
		size_t vlen = (size_t)(next - cur);
		if (fname == NULL)
			return 400;
		if (++count > lim->fields_max)
			return 413;
		if (vlen > (filename ? lim->file_max : lim->field_max))
			return 413;
		struct kv *e = kv_add(p, &tail, fname, pool_strndup(p, cur, vlen), vlen);
		if (filename) {
			/* keep only the last path component a browser may send */
			const char *slash = strrchr(filename, '/');
			const char *bslash = strrchr(filename, '\\');
			if (bslash > slash) slash = bslash;
			e->filename = slash ? slash + 1 : filename;
			if (ct) {
				while (ct_len && (*ct == ' ' || *ct == '\t'))
					ct++, ct_len--;
				e->ctype = pool_strndup(p, ct, ct_len);
			}
		}
		cur = next + 2 + dl;
	}
}

static const char *
kv_get(const struct kv *l, const char *name)
{
	for (; l; l = l->next)
		if (strcmp(l->key, name) == 0)
			return l->val;
	return NULL;
}

const char *
req_arg(struct req *r, const char *name)
{
	return kv_get(r->args, name);
}

/* A body field that is not a file; NULL when absent. */
const char *
req_field(struct req *r, const char *name)
{
	for (struct kv *l = r->form; l; l = l->next)
		if (l->filename == NULL && strcmp(l->key, name) == 0)
			return l->val;
	return NULL;
}

int
req_field_all(struct req *r, const char *name, const char **out, int max)
{
	int n = 0;

	for (struct kv *l = r->form; l && n < max; l = l->next)
		if (l->filename == NULL && strcmp(l->key, name) == 0)
			out[n++] = l->val;
	return n;
}

const struct kv *
req_file(struct req *r, const char *name)
{
	for (struct kv *l = r->form; l; l = l->next)
		if (l->filename != NULL && strcmp(l->key, name) == 0)
			return l;
	return NULL;
}

const char *
req_cookie(struct req *r, const char *name)
{
	return kv_get(r->cookies, name);
}

static const char *
param(struct req *r, FCGX_Request *f, const char *name)
{
	const char *v = FCGX_GetParam(name, f->envp);

	return v ? pool_strdup(&r->pool, v) : NULL;
}

/*
 * Fills r from the FastCGI request: parameters, query, cookies and, for a
 * body with a form content type, the body fields. Returns 0 when the
 * request can be routed, or the HTTP status to answer with (400, 413).
 */
int
req_from_fcgi(struct req *r, FCGX_Request *f, const struct req_limits *lim)
{
	const char *uri, *cl, *q;
	char       *body = NULL;
	int         rc;

	r->method = param(r, f, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	uri = param(r, f, "REQUEST_URI");
	if (uri == NULL)
		uri = "/";
	q = strchr(uri, '?');
	r->path = url_decode(&r->pool, uri, q ? (size_t)(q - uri) : strlen(uri), 0);
	r->query = q ? q + 1 : "";
	r->ctype = param(r, f, "CONTENT_TYPE");
	r->peer_addr = param(r, f, "REMOTE_ADDR");
	r->remote_addr = r->peer_addr;
	r->user_agent = param(r, f, "HTTP_USER_AGENT");
	r->cookie_hdr = param(r, f, "HTTP_COOKIE");
	r->accept_language = param(r, f, "HTTP_ACCEPT_LANGUAGE");
	r->authorization = param(r, f, "HTTP_AUTHORIZATION");
	r->idem_key = param(r, f, "HTTP_IDEMPOTENCY_KEY");
	{
		const char *https = FCGX_GetParam("HTTPS", f->envp);
		r->https = https && strcasecmp(https, "on") == 0;
	}
	/* a path with a NUL byte (from %00) is never a route */
	{
		const char *z = strstr(uri, "%00");
		if (z != NULL && (q == NULL || z < q))
			return 400;
	}
	if ((rc = req_parse_urlencoded(&r->pool, r->query, strlen(r->query), &r->args,
	    64, 8192)) != 0)
		return rc;
	req_parse_cookies(&r->pool, r->cookie_hdr, &r->cookies);

	cl = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	if (cl && *cl) {
		char              *e;
		unsigned long long v = strtoull(cl, &e, 10);
		if (*e != '\0')
			return 400;
		if (v > lim->body_max)
			return 413;	/* refused before reading anything */
		r->clen = (size_t)v;
	}
	if (r->clen == 0)
		return 0;
	body = pool_alloc(&r->pool, r->clen + 1);
	{
		size_t got = 0;
		while (got < r->clen) {
			int n = FCGX_GetStr(body + got, (int)(r->clen - got), f->in);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != r->clen)
			return 400;
	}
	r->body = body;
	if (lim->fields_max == 0)
		return 0;	/* a raw-body program (the webhook): no form parsing */
	if (r->ctype && strncasecmp(r->ctype, "application/x-www-form-urlencoded", 33) == 0)
		return req_parse_urlencoded(&r->pool, body, r->clen, &r->form,
		    lim->fields_max, lim->field_max);
	if (r->ctype && strncasecmp(r->ctype, "multipart/form-data", 19) == 0)
		return req_parse_multipart(&r->pool, r->ctype, body, r->clen, lim, &r->form);
	return 0;
}

/*
 * Behind a trusted proxy (peer in the list trusted, Proxy.Trusted): the
 * client it names in X-Forwarded-For becomes r->remote_addr, and its
 * X-Forwarded-Proto says whether the client spoke https. From any other
 * peer both headers are ignored.
 */
void
req_proxied(struct req *r, FCGX_Request *f, const char *trusted)
{
	const char *proto;

	if (trusted == NULL || *trusted == '\0' || !addr_in(r->peer_addr, trusted))
		return;
	r->remote_addr = addr_client(&r->pool, r->peer_addr,
	    FCGX_GetParam("HTTP_X_FORWARDED_FOR", f->envp), trusted);
	proto = FCGX_GetParam("HTTP_X_FORWARDED_PROTO", f->envp);
	if (proto && strcasecmp(proto, "https") == 0)
		r->https = 1;
}

void
req_free(struct req *r)
{
	if (r->hdf != NULL)
		hdf_destroy(&r->hdf);
	pool_free(&r->pool);
	memset(r, 0, sizeof *r);
}
