/*
 * profanity.c: counting abusive words. Chinese has no spaces between words,
 * so a word with a character outside the Latin scripts is matched as a
 * substring; a Latin word is matched whole, so "class" does not count "ass".
 * Letters compare without case (ASCII and Latin-1 Supplement).
 */
#include <string.h>

#include "profanity.h"
#include "wxdesk.h"

/* A letter or digit of a Latin script: part of a Latin word. */
static int
latin_word_char(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) || c == '\'';
}

static int
is_latin_word(const char *w)
{
	size_t len;

	for (const unsigned char *p = (const unsigned char *)w; *p; p += len)
		if (utf8_at(p, &len) > 0x24f)
			return 0;
	return 1;
}

/* Length in text of a case-folded match of w at t, or 0. */
static size_t
match_at(const unsigned char *t, const unsigned char *w)
{
	const unsigned char *start = t;
	size_t               lt, lw;

	while (*w) {
		if (*t == '\0' || text_fold(utf8_at(t, &lt)) != text_fold(utf8_at(w, &lw)))
			return 0;
		t += lt;
		w += lw;
	}
	return (size_t)(t - start);
}

int
profanity_count(const char *text, const char *const *words, size_t nwords)
{
	int count = 0;

	if (text == NULL)
		return 0;
	for (size_t i = 0; i < nwords; i++) {
		const unsigned char *w = (const unsigned char *)words[i];
		int                  whole = is_latin_word(words[i]);
		unsigned             prev = ' ';
		size_t               len;
		if (*w == '\0')
			continue;
		for (const unsigned char *t = (const unsigned char *)text; *t; ) {
			size_t m = match_at(t, w);
			if (m > 0 && whole) {
				size_t   nl;
				unsigned next = t[m] ? utf8_at(t + m, &nl) : ' ';
				if (latin_word_char(prev) || latin_word_char(next))
					m = 0;
			}
			if (m > 0) {
				count++;
				prev = ' ';
				t += m;
				continue;
			}
			prev = utf8_at(t, &len);
			t += len;
		}
	}
	return count;
}

int
profanity_word_ok(const char *word)
{
	size_t n = strlen(word), len;

	if (n == 0 || n > 64 || !utf8_valid(word, n))
		return 0;
	for (const unsigned char *p = (const unsigned char *)word; *p; p += len) {
		unsigned c = utf8_at(p, &len);
		if (latin_word_char(c) || c >= 0x2e80)
			return 1;
	}
	return 0;
}
