/* ui-admin.c: the administrator's home page: what is set up, how each WeChat
 * account is doing, and what needs attention next. */
#include <string.h>

#include "db.h"
#include "ui.h"

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
	struct dbres c;
	struct depts_empty *e = NULL;
	size_t e_n = 0;
	struct brand_list *b = NULL;
	size_t b_n = 0;
	long long    users = db_user_count(&r->pool);
	int          n = 0;

	if (users < 0 || db_brand_list(&r->pool, &b, &b_n) != DB_OK ||
	    db_channel_list(&r->pool, &c) != DB_OK || db_depts_empty(&r->pool, &e, &e_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Stats.Brands", (long long)b_n);
	tmpl_set_int(r, "Stats.Users", users);
	if (b_n == 0)
		attention(r, &n, "/admin/brands", L(r, "home.no_brand"));
	else if (c.nrows == 0)
		attention(r, &n, "/admin/channels/new", L(r, "home.no_account"));
	for (size_t i = 0; i < c.nrows; i++) {
		const char *base = pool_printf(&r->pool, "Accounts.%zu", i);
		const char *href = pool_printf(&r->pool, "/admin/channels/%s%s", db_cell(&c, i, CL_ID),
		    strcmp(db_cell(&c, i, CL_STATE), "draft") == 0 ? "/setup" : "");
		const char *brand = db_cell(&c, i, CL_BRAND);
		tmpl_set(r, pool_printf(&r->pool, "%s.Href", base), href);
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), brand);
		tmpl_set(r, pool_printf(&r->pool, "%s.State", base), db_cell(&c, i, CL_STATE));
		tmpl_set(r, pool_printf(&r->pool, "%s.LastMessage", base),
		    ui_time(r, db_int(&c, i, CL_LASTMSG)));
		tmpl_set(r, pool_printf(&r->pool, "%s.Failures", base), db_cell(&c, i, CL_FAILURES));
		tmpl_set(r, pool_printf(&r->pool, "%s.Waiting", base), db_cell(&c, i, CL_WAITING));
		if (db_int(&c, i, CL_TOKEN_ERR) != 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.TokenError", base),
			    ui_errtext(r, db_int(&c, i, CL_TOKEN_ERR)));
		if (strcmp(db_cell(&c, i, CL_STATE), "draft") == 0)
			attention(r, &n, href, LF(r, "home.draft", brand, db_int(&c, i, CL_STEP)));
		else if (strcmp(db_cell(&c, i, CL_STATE), "active") != 0)
			attention(r, &n, href, LF(r, "home.disabled", brand));
		if (strcmp(db_cell(&c, i, CL_STATE), "draft") != 0 && db_cell(&c, i, CL_DEPT) == NULL)
			attention(r, &n, pool_printf(&r->pool, "%s#department", href),
			    LF(r, "home.no_department", brand));
		if (db_int(&c, i, CL_TOKEN_ERR) != 0)
			attention(r, &n, pool_printf(&r->pool, "%s#health", href), LF(r, "home.token",
			    brand, ui_errtext(r, db_int(&c, i, CL_TOKEN_ERR))));
		if (db_int(&c, i, CL_FAILURES) > 0)
			attention(r, &n, pool_printf(&r->pool, "%s#health", href), LF(r, "home.failures",
			    brand, db_int(&c, i, CL_FAILURES)));
	}
	for (size_t i = 0; i < e_n; i++)
		attention(r, &n, pool_printf(&r->pool, "/admin/departments/%lld", e[i].id),
		    LF(r, "home.empty_department", e[i].name, e[i].brand));
	tmpl_set(r, "Page.Title", L(r, "admin.title"));
	tmpl_set(r, "Nav", "home");
	tmpl_render(r, rs, "admin.cs");
}
