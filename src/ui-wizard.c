/*
 * ui-wizard.c: Admin → WeChat → Add a WeChat account: the six-step setup
 * wizard and its live checks.
 *
 * The wizard keeps its draft in the channel's own row (state "draft",
 * wizard_step = the furthest step reached), so Back, Next, a reload or a
 * sign-out in the middle all resume from what was saved. Every step posts,
 * is checked on the server, and redirects to the next step's page.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "ui-channel.h"
#include "wxapi.h"
#include "staff.h"
#include "channel.h"

/* the steps' names: the catalogue's wiz.step1 … wiz.step6 */

/* ---- the live checks of step 6 ---- */

static const char *
token_fix(struct req *r, long e)
{
	switch (e) {
	case 0:
		return NULL;
	case 40013:
		return L(r, "check.fix_40013");
	case 40125:
	case 40001:
		return L(r, "check.fix_40125");
	case 40164:
		return L(r, "check.fix_40164");
	case -2:
		return L(r, "check.fix_unreachable");
	default:
		return ui_errtext(r, e);
	}
}

struct check {
	const char *name, *ok, *fix;
	int         step;	/* the step that fixes it */
};

/* Runs the checks into HDF Checks.N; returns how many failed. */
static int
run_checks(struct req *r, const struct channel_get *c)
{
	struct check k[4];
	int          failed = 0;
	long         e = -2;
	const char  *secret = plain(r, c->app_secret_enc);

	if (c->app_id && secret) {
		struct wxapi_channel ch = { c->id, c->app_id, secret };
		e = wxapi_token_check(&r->pool, &ch);
	}
	k[0] = (struct check){ L(r, "check.token"), L(r, "check.token_ok"), token_fix(r, e),
	    e == 40164 ? 2 : 3 };
	if (!c->app_id || !secret)
		k[0].fix = L(r, "check.token_unsaved");
	k[1] = (struct check){ L(r, "check.url"),
	    c->verified ? LF(r, "check.url_ok",
	    ui_time(r, c->verified)) : NULL,
	    c->verified ? NULL : L(r, "check.url_fix"), 4 };
	k[2] = (struct check){ L(r, "check.ip"), L(r, "check.ip_ok"),
	    c->ip_confirmed ? NULL : L(r, "check.ip_fix"), 2 };
	k[3] = (struct check){ L(r, "check.dept"),
	    c->dept_name ? LF(r, "check.dept_ok", c->dept_name) : NULL,
	    c->department_id ? NULL : L(r, "check.dept_fix"), 5 };
	for (int i = 0; i < 4; i++) {
		const char *base = pool_printf(&r->pool, "Checks.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), k[i].name);
		if (k[i].fix == NULL) {
			tmpl_set(r, pool_printf(&r->pool, "%s.Ok", base), k[i].ok);
		} else {
			tmpl_set(r, pool_printf(&r->pool, "%s.Fix", base), k[i].fix);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Step", base), k[i].step);
			tmpl_set(r, pool_printf(&r->pool, "%s.GoTo", base), LF(r, "check.go_to",
			    k[i].step));
			failed++;
		}
	}
	tmpl_set_int(r, "ChecksFailed", failed);
	return failed;
}

/* ---- the wizard ---- */

void
wizard_page(struct req *r, struct resp *rs, const struct channel_get *c, int step, int status)
{
	long long reached = c ? c->wizard_step : 1;

	for (int i = 0; i < STEPS; i++) {
		const char *base = pool_printf(&r->pool, "Steps.%d", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.N", base), i + 1);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), L(r,
		    pool_printf(&r->pool, "wiz.step%d", i + 1)));
		if (i + 1 == step)
			tmpl_set(r, pool_printf(&r->pool, "%s.Current", base), "1");
		else if (c && i + 1 <= reached)
			tmpl_set(r, pool_printf(&r->pool, "%s.Reached", base), "1");
	}
	tmpl_set_int(r, "Wizard.Step", step);
	tmpl_set(r, "Wizard.StepName", L(r, pool_printf(&r->pool, "wiz.step%d", step)));
	/* the steps' instructions, with WeChat's menu names in bold */
	{
		static const char *const rich[] = { "ip_1", "ip_2", "ip_3", "keys_intro",
		    "mode_hint", "url_1", "url_2" };
		for (size_t i = 0; i < sizeof rich / sizeof rich[0]; i++)
			tmpl_rich(r, pool_printf(&r->pool, "Rich.%s", rich[i]),
			    L(r, pool_printf(&r->pool, "wiz.%s", rich[i])));
	}
	tmpl_set(r, "Wizard.Heading", LF(r, "wiz.heading", step,
	    L(r, pool_printf(&r->pool, "wiz.step%d", step))));
	if (c)
		set_channel(r, c);
	switch (step) {
	case 1: {
		struct channel_brands *b = NULL;
		size_t b_n = 0;
		if (db_channel_brands(&r->pool, &b, &b_n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t i = 0; i < b_n; i++) {
			const char *base = pool_printf(&r->pool, "Brands.%zu", i);
			int mine = c && b[i].id == c->brand_id;
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), b[i].id);
			tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), b[i].name);
			if (b[i].channel && !mine) {
				tmpl_set_int(r, pool_printf(&r->pool, "%s.Taken", base), b[i].channel);
				tmpl_set(r, pool_printf(&r->pool, "%s.TakenText", base),
				    LF(r, "wiz.taken", b[i].name));
				tmpl_set(r, pool_printf(&r->pool, "%s.TakenDraft", base),
				    strcmp(b[i].state, "draft") == 0 ? "1" : NULL);
			}
			if (mine || form_ll(form_kept(r, "brand")) == b[i].id)
				tmpl_set(r, pool_printf(&r->pool, "%s.On", base), "1");
		}
		break;
	}
	case 2: {
		struct buf list = { 0 };
		for (int i = 0; ; i++) {
			const char *ip = cfg_get(pool_printf(&r->pool, "WeChat.EgressIPs.%d", i), NULL);
			if (ip == NULL)
				break;
			tmpl_set(r, pool_printf(&r->pool, "IPs.%d", i), ip);
			buf_printf(&list, "%s%s", i ? "\n" : "", ip);
		}
		tmpl_set(r, "IPList", list.data ? list.data : "");
		buf_free(&list);
		break;
	}
	case 3:
		keep_or_saved(r, "original_id", c->original_id);
		keep_or_saved(r, "app_id", c->app_id);
		keep_or_saved(r, "token", plain(r, c->token_enc));
		keep_or_saved(r, "aes_key", plain(r, c->aes_key_enc));
		set_modes(r, form_kept(r, "mode") ? form_kept(r, "mode") : c->encryption_mode);
		break;
	case 4:
		break;
	case 5:
		tmpl_set(r, "Wizard.DeptIntro", LF(r, "wiz.dept_intro", c->brand_name));
		tmpl_set(r, "Wizard.NoDepts", LF(r, "wiz.no_depts", c->brand_name));
		set_departments(r, c->brand_id, form_kept(r, "department") ?
		    form_ll(form_kept(r, "department")) : c->department_id);
		break;
	case 6:
		run_checks(r, c);
		break;
	}
	tmpl_set(r, "Page.Title", LF(r, "wiz.title", L(r, pool_printf(&r->pool, "wiz.step%d",
	    step))));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "wizard.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
