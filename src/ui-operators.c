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

/* an account's form: the new account's has every field, an edit the first
 * three (the login stays, the password has its own form) */
enum { OP_NAME, OP_ROLE, OP_LIMIT, OP_LOGIN, OP_PASSWORD, OP__N };
static const struct field op_fields[OP__N] = {
	[OP_NAME] = { "name", "field.name", 1, v_name },
	[OP_ROLE] = { "role", "field.role", 1, v_role },
	[OP_LIMIT] = { "chat_limit", "field.chat_limit", 0, v_chat_limit },
	[OP_LOGIN] = { "login", "field.login", 1, v_login },
	[OP_PASSWORD] = { "password", "field.password", 1, v_password },
};
static const struct field dept_field = { "dept", "brand.departments", 0, v_id };

static const struct field pw_fields[] = {
	{ "password", "field.new_password", 1, v_password },
};
static const struct field disable_fields[] = {
	{ "disabled", "field.disabled", 0, v_flag },
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
		n = form_many(r, &dept_field, checked, MAX_DEPTS);
		tmpl_set(r, "Page.Title", L(r, "ops.new"));
		if (!form_kept(r, "role"))
			tmpl_set(r, "Form.role.Value", "operator");
		if (!form_kept(r, "chat_limit"))
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
		if (!form_kept(r, "name")) {
			tmpl_set(r, "Form.name.Value", u.name);
			tmpl_set(r, "Form.role.Value", u.role);
			tmpl_set_int(r, "Form.chat_limit.Value", db_user_chat_limit(&r->pool, id));
			for (size_t i = 0; i < m_n && n < MAX_DEPTS; i++)
				checked[n++] = pool_printf(&r->pool, "%lld", m[i].department_id);
		} else
			n = form_many(r, &dept_field, checked, MAX_DEPTS);
		tmpl_set(r, "Page.Title", LF(r, "ops.title", u.name));
	}
	if (dept_choices(r, checked, n < 0 ? 0 : n) != 0) {
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

/*
 * Reads the account's form (new: every field; an edit: the first three) and
 * its departments. Returns the number of errors, each beside its field; else
 * *f is the account, with the chat limit typed, if any (an empty box keeps
 * what there is).
 */
static int
staff_read(struct req *r, size_t nfields, struct staff_form *f)
{
	const char *v[OP__N] = { 0 }, *ids[MAX_DEPTS];
	int         errors = form_read(r, op_fields, nfields, v);
	int         n = form_many(r, &dept_field, ids, MAX_DEPTS);
	long long  *depts;

	if (n < 0)
		return errors + 1;
	depts = pool_alloc(&r->pool, sizeof *depts * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		depts[i] = strtoll(ids[i], NULL, 10);
	*f = (struct staff_form){ v[OP_LOGIN], v[OP_NAME], v[OP_ROLE], NULL, depts, n,
		v[OP_LIMIT] && *v[OP_LIMIT] ? strtoll(v[OP_LIMIT], NULL, 10) : 0 };
	if (v[OP_PASSWORD] != NULL && *v[OP_PASSWORD])
		f->pw_hash = pw_hash(&r->pool, v[OP_PASSWORD]);
	return errors;
}

void
admin_operators_post(struct req *r, struct resp *rs)
{
	long long         id;
	enum dbrc         rc;
	struct staff_form f;

	if (staff_read(r, OP__N, &f)) {
		operator_form(r, rs, 0, 422);
		return;
	}
	rc = staff_create(&r->pool, &f, &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "login", L(r, "ops.login_taken"));
		operator_form(r, rs, 0, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "ops.created", f.name, L(r, pool_printf(&r->pool,
	    "role.%s", role_name(role_parse(f.role)))), f.login));
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
	long long         id = r->ids[0];
	struct user_get   u;
	struct staff_form f;
	enum dbrc         rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (staff_read(r, OP_LIMIT + 1, &f)) {
		operator_form(r, rs, id, 422);
		return;
	}
	if (strcmp(f.role, "admin") != 0 && last_admin(r, id)) {
		form_error(r, "role", L(r, "ops.last_admin_role"));
		operator_form(r, rs, id, 409);
		return;
	}
	if (staff_update(&r->pool, id, &f) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "ops.saved", f.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", id));
}

void
admin_operator_password_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	struct user_get u;
	const char  *pw;
	enum dbrc    rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (FORM_READ(r, pw_fields, &pw)) {
		/* never echo a password back into the page */
		tmpl_set(r, "Form.password.Value", "");
		operator_form(r, rs, id, 422);
		return;
	}
	if (db_user_set_password(&r->pool, id, pw_hash(&r->pool, pw)) != DB_OK) {
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
	const char  *v;
	int          disable;
	struct user_get u;
	enum dbrc    rc = db_user_get(&r->pool, id, &u);

	if (!ui_found(r, rs, rc, "operator"))
		return;
	if (FORM_READ(r, disable_fields, &v)) {
		operator_form(r, rs, id, 422);
		return;
	}
	disable = form_on(v);
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
	if (staff_disable(&r->pool, id, disable) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, disable ? "ops.disabled_flash" : "ops.enabled_flash",
	    u.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/operators/%lld", id));
}
