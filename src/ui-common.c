/* ui-common.c: helpers every page uses: database failure page, not found, paging. */
#include <stdlib.h>

#include "db.h"
#include "ui.h"

void
ui_db_failed(struct req *r, struct resp *rs)
{
	db_rollback();
	page_error(r, rs, 503, 0, "The database is not reachable right now, so the "
	    "change was not saved. What you entered is still in the form: go back "
	    "and submit it again in a moment.");
}

void
ui_not_found(struct req *r, struct resp *rs, const char *what)
{
	page_error(r, rs, 404, 0, pool_printf(&r->pool, "That %s does not exist "
	    "(it may have been deleted).", what));
}

/*
 * After loading the row a page is about: 1 when rc is DB_OK; otherwise the
 * response is already the 404 ("that <what> does not exist") or 503 page.
 */
int
ui_found(struct req *r, struct resp *rs, int rc, const char *what)
{
	if (rc == DB_OK)
		return 1;
	if (rc == DB_NOTFOUND)
		ui_not_found(r, rs, what);
	else
		ui_db_failed(r, rs);
	return 0;
}

/* The 1-based page number from ?page=, clamped to 1..100000. */
long long
ui_page(struct req *r)
{
	const char *p = req_arg(r, "page");
	long long   n = p ? strtoll(p, NULL, 10) : 1;

	return n < 1 ? 1 : n > 100000 ? 100000 : n;
}

void
ui_paging(struct req *r, long long page, long long per, long long total)
{
	long long pages = total <= 0 ? 1 : (total + per - 1) / per;

	tmpl_set_int(r, "Paging.Page", page);
	tmpl_set_int(r, "Paging.Pages", pages);
	tmpl_set_int(r, "Paging.Total", total);
	if (page > 1)
		tmpl_set_int(r, "Paging.Prev", page - 1);
	if (page < pages)
		tmpl_set_int(r, "Paging.Next", page + 1);
}
