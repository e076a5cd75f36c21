/* ui-console.c: the operator console's home. Chats arrive here once a WeChat channel is live. */
#include "db.h"
#include "ui.h"

void
console_home_get(struct req *r, struct resp *rs)
{
	struct dbres d;

	if (db_member_depts(&r->pool, r->user->id, &d) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Console.Departments", (long long)d.nrows);
	tmpl_set(r, "Page.Title", "Console");
	tmpl_set(r, "Nav", "console");
	tmpl_render(r, rs, "console.cs");
}
