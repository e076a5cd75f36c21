/*
 * ui-channel.c: a WeChat account's page (/admin/channels/<id>): its
 * settings with secrets masked (Reveal), health, details, a new Token or
 * AES key, department, state, preferences, and deleting it.
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "csat.h"
#include "json.h"
#include "ui-channel.h"
#include "wxapi.h"
#include "staff.h"
#include "channel.h"

/* ---- the account page ---- */

static const long long missed_close_opts[] = { 15, 30, 60, 120, 240, 480, 720, 1440, 2880,
	4320, 10080, 43200 };
static const long long idle_opts[] = { 15, 30, 60, 120, 240, 480, 720, 1440 };
static const long long bot_idle_opts[] = { 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440 };

static void
set_options(struct req *r, const char *name, const long long *opts, size_t n, long long cur)
{
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Options.%s.%zu", name, i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Value", base), opts[i]);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", base),
		    minutes_text(&r->pool, r->lang, opts[i]));
		if (opts[i] == cur)
			tmpl_set(r, pool_printf(&r->pool, "%s.On", base), "1");
	}
}

static int
one_of(const char *v, const long long *opts, size_t n, long long *out)
{
	char *end;
	long long x;

	if (v == NULL)
		return 0;
	x = strtoll(v, &end, 10);
	if (*end != '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (opts[i] == x)
			return (*out = x), 1;
	return 0;
}

#define NOPTS(a) (sizeof (a) / sizeof (a)[0])

static void
account_page(struct req *r, struct resp *rs, const struct channel_get *c, int status)
{
	struct token_status *t = NULL;
	size_t t_n = 0;
	struct prefs_get p;
	long long    id = c->id;

	if (db_prefs_get(&r->pool, id, &p) != DB_OK || db_token_status(&r->pool, id, &t, &t_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	set_channel(r, c);
	keep_or_saved(r, "original_id", c->original_id);
	keep_or_saved(r, "app_id", c->app_id);
	set_modes(r, req_field(r, "mode") ? req_field(r, "mode") : c->encryption_mode);
	set_departments(r, c->brand_id, c->department_id);
	/* health */
	tmpl_set(r, "Health.LastMessage", ui_time(r, c->lastmsg));
	tmpl_set_int(r, "Health.Inactive", c->inactive_messages);
	tmpl_set_int(r, "Health.SignatureFailures", c->signature_failures);
	tmpl_set_int(r, "Health.DecryptFailures", c->decrypt_failures);
	tmpl_set_int(r, "Health.RefusedPushes", c->refused_pushes);
	tmpl_set(r, "Health.LastFailure", lang_coded(&r->pool, r->lang, c->last_failure));
	tmpl_set(r, "Health.LastFailureAt", ui_time(r, c->failat));
	if (t_n) {
		/* columns: expires fetched last_errcode last_error errors */
		tmpl_set(r, "Health.TokenFetched", ui_time(r, t->fetched));
		tmpl_set(r, "Health.TokenExpires", ui_time(r, t->expires));
		if (t->fetched > 0)
			tmpl_set(r, "Health.TokenText", LF(r, "ch.token_text",
			    ui_time(r, t->fetched), ui_time(r, t->expires)));
		if (t->last_errcode != 0) {
			tmpl_set(r, "Health.TokenError", ui_errtext(r, t->last_errcode));
			tmpl_set_int(r, "Health.TokenErrcode", t->last_errcode);
		}
		tmpl_set_int(r, "Health.TokenErrors", t->errors);
		tmpl_set(r, "Health.TokenErrorsText", LF(r, "ch.token_errors",
		    t->errors));
	}
	/* preferences: columns missed_after missed_close idle_close bot bot_idle erase */
	if (req_field(r, "missed_after") == NULL)
		tmpl_set_int(r, "Form.missed_after.Value", p.missed_after_minutes);
	set_options(r, "MissedClose", missed_close_opts, NOPTS(missed_close_opts),
	    p.missed_close_minutes);
	set_options(r, "IdleClose", idle_opts, NOPTS(idle_opts), p.idle_close_minutes);
	set_options(r, "BotIdle", bot_idle_opts, NOPTS(bot_idle_opts), p.bot_idle_minutes);
	tmpl_set(r, "Prefs.Bot", p.bot_enabled ? "1" : NULL);
	tmpl_set(r, "Prefs.Erase", p.erase_on_unfollow ? "1" : NULL);
	/* satisfaction: asked when a chat closes (csat.h) */
	{
		struct csat_settings q;
		if (db_csat_settings(&r->pool, id, &q) == DB_OK) {
			tmpl_set(r, "Csat.On", q.enabled ? "1" : NULL);
			if (req_field(r, "csat_hours") == NULL) {
				tmpl_set(r, "Form.csat_question.Value", q.question);
				tmpl_set_int(r, "Form.csat_hours.Value", q.hours);
			}
		}
		struct brand_get bl;	/* the default, in the brand's followers' language */
		int          l = db_brand_get(&r->pool, c->brand_id, &bl) == DB_OK ?
		    lang_parse(bl.follower_language) : -1;
		tmpl_set(r, "Csat.Default", lang_text(l >= 0 ? (enum lang)l : LANG_ZH,
		    "csat.question_default"));
	}
	tmpl_set(r, "Page.Title", LF(r, "ch.title", c->brand_name));
	tmpl_set(r, "Channel.Heading", LF(r, "ch.heading", c->brand_name));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "channel.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_channel_get(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (load(r, rs, &c) != 0)
		return;
	if (strcmp(c.state, "draft") == 0) {
		go_step(r, rs, r->ids[0], (int)c.wizard_step);
		return;
	}
	account_page(r, rs, &c, 200);
}

/* Loads a channel that is set up (not a draft) for an account-page POST. */
static int
load_set_up(struct req *r, struct resp *rs, struct channel_get *c)
{
	if (load(r, rs, c) != 0)
		return -1;
	if (strcmp(c->state, "draft") == 0) {
		go_step(r, rs, r->ids[0], (int)c->wizard_step);
		return -1;
	}
	form_trim(r);
	return 0;
}

/* After an account-page change: back to the page with msg, or the 503 page. */
static void
saved(struct req *r, struct resp *rs, enum dbrc rc, const char *msg)
{
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, msg);
	resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld", r->ids[0]));
}

void
admin_channel_details_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	int          status;

	if (load_set_up(r, rs, &c) != 0)
		return;
	status = save_details(r, &c, 0);
	if (status == 503) {
		ui_db_failed(r, rs);
		return;
	}
	if (status) {
		tmpl_set(r, "Edit", "details");
		account_page(r, rs, &c, status);
		return;
	}
	saved(r, rs, DB_OK, L(r, "ch.details_saved"));
}

/*
 * Token and AES key: set from the form, or generated (go=generate). The new
 * value is shown once on the page that answers, for pasting into WeChat; it
 * is never put in a flash message or a URL.
 */
static void
new_secret(struct req *r, struct resp *rs, int aes)
{
	struct channel_get c;
	struct channel_setup s;
	const char          *name = aes ? "aes_key" : "token", *v;
	int                  generate = req_field(r, "go") && strcmp(req_field(r, "go"),
	    "generate") == 0;

	if (load_set_up(r, rs, &c) != 0)
		return;
	if (generate)
		v = rand_alnum(&r->pool, aes ? 43 : 32);
	else if (form_check(r, aes ? aes_field : token_field, 1)) {
		tmpl_set(r, "Edit", name);
		account_page(r, rs, &c, 422);
		return;
	} else
		v = req_field(r, name);
	db_channel_setup_of(&c, &s);
	if (aes) {
		const char *old = plain(r, c.aes_key_enc);
		if (old == NULL || strcmp(old, v) != 0) {
			s.aes_key_prev_enc = c.aes_key_enc;
			s.aes_key_enc = secret_encrypt(&r->pool, v);
		}
	} else
		s.token_enc = secret_encrypt(&r->pool, v);
	if (db_channel_update_setup(&r->pool, r->ids[0], &s) != DB_OK ||
	    db_channel_get(&r->pool, r->ids[0], &c) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, aes ? "NewSecret.Aes" : "NewSecret.Token", v);
	tmpl_set(r, "Flash", L(r, aes ? "ch.aes_saved" : "ch.token_saved"));
	account_page(r, rs, &c, 200);
}

void
admin_channel_token_post(struct req *r, struct resp *rs)
{
	new_secret(r, rs, 0);
}

void
admin_channel_aes_post(struct req *r, struct resp *rs)
{
	new_secret(r, rs, 1);
}

/*
 * Shows the secrets in clear after the admin's password is checked again,
 * under the sign-in rules (a wrong one counts toward the slow-down and the
 * lock, and is logged), so Reveal cannot be used to guess the password.
 */
void
admin_channel_reveal_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct user_by_login u;
	const char  *pw = req_field(r, "password"), *why;
	enum pw_result pr;

	if (load_set_up(r, rs, &c) != 0)
		return;
	if (pw == NULL || *pw == '\0') {
		form_error(r, "password", L(r, "ch.enter_password"));
		account_page(r, rs, &c, 422);
		return;
	}
	pr = pw_check(r, r->user->login, pw, pool_printf(&r->pool, "Reveal on channel %lld",
	    r->ids[0]), 0, &u, &why);
	if (pr == PW_DB) {
		ui_db_failed(r, rs);
		return;
	}
	if (pr != PW_OK) {
		form_error(r, "password", pr == PW_WRONG || pr == PW_UNKNOWN ?
		    L(r, "ch.not_your_password") : why);
		account_page(r, rs, &c, pr == PW_WRONG || pr == PW_UNKNOWN ? 403 : 429);
		return;
	}
	wx_audit("user %lld revealed the secrets of channel %lld", r->user->id, r->ids[0]);
	tmpl_set(r, "Revealed.Secret", plain(r, c.app_secret_enc));
	tmpl_set(r, "Revealed.Token", plain(r, c.token_enc));
	tmpl_set(r, "Revealed.Aes", plain(r, c.aes_key_enc));
	account_page(r, rs, &c, 200);
}

