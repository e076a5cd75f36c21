/*
 * ui-login.c: sign-in and sign-out.
 *
 * Failed sign-ins slow down (after Login.SlowAfter failures each attempt
 * must wait longer, doubling) and then lock the account for
 * Login.LockMinutes. The password is not even checked while an attempt
 * is refused, so waiting cannot be skipped by guessing faster; and each
 * check is claimed in the database (one conditional UPDATE that counts it
 * as a failure) before it is made, so guesses sent at once, to any number
 * of processes or nodes, check no more passwords than the rules allow.
 * pw_check (auth.c) applies the same rules wherever a password is asked for.
 */
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db.h"
#include "json.h"
#include "assign.h"
#include "twofactor.h"
#include "ui.h"
#include "staff.h"

#define SID_COOKIE "wxsid"

const char *
home_for(const struct user *u)
{
	return u && u->role >= ROLE_ADMIN ? "/admin/" : "/console/";
}

/*
 * Only a local path that cannot point off-site is followed after sign-in.
 * Browsers drop tabs and newlines from a URL and read a backslash as a
 * slash, so "/<TAB>/host" or "/\\host" would lead off-site: a target with
 * any control character, a backslash or a space is refused whole.
 */
const char *
ui_safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strstr(next, "/login") == next)
		return NULL;
	for (const unsigned char *c = (const unsigned char *)next; *c; c++)
		if (*c <= 0x20 || *c == 0x7f || *c == '\\')
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
	tmpl_set(r, "Form.next.Value", ui_safe_next(req_arg(r, "next")));
	tmpl_set(r, "Page.Title", L(r, "login.submit"));
	tmpl_render(r, rs, "login.cs");
}

/* the sign-in form: a password is compared as it is, a next page is
 * followed only when it is this site's (ui_safe_next) */
enum { LF_LOGIN, LF_PASSWORD, LF_NEXT, LF__N };
static const struct field login_fields[LF__N] = {
	[LF_LOGIN] = { "login", "field.login", 0, v_utf8 },
	[LF_PASSWORD] = { "password", "field.password", 0, NULL },
	[LF_NEXT] = { "next", "field.next", 0, NULL },
};

static void
login_refused(struct req *r, struct resp *rs, int status, const char *msg)
{
	const char *next = ui_safe_next(form_kept(r, "next"));

	tmpl_set(r, "Form.next.Value", next ? next : "");
	tmpl_set(r, "Form.password.Value", "");	/* never shown again */
	tmpl_set(r, "Login.Error", msg);
	tmpl_set(r, "Page.Title", L(r, "login.submit"));
	tmpl_render(r, rs, "login.cs");
	rs->status = status;
}



/*
 * Signed in (the password, and the code if the account has a second
 * factor): a fresh session, available, on the record, to where it was going.
 */
static void
signin_finish(struct req *r, struct resp *rs, long long id, const char *login, const char *role,
    const char *next, const char *second_factor)
{
	time_t      now = wx_now();
	char       *token, *hash, *csrf;
	struct user tmp = { .role = role_parse(role) };

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
	if (second_factor) {
		struct buf d = { 0 };
		json_put(&d, json_pack("{s:s}", "second_factor", second_factor));
		audit_event(r, "signin", id, login, d.data);
		buf_free(&d);
	} else
		audit_event(r, "signin", id, login, NULL);
	/* signed in: available, and the console counts as seen (a failure
	 * costs only the presence: the operator sets it in the header) */
	(void)presence_change(&r->pool, id, "available", "sign_in");
	(void)db_presence_seen(&r->pool, id, now);
	resp_cookie(rs, SID_COOKIE, token, -1, r->https ||
	    strncmp(cfg_get("PublicURL", ""), "https:", 6) == 0);
	resp_redirect(rs, next ? next : home_for(&tmp));
}

static void code_page(struct req *r, struct resp *rs, int status, const char *msg);

/* how a sign-in step ends: on, or refused in words on its page */
struct signin {
	int         status;	/* a refusal's */
	const char *why;	/* …in words */
	int         on_code;	/* refused on the code page (the second step), not the sign-in page */
	int         forget;	/* the challenge's cookie cleared with the refusal */
	const char *to;		/* where a step that went on goes (no word) */
};

/* the one answer of the sign-in's steps (ui.h); a step that signed in
 * (signin_finish) has answered: UI_SHOWN */
static void
signin_end(struct req *r, struct resp *rs, int st, const struct signin *x)
{
	if (st != UI_REFUSED) {
		ui_saved(r, rs, st, "operator", NULL, x->to);
		return;
	}
	if (x->forget)
		resp_cookie(rs, TF_COOKIE, "", 0, r->https);
	if (x->on_code)
		code_page(r, rs, x->status, x->why);
	else
		login_refused(r, rs, x->status, x->why);
}