go_step(struct req *r, struct resp *rs, long long id, int step)
{
	resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld/setup?step=%d", id, step));
}

/* each step's fields (step 3's are the account's details, ui-channel-form.c) */
static const struct field nav_fields[] = {
	{ "step", "wiz.steps", 0, v_id },
	{ "go", "field.action", 0, v_word },	/* next, back, done; token, aes: Generate */
};
static const struct field brand_fields[] = { { "brand", "brands.brand", 0, v_id } };
static const struct field ip_fields[] = { { "ip_ok", "wiz.ip_done", 0, v_flag } };
static const struct field url_fields[] = { { "url_ok", "wiz.url_done", 0, v_flag } };
static const struct field dept_fields[] = { { "department", "brand.department", 0, v_id } };
static const struct field anyway_fields[] = { { "anyway", "wiz.anyway", 0, v_flag } };

/* The brand the form names, checked; 0 after putting an error beside the field. */
static long long
chosen_brand(struct req *r)
{
	const char  *v;
	struct brand_get b;

	if (FORM_READ(r, brand_fields, &v) || *v == '\0') {
		form_error(r, "brand", L(r, "wiz.choose_brand"));
		return 0;
	}
	if (db_brand_get(&r->pool, strtoll(v, NULL, 10), &b) != DB_OK) {
		form_error(r, "brand", L(r, "wiz.brand_gone"));
		return 0;
	}
	return strtoll(v, NULL, 10);
}

void
admin_channel_new_get(struct req *r, struct resp *rs)
{
	wizard_page(r, rs, NULL, 1, 200);
}