void
admin_channel_department_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const char  *d = req_field(r, "department");
	enum dbrc    rc;

	if (load_set_up(r, rs, &c) != 0)
		return;
	rc = d && *d ? db_channel_department(&r->pool, r->ids[0], strtoll(d, NULL, 10)) :
	    DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		form_error(r, "department", L(r, "ch.choose_dept"));
		account_page(r, rs, &c, 422);
		return;
	}
	saved(r, rs, rc, L(r, "ch.dept_saved"));
}

void
admin_channel_state_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const char  *to = req_field(r, "state");

	if (load_set_up(r, rs, &c) != 0)
		return;
	if (to == NULL || (strcmp(to, "active") != 0 && strcmp(to, "disabled") != 0)) {
		page_error(r, rs, 400, 0, L(r, "ch.choose_state"));
		return;
	}
	if (strcmp(to, "active") == 0 && c.department_id == 0) {
		form_error(r, "department", L(r, "ch.dept_first"));
		account_page(r, rs, &c, 422);
		return;
	}
	saved(r, rs, db_channel_set_state(&r->pool, r->ids[0], to),
	    L(r, strcmp(to, "active") == 0 ? "ch.enabled" : "ch.disabled"));
}

void
admin_channel_prefs_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct channel_prefs p = { 0 };
	const char          *ma = req_field(r, "missed_after");
	char                *end = NULL;
	int                  errors = 0;

	if (load_set_up(r, rs, &c) != 0)
		return;
	p.missed_after = ma ? strtoll(ma, &end, 10) : 0;
	if (ma == NULL || *ma == '\0' || *end != '\0' || p.missed_after < 1 ||
	    p.missed_after > 1440) {
		form_error(r, "missed_after", L(r, "ch.missed_after_range"));
		errors++;
	}
	if (!one_of(req_field(r, "missed_close"), missed_close_opts, NOPTS(missed_close_opts),
	    &p.missed_close)) {
		form_error(r, "missed_close", L(r, "ch.listed_time"));
		errors++;
	}
	if (!one_of(req_field(r, "idle_close"), idle_opts, NOPTS(idle_opts), &p.idle_close)) {
		form_error(r, "idle_close", L(r, "ch.idle_range"));
		errors++;
	}
	if (!one_of(req_field(r, "bot_idle"), bot_idle_opts, NOPTS(bot_idle_opts),
	    &p.bot_idle)) {
		form_error(r, "bot_idle", L(r, "ch.listed_time"));
		errors++;
	}
	if (errors) {
		if (ma)
			tmpl_set(r, "Form.missed_after.Value", ma);
		account_page(r, rs, &c, 422);
		return;
	}
	p.bot_enabled = req_field(r, "bot_enabled") != NULL;
	p.erase_on_unfollow = req_field(r, "erase_on_unfollow") != NULL;
	saved(r, rs, db_prefs_set(&r->pool, r->ids[0], &p),
	    L(r, "ch.prefs_saved"));
}

