/*
 * route.c: matching a request path against a route's pattern, and the
 * staff roles' names. Pure functions: no database, no templates (the route
 * fuzz driver links this file alone).
 */
#include <string.h>

#include "wxdesk.h"

/* What a role may see beyond its route table: supervisors and admins see every department's chats. */
int
user_sees_all_chats(const struct user *u)
{
	return u != NULL && u->role >= ROLE_SUPERVISOR;
}

const char *
role_name(enum role ro)
{
	switch (ro) {
	case ROLE_ADMIN:      return "admin";
	case ROLE_SUPERVISOR: return "supervisor";
	case ROLE_OPERATOR:   return "operator";
	default:              return "none";
	}
}

enum role
role_parse(const char *s)
{
	if (s == NULL) return ROLE_NONE;
	if (strcmp(s, "admin") == 0) return ROLE_ADMIN;
	if (strcmp(s, "supervisor") == 0) return ROLE_SUPERVISOR;
	if (strcmp(s, "operator") == 0) return ROLE_OPERATOR;
	return ROLE_NONE;
}

/*
 * Matches path against pattern segment by segment; "{id}" matches 1-18
 * digits, stored in ids[]. Returns 1 on a match.
 */
int
route_match(const char *pattern, const char *path, long long *ids, int *nids,
    const char **key, struct pool *pl)
{
	const char *p = pattern, *s = path;

	*nids = 0;
	while (*p && *s) {
		if (strncmp(p, "{key}", 5) == 0) {
			/* an opaque token: 1-64 letters, digits, '-' or '_' */
			size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-_");
			if (n == 0 || n > 64 || (s[n] != '/' && s[n] != '\0'))
				return 0;
			if (key && pl)
				*key = pool_strndup(pl, s, n);
			s += n;
			p += 5;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			const char *st = s;
			long long   v = 0;
			while (*s >= '0' && *s <= '9' && s - st < 18)
				v = v * 10 + (*s++ - '0');
			if (s == st || (*s != '/' && *s != '\0'))
				return 0;
			if (*nids < 4)
				ids[(*nids)++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++, s++;
	}
	return *p == '\0' && *s == '\0';
}
