/* profanity.h: counting a brand's abusive words in a follower's text. */
#ifndef WXDESK_PROFANITY_H
#define WXDESK_PROFANITY_H

#include <stddef.h>

/* A brand's profanity management, when it is on. */
struct profanity_list {
	long long          limit;	/* abusive words per chat before it closes */
	const char        *warning;	/* sent once before the limit, or NULL */
	const char *const *words;
	size_t             n;
};

/*
 * How many times the words occur in text, case-insensitively (ASCII and
 * Latin-1 letters). A word in a script without spaces (Chinese, Japanese,
 * …) matches anywhere; a Latin word matches whole: not inside a longer
 * word. Each occurrence counts; occurrences do not overlap.
 */
int profanity_count(const char *text, const char *const *words, size_t nwords);
/* 1 when a word is usable: 1-64 bytes of valid UTF-8 with a letter or ideograph. */
int profanity_word_ok(const char *word);

struct pool;
/*
 * A channel's profanity list (its brand's, when profanity management is
 * on), cached per process for 10 s: a change to the list counts within
 * 10 s. Returns the list, or NULL when it is off or empty; 1 in *failed
 * when the database could not be read.
 */
const struct profanity_list *profanity_cached(struct pool *p, long long channel, int *failed);

#endif
