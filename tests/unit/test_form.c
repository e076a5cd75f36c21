/* test_form.c: validators and UTF-8 checks. */
#include "../../src/wxdesk.h"
#include "tap.h"

int
main(void)
{
	CHECK(utf8_valid("héllo 你好 😀", strlen("héllo 你好 😀")), "valid");
	CHECK(!utf8_valid("\xc0\xaf", 2), "overlong refused");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
	CHECK(!utf8_valid("\xe4\xbd", 2), "truncated refused");
	CHECK(!utf8_valid("\xff", 1), "invalid byte refused");
	CHECK(utf8_chars("你好a") == 3, "character count");

	CHECK(v_name("Support 客服 😀") == NULL, "unicode name ok");
	CHECK(v_name("a\nb") != NULL, "newline refused");
	CHECK(v_name("   ") != NULL, "blank refused");
	char longname[400];
	memset(longname, 0, sizeof longname);
	for (int i = 0; i < 101; i++)
		strcat(longname, "好");
	CHECK(v_name(longname) != NULL, "101 characters refused");
	longname[300] = 0;
	CHECK(v_name(longname) == NULL, "100 characters of 3 bytes accepted");

	CHECK(v_login("alice.w") == NULL, "login ok");
	CHECK(v_login("Al") != NULL && v_login("Alice") != NULL && v_login("a b c") != NULL,
	    "bad logins");
	CHECK(v_password("0123456789") == NULL, "10 characters ok");
	CHECK(v_password("012345678") != NULL, "9 refused");
	CHECK(v_role("admin") == NULL && v_role("root") != NULL, "roles");
	CHECK(role_parse("supervisor") == ROLE_SUPERVISOR && role_parse(NULL) == ROLE_NONE,
	    "role_parse");
	CHECK_STR(role_name(ROLE_OPERATOR), "operator");
	return tap_done();
}
