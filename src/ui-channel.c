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
#include "chat.h"
#include "upstream.h"

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

/* the preferences' fields: each a number from its list */
static const char *
v_missed_after(const char *v)
{
	return form_int_in(v, 1, 1440) ? NULL : "ch.missed_after_range";
}

static const char *
v_missed_close(const char *v)
{
	long long x;

	return one_of(v, missed_close_opts, NOPTS(missed_close_opts), &x) ? NULL :
	    "ch.listed_time";
}

static const char *
v_idle_close(const char *v)
{
	long long x;

	return one_of(v, idle_opts, NOPTS(idle_opts), &x) ? NULL : "ch.idle_range";
}

static const char *
v_bot_idle(const char *v)
{
	long long x;

	return one_of(v, bot_idle_opts, NOPTS(bot_idle_opts), &x) ? NULL : "ch.listed_time";
}

enum { PF_MISSED_AFTER, PF_MISSED_CLOSE, PF_IDLE_CLOSE, PF_BOT_IDLE, PF_BOT, PF_ERASE, PF__N };
static const struct field prefs_fields[PF__N] = {
	[PF_MISSED_AFTER] = { "missed_after", "ch.missed_after", F_CHECKED, v_missed_after },
	[PF_MISSED_CLOSE] = { "missed_close", "ch.missed_close", F_CHECKED, v_missed_close },
	[PF_IDLE_CLOSE] = { "idle_close", "ch.idle_close", F_CHECKED, v_idle_close },
	[PF_BOT_IDLE] = { "bot_idle", "ch.bot_idle", F_CHECKED, v_bot_idle },
	[PF_BOT] = { "bot_enabled", "ch.bot", 0, v_flag },
	[PF_ERASE] = { "erase_on_unfollow", "ch.erase", 0, v_flag },
};

static const char *
v_csat_question(const char *v)
{
	return !utf8_valid(v, strlen(v)) || utf8_chars(v) > 500 ? "v.csat_question" : NULL;
}

static const char *
v_csat_hours(const char *v)
{
	return form_int_in(v, 1, 72) ? NULL : "v.csat_hours";
}

static const struct field csat_fields[] = {
	{ "csat_enabled", "ch.csat_on", 0, v_flag },
	{ "csat_question", "ch.csat_question", 0, v_csat_question },
	{ "csat_hours", "ch.csat_hours", F_CHECKED, v_csat_hours },
};

static const char *
v_state(const char *v)
{
	return strcmp(v, "active") == 0 || strcmp(v, "disabled") == 0 ? NULL : "ch.choose_state";
}

/* the kinds of push an upstream may get (upstream.h), and how each goes */
static const char *const up_kinds[] = { "message", "follow", "scan", "menu", "other" };

/* the account's existing server, for its card: Upstream.* */
static void
upstream_page_data(struct req *r, const struct channel_get *c)
{
	const char *tok = c->upstream_token_enc ? secret_decrypt(&r->pool, c->upstream_token_enc) :
	    NULL;

	tmpl_set(r, "Upstream.Url", c->upstream_url);
	tmpl_set(r, "Upstream.Mode", c->upstream_mode);
	tmpl_set(r, "Upstream.TokenMasked", tok ? secret_mask(&r->pool, tok) : NULL);
	tmpl_set(r, "Upstream.AesKept", c->upstream_aes_enc ? "1" : NULL);
	for (size_t i = 0; i < sizeof up_kinds / sizeof up_kinds[0]; i++) {
		const char *b = pool_printf(&r->pool, "Upstream.Kinds.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", b), up_kinds[i]);
		tmpl_set(r, pool_printf(&r->pool, "%s.Route", b), !set_has(c->upstream_forward,
		    up_kinds[i]) ? "off" : set_has(c->upstream_first, up_kinds[i]) ? "first" : "both");
	}
	tmpl_set_int(r, "Upstream.Failures", c->upstream_failures);
	if (c->upstream_last_failure)
		tmpl_set(r, "Upstream.LastFailure", LF(r, "up.last_failure",
		    L(r, c->upstream_last_failure), ui_time(r, c->upstream_failed)));
}

