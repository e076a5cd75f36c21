/*
 * ui-channel-form.c: what the wizard and the account page share: the
 * validators of WeChat's values (what an Original ID, App ID, App Secret,
 * Token and Encoding AES Key look like), the encryption modes, the
 * settings summary with secrets masked, and saving the account details.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "addr.h"
#include "ui-channel.h"
#include "wxapi.h"
#include "staff.h"
#include "channel.h"
#include "chat.h"

/* their names are the catalogue's mode.<value> and, as WeChat shows them,
 * wxmode.<value> */
static const struct { const char *value; } modes[] = {
	{ "plain" }, { "compatible" }, { "safe" },
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
		return "v.original_id";
	return NULL;
}

static const char *
v_app_id(const char *v)
{
	if (strncmp(v, "wx", 2) != 0 || strlen(v) != 18 || !only(v + 2, HEX))
		return "v.app_id";
	return NULL;
}

static const char *
v_app_secret(const char *v)
{
	if (strlen(v) != 32 || !only(v, HEX))
		return "v.app_secret";
	return NULL;
}

static const char *
v_token(const char *v)
{
	size_t n = strlen(v);

	if (n < 3 || n > 32 || !only(v, ALNUM))
		return "v.token";
	return NULL;
}

static const char *
v_aes_key(const char *v)
{
	if (strlen(v) != 43 || !only(v, ALNUM))
		return "v.aes_key";
	return NULL;
}

static const char *
v_mode(const char *v)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(v, modes[i].value) == 0)
			return NULL;
	return "v.mode";
}

const struct field detail_fields[DF__N] = {
	[DF_ORIGINAL_ID] = { "original_id", "wx.original_id", 1, v_original_id },
	[DF_APP_ID] = { "app_id", "wx.app_id", 1, v_app_id },
	[DF_APP_SECRET] = { "app_secret", "wx.app_secret", 0, v_app_secret },	/* blank keeps the saved one */
	[DF_MODE] = { "mode", "wiz.mode", 1, v_mode },
	[DF_TOKEN] = { "token", "wx.token", 1, v_token },
	[DF_AES_KEY] = { "aes_key", "wx.aes_key", 1, v_aes_key },
};

/* ---- shared pieces ---- */

const char *
webhook_url(struct req *r, const struct channel_get *c)
{
	return pool_printf(&r->pool, "%s/wechat/%s", cfg_get("PublicURL", ""),
	    c->webhook_key);
}

const char *
plain(struct req *r, const char *enc)
{
	return enc ? secret_decrypt(&r->pool, enc) : NULL;
}

/* Loads channel r->ids[0]; 0, or -1 after answering 404 / 503. */
int
load(struct req *r, struct resp *rs, struct channel_get *c)
{
	return ui_found(r, rs, db_channel_get(&r->pool, r->ids[0], c), "channel") ? 0 : -1;
}

void
set_modes(struct req *r, const char *current)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.Value", i), modes[i].value);
		if (current && strcmp(current, modes[i].value) == 0)
			tmpl_set(r, pool_printf(&r->pool, "Modes.%zu.On", i), "1");
	}
}

void
set_departments(struct req *r, long long brand, long long current)
{
	struct dept_list *d = NULL;
	size_t d_n = 0;

	if (db_dept_list(&r->pool, brand, 10000, 0, &d, &d_n) != DB_OK)
		return;
	for (size_t i = 0; i < d_n; i++) {
		tmpl_set_int(r, pool_printf(&r->pool, "Departments.%zu.Id", i), d[i].id);
		tmpl_set(r, pool_printf(&r->pool, "Departments.%zu.Name", i), d[i].name);
		if (d[i].id == current)
			tmpl_set(r, pool_printf(&r->pool, "Departments.%zu.On", i), "1");
	}
}

/* Puts the saved details into Form.* unless the user's own input is there. */
void
keep_or_saved(struct req *r, const char *name, const char *saved)
{
	if (form_kept(r, name) == NULL && saved)
		tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", name), saved);
}