/* a refusal of status, in words */
static int
refuse(struct signin *x, int status, const char *why)
{
	x->status = status;
	x->why = why;
	return UI_REFUSED;
}

/* the sign-in name and password: signed in, or on to the code (two-factor) */
static int
password_step(struct req *r, struct resp *rs, struct signin *x)
{
	const char  *v[LF__N], *login, *pw, *why;
	struct user_by_login u;
	time_t       now = wx_now();
	long long    id;

	if (FORM_READ(r, login_fields, v) || *v[LF_LOGIN] == '\0' || *v[LF_PASSWORD] == '\0')
		return refuse(x, 422, L(r, "login.empty"));
	login = v[LF_LOGIN], pw = v[LF_PASSWORD];
	switch (pw_check(r, login, pw, "sign-in", 1, &u, &why)) {
	case PW_OK:
		break;
	case PW_DB:
		return DB_FAIL;
	case PW_WRONG:
	case PW_UNKNOWN:
		audit_event(r, "signin.failed", 0, login, NULL);
		return refuse(x, 401, why);
	default:
		audit_event(r, "signin.locked", 0, login, NULL);
		return refuse(x, 429, why);
	}
	id = u.id;
	if (u.disabled) {
		audit_event(r, "signin.disabled", id, login, NULL);
		return refuse(x, 403, L(r, "login.disabled"));
	}
	if (u.totp_on) {
		/* the password was right; the code comes next, within 5 minutes,
		 * from this browser (the challenge is a cookie's hash) */
		char       *token = rand_hex(&r->pool, 32);
		const char *next = ui_safe_next(v[LF_NEXT]);
		enum dbrc   rc = db_tf_challenge_add(&r->pool, sha256_hex(&r->pool, token, 64), id,
		    u.pw_hash, u.role,
		    (long long)now + TF_CHALLENGE_SECONDS, next ? next : "");
		if (rc == DB_NOTFOUND)	/* the account changed between the check and now */
			return refuse(x, 401, L(r, "login.changed"));
		if (rc != DB_OK)
			return rc;
		resp_cookie(rs, TF_COOKIE, token, TF_CHALLENGE_SECONDS, r->https ||
		    strncmp(cfg_get("PublicURL", ""), "https:", 6) == 0);
		x->to = "/login/code";
		return DB_OK;
	}
	signin_finish(r, rs, id, u.login, u.role, ui_safe_next(v[LF_NEXT]), NULL);
	return UI_SHOWN;
}

void
admin_login_post(struct req *r, struct resp *rs)
{
	struct signin x = { 0 };

	signin_end(r, rs, password_step(r, rs, &x), &x);
}

/* ---- the second step: a code from the authenticator app, or a recovery code ---- */

static void
code_page(struct req *r, struct resp *rs, int status, const char *msg)
{
	tmpl_set(r, "Login.Error", msg);
	tmpl_set(r, "Page.Title", L(r, "login.code_title"));
	tmpl_render(r, rs, "login_code.cs");
	rs->status = status;
}

/*
 * The challenge this browser holds: 0 and *c filled; -1 when there is none
 * (gone, expired, or none); or 1 when the account changed since the
 * password was checked (a reset, a role change, disabled): then the
 * challenge is deleted, the refusal is on the record and *why says it.
 */
static int
challenge(struct req *r, struct tf_challenge *c, const char **hash, const char **why)
{
	const char *token = req_cookie(r, TF_COOKIE);

	*why = L(r, "login.code_expired");
	if (token == NULL || strlen(token) != 64)
		return -1;
	*hash = sha256_hex(&r->pool, token, 64);
	if (db_tf_challenge_get(&r->pool, *hash, (long long)wx_now(), c) != DB_OK)
		return -1;
	if (c->bound == 1 && c->disabled == 0)
		return 0;
	db_tf_challenge_del(&r->pool, *hash);
	audit_event(r, "signin.voided", c->user, c->login, NULL);
	*why = L(r, c->disabled ? "login.disabled" : "login.changed");
	return 1;
}

void
login_code_get(struct req *r, struct resp *rs)
{
	struct tf_challenge c;
	const char         *hash, *why;

	if (challenge(r, &c, &hash, &why) != 0) {
		flash_set(r, why);
		resp_redirect(rs, "/login");
		return;
	}
	code_page(r, rs, 200, NULL);
}

static const struct field code_fields[] = {
	{ "code", "login.code", 0, v_utf8 },	/* six digits, or a recovery code (tf_verify) */
};

