/*
 * auth.h: who a person is: a staff member's password under the sign-in
 * rules (pw_check), and their second factor (tf_verify). auth.c.
 */
#ifndef WXDESK_AUTH_H
#define WXDESK_AUTH_H

#include <time.h>

#include "db.h"
#include "staff.h"

/*
 * A staff member's password, checked under the sign-in rules wherever a
 * password is asked for (sign-in, Reveal, two-factor settings): slow-down,
 * lock, every failure logged. *why (in the request's pool) says what a
 * person reads when the answer is not PW_OK. code_follows: a sign-in whose
 * second factor is still to come (an account with one keeps the attempt
 * counted until the code).
 */
enum pw_result { PW_OK, PW_WRONG, PW_LOCKED, PW_WAIT, PW_UNKNOWN, PW_DB };
enum pw_result pw_check(struct req *r, const char *login, const char *password,
	const char *where, int code_follows, struct user_by_login *u, const char **why);

/* Why no password (or code) of the account may be checked now, from its
 * row as db_user_by_login reads it: PW_LOCKED or PW_WAIT, *why in words. */
enum pw_result pw_refusal(struct req *r, const struct user_by_login *u, time_t now, const char **why);

/* The user's second factor: "code" (the app's, each step used once),
 * "recovery" (a recovery code, used up), or NULL when code is neither. */
const char *tf_verify(struct req *r, long long user, const char *code);

/* The key of a stored authenticator secret (base32, encrypted) into key:
 * its length, or -1. */
int auth_totp_key(struct pool *p, const char *stored, unsigned char key[64]);

#endif
