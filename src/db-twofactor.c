/* db-twofactor.c: the statements of two-factor sign-in (twofactor.h, ui-twofactor.c, ui-login.c). */
#include <stddef.h>

#include "db-run.h"
#include "twofactor.h"

/* the account's state a waiting sign-in is bound to (u. or the row itself) */
#define TF_STAMP "SHA2(CONCAT_WS(0x1f, pw_hash, role, disabled, totp_secret_enc), 256)"

#define TWOFACTOR_STATEMENTS(X) \
	X(tf_get, ROW(tf_state), (long long user), (I(user)), \
	    "SELECT totp_on enabled, totp_secret_enc secret, totp_pending_enc pending, totp_step step, " \
	    "login FROM users WHERE id = ?") \
	X(tf_pending, EXEC, (long long user, const char *secret_enc), (S(secret_enc), I(user)), \
	    "UPDATE users SET totp_pending_enc = ? WHERE id = ?") \
	/* the pending secret becomes the secret, from the step its code was for */ \
	X(tf_enable, DONE, (long long user, const char *pending_enc, long long step), \
	    (I(step), I(user), S(pending_enc)), \
	    "UPDATE users SET totp_on = 1, totp_secret_enc = totp_pending_enc, " \
	    "totp_pending_enc = NULL, totp_step = ? WHERE id = ? AND totp_pending_enc = ?") \
	X(tf_disable, CUSTOM, (), (I), \
	    "UPDATE users SET totp_on = 0, totp_secret_enc = NULL, totp_pending_enc = NULL, " \
	    "totp_step = 0 WHERE id = ?") \
	/* a code is good once: only a later step than the last one used */ \
	X(tf_step, DONE, (long long user, long long step), (I(step), I(user), I(step)), \
	    "UPDATE users SET totp_step = ? WHERE id = ? AND totp_on = 1 AND totp_step < ?") \
	X(tf_codes_clear, CUSTOM, (), (I), \
	    "DELETE FROM recovery_codes WHERE user_id = ?") \
	X(tf_code_add, CUSTOM, (), (I, S), \
	    "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)") \
	X(tf_code_use, DONE, (long long user, const char *hash, long long now), \
	    (I(now), I(user), S(hash)), \
	    "UPDATE recovery_codes SET used_at = FROM_UNIXTIME(?) WHERE user_id = ? " \
	    "AND code_hash = ? AND used_at IS NULL") \
	X(tf_codes_left, CUSTOM, (), (I), \
	    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL") \
	/* \
	 * A challenge is made only while the account is as its password was \
	 * checked (the same hash, enabled, the same role), and carries a stamp \
	 * of that state; the code step compares it with the account as it is. \
	 */ \
	X(tf_challenge_add, CUSTOM, (), (S, I, S, I, S, S), \
	    "INSERT INTO signin_challenges (id_hash, user_id, expires_at, next, bound) " \
	    "SELECT ?, id, FROM_UNIXTIME(?), ?, " TF_STAMP " FROM users " \
	    "WHERE id = ? AND pw_hash = ? AND role = ? AND disabled = 0 AND totp_on = 1") \
	X(tf_challenge_get, ROW(tf_challenge), (const char *id_hash, long long now), \
	    (S(id_hash), I(now)), \
	    "SELECT c.user_id user, u.login, c.next, c.bound = " TF_STAMP " bound, u.disabled " \
	    "FROM signin_challenges c JOIN users u " \
	    "ON u.id = c.user_id WHERE c.id_hash = ? AND c.expires_at > FROM_UNIXTIME(?) " \
	    "AND u.totp_on = 1") \
	X(tf_challenge_del, EXEC, (const char *id_hash), (S(id_hash)), \
	    "DELETE FROM signin_challenges WHERE id_hash = ?") \
	X(tf_challenge_purge, CUSTOM, (), (I), \
	    "DELETE FROM signin_challenges WHERE expires_at <= FROM_UNIXTIME(?)") \
	/* one more code for this challenge, while it has some left */ \
	X(tf_challenge_try, DONE, (const char *id_hash), (S(id_hash), I(TF_CHALLENGE_TRIES)), \
	    "UPDATE signin_challenges SET tries = tries + 1 WHERE id_hash = ? AND tries < ?") \
	/* a code try counts as a failed sign-in (before it is checked), locking \
	 * the account as passwords do; no row when it is locked now */ \
	X(tf_fail, DONE, (long long user, long long now, int lock_after, int lock_minutes), \
	    (I(now), I(lock_after), I(now), I(lock_minutes), I(user), I(now)), \
	    "UPDATE users SET " \
	    "failed_logins = IF(locked_until IS NULL, failed_logins, 0) + 1, " \
	    "last_failed_at = FROM_UNIXTIME(?), " \
	    "locked_until = IF(failed_logins >= ?, FROM_UNIXTIME(?) + INTERVAL ? MINUTE, NULL) " \
	    "WHERE id = ? AND (locked_until IS NULL OR locked_until <= FROM_UNIXTIME(?))") \
	X(tf_require_get, CUSTOM, (), (), \
	    "SELECT require_2fa_admins FROM security_settings WHERE id = 1") \
	X(tf_require, EXEC, (int on), (I(on)), \
	    "UPDATE security_settings SET require_2fa_admins = ? WHERE id = 1")
DB_STATEMENTS(TWOFACTOR_STATEMENTS, db_table_twofactor)

enum dbrc
db_tf_disable(struct pool *p, long long user)
{
	enum dbrc rc = RUN(DBS_tf_disable, p, NULL, I(user));

	return rc == DB_OK ? RUN(DBS_tf_codes_clear, p, NULL, I(user)) : rc;
}

enum dbrc
db_tf_codes_set(struct pool *p, long long user, const char *const *hashes, int n)
{
	enum dbrc rc = RUN(DBS_tf_codes_clear, p, NULL, I(user));

	for (int i = 0; i < n && rc == DB_OK; i++)
		rc = RUN(DBS_tf_code_add, p, NULL, I(user), S(hashes[i]));
	return rc;
}

long long
db_tf_codes_left(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(DBS_tf_codes_left, p, &out, I(user)) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_tf_challenge_add(struct pool *p, const char *id_hash, long long user, const char *pw_hash,
    const char *role, long long expires, const char *next)
{
	struct dbres out;

	(void)RUN(DBS_tf_challenge_purge, p, NULL, I(expires - TF_CHALLENGE_SECONDS));
	return db_changed(RUN(DBS_tf_challenge_add, p, &out, S(id_hash), I(expires), S(next), I(user),
	    S(pw_hash), S(role)), &out, DB_NOTFOUND);
}

int
db_tf_required(struct pool *p)
{
	struct dbres out;

	if (RUN(DBS_tf_require_get, p, &out) != DB_OK || out.nrows == 0)
		return -1;
	return (int)db_int(&out, 0, 0);
}

