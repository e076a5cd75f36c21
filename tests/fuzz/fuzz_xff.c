/* fuzz_xff.c: libFuzzer driver for X-Forwarded-For behind trusted proxies and address lists. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/addr.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool p = { 0 };
	char       *s = pool_strndup(&p, (const char *)d, n);	/* a header is a C string */
	const char *c = addr_client(&p, "127.0.0.1", s, "127.0.0.1, 10.0.0.0/8, ::1");

	/* the client is the peer or one of the header's own addresses, never a trusted proxy's
	 * unless every hop was one */
	if (c == NULL || (strcmp(c, "127.0.0.1") != 0 && strstr(s, c) == NULL))
		__builtin_trap();
	(void)addr_in(s, s);	/* the input as an address and as a list */
	(void)addr_in("10.1.2.3", s);
	pool_free(&p);
	return 0;
}
