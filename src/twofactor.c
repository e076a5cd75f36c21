/* twofactor.c: turning two-factor sign-in on and replacing recovery codes, each one transaction (see twofactor.h). */
#include "twofactor.h"

struct codes {
	long long          user, step;
	const char        *pending_enc;	/* NULL: only the codes */
	const char *const *hashes;
	int                n;
};

static enum dbrc
codes_step(struct pool *p, void *arg)
{
	const struct codes *x = arg;
	enum dbrc           rc = x->pending_enc ? db_tf_enable(p, x->user, x->pending_enc,
	    x->step) : DB_OK;

	return rc == DB_OK ? db_tf_codes_set(p, x->user, x->hashes, x->n) : rc;
}

enum dbrc
tf_turn_on(struct pool *p, long long user, const char *pending_enc, long long step,
    const char *const *hashes, int n)
{
	struct codes x = { user, step, pending_enc, hashes, n };

	return db_txn(p, codes_step, &x);
}

enum dbrc
tf_codes_replace(struct pool *p, long long user, const char *const *hashes, int n)
{
	struct codes x = { user, 0, NULL, hashes, n };

	return db_txn(p, codes_step, &x);
}
