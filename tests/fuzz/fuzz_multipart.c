/* fuzz_multipart.c: libFuzzer driver for the multipart/form-data parser. */
#include <stdint.h>
#include "../../src/wxdesk.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const struct req_limits lim = { 1 << 20, 4096, 65536, 32 };
	struct pool p = { 0 };
	struct kv  *l;
	/* the first line is the Content-Type header, the rest the body */
	const uint8_t *nl = memchr(d, '\n', n);
	char *ct;

	if (nl == NULL)
		return 0;
	ct = pool_strndup(&p, (const char *)d, (size_t)(nl - d));
	if (req_parse_multipart(&p, ct, (const char *)nl + 1, n - (size_t)(nl - d) - 1,
	    &lim, &l) == 0)
		for (; l; l = l->next)
			if (l->vlen > (l->filename ? lim.file_max : lim.field_max))
				__builtin_trap();	/* a limit was not enforced */
	pool_free(&p);
	return 0;
}