/* the rest of the account page's forms: one or two fields each */
static const struct field secret_go_field[] = { { "go", "field.action", 0, v_word } };
static const struct field reveal_fields[] = { { "password", "field.password", 0, NULL } };
static const struct field dept_fields[] = { { "department", "brand.department", 0, v_id } };
static const struct field state_fields[] = { { "state", "field.action", F_CHECKED, v_state } };
static const struct field confirm_fields[] = { { "confirm_name", "field.brand_name", 0, v_line } };

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
	set_modes(r, form_kept(r, "mode") ? form_kept(r, "mode") : c->encryption_mode);
	set_departments(r, c->brand_id, c->department_id);
	/* health */
	tmpl_set(r, "Health.LastMessage", ui_time(r, c->lastmsg));
	tmpl_set_int(r, "Health.Inactive", c->inactive_messages);
	tmpl_set_int(r, "Health.SignatureFailures", c->signature_failures);
	tmpl_set_int(r, "Health.DecryptFailures", c->decrypt_failures);
	tmpl_set_int(r, "Health.RefusedPushes", c->refused_pushes);
	tmpl_set(r, "Health.LastFailure", lang_coded(&r->pool, r->lang, c->last_failure));
	tmpl_set(r, "Health.LastFailureAt", ui_time(r, c->failat));
	upstream_page_data(r, c);
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
	if (form_kept(r, "missed_after") == NULL)
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
			if (form_kept(r, "csat_hours") == NULL) {
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

/* a change on the account page, and how it ends */
struct change {
	struct channel_get c;	/* the account, as loaded */
	const char        *msg;	/* the flash when saved (NULL: none) */
	const char        *to;	/* where it goes then (NULL: the account page) */
	const char        *edit;	/* the part a refusal opens ("details", "token", …) */
	const char        *error;	/* a refusal said on the error page, not beside a field */
	int                status;	/* a refusal's (0: 422) */
};

/* the one answer of every change here (ui.h): a refusal shows the page
 * again (a draft's wizard step), with the errors beside their fields */
static void
end(struct req *r, struct resp *rs, int st, struct change *x)
{
	int status = x->status ? x->status : 422;

	if (st != UI_REFUSED)
		ui_saved(r, rs, st, "channel", x->msg, x->to ? x->to :
		    pool_printf(&r->pool, "/admin/channels/%lld", r->ids[0]));
	else if (x->error)
		page_error(r, rs, status, 0, x->error);
	else if (strcmp(x->c.state, "draft") == 0)
		wizard_page(r, rs, &x->c, (int)x->c.wizard_step, status);
	else {
		if (x->edit)
			tmpl_set(r, "Edit", x->edit);
		account_page(r, rs, &x->c, status);
	}
}

/*
 * The account r->ids[0], set up (not a draft), its form trimmed: 1; else 0
 * with *st what the change ends with (404, 503, or a draft sent on to its
 * wizard step without a word).
 */
static int
set_up(struct req *r, struct change *x, int *st)
{
	if ((*st = db_channel_get(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return 0;
	if (strcmp(x->c.state, "draft") == 0) {
		x->to = pool_printf(&r->pool, "/admin/channels/%lld/setup?step=%d", r->ids[0],
		    (int)x->c.wizard_step);
		return 0;
	}
	form_trim(r);
	return 1;
}

/* Original ID, App ID, App Secret and mode */
static int
details_save(struct req *r, struct change *x)
{
	int st;

	if (!set_up(r, x, &st))
		return st;
	if ((st = save_details(r, &x->c, 0)) == 503)
		return DB_FAIL;
	if (st) {
		x->edit = "details";
		x->status = st;
		return UI_REFUSED;
	}
	x->msg = L(r, "ch.details_saved");
	return DB_OK;
}

void
admin_channel_details_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, details_save(r, &x), &x);
}

/*
 * Token and AES key: set from the form, or generated (go=generate). The new
 * value is shown once on the page that answers, for pasting into WeChat; it
 * is never put in a flash message or a URL.
 */
static int
new_secret(struct req *r, struct resp *rs, struct change *x, int aes)
{
	struct channel_setup s;
	const char          *v, *go;
	int                  st;

	if (!set_up(r, x, &st))
		return st;
	if (FORM_READ(r, secret_go_field, &go) == 0 && strcmp(go, "generate") == 0)
		v = rand_alnum(&r->pool, aes ? 43 : 32);
	else if (form_read(r, &detail_fields[aes ? DF_AES_KEY : DF_TOKEN], 1, &v)) {
		x->edit = aes ? "aes_key" : "token";
		return UI_REFUSED;
	}
	db_channel_setup_of(&x->c, &s);
	if (aes) {
		const char *old = plain(r, x->c.aes_key_enc);
		if (old == NULL || strcmp(old, v) != 0) {
			s.aes_key_prev_enc = x->c.aes_key_enc;
			s.aes_key_enc = secret_encrypt(&r->pool, v);
		}
	} else
		s.token_enc = secret_encrypt(&r->pool, v);
	if ((st = db_channel_update_setup(&r->pool, r->ids[0], &s)) != DB_OK ||
	    (st = db_channel_get(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return ui_wrote(st);
	tmpl_set(r, aes ? "NewSecret.Aes" : "NewSecret.Token", v);
	tmpl_set(r, "Flash", L(r, aes ? "ch.aes_saved" : "ch.token_saved"));
	account_page(r, rs, &x->c, 200);
	return UI_SHOWN;
}

void
admin_channel_token_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, new_secret(r, rs, &x, 0), &x);
}

void
admin_channel_aes_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, new_secret(r, rs, &x, 1), &x);
}

/*
 * Shows the secrets in clear after the admin's password is checked again,
 * under the sign-in rules (a wrong one counts toward the slow-down and the
 * lock, and is logged), so Reveal cannot be used to guess the password.
 */
static int
reveal(struct req *r, struct resp *rs, struct change *x)
{
	struct user_by_login u;
	const char  *pw, *why;
	enum pw_result pr;
	int          st;

	if (!set_up(r, x, &st))
		return st;
	FORM_READ(r, reveal_fields, &pw);
	tmpl_set(r, "Form.password.Value", "");	/* never shown again */
	if (*pw == '\0') {
		form_error(r, "password", L(r, "ch.enter_password"));
		return UI_REFUSED;
	}
	pr = pw_check(r, r->user->login, pw, pool_printf(&r->pool, "Reveal on channel %lld",
	    r->ids[0]), 0, &u, &why);
	if (pr == PW_DB)
		return DB_FAIL;
	if (pr != PW_OK) {
		form_error(r, "password", pr == PW_WRONG || pr == PW_UNKNOWN ?
		    L(r, "ch.not_your_password") : why);
		x->status = pr == PW_WRONG || pr == PW_UNKNOWN ? 403 : 429;
		return UI_REFUSED;
	}
	wx_audit("user %lld revealed the secrets of channel %lld", r->user->id, r->ids[0]);
	tmpl_set(r, "Revealed.Secret", plain(r, x->c.app_secret_enc));
	tmpl_set(r, "Revealed.Token", plain(r, x->c.token_enc));
	tmpl_set(r, "Revealed.Aes", plain(r, x->c.aes_key_enc));
	account_page(r, rs, &x->c, 200);
	return UI_SHOWN;
}

void
admin_channel_reveal_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, reveal(r, rs, &x), &x);
}

