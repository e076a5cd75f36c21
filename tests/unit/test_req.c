/* test_req.c: query, form, cookie and multipart parsing, and route matching. */
#include <stdlib.h>
#include "../../src/wxdesk.h"
#include "tap.h"

static const struct req_limits lim = { 4096, 100, 1000, 5 };

static const struct kv *
nth(const struct kv *l, int n)
{
	while (l && n--)
		l = l->next;
	return l;
}

static void
test_urlencoded(void)
{
	struct pool p = { 0 };
	struct kv  *l;
	const char *s = "a=1&b=hello+world&c=%E4%BD%A0%E5%A5%BD&d=%zz&e&&f=";

	CHECK(req_parse_urlencoded(&p, s, strlen(s), &l, 20, 100) == 0, "parses");
	CHECK_STR(nth(l, 0)->key, "a");
	CHECK_STR(nth(l, 0)->val, "1");
	CHECK_STR(nth(l, 1)->val, "hello world");
	CHECK_STR(nth(l, 2)->val, "你好");
	CHECK_STR(nth(l, 3)->val, "%zz");	/* a bad escape stays literal */
	CHECK_STR(nth(l, 4)->key, "e");
	CHECK_STR(nth(l, 4)->val, "");
	CHECK_STR(nth(l, 5)->key, "f");
	CHECK(nth(l, 6) == NULL, "no empty pair between &&");
	CHECK(req_parse_urlencoded(&p, "a=1&b=2&c=3", 11, &l, 2, 100) == 413,
	    "too many fields is 413");
	CHECK(req_parse_urlencoded(&p, "a=123456", 8, &l, 2, 5) == 413,
	    "too long a field is 413");
	CHECK(req_parse_urlencoded(&p, "", 0, &l, 2, 5) == 0 && l == NULL, "empty");
	CHECK(req_parse_urlencoded(&p, "x=%", 3, &l, 2, 5) == 0 &&
	    strcmp(l->val, "%") == 0, "trailing %%");
	CHECK(req_parse_urlencoded(&p, "x=%4", 4, &l, 2, 5) == 0 &&
	    strcmp(l->val, "%4") == 0, "half escape at the end");
	CHECK_STR(url_decode(&p, "a%00b", 5, 0), "a");	/* NUL ends the C string */
	CHECK_STR(url_decode(&p, "a+b", 3, 0), "a+b");
	pool_free(&p);
}

static void
test_cookies(void)
{
	struct pool p = { 0 };
	struct kv  *l;

	req_parse_cookies(&p, "wxsid=abc; other=\"q\";bare; x = 1;;", &l);
	CHECK_STR(nth(l, 0)->key, "wxsid");
	CHECK_STR(nth(l, 0)->val, "abc");
	CHECK_STR(nth(l, 1)->val, "q");
	CHECK_STR(nth(l, 2)->key, "x");
	CHECK_STR(nth(l, 2)->val, " 1");
	CHECK(nth(l, 3) == NULL, "three cookies");
	req_parse_cookies(&p, NULL, &l);
	CHECK(l == NULL, "no header");
	req_parse_cookies(&p, "=v; ;", &l);
	CHECK(l == NULL, "nameless cookie skipped");
	pool_free(&p);
}

