/* fuzz_decrypt.c: libFuzzer driver for safe-mode decryption (base64, AES, padding, lengths). */
#include <stdint.h>
#include "../../src/wx.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pool   p = { 0 };
	unsigned char key[32];
	char         *msg, *rid;
	size_t        ml;
	char         *in = pool_strndup(&p, (const char *)d, n);
	unsigned char rnd[16] = "0123456789abcdef";

	wx_aes_key("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", key);
	if (wx_decrypt(&p, key, in, NULL, &msg, &ml, &rid) == WX_OK && strlen(msg) > ml)
		__builtin_trap();
	/* whatever decrypts must survive a round trip */
	char *enc = wx_encrypt(&p, key, in, strlen(in), "wx1234", rnd);
	if (enc == NULL || wx_decrypt(&p, key, enc, "wx1234", &msg, &ml, &rid) != WX_OK ||
	    strcmp(msg, in) != 0)
		__builtin_trap();
	pool_free(&p);
	return 0;
}
