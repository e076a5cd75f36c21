/* ui-departments.c: a brand's departments: create, rename, delete, members. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "assign.h"
#include "tell.h"
#include "ui.h"
#include "staff.h"

/* the brand page also has a rename form named "name", so this one differs */
static const struct field dept_new_fields[] = {
	{ "dept_name", "field.dept_name", 1, v_name },
};
static const struct field dept_fields[] = {
	{ "name", "field.dept_name", 1, v_name },
};

/* a change on a department, and how it ends */
struct change {
	const char *msg;	/* the flash when saved */
	const char *to;		/* where a saved change goes */
	const char *what;	/* what a 404 names */
	int         status;	/* a refusal's (0: 422) */
	int         brand;	/* a refusal shows the brand's page, not the department's */
};

static void dept_page(struct req *r, struct resp *rs, long long id, int status);

/* the one answer of every change here (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	if (st != UI_REFUSED)
		ui_saved(r, rs, st, x->what, x->msg, x->to);
	else if (x->brand) {
		admin_brand_get(r, rs);
		if (rs->status == 200)
			rs->status = x->status ? x->status : 422;
	} else
		dept_page(r, rs, r->ids[0], x->status ? x->status : 422);
}

/* a new department of the brand r->ids[0] */
static int
dept_add(struct req *r, struct change *x)
{
	long long    brand = r->ids[0], id;
	struct brand_get b;
	enum dbrc    rc = db_brand_get(&r->pool, brand, &b);
	const char  *name;

	x->what = "brand", x->brand = 1;
	if (rc != DB_OK)
		return rc;
	if (FORM_READ(r, dept_new_fields, &name))
		return UI_REFUSED;
	rc = db_dept_insert(&r->pool, brand, name, &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "dept_name", L(r, "dept.exists"));
		return UI_REFUSED;
	}
	x->msg = LF(r, "dept.created", name);
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", brand);
	return ui_wrote(rc);
}

void
admin_departments_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, dept_add(r, &x), &x);
}

