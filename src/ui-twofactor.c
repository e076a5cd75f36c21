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
	for (const char *c = r->user->login; *c; c++) {
		char e[4];
		if (isalnum((unsigned char)*c) || strchr("-._~", *c))
			buf_putc(&uri, *c);
		else {
			snprintf(e, sizeof e, "%%%02X", (unsigned char)*c);
			buf_puts(&uri, e);
		}
	}
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

void
account_2fa_start_post(struct req *r, struct resp *rs)
{
	unsigned char key[TOTP_SECRET_BYTES];

	if (r->user->totp) {
		resp_redirect(rs, "/account");
		return;
	}
	rand_bytes(key, sizeof key);
	if (db_tf_pending(&r->pool, r->user->id, secret_encrypt(&r->pool,
	    totp_base32(&r->pool, key, sizeof key))) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	resp_redirect(rs, "/account/2fa");
}

static const struct field code_fields[] = { { "code", "tf.step_code", 0, v_utf8 } };
static const struct field password_fields[] = { { "password", "field.password", 0, NULL } };
static const struct field require_fields[] = {
	{ "require_2fa_admins", "tf.require_admins", 0, v_flag },
};

void
account_2fa_confirm_post(struct req *r, struct resp *rs)
{
	struct tf_state t;
	unsigned char   key[64];
	int             n;
	long long       step;
	const char     *hashes[TF_RECOVERY_CODES], *code;

	if (db_tf_get(&r->pool, r->user->id, &t) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	n = auth_totp_key(&r->pool, t.pending, key);
	if (n <= 0) {
		resp_redirect(rs, "/account");
		return;
	}
	step = FORM_READ(r, code_fields, &code) ? -1 :
	    totp_check(key, (size_t)n, code, (long long)wx_now(), 0);
	if (step < 0) {
		form_error(r, "code", L(r, "tf.code_wrong"));
		setup_page(r, rs, 422);
		return;
	}
	new_codes(r, hashes);
	if (tf_turn_on(&r->pool, r->user->id, t.pending, step, hashes,
	    TF_RECOVERY_CODES) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Page.Title", L(r, "tf.title"));
	tmpl_set_int(r, "Done", 1);
	tmpl_render(r, rs, "account_2fa.cs");
}

/* the password again, for turning it off or new codes: 0, or -1 answered */
static int
password_again(struct req *r, struct resp *rs)
{
	struct user_by_login u;
	const char  *why, *pw;

	if (FORM_READ(r, password_fields, &pw) || *pw == '\0') {
		flash_set(r, L(r, "tf.password_needed"));
		resp_redirect(rs, "/account");
		return -1;
	}
	switch (pw_check(r, r->user->login, pw, "two-factor settings", 0, &u, &why)) {
	case PW_OK:
		return 0;
	case PW_DB:
		ui_db_failed(r, rs);
		return -1;
	default:
		page_error(r, rs, 403, 0, why);
		return -1;
	}
}

void
account_2fa_off_post(struct req *r, struct resp *rs)
{
	if (password_again(r, rs) != 0)
		return;
	if (db_tf_disable(&r->pool, r->user->id) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, "tf.turned_off"));
	resp_redirect(rs, "/account");
}

void
account_2fa_codes_post(struct req *r, struct resp *rs)
{
	const char *hashes[TF_RECOVERY_CODES];

	if (!r->user->totp) {
		resp_redirect(rs, "/account");
		return;
	}
	if (password_again(r, rs) != 0)
		return;
	new_codes(r, hashes);
	if (tf_codes_replace(&r->pool, r->user->id, hashes, TF_RECOVERY_CODES) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Page.Title", L(r, "tf.title"));
	tmpl_set_int(r, "Done", 1);
	tmpl_render(r, rs, "account_2fa.cs");
}

void
admin_security_post(struct req *r, struct resp *rs)
{
	const char *v;
	int         on;

	if (FORM_READ(r, require_fields, &v)) {
		page_error(r, rs, 422, 0, L(r, "v.flag"));
		return;
	}
	on = form_on(v);

	/* whoever requires it has it: nobody locks themselves into a setup page */
	if (on && !r->user->totp) {
		page_error(r, rs, 422, 0, L(r, "tf.require_own_first"));
		return;
	}
	if (db_tf_require(&r->pool, on) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, on ? "tf.required_on" : "tf.required_off"));
	resp_redirect(rs, "/admin/operators");
}

void
admin_operator_2fa_reset_post(struct req *r, struct resp *rs)
{
	if (db_tf_disable(&r->pool, r->ids[0]) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, "tf.reset_done"));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", r->ids[0]));
}
