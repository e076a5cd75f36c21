/*
 * ui-operators.c: Admin → Operators: staff accounts of every role. Create,
 * edit (name, role, departments), reset password, disable and enable.
 * The last enabled administrator can be neither demoted nor disabled.
 */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "db.h"
#include "assign.h"
#include "staff.h"
#include "twofactor.h"
#include "ui.h"

#define USERS_PER_PAGE 100
#define MAX_DEPTS      2000

static const struct field new_fields[] = {
	{ "login",    "field.login",    1, v_login },
	{ "name",     "field.name",     1, v_name },
	{ "role",     "field.role",     1, v_role },
	{ "password", "field.password", 1, v_password },
	{ "chat_limit", "field.chat_limit", 0, v_chat_limit },
};
static const struct field edit_fields[] = {
	{ "name", "field.name", 1, v_name },
	{ "role", "field.role", 1, v_role },
	{ "chat_limit", "field.chat_limit", 0, v_chat_limit },
};

static const struct field pw_fields[] = {
	{ "password", "field.new_password", 1, v_password },
};

void
admin_operators_get(struct req *r, struct resp *rs)
{
	struct user_list *res = NULL;
	size_t res_n = 0;
	long long    page = ui_page(r), total = db_user_count(&r->pool);

	if (total < 0 || db_user_list(&r->pool, USERS_PER_PAGE,
	    (page - 1) * USERS_PER_PAGE, &res, &res_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	TMPL_LIST(r, "Users", res, res_n, user_list);
	ui_paging(r, page, USERS_PER_PAGE, total);
	tmpl_set_int(r, "Security.Require2FA", db_tf_required(&r->pool));
	tmpl_set(r, "Page.Title", L(r, "nav.operators"));
	tmpl_set(r, "Nav", "operators");
	tmpl_render(r, rs, "operators.cs");
}

/*
 * Puts every department into Depts.N with .Checked set for the ones in
 * checked[] (ids as strings). Returns -1 when the database failed.
 */
static int
dept_choices(struct req *r, const char **checked, int nchecked)
{
	struct dept_all *d = NULL;
	size_t d_n = 0;

	if (db_dept_all(&r->pool, &d, &d_n) != DB_OK)
		return -1;
	TMPL_LIST(r, "Depts", d, d_n, dept_all);
	for (size_t i = 0; i < d_n; i++)
		for (int k = 0; k < nchecked; k++)
			if (strtoll(checked[k], NULL, 10) == d[i].id)
				tmpl_setf(r, pool_printf(&r->pool, "Depts.%zu.Checked", i), "1");
	return 0;
}

static void
operator_form(struct req *r, struct resp *rs, long long id, int status)
{
	const char *checked[MAX_DEPTS];
	int         n = 0;

	tmpl_set(r, "Nav", "operators");
	if (id == 0) {
		n = req_field_all(r, "dept", checked, MAX_DEPTS);
		tmpl_set(r, "Page.Title", L(r, "ops.new"));
		if (!req_field(r, "role"))
			tmpl_set(r, "Form.role.Value", "operator");
		if (!req_field(r, "chat_limit"))
			tmpl_set(r, "Form.chat_limit.Value", "5");
	} else {
		struct member_depts *m = NULL;
		size_t m_n = 0;
		struct user_get u;
		enum dbrc    rc = db_user_get(&r->pool, id, &u);
		if (rc == DB_NOTFOUND) {
			ui_not_found(r, rs, "operator");
			return;
		}
		if (rc != DB_OK || db_member_depts(&r->pool, id, &m, &m_n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		/* columns: id login name role disabled */
		tmpl_set_int(r, "Op.Id", id);
		tmpl_set(r, "Op.Login", u.login);
		tmpl_set(r, "Op.Name", u.name);
		tmpl_set_int(r, "Op.Disabled", u.disabled);
		{
			struct tf_state t;
			if (db_tf_get(&r->pool, id, &t) == DB_OK)
				tmpl_set_int(r, "Op.TwoFactor", t.enabled);
		}
		tmpl_set_int(r, "Op.IsSelf", id == r->user->id);
		if (strcmp(r->method, "GET") == 0 || !req_field(r, "name")) {
			tmpl_set(r, "Form.name.Value", u.name);
			tmpl_set(r, "Form.role.Value", u.role);
			tmpl_set_int(r, "Form.chat_limit.Value", db_user_chat_limit(&r->pool, id));
			for (size_t i = 0; i < m_n && n < MAX_DEPTS; i++)
				checked[n++] = pool_printf(&r->pool, "%lld", m[i].department_id);
		} else
			n = req_field_all(r, "dept", checked, MAX_DEPTS);
		tmpl_set(r, "Page.Title", LF(r, "ops.title", u.name));
	}
	if (dept_choices(r, checked, n) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_render(r, rs, "operator.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_operator_new_get(struct req *r, struct resp *rs)
{
	operator_form(r, rs, 0, 200);
}

void
admin_operator_get(struct req *r, struct resp *rs)
{
	operator_form(r, rs, r->ids[0], 200);
}

/* The account as the form gives it (checked already): departments, and the
 * chat limit typed, if any (an empty box keeps what there is). */
static struct staff_form
staff_of(struct req *r, const char *pw_hash)
{
	const char      *ids[MAX_DEPTS], *lim = req_field(r, "chat_limit");
	int              n = req_field_all(r, "dept", ids, MAX_DEPTS);
	long long       *depts = pool_alloc(&r->pool, sizeof *depts * (size_t)(n + 1));
	struct staff_form f = { req_field(r, "login"), req_field(r, "name"), req_field(r, "role"),
		pw_hash, depts, n, lim && *lim ? strtoll(lim, NULL, 10) : 0 };

	for (int i = 0; i < n; i++)
		depts[i] = strtoll(ids[i], NULL, 10);
	return f;
}

void
admin_operators_post(struct req *r, struct resp *rs)
{
	long long id;
	enum dbrc rc;
	char     *hash;

	if (form_check(r, new_fields, sizeof new_fields / sizeof new_fields[0])) {
		operator_form(r, rs, 0, 422);
		return;
	}
	hash = pw_hash(&r->pool, req_field(r, "password"));
	{
		struct staff_form f = staff_of(r, hash);
		rc = staff_create(&r->pool, &f, &id);
	}
	if (rc == DB_CONFLICT) {
		form_error(r, "login", L(r, "ops.login_taken"));
		operator_form(r, rs, 0, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "ops.created", req_field(r, "name"), L(r, pool_printf(&r->pool,
	    "role.%s", role_name(role_parse(req_field(r, "role"))))), req_field(r, "login")));
	resp_redirect(rs, "/admin/operators");
}

/* 1 when changing user id away from an enabled admin would leave no admin. */
static int
last_admin(struct req *r, long long id)
{
	struct user_get u;

	if (db_user_get(&r->pool, id, &u) != DB_OK)
		return 0;
	return strcmp(u.role, "admin") == 0 && u.disabled == 0 &&
	    db_admin_count(&r->pool) <= 1;
}

void
admin_operator_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	struct user_get u;
	enum dbrc    rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (form_check(r, edit_fields, sizeof edit_fields / sizeof edit_fields[0])) {
		operator_form(r, rs, id, 422);
		return;
	}
	if (strcmp(req_field(r, "role"), "admin") != 0 && last_admin(r, id)) {
		form_error(r, "role", L(r, "ops.last_admin_role"));
		operator_form(r, rs, id, 409);
		return;
	}
	{
		struct staff_form f = staff_of(r, NULL);
		rc = staff_update(&r->pool, id, &f);
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "ops.saved", req_field(r, "name")));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", id));
}

void
admin_operator_password_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	struct user_get u;
	enum dbrc    rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (form_check(r, pw_fields, 1)) {
		/* never echo a password back into the page */
		tmpl_set(r, "Form.password.Value", "");
		operator_form(r, rs, id, 422);
		return;
	}
	if (db_user_set_password(&r->pool, id, pw_hash(&r->pool,
	    req_field(r, "password"))) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	/* sign the user out everywhere, except the admin's own current session */
	if (id != r->user->id)
		db_session_delete_user(&r->pool, id);
	flash_set(r, LF(r, "ops.password_reset", u.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", id));
}

void
admin_operator_disable_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	const char  *v = req_field(r, "disabled");
	int          disable = v && strcmp(v, "1") == 0;
	struct user_get u;
	enum dbrc    rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (disable && id == r->user->id) {
		tmpl_set(r, "Disable.Error", L(r, "ops.disable_self"));
		operator_form(r, rs, id, 409);
		return;
	}
	if (disable && last_admin(r, id)) {
		tmpl_set(r, "Disable.Error", L(r, "ops.last_admin"));
		operator_form(r, rs, id, 409);
		return;
	}
	if (db_user_set_disabled(&r->pool, id, disable) != DB_OK ||
	    (disable && db_session_delete_user(&r->pool, id) != DB_OK)) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, disable ? "ops.disabled_flash" : "ops.enabled_flash",
	    u.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", id));
}
