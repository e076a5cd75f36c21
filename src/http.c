/* http.c: one HTTP request over libcurl (WeChat's API, and a video's download URL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "http.h"

static size_t
collect(char *d, size_t sz, size_t n, void *ctx)
{
	struct http_resp *r = ctx;

	if (r->body.len + sz * n > HTTP_MAX_BODY)
		return 0;	/* larger than any media WeChat serves: abort */
	buf_append(&r->body, d, sz * n);
	return sz * n;
}

void
http_resp_free(struct http_resp *r)
{
	buf_free(&r->body);
}

/*
 * One request. body NULL means GET. Returns 0 when an HTTP answer arrived
 * (any status), -1 when none did (r->error says why).
 */
int
http_call(const char *url, const char *ctype, const void *body, size_t n,
    const struct http_file *file, long timeout_ms, struct http_resp *r)
{
	return http_call_h(url, ctype, body, n, file, NULL, timeout_ms, r);
}

int
http_call_h(const char *url, const char *ctype, const void *body, size_t n,
    const struct http_file *file, const char *const *headers, long timeout_ms,
    struct http_resp *r)
{
	CURL              *c = curl_easy_init();
	struct curl_slist *h = NULL;
	CURLcode           cc;
	char              *ct = NULL;
	curl_mime         *mime = NULL;

	memset(r, 0, sizeof *r);
	if (c == NULL)
		abort();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms < 5000 ? timeout_ms : 5000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "wxdesk");
	if (file != NULL) {
		curl_mimepart *part;
		mime = curl_mime_init(c);
		part = curl_mime_addpart(mime);
		curl_mime_name(part, file->field);
		curl_mime_filename(part, file->filename);
		curl_mime_type(part, file->mime);
		curl_mime_data(part, file->data, file->len);
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	}
	else if (body != NULL) {
		char hdr[160];
		snprintf(hdr, sizeof hdr, "Content-Type: %s", ctype ? ctype : "application/json");
		h = curl_slist_append(h, hdr);
		for (size_t i = 0; headers && headers[i]; i++)
			h = curl_slist_append(h, headers[i]);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)n);
	}
	cc = curl_easy_perform(c);
	if (cc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
		if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
			snprintf(r->ctype, sizeof r->ctype, "%s", ct);
	} else {
		snprintf(r->error, sizeof r->error, "%s", curl_easy_strerror(cc));
		r->timed_out = cc == CURLE_OPERATION_TIMEDOUT;
	}
	curl_slist_free_all(h);
	curl_mime_free(mime);
	curl_easy_cleanup(c);
	return cc == CURLE_OK ? 0 : -1;
}

const char *
http_escape(struct pool *p, const char *s)
{
	char       *e = curl_easy_escape(NULL, s, 0);
	const char *out;

	if (e == NULL)
		abort();	/* out of memory, as the allocators do */
	out = pool_strdup(p, e);
	curl_free(e);
	return out;
}
