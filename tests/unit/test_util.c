/* test_util.c: the request pool, the buffer, JSON escaping and response headers. */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/json.h"
#include "../../src/wxdesk.h"
#include "tap.h"

static void
test_pool(void)
{
	struct pool p = { 0 };
	char       *a = pool_alloc(&p, 3), *b = pool_alloc(&p, 100000);
	char       *c = pool_alloc(&p, 5);

	CHECK(((uintptr_t)a & 15) == 0 && ((uintptr_t)c & 15) == 0, "16-byte aligned");
	CHECK(b[0] == 0 && b[99999] == 0, "zeroed large block");
	memset(b, 'x', 100000);
	CHECK(c > a && c - a < 16384, "small allocations share the first chunk");
	CHECK_STR(pool_printf(&p, "%s-%d", "n", 7), "n-7");
	CHECK_STR(pool_strndup(&p, "abcdef", 3), "abc");
	CHECK(pool_strdup(&p, NULL) == NULL, "strdup(NULL)");
	CHECK(p.total >= 100000, "total counted");
	pool_free(&p);
	CHECK(p.head == NULL && p.total == 0, "freed");
	for (int i = 0; i < 1000; i++)
		pool_alloc(&p, (size_t)i * 7);
	pool_free(&p);
	CHECK(p.head == NULL, "reusable after free");
}

static void
test_buf(void)
{
	struct buf b = { 0 };

	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_printf(&b, "%05d", 42);
	CHECK_STR(b.data, "abc00042");
	CHECK(b.len == 8 && b.data[b.len] == 0, "NUL-terminated");
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'z');
	CHECK(b.len == 10008 && b.cap > b.len, "grows");
	buf_reset(&b);
	CHECK(b.len == 0 && b.data[0] == 0, "reset");
	buf_free(&b);
	buf_free(&b);
	CHECK(b.data == NULL, "free twice is fine");
}

static void
test_json(void)
{
	struct buf b = { 0 };

	json_put(&b, json_s("a\"b\\c\n\t\x01 你好 <a href=\"x\">"));
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\t\\u0001 你好 <a href=\\\"x\\\">\"");
	buf_reset(&b);
	json_put(&b, json_s(NULL));
	CHECK_STR(b.data, "\"\"");
	buf_free(&b);
}

static void
test_resp(void)
{
	struct resp rs;

	resp_init(&rs);
	CHECK(resp_header(&rs, "X-A", "ok value") == 0, "plain header");
	CHECK(resp_header(&rs, "X-B", "evil\r\nSet-Cookie: x=1") == -1, "CRLF refused");
	CHECK(resp_header(&rs, "X-C", "evil\nx") == -1, "LF refused");
	CHECK(resp_header(&rs, "X:D", "v") == -1, "colon in name refused");
	CHECK(strstr(rs.headers.data, "evil") == NULL, "nothing of it written");
	resp_redirect(&rs, "//evil.example/");
	CHECK(strstr(rs.headers.data, "Location: /\r\n") != NULL, "no open redirect");
	CHECK(rs.status == 303, "303");
	resp_free(&rs);
	resp_init(&rs);
	resp_redirect(&rs, "/admin/brands/1");
	CHECK(strstr(rs.headers.data, "Location: /admin/brands/1\r\n") != NULL, "local redirect");
	resp_cookie(&rs, "wxsid", "abc", -1, 1);
	CHECK(strstr(rs.headers.data, "wxsid=abc; Path=/; HttpOnly; SameSite=Lax; Secure\r\n")
	    != NULL, "session cookie flags");
	resp_cookie(&rs, "wxsid", "", 0, 0);
	CHECK(strstr(rs.headers.data, "wxsid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
	    != NULL, "cookie removal");
	resp_free(&rs);
	CHECK_STR(http_reason(413), "Payload Too Large");
}

int
main(void)
{
	test_pool();
	test_buf();
	test_json();
	test_resp();
	return tap_done();
}
