/*
 * twofactor.h: two-factor sign-in (sql/025_two_factor.sql): a staff
 * member's TOTP secret and recovery codes, the challenge a sign-in waits on
 * between its password and its code, and whether administrators must use
 * one. The codes themselves are totp.h's.
 */
#ifndef WXDESK_TWOFACTOR_H
#define WXDESK_TWOFACTOR_H

#include "db.h"

#define TF_CHALLENGE_SECONDS 300
#define TF_CHALLENGE_TRIES 5
#define TF_RECOVERY_CODES 10
#define TF_COOKIE "wxmfa"

/* a user's second factor: on, the secret and the pending one (encrypted),
 * the last step a code was accepted for */
#define TF_STATE(C) C(INT, enabled) C(STR, secret) C(STR, pending) C(INT, step) C(STR, login)
DB_ROW(tf_state, TF_STATE)
enum dbrc db_tf_get(struct pool *p, long long user, struct tf_state *row);
enum dbrc db_tf_pending(struct pool *p, long long user, const char *secret_enc);
/* DB_NOTFOUND: the pending secret changed meanwhile */
enum dbrc db_tf_enable(struct pool *p, long long user, const char *pending_enc, long long step);
enum dbrc db_tf_disable(struct pool *p, long long user);
/* DB_NOTFOUND: that step (or a later one) was used already */
enum dbrc db_tf_step(struct pool *p, long long user, long long step);
enum dbrc db_tf_codes_set(struct pool *p, long long user, const char *const *hashes, int n);
/* DB_NOTFOUND: no such unused code */
enum dbrc db_tf_code_use(struct pool *p, long long user, const char *hash, long long now);
long long db_tf_codes_left(struct pool *p, long long user);
/*
 * A sign-in waiting for its code, bound to the account as its password was
 * checked (pw_hash and role as read then, enabled, second factor on);
 * DB_NOTFOUND when the account changed meanwhile.
 */
enum dbrc db_tf_challenge_add(struct pool *p, const char *id_hash, long long user,
	const char *pw_hash, const char *role, long long expires, const char *next);
/* a sign-in waiting for its code: bound is 1 while the account is as it was
 * bound (no password reset, role change or disable since) */
#define TF_CHALLENGE(C) C(INT, user) C(STR, login) C(STR, next) C(INT, bound) C(INT, disabled)
DB_ROW(tf_challenge, TF_CHALLENGE)
enum dbrc db_tf_challenge_get(struct pool *p, const char *id_hash, long long now,
	struct tf_challenge *row);
enum dbrc db_tf_challenge_del(struct pool *p, const char *id_hash);
/* DB_NOTFOUND: the challenge has had its TF_CHALLENGE_TRIES codes */
enum dbrc db_tf_challenge_try(struct pool *p, const char *id_hash);
/* a code tried, counted as a failed sign-in; DB_NOTFOUND: the account is locked */
enum dbrc db_tf_fail(struct pool *p, long long user, long long now, int lock_after,
	int lock_minutes);
/* 1 or 0, -1 on failure */
int db_tf_required(struct pool *p);
enum dbrc db_tf_require(struct pool *p, int on);

/* a recovery code's letters and digits (shown as xxxxx-xxxxx); a code
 * typed at sign-in is checked by tf_verify (auth.h) */
#define TF_CODE_LEN 10

/* ---- twofactor.c: each one transaction ---- */

/* The pending secret confirmed by a code of step: on, with these recovery
 * codes (hashes); DB_NOTFOUND when the pending secret changed meanwhile. */
enum dbrc tf_turn_on(struct pool *p, long long user, const char *pending_enc, long long step,
	const char *const *hashes, int n);
/* New recovery codes instead of the old ones. */
enum dbrc tf_codes_replace(struct pool *p, long long user, const char *const *hashes, int n);

#endif
