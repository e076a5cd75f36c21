/* staff.c: a staff account saved whole (see staff.h). */
#include "assign.h"
#include "staff.h"

struct save {
	const struct staff_form *f;
	long long               *id;
	int                      create;
};

static enum dbrc
save_step(struct pool *p, void *arg)
{
	const struct save       *x = arg;
	const struct staff_form *f = x->f;
	enum dbrc                rc = x->create ? db_user_insert(p, f->login, f->name, f->role,
	    f->pw_hash, x->id) : db_user_update(p, *x->id, f->name, f->role);

	if (rc == DB_OK)
		rc = db_member_clear_user(p, *x->id);
	for (int i = 0; rc == DB_OK && i < f->ndepts; i++)
		if (f->depts[i] > 0)
			rc = db_member_add(p, f->depts[i], *x->id);
	if (rc == DB_OK && f->chat_limit > 0)
		rc = db_user_chat_limit_set(p, *x->id, f->chat_limit);
	return rc;
}

enum dbrc
staff_create(struct pool *p, const struct staff_form *f, long long *id)
{
	struct save x = { f, id, 1 };

	return db_txn(p, save_step, &x);
}

enum dbrc
staff_update(struct pool *p, long long id, const struct staff_form *f)
{
	struct save x = { f, &id, 0 };

	return db_txn(p, save_step, &x);
}

struct disable {
	long long id;
	int       disable;
};

static enum dbrc
disable_step(struct pool *p, void *arg)
{
	const struct disable *x = arg;
	enum dbrc             rc = db_user_set_disabled(p, x->id, x->disable);

	if (rc == DB_OK && x->disable)
		rc = db_session_delete_user(p, x->id);
	return rc;
}

enum dbrc
staff_disable(struct pool *p, long long id, int disable)
{
	struct disable x = { id, disable };

	return db_txn(p, disable_step, &x);
}

struct password {
	long long   id;
	const char *hash;
	int         sign_out;
};

static enum dbrc
password_step(struct pool *p, void *arg)
{
	const struct password *x = arg;
	enum dbrc              rc = db_user_set_password(p, x->id, x->hash);

	if (rc == DB_OK && x->sign_out)
		rc = db_session_delete_user(p, x->id);
	return rc;
}

enum dbrc
staff_password(struct pool *p, long long id, const char *hash, int sign_out)
{
	struct password x = { id, hash, sign_out };

	return db_txn(p, password_step, &x);
}
