/* fuzz_form.c: libFuzzer driver for the url-encoded form and query parser. */
#include <stdint.h>
#include "../../src/wxdesk.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool p = { 0 };
	struct kv  *l;

	if (req_parse_urlencoded(&p, (const char *)d, n, &l, 64, 256) == 0)
		for (; l; l = l->next)
			if (strlen(l->val) != l->vlen)
				__builtin_trap();	/* length must match the string */
	pool_free(&p);
	return 0;
}
