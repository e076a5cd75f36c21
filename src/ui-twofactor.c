/*
 * ui-twofactor.c: two-factor sign-in for staff (twofactor.h). On My account a
 * staff member turns it on: a new secret, shown as a QR code for any
 * authenticator app and as text, waits until a code from the app confirms
 * it; then ten recovery codes are shown once (kept as hashes). Turning it
 * off, or new recovery codes, asks for the password. Administrators can
 * require it of administrators (Staff page) and turn it off for someone who
 * lost their phone. The sign-in's code step is in ui-login.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "totp.h"
#include "twofactor.h"
#include "http.h"
#include "ui.h"
#include "staff.h"

/* recovery codes: ten letters and digits a person cannot misread, shown as xxxxx-xxxxx */
static const char code_set[] = "abcdefghjkmnpqrstuvwxyz23456789";




void
account_2fa_page_data(struct req *r)
{
	tmpl_set_int(r, "Account.TwoFactor.On", r->user->totp);
	tmpl_set_int(r, "Account.TwoFactor.Required", r->user->must_enrol);
	if (r->user->totp)
		tmpl_set_int(r, "Account.TwoFactor.CodesLeft", db_tf_codes_left(&r->pool, r->user->id));
}

/* new recovery codes, shown once on the page; their hashes (to store) in hashes */
static void
new_codes(struct req *r, const char **hashes)
{

	for (int i = 0; i < TF_RECOVERY_CODES; i++) {
		unsigned char b[TF_CODE_LEN];
		char          c[TF_CODE_LEN + 1];
		rand_bytes(b, sizeof b);
		for (int j = 0; j < TF_CODE_LEN; j++)
			c[j] = code_set[b[j] % (sizeof code_set - 1)];
		c[TF_CODE_LEN] = '\0';
		hashes[i] = sha256_hex(&r->pool, c, TF_CODE_LEN);
		tmpl_set(r, pool_printf(&r->pool, "Codes.%d", i), pool_printf(&r->pool, "%.5s-%s",
		    c, c + 5));
	}
}

static void
setup_page(struct req *r, struct resp *rs, int status)
{
	struct tf_state t;
	unsigned char   key[64];
	int             n, size = 0;
	struct buf      uri = { 0 };

	if (db_tf_get(&r->pool, r->user->id, &t) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if ((n = auth_totp_key(&r->pool, t.pending, key)) <= 0) {
		resp_redirect(rs, "/account");
		return;
	}
	const char *b32 = totp_base32(&r->pool, key, (size_t)n);
	/* otpauth://totp/ISSUER:LOGIN?secret=…&issuer=…, the login percent-encoded */
	buf_puts(&uri, "otpauth://totp/wxdesk:");
	buf_puts(&uri, http_escape(&r->pool, r->user->login));
	buf_puts(&uri, "?secret=");
	buf_puts(&uri, b32);
	buf_puts(&uri, "&issuer=wxdesk&algorithm=SHA1&digits=6&period=30");
	tmpl_set(r, "Setup.URI", uri.data);
	tmpl_set(r, "Setup.QR", totp_qr_path(&r->pool, uri.data, &size));
	tmpl_set_int(r, "Setup.Size", size);
	/* the secret in groups of four, as apps ask for it to be typed */
	struct buf g = { 0 };
	for (size_t i = 0; b32[i]; i++) {
		if (i && i % 4 == 0)
			buf_putc(&g, ' ');
		buf_putc(&g, b32[i]);
	}
	tmpl_set(r, "Setup.Secret", g.data);
	buf_free(&uri);
	buf_free(&g);
	tmpl_set(r, "Page.Title", L(r, "tf.title"));
	tmpl_render(r, rs, "account_2fa.cs");
	rs->status = status;
}

void
account_2fa_get(struct req *r, struct resp *rs)
{
	setup_page(r, rs, 200);
}

/* a change of two-factor sign-in, and how it ends */
struct change {
	const char *msg;	/* the flash when done (NULL: none) */
	const char *to;		/* where it goes then */
	const char *error;	/* a refusal said on the error page (else the setup page again) */
	int         status;	/* a refusal's (0: 422) */
};

/* the one answer of every change here (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	int status = x->status ? x->status : 422;

	if (st != UI_REFUSED)
		ui_saved(r, rs, st, "operator", x->msg, x->to);
	else if (x->error)
		page_error(r, rs, status, 0, x->error);
	else
		setup_page(r, rs, status);
}

/* the recovery codes just made, shown once */
static int
codes_shown(struct req *r, struct resp *rs)
{
	tmpl_set(r, "Page.Title", L(r, "tf.title"));
	tmpl_set_int(r, "Done", 1);
	tmpl_render(r, rs, "account_2fa.cs");
	return UI_SHOWN;
}

/* a new secret, pending until a code from it confirms it (nothing to do
 * when it is on already) */
static int
tf_start(struct req *r, struct change *x)
{
	unsigned char key[TOTP_SECRET_BYTES];
	int           rc;

	if (r->user->totp) {
		x->to = "/account";
		return DB_OK;
	}
	rand_bytes(key, sizeof key);
	rc = db_tf_pending(&r->pool, r->user->id, secret_encrypt(&r->pool,
	    totp_base32(&r->pool, key, sizeof key)));
	x->to = "/account/2fa";
	return ui_wrote(rc);
}

void
account_2fa_start_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, tf_start(r, &x), &x);
}

