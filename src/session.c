/*
 * session.c: signed-in sessions, read from their cookie (the database
 * keeps a SHA-256 of the token, the CSRF secret, the last request and one
 * flash message), and the CSRF token of a visitor not signed in yet (a
 * double-submit cookie for the sign-in form).
 */
#include <string.h>

#include "db.h"

#define SID_COOKIE  "wxsid"
#define PRE_COOKIE  "wxcsrf"

void
flash_set(struct req *r, const char *msg)
{
	if (r->sid_hash)
		db_session_flash(&r->pool, r->sid_hash, msg);
}

/* Reads the session from its cookie; returns -1 only when the database failed. */
int
session_load(struct req *r, struct resp *rs, int want_flash)
{
	const char  *sid = req_cookie(r, SID_COOKIE);
	struct dbres res;
	enum dbrc    rc;
	time_t       now = wx_now();
	long         idle = 60L * cfg_int("Session.IdleMinutes", 480);

	if (sid == NULL || strlen(sid) != 64)
		return 0;
	r->sid_hash = sha256_hex(&r->pool, sid, 64);
	rc = db_session_get(&r->pool, r->sid_hash, &res);
	if (rc == DB_FAIL)
		return -1;
	if (rc == DB_NOTFOUND) {
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	/* columns: user_id csrf last_seen flash login name role disabled language */
	if (db_int(&res, 0, SESS_DISABLED) != 0 || now - db_int(&res, 0, SESS_LAST_SEEN) > idle) {
		db_session_delete(&r->pool, r->sid_hash);
		r->sid_hash = NULL;
		resp_cookie(rs, SID_COOKIE, "", 0, r->https);
		return 0;
	}
	r->user = pool_alloc(&r->pool, sizeof *r->user);
	r->user->id = db_int(&res, 0, SESS_USER);
	r->user->login = db_cell(&res, 0, SESS_LOGIN);
	r->user->name = db_cell(&res, 0, SESS_NAME);
	r->user->role = role_parse(db_cell(&res, 0, SESS_ROLE));
	r->csrf = db_cell(&res, 0, SESS_CSRF);
	r->user->presence = db_cell(&res, 0, SESS_PRESENCE);
	r->user->console_seen = db_int(&res, 0, SESS_CONSOLE_SEEN);
	r->user->idle = db_int(&res, 0, SESS_IDLE) != 0;
	r->user->totp = db_int(&res, 0, SESS_TOTP) != 0;
	r->user->must_enrol = r->user->role == ROLE_ADMIN && !r->user->totp &&
	    db_int(&res, 0, SESS_REQUIRE_2FA) == 1;
	{
		int l = lang_parse(db_cell(&res, 0, SESS_LANGUAGE));
		if (l >= 0)
			r->lang = (enum lang)l;
		r->user->language = l >= 0 ? lang_code((enum lang)l) : NULL;
	}
	if (now - db_int(&res, 0, SESS_LAST_SEEN) >= 60)
		db_session_touch(&r->pool, r->sid_hash, now);
	if (want_flash && db_cell(&res, 0, SESS_FLASH) != NULL) {
		r->flash = db_cell(&res, 0, SESS_FLASH);
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