/* the department new chats go to */
static int
department_set(struct req *r, struct change *x)
{
	const char *d;
	int         st;

	if (!set_up(r, x, &st))
		return st;
	st = FORM_READ(r, dept_fields, &d) == 0 && *d ?
	    db_channel_department(&r->pool, r->ids[0], strtoll(d, NULL, 10)) : DB_NOTFOUND;
	if (st == DB_NOTFOUND) {
		form_error(r, "department", L(r, "ch.choose_dept"));
		return UI_REFUSED;
	}
	x->msg = L(r, "ch.dept_saved");
	return st;
}

void
admin_channel_department_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, department_set(r, &x), &x);
}

/* on or off (on needs a department) */
static int
state_set(struct req *r, struct change *x)
{
	const char *to;
	int         st;

	if (!set_up(r, x, &st))
		return st;
	if (FORM_READ(r, state_fields, &to)) {
		x->error = L(r, "ch.choose_state");
		x->status = 400;
		return UI_REFUSED;
	}
	if (strcmp(to, "active") == 0 && x->c.department_id == 0) {
		form_error(r, "department", L(r, "ch.dept_first"));
		return UI_REFUSED;
	}
	x->msg = L(r, strcmp(to, "active") == 0 ? "ch.enabled" : "ch.disabled");
	return db_channel_set_state(&r->pool, r->ids[0], to);
}

