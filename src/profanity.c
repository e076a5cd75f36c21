/*
 * profanity.c: counting abusive words. Chinese has no spaces between words,
 * so a word with a character outside the Latin scripts is matched as a
 * substring; a Latin word is matched whole, so "class" does not count "ass".
 * Letters compare without case (ASCII and Latin-1 Supplement).
 */
#include <stdlib.h>
#include <string.h>

#include "console.h"
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

/* ---- each process's copy of the channels' lists (profanity_cached) ---- */

#define PROF_SECONDS 10
#define PROF_SLOTS   64
static struct {
	long long             channel;
	time_t                at;
	int                   on;
	struct profanity_list l;
	char                **words;
	char                 *warning;
} prof[PROF_SLOTS];

const struct profanity_list *
profanity_cached(struct pool *p, long long channel, int *failed)
{
	struct prof_for_channel *res = NULL;
	size_t res_n = 0;
	int          slot = 0;
	time_t       now = wx_now();	/* the shared clock: a test moves it past the 10 s */

	*failed = 0;
	for (int i = 0; i < PROF_SLOTS; i++) {
		if (prof[i].channel == channel) {
			if (now >= prof[i].at && now - prof[i].at < PROF_SECONDS)
				return prof[i].on ? &prof[i].l : NULL;
			slot = i;
			break;
		}
		if (prof[i].at < prof[slot].at)
			slot = i;
	}
	if (db_prof_for_channel(p, channel, &res, &res_n) != DB_OK) {
		*failed = 1;
		return NULL;
	}
	for (size_t i = 0; i < prof[slot].l.n; i++)
		free(prof[slot].words[i]);
	free(prof[slot].words);
	free(prof[slot].warning);
	memset(&prof[slot], 0, sizeof prof[slot]);
	prof[slot].channel = channel;
	prof[slot].at = now;
	/* columns: limit warning word, one row per word */
	if (res_n > 0) {
		prof[slot].words = xmalloc(res_n * sizeof *prof[slot].words);
		for (size_t i = 0; i < res_n; i++)
			prof[slot].words[i] = xstrdup(res[i].word);
		prof[slot].warning = res[0].warning ? xstrdup(res[0].warning) : NULL;
		prof[slot].l = (struct profanity_list){ res[0].word_limit, prof[slot].warning,
		    (const char *const *)prof[slot].words, res_n };
		prof[slot].on = 1;
	}
	return prof[slot].on ? &prof[slot].l : NULL;
}
