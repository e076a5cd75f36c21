/*
 * ui-channels.c: Admin → Messaging channels → WeChat: the channel list, the
 * six-step setup wizard, and the account page with its preferences.
 *
 * The wizard keeps its draft in the channel's own row (state "draft",
 * wizard_step = the furthest step reached), so Back, Next, a reload or a
 * sign-out in the middle all resume from what was saved. Every step posts,
 * is checked on the server, and redirects to the next step's page.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "ui.h"
#include "wxapi.h"

#define STEPS 6

/* columns of db_channel_get */
enum {
	C_ID, C_BRAND, C_DEPT, C_STATE, C_ORIGINAL, C_APPID, C_SECRET, C_TOKEN, C_AES,
	C_AES_PREV, C_MODE, C_KEY, C_STEP, C_IPOK, C_URLOK, C_VERIFIED, C_LASTMSG,
	C_INACTIVE, C_SIGFAIL, C_DECFAIL, C_FAILAT, C_FAIL, C_BRANDNAME, C_DEPTNAME,
	C_REFUSED
};

static const char *const step_names[STEPS] = {
	"Brand", "IP whitelist", "Account details", "Webhook URL", "Department",
	"Verify installation"
};

static const struct { const char *value, *label, *wechat; } modes[] = {
	{ "plain", "Plain text mode (recommended)", "Plain text mode (明文模式)" },
	{ "compatible", "Compatible mode", "Compatible mode (兼容模式)" },
	{ "safe", "Safe mode", "Safe mode (安全模式)" },
};

/* ---- validators: what WeChat's values look like ---- */

static int
only(const char *v, const char *set)
{
	return v[strspn(v, set)] == '\0';
}

#define HEX "0123456789abcdef"
#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

static const char *
v_original_id(const char *v)
{
	if (strncmp(v, "gh_", 3) != 0 || strlen(v) != 15 || !only(v + 3, HEX))
		return "An Original ID is gh_ followed by 12 characters 0-9 and a-f, "
		    "like gh_1a2b3c4d5e6f.";
	return NULL;
}

static const char *
v_app_id(const char *v)
{
	if (strncmp(v, "wx", 2) != 0 || strlen(v) != 18 || !only(v + 2, HEX))
		return "An App ID is wx followed by 16 characters 0-9 and a-f, "
		    "like wx1a2b3c4d5e6f7a8b.";
	return NULL;
}

static const char *
v_app_secret(const char *v)
{
	if (strlen(v) != 32 || !only(v, HEX))
		return "The App Secret is 32 characters 0-9 and a-f.";
	return NULL;
}

static const char *
v_token(const char *v)
{
	size_t n = strlen(v);

	if (n < 3 || n > 32 || !only(v, ALNUM))
		return "Use 3 to 32 letters and digits (no spaces or symbols).";
	return NULL;
}

static const char *
v_aes_key(const char *v)
{
	if (strlen(v) != 43 || !only(v, ALNUM))
		return "The Encoding AES Key is exactly 43 letters and digits.";
	return NULL;
}

static const char *
v_mode(const char *v)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(v, modes[i].value) == 0)
			return NULL;
	return "Choose plain text, compatible or safe mode.";
}

static const struct field detail_fields[] = {
	{ "original_id", "Original ID", 1, v_original_id },
	{ "app_id", "App ID", 1, v_app_id },
	{ "app_secret", "App Secret", 0, v_app_secret },	/* blank keeps the saved one */
	{ "mode", "Message encryption mode", 1, v_mode },
};
static const struct field token_field[] = { { "token", "Token", 1, v_token } };
static const struct field aes_field[] = { { "aes_key", "Encoding AES Key", 1, v_aes_key } };

/* ---- shared pieces ---- */

static const char *
webhook_url(struct req *r, const struct dbres *c)
{
	return pool_printf(&r->pool, "%s/wechat/%s", cfg_get("PublicURL", ""),
	    db_cell(c, 0, C_KEY));
}

static const char *
plain(struct req *r, const struct dbres *c, int col)
{
	return db_cell(c, 0, col) ? secret_decrypt(&r->pool, db_cell(c, 0, col)) : NULL;
}

/* Loads channel r->ids[0]; 0, or -1 after answering 404 / 503. */
static int
load(struct req *r, struct resp *rs, struct dbres *c)
{
	return ui_found(r, rs, db_channel_get(&r->pool, r->ids[0], c), "channel") ? 0 : -1;
}

