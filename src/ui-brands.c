/* ui-brands.c: Admin → Brands: list, create, rename, delete, a brand's departments, and what its followers are told. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "tell.h"
#include "ui.h"
#include "staff.h"
#include "console.h"
#include "topics.h"

#define DEPTS_PER_PAGE 100

static const struct field brand_fields[] = {
	{ "name", "field.brand_name", 1, v_name },
};

static int
brands_page(struct req *r, struct resp *rs, int status)
{
	struct brand_list *res = NULL;
	size_t res_n = 0;

	if (db_brand_list(&r->pool, &res, &res_n) != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	TMPL_LIST(r, "Brands", res, res_n, brand_list);
	tmpl_set(r, "Page.Title", L(r, "brands.title"));
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

/* a change on a brand, and how it ends */
struct change {
	const char *msg;	/* the flash when saved */
	const char *to;		/* where a saved change goes */
	int         status;	/* a refusal's (0: 422) */
	int         list;	/* a refusal shows the list of brands, not the brand */
	const char *error;	/* a refusal said on the error page, not beside a field */
};

static void brand_page(struct req *r, struct resp *rs, long long id, int status);

/* the one answer of every change here (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	int status = x->status ? x->status : 422;

	if (st != UI_REFUSED)
		ui_saved(r, rs, st, "brand", x->msg, x->to);
	else if (x->error)
		page_error(r, rs, status, 0, x->error);
	else if (x->list)
		brands_page(r, rs, status);
	else
		brand_page(r, rs, r->ids[0], status);
}

/* a new brand */
static int
brand_add(struct req *r, struct change *x)
{
	long long   id;
	enum dbrc   rc;
	const char *name;

	x->list = 1;
	if (FORM_READ(r, brand_fields, &name))
		return UI_REFUSED;
	rc = db_brand_insert(&r->pool, name, &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "name", L(r, "brands.exists"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "brands.created", name);
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", id);
	return rc;
}

void
admin_brands_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, brand_add(r, &x), &x);
}

