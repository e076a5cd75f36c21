/* db-twofactor.c: the statements of two-factor sign-in (twofactor.h, ui-twofactor.c, ui-login.c). */
#include <stddef.h>

#include "db-run.h"
#include "twofactor.h"

enum tf_stmt { TF_GET, TF_PENDING, TF_ENABLE, TF_DISABLE, TF_STEP, TF_CODES_CLEAR, TF_CODE_ADD,
	TF_CODE_USE, TF_CODES_LEFT, TF_CHALLENGE_ADD, TF_CHALLENGE_GET, TF_CHALLENGE_DEL,
	TF_CHALLENGE_PURGE, TF_CHALLENGE_TRY, TF_FAIL, TF_REQUIRE_GET, TF_REQUIRE_SET, TF__MAX };

/* the account's state a waiting sign-in is bound to (u. or the row itself) */
#define TF_STAMP "SHA2(CONCAT_WS(0x1f, pw_hash, role, disabled, totp_secret_enc), 256)"

static const struct db_stmt stmts[TF__MAX] = {
	[TF_GET] = { "tf_get",
	    "SELECT totp_on enabled, totp_secret_enc secret, totp_pending_enc pending, totp_step step, "
	    "login FROM users WHERE id = ?", .cols = tf_state_cols },
	[TF_PENDING] = { "tf_pending",
	    "UPDATE users SET totp_pending_enc = ? WHERE id = ?" },
	/* the pending secret becomes the secret, from the step its code was for */
	[TF_ENABLE] = { "tf_enable",
	    "UPDATE users SET totp_on = 1, totp_secret_enc = totp_pending_enc, "
	    "totp_pending_enc = NULL, totp_step = ? WHERE id = ? AND totp_pending_enc = ?" },
	[TF_DISABLE] = { "tf_disable",
	    "UPDATE users SET totp_on = 0, totp_secret_enc = NULL, totp_pending_enc = NULL, "
	    "totp_step = 0 WHERE id = ?" },
	/* a code is good once: only a later step than the last one used */
	[TF_STEP] = { "tf_step",
	    "UPDATE users SET totp_step = ? WHERE id = ? AND totp_on = 1 AND totp_step < ?" },
	[TF_CODES_CLEAR] = { "tf_codes_clear",
	    "DELETE FROM recovery_codes WHERE user_id = ?" },
	[TF_CODE_ADD] = { "tf_code_add",
	    "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)" },
	[TF_CODE_USE] = { "tf_code_use",
	    "UPDATE recovery_codes SET used_at = FROM_UNIXTIME(?) WHERE user_id = ? "
	    "AND code_hash = ? AND used_at IS NULL" },
	[TF_CODES_LEFT] = { "tf_codes_left",
	    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL" },
	/*
	 * A challenge is made only while the account is as its password was
	 * checked (the same hash, enabled, the same role), and carries a stamp
	 * of that state; the code step compares it with the account as it is.
	 */
	[TF_CHALLENGE_ADD] = { "tf_challenge_add",
	    "INSERT INTO signin_challenges (id_hash, user_id, expires_at, next, bound) "
	    "SELECT ?, id, FROM_UNIXTIME(?), ?, " TF_STAMP " FROM users "
	    "WHERE id = ? AND pw_hash = ? AND role = ? AND disabled = 0 AND totp_on = 1" },
	[TF_CHALLENGE_GET] = { "tf_challenge_get",
	    "SELECT c.user_id user, u.login, c.next, c.bound = " TF_STAMP " bound, u.disabled "
	    "FROM signin_challenges c JOIN users u "
	    "ON u.id = c.user_id WHERE c.id_hash = ? AND c.expires_at > FROM_UNIXTIME(?) "
	    "AND u.totp_on = 1", .cols = tf_challenge_cols },
	[TF_CHALLENGE_DEL] = { "tf_challenge_del",
	    "DELETE FROM signin_challenges WHERE id_hash = ?" },
	[TF_CHALLENGE_PURGE] = { "tf_challenge_purge",
	    "DELETE FROM signin_challenges WHERE expires_at <= FROM_UNIXTIME(?)" },
	/* one more code for this challenge, while it has some left */
	[TF_CHALLENGE_TRY] = { "tf_challenge_try",
	    "UPDATE signin_challenges SET tries = tries + 1 WHERE id_hash = ? AND tries < ?" },
	/* a code try counts as a failed sign-in (before it is checked), locking
	 * the account as passwords do; no row when it is locked now */
	[TF_FAIL] = { "tf_fail",
	    "UPDATE users SET "
	    "failed_logins = IF(locked_until IS NULL, failed_logins, 0) + 1, "
	    "last_failed_at = FROM_UNIXTIME(?), "
	    "locked_until = IF(failed_logins >= ?, FROM_UNIXTIME(?) + INTERVAL ? MINUTE, NULL) "
	    "WHERE id = ? AND (locked_until IS NULL OR locked_until <= FROM_UNIXTIME(?))" },
	[TF_REQUIRE_GET] = { "tf_require_get",
	    "SELECT require_2fa_admins FROM security_settings WHERE id = 1" },
	[TF_REQUIRE_SET] = { "tf_require_set",
	    "UPDATE security_settings SET require_2fa_admins = ? WHERE id = 1" },
};

static void           *prepared[TF__MAX];
static struct db_table tf_table = { stmts, TF__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_twofactor(void)
{
	return &tf_table;
}
#define RUN(s, p, out, ...) DB_RUN(&tf_table, s, p, out, __VA_ARGS__)
#define RUN0(s, p, out) DB_RUN(&tf_table, s, p, out)

enum dbrc
db_tf_get(struct pool *p, long long user, struct tf_state *row)
{
	struct dbres out;

	return db_as_row(RUN(TF_GET, p, &out, I(user)), &out, row, tf_state_fill);
}

enum dbrc
db_tf_pending(struct pool *p, long long user, const char *secret_enc)
{
	return RUN(TF_PENDING, p, NULL, S(secret_enc), I(user));
}

enum dbrc
db_tf_enable(struct pool *p, long long user, const char *pending_enc, long long step)
{
	struct dbres out;

	return db_changed(RUN(TF_ENABLE, p, &out, I(step), I(user), S(pending_enc)), &out,
	    DB_NOTFOUND);
}

enum dbrc
db_tf_disable(struct pool *p, long long user)
{
	enum dbrc rc = RUN(TF_DISABLE, p, NULL, I(user));

	return rc == DB_OK ? RUN(TF_CODES_CLEAR, p, NULL, I(user)) : rc;
}

enum dbrc
db_tf_step(struct pool *p, long long user, long long step)
{
	struct dbres out;

	return db_changed(RUN(TF_STEP, p, &out, I(step), I(user), I(step)), &out, DB_NOTFOUND);
}

enum dbrc
db_tf_codes_set(struct pool *p, long long user, const char *const *hashes, int n)
{
	enum dbrc rc = RUN(TF_CODES_CLEAR, p, NULL, I(user));

	for (int i = 0; i < n && rc == DB_OK; i++)
		rc = RUN(TF_CODE_ADD, p, NULL, I(user), S(hashes[i]));
	return rc;
}

enum dbrc
db_tf_code_use(struct pool *p, long long user, const char *hash, long long now)
{
	struct dbres out;

	return db_changed(RUN(TF_CODE_USE, p, &out, I(now), I(user), S(hash)), &out,
	    DB_NOTFOUND);
}

long long
db_tf_codes_left(struct pool *p, long long user)
{
	struct dbres out;

	if (RUN(TF_CODES_LEFT, p, &out, I(user)) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0);
}

enum dbrc
db_tf_challenge_add(struct pool *p, const char *id_hash, long long user, const char *pw_hash,
    const char *role, long long expires, const char *next)
{
	struct dbres out;

	(void)RUN(TF_CHALLENGE_PURGE, p, NULL, I(expires - TF_CHALLENGE_SECONDS));
	return db_changed(RUN(TF_CHALLENGE_ADD, p, &out, S(id_hash), I(expires), S(next), I(user),
	    S(pw_hash), S(role)), &out, DB_NOTFOUND);
}

enum dbrc
db_tf_challenge_get(struct pool *p, const char *id_hash, long long now, struct tf_challenge *row)
{
	struct dbres out;

	return db_as_row(RUN(TF_CHALLENGE_GET, p, &out, S(id_hash), I(now)), &out, row,
	    tf_challenge_fill);
}

enum dbrc
db_tf_challenge_del(struct pool *p, const char *id_hash)
{
	return RUN(TF_CHALLENGE_DEL, p, NULL, S(id_hash));
}

enum dbrc
db_tf_challenge_try(struct pool *p, const char *id_hash)
{
	struct dbres out;

	return db_changed(RUN(TF_CHALLENGE_TRY, p, &out, S(id_hash), I(TF_CHALLENGE_TRIES)),
	    &out, DB_NOTFOUND);
}

enum dbrc
db_tf_fail(struct pool *p, long long user, long long now, int lock_after, int lock_minutes)
{
	struct dbres out;

	return db_changed(RUN(TF_FAIL, p, &out, I(now), I(lock_after), I(now), I(lock_minutes),
	    I(user), I(now)), &out, DB_NOTFOUND);
}

int
db_tf_required(struct pool *p)
{
	struct dbres out;

	if (RUN0(TF_REQUIRE_GET, p, &out) != DB_OK || out.nrows == 0)
		return -1;
	return (int)db_int(&out, 0, 0);
}

enum dbrc
db_tf_require(struct pool *p, int on)
{
	return RUN(TF_REQUIRE_SET, p, NULL, I(on));
}
