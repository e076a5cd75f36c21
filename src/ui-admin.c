/* ui-admin.c: the administrator's home page: what is set up, how each WeChat
 * account is doing, and what needs attention next. */
#include <string.h>

#include "db.h"
#include "ui.h"
#include "staff.h"
#include "channel.h"

/* one line of "needs attention": a text and where to fix it */
static void
attention(struct req *r, int *n, const char *href, const char *text)
{
	tmpl_set(r, pool_printf(&r->pool, "Attention.%d.Href", *n), href);
	tmpl_set(r, pool_printf(&r->pool, "Attention.%d.Text", *n), text);
	(*n)++;
}

void
admin_home_get(struct req *r, struct resp *rs)
{
	struct channel_list *c = NULL;
	size_t c_n = 0;
	struct depts_empty *e = NULL;
	size_t e_n = 0;
	struct brand_list *b = NULL;
	size_t b_n = 0;
	long long    users = db_user_count(&r->pool);
	int          n = 0;

	if (users < 0 || db_brand_list(&r->pool, &b, &b_n) != DB_OK ||
	    db_channel_list(&r->pool, &c, &c_n) != DB_OK || db_depts_empty(&r->pool, &e, &e_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Stats.Brands", (long long)b_n);
	tmpl_set_int(r, "Stats.Users", users);
	if (b_n == 0)
		attention(r, &n, "/admin/brands", L(r, "home.no_brand"));
	else if (c_n == 0)
		attention(r, &n, "/admin/channels/new", L(r, "home.no_account"));
	for (size_t i = 0; i < c_n; i++) {
		const char *base = pool_printf(&r->pool, "Accounts.%zu", i);
		const char *href = pool_printf(&r->pool, "/admin/channels/%lld%s", c[i].id,
		    strcmp(c[i].state, "draft") == 0 ? "/setup" : "");
		const char *brand = c[i].brand;
		tmpl_set(r, pool_printf(&r->pool, "%s.Href", base), href);
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), brand);
		tmpl_set(r, pool_printf(&r->pool, "%s.State", base), c[i].state);
		tmpl_set(r, pool_printf(&r->pool, "%s.LastMessage", base),
		    ui_time(r, c[i].last_message));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Failures", base), c[i].failures);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Waiting", base), c[i].waiting);
		if (c[i].token_err != 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.TokenError", base),
			    ui_errtext(r, c[i].token_err));
		if (strcmp(c[i].state, "draft") == 0)
			attention(r, &n, href, LF(r, "home.draft", brand, c[i].step));
		else if (strcmp(c[i].state, "active") != 0)
			attention(r, &n, href, LF(r, "home.disabled", brand));
		if (strcmp(c[i].state, "draft") != 0 && c[i].department == NULL)
			attention(r, &n, pool_printf(&r->pool, "%s#department", href),
			    LF(r, "home.no_department", brand));
		if (c[i].token_err != 0)
			attention(r, &n, pool_printf(&r->pool, "%s#health", href), LF(r, "home.token",
			    brand, ui_errtext(r, c[i].token_err)));
		if (c[i].failures > 0)
			attention(r, &n, pool_printf(&r->pool, "%s#health", href), LF(r, "home.failures",
			    brand, c[i].failures));
	}
	for (size_t i = 0; i < e_n; i++)
		attention(r, &n, pool_printf(&r->pool, "/admin/departments/%lld", e[i].id),
		    LF(r, "home.empty_department", e[i].name, e[i].brand));
	tmpl_set(r, "Page.Title", L(r, "admin.title"));
	tmpl_set(r, "Nav", "home");
	tmpl_render(r, rs, "admin.cs");
}