/* The brand page: rename form, departments (paged), delete. */
static void
brand_page(struct req *r, struct resp *rs, long long id, int status)
{
	struct dept_list *d = NULL;
	size_t d_n = 0;
	struct brand_get b;
	long long    page = ui_page(r), total;
	enum dbrc    rc = db_brand_get(&r->pool, id, &b);

	if (rc == DB_NOTFOUND) {
		ui_not_found(r, rs, "brand");
		return;
	}
	if (rc != DB_OK ||
	    (total = db_dept_count(&r->pool, id)) < 0 ||
	    db_dept_list(&r->pool, id, DEPTS_PER_PAGE,
	    (page - 1) * DEPTS_PER_PAGE, &d, &d_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Brand.Id", id);
	tmpl_set(r, "Brand.Name", b.name);
	tmpl_set(r, "Brand.FollowerLanguage", b.follower_language);
	tmpl_set_int(r, "Brand.HeldDays", b.held_days);
	if (!form_kept(r, "name"))
		tmpl_set(r, "Form.name.Value", b.name);
	TMPL_LIST(r, "Departments", d, d_n, dept_list);
	{
		struct canned_list *cr = NULL;
		size_t cr_n = 0;
		if (db_canned_list(&r->pool, id, 0, &cr, &cr_n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		TMPL_LIST(r, "Canned", cr, cr_n, canned_list);
		/* a file by its kind in words, not its MIME type */
		for (size_t i = 0; i < cr_n; i++)
			if (cr[i].mime != NULL)
				tmpl_set(r, pool_printf(&r->pool, "Canned.%zu.Kind", i), L(r,
				    strncmp(cr[i].mime, "image/", 6) == 0 ? "msg.picture" :
				    strncmp(cr[i].mime, "audio/", 6) == 0 ? "msg.voice" : "msg.video"));
	}
	{
		/* the close summary's topics (ui-topics.c) */
		struct topic *tp = NULL;
		size_t        tp_n = 0;
		if (db_topics(&r->pool, id, &tp, &tp_n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		TMPL_LIST(r, "Topics", tp, tp_n, topic);
		tmpl_set(r, "Brand.TopicRequired", db_topic_required(&r->pool, id) == 1 ? "1" : NULL);
	}
	/* what the followers are told: each text, its default in the brand's
	 * followers' language beside it; an empty field is that default */
	{
		struct tell_texts t;
		int               l = lang_parse(b.follower_language);
		int               posted = form_kept(r, "text_queued") != NULL;
		if (tell_load(&r->pool, id, l >= 0 ? (enum lang)l : LANG_ZH, &t) != 0) {
			ui_db_failed(r, rs);
			return;
		}
		for (int k = 0; k < TELL__N; k++) {
			const char *base = pool_printf(&r->pool, "Texts.%d", k);
			const char *field = pool_printf(&r->pool, "text_%s", tell_names[k]);
			tmpl_set(r, pool_printf(&r->pool, "%s.Field", base), field);
			tmpl_set(r, pool_printf(&r->pool, "%s.Label", base),
			    L(r, pool_printf(&r->pool, "texts.label.%s", tell_names[k])));
			tmpl_set(r, pool_printf(&r->pool, "%s.When", base),
			    L(r, pool_printf(&r->pool, "texts.when.%s", tell_names[k])));
			tmpl_set(r, pool_printf(&r->pool, "%s.Default", base), tell_default(t.lang, k));
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", field), posted ?
			    form_kept(r, field) : t.own[k] ? t.text[k] : "");
		}
		/* the queue text as a follower reads it: third in the queue, four minutes */
		tmpl_set(r, "TextExample", tell_queued(&r->pool, &t, 3, 200));
	}
	ui_paging(r, page, DEPTS_PER_PAGE, total);
	tmpl_set(r, "Page.Title", LF(r, "brand.title", b.name));
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

static int
brand_rename(struct req *r, struct change *x)
{
	enum dbrc   rc;
	const char *name;

	if (FORM_READ(r, brand_fields, &name))
		return UI_REFUSED;
	rc = db_brand_rename(&r->pool, r->ids[0], name);
	if (rc == DB_CONFLICT) {
		form_error(r, "name", L(r, "brands.exists"));
		x->status = 409;
		return UI_REFUSED;
	}
	/* (a brand that is not there was answered as a failure before, and still is) */
	x->msg = LF(r, "brands.renamed", name);
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", r->ids[0]);
	return ui_wrote(rc);
}

void
admin_brand_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, brand_rename(r, &x), &x);
}

static const char *
v_follower_language(const char *v)
{
	return lang_parse(v) < 0 ? "brand.language_unknown" : NULL;
}

static const struct field language_fields[] = {
	{ "follower_language", "field.follower_language", 1, v_follower_language },
};

/* the language of the automatic texts the brand's followers receive */
static int
language_set(struct req *r, struct change *x)
{
	const char *v;
	int         l;
	enum dbrc   rc;

	if (FORM_READ(r, language_fields, &v) || (l = lang_parse(v)) < 0) {
		x->error = L(r, "brand.language_unknown");
		return UI_REFUSED;
	}
	rc = db_brand_follower_language(&r->pool, r->ids[0], lang_code((enum lang)l));
	x->msg = LF(r, "brand.language_saved", lang_name((enum lang)l));
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", r->ids[0]);
	return ui_wrote(rc);
}

void
admin_brand_language_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, language_set(r, &x), &x);
}

static const char *
v_held_days(const char *v)
{
	return form_int_in(v, 1, 30) ? NULL : "brand.held_days_bad";
}

static const struct field held_fields[] = {
	{ "held_days", "brand.held_days", 1, v_held_days },
};

/* how many days the brand's held replies wait for their follower (chat.h) */
static int
held_days_set(struct req *r, struct change *x)
{
	const char *v;

	if (FORM_READ(r, held_fields, &v)) {
		x->error = L(r, "brand.held_days_bad");
		return UI_REFUSED;
	}
	x->msg = LF(r, "brand.held_days_saved", atoi(v));
	x->to = pool_printf(&r->pool, "/admin/brands/%lld", r->ids[0]);
	return ui_wrote(db_brand_held_days(&r->pool, r->ids[0], atoi(v)));
}

void
admin_brand_held_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, held_days_set(r, &x), &x);
}

