/* channel.c: a WeChat account's setup saved whole (see channel.h). */
#include "channel.h"

struct setup {
	long long                   id;
	const struct channel_setup *s;
	int                         reset;
};

static enum dbrc
setup_step(struct pool *p, void *arg)
{
	const struct setup *x = arg;
	enum dbrc           rc = db_channel_update_setup(p, x->id, x->s);

	if (rc == DB_OK && x->reset)
		rc = db_token_reset(p, x->id);
	return rc;
}

enum dbrc
channel_setup_save(struct pool *p, long long id, const struct channel_setup *s,
    int new_credentials)
{
	struct setup x = { id, s, new_credentials };

	return db_txn(p, setup_step, &x);
}
