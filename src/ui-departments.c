/* ui-departments.c: a brand's departments: create, rename, delete, members. */
#include <stdlib.h>
#include <string.h>

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

void
admin_departments_post(struct req *r, struct resp *rs)
{
	long long    brand = r->ids[0], id;
	struct brand_get b;
	enum dbrc    rc = db_brand_get(&r->pool, brand, &b);
	const char  *name;

	if (!ui_found(r, rs, rc, "brand"))
		return;
	if (FORM_READ(r, dept_new_fields, &name) == 0) {
		rc = db_dept_insert(&r->pool, brand, name, &id);
		if (rc == DB_OK) {
			flash_set(r, LF(r, "dept.created", name));
			resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld", brand));
			return;
		}
		if (rc != DB_CONFLICT) {
			ui_db_failed(r, rs);
			return;
		}
		form_error(r, "dept_name", L(r, "dept.exists"));
	}
	admin_brand_get(r, rs);
	if (rs->status == 200)
		rs->status = 422;
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

void
admin_department_post(struct req *r, struct resp *rs)
{
	long long   id = r->ids[0];
	enum dbrc   rc;
	const char *name;

	if (FORM_READ(r, dept_fields, &name)) {
		dept_page(r, rs, id, 422);
		return;
	}
	rc = db_dept_rename(&r->pool, id, name);
	if (rc == DB_CONFLICT) {
		form_error(r, "name", L(r, "dept.exists"));
		dept_page(r, rs, id, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "dept.renamed", name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/departments/%lld", id));
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

void
admin_department_members_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0], uid;
	const char  *v[2];
	struct dept_get d;
	struct user_get user;
	enum dbrc    rc = db_dept_get(&r->pool, id, &d);
	int          add;

	if (!ui_found(r, rs, rc, "department"))
		return;
	if (FORM_READ(r, member_fields, v) || !*v[0] || !*v[1]) {
		form_error(r, "user_id", L(r, "dept.choose_operator"));
		dept_page(r, rs, id, 422);
		return;
	}
	uid = strtoll(v[0], NULL, 10);
	add = strcmp(v[1], "add") == 0;
	rc = db_user_get(&r->pool, uid, &user);
	if (rc == DB_NOTFOUND) {
		form_error(r, "user_id", L(r, "dept.operator_gone"));
		dept_page(r, rs, id, 422);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	rc = add ? db_member_add(&r->pool, id, uid) : db_member_remove(&r->pool, id, uid);
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, add ? "dept.member_added" :
	    "dept.member_removed", user.name, d.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/departments/%lld", id));
}

void
admin_department_delete_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	struct dept_get d;
	enum dbrc    rc = db_dept_get(&r->pool, id, &d);

	if (!ui_found(r, rs, rc, "department"))
		return;
	rc = db_dept_delete(&r->pool, id);
	if (rc == DB_CONFLICT) {
		tmpl_set(r, "Delete.Error", LF(r, "dept.in_use", d.name));
		dept_page(r, rs, id, 409);
		return;
	}
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "dept.deleted", d.name));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld", d.brand_id));
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

void
admin_department_routing_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0];
	struct dept_get d;
	enum dbrc    rc = db_dept_get(&r->pool, id, &d);
	const char  *v[5];

	if (!ui_found(r, rs, rc, "department"))
		return;
	if (FORM_READ(r, routing_fields, v)) {
		dept_page(r, rs, id, 422);
		return;
	}
	if (db_dept_routing_set(&r->pool, id, v[0], form_ll(v[1]), form_ll(v[2]),
	    form_ll(v[3]), form_ll(v[4])) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "dept.routing_saved", L(r, pool_printf(&r->pool, "routing.mode.%s",
	    v[0]))));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/departments/%lld", id));
}
