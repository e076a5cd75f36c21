/* test_totp.c: RFC 6238's published vectors (Appendix B), the check window, base32, the QR code. */
#include <stdio.h>
#include <stdlib.h>

#include "../../src/totp.h"
#include "tap.h"

int
main(void)
{
	struct pool p = { 0 };
	/* RFC 6238 Appendix B: the seeds, and the 8-digit codes at each time */
	const char *k1 = "12345678901234567890";
	const char *k256 = "12345678901234567890123456789012";
	const char *k512 = "1234567890123456789012345678901234567890123456789012345678901234";
	static const struct { long long t; uint32_t sha1, sha256, sha512; } v[] = {
		{ 59, 94287082, 46119246, 90693936 },
		{ 1111111109, 7081804, 68084774, 25091201 },
		{ 1111111111, 14050471, 67062674, 99943326 },
		{ 1234567890, 89005924, 91819424, 93441116 },
		{ 2000000000, 69279037, 90698825, 38618901 },
		{ 20000000000LL, 65353130, 77737706, 47863826 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		CHECK(totp_code((const unsigned char *)k1, 20, TOTP_SHA1, v[i].t, 8) == v[i].sha1,
		    "SHA1 at %lld", v[i].t);
		CHECK(totp_code((const unsigned char *)k256, 32, TOTP_SHA256, v[i].t, 8) == v[i].sha256,
		    "SHA256 at %lld", v[i].t);
		CHECK(totp_code((const unsigned char *)k512, 64, TOTP_SHA512, v[i].t, 8) == v[i].sha512,
		    "SHA512 at %lld", v[i].t);
	}
	/* 6 digits are the last 6 of the 8 (the same truncation, mod 10^6) */
	CHECK(totp_code((const unsigned char *)k1, 20, TOTP_SHA1, 59, 6) == 287082, "6 digits at 59");

	/* the check: this step, one either side, not twice, not malformed */
	const unsigned char *key = (const unsigned char *)k1;
	long long now = 1111111111, step = now / TOTP_STEP;
	char code[16];
	snprintf(code, sizeof code, "%06u", totp_code(key, 20, TOTP_SHA1, now, 6));
	CHECK(totp_check(key, 20, code, now, 0) == step, "the current code matches its step");
	CHECK(totp_check(key, 20, code, now, step) == -1, "…but not again once used");
	CHECK(totp_check(key, 20, code, now + 30, 0) == step, "a code 30 s old still matches");
	CHECK(totp_check(key, 20, code, now + 90, 0) == -1, "a code 90 s old does not");
	snprintf(code, sizeof code, "%03u %03u", totp_code(key, 20, TOTP_SHA1, now, 6) / 1000,
	    totp_code(key, 20, TOTP_SHA1, now, 6) % 1000);
	CHECK(totp_check(key, 20, code, now, 0) == step, "spaces inside the code are fine");
	CHECK(totp_check(key, 20, "12345", now, 0) == -1, "five digits: no");
	CHECK(totp_check(key, 20, "12a456", now, 0) == -1, "a letter: no");
	CHECK(totp_check(key, 20, "1234567", now, 0) == -1, "seven digits: no");
	CHECK(totp_check(key, 20, NULL, now, 0) == -1, "nothing: no");

	/* base32 (RFC 4648 section 10's examples, without padding) */
	CHECK_STR(totp_base32(&p, (const unsigned char *)"foobar", 6), "MZXW6YTBOI");
	CHECK_STR(totp_base32(&p, (const unsigned char *)"f", 1), "MY");
	unsigned char back[32];
	int n = totp_unbase32("mzxw 6ytb oi======", back, sizeof back);
	CHECK(n == 6 && memcmp(back, "foobar", 6) == 0, "base32 back: any case, spaces, padding");
	CHECK(totp_unbase32("MZXW1", back, sizeof back) == -1, "base32: 1 is not a digit of it");
	CHECK(totp_unbase32("MZXW6YTBOI", back, 3) == -1, "base32: longer than the room");

	/* the QR code: a version-sized square of dark modules */
	int size = 0;
	char *path = totp_qr_path(&p, "otpauth://totp/wxdesk:admin?secret=GEZDGNBVGY3TQOJQ&issuer=wxdesk", &size);
	CHECK(path && size >= 21 + 8 && (size - 8 - 21) % 4 == 0 && strncmp(path, "M4 4h1v1h-1z", 12) == 0,
	    "QR: a square of 4k+21 modules plus the quiet zone, the finder's corner first (%d)", size);
	pool_free(&p);
	return tap_done();
}
