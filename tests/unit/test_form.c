/* test_form.c: validators, UTF-8 checks, and a form read through its table of fields. */
#include <stdlib.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "../../src/wxdesk.h"
#include "../../src/assign.h"
#include "tap.h"

/* A posted form (application/x-www-form-urlencoded body) in a request of its own. */
static void
posted(struct req *r, const char *body)
{
	memset(r, 0, sizeof *r);
	r->method = "POST";
	r->lang = LANG_EN;
	CHECK(req_parse_urlencoded(&r->pool, body, strlen(body), &r->form, 100, 4096) == 0,
	    "parse %s", body);
	form_trim(r);
}

static const char *
hdf(struct req *r, const char *name)
{
	return r->hdf ? hdf_get_value(r->hdf, name, NULL) : NULL;
}

static const char *
v_even(const char *v)
{
	return *v != '\0' && strlen(v) % 2 == 0 ? NULL : "v.number";
}

/* form_read, form_many, form_kept, form_on, form_ll, form_echo */
static void
form_reads(void)
{
	static const struct field f[] = {
		{ "name", "field.name", F_REQUIRED, v_name },
		{ "limit", "field.chat_limit", F_OPTIONAL, v_id },
		{ "on", "field.disabled", F_OPTIONAL, v_flag },
		{ "pair", "field.action", F_CHECKED, v_even },
	};
	static const struct field dept = { "dept", "brand.departments", F_OPTIONAL, v_id };
	struct req  r;
	const char *v[4], *ids[8];

	posted(&r, "name=+%E5%AE%A2%E6%9C%8D+&limit=&on=1&pair=ab&dept=3&dept=12");
	CHECK(FORM_READ(&r, f, v) == 0, "a good form: no errors");
	CHECK(strcmp(v[0], "客服") == 0, "a value, trimmed");
	CHECK(strcmp(v[1], "") == 0 && form_ll(v[1]) == 0, "an optional field left empty is \"\"");
	CHECK(form_on(v[2]) && !form_on("") && !form_on("0") && !form_on(NULL), "a ticked box");
	CHECK(form_many(&r, &dept, ids, 8) == 2 && strcmp(ids[1], "12") == 0,
	    "a field sent twice: both values");
	CHECK(form_kept(&r, "name") && strcmp(form_kept(&r, "name"), "客服") == 0,
	    "the page is given what was typed");
	CHECK(form_kept(&r, "nothing") == NULL, "and nothing for a field not sent");
	CHECK(hdf(&r, "Form.HasErrors") == NULL, "no error banner");
	req_free(&r);

	posted(&r, "limit=0x&on=maybe&dept=3&dept=x");
	CHECK(FORM_READ(&r, f, v) == 4, "each bad field counts, the required one too");
	CHECK(v[0] == NULL && v[1] == NULL && v[2] == NULL && v[3] == NULL,
	    "a field that failed has no value");
	CHECK(hdf(&r, "Form.name.Error") && strstr(hdf(&r, "Form.name.Error"), "Name"),
	    "a missing required field is named in its error");
	CHECK(hdf(&r, "Form.pair.Error") != NULL, "F_CHECKED: an empty value goes to the check");
	CHECK(hdf(&r, "Form.limit.Value") && strcmp(hdf(&r, "Form.limit.Value"), "0x") == 0,
	    "what was typed comes back to the page, even when refused");
	CHECK(strcmp(hdf(&r, "Form.FirstError"), "name") == 0, "the banner links the first error");
	CHECK(form_many(&r, &dept, ids, 8) == -1 && hdf(&r, "Form.dept.Error") != NULL,
	    "one bad value of many refuses them");
	req_free(&r);

	posted(&r, "name=a&app_secret=s3cret&mode=safe");
	form_echo(&r, f, 1);
	CHECK(strcmp(hdf(&r, "Form.name.Value"), "a") == 0 && hdf(&r, "Form.name.Error") == NULL,
	    "form_echo: typed values back, unchecked");
	req_free(&r);
}

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
	/* the small checks a form's fields share */
	CHECK(v_id("1") == NULL && v_id("123456789012") == NULL, "ids");
	CHECK(v_id("0") != NULL && v_id("") != NULL && v_id("-1") != NULL && v_id("1e3") != NULL,
	    "not ids");
	CHECK(v_flag("1") == NULL && v_flag("on") == NULL && v_flag("yes") != NULL, "a checkbox");
	CHECK(v_word("generate") == NULL && v_word("Next") != NULL && v_word("a b") != NULL,
	    "a button's value");
	CHECK(v_utf8("好") == NULL && v_utf8("\xff") != NULL, "any UTF-8 text");
	CHECK(v_line("一行") == NULL && v_line("a\tb") != NULL && v_line(longname) == NULL,
	    "one line");
	CHECK(v_text("two\nlines") == NULL && v_text("bell\a") != NULL, "lines of text");
	{
		char cfg[] = "/tmp/wxdesk-form-XXXXXX";
		int  fd = mkstemp(cfg);
		FILE *f = fdopen(fd, "w");
		fprintf(f, "Lang.Dir = %s/lang\n", getenv("WXDESK_ROOT") ?
		    getenv("WXDESK_ROOT") : ".");
		fclose(f);
		CHECK(cfg_load(cfg) == 0, "config");
		unlink(cfg);
		form_reads();
	}
	return tap_done();
}
