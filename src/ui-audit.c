/*
 * ui-audit.c: Admin → Audit trail: the records newest first, 100 a page,
 * filtered by days (UTC), account, action and address; format=csv exports
 * what the filters select (up to 100,000 records). Read only: nothing in
 * the product changes or removes a record.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "ui.h"

#define AUDIT_PAGE 100
#define AUDIT_CSV_MAX 100000

static const char *
arg_or_empty(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v ? v : "";
}

/* the action in the reader's words (the catalogue), or its name */
static const char *
action_label(struct req *r, const char *action)
{
	const char *key = pool_printf(&r->pool, "audit.action.%s", action);

	return lang_has(r->lang, key) ? L(r, key) : action;
}

void
admin_audit_get(struct req *r, struct resp *rs)
{
	struct audit_filter f = { 0 };
	const char *from = arg_or_empty(r, "from"), *to = arg_or_empty(r, "to");
	const char *before = req_arg(r, "before");
	int         csv = strcmp(arg_or_empty(r, "format"), "csv") == 0;
	struct dbres res, acts;

	f.login = arg_or_empty(r, "login");
	f.action = arg_or_empty(r, "action");
	f.ip = arg_or_empty(r, "ip");
	f.from = *from ? ui_day(from, -1) : 0;
	f.to = *to ? ui_day(to, -1) : -1;
	if (f.from < 0)
		form_error(r, "from", L(r, "rep.date_format")), f.from = 0;
	if (f.to == -1 && *to)
		form_error(r, "to", L(r, "rep.date_format"));
	f.to = f.to < 0 ? 0 : f.to + 86400;	/* to: inclusive; none: 0 */
	f.before = before ? atoll(before) : 0;
	f.limit = csv ? 5000 : AUDIT_PAGE + 1;

	if (csv) {
		buf_reset(&rs->body);
		rs->status = 200;
		rs->ctype = "text/csv; charset=utf-8";
		resp_header(rs, "Content-Disposition", "attachment; filename=\"wxdesk-audit.csv\"");
		csv_line(&rs->body, L(r, "audit.col_time"), L(r, "audit.col_who"),
		    L(r, "audit.col_ip"), L(r, "audit.col_action"), L(r, "audit.col_page"),
		    L(r, "audit.col_detail"), NULL);
		for (int total = 0; total < AUDIT_CSV_MAX; ) {
			if (db_audit_list(&r->pool, &f, &res) != DB_OK) {
				ui_db_failed(r, rs);
				return;
			}
			for (size_t i = 0; i < res.nrows; i++) {
				const char *at = ui_iso(r, db_int(&res, i, AU_AT));
				csv_line(&rs->body, at ? at : "", db_cell(&res, i, AU_LOGIN),
				    db_cell(&res, i, AU_IP), db_cell(&res, i, AU_ACTION),
				    db_cell(&res, i, AU_TARGET), db_cell(&res, i, AU_DETAIL), NULL);
			}
			total += (int)res.nrows;
			if (res.nrows < (size_t)f.limit)
				break;
			f.before = db_int(&res, res.nrows - 1, AU_ID);
		}
		return;
	}
	if (db_audit_list(&r->pool, &f, &res) != DB_OK || db_audit_actions(&r->pool, &acts) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < res.nrows && i < AUDIT_PAGE; i++) {
		const char *k = pool_printf(&r->pool, "Audit.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Id", k), db_cell(&res, i, AU_ID));
		tmpl_set(r, pool_printf(&r->pool, "%s.At", k), ui_iso(r, db_int(&res, i, AU_AT)));
		tmpl_set(r, pool_printf(&r->pool, "%s.Time", k), ui_time(r, db_int(&res, i, AU_AT)));
		tmpl_set(r, pool_printf(&r->pool, "%s.Who", k), db_cell(&res, i, AU_LOGIN));
		tmpl_set(r, pool_printf(&r->pool, "%s.IP", k), db_cell(&res, i, AU_IP));
		tmpl_set(r, pool_printf(&r->pool, "%s.Action", k), db_cell(&res, i, AU_ACTION));
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", k),
		    action_label(r, db_cell(&res, i, AU_ACTION)));
		tmpl_set(r, pool_printf(&r->pool, "%s.Page", k), db_cell(&res, i, AU_TARGET));
		tmpl_set(r, pool_printf(&r->pool, "%s.Detail", k), db_cell(&res, i, AU_DETAIL));
	}
	if (res.nrows > AUDIT_PAGE)
		tmpl_set(r, "AuditMore", db_cell(&res, AUDIT_PAGE - 1, AU_ID));
	for (size_t i = 0; i < acts.nrows; i++) {
		const char *a = db_cell(&acts, i, AA_ACTION);
		tmpl_set(r, pool_printf(&r->pool, "Actions.%zu.Name", i), a);
		tmpl_set(r, pool_printf(&r->pool, "Actions.%zu.Label", i), action_label(r, a));
	}
	tmpl_set(r, "Filter.From", from);
	tmpl_set(r, "Filter.To", to);
	tmpl_set(r, "Filter.Login", f.login);
	tmpl_set(r, "Filter.Action", f.action);
	tmpl_set(r, "Filter.IP", f.ip);
	tmpl_set(r, "Page.Title", L(r, "audit.title"));
	tmpl_set(r, "Nav", "audit");
	tmpl_render(r, rs, "audit.cs");
}
