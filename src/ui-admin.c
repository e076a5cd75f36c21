/* ui-admin.c: the administrator's home page: what is set up and what is next. */
#include "db.h"
#include "ui.h"

void
admin_home_get(struct req *r, struct resp *rs)
{
	struct dbres b;
	long long    users = db_user_count(&r->pool);

	if (users < 0 || db_brand_list(&r->pool, &b) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Stats.Brands", (long long)b.nrows);
	tmpl_set_int(r, "Stats.Users", users);
	tmpl_set(r, "Page.Title", L(r, "admin.title"));
	tmpl_set(r, "Nav", "home");
	tmpl_render(r, rs, "admin.cs");
}
