/* test_form.c: validators and UTF-8 checks. */
#include "../../src/wxdesk.h"
#include "../../src/assign.h"
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
	/* routing's settings */
	CHECK(v_routing("round_robin") == NULL && v_routing("least_busy") == NULL &&
	    v_routing("everyone") == NULL, "the three routing modes");
	CHECK(v_routing("random") != NULL && v_routing("") != NULL, "another mode refused");
	CHECK(v_chat_limit("1") == NULL && v_chat_limit("50") == NULL, "limits 1 and 50");
	CHECK(v_chat_limit("0") != NULL && v_chat_limit("51") != NULL && v_chat_limit("-3") != NULL &&
	    v_chat_limit("5x") != NULL && v_chat_limit(" 5") != NULL && v_chat_limit("99999999999") != NULL,
	    "limits outside 1-50 or not digits refused");
	CHECK(v_offer_seconds("10") == NULL && v_offer_seconds("600") == NULL, "10 and 600 seconds");
	CHECK(v_offer_seconds("9") != NULL && v_offer_seconds("601") != NULL, "outside 10-600 refused");
	CHECK(presence_index("available") == 0 && presence_index("busy") == 1 &&
	    presence_index("away") == 2 && presence_index("gone") == -1 && presence_index(NULL) == -1,
	    "presence names");
	return tap_done();
}