void
admin_channel_state_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, state_set(r, &x), &x);
}

/* when missed and idle chats close, the bot, erasing unfollowers */
static int
prefs_save(struct req *r, struct change *x)
{
	struct channel_prefs p = { 0 };
	const char          *v[PF__N];
	int                  st;

	if (!set_up(r, x, &st))
		return st;
	if (FORM_READ(r, prefs_fields, v))
		return UI_REFUSED;
	p.missed_after = strtoll(v[PF_MISSED_AFTER], NULL, 10);
	p.missed_close = strtoll(v[PF_MISSED_CLOSE], NULL, 10);
	p.idle_close = strtoll(v[PF_IDLE_CLOSE], NULL, 10);
	p.bot_idle = strtoll(v[PF_BOT_IDLE], NULL, 10);
	p.bot_enabled = form_on(v[PF_BOT]);
	p.erase_on_unfollow = form_on(v[PF_ERASE]);
	x->msg = L(r, "ch.prefs_saved");
	return db_prefs_set(&r->pool, r->ids[0], &p);
}

void
admin_channel_prefs_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, prefs_save(r, &x), &x);
}

static int
health_reset(struct req *r, struct change *x)
{
	int st;

	if (!set_up(r, x, &st))
		return st;
	x->msg = L(r, "ch.health_reset");
	return db_channel_reset_health(&r->pool, r->ids[0]);
}

void
admin_channel_health_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, health_reset(r, &x), &x);
}

/* gone, once its brand's name is typed (a draft too) */
static int
channel_delete(struct req *r, struct change *x)
{
	const char *name;
	int         st;

	if ((st = db_channel_get(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return st;
	form_trim(r);
	if (FORM_READ(r, confirm_fields, &name) || strcmp(name, x->c.brand_name) != 0) {
		form_error(r, "confirm_name", L(r, "ch.confirm_name"));
		return UI_REFUSED;
	}
	x->msg = LF(r, "ch.deleted", x->c.brand_name);
	x->to = "/admin/channels";
	st = db_channel_delete(&r->pool, r->ids[0]);
	return ui_wrote(st);
}

void
admin_channel_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, channel_delete(r, &x), &x);
}

/* ask followers to rate a closed chat, the question, the hours to answer */
static int
csat_save(struct req *r, struct change *x)
{
	const char *v[3];
	int         st;

	if (!set_up(r, x, &st))
		return st;
	if (FORM_READ(r, csat_fields, v))
		return UI_REFUSED;
	x->msg = L(r, "ch.csat_saved");
	return db_csat_settings_set(&r->pool, r->ids[0], form_on(v[0]), v[1],
	    strtoll(v[2], NULL, 10));
}

/* POST …/csat */
void
admin_channel_csat_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, csat_save(r, &x), &x);
}

static const char *
v_up_url(const char *v)
{
	return *v == '\0' ? NULL : v_http_url(v);
}

static const char *
v_up_mode(const char *v)
{
	return strcmp(v, "plain") == 0 || strcmp(v, "safe") == 0 ? NULL : "v.word";
}

