/* tap.h: the smallest test harness: CHECK counts, the last line says "N passed, N failed". */
#ifndef WXDESK_TAP_H
#define WXDESK_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_pass, tap_fail;

#define CHECK(cond, ...) do {                                           \
	if (cond) tap_pass++;                                           \
	else {                                                          \
		tap_fail++;                                             \
		fprintf(stdout, "FAIL %s:%d: ", __FILE__, __LINE__);    \
		fprintf(stdout, __VA_ARGS__);                           \
		fputc('\n', stdout);                                    \
	}                                                               \
} while (0)

#define CHECK_STR(got, want) do {                                       \
	const char *g_ = (got), *w_ = (want);                           \
	CHECK(g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_,                \
	    "%s: got \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)",    \
	    w_ ? w_ : "(null)");                                        \
} while (0)

static inline int
tap_done(void)
{
	printf("%d passed, %d failed\n", tap_pass, tap_fail);
	return tap_fail ? 1 : 0;
}

#endif
