/* ui-brands.c: Admin → Brands: list, create, rename, delete, and a brand's departments. */
#include <string.h>

#include "db.h"
#include "ui.h"

#define DEPTS_PER_PAGE 100

static const struct field brand_fields[] = {
	{ "name", "Brand name", 1, v_name },
};

static const char *const brand_cols[] = { "Id", "Name", "Departments" };

static int
brands_page(struct req *r, struct resp *rs, int status)
{
	struct dbres res;

	if (db_brand_list(&r->pool, &res) != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	db_to_hdf(r, "Brands", &res, brand_cols);
	tmpl_set(r, "Page.Title", "Brands");
	tmpl_set(r, "Nav", "brands");
	tmpl_render(r, rs, "brands.cs");
	if (rs->status == 200)
		rs->status = status;
	return 0;
}

void
admin_brands_get(struct req *r, struct resp *rs)
{
	brands_page(r, rs, 200);
}

void
admin_brands_post(struct req *r, struct resp *rs)
{
	long long id;
	enum dbrc rc;

	if (form_check(r, brand_fields, 1)) {
		brands_page(r, rs, 422);
		return;
	}
	rc = db_brand_insert(&r->pool, req_field(r, "name"), &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "name", "A brand with this name already exists.");
		brands_page(r, rs, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, pool_printf(&r->pool, "Brand “%s” created. Add its departments "
	    "below.", req_field(r, "name")));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld", id));
}

/* The brand page: rename form, departments (paged), delete. */
static void
brand_page(struct req *r, struct resp *rs, long long id, int status)
{
	struct dbres b, d;
	long long    page = ui_page(r), total;
	static const char *const dcols[] = { "Id", "Name", "Members" };
	enum dbrc    rc = db_brand_get(&r->pool, id, &b);

	if (rc == DB_NOTFOUND) {
		ui_not_found(r, rs, "brand");
		return;
	}
	if (rc != DB_OK ||
	    (total = db_dept_count(&r->pool, id)) < 0 ||
	    db_dept_list(&r->pool, id, DEPTS_PER_PAGE,
	    (page - 1) * DEPTS_PER_PAGE, &d) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Brand.Id", id);
	tmpl_set(r, "Brand.Name", db_cell(&b, 0, 1));
	if (!req_field(r, "name") || strcmp(r->method, "GET") == 0)
		tmpl_set(r, "Form.name.Value", db_cell(&b, 0, 1));
	db_to_hdf(r, "Departments", &d, dcols);
	ui_paging(r, page, DEPTS_PER_PAGE, total);
	tmpl_set(r, "Page.Title", pool_printf(&r->pool, "Brand: %s", db_cell(&b, 0, 1)));
	tmpl_set(r, "Nav", "brands");
	tmpl_render(r, rs, "brand.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_brand_get(struct req *r, struct resp *rs)
{
	brand_page(r, rs, r->ids[0], 200);
}

void
admin_brand_post(struct req *r, struct resp *rs)
{
	long long id = r->ids[0];
	enum dbrc rc;

	if (form_check(r, brand_fields, 1)) {
		brand_page(r, rs, id, 422);
		return;
	}
	rc = db_brand_rename(&r->pool, id, req_field(r, "name"));
	if (rc == DB_CONFLICT) {
		form_error(r, "name", "A brand with this name already exists.");
		brand_page(r, rs, id, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, pool_printf(&r->pool, "Brand renamed to “%s”.", req_field(r, "name")));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld", id));
}

void
admin_brand_delete_post(struct req *r, struct resp *rs)
{
	long long    id = r->ids[0], depts;
	struct dbres b;
	enum dbrc    rc = db_brand_get(&r->pool, id, &b);

	if (rc == DB_NOTFOUND) {
		ui_not_found(r, rs, "brand");
		return;
	}
	if (rc != DB_OK || (depts = db_brand_department_count(&r->pool, id)) < 0) {
		ui_db_failed(r, rs);
		return;
	}
	if (depts > 0) {
		tmpl_set(r, "Delete.Error", pool_printf(&r->pool, "“%s” cannot be deleted "
		    "while it has %lld department%s. Delete or move the departments "
		    "first.", db_cell(&b, 0, 1), depts, depts == 1 ? "" : "s"));
		brand_page(r, rs, id, 409);
		return;
	}
	rc = db_brand_delete(&r->pool, id);
	if (rc == DB_CONFLICT) {
		/* something else (a channel) still refers to the brand */
		tmpl_set(r, "Delete.Error", pool_printf(&r->pool, "“%s” cannot be deleted "
		    "while a messaging channel uses it.", db_cell(&b, 0, 1)));
		brand_page(r, rs, id, 409);
		return;
	}
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, pool_printf(&r->pool, "Brand “%s” deleted.", db_cell(&b, 0, 1)));
	resp_redirect(rs, "/admin/brands");
}
