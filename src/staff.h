/*
 * staff.h: a staff account saved whole: its name, role, departments and
 * chat limit in one transaction (retried on a conflict), for Admin →
 * Operators (ui-operators.c).
 */
#ifndef WXDESK_STAFF_H
#define WXDESK_STAFF_H

#include "db.h"

struct staff_form {
	const char      *login, *name, *role;
	const char      *pw_hash;	/* a new account's */
	const long long *depts;
	int              ndepts;
	long long        chat_limit;	/* 0: keep what there is */
};

/* A new account; DB_CONFLICT when the login is taken. */
enum dbrc staff_create(struct pool *p, const struct staff_form *f, long long *id);
/* An account's name, role, departments and limit (login and password unchanged). */
enum dbrc staff_update(struct pool *p, long long id, const struct staff_form *f);

#endif
