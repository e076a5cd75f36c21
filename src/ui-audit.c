/*
 * ui-audit.c: Admin → Audit trail: the records newest first, 100 a page,
 * filtered by days (UTC), account, action and address; format=csv exports
 * what the filters select (up to 100,000 records). Read only: nothing in
 * the product changes or removes a record.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit.h"
#include "ui.h"

#define AUDIT_PAGE 100
#define AUDIT_CSV_MAX 100000

/* the action in the reader's words (the catalogue), or its name */
static const char *
action_label(struct req *r, const char *action)
{
	const char *key = pool_printf(&r->pool, "audit.action.%s", action);

	return lang_has(r->lang, key) ? L(r, key) : action;
}

/* a field's name in the reader's words: audit.field.<name>, else the
 * form's own label (field.<name>), else the name; a business-hours day's
 * field (opens_0) names its day */
static const char *
field_label(struct req *r, const char *name)
{
	const char *key = pool_printf(&r->pool, "audit.field.%s", name);
	size_t      n = strlen(name);

	if (lang_has(r->lang, key))
		return L(r, key);
	if (n > 2 && name[n - 2] == '_' && isdigit((unsigned char)name[n - 1])) {
		const char *base = pool_printf(&r->pool, "audit.field.%.*s", (int)(n - 2), name);
		const char *day = pool_printf(&r->pool, "hours.day.%c", name[n - 1]);
		if (lang_has(r->lang, base) && lang_has(r->lang, day))
			return pool_printf(&r->pool, "%s (%s)", L(r, base), L(r, day));
	}
	/* a menu button's field: b<button>[s<sub-button>]_<part> */
	if (n > 3 && name[0] == 'b' && isdigit((unsigned char)name[1]) && strchr(name, '_')) {
		const char *part = strchr(name, '_') + 1;
		const char *what = pool_printf(&r->pool, "audit.menu_part.%s", part);
		if (lang_has(r->lang, what))
			return name[2] == 's' && isdigit((unsigned char)name[3]) ? LF(r,
			    "audit.menu_sub", name[1] - '0' + 1, name[3] - '0' + 1, L(r, what)) :
			    LF(r, "audit.menu_top", name[1] - '0' + 1, L(r, what));
	}
	key = pool_printf(&r->pool, "field.%s", name);
	return lang_has(r->lang, key) ? L(r, key) : name;
}

/* a checkbox's field, whose 1 and 0 read as yes and no */
static int
is_flag(const char *name)
{
	static const char *const flags[] = { "ip_ok", "url_ok", "enabled", "bot_enabled",
		"csat_enabled", "hours_enabled", "erase_on_unfollow", "disabled", "keep_me",
		"replace", "handoff", "require_2fa_admins", "anyway", "offhours_missed_timer",
		"blocked" };

	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (strcmp(name, flags[i]) == 0)
			return 1;
	return 0;
}

/* a recorded value in the reader's words: a secret set or cleared, a box
 * ticked, a role or presence by its name, a list */
static const char *
field_value(struct req *r, const char *name, json_t *v)
{
	static const struct {
		const char *field, *key;
	} coded[] = { { "role", "role.%s" }, { "presence", "presence.states.%s" },
		{ "routing", "routing.mode.%s" }, { "mode", "wxmode.%s" }, { "mode", "bot.mode.%s" },
		{ "go", "wiz.%s" }, { "go", "wiz.gen_%s" } };
	const char *s = NULL;
	size_t      i;
	json_t     *x;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			s = s ? LF(r, "audit.list_join", s, field_value(r, name, x)) :
			    field_value(r, name, x);
		return s ? s : L(r, "audit.value_empty");
	}
	if (json_is_integer(v))
		return pool_printf(&r->pool, "%lld", (long long)json_integer_value(v));
	s = json_is_string(v) ? json_string_value(v) : "";
	if (strcmp(s, "(set)") == 0)
		return L(r, "audit.value_set");
	if (strcmp(s, "on") == 0 || (strcmp(s, "1") == 0 && is_flag(name)))
		return L(r, "audit.value_on");
	if (strcmp(s, "0") == 0 && is_flag(name))
		return L(r, "audit.value_off");
	for (i = 0; i < sizeof coded / sizeof coded[0]; i++)
		if (strcmp(name, coded[i].field) == 0 &&
		    lang_has(r->lang, pool_printf(&r->pool, coded[i].key, s)))
			return L(r, pool_printf(&r->pool, coded[i].key, s));
	return *s ? s : L(r, "audit.value_empty");
}