static void
dept_page(struct req *r, struct resp *rs, long long id, int status)
{
	struct member_candidates *c = NULL;
	size_t c_n = 0;
	struct member_list *m = NULL;
	size_t m_n = 0;
	struct dept_get d;
	enum dbrc    rc = db_dept_get(&r->pool, id, &d);

	if (rc == DB_NOTFOUND) {
		ui_not_found(r, rs, "department");
		return;
	}
	if (rc != DB_OK || db_member_list(&r->pool, id, &m, &m_n) != DB_OK ||
	    db_member_candidates(&r->pool, id, &c, &c_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	/* columns: id brand_id name brand_name */
	tmpl_set_int(r, "Dept.Id", id);
	tmpl_set_int(r, "Dept.BrandId", d.brand_id);
	tmpl_set(r, "Dept.Name", d.name);
	tmpl_set(r, "Dept.BrandName", d.brand);
	if (form_kept(r, "name") == NULL)
		tmpl_set(r, "Form.name.Value", d.name);
	if (form_kept(r, "routing") == NULL) {
		struct dept_routing rt;
		if (db_dept_routing(&r->pool, id, &rt) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		tmpl_set(r, "Form.routing.Value", rt.routing);
		tmpl_set(r, "Form.chat_limit.Value", rt.chat_limit ?
		    pool_printf(&r->pool, "%lld", rt.chat_limit) : "");
		tmpl_set_int(r, "Form.offer_seconds.Value", rt.offer_seconds);
		tmpl_set_int(r, "Form.leave_after.Value", rt.leave_after_minutes);
		tmpl_set_int(r, "Form.queue_limit.Value", rt.queue_limit);
	}
	TMPL_LIST(r, "Members", m, m_n, member_list);
	TMPL_LIST(r, "Candidates", c, c_n, member_candidates);
	tmpl_set(r, "Page.Title", LF(r, "dept.title", d.name));
	tmpl_set(r, "Nav", "brands");
	tmpl_render(r, rs, "department.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_department_get(struct req *r, struct resp *rs)
{
	dept_page(r, rs, r->ids[0], 200);
}

static int
dept_rename(struct req *r, struct change *x)
{
	enum dbrc   rc;
	const char *name;

	x->what = "department";
	if (FORM_READ(r, dept_fields, &name))
		return UI_REFUSED;
	rc = db_dept_rename(&r->pool, r->ids[0], name);
	if (rc == DB_CONFLICT) {
		form_error(r, "name", L(r, "dept.exists"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "dept.renamed", name);
	x->to = pool_printf(&r->pool, "/admin/departments/%lld", r->ids[0]);
	return ui_wrote(rc);
}

void
admin_department_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, dept_rename(r, &x), &x);
}

/* a member added or removed: who, and which */
static const char *
v_member_action(const char *v)
{
	return strcmp(v, "add") == 0 || strcmp(v, "remove") == 0 ? NULL : "dept.choose_operator";
}

static const struct field member_fields[] = {
	{ "user_id", "field.operator", 0, v_id },
	{ "action", "field.operator", 0, v_member_action },
};

static int
member_change(struct req *r, struct change *x)
{
	long long    id = r->ids[0], uid;
	const char  *v[2];
	struct dept_get d;
	struct user_get user;
	enum dbrc    rc = db_dept_get(&r->pool, id, &d);
	int          add;

	x->what = "department";
	if (rc != DB_OK)
		return rc;
	if (FORM_READ(r, member_fields, v) || !*v[0] || !*v[1]) {
		form_error(r, "user_id", L(r, "dept.choose_operator"));
		return UI_REFUSED;
	}
	uid = strtoll(v[0], NULL, 10);
	add = strcmp(v[1], "add") == 0;
	rc = db_user_get(&r->pool, uid, &user);
	if (rc == DB_NOTFOUND) {
		form_error(r, "user_id", L(r, "dept.operator_gone"));
		return UI_REFUSED;
	}
	if (rc != DB_OK)
		return rc;
	rc = add ? db_member_add(&r->pool, id, uid) : db_member_remove(&r->pool, id, uid);
	x->msg = LF(r, add ? "dept.member_added" : "dept.member_removed", user.name, d.name);
	x->to = pool_printf(&r->pool, "/admin/departments/%lld", id);
	return ui_wrote(rc);
}

void
admin_department_members_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, member_change(r, &x), &x);
}

static int
dept_delete(struct req *r, struct change *x)
{
	struct dept_get d;
	enum dbrc    rc = db_dept_get(&r->pool, r->ids[0], &d);

	x->what = "department";
	if (rc != DB_OK)
		return rc;
	audit_note(r, "name", d.name);	/* the record says which went */
	rc = db_dept_delete(&r->pool, r->ids[0]);
	if (rc == DB_CONFLICT) {
		tmpl_set(r, "Delete.Error", LF(r, "dept.in_use", d.name));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "dept.deleted", d.name);
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", d.brand_id);
	return rc == DB_NOTFOUND ? DB_OK : rc;	/* gone meanwhile: gone all the same */
}

void
admin_department_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, dept_delete(r, &x), &x);
}

/* how the department's waiting chats reach its operators */
static const struct field routing_fields[] = {
	{ "routing", "field.routing", 1, v_routing },
	{ "chat_limit", "field.dept_chat_limit", 0, v_chat_limit },
	{ "offer_seconds", "field.offer_seconds", 1, v_offer_seconds },
	/* when its followers are offered to leave a message (tell.h); left out: kept */
	{ "leave_after", "field.leave_after", 0, v_leave_after },
	{ "queue_limit", "field.queue_limit", 0, v_queue_limit },
};

static int
routing_save(struct req *r, struct change *x)
{
	struct dept_get d;
	enum dbrc    rc = db_dept_get(&r->pool, r->ids[0], &d);
	const char  *v[5];

	x->what = "department";
	if (rc != DB_OK)
		return rc;
	if (FORM_READ(r, routing_fields, v))
		return UI_REFUSED;
	rc = db_dept_routing_set(&r->pool, r->ids[0], v[0], form_ll(v[1]), form_ll(v[2]),
	    form_ll(v[3]), form_ll(v[4]));
	x->msg = LF(r, "dept.routing_saved", L(r, pool_printf(&r->pool, "routing.mode.%s", v[0])));
	x->to = pool_printf(&r->pool, "/admin/departments/%lld", r->ids[0]);
	return ui_wrote(rc);
}

void
admin_department_routing_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, routing_save(r, &x), &x);
}