/* The channel's settings for the summary and the account page, secrets masked. */
void
set_channel(struct req *r, const struct channel_get *c)
{
	const char *secret = plain(r, c->app_secret_enc), *token = plain(r, c->token_enc);
	const char *aes = plain(r, c->aes_key_enc);

	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set_int(r, "Channel.BrandId", c->brand_id);
	tmpl_set(r, "Channel.State", c->state);
	tmpl_set(r, "Channel.OriginalId", c->original_id);
	tmpl_set(r, "Channel.AppId", c->app_id);
	tmpl_set(r, "Channel.Mode", c->encryption_mode);
	tmpl_set(r, "Channel.Webhook", webhook_url(r, c));
	{
		const char *why = addr_url_unreachable(cfg_get("PublicURL", ""));
		if (why != NULL)
			tmpl_set(r, "Channel.WebhookWarning", LF(r, why, cfg_get("PublicURL", "")));
	}
	tmpl_set(r, "Channel.Department", c->dept_name);
	tmpl_set_int(r, "Channel.DepartmentId", c->department_id);
	tmpl_set(r, "Channel.Verified", ui_time(r, c->verified));
	if (c->verified)
		tmpl_set(r, "Channel.VerifiedText", LF(r, "check.url_ok",
		    ui_time(r, c->verified)));
	tmpl_set(r, "Channel.IpConfirmed", c->ip_confirmed ? "1" : NULL);
	tmpl_set(r, "Channel.UrlConfirmed", c->url_confirmed ? "1" : NULL);
	if (secret) {
		tmpl_set(r, "Channel.SecretMasked", secret_mask(&r->pool, secret));
		tmpl_set(r, "Channel.SecretKept", LF(r, "wiz.secret_kept",
		    secret_mask(&r->pool, secret)));
	}
	if (token)
		tmpl_set(r, "Channel.TokenMasked", secret_mask(&r->pool, token));
	/* where the business's payment server forwards payments (payment.c) */
	tmpl_set(r, "Channel.PaymentUrl", pool_printf(&r->pool, "%s/api/v1/channels/%lld/payments",
	    cfg_get("PublicURL", ""), c->id));
	if (aes)
		tmpl_set(r, "Channel.AesMasked", secret_mask(&r->pool, aes));
	if (c->aes_key_prev_enc)
		tmpl_set(r, "Channel.HasPrevAes", "1");
}

/* Step 3: checks and saves the account details, token and AES key. */
int
save_details(struct req *r, const struct channel_get *c, int with_secrets)
{
	struct channel_setup s;
	const char *v[DF__N] = { 0 }, *old_aes = plain(r, c->aes_key_enc), *secret, *aes, *token;
	int         errors = form_read(r, detail_fields, with_secrets ? DF__N : DF_TOKEN, v);
	enum dbrc   rc;

	secret = v[DF_APP_SECRET], aes = v[DF_AES_KEY], token = v[DF_TOKEN];
	if (secret != NULL && *secret == '\0' && c->app_secret_enc == NULL) {
		form_error(r, "app_secret", LF(r, "form.required", L(r, "wx.app_secret")));
		errors++;
	}
	if (errors)
		return 422;
	memset(&s, 0, sizeof s);
	s.department_id = c->department_id;
	s.original_id = v[DF_ORIGINAL_ID];
	s.app_id = v[DF_APP_ID];
	s.app_secret_enc = secret && *secret ? secret_encrypt(&r->pool, secret) :
	    c->app_secret_enc;
	s.token_enc = token ? secret_encrypt(&r->pool, token) : c->token_enc;
	s.aes_key_enc = c->aes_key_enc;
	s.aes_key_prev_enc = c->aes_key_prev_enc;
	if (aes && (old_aes == NULL || strcmp(aes, old_aes) != 0)) {
		/* a new key: the old one keeps opening messages until WeChat switches */
		s.aes_key_prev_enc = c->aes_key_enc;
		s.aes_key_enc = secret_encrypt(&r->pool, aes);
	}
	s.mode = v[DF_MODE];
	/* new credentials: the cached token and any error backoff are void */
	rc = channel_setup_save(&r->pool, c->id, &s, strcmp(s.app_id, c->app_id ? c->app_id :
	    "") != 0 || (secret && *secret));
	if (rc == DB_CONFLICT) {
		form_error(r, "app_id", L(r, "wiz.app_id_taken"));
		return 409;
	}
	return rc != DB_OK ? 503 : 0;
}

