/* fuzz_cookie.c: libFuzzer driver for the Cookie header parser. */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/wxdesk.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool p = { 0 };
	struct kv  *l;
	char       *s = pool_strndup(&p, (const char *)d, n);	/* a header is a C string */

	req_parse_cookies(&p, s, &l);
	for (; l; l = l->next)
		if (*l->key == '\0')
			__builtin_trap();	/* nameless cookies are skipped */
	pool_free(&p);
	return 0;
}