static const struct field code_fields[] = { { "code", "tf.step_code", 0, v_utf8 } };
static const struct field password_fields[] = { { "password", "field.password", 0, NULL } };
static const struct field require_fields[] = {
	{ "require_2fa_admins", "tf.require_admins", 0, v_flag },
};

/* a code from the pending secret turns it on, with new recovery codes shown once */
static int
tf_confirm(struct req *r, struct resp *rs, struct change *x)
{
	struct tf_state t;
	unsigned char   key[64];
	int             n, rc;
	long long       step;
	const char     *hashes[TF_RECOVERY_CODES], *code;

	if ((rc = db_tf_get(&r->pool, r->user->id, &t)) != DB_OK)
		return ui_wrote(rc);
	if ((n = auth_totp_key(&r->pool, t.pending, key)) <= 0) {
		x->to = "/account";	/* nothing pending: nothing to confirm */
		return DB_OK;
	}
	step = FORM_READ(r, code_fields, &code) ? -1 :
	    totp_check(key, (size_t)n, code, (long long)wx_now(), 0);
	if (step < 0) {
		form_error(r, "code", L(r, "tf.code_wrong"));
		return UI_REFUSED;
	}
	new_codes(r, hashes);
	if ((rc = tf_turn_on(&r->pool, r->user->id, t.pending, step, hashes,
	    TF_RECOVERY_CODES)) != DB_OK)
		return ui_wrote(rc);
	return codes_shown(r, rs);
}

void
account_2fa_confirm_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, tf_confirm(r, rs, &x), &x);
}

/*
 * The password again, for turning it off or new codes: 1 when it is right;
 * else 0 with *st what the change ends with (no password: back to the
 * account page, saying so; a wrong one: 403; the database: 503).
 */
static int
password_again(struct req *r, struct change *x, int *st)
{
	struct user_by_login u;
	const char  *why, *pw;

	if (FORM_READ(r, password_fields, &pw) || *pw == '\0') {
		x->msg = L(r, "tf.password_needed");
		x->to = "/account";
		*st = DB_OK;
		return 0;
	}
	switch (pw_check(r, r->user->login, pw, "two-factor settings", 0, &u, &why)) {
	case PW_OK:
		return 1;
	case PW_DB:
		*st = DB_FAIL;
		return 0;
	default:
		x->error = why;
		x->status = 403;
		*st = UI_REFUSED;
		return 0;
	}
}

static int
tf_off(struct req *r, struct change *x)
{
	int st;

	if (!password_again(r, x, &st))
		return st;
	x->msg = L(r, "tf.turned_off");
	x->to = "/account";
	st = db_tf_disable(&r->pool, r->user->id);
	return ui_wrote(st);
}

void
account_2fa_off_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, tf_off(r, &x), &x);
}

/* new recovery codes, shown once (the old ones stop working) */
static int
tf_codes(struct req *r, struct resp *rs, struct change *x)
{
	const char *hashes[TF_RECOVERY_CODES];
	int         st;

	x->to = "/account";
	if (!r->user->totp)
		return DB_OK;
	if (!password_again(r, x, &st))
		return st;
	new_codes(r, hashes);
	if ((st = tf_codes_replace(&r->pool, r->user->id, hashes, TF_RECOVERY_CODES)) != DB_OK)
		return ui_wrote(st);
	return codes_shown(r, rs);
}

void
account_2fa_codes_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, tf_codes(r, rs, &x), &x);
}

/* the administrators' rule: every admin signs in with a second step; whoever
 * requires it has it (nobody locks themselves into a setup page) */
static int
require_set(struct req *r, struct change *x)
{
	const char *v;
	int         on, rc;

	if (FORM_READ(r, require_fields, &v)) {
		x->error = L(r, "v.flag");
		return UI_REFUSED;
	}
	on = form_on(v);
	if (on && !r->user->totp) {
		x->error = L(r, "tf.require_own_first");
		return UI_REFUSED;
	}
	x->msg = L(r, on ? "tf.required_on" : "tf.required_off");
	x->to = "/admin/operators";
	rc = db_tf_require(&r->pool, on);
	return ui_wrote(rc);
}

void
admin_security_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, require_set(r, &x), &x);
}

void
admin_operator_2fa_reset_post(struct req *r, struct resp *rs)
{
	int           rc = db_tf_disable(&r->pool, r->ids[0]);
	struct change x = { L(r, "tf.reset_done"),
		pool_printf(&r->pool, "/admin/operators/%lld", r->ids[0]), NULL, 0 };

	end(r, rs, ui_wrote(rc), &x);
}
