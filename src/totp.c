/*
 * totp.c: RFC 6238 codes with OpenSSL's HMAC, base32, and the QR code of the
 * otpauth:// address (libqrencode makes the modules; the template draws them
 * as one SVG path).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>

#include "totp.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t
totp_code(const unsigned char *key, size_t keylen, enum totp_md md, long long t, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int  maclen = 0;
	uint64_t      step = (uint64_t)(t / TOTP_STEP);
	uint32_t      bin, mod = 1;
	const EVP_MD *m = md == TOTP_SHA256 ? EVP_sha256() : md == TOTP_SHA512 ? EVP_sha512() :
	    EVP_sha1();

	for (int i = 7; i >= 0; i--, step >>= 8)
		msg[i] = (unsigned char)(step & 0xff);
	if (HMAC(m, key, (int)keylen, msg, sizeof msg, mac, &maclen) == NULL || maclen < 20)
		return UINT32_MAX;
	/* dynamic truncation (RFC 4226 5.3) */
	int off = mac[maclen - 1] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
	    ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

long long
totp_check(const unsigned char *key, size_t keylen, const char *code, long long now,
    long long after_step)
{
	char   want[8];
	size_t n = 0;

	/* digits only, spaces allowed ("123 456") */
	for (const char *c = code ? code : ""; *c; c++) {
		if (*c == ' ')
			continue;
		if (!isdigit((unsigned char)*c) || n == 6)
			return -1;
		want[n++] = *c;
	}
	if (n != 6)
		return -1;
	want[6] = '\0';
	for (int d = -1; d <= 1; d++) {
		long long step = now / TOTP_STEP + d;
		char      got[8];
		if (step <= after_step)
			continue;
		snprintf(got, sizeof got, "%06u", totp_code(key, keylen, TOTP_SHA1,
		    step * TOTP_STEP, 6));
		if (CRYPTO_memcmp(got, want, 6) == 0)
			return step;
	}
	return -1;
}

char *
totp_base32(struct pool *p, const unsigned char *d, size_t n)
{
	char    *out = pool_alloc(p, (n * 8 + 4) / 5 + 1), *o = out;
	uint32_t acc = 0;
	int      bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | d[i];
		bits += 8;
		while (bits >= 5) {
			*o++ = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		*o++ = b32[(acc << (5 - bits)) & 31];
	*o = '\0';
	return out;
}

int
totp_unbase32(const char *s, unsigned char *out, size_t max)
{
	uint32_t acc = 0;
	int      bits = 0;
	size_t   n = 0;

	for (; *s; s++) {
		const char *at;
		if (*s == ' ' || *s == '=' || *s == '-')
			continue;
		if ((at = strchr(b32, toupper((unsigned char)*s))) == NULL || *s == '\0')
			return -1;
		acc = (acc << 5) | (uint32_t)(at - b32);
		bits += 5;
		if (bits >= 8) {
			if (n == max)
				return -1;
			out[n++] = (unsigned char)((acc >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return (int)n;
}

char *
totp_qr_path(struct pool *p, const char *text, int *size)
{
	QRcode    *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf b = { 0 };
	char      *out;

	if (q == NULL)
		return NULL;
	/* one 1x1 square per dark module, in a 4-module quiet zone */
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1) {
				char sq[48];
				snprintf(sq, sizeof sq, "M%d %dh1v1h-1z", x + 4, y + 4);
				buf_puts(&b, sq);
			}
	*size = q->width + 8;
	QRcode_free(q);
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}
