/* test_profanity.c: abusive words in Chinese and Latin text. */
#include "../../src/profanity.h"
#include "tap.h"

int
main(void)
{
	const char *w[] = { "damn", "傻瓜", "Idiot", "crétin" };
	size_t      n = sizeof w / sizeof w[0];

	CHECK(profanity_count("you damn fool", w, n) == 1, "a Latin word");
	CHECK(profanity_count("DAMN! Damn, damn.", w, n) == 3, "case and punctuation");
	CHECK(profanity_count("goddamnit and damnation", w, n) == 0, "not inside longer words");
	CHECK(profanity_count("damn2", w, n) == 0, "digits are part of a word");
	CHECK(profanity_count("你这个傻瓜", w, n) == 1, "Chinese inside a sentence");
	CHECK(profanity_count("傻瓜傻瓜！", w, n) == 2, "Chinese repeated without spaces");
	CHECK(profanity_count("傻瓜damn", w, n) == 2, "Chinese next to Latin: both count");
	CHECK(profanity_count("你是idiot吗", w, n) == 1, "a Latin word between ideographs");
	CHECK(profanity_count("IDIOT idiot iDiOt", w, n) == 3, "any case");
	CHECK(profanity_count("Crétin! CRÉTIN", w, n) == 2, "Latin-1 letters fold too");
	CHECK(profanity_count("crétinisme", w, n) == 0, "accented words match whole");
	CHECK(profanity_count("", w, n) == 0, "empty text");
	CHECK(profanity_count(NULL, w, n) == 0, "no text");
	CHECK(profanity_count("hello there", w, n) == 0, "clean text");
	{
		const char *ww[] = { "aa" };
		CHECK(profanity_count("aaaa", ww, 1) == 0, "whole-word: aaaa is not aa");
		const char *cc[] = { "哈哈" };
		CHECK(profanity_count("哈哈哈哈", cc, 1) == 2, "occurrences do not overlap");
	}
	CHECK(profanity_word_ok("傻瓜"), "an ideograph word");
	CHECK(profanity_word_ok("damn"), "a Latin word");
	CHECK(!profanity_word_ok(""), "empty");
	CHECK(!profanity_word_ok("!!!"), "punctuation only");
	CHECK(!profanity_word_ok("\xff\xfe"), "not UTF-8");
	return tap_done();
}
