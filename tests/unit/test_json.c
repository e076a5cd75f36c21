/* test_json.c: the flat JSON reader, on WeChat's API answers and on bad input. */
#include "../../src/json.h"
#include "tap.h"

static const char *
j(struct pool *p, const char *s, const char *path)
{
	struct wx_field *f;

	if (json_parse(p, s, strlen(s), &f) != 0)
		return "(refused)";
	return wx_get(f, path);
}

int
main(void)
{
	struct pool p = { 0 };

	CHECK_STR(j(&p, "{\"access_token\":\"ACCESS\",\"expires_in\":7200}", "access_token"), "ACCESS");
	CHECK_STR(j(&p, "{\"access_token\":\"ACCESS\",\"expires_in\":7200}", "expires_in"), "7200");
	CHECK_STR(j(&p, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}", "errcode"), "40013");
	CHECK_STR(j(&p, "{\"ip_list\":[\"127.0.0.1\",\"101.226.103.0/25\"]}", "ip_list.1"), "101.226.103.0/25");
	CHECK_STR(j(&p, "{\"touser\":\"o1\",\"msgtype\":\"text\",\"text\":{\"content\":\"你好 <a href=\\\"x\\\">\"}}",
	    "text.content"), "你好 <a href=\"x\">");
	CHECK_STR(j(&p, "{\"s\":\"\\u4f60\\ud83d\\ude00\\n\\/\"}", "s"), "你😀\n/");
	CHECK_STR(j(&p, " { \"a\" : [ 1 , { \"b\" : null } , -2.5e3 , true ] } ", "a.1.b"), "null");
	/* a number is read as its value: jansson keeps no spelling */
	CHECK_STR(j(&p, "{\"a\":[1,{\"b\":null},-2.5e3,true]}", "a.2"), "-2500");
	CHECK_STR(j(&p, "{}", "x"), NULL);
	CHECK_STR(j(&p, "[]", "0"), NULL);
	CHECK_STR(j(&p, "\"top\"", ""), "top");
	const char *bad[] = { "", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{'a':1}",
	    "{\"a\":01}", "{\"a\":1} x", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}",
	    "{\"a\":\"\\u0000\"}", "{\"a\":\"line\nbreak\"}", "nul", "-", "1.", "1e" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_STR(j(&p, bad[i], "a"), "(refused)");
	char             deep[100];
	struct wx_field *f;
	memset(deep, '[', sizeof deep);
	CHECK(json_parse(&p, deep, sizeof deep, &f) != 0, "nesting beyond 16 refused");
	pool_free(&p);
	return tap_done();
}