/*
 * POST /admin/brands/{id}/texts: what the brand's followers are told (the
 * off-hours answer, the queue, nobody available, leaving a message), each
 * checked; saved together. An empty field is the catalogue's default.
 */
static int
texts_save(struct req *r, struct change *x)
{
	const char  *text[TELL__N];
	struct field f[TELL__N];
	struct brand_get b;
	int          rc;

	if ((rc = db_brand_get(&r->pool, r->ids[0], &b)) != DB_OK)
		return rc;
	form_trim(r);
	for (int k = 0; k < TELL__N; k++)
		f[k] = (struct field){ pool_printf(&r->pool, "text_%s", tell_names[k]),
			pool_printf(&r->pool, "texts.label.%s", tell_names[k]), 0,
			k == TELL_QUEUED ? v_tell_queued : v_tell_text };
	if (FORM_READ(r, f, text))
		return UI_REFUSED;
	x->msg = L(r, "texts.saved");
	x->to = pool_printf(&r->pool, "/admin/brands/%lld#texts", r->ids[0]);
	rc = tell_save(&r->pool, r->ids[0], text);
	return ui_wrote(rc);
}

void
admin_brand_texts_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, texts_save(r, &x), &x);
}

/* a brand without departments or an account: gone */
static int
brand_delete(struct req *r, struct change *x)
{
	long long    depts;
	struct brand_get b;
	enum dbrc    rc = db_brand_get(&r->pool, r->ids[0], &b);

	if (rc != DB_OK)
		return rc;
	if ((depts = db_brand_department_count(&r->pool, r->ids[0])) < 0)
		return DB_FAIL;
	if (depts > 0) {
		tmpl_set(r, "Delete.Error", LF(r, depts == 1 ? "brands.has_dept" :
		    "brands.has_depts", b.name, depts));
		x->status = 409;
		return UI_REFUSED;
	}
	audit_note(r, "name", b.name);	/* the record says which went */
	rc = db_brand_delete(&r->pool, r->ids[0]);
	if (rc == DB_CONFLICT) {
		/* something else (a channel) still refers to the brand */
		tmpl_set(r, "Delete.Error", LF(r, "brands.has_channel", b.name));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "brands.deleted", b.name);
	x->to = "/admin/brands";
	return rc == DB_NOTFOUND ? DB_OK : rc;	/* gone meanwhile: gone all the same */
}

void
admin_brand_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, brand_delete(r, &x), &x);
}

static const struct field canned_fields[] = {
	{ "shortcut", "field.shortcut", 1, v_shortcut },
	{ "body", "field.text", 1, v_canned_text },
	{ "category", "brand.category", 0, v_category },
};

/* a new canned response, with an optional file */
static int
canned_add(struct req *r, struct change *x)
{
	long long        brand = r->ids[0];
	const struct kv *file = req_file(r, "file");
	struct ui_file   uf = { 0 };
	const char      *v[3];
	enum dbrc        rc;

	form_trim(r);
	if (FORM_READ(r, canned_fields, v) ||
	    (file && file->vlen > 0 && ui_keep_file(r, "file", file, &uf) != 0))
		return UI_REFUSED;
	v[0] += *v[0] == '/';
	{
		struct canned_new c = { brand, 0, v[0], v[2], v[1], uf.attachment };
		rc = db_canned_insert(&r->pool, &c);
	}
	if (rc == DB_CONFLICT) {
		form_error(r, "shortcut", L(r, "brand.shortcut_taken"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "brand.canned_added", v[0]);
	x->to = pool_printf(&r->pool, "/admin/brands/%lld#canned", brand);
	return ui_wrote(rc);
}

/* POST /admin/brands/{id}/canned */
void
admin_canned_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, canned_add(r, &x), &x);
}

void
admin_canned_delete_post(struct req *r, struct resp *rs)
{
	ui_saved(r, rs, db_canned_delete(&r->pool, r->ids[1], r->ids[0], 0), "canned",
	    L(r, "brand.canned_deleted"), pool_printf(&r->pool, "/admin/brands/%lld#canned",
	    r->ids[0]));
}
