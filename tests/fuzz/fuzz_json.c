/* fuzz_json.c: libFuzzer driver for the flat JSON reader. */
#include <stdint.h>
#include "../../src/json.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool      p = { 0 };
	struct wx_field *f;

	if (json_parse(&p, (const char *)d, n, &f) == 0)
		for (; f; f = f->next)
			if (f->name == NULL || f->value == NULL)
				__builtin_trap();
	pool_free(&p);
	return 0;
}
