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
	struct audit_filter  f = { 0 };
	const char          *from = arg_or_empty(r, "from"), *to = arg_or_empty(r, "to");
	const char          *before = req_arg(r, "before");
	int                  csv = strcmp(arg_or_empty(r, "format"), "csv") == 0;
	struct audit_record *res;
	struct audit_action *acts;
	size_t               n, nacts;

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
			if (db_audit_list(&r->pool, &f, &res, &n) != DB_OK) {
				ui_db_failed(r, rs);
				return;
			}
			for (size_t i = 0; i < n; i++) {
				const char *at = ui_iso(r, res[i].at);
				csv_line(&rs->body, at ? at : "", res[i].login, res[i].ip, res[i].action,
				    res[i].target, res[i].detail, NULL);
			}
			total += (int)n;
			if (n < (size_t)f.limit)
				break;
			f.before = res[n - 1].id;
		}
		return;
	}
	if (db_audit_list(&r->pool, &f, &res, &n) != DB_OK ||
	    db_audit_actions(&r->pool, &acts, &nacts) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n && i < AUDIT_PAGE; i++) {
		const char *k = pool_printf(&r->pool, "Audit.%zu", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", k), res[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.At", k), ui_iso(r, res[i].at));
		tmpl_set(r, pool_printf(&r->pool, "%s.Time", k), ui_time(r, res[i].at));
		tmpl_set(r, pool_printf(&r->pool, "%s.Who", k), res[i].login);
		tmpl_set(r, pool_printf(&r->pool, "%s.IP", k), res[i].ip);
		tmpl_set(r, pool_printf(&r->pool, "%s.Action", k), res[i].action);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", k), action_label(r, res[i].action));
		tmpl_set(r, pool_printf(&r->pool, "%s.Page", k), res[i].target);
		tmpl_set(r, pool_printf(&r->pool, "%s.Detail", k), res[i].detail);
	}
	if (n > AUDIT_PAGE)
		tmpl_set_int(r, "AuditMore", res[AUDIT_PAGE - 1].id);
	for (size_t i = 0; i < nacts; i++) {
		const char *a = acts[i].action;
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
