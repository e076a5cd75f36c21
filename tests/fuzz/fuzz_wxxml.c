/* fuzz_wxxml.c: libFuzzer driver for the WeChat push XML parser. */
#include <stdint.h>
#include "../../src/wx.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool      p = { 0 };
	struct wx_field *f;

	if (wx_parse(&p, (const char *)d, n, &f) == WX_OK)
		for (; f; f = f->next)
			if (f->name == NULL || f->value == NULL)
				__builtin_trap();
	pool_free(&p);
	return 0;
}
