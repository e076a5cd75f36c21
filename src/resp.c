/*
 * resp.c: one response per request, built in memory and written once with
 * its Content-Length, so an error can still replace a half-built page.
 */
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#include "json.h"
#include "wxdesk.h"

void
resp_init(struct resp *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	rs->ctype = "text/html; charset=utf-8";
}

void
resp_free(struct resp *rs)
{
	buf_free(&rs->headers);
	buf_free(&rs->body);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default:  return "Status";
	}
}

/* A header value may not carry CR, LF or other control bytes. */
int
header_value_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 0;
		else if (*s == 0x7f)
			return 0;
	return 1;
}

/* Adds a header; returns -1 (and adds nothing) when name or value is unsafe. */
int
resp_header(struct resp *rs, const char *name, const char *value)
{
	if (!header_value_ok(name) || !header_value_ok(value) || strchr(name, ':')) {
		wx_log("refused a response header with control characters (%s)", name);
		return -1;
	}
	buf_printf(&rs->headers, "%s: %s\r\n", name, value);
	return 0;
}

void
resp_redirect(struct resp *rs, const char *location)
{
	/* only local paths: an open redirect would help phishing */
	if (location == NULL || location[0] != '/' || location[1] == '/' ||
	    location[1] == '\\')
		location = "/";
	if (resp_header(rs, "Location", location) != 0)
		resp_header(rs, "Location", "/");
	rs->status = 303;
	buf_reset(&rs->body);
}

void
resp_cookie(struct resp *rs, const char *name, const char *value, long maxage,
    int secure)
{
	char line[512];

	snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, secure ? "; Secure" : "",
	    maxage < 0 ? "" : maxage == 0 ? "; Max-Age=0" : "");
	if (maxage > 0) {
		size_t l = strlen(line);
		snprintf(line + l, sizeof line - l, "; Max-Age=%ld", maxage);
	}
	resp_header(rs, "Set-Cookie", line);
}

void
resp_text(struct resp *rs, int status, const char *text)
{
	rs->status = status;
	rs->ctype = "text/plain; charset=utf-8";
	buf_reset(&rs->body);
	buf_puts(&rs->body, text);
}

/* A JSON answer: doc (built with jansson) is written and released. */
void
resp_json(struct resp *rs, int status, json_t *doc)
{
	rs->status = status;
	rs->ctype = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	json_put(&rs->body, doc);
}

void
resp_write(struct resp *rs, FCGX_Request *f)
{
	struct buf h = { 0 };
	int        bodyless = rs->status == 204 || rs->status == 304;

	/* libfcgi's own printf lacks %zu, so the head is formatted here */
	buf_printf(&h, "Status: %d %s\r\n", rs->status, http_reason(rs->status));
	if (!bodyless)
		buf_printf(&h, "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    rs->ctype, rs->body.len);
	buf_puts(&h, "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
	    "media-src 'self'; frame-ancestors 'none'; form-action 'self'\r\n");
	if (rs->headers.len)
		buf_append(&h, rs->headers.data, rs->headers.len);
	if (rs->headers.len == 0 || strstr(rs->headers.data, "Cache-Control:") == NULL)
		buf_puts(&h, "Cache-Control: no-store\r\n");
	buf_puts(&h, "\r\n");
	FCGX_PutStr(h.data, (int)h.len, f->out);
	if (rs->body.len && !bodyless)
		FCGX_PutStr(rs->body.data, (int)rs->body.len, f->out);
	buf_free(&h);
}