/* a step of the wizard, and how it ends */
struct change {
	struct channel_get c;	/* the draft (none before step 1 made it) */
	int                have;	/* …loaded */
	int                step;	/* the step a refusal shows again */
	int                status;	/* a refusal's (0: 422) */
	const char        *msg;	/* the flash when done (NULL: none) */
	const char        *to;	/* where it goes then */
};

/* the one answer of every step (ui.h): the step again with its errors, or on */
static void
end(struct req *r, struct resp *rs, int st, struct change *x)
{
	if (st == UI_REFUSED)
		wizard_page(r, rs, x->have ? &x->c : NULL, x->step, x->status ? x->status : 422);
	else
		ui_saved(r, rs, st, "channel", x->msg, x->to);
}

/* on to step of draft id, without a word */
static int
to_step(struct req *r, struct change *x, long long id, int step)
{
	x->to = pool_printf(&r->pool, "/admin/channels/%lld/setup?step=%d", id, step);
	return DB_OK;
}

/* Step 1 without a draft yet: the draft is created for the chosen brand. */
static int
draft_new(struct req *r, struct change *x)
{
	long long brand = chosen_brand(r), id;
	enum dbrc rc;

	x->step = 1;
	if (brand == 0)
		return UI_REFUSED;
	rc = db_channel_insert(&r->pool, brand, rand_alnum(&r->pool, 32), &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "brand", L(r, "wiz.brand_taken"));
		x->status = 409;
		return UI_REFUSED;
	}
	if (rc != DB_OK)
		return ui_wrote(rc);
	return to_step(r, x, id, 2);
}

void
admin_channel_new_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, draft_new(r, &x), &x);
}

void
admin_channel_setup_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	long long    step;

	if (load(r, rs, &c) != 0)
		return;
	if (strcmp(c.state, "draft") != 0) {
		/* set up already: changes are made on the account page */
		resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld", r->ids[0]));
		return;
	}
	step = req_arg(r, "step") ? strtoll(req_arg(r, "step"), NULL, 10) : 0;
	if (step < 1 || step > c.wizard_step)
		step = c.wizard_step;
	wizard_page(r, rs, &c, (int)step, 200);
}

/* Step 1, the brand: DB_OK, UI_REFUSED (x->status) or the database's failure. */
static int
step_brand(struct req *r, struct change *x)
{
	long long brand = chosen_brand(r);
	enum dbrc rc;

	if (brand == 0)
		return UI_REFUSED;
	rc = db_channel_set_brand(&r->pool, r->ids[0], brand);
	if (rc == DB_CONFLICT) {
		form_error(r, "brand", L(r, "wiz.brand_taken"));
		x->status = 409;
		return UI_REFUSED;
	}
	return ui_wrote(rc);
}

/* Step 3, the account's details: DB_OK, UI_REFUSED (x->status), the
 * database's failure, or UI_SHOWN (a Generate button: the step again with
 * a new value in its field). */
static int
step_details(struct req *r, struct resp *rs, struct change *x, const char *go)
{
	long long   id = r->ids[0];
	const char *secret;
	int         rc;

	/* WeChat shows the App Secret once: a valid one is kept in the draft
	 * at once, so a Generate button or another field's error never
	 * loses it (the page then shows it as saved) */
	if (form_read(r, &detail_fields[DF_APP_SECRET], 1, &secret) == 0 && *secret) {
		if ((rc = db_channel_draft_secret(&r->pool, id, secret_encrypt(&r->pool,
		    secret))) != DB_OK || (rc = db_channel_get(&r->pool, id, &x->c)) != DB_OK)
			return ui_wrote(rc);
	}
	if (strcmp(go, "token") == 0 || strcmp(go, "aes") == 0) {
		/* Generate: a new random value in the form, saved with Next */
		const char *name = strcmp(go, "token") == 0 ? "token" : "aes_key";
		form_echo(r, detail_fields, DF_APP_SECRET);
		form_echo(r, &detail_fields[DF_MODE], DF__N - DF_MODE);
		tmpl_set(r, "Form.app_secret.Value", "");	/* shown as saved, never again */
		tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", name),
		    rand_alnum(&r->pool, strcmp(name, "token") == 0 ? 32 : 43));
		tmpl_set(r, pool_printf(&r->pool, "Form.%s.New", name), "1");
		wizard_page(r, rs, &x->c, 3, 200);
		return UI_SHOWN;
	}
	if ((rc = save_details(r, &x->c, 1)) == 503)
		return DB_FAIL;
	x->status = rc;
	return rc ? UI_REFUSED : DB_OK;
}