static void
set_modes(struct req *r, const char *current)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.Value", i), modes[i].value);
		tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.Label", i), modes[i].label);
		tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.WeChat", i), modes[i].wechat);
		if (current && strcmp(current, modes[i].value) == 0)
			tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.On", i), "1");
	}
}

static void
set_departments(struct req *r, long long brand, long long current)
{
	struct dbres d;

	if (db_dept_list(&r->pool, brand, 10000, 0, &d) != DB_OK)
		return;
	for (size_t i = 0; i < d.nrows; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Departments.%zu.Id", i), db_cell(&d, i, 0));
		tmpl_set(r, pool_printf(&r->pool, "Departments.%zu.Name", i), db_cell(&d, i, 1));
		if (db_int(&d, i, 0) == current)
			tmpl_set(r, pool_printf(&r->pool, "Departments.%zu.On", i), "1");
	}
}

/* Puts the saved details into Form.* unless the user's own input is there. */
static void
keep_or_saved(struct req *r, const char *name, const char *saved)
{
	if (req_field(r, name) == NULL && saved)
		tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", name), saved);
}

/* The channel's settings for the summary and the account page, secrets masked. */
static void
set_channel(struct req *r, const struct dbres *c)
{
	const char *secret = plain(r, c, C_SECRET), *token = plain(r, c, C_TOKEN);
	const char *aes = plain(r, c, C_AES);

	tmpl_set(r, "Channel.Id", db_cell(c, 0, C_ID));
	tmpl_set(r, "Channel.Brand", db_cell(c, 0, C_BRANDNAME));
	tmpl_set(r, "Channel.BrandId", db_cell(c, 0, C_BRAND));
	tmpl_set(r, "Channel.State", db_cell(c, 0, C_STATE));
	tmpl_set(r, "Channel.OriginalId", db_cell(c, 0, C_ORIGINAL));
	tmpl_set(r, "Channel.AppId", db_cell(c, 0, C_APPID));
	tmpl_set(r, "Channel.Mode", db_cell(c, 0, C_MODE));
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(db_cell(c, 0, C_MODE), modes[i].value) == 0) {
			tmpl_set(r, "Channel.ModeLabel", modes[i].label);
			tmpl_set(r, "Channel.ModeWeChat", modes[i].wechat);
		}
	tmpl_set(r, "Channel.Webhook", webhook_url(r, c));
	tmpl_set(r, "Channel.Department", db_cell(c, 0, C_DEPTNAME));
	tmpl_set(r, "Channel.DepartmentId", db_cell(c, 0, C_DEPT));
	tmpl_set(r, "Channel.Verified", ui_time(r, db_int(c, 0, C_VERIFIED)));
	tmpl_set(r, "Channel.IpConfirmed", db_int(c, 0, C_IPOK) ? "1" : NULL);
	tmpl_set(r, "Channel.UrlConfirmed", db_int(c, 0, C_URLOK) ? "1" : NULL);
	if (secret)
		tmpl_set(r, "Channel.SecretMasked", secret_mask(&r->pool, secret));
	if (token)
		tmpl_set(r, "Channel.TokenMasked", secret_mask(&r->pool, token));
	if (aes)
		tmpl_set(r, "Channel.AesMasked", secret_mask(&r->pool, aes));
	if (db_cell(c, 0, C_AES_PREV))
		tmpl_set(r, "Channel.HasPrevAes", "1");
}

/* ---- the live checks of step 6 ---- */

static const char *
token_fix(long e)
{
	switch (e) {
	case 0:
		return NULL;
	case 40013:
		return "WeChat does not know this App ID (40013). Go back to step 3 "
		    "and copy the App ID (Developer ID) again from WeChat: My Business "
		    "and Services › Service Account › Basic settings.";
	case 40125:
	case 40001:
		return "The App Secret is wrong (40125). Go back to step 3 and paste the "
		    "App Secret (Developer Password) from WeChat's Development Key "
		    "section; reset it there if you no longer have it.";
	case 40164:
		return "This server's IP address is not in the account's API IP "
		    "whitelist (40164). Go back to step 2 and paste the IP list into "
		    "WeChat's API IP Whitelist, then scan the QR code WeChat shows.";
	case -2:
		return "WeChat could not be reached from this server. Check the "
		    "server's outgoing connection to api.weixin.qq.com and try again.";
	default:
		return wxapi_errtext(e);
	}
}

struct check {
	const char *name, *ok, *fix;
	int         step;	/* the step that fixes it */
};

