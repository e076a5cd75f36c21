/*
 * session.c: signed-in sessions, read from their cookie (the database
 * keeps a SHA-256 of the token, the CSRF secret, the last request and one
 * flash message), and the CSRF token of a visitor not signed in yet (a
 * double-submit cookie for the sign-in form).
 */
#include <stddef.h>
#include <string.h>

#include "db.h"
#include "staff.h"

#define SID_COOKIE  "wxsid"
#define PRE_COOKIE  "wxcsrf"

void
flash_set(struct req *r, const char *msg)
{
	if (r->sid_hash)
		db_session_flash(&r->pool, r->sid_hash, msg);
}

_Static_assert(offsetof(struct session_mark, top) == sizeof(struct session_get) &&
    sizeof(struct session_mark) == sizeof(struct session_get) + sizeof(struct console_mark),
    "a session_mark row is a session_get row, then a console_mark row");

/*
 * Reads the session from its cookie, and (want_mark) the console's mark in
 * the same statement, into r->mark; returns -1 only when the database
 * failed.
 */
int
session_load(struct req *r, struct resp *rs, int want_flash, int want_mark)
{
	const char  *sid = req_cookie(r, SID_COOKIE);
	struct session_get res;
	struct session_mark m;
	enum dbrc    rc;
	time_t       now = wx_now();
	long         idle = 60L * cfg_int("Session.IdleMinutes", 480);

	if (sid == NULL || strlen(sid) != 64)
		return 0;
	r->sid_hash = sha256_hex(&r->pool, sid, 64);
	if (want_mark) {
		if ((rc = db_session_mark(&r->pool, r->sid_hash, (long long)now, &m)) == DB_OK) {
			memcpy(&res, &m, sizeof res);	/* the session's columns come first */
			r->mark = pool_alloc(&r->pool, sizeof *r->mark);
			memcpy(r->mark, &m.top, sizeof *r->mark);
		}
	} else
		rc = db_session_get(&r->pool, r->sid_hash, &res);
	if (rc == DB_FAIL)
		return -1;
	if (rc == DB_NOTFOUND) {
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	/* columns: user_id csrf last_seen flash login name role disabled language */
	if (res.disabled != 0 || now - res.last_seen > idle) {
		db_session_delete(&r->pool, r->sid_hash);
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	r->user = pool_alloc(&r->pool, sizeof *r->user);
	r->user->id = res.user_id;
	r->user->login = res.login;
	r->user->name = res.name;
	r->user->role = role_parse(res.role);
	r->csrf = res.csrf;
	r->user->presence = res.presence;
	r->user->console_seen = res.console_seen;
	r->user->idle = res.idle != 0;
	r->user->totp = res.totp_on != 0;
	r->user->must_enrol = r->user->role == ROLE_ADMIN && !r->user->totp &&
	    res.require_2fa == 1;
	{
		int l = lang_parse(res.language);
		if (l >= 0)
			r->lang = (enum lang)l;
		r->user->language = l >= 0 ? lang_code((enum lang)l) : NULL;
	}
	if (now - res.last_seen >= 60)
		db_session_touch(&r->pool, r->sid_hash, now);
	if (want_flash && res.flash != NULL) {
		r->flash = res.flash;
		db_session_flash(&r->pool, r->sid_hash, NULL);
	}
	return 0;
}

/* A visitor who is not signed in gets a CSRF token in a cookie of its own. */
void
session_pre_csrf(struct req *r, struct resp *rs)
{
	const char *pre = req_cookie(r, PRE_COOKIE);

	if (pre != NULL && strlen(pre) == 64 && strspn(pre, "0123456789abcdef") == 64)
		r->csrf = pre;
	else {
		r->csrf = rand_hex(&r->pool, 32);
		resp_cookie(rs, PRE_COOKIE, r->csrf, -1, r->https);
	}
}