/* Step 5, the department: DB_OK (saved, or going back without one), UI_REFUSED, or a failure. */
static int
step_department(struct req *r, long long id, int back)
{
	const char *d;
	enum dbrc   rc;

	if (FORM_READ(r, dept_fields, &d) || *d == '\0') {
		if (back)
			return DB_OK;
		form_error(r, "department", L(r, "wiz.choose_dept_error"));
		return UI_REFUSED;
	}
	rc = db_channel_department(&r->pool, id, strtoll(d, NULL, 10));
	if (rc == DB_NOTFOUND) {
		form_error(r, "department", L(r, "wiz.dept_other"));
		return UI_REFUSED;
	}
	return rc;
}

/* Step 6, the checks, then the account connected. */
static int
step_connect(struct req *r, struct change *x)
{
	long long   id = r->ids[0];
	const char *anyway;
	int         rc;

	if (run_checks(r, &x->c) > 0 && (FORM_READ(r, anyway_fields, &anyway) ||
	    !form_on(anyway))) {
		form_error(r, "anyway", L(r, "wiz.checks_failed"));
		return UI_REFUSED;
	}
	x->msg = LF(r, "wiz.connected", x->c.brand_name, x->c.dept_name ? x->c.dept_name :
	    L(r, "chat.no_department"));
	x->to = pool_printf(&r->pool, "/admin/channels/%lld", id);
	rc = db_channel_set_state(&r->pool, id, "active");
	return ui_wrote(rc);
}

/* a step's form: saved, then on to the next step (or back one) */
static int
setup_next(struct req *r, struct resp *rs, struct change *x)
{
	const char  *v[2], *go, *tick;
	long long    id = r->ids[0], step;
	int          back, st = DB_OK;
	int          ip_ok, url_ok;

	if ((st = db_channel_get(&r->pool, id, &x->c)) != DB_OK)
		return st;
	x->have = 1;
	if (strcmp(x->c.state, "draft") != 0) {
		x->to = pool_printf(&r->pool, "/admin/channels/%lld", id);
		return DB_OK;
	}
	form_trim(r);
	step = FORM_READ(r, nav_fields, v) ? 0 : form_ll(v[0]);
	go = step && *v[1] ? v[1] : "next";
	back = strcmp(go, "back") == 0;
	if (step < 1 || step > x->c.wizard_step)	/* an old tab: where the draft really is */
		return to_step(r, x, id, (int)x->c.wizard_step);
	x->step = (int)step;
	ip_ok = (int)x->c.ip_confirmed;
	url_ok = (int)x->c.url_confirmed;
	switch (step) {
	case 1:
		st = step_brand(r, x);
		break;
	case 2:
		ip_ok = FORM_READ(r, ip_fields, &tick) == 0 && form_on(tick);
		if (!ip_ok && !back) {
			form_error(r, "ip_ok", L(r, "wiz.ip_tick"));
			st = UI_REFUSED;
		}
		break;
	case 3:
		st = step_details(r, rs, x, go);
		break;
	case 4:
		url_ok = FORM_READ(r, url_fields, &tick) == 0 && form_on(tick);
		if (!url_ok && !back) {
			form_error(r, "url_ok", L(r, "wiz.url_tick"));
			st = UI_REFUSED;
		}
		break;
	case 5:
		st = step_department(r, id, back);
		break;
	case 6:
		if (!back)
			return step_connect(r, x);
		break;
	}
	if (st != DB_OK)
		return ui_wrote(st);
	if ((st = db_channel_progress(&r->pool, id, back ? 1 : (int)step + 1, ip_ok,
	    url_ok)) != DB_OK)
		return ui_wrote(st);
	return to_step(r, x, id, back ? (int)(step > 1 ? step - 1 : 1) : (int)step + 1);
}

void
admin_channel_setup_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, setup_next(r, rs, &x), &x);
}

/* GET …/verified: whether WeChat's verification request has arrived (the wizard polls it). */
void
admin_channel_verified_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	enum dbrc    rc = db_channel_get(&r->pool, r->ids[0], &c);

	if (rc != DB_OK) {
		page_error(r, rs, rc == DB_NOTFOUND ? 404 : 503, 1, L(r, rc == DB_NOTFOUND ?
		    "missing.channel" : "error.db_down"));
		return;
	}
	resp_json(rs, 200, json_pack("{s:o}", "verified", c.verified > 0 ?
	    json_s(ui_time(r, c.verified)) : json_null()));
}

