/* http.h: one HTTP request over libcurl (http.c). */
#ifndef WXDESK_HTTP_H
#define WXDESK_HTTP_H

#include "wxdesk.h"

#define HTTP_MAX_BODY (24 * 1024 * 1024)	/* larger than any media WeChat serves */

/* one file part of a multipart/form-data upload (media/upload's "media") */
struct http_file {
	const char *field, *filename, *mime;
	const void *data;
	size_t      len;
};

struct http_resp {
	long       status;	/* 0 when no answer */
	struct buf body;
	char       ctype[128];
	char       error[256];
	int        timed_out;	/* no answer within the time given */
};

int  http_call(const char *url, const char *ctype, const void *body, size_t n,
	const struct http_file *file, long timeout_ms, struct http_resp *r);
/* the same with more headers ("Name: value", NULL-terminated) for a body */
int  http_call_h(const char *url, const char *ctype, const void *body, size_t n,
	const struct http_file *file, const char *const *headers, long timeout_ms,
	struct http_resp *r);
void http_resp_free(struct http_resp *r);
/* s percent-encoded for a URL (RFC 3986: all but letters, digits and -._~), in p */
const char *http_escape(struct pool *p, const char *s);

#endif
