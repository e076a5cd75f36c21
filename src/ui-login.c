/*
 * ui-login.c: sign-in and sign-out.
 *
 * Failed sign-ins slow down (after Login.SlowAfter failures each attempt
 * must wait longer, doubling) and then lock the account for
 * Login.LockMinutes. The password is not even checked while an attempt
 * is refused, so waiting cannot be skipped by guessing faster.
 */
#include <string.h>

#include "db.h"
#include "ui.h"

#define SID_COOKIE "wxsid"

/* A valid hash of a random password, so unknown logins cost as much as known ones. */
static const char dummy_hash[] = "pbkdf2-sha256$600000$"
    "00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

const char *
home_for(const struct user *u)
{
	return u && u->role >= ROLE_ADMIN ? "/admin/" : "/console/";
}

/* Only a local path that cannot point off-site is followed after sign-in. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    !header_value_ok(next) || strstr(next, "/login") == next)
		return NULL;
	return next;
}

void
admin_root_get(struct req *r, struct resp *rs)
{
	resp_redirect(rs, r->user ? home_for(r->user) : "/login");
}

void
admin_login_get(struct req *r, struct resp *rs)
{
	if (r->user) {
		resp_redirect(rs, home_for(r->user));
		return;
	}
	tmpl_set(r, "Form.next.Value", safe_next(req_arg(r, "next")));
	tmpl_set(r, "Page.Title", "Sign in");
	tmpl_render(r, rs, "login.cs");
}

static void
login_refused(struct req *r, struct resp *rs, int status, const char *msg)
{
	tmpl_set(r, "Form.login.Value", req_field(r, "login"));
	tmpl_set(r, "Form.next.Value", safe_next(req_field(r, "next")));
	tmpl_set(r, "Login.Error", msg);
	tmpl_set(r, "Page.Title", "Sign in");
	tmpl_render(r, rs, "login.cs");
	rs->status = status;
}

void
admin_login_post(struct req *r, struct resp *rs)
{
	const char  *login = req_field(r, "login");
	const char  *pw = req_field(r, "password");
	struct dbres u;
	enum dbrc    rc;
	time_t       now = wx_now();
	long long    fails, last, locked, id;
	int          slow_after = cfg_int("Login.SlowAfter", 3);
	int          lock_after = cfg_int("Login.LockAfter", 10);
	int          lock_min = cfg_int("Login.LockMinutes", 15);
	char        *token, *hash, *csrf;

	if (login == NULL || *login == '\0' || pw == NULL || *pw == '\0') {
		login_refused(r, rs, 422, "Enter your sign-in name and password.");
		return;
	}
	rc = db_user_by_login(&r->pool, login, &u);
	if (rc == DB_FAIL) {
		ui_db_failed(r, rs);
		return;
	}
	if (rc == DB_NOTFOUND) {
		pw_verify(pw, dummy_hash);
		login_refused(r, rs, 401, "The sign-in name or password is wrong.");
		return;
	}
	/* columns: id login name role pw_hash disabled failed_logins last_failed locked_until */
	id = db_int(&u, 0, 0);
	fails = db_int(&u, 0, 6);
	last = db_int(&u, 0, 7);
	locked = db_int(&u, 0, 8);
	if (locked > now) {
		long long mins = (locked - now + 59) / 60;
		login_refused(r, rs, 429, pool_printf(&r->pool, "This account is locked "
		    "after too many failed sign-ins. Try again in %lld minute%s, or ask "
		    "an administrator to reset the password.", mins, mins == 1 ? "" : "s"));
		return;
	}
	if (locked != 0 && locked <= now)
		fails = 0;	/* the lock has run out: start counting again */
	if (fails >= slow_after) {
		long long wait = 5LL << (fails - slow_after > 10 ? 10 : fails - slow_after);
		if (now - last < wait) {
			login_refused(r, rs, 429, pool_printf(&r->pool, "Too many failed "
			    "sign-ins. Wait %lld seconds before trying again.",
			    wait - (now - last)));
			return;
		}
	}
	if (!pw_verify(pw, db_cell(&u, 0, 4))) {
		fails++;
		db_user_login_failed(&r->pool, id, fails, now,
		    fails >= lock_after ? now + 60L * lock_min : 0);
		if (fails >= lock_after)
			login_refused(r, rs, 429, pool_printf(&r->pool, "The password was "
			    "wrong %lld times, so this account is locked for %d minutes.",
			    fails, lock_min));
		else
			login_refused(r, rs, 401, "The sign-in name or password is wrong.");
		return;
	}
	if (db_int(&u, 0, 5)) {
		login_refused(r, rs, 403, "This account is disabled. Ask an administrator "
		    "to enable it.");
		return;
	}
	if (fails || locked)
		db_user_login_ok(&r->pool, id);
	/* a fresh session id at every sign-in; the old one, if any, is dropped */
	if (r->sid_hash)
		db_session_delete(&r->pool, r->sid_hash);
	token = rand_hex(&r->pool, 32);
	hash = sha256_hex(&r->pool, token, 64);
	csrf = rand_hex(&r->pool, 32);
	if (db_session_insert(&r->pool, hash, id, csrf, now) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	db_session_purge(&r->pool, now - 60L * cfg_int("Session.IdleMinutes", 480));
	resp_cookie(rs, SID_COOKIE, token, -1, r->https ||
	    strncmp(cfg_get("PublicURL", ""), "https:", 6) == 0);
	{
		struct user tmp = { .role = role_parse(db_cell(&u, 0, 3)) };
		const char *next = safe_next(req_field(r, "next"));
		resp_redirect(rs, next ? next : home_for(&tmp));
	}
}

void
admin_logout_post(struct req *r, struct resp *rs)
{
	if (r->sid_hash)
		db_session_delete(&r->pool, r->sid_hash);
	resp_cookie(rs, SID_COOKIE, "", 0, r->https);
	resp_redirect(rs, "/login?signed_out=1");
}
