/* fuzz_route.c: libFuzzer driver for URL decoding and route matching. */
#include <stdint.h>
#include "../../src/wxdesk.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool p = { 0 };
	long long   ids[4];
	int         nids;
	char       *path = url_decode(&p, (const char *)d, n, 0);

	if (route_match("/admin/brands/{id}/departments", path, ids, &nids, NULL, NULL) &&
	    (nids != 1 || ids[0] < 0))
		__builtin_trap();
	route_match("/a/{id}/{id}/{id}/{id}/{id}", path, ids, &nids, NULL, NULL);
	if (nids > 4)
		__builtin_trap();
	pool_free(&p);
	return 0;
}
