/*
 * audit.h: the audit trail (sql/024_audit.sql). The router records each
 * administrative change that took effect (the route's audit action, with
 * the fields sent, secrets masked); sign-ins, their failures and the second
 * factor record themselves. Records are only ever added.
 */
#ifndef WXDESK_AUDIT_H
#define WXDESK_AUDIT_H

#include "db.h"

/* a route's write that took effect: the action, the page, the fields sent
 * (after what its handler noted) */
void audit_route(struct req *r, const char *action);
/* what the record of this request's change says beyond its form: what a
 * removal took away, which the form (only a token) cannot say; key and val
 * the request's own */
void audit_note(struct req *r, const char *key, const char *val);
/* an event without a form (a sign-in): when nobody is signed in, user is
 * the account concerned (0: none) and login the name typed; detail a JSON
 * object's text, or NULL */
void audit_event(struct req *r, const char *action, long long user, const char *login,
	const char *detail);
/* a form's fields as a record's detail: a JSON object in the order sent
 * (a field sent again: an array), secrets masked, values cut at 200
 * characters, the whole at about 8 KB (the rest counted under "…") */
void audit_detail(const struct kv *form, struct buf *b);
/* 1 when a field's value must never be recorded (passwords, secrets, codes) */
int audit_secret_field(const char *name);

/* a record of the trail (at: a Unix time; name: the account's name now, NULL
 * when it is gone or there was none) */
#define AUDIT_RECORD(C) C(INT, id) C(INT, at) C(STR, login) C(STR, ip) C(STR, action) \
	C(STR, target) C(STR, detail) C(STR, name)
DB_ROW(audit_record, AUDIT_RECORD)
struct audit_filter {
	const char *login, *action, *ip;	/* "" for any */
	long long   from, to;		/* [from, to) UTC; to 0: no end */
	long long   before;		/* ids below this (0: from the newest) */
	int         limit;
};
enum dbrc db_audit_add(struct pool *p, long long now, long long user, const char *login,
	const char *ip, const char *action, const char *target, const char *detail);
enum dbrc db_audit_list(struct pool *p, const struct audit_filter *f, struct audit_record **rows,
	size_t *n);
/* the actions on record */
#define AUDIT_ACTION(C) C(STR, action)
DB_ROW(audit_action, AUDIT_ACTION)
enum dbrc db_audit_actions(struct pool *p, struct audit_action **rows, size_t *n);

#endif