/*
 * A record's detail (a JSON object: audit_detail) as labelled fields in
 * the reader's words, into prefix.Fields.N.Label and .Value, and as one
 * line of "label: value" for the CSV (returned). A detail that is not an
 * object is shown as it is.
 */
static const char *
detail_words(struct req *r, const char *detail, const char *prefix)
{
	json_t     *o = json_loads(detail ? detail : "", 0, NULL), *v;
	const char *k;
	struct buf  b = { 0 };
	size_t      i = 0;

	if (!json_is_object(o)) {
		json_decref(o);
		if (prefix != NULL)
			tmpl_set(r, pool_printf(&r->pool, "%s.Raw", prefix), detail);
		return detail ? detail : "";
	}
	json_object_foreach(o, k, v) {
		const char *label = strcmp(k, "…") == 0 ? L(r, "audit.more_fields") : field_label(r, k);
		const char *value = field_value(r, k, v);
		if (prefix != NULL) {
			tmpl_set(r, pool_printf(&r->pool, "%s.Fields.%zu.Label", prefix, i), label);
			tmpl_set(r, pool_printf(&r->pool, "%s.Fields.%zu.Value", prefix, i), value);
		}
		buf_printf(&b, "%s%s: %s", i++ ? "; " : "", label, value);
	}
	json_decref(o);
	k = pool_strdup(&r->pool, b.data ? b.data : "");
	buf_free(&b);
	return k;
}

/* who did it: their name now and the sign-in name recorded */
static const char *
who_words(struct req *r, const struct audit_record *a)
{
	if (a->name != NULL && *a->name)
		return pool_printf(&r->pool, "%s (%s)", a->name, a->login);
	return *a->login ? a->login : L(r, "audit.value_empty");
}

/* The whole selection as CSV, in the reader's words and time zone. */
static void
audit_csv(struct req *r, struct resp *rs, struct audit_filter *f)
{
	struct audit_record *res;
	size_t               n;

	csv_begin(rs, "wxdesk-audit.csv");
	csv_line(&rs->body, L(r, "audit.col_time"), L(r, "audit.col_who"), L(r, "audit.col_ip"),
	    L(r, "audit.col_action"), L(r, "audit.col_page"), L(r, "audit.col_detail"), NULL);
	for (int total = 0; total < AUDIT_CSV_MAX; ) {
		if (db_audit_list(&r->pool, f, &res, &n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			const char *at = ui_time(r, res[i].at);
			csv_line(&rs->body, at ? at : "", who_words(r, &res[i]), res[i].ip,
			    action_label(r, res[i].action), res[i].target,
			    detail_words(r, res[i].detail, NULL), NULL);
		}
		total += (int)n;
		if (n < (size_t)f->limit)
			break;
		f->before = res[n - 1].id;
	}
}

void
admin_audit_get(struct req *r, struct resp *rs)
{
	struct audit_filter  f = { 0 };
	const char          *from = ui_arg(r, "from"), *to = ui_arg(r, "to");
	const char          *before = req_arg(r, "before");
	int                  csv = strcmp(ui_arg(r, "format"), "csv") == 0;
	struct audit_record *res;
	struct audit_action *acts;
	size_t               n, nacts;

	f.login = ui_arg(r, "login");
	f.action = ui_arg(r, "action");
	f.ip = ui_arg(r, "ip");
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
		audit_csv(r, rs, &f);
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
		/* an API call's: by its token's name (api.c) */
		tmpl_set(r, pool_printf(&r->pool, "%s.Who", k), res[i].login &&
		    strncmp(res[i].login, "api:", 4) == 0 ? LF(r, "audit.api_token",
		    res[i].login + 4) : res[i].login);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", k), res[i].name);
		tmpl_set(r, pool_printf(&r->pool, "%s.IP", k), res[i].ip);
		tmpl_set(r, pool_printf(&r->pool, "%s.Action", k), res[i].action);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", k), action_label(r, res[i].action));
		tmpl_set(r, pool_printf(&r->pool, "%s.Page", k), res[i].target);
		detail_words(r, res[i].detail, k);
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
