/*
 * totp.h: time-based one-time passwords (RFC 6238 over RFC 4226's HOTP),
 * as authenticator apps make them: HMAC of the 30-second step, 6 digits,
 * the secret shown in base32 (RFC 4648) and as an otpauth:// QR code.
 */
#ifndef WXDESK_TOTP_H
#define WXDESK_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "wxdesk.h"

#define TOTP_STEP 30
#define TOTP_SECRET_BYTES 20

enum totp_md { TOTP_SHA1, TOTP_SHA256, TOTP_SHA512 };

/* the code of the step that holds unix time t, in digits (6..8) */
uint32_t totp_code(const unsigned char *key, size_t keylen, enum totp_md md, long long t,
	int digits);
/*
 * A 6-digit code typed at now against the key: the step it matches (now's,
 * one before or one after, for clocks a little apart), or -1. A step at or
 * before after_step matches nothing (a code is good once).
 */
long long totp_check(const unsigned char *key, size_t keylen, const char *code, long long now,
	long long after_step);
/* base32 without padding, upper case */
char *totp_base32(struct pool *p, const unsigned char *d, size_t n);
/* base32 in (any case, spaces and padding ignored): bytes, or -1 */
int totp_unbase32(const char *s, unsigned char *out, size_t max);
/* the QR code of text, as SVG path data in a square of *size modules, or NULL */
char *totp_qr_path(struct pool *p, const char *text, int *size);

#endif
