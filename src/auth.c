/*
 * auth.c: the checks of who a person is (see auth.h): a password under the
 * sign-in rules, and a second factor (a code of the authenticator app, or a
 * recovery code). The pages ask; the rules are here.
 *
 * Failed sign-ins slow down (after Login.SlowAfter failures each attempt
 * must wait longer, doubling) and then lock the account for
 * Login.LockMinutes. The password is not even checked while an attempt is
 * refused, so waiting cannot be skipped by guessing faster; and each check
 * is claimed in the database (one conditional UPDATE that counts it as a
 * failure) before it is made, so guesses sent at once, to any number of
 * processes or nodes, check no more passwords than the rules allow.
 */
#include <ctype.h>
#include <string.h>

#include "auth.h"
#include "totp.h"
#include "twofactor.h"
#include "ui.h"
#include "staff.h"

/* A valid hash of a random password, so unknown logins cost as much as known ones. */
static const char dummy_hash[] = "pbkdf2-sha256$600000$"
    "00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

enum pw_result
pw_refusal(struct req *r, const struct user_by_login *u, time_t now, const char **why)
{
	long long locked = u->locked, last = u->lastfail;
	long long fails = locked ? 0 : u->failed_logins;
	int       slow_after = cfg_int("Login.SlowAfter", 3);

	if (locked > now) {
		long long mins = (locked - now + 59) / 60;
		*why = LF(r, mins == 1 ? "login.locked_1" : "login.locked", mins);
		return PW_LOCKED;
	}
	long long wait = fails >= slow_after ?
	    5LL << (fails - slow_after > 10 ? 10 : fails - slow_after) : 0;
	wait -= now - last;
	*why = LF(r, "login.wait", wait < 1 ? 1 : wait);
	return PW_WAIT;
}

enum pw_result
pw_check(struct req *r, const char *login, const char *password, const char *where,
    int code_follows, struct user_by_login *u, const char **why)
{
	time_t    now = wx_now();
	int       lock_after = cfg_int("Login.LockAfter", 10);
	int       lock_min = cfg_int("Login.LockMinutes", 15);
	long long id;
	enum dbrc rc;

	*why = NULL;
	rc = db_user_by_login(&r->pool, login, u);
	if (rc == DB_NOTFOUND) {
		pw_verify(password, dummy_hash);	/* as slow as a known login */
		*why = L(r, "login.wrong");
		return PW_UNKNOWN;
	}
	if (rc != DB_OK)
		return PW_DB;
	id = u->id;
	/* the check is claimed, and counted as a failure, before it is made */
	rc = db_user_password_claim(&r->pool, id, now, cfg_int("Login.SlowAfter", 3),
	    lock_after, lock_min);
	if (rc == DB_NOTFOUND) {
		if (db_user_by_login(&r->pool, login, u) != DB_OK)
			return PW_DB;
		return pw_refusal(r, u, now, why);
	}
	if (rc != DB_OK)
		return PW_DB;
	if (pw_verify(password, u->pw_hash)) {
		/* with a code to come, the attempt stays counted until the code is
		 * right: a known password does not buy unlimited guesses at codes */
		if (!(code_follows && u->totp_on) &&
		    db_user_login_ok(&r->pool, id) != DB_OK)
			return PW_DB;
		return PW_OK;
	}
	wx_audit("user %lld (%s): a wrong password for %s, from %s", id, login, where,
	    r->remote_addr ? r->remote_addr : "?");
	if (db_user_by_login(&r->pool, login, u) != DB_OK)
		return PW_DB;
	if (u->locked > now) {
		*why = LF(r, "login.now_locked", u->failed_logins, lock_min);
		return PW_LOCKED;
	}
	*why = L(r, "login.wrong");
	return PW_WRONG;
}


/* a recovery code as typed, reduced to its letters and digits in lower case */
static const char *
code_norm(struct pool *p, const char *typed)
{
	char  *out = pool_alloc(p, TF_CODE_LEN + 1);
	size_t n = 0;

	for (const char *c = typed ? typed : ""; *c; c++) {
		if (*c == '-' || *c == ' ')
			continue;
		if (!isalnum((unsigned char)*c) || n == TF_CODE_LEN)
			return NULL;
		out[n++] = (char)tolower((unsigned char)*c);
	}
	out[n] = '\0';
	return n == TF_CODE_LEN ? out : NULL;
}

/* the key of a stored secret (base32, encrypted): its length, or -1 */
int
auth_totp_key(struct pool *p, const char *stored, unsigned char key[64])
{
	const char *b32 = stored ? secret_decrypt(p, stored) : NULL;

	return b32 ? totp_unbase32(b32, key, 64) : -1;
}

const char *
tf_verify(struct req *r, long long user, const char *code)
{
	struct tf_state t;
	unsigned char   key[64];
	int             n;
	long long       step;
	const char     *norm;

	if (code == NULL || db_tf_get(&r->pool, user, &t) != DB_OK || !t.enabled)
		return NULL;
	n = auth_totp_key(&r->pool, t.secret, key);
	if (n > 0 && (step = totp_check(key, (size_t)n, code, (long long)wx_now(), t.step)) >= 0 &&
	    db_tf_step(&r->pool, user, step) == DB_OK)
		return "code";
	if ((norm = code_norm(&r->pool, code)) != NULL &&
	    db_tf_code_use(&r->pool, user, sha256_hex(&r->pool, norm, TF_CODE_LEN),
	    (long long)wx_now()) == DB_OK)
		return "recovery";
	return NULL;
}
