/*
 * ui-alerts.c: My account → alerts on WeChat (alerts.h). The accounts an
 * operator may bind their own WeChat to, a one-time code to send one of them
 * (shown once, on the page that answers the request for it), their
 * bindings with the state of WeChat's window for each, the alerts that could
 * not reach them since their last message, and removing a binding.
 */
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "ui.h"
#include "wx.h"

int
account_alerts_page_data(struct req *r)
{
	struct alert_channel *c;
	struct alert_binding *b;
	size_t                nc, nb;
	long long             now = (long long)wx_now(), unreached;

	if (db_alert_channels(&r->pool, r->user->id, user_sees_all_chats(r->user), &c, &nc) != DB_OK ||
	    db_alert_bindings(&r->pool, r->user->id, &b, &nb) != DB_OK ||
	    (unreached = db_alert_unreached(&r->pool, r->user->id)) < 0)
		return -1;
	for (size_t i = 0; i < nc; i++) {
		const char *base = pool_printf(&r->pool, "Alerts.Channels.%zu", i);
		tmpl_setf(r, pool_printf(&r->pool, "%s.Id", base), "%lld", c[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), c[i].brand);
	}
	for (size_t i = 0; i < nb; i++) {
		const char *base = pool_printf(&r->pool, "Alerts.Bindings.%zu", i);
		const char *openid = b[i].openid;
		long long   until = b[i].last_in + WX_WINDOW;
		long long   left = WX_REPLIES_IN_ROW - b[i].sent;
		int         open = b[i].active && until > now && left > 0;

		tmpl_setf(r, pool_printf(&r->pool, "%s.Id", base), "%lld", b[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), b[i].brand);
		tmpl_set(r, pool_printf(&r->pool, "%s.Since", base), ui_time(r, b[i].since));
		/* the start of the OpenID, as the console shows a follower without a name */
		tmpl_set(r, pool_printf(&r->pool, "%s.WeChat", base), pool_printf(&r->pool,
		    "%.10s…", openid ? openid : ""));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Open", base), open);
		tmpl_set(r, pool_printf(&r->pool, "%s.Window", base), open ?
		    LF(r, "alerts.window_open", ui_time(r, until), left, WX_REPLIES_IN_ROW) :
		    L(r, "alerts.window_closed"));
	}
	if (nb > 0 && unreached > 0)
		tmpl_set(r, "Alerts.Unreached", unreached == 1 ? L(r, "alerts.unreached_one") :
		    LF(r, "alerts.unreached", unreached));
	tmpl_set(r, "Alerts.Rule", LF(r, "alerts.rule", WX_REPLIES_IN_ROW));
	return 0;
}

static const struct field channel_fields[] = {
	{ "channel", "alerts.account", 0, v_id },
};

/* a new code for the account chosen, shown once on the account page */
static int
code_new(struct req *r, struct resp *rs)
{
	const char *v, *code = NULL;
	long long   channel = FORM_READ(r, channel_fields, &v) ? 0 : form_ll(v);
	struct alert_channel *c;
	size_t                nc;
	enum dbrc             rc;

	if (channel <= 0)
		rc = DB_NOTFOUND;
	else
		rc = alert_code_new(&r->pool, r->user->id, user_sees_all_chats(r->user), channel,
		    &code);
	if (rc == DB_NOTFOUND) {
		form_error(r, "channel", L(r, "alerts.choose"));
		return UI_REFUSED;
	}
	if (rc != DB_OK || (rc = db_alert_channels(&r->pool, r->user->id,
	    user_sees_all_chats(r->user), &c, &nc)) != DB_OK)
		return ui_wrote(rc);
	for (size_t i = 0; i < nc; i++)
		if (c[i].id == channel)
			tmpl_set(r, "Alerts.CodeIntro", LF(r, "alerts.code_intro", c[i].brand));
	tmpl_set(r, "Alerts.Code", code);
	tmpl_setf(r, "Alerts.CodeChannel", "%lld", channel);
	tmpl_set(r, "Alerts.CodeHint", LF(r, "alerts.code_hint", ALERT_CODE_SECONDS / 60));
	account_render(r, rs, 200);
	return UI_SHOWN;
}

/* POST /account/wechat/code: answered once (ui.h): the account page with
 * the code, or with the refusal beside the field */
void
account_alerts_code_post(struct req *r, struct resp *rs)
{
	int st = code_new(r, rs);

	if (st == UI_REFUSED)
		account_render(r, rs, 422);
	else
		ui_saved(r, rs, st, "channel", NULL, NULL);
}

/* POST /account/wechat/{id}/delete: the binding removed; no more alerts through it */
void
account_alerts_delete_post(struct req *r, struct resp *rs)
{
	ui_saved(r, rs, db_alert_unbind(&r->pool, r->ids[0], r->user->id), "binding",
	    L(r, "alerts.removed"), "/account#wechat-alerts");
}
