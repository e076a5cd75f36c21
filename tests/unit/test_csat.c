/*
 * test_csat.c: reading a follower's answer to the rating question
 * (csat_digit): one digit 1 to 5, ASCII or full-width, spaces around it
 * allowed, anything else no answer.
 */
#include "../../src/csat.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		const char *text;
		int         want;
	} cases[] = {
		{ "1", 1 }, { "5", 5 }, { " 3 ", 3 }, { "\n4\r\n", 4 }, { "\t2", 2 },
		{ "１", 1 }, { "５", 5 }, { " ３ ", 3 },	/* full-width, as Chinese keyboards type */
		{ "0", 0 }, { "6", 0 }, { "６", 0 }, { "０", 0 }, { "35", 0 }, { "3.", 0 },
		{ "5 stars", 0 }, { "五", 0 }, { "", 0 }, { "   ", 0 }, { "a", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(csat_digit(cases[i].text) == cases[i].want, "\"%s\": got %d, want %d",
		    cases[i].text, csat_digit(cases[i].text), cases[i].want);
	CHECK(csat_digit(NULL) == 0, "NULL");
	return tap_done();
}