void
admin_channel_health_post(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (load_set_up(r, rs, &c) != 0)
		return;
	saved(r, rs, db_channel_reset_health(&r->pool, r->ids[0]), L(r, "ch.health_reset"));
}

void
admin_channel_delete_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const char  *name = req_field(r, "confirm_name");

	if (load(r, rs, &c) != 0)
		return;
	form_trim(r);
	name = req_field(r, "confirm_name");
	if (name == NULL || strcmp(name, c.brand_name) != 0) {
		form_error(r, "confirm_name", L(r, "ch.confirm_name"));
		if (strcmp(c.state, "draft") == 0)
			wizard_page(r, rs, &c, (int)c.wizard_step, 422);
		else
			account_page(r, rs, &c, 422);
		return;
	}
	if (db_channel_delete(&r->pool, r->ids[0]) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "ch.deleted", c.brand_name));
	resp_redirect(rs, "/admin/channels");
}

/* POST …/csat: ask followers to rate a closed chat, the question, the hours to answer */
void
admin_channel_csat_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const char  *q = req_field(r, "csat_question"), *h = req_field(r, "csat_hours");
	char        *end = NULL;
	long long    hours = h ? strtoll(h, &end, 10) : 0;
	int          bad = 0;

	if (load_set_up(r, rs, &c) != 0)
		return;

	if (q && (!utf8_valid(q, strlen(q)) || utf8_chars(q) > 500) && ++bad)
		form_error(r, "csat_question", L(r, "v.csat_question"));
	if ((h == NULL || *h == '\0' || *end != '\0' || hours < 1 || hours > 72) && ++bad)
		form_error(r, "csat_hours", L(r, "v.csat_hours"));
	if (bad) {
		account_page(r, rs, &c, 422);
		return;
	}
	saved(r, rs, db_csat_settings_set(&r->pool, r->ids[0], req_field(r, "csat_enabled") != NULL,
	    q, hours), L(r, "ch.csat_saved"));
}