/* Runs the checks into HDF Checks.N; returns how many failed. */
static int
run_checks(struct req *r, const struct dbres *c)
{
	struct check k[4];
	int          failed = 0;
	long         e = -2;
	const char  *secret = plain(r, c, C_SECRET);

	if (db_cell(c, 0, C_APPID) && secret) {
		struct wxapi_channel ch = { db_int(c, 0, C_ID), db_cell(c, 0, C_APPID), secret };
		e = wxapi_token_check(&r->pool, &ch);
	}
	k[0] = (struct check){ "WeChat gives an access token for the App ID and App Secret",
	    "WeChat accepted the App ID and App Secret.", token_fix(e), e == 40164 ? 2 : 3 };
	if (!db_cell(c, 0, C_APPID) || !secret)
		k[0].fix = "The App ID and App Secret are not saved yet: go back to step 3.";
	k[1] = (struct check){ "WeChat verified the webhook URL",
	    db_int(c, 0, C_VERIFIED) ? pool_printf(&r->pool, "Verified by WeChat at %s.",
	    ui_time(r, db_int(c, 0, C_VERIFIED))) : NULL,
	    db_int(c, 0, C_VERIFIED) ? NULL : "WeChat has not verified the URL yet. Go back "
	    "to step 4, paste the URL in WeChat (Domain and push notification "
	    "configuration › Edit) and click Submit there.", 4 };
	k[2] = (struct check){ "The IP list is in WeChat's API IP whitelist",
	    "You confirmed pasting the IP list in WeChat.",
	    db_int(c, 0, C_IPOK) ? NULL : "Go back to step 2, paste the IP list in WeChat "
	    "and tick the box.", 2 };
	k[3] = (struct check){ "A department receives the chats",
	    db_cell(c, 0, C_DEPTNAME) ? pool_printf(&r->pool, "Chats go to %s.",
	    db_cell(c, 0, C_DEPTNAME)) : NULL,
	    db_cell(c, 0, C_DEPT) ? NULL : "Without a department no chats are received: "
	    "choose one in step 5.", 5 };
	for (int i = 0; i < 4; i++) {
		const char *base = pool_printf(&r->pool, "Checks.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), k[i].name);
		if (k[i].fix == NULL) {
			tmpl_set(r, pool_printf(&r->pool, "%s.Ok", base), k[i].ok);
		} else {
			tmpl_set(r, pool_printf(&r->pool, "%s.Fix", base), k[i].fix);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Step", base), k[i].step);
			failed++;
		}
	}
	tmpl_set_int(r, "ChecksFailed", failed);
	return failed;
}

/* ---- the wizard ---- */

static void
wizard_page(struct req *r, struct resp *rs, const struct dbres *c, int step, int status)
{
	long long reached = c ? db_int(c, 0, C_STEP) : 1;

	for (int i = 0; i < STEPS; i++) {
		const char *base = pool_printf(&r->pool, "Steps.%d", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.N", base), i + 1);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), step_names[i]);
		if (i + 1 == step)
			tmpl_set(r, pool_printf(&r->pool, "%s.Current", base), "1");
		else if (c && i + 1 <= reached)
			tmpl_set(r, pool_printf(&r->pool, "%s.Reached", base), "1");
	}
	tmpl_set_int(r, "Wizard.Step", step);
	tmpl_set(r, "Wizard.StepName", step_names[step - 1]);
	if (c)
		set_channel(r, c);
	switch (step) {
	case 1: {
		struct dbres b;
		if (db_channel_brands(&r->pool, &b) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t i = 0; i < b.nrows; i++) {
			const char *base = pool_printf(&r->pool, "Brands.%zu", i);
			int mine = c && db_int(&b, i, 0) == db_int(c, 0, C_BRAND);
			tmpl_set(r, pool_printf(&r->pool, "%s.Id", base), db_cell(&b, i, 0));
			tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), db_cell(&b, i, 1));
			if (db_cell(&b, i, 2) && !mine) {
				tmpl_set(r, pool_printf(&r->pool, "%s.Taken", base), db_cell(&b, i, 2));
				tmpl_set(r, pool_printf(&r->pool, "%s.TakenDraft", base),
				    strcmp(db_cell(&b, i, 3), "draft") == 0 ? "1" : NULL);
			}
			if (mine || (req_field(r, "brand") &&
			    strcmp(req_field(r, "brand"), db_cell(&b, i, 0)) == 0))
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
		keep_or_saved(r, "original_id", db_cell(c, 0, C_ORIGINAL));
		keep_or_saved(r, "app_id", db_cell(c, 0, C_APPID));
		keep_or_saved(r, "token", plain(r, c, C_TOKEN));
		keep_or_saved(r, "aes_key", plain(r, c, C_AES));
		set_modes(r, req_field(r, "mode") ? req_field(r, "mode") : db_cell(c, 0, C_MODE));
		break;
	case 4:
		break;
	case 5:
		set_departments(r, db_int(c, 0, C_BRAND), req_field(r, "department") ?
		    strtoll(req_field(r, "department"), NULL, 10) : db_int(c, 0, C_DEPT));
		break;
	case 6:
		run_checks(r, c);
		break;
	}
	tmpl_set(r, "Page.Title", pool_printf(&r->pool, "Add a WeChat account: %s",
	    step_names[step - 1]));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "wizard.cs");
	if (rs->status == 200)
		rs->status = status;
}

static void
go_step(struct req *r, struct resp *rs, long long id, int step)
{
	resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld/setup?step=%d", id, step));
}

/* The brand the form names, checked; 0 after putting an error beside the field. */
static long long
chosen_brand(struct req *r)
{
	const char  *v = req_field(r, "brand");
	struct dbres b;

	if (v == NULL || *v == '\0') {
		form_error(r, "brand", "Choose the brand this WeChat account belongs to.");
		return 0;
	}
	if (db_brand_get(&r->pool, strtoll(v, NULL, 10), &b) != DB_OK || b.nrows == 0) {
		form_error(r, "brand", "That brand no longer exists; choose another.");
		return 0;
	}
	return strtoll(v, NULL, 10);
}

void
admin_channel_new_get(struct req *r, struct resp *rs)
{
	wizard_page(r, rs, NULL, 1, 200);
}

/* Step 1 without a draft yet: the draft is created for the chosen brand. */
void
admin_channel_new_post(struct req *r, struct resp *rs)
{
	long long brand = chosen_brand(r), id;
	enum dbrc rc;

	if (brand == 0) {
		wizard_page(r, rs, NULL, 1, 422);
		return;
	}
	rc = db_channel_insert(&r->pool, brand, rand_alnum(&r->pool, 32), &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "brand", "This brand already has a WeChat account. One "
		    "account per brand: open its account page to change it.");
		wizard_page(r, rs, NULL, 1, 409);
		return;
	}
	if (rc != DB_OK || db_channel_progress(&r->pool, id, 2, 0, 0) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	go_step(r, rs, id, 2);
}

void
admin_channel_setup_get(struct req *r, struct resp *rs)
{
	struct dbres c;
	long long    step;

	if (load(r, rs, &c) != 0)
		return;
	if (strcmp(db_cell(&c, 0, C_STATE), "draft") != 0) {
		/* set up already: changes are made on the account page */
		resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld", r->ids[0]));
		return;
	}
	step = req_arg(r, "step") ? strtoll(req_arg(r, "step"), NULL, 10) : 0;
	if (step < 1 || step > db_int(&c, 0, C_STEP))
		step = db_int(&c, 0, C_STEP);
	wizard_page(r, rs, &c, (int)step, 200);
}

/* Step 3: checks and saves the account details, token and AES key. */
static int
save_details(struct req *r, const struct dbres *c, int with_secrets)
{
	struct channel_setup s;
	const char *secret = req_field(r, "app_secret"), *old_aes = plain(r, c, C_AES);
	const char *aes = with_secrets ? req_field(r, "aes_key") : NULL;
	const char *token = with_secrets ? req_field(r, "token") : NULL;
	int         errors = form_check(r, detail_fields, 4);
	enum dbrc   rc;

	if (with_secrets)
		errors += form_check(r, token_field, 1) + form_check(r, aes_field, 1);
	if ((secret == NULL || *secret == '\0') && db_cell(c, 0, C_SECRET) == NULL) {
		form_error(r, "app_secret", "App Secret is required.");
		errors++;
	}
	if (errors)
		return 422;
	memset(&s, 0, sizeof s);
	s.department_id = db_int(c, 0, C_DEPT);
	s.original_id = req_field(r, "original_id");
	s.app_id = req_field(r, "app_id");
	s.app_secret_enc = secret && *secret ? secret_encrypt(&r->pool, secret) :
	    db_cell(c, 0, C_SECRET);
	s.token_enc = token ? secret_encrypt(&r->pool, token) : db_cell(c, 0, C_TOKEN);
	s.aes_key_enc = db_cell(c, 0, C_AES);
	s.aes_key_prev_enc = db_cell(c, 0, C_AES_PREV);
	if (aes && (old_aes == NULL || strcmp(aes, old_aes) != 0)) {
		/* a new key: the old one keeps opening messages until WeChat switches */
		s.aes_key_prev_enc = db_cell(c, 0, C_AES);
		s.aes_key_enc = secret_encrypt(&r->pool, aes);
	}
	s.mode = req_field(r, "mode");
	rc = db_channel_update_setup(&r->pool, db_int(c, 0, C_ID), &s);
	if (rc == DB_CONFLICT) {
		form_error(r, "app_id", "Another channel already uses this App ID. Each "
		    "WeChat account can be connected once.");
		return 409;
	}
	if (rc != DB_OK)
		return 503;
	/* new credentials: the cached token and any error backoff are void */
	if (strcmp(s.app_id, db_cell(c, 0, C_APPID) ? db_cell(c, 0, C_APPID) : "") != 0 ||
	    (secret && *secret))
		db_token_reset(&r->pool, db_int(c, 0, C_ID));
	return 0;
}

void
admin_channel_setup_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *go = req_field(r, "go") ? req_field(r, "go") : "next";
	long long    id = r->ids[0], step;
	int          back = strcmp(go, "back") == 0, status = 0;
	int          ip_ok, url_ok;

	if (load(r, rs, &c) != 0)
		return;
	if (strcmp(db_cell(&c, 0, C_STATE), "draft") != 0) {
		resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld", id));
		return;
	}
	form_trim(r);
	step = req_field(r, "step") ? strtoll(req_field(r, "step"), NULL, 10) : 0;
	if (step < 1 || step > db_int(&c, 0, C_STEP)) {
		/* an old tab: show where the draft really is */
		go_step(r, rs, id, (int)db_int(&c, 0, C_STEP));
		return;
	}
	ip_ok = (int)db_int(&c, 0, C_IPOK);
	url_ok = (int)db_int(&c, 0, C_URLOK);
	switch (step) {
	case 1: {
		long long brand = chosen_brand(r);
		enum dbrc rc;
		if (brand == 0) {
			status = 422;
			break;
		}
		rc = db_channel_set_brand(&r->pool, id, brand);
		if (rc == DB_CONFLICT) {
			form_error(r, "brand", "This brand already has a WeChat account. One "
			    "account per brand: open its account page to change it.");
			status = 409;
		} else if (rc != DB_OK)
			status = 503;
		break;
	}
	case 2:
		ip_ok = req_field(r, "ip_ok") != NULL;
		if (!ip_ok && !back) {
			form_error(r, "ip_ok", "Paste the IP list in WeChat's API IP "
			    "whitelist, then tick this box.");
			status = 422;
		}
		break;
	case 3:
		if (strcmp(go, "token") == 0 || strcmp(go, "aes") == 0) {
			/* Generate: a new random value in the form, saved with Next */
			const char *name = strcmp(go, "token") == 0 ? "token" : "aes_key";
			form_check(r, detail_fields, 0);
			for (struct kv *l = r->form; l; l = l->next)
				if (l->filename == NULL && strcmp(l->key, "app_secret") != 0)
					tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", l->key), l->val);
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", name),
			    rand_alnum(&r->pool, strcmp(name, "token") == 0 ? 32 : 43));
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.New", name), "1");
			wizard_page(r, rs, &c, 3, 200);
			return;
		}
		status = save_details(r, &c, 1);
		break;
	case 4:
		url_ok = req_field(r, "url_ok") != NULL;
		if (!url_ok && !back) {
			form_error(r, "url_ok", "Paste the URL in WeChat and submit it there, "
			    "then tick this box.");
			status = 422;
		}
		break;
	case 5: {
		const char *d = req_field(r, "department");
		enum dbrc rc;
		if (d == NULL || *d == '\0') {
			if (back)
				break;
			form_error(r, "department", "Choose a department: without one, no "
			    "chats from WeChat are received.");
			status = 422;
			break;
		}
		rc = db_channel_department(&r->pool, id, strtoll(d, NULL, 10));
		if (rc == DB_NOTFOUND) {
			form_error(r, "department", "That department is not one of this "
			    "brand's; choose another.");
			status = 422;
		} else if (rc != DB_OK)
			status = 503;
		break;
	}
	case 6:
		if (back)
			break;
		if (run_checks(r, &c) > 0 && req_field(r, "anyway") == NULL) {
			form_error(r, "anyway", "Some checks failed. Fix them, or tick "
			    "“Activate anyway” to activate the channel as it is.");
			wizard_page(r, rs, &c, 6, 422);
			return;
		}
		if (db_channel_set_state(&r->pool, id, "active") != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		flash_set(r, pool_printf(&r->pool, "The WeChat account of %s is connected. "
		    "Messages to it now become chats for %s.", db_cell(&c, 0, C_BRANDNAME),
		    db_cell(&c, 0, C_DEPTNAME) ? db_cell(&c, 0, C_DEPTNAME) : "no department"));
		resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld", id));
		return;
	}
	if (status == 503) {
		ui_db_failed(r, rs);
		return;
	}
	if (status) {
		wizard_page(r, rs, &c, (int)step, status);
		return;
	}
	if (db_channel_progress(&r->pool, id, back ? 1 : (int)step + 1, ip_ok, url_ok) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	go_step(r, rs, id, back ? (int)(step > 1 ? step - 1 : 1) : (int)step + 1);
}

/* GET …/verified: whether WeChat's verification request has arrived (the wizard polls it). */
void
admin_channel_verified_get(struct req *r, struct resp *rs)
{
	struct dbres c;
	enum dbrc    rc = db_channel_get(&r->pool, r->ids[0], &c);

	if (rc != DB_OK) {
		page_error(r, rs, rc == DB_NOTFOUND ? 404 : 503, 1, rc == DB_NOTFOUND ?
		    "That channel does not exist." : "The database is not reachable.");
		return;
	}
	resp_json(rs, 200, json_pack("{s:o}", "verified", db_int(&c, 0, C_VERIFIED) > 0 ?
	    json_s(ui_time(r, db_int(&c, 0, C_VERIFIED))) : json_null()));
}

/* ---- the channel list ---- */

void
admin_channels_get(struct req *r, struct resp *rs)
{
	struct dbres l;
	static const char *const cols[] = { "Id", "Brand", "State", "AppId", "Step",
	    "Department", "LastMessage" };

	if (db_channel_list(&r->pool, &l) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	db_to_hdf(r, "Channels", &l, cols);
	for (size_t i = 0; i < l.nrows; i++)
		if (db_int(&l, i, 6) > 0)
			tmpl_set(r, pool_printf(&r->pool, "Channels.%zu.LastMessage", i),
			    ui_time(r, db_int(&l, i, 6)));
	tmpl_set(r, "Page.Title", "WeChat accounts");
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "channels.cs");
}

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
		    minutes_text(&r->pool, opts[i]));
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
account_page(struct req *r, struct resp *rs, const struct dbres *c, int status)
{
	struct dbres p, t;
	long long    id = db_int(c, 0, C_ID);

	if (db_prefs_get(&r->pool, id, &p) != DB_OK || db_token_status(&r->pool, id, &t) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	set_channel(r, c);
	keep_or_saved(r, "original_id", db_cell(c, 0, C_ORIGINAL));
	keep_or_saved(r, "app_id", db_cell(c, 0, C_APPID));
	set_modes(r, req_field(r, "mode") ? req_field(r, "mode") : db_cell(c, 0, C_MODE));
	set_departments(r, db_int(c, 0, C_BRAND), db_int(c, 0, C_DEPT));
	/* health */
	tmpl_set(r, "Health.LastMessage", ui_time(r, db_int(c, 0, C_LASTMSG)));
	tmpl_set(r, "Health.Inactive", db_cell(c, 0, C_INACTIVE));
	tmpl_set(r, "Health.SignatureFailures", db_cell(c, 0, C_SIGFAIL));
	tmpl_set(r, "Health.DecryptFailures", db_cell(c, 0, C_DECFAIL));
	tmpl_set(r, "Health.RefusedPushes", db_cell(c, 0, C_REFUSED));
	tmpl_set(r, "Health.LastFailure", db_cell(c, 0, C_FAIL));
	tmpl_set(r, "Health.LastFailureAt", ui_time(r, db_int(c, 0, C_FAILAT)));
	if (t.nrows) {
		/* columns: expires fetched last_errcode last_error errors */
		tmpl_set(r, "Health.TokenFetched", ui_time(r, db_int(&t, 0, 1)));
		tmpl_set(r, "Health.TokenExpires", ui_time(r, db_int(&t, 0, 0)));
		if (db_int(&t, 0, 2) != 0) {
			tmpl_set(r, "Health.TokenError", wxapi_errtext(db_int(&t, 0, 2)));
			tmpl_set(r, "Health.TokenErrcode", db_cell(&t, 0, 2));
		}
		tmpl_set(r, "Health.TokenErrors", db_cell(&t, 0, 4));
	}
	/* preferences: columns missed_after missed_close idle_close bot bot_idle erase */
	if (req_field(r, "missed_after") == NULL)
		tmpl_set(r, "Form.missed_after.Value", db_cell(&p, 0, 0));
	set_options(r, "MissedClose", missed_close_opts, NOPTS(missed_close_opts),
	    db_int(&p, 0, 1));
	set_options(r, "IdleClose", idle_opts, NOPTS(idle_opts), db_int(&p, 0, 2));
	set_options(r, "BotIdle", bot_idle_opts, NOPTS(bot_idle_opts), db_int(&p, 0, 4));
	tmpl_set(r, "Prefs.Bot", db_int(&p, 0, 3) ? "1" : NULL);
	tmpl_set(r, "Prefs.Erase", db_int(&p, 0, 5) ? "1" : NULL);
	tmpl_set(r, "Page.Title", pool_printf(&r->pool, "WeChat account: %s",
	    db_cell(c, 0, C_BRANDNAME)));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "channel.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_channel_get(struct req *r, struct resp *rs)
{
	struct dbres c;

	if (load(r, rs, &c) != 0)
		return;
	if (strcmp(db_cell(&c, 0, C_STATE), "draft") == 0) {
		go_step(r, rs, r->ids[0], (int)db_int(&c, 0, C_STEP));
		return;
	}
	account_page(r, rs, &c, 200);
}

/* Loads a channel that is set up (not a draft) for an account-page POST. */
static int
load_set_up(struct req *r, struct resp *rs, struct dbres *c)
{
	if (load(r, rs, c) != 0)
		return -1;
	if (strcmp(db_cell(c, 0, C_STATE), "draft") == 0) {
		go_step(r, rs, r->ids[0], (int)db_int(c, 0, C_STEP));
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
	struct dbres c;
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
	saved(r, rs, DB_OK, "Account details saved.");
}

/*
 * Token and AES key: set from the form, or generated (go=generate). The new
 * value is shown once on the page that answers, for pasting into WeChat; it
 * is never put in a flash message or a URL.
 */
static void
new_secret(struct req *r, struct resp *rs, int aes)
{
	struct dbres         c;
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
	memset(&s, 0, sizeof s);
	s.department_id = db_int(&c, 0, C_DEPT);
	s.original_id = db_cell(&c, 0, C_ORIGINAL);
	s.app_id = db_cell(&c, 0, C_APPID);
	s.app_secret_enc = db_cell(&c, 0, C_SECRET);
	s.token_enc = db_cell(&c, 0, C_TOKEN);
	s.aes_key_enc = db_cell(&c, 0, C_AES);
	s.aes_key_prev_enc = db_cell(&c, 0, C_AES_PREV);
	s.mode = db_cell(&c, 0, C_MODE);
	if (aes) {
		const char *old = plain(r, &c, C_AES);
		if (old == NULL || strcmp(old, v) != 0) {
			s.aes_key_prev_enc = db_cell(&c, 0, C_AES);
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
	tmpl_set(r, "Flash", aes ? "New Encoding AES Key saved. Paste it in WeChat now "
	    "(Domain and push notification configuration › Edit); until WeChat uses it, "
	    "messages sealed with the previous key are still read." :
	    "New token saved. Paste it in WeChat now (Domain and push notification "
	    "configuration › Edit): until you do, WeChat's messages fail the signature "
	    "check.");
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
	struct dbres c, u;
	const char  *pw = req_field(r, "password"), *why;
	enum pw_result pr;

	if (load_set_up(r, rs, &c) != 0)
		return;
	if (pw == NULL || *pw == '\0') {
		form_error(r, "password", "Enter your password.");
		account_page(r, rs, &c, 422);
		return;
	}
	pr = pw_check(r, r->user->login, pw, pool_printf(&r->pool, "Reveal on channel %lld",
	    r->ids[0]), &u, &why);
	if (pr == PW_DB) {
		ui_db_failed(r, rs);
		return;
	}
	if (pr != PW_OK) {
		form_error(r, "password", pr == PW_WRONG || pr == PW_UNKNOWN ?
		    "That is not your password." : why);
		account_page(r, rs, &c, pr == PW_WRONG || pr == PW_UNKNOWN ? 403 : 429);
		return;
	}
	wx_audit("user %lld revealed the secrets of channel %lld", r->user->id, r->ids[0]);
	tmpl_set(r, "Revealed.Secret", plain(r, &c, C_SECRET));
	tmpl_set(r, "Revealed.Token", plain(r, &c, C_TOKEN));
	tmpl_set(r, "Revealed.Aes", plain(r, &c, C_AES));
	account_page(r, rs, &c, 200);
}

void
admin_channel_department_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *d = req_field(r, "department");
	enum dbrc    rc;

	if (load_set_up(r, rs, &c) != 0)
		return;
	rc = d && *d ? db_channel_department(&r->pool, r->ids[0], strtoll(d, NULL, 10)) :
	    DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		form_error(r, "department", "Choose one of the brand's departments: "
		    "without one, no chats from WeChat are received.");
		account_page(r, rs, &c, 422);
		return;
	}
	saved(r, rs, rc, "Department saved: new chats go there.");
}

void
admin_channel_state_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *to = req_field(r, "state");

	if (load_set_up(r, rs, &c) != 0)
		return;
	if (to == NULL || (strcmp(to, "active") != 0 && strcmp(to, "disabled") != 0)) {
		page_error(r, rs, 400, 0, "Choose to enable or to disable the channel.");
		return;
	}
	if (strcmp(to, "active") == 0 && db_cell(&c, 0, C_DEPT) == NULL) {
		form_error(r, "department", "Choose a department before enabling the "
		    "channel: without one, no chats are received.");
		account_page(r, rs, &c, 422);
		return;
	}
	saved(r, rs, db_channel_set_state(&r->pool, r->ids[0], to),
	    strcmp(to, "active") == 0 ? "Channel enabled: messages become chats "
	    "again." : "Channel disabled: WeChat's messages are acknowledged and counted, "
	    "but open no chats, until you enable it again.");
}

void
admin_channel_prefs_post(struct req *r, struct resp *rs)
{
	struct dbres         c;
	struct channel_prefs p = { 0 };
	const char          *ma = req_field(r, "missed_after");
	char                *end = NULL;
	int                  errors = 0;

	if (load_set_up(r, rs, &c) != 0)
		return;
	p.missed_after = ma ? strtoll(ma, &end, 10) : 0;
	if (ma == NULL || *ma == '\0' || *end != '\0' || p.missed_after < 1 ||
	    p.missed_after > 1440) {
		form_error(r, "missed_after", "Enter a number of minutes from 1 to 1440.");
		errors++;
	}
	if (!one_of(req_field(r, "missed_close"), missed_close_opts, NOPTS(missed_close_opts),
	    &p.missed_close)) {
		form_error(r, "missed_close", "Choose one of the listed times.");
		errors++;
	}
	if (!one_of(req_field(r, "idle_close"), idle_opts, NOPTS(idle_opts), &p.idle_close)) {
		form_error(r, "idle_close", "Choose a time from 15 minutes to 24 hours.");
		errors++;
	}
	if (!one_of(req_field(r, "bot_idle"), bot_idle_opts, NOPTS(bot_idle_opts),
	    &p.bot_idle)) {
		form_error(r, "bot_idle", "Choose one of the listed times.");
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
	    "Preferences saved. They apply to chats already open, too.");
}

void
admin_channel_health_post(struct req *r, struct resp *rs)
{
	struct dbres c;

	if (load_set_up(r, rs, &c) != 0)
		return;
	saved(r, rs, db_channel_reset_health(&r->pool, r->ids[0]), "Health counters reset.");
}

void
admin_channel_delete_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *name = req_field(r, "confirm_name");

	if (load(r, rs, &c) != 0)
		return;
	form_trim(r);
	name = req_field(r, "confirm_name");
	if (name == NULL || strcmp(name, db_cell(&c, 0, C_BRANDNAME)) != 0) {
		form_error(r, "confirm_name", "Type the brand name exactly as shown to "
		    "delete the channel.");
		if (strcmp(db_cell(&c, 0, C_STATE), "draft") == 0)
			wizard_page(r, rs, &c, (int)db_int(&c, 0, C_STEP), 422);
		else
			account_page(r, rs, &c, 422);
		return;
	}
	if (db_channel_delete(&r->pool, r->ids[0]) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, pool_printf(&r->pool, "The WeChat account of %s was deleted. Its "
	    "chats and reports are kept; its webhook URL no longer answers.",
	    db_cell(&c, 0, C_BRANDNAME)));
	resp_redirect(rs, "/admin/channels");
}