/* the second step's code (or a recovery code): signed in, or refused */
static int
code_step(struct req *r, struct resp *rs, struct signin *x)
{
	struct tf_challenge c;
	struct user_by_login u;
	const char         *hash, *how, *why, *code;
	time_t       now = wx_now();
	long long    id;
	int          lock_min = cfg_int("Login.LockMinutes", 15);
	enum dbrc    rc;

	switch (challenge(r, &c, &hash, &why)) {
	case 0:
		break;
	case 1:
		x->forget = 1;
		return refuse(x, 403, why);
	default:
		return refuse(x, 401, why);
	}
	id = c.user;
	if ((rc = db_user_by_login(&r->pool, c.login, &u)) != DB_OK)
		return ui_wrote(rc);
	/*
	 * The sign-in rules hold for codes too: each try counts as a failed
	 * sign-in before it is checked (the account locks as for passwords),
	 * and a challenge takes TF_CHALLENGE_TRIES codes, then the password is
	 * asked again (which the failures slow down).
	 */
	rc = db_tf_challenge_try(&r->pool, hash);
	if (rc == DB_NOTFOUND) {
		db_tf_challenge_del(&r->pool, hash);
		return refuse(x, 401, L(r, "login.code_tries"));
	}
	if (rc == DB_OK)
		rc = db_tf_fail(&r->pool, id, (long long)now, cfg_int("Login.LockAfter", 10),
		    lock_min);
	x->on_code = 1;
	if (rc == DB_NOTFOUND) {
		(void)pw_refusal(r, &u, now, &why);
		audit_event(r, "signin.locked", id, c.login, NULL);
		return refuse(x, 429, why);
	}
	if (rc != DB_OK)
		return rc;
	how = FORM_READ(r, code_fields, &code) ? NULL : tf_verify(r, id, code);
	if (how == NULL) {
		audit_event(r, "signin.code_failed", id, c.login, NULL);
		if (db_user_by_login(&r->pool, c.login, &u) == DB_OK && u.locked > now) {
			db_tf_challenge_del(&r->pool, hash);
			return refuse(x, 429, LF(r, "login.now_locked", u.failed_logins, lock_min));
		}
		return refuse(x, 401, L(r, "login.code_wrong"));
	}
	if ((rc = db_user_login_ok(&r->pool, id)) != DB_OK)
		return ui_wrote(rc);
	db_tf_challenge_del(&r->pool, hash);
	resp_cookie(rs, TF_COOKIE, "", 0, r->https);
	signin_finish(r, rs, id, u.login, u.role, *c.next ? c.next : NULL, how);
	return UI_SHOWN;
}

void
login_code_post(struct req *r, struct resp *rs)
{
	struct signin x = { 0 };

	signin_end(r, rs, code_step(r, rs, &x), &x);
}

void
admin_logout_post(struct req *r, struct resp *rs)
{
	if (r->user)
		(void)presence_change(&r->pool, r->user->id, "away", "sign_out");
	if (r->sid_hash)
		db_session_delete(&r->pool, r->sid_hash);
	resp_cookie(rs, SID_COOKIE, "", 0, r->https);
	resp_redirect(rs, "/login?signed_out=1");
}

/* ---- My account: the language this account reads wxdesk in ---- */

void
account_render(struct req *r, struct resp *rs, int status)
{
	tmpl_set(r, "Account.Language", r->user->language ? r->user->language : "");
	tmpl_set(r, "Account.Browser", lang_name(lang_default(r)));
	account_2fa_page_data(r);
	if (account_alerts_page_data(r) != 0 || account_canned_page_data(r) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Page.Title", L(r, "nav.account"));
	tmpl_render(r, rs, "account.cs");
	rs->status = status;
}

void
account_get(struct req *r, struct resp *rs)
{
	account_render(r, rs, 200);
}

/* the language a person reads: one of the catalogues', or "" for the browser's */
static const char *
v_language(const char *v)
{
	return *v == '\0' || lang_parse(v) >= 0 ? NULL : "account.unknown";
}

static const struct field language_fields[] = {
	{ "language", "account.language", F_CHECKED, v_language },
};

/* the language of the pages, or the browser's (none chosen) */
static int
language_set(struct req *r, const char **msg)
{
	const char *v;
	int         l, rc;

	if (FORM_READ(r, language_fields, &v))
		return UI_REFUSED;
	l = lang_parse(v);
	rc = db_user_language(&r->pool, r->user->id, l < 0 ? NULL : lang_code((enum lang)l));
	if (rc != DB_OK)
		return ui_wrote(rc);
	r->lang = l < 0 ? lang_default(r) : (enum lang)l;	/* the flash in the new language */
	*msg = l < 0 ? L(r, "account.saved_browser") : LF(r, "account.saved",
	    lang_name((enum lang)l));
	return DB_OK;
}

/* POST /account: answered once (ui.h) */
void
account_post(struct req *r, struct resp *rs)
{
	const char *msg = NULL;
	int         st = language_set(r, &msg);

	if (st == UI_REFUSED)
		page_error(r, rs, 422, 0, L(r, "account.unknown"));
	else
		ui_saved(r, rs, st, "operator", msg, "/account");
}
