/*
 * test_alerts.c: what the webhook takes for an alert code (alert_code_like:
 * exactly six digits, spaces and line ends around them aside) and the
 * language an alert is written in (alert_lang).
 */
#include "../../src/alerts.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		const char *text;
		int         want;
	} cases[] = {
		{ "123456", 1 }, { " 123456 ", 1 }, { "\n000000\r\n", 1 }, { "\t987654", 1 },
		{ "12345", 0 }, { "1234567", 0 }, { "12345a", 0 }, { "123 456", 0 },
		{ "１２３４５６", 0 }, { "code 123456", 0 }, { "", 0 }, { "      ", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(alert_code_like(cases[i].text) == cases[i].want, "\"%s\": want %d",
		    cases[i].text, cases[i].want);
	CHECK(!alert_code_like(NULL), "NULL");
	CHECK(ALERT_CODE_DIGITS == 6, "six digits");

	CHECK(alert_lang("zh-CN") == LANG_ZH, "zh-CN");
	CHECK(alert_lang("en") == LANG_EN, "en");
	/* a language wxdesk is not written in: the configured default (en here) */
	CHECK(alert_lang("fr") == LANG_EN, "fr: the default");
	CHECK(alert_lang(NULL) == LANG_EN, "none: the default");
	return tap_done();
}