static const char *
v_up_token(const char *v)
{
	size_t n = strlen(v);

	return n == 0 || (n >= 3 && n <= 32 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789") == n) ? NULL : "up.token_bad";
}

static const char *
v_up_aes(const char *v)
{
	return *v == '\0' || wx_aes_key_valid(v) ? NULL : "up.aes_bad";
}

static const char *
v_up_route(const char *v)
{
	return strcmp(v, "off") == 0 || strcmp(v, "both") == 0 || strcmp(v, "first") == 0 ? NULL :
	    "v.word";
}

enum { UF_URL, UF_TOKEN, UF_MODE, UF_AES, UF_MESSAGE, UF__N = UF_MESSAGE + 5 };
static const struct field up_fields[UF__N] = {
	[UF_URL] = { "upstream_url", "up.url", F_OPTIONAL, v_up_url },
	[UF_TOKEN] = { "upstream_token", "up.token", F_OPTIONAL, v_up_token },
	[UF_MODE] = { "upstream_mode", "up.mode", F_REQUIRED, v_up_mode },
	[UF_AES] = { "upstream_aes", "up.aes", F_OPTIONAL, v_up_aes },
	[UF_MESSAGE] = { "route_message", "up.kind.message", F_REQUIRED, v_up_route },
	[UF_MESSAGE + 1] = { "route_follow", "up.kind.follow", F_REQUIRED, v_up_route },
	[UF_MESSAGE + 2] = { "route_scan", "up.kind.scan", F_REQUIRED, v_up_route },
	[UF_MESSAGE + 3] = { "route_menu", "up.kind.menu", F_REQUIRED, v_up_route },
	[UF_MESSAGE + 4] = { "route_other", "up.kind.other", F_REQUIRED, v_up_route },
};

/* the account's existing server: its URL, Token, mode, AES key (a secret
 * left empty keeps the one saved), and where each kind of push goes; an
 * empty URL forwards nothing */
static int
upstream_save(struct req *r, struct change *x)
{
	const char *v[UF__N], *tok, *aes;
	struct buf  fw = { 0 }, first = { 0 };
	int         st;

	if (!set_up(r, x, &st))
		return st;
	x->edit = "upstream";
	if (FORM_READ(r, up_fields, v))
		return UI_REFUSED;
	tok = *v[UF_TOKEN] ? secret_encrypt(&r->pool, v[UF_TOKEN]) : x->c.upstream_token_enc;
	aes = *v[UF_AES] ? secret_encrypt(&r->pool, v[UF_AES]) : x->c.upstream_aes_enc;
	if (*v[UF_URL] && tok == NULL) {
		form_error(r, "upstream_token", L(r, "up.token_needed"));
		return UI_REFUSED;
	}
	if (*v[UF_URL] && strcmp(v[UF_MODE], "safe") == 0 && aes == NULL) {
		form_error(r, "upstream_aes", L(r, "up.aes_needed"));
		return UI_REFUSED;
	}
	for (size_t i = 0; i < sizeof up_kinds / sizeof up_kinds[0]; i++) {
		if (strcmp(v[UF_MESSAGE + i], "off") != 0)
			buf_printf(&fw, "%s%s", fw.len ? "," : "", up_kinds[i]);
		if (strcmp(v[UF_MESSAGE + i], "first") == 0)
			buf_printf(&first, "%s%s", first.len ? "," : "", up_kinds[i]);
	}
	st = db_upstream_set(&r->pool, x->c.id, v[UF_URL], tok, v[UF_MODE], aes,
	    fw.data ? fw.data : "", first.data ? first.data : "");
	buf_free(&fw);
	buf_free(&first);
	x->msg = L(r, *v[UF_URL] ? "up.saved" : "up.off");
	x->to = pool_printf(&r->pool, "/admin/channels/%lld#upstream", x->c.id);
	return ui_wrote(st);
}

void
admin_channel_upstream_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, upstream_save(r, &x), &x);
}