static void
test_multipart(void)
{
	struct pool p = { 0 };
	struct kv  *l;
	const char *ct = "multipart/form-data; boundary=XyZ";
	static const char body[] =
	    "preamble\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Hello\r\nworld\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"media\"; filename=\"C:\\\\dir\\\\a.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n"
	    "\x89PNG\0\x01\x02\r\n"
	    "--XyZ--\r\n";
	size_t      n = sizeof body - 1;	/* the body holds a NUL */
	CHECK(req_parse_multipart(&p, ct, body, n, &lim, &l) == 0, "parses");
	CHECK_STR(nth(l, 0)->key, "title");
	CHECK_STR(nth(l, 0)->val, "Hello\r\nworld");
	CHECK(nth(l, 0)->filename == NULL, "a field is not a file");
	CHECK_STR(nth(l, 1)->key, "media");
	CHECK_STR(nth(l, 1)->filename, "a.png");
	CHECK_STR(nth(l, 1)->ctype, "image/png");
	CHECK(nth(l, 1)->vlen == 7 && memcmp(nth(l, 1)->val, "\x89PNG\0\x01\x02", 7) == 0,
	    "binary file content kept, length %zu", nth(l, 1)->vlen);

	struct req_limits small = { 4096, 3, 1000, 5 };
	CHECK(req_parse_multipart(&p, ct, body, n, &small, &l) == 413, "field over limit");
	struct req_limits smallfile = { 4096, 100, 3, 5 };
	CHECK(req_parse_multipart(&p, ct, body, n, &smallfile, &l) == 413, "file over limit");
	struct req_limits few = { 4096, 100, 1000, 1 };
	CHECK(req_parse_multipart(&p, ct, body, n, &few, &l) == 413, "too many fields");
	CHECK(req_parse_multipart(&p, "multipart/form-data", body, n, &lim, &l) == 400,
	    "no boundary");
	CHECK(req_parse_multipart(&p, ct, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nunterminated", 55, &lim, &l) == 400, "no closing delimiter");
	CHECK(req_parse_multipart(&p, ct, "nothing here", 12, &lim, &l) == 400,
	    "no delimiter at all");
	CHECK(req_parse_multipart(&p, ct, "--XyZ\r\n\r\n\r\n--XyZ--", 18, &lim, &l) == 400,
	    "a part without a name is refused");
	const char *qb = "--q r\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--q r--";
	CHECK(req_parse_multipart(&p, "multipart/form-data; boundary=\"q r\"",
	    qb, strlen(qb), &lim, &l) == 0 && l && strcmp(l->val, "1") == 0, "quoted boundary, bare name");
	pool_free(&p);
}

static void
test_routes(void)
{
	long long ids[4];
	int       n;

	CHECK(route_match("/admin/brands", "/admin/brands", ids, &n, NULL, NULL) && n == 0, "literal");
	CHECK(!route_match("/admin/brands", "/admin/brands/", ids, &n, NULL, NULL), "trailing slash differs");
	CHECK(route_match("/admin/brands/{id}", "/admin/brands/42", ids, &n, NULL, NULL) &&
	    n == 1 && ids[0] == 42, "id captured");
	CHECK(route_match("/a/{id}/b/{id}", "/a/1/b/22", ids, &n, NULL, NULL) && n == 2 &&
	    ids[1] == 22, "two ids");
	CHECK(!route_match("/admin/brands/{id}", "/admin/brands/4x", ids, &n, NULL, NULL), "not digits");
	CHECK(!route_match("/admin/brands/{id}", "/admin/brands/", ids, &n, NULL, NULL), "empty id");
	CHECK(!route_match("/admin/brands/{id}", "/admin/brands/1234567890123456789", ids, &n, NULL, NULL),
	    "over 18 digits");
	CHECK(!route_match("/admin/brands/{id}/delete", "/admin/brands/1", ids, &n, NULL, NULL), "shorter");
	CHECK(route_match("/", "/", ids, &n, NULL, NULL), "root");
	{
		struct pool p = { 0 };
		const char *key = NULL;
		CHECK(route_match("/wechat/{key}", "/wechat/Ab-9_z", ids, &n, &key, &p) &&
		    key && strcmp(key, "Ab-9_z") == 0, "key captured");
		CHECK(!route_match("/wechat/{key}", "/wechat/a.b", ids, &n, &key, &p), "dot refused");
		CHECK(!route_match("/wechat/{key}", "/wechat/", ids, &n, &key, &p), "empty key");
		pool_free(&p);
	}
}

int
main(void)
{
	test_urlencoded();
	test_cookies();
	test_multipart();
	test_routes();
	return tap_done();
}
