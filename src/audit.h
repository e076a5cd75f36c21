/*
 * audit.h: the audit trail (sql/024_audit.sql). The router records each
 * administrative change that took effect (the route's audit action, with
 * the fields sent, secrets masked); sign-ins, their failures and the second
 * factor record themselves. Records are only ever added.
 */
#ifndef WXDESK_AUDIT_H
#define WXDESK_AUDIT_H

#include "db.h"

/* a route's write that took effect: the action, the page, the fields sent */
void audit_route(struct req *r, const char *action);
/* an event without a form (a sign-in): when nobody is signed in, user is
 * the account concerned (0: none) and login the name typed; detail a JSON
 * object's text, or NULL */
void audit_event(struct req *r, const char *action, long long user, const char *login,
	const char *detail);
/* 1 when a field's value must never be recorded (passwords, secrets, codes) */
int audit_secret_field(const char *name);

/* columns of db_audit_list */
enum { AU_ID, AU_AT, AU_LOGIN, AU_IP, AU_ACTION, AU_TARGET, AU_DETAIL };
struct audit_filter {
	const char *login, *action, *ip;	/* "" for any */
	long long   from, to;		/* [from, to) UTC; to 0: no end */
	long long   before;		/* ids below this (0: from the newest) */
	int         limit;
};
enum dbrc db_audit_add(struct pool *p, long long now, long long user, const char *login,
	const char *ip, const char *action, const char *target, const char *detail);
enum dbrc db_audit_list(struct pool *p, const struct audit_filter *f, struct dbres *out);
/* columns of db_audit_actions: the actions on record */
enum { AA_ACTION };
enum dbrc db_audit_actions(struct pool *p, struct dbres *out);

#endif
