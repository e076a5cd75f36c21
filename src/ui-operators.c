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

/* a change on a staff account, and how it ends */
struct change {
	const char *msg;	/* the flash when saved */
	const char *to;		/* where a saved change goes */
	int         status;	/* a refusal's (0: 422) */
	long long   account;	/* a refusal shows this account's form (0: the new one) */
};

/* the one answer of every change here (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	if (st == UI_REFUSED)
		operator_form(r, rs, x->account, x->status ? x->status : 422);
	else
		ui_saved(r, rs, st, "operator", x->msg, x->to);
}

/* a new account */
static int
staff_add(struct req *r, struct change *x)
{
	long long         id;
	enum dbrc         rc;
	struct staff_form f;

	if (staff_read(r, OP__N, &f))
		return UI_REFUSED;
	rc = staff_create(&r->pool, &f, &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "login", L(r, "ops.login_taken"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "ops.created", f.name, L(r, pool_printf(&r->pool,
	    "role.%s", role_name(role_parse(f.role)))), f.login);
	x->to = "/admin/operators";
	return ui_wrote(rc);
}

void
admin_operators_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, staff_add(r, &x), &x);
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

/* the account r->ids[0], whose form a refusal shows: a dbrc */
static int
account_of(struct req *r, struct change *x, struct user_get *u)
{
	x->account = r->ids[0];
	x->to = pool_printf(&r->pool, "/admin/operators/%lld", r->ids[0]);
	return db_user_get(&r->pool, r->ids[0], u);
}

/* its name, role, departments and chat limit */
static int
staff_edit(struct req *r, struct change *x)
{
	struct user_get   u;
	struct staff_form f;
	int               rc;

	if ((rc = account_of(r, x, &u)) != DB_OK)
		return rc;
	if (staff_read(r, OP_LIMIT + 1, &f))
		return UI_REFUSED;
	if (strcmp(f.role, "admin") != 0 && last_admin(r, r->ids[0])) {
		form_error(r, "role", L(r, "ops.last_admin_role"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "ops.saved", f.name);
	rc = staff_update(&r->pool, r->ids[0], &f);
	return ui_wrote(rc);
}

void
admin_operator_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, staff_edit(r, &x), &x);
}

/* a new password; the account is signed out everywhere, except the
 * admin's own current session */
static int
password_reset(struct req *r, struct change *x)
{
	struct user_get u;
	const char     *pw;
	int             rc;

	if ((rc = account_of(r, x, &u)) != DB_OK)
		return rc;
	if (FORM_READ(r, pw_fields, &pw)) {
		/* never echo a password back into the page */
		tmpl_set(r, "Form.password.Value", "");
		return UI_REFUSED;
	}
	x->msg = LF(r, "ops.password_reset", u.name);
	rc = staff_password(&r->pool, r->ids[0], pw_hash(&r->pool, pw), r->ids[0] != r->user->id);
	return ui_wrote(rc);
}

void
admin_operator_password_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, password_reset(r, &x), &x);
}

/* disabled (and signed out everywhere), or enabled again; never oneself or the last admin */
static int
disable_set(struct req *r, struct change *x)
{
	const char     *v;
	int             disable, rc;
	struct user_get u;

	if ((rc = account_of(r, x, &u)) != DB_OK)
		return rc;
	if (FORM_READ(r, disable_fields, &v))
		return UI_REFUSED;
	disable = form_on(v);
	if (disable && (r->ids[0] == r->user->id || last_admin(r, r->ids[0]))) {
		tmpl_set(r, "Disable.Error", L(r, r->ids[0] == r->user->id ? "ops.disable_self" :
		    "ops.last_admin"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, disable ? "ops.disabled_flash" : "ops.enabled_flash", u.name);
	rc = staff_disable(&r->pool, r->ids[0], disable);
	return ui_wrote(rc);
}

void
admin_operator_disable_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, disable_set(r, &x), &x);
}
