/*
 * ui-qr.c: a WeChat account's QR codes page (Admin → WeChat → account → QR
 * codes, qr.h): the codes and a form to make one (temporary for up to 30
 * days, or permanent: WeChat never deletes those and allows 100,000, so the
 * page suggests temporary codes for campaigns and makes them again when
 * they lapse); a code's page to change its routing, label, tag and
 * welcome; its picture as a PNG download and a page to print.
 */
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "qr.h"
#include "staff.h"
#include "tags.h"
#include "ui.h"

static const char *v_scene(const char *v);
static const char *v_days(const char *v);
static const char *v_kind(const char *v);
static const char *v_campaign(const char *v);

/* the fields of a new code (the first two: its scene and kind, set once) */
static const struct field code_fields[] = {
	{ "scene", "qr.scene", F_REQUIRED, v_scene },
	{ "kind", "qr.kind", F_REQUIRED, v_kind },
	{ "days", "qr.days", F_OPTIONAL, v_days },
	{ "name", "qr.name", F_REQUIRED, v_line },
	{ "campaign", "qr.campaign", F_OPTIONAL, v_campaign },
	{ "department", "qr.department", F_OPTIONAL, v_id },
	{ "operator", "qr.operator", F_OPTIONAL, v_id },
	{ "tag", "qr.tag", F_OPTIONAL, v_id },
	{ "welcome", "qr.welcome", F_OPTIONAL, v_text },
};
enum { QF_SCENE, QF_KIND, QF_DAYS, QF_NAME, QF_CAMPAIGN, QF_DEPT, QF_OPERATOR, QF_TAG,
	QF_WELCOME, QF__N };
#define EDIT_FIRST QF_NAME	/* a code's page changes these on */

/* a scene: 1-64 letters, digits, '-' and '_' (WeChat takes any; these print
 * and type safely) */
static const char *
v_scene(const char *v)
{
	size_t n = strlen(v);

	return n >= 1 && n <= QR_SCENE_MAX && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") == n ? NULL : "qr.scene_bad";
}

static const char *
v_days(const char *v)
{
	return *v == '\0' || form_int_in(v, 1, QR_TEMP_DAYS_MAX) ? NULL : "qr.days_bad";
}

static const char *
v_kind(const char *v)
{
	return strcmp(v, "temporary") == 0 || strcmp(v, "permanent") == 0 ? NULL : "v.word";
}

static const char *
v_campaign(const char *v)
{
	const char *e = v_line(v);

	return e ? e : strlen(v) > 64 ? "qr.campaign_long" : NULL;
}

/* the account r->ids[0] */
static int
account(struct req *r, struct channel_get *c)
{
	return db_channel_get(&r->pool, r->ids[0], c);
}

/* the choices of the form: the brand's departments, its operators, the account's tags */
static void
choices(struct req *r, const struct channel_get *c)
{
	struct dept_list *d = NULL;
	struct qr_person *u = NULL;
	struct tag       *t = NULL;
	size_t            n = 0;

	if (db_dept_list(&r->pool, c->brand_id, 1000, 0, &d, &n) == DB_OK)
		TMPL_LIST(r, "Departments", d, n, dept_list);
	if (db_qr_people(&r->pool, c->brand_id, &u, &n) == DB_OK)
		TMPL_LIST(r, "People", u, n, qr_person);
	if (db_tags_of(&r->pool, c->id, &t, &n) == DB_OK)
		for (size_t i = 0, k = 0; i < n; i++) {
			if (t[i].deleting || (t[i].wx_id >= 0 && t[i].wx_id <= TAG_RESERVED_MAX))
				continue;
			tmpl_set_int(r, pool_printf(&r->pool, "Tags.%zu.Id", k), t[i].id);
			tmpl_set(r, pool_printf(&r->pool, "Tags.%zu.Name", k++), t[i].name);
		}
}

/* where a code stands, in words: being made, refused, lapsed, or NULL (usable) */
static const char *
code_state(struct req *r, const struct qr *q)
{
	if (q->write_state && strcmp(q->write_state, "pending") == 0)
		return q->write_attempts && q->write_errcode ? LF(r, "qr.retrying",
		    ui_errtext(r, q->write_errcode)) : L(r, "qr.making");
	if (q->write_state && strcmp(q->write_state, "failed") == 0)
		return LF(r, "qr.refused", ui_errtext(r, q->write_errcode));
	if (q->ticket == NULL)
		return L(r, "qr.making");
	if (!q->permanent && q->expires_at && q->expires_at <= (long long)wx_now())
		return L(r, "qr.lapsed");
	return NULL;
}

static void
code_set(struct req *r, const char *base, const struct qr *q)
{
#define SET(k, v) tmpl_set(r, pool_printf(&r->pool, "%s." k, base), (v))
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), q->id);
	SET("Scene", q->scene);
	SET("Name", q->name);
	SET("Campaign", q->campaign);
	SET("Permanent", q->permanent ? "1" : NULL);
	SET("Department", q->department);
	SET("Operator", q->operator);
	SET("Tag", q->tag);
	SET("Welcome", q->welcome);
	SET("Url", q->url);
	SET("Expires", q->permanent ? NULL : ui_time(r, q->expires_at));
	SET("State", code_state(r, q));
	SET("Picture", q->has_png ? "1" : NULL);
	SET("Lapsed", !q->permanent && q->expires_at && q->expires_at <= (long long)wx_now() ?
	    "1" : NULL);
#undef SET
}

static void
list_page(struct req *r, struct resp *rs, const struct channel_get *c, int status)
{
	struct qr *q = NULL;
	size_t     n = 0;

	if (db_qr_list(&r->pool, c->id, &q, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n; i++)
		code_set(r, pool_printf(&r->pool, "Codes.%zu", i), &q[i]);
	choices(r, c);
	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set_int(r, "Permanents", db_qr_permanents(&r->pool, c->id));
	tmpl_set_int(r, "PermanentMax", QR_PERMANENT_MAX);
	if (form_kept(r, "kind") == NULL) {
		tmpl_set(r, "Form.kind.Value", "temporary");
		tmpl_set_int(r, "Form.days.Value", QR_TEMP_DAYS_MAX);
	}
	tmpl_set(r, "Page.Title", L(r, "qr.title"));
	tmpl_set(r, "Nav", "channels");
	rs->status = status;
	tmpl_render(r, rs, "qr-codes.cs");
}

void
admin_qr_list_get(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (ui_found(r, rs, account(r, &c), "channel"))
		list_page(r, rs, &c, 200);
}

/*
 * The routing fields v[EDIT_FIRST…] checked against the account: a
 * department of its brand, an operator who is a member of it, a tag of the
 * account. Returns the errors (each beside its field).
 */
static int
routing_check(struct req *r, const struct channel_get *c, const char **v, struct qr_form *f)
{
	struct dept_get d;
	int             bad = 0;

	f->name = v[QF_NAME];
	f->campaign = v[QF_CAMPAIGN];
	f->welcome = v[QF_WELCOME];
	f->department = form_ll(v[QF_DEPT]);
	f->operator_id = form_ll(v[QF_OPERATOR]);
	f->tag = form_ll(v[QF_TAG]);
	if (f->department && (db_dept_get(&r->pool, f->department, &d) != DB_OK ||
	    d.brand_id != c->brand_id))
		form_error(r, "department", L(r, "qr.department_bad")), bad++;
	if (f->operator_id && (f->department == 0 ||
	    db_qr_member(&r->pool, f->department, f->operator_id) != 1))
		form_error(r, "operator", L(r, "qr.operator_bad")), bad++;
	if (f->tag && db_qr_tag_of(&r->pool, c->id, f->tag) != 1)
		form_error(r, "tag", L(r, "qr.tag_bad")), bad++;
	return bad;
}

/* POST …/qr: a new code, made here and queued for WeChat */
void
admin_qr_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr_form     f = { 0 };
	const char        *v[QF__N];
	long long          id = 0;
	int                rc;

	if (!ui_found(r, rs, account(r, &c), "channel"))
		return;
	form_trim(r);
	if (FORM_READ(r, code_fields, v) + (v[QF_NAME] && v[QF_DEPT] && v[QF_OPERATOR] &&
	    v[QF_TAG] ? routing_check(r, &c, v, &f) : 0)) {
		list_page(r, rs, &c, 422);
		return;
	}
	f.scene = v[QF_SCENE];
	f.permanent = strcmp(v[QF_KIND], "permanent") == 0;
	f.expire_days = *v[QF_DAYS] ? atoi(v[QF_DAYS]) : QR_TEMP_DAYS_MAX;
	if (f.permanent && db_qr_permanents(&r->pool, c.id) >= QR_PERMANENT_MAX) {
		form_error(r, "kind", L(r, "qr.permanent_full"));
		list_page(r, rs, &c, 422);
		return;
	}
	rc = qr_create(&r->pool, c.id, &f, r->user->id, wx_now(), &id);
	if (rc == DB_CONFLICT) {
		form_error(r, "scene", L(r, "qr.scene_taken"));
		list_page(r, rs, &c, 422);
		return;
	}
	ui_saved(r, rs, rc, "channel", L(r, "qr.created"), pool_printf(&r->pool,
	    "/admin/channels/%lld/qr/%lld", c.id, id));
}

/* code r->ids[1] of account r->ids[0] */
static int
code_of(struct req *r, struct channel_get *c, struct qr *q)
{
	int rc = account(r, c);

	return rc != DB_OK ? rc : (int)db_qr_get(&r->pool, c->id, r->ids[1], q);
}

static void
code_page(struct req *r, struct resp *rs, const struct channel_get *c, const struct qr *q,
    int status)
{
	code_set(r, "Code", q);
	choices(r, c);
	if (form_kept(r, "name") == NULL) {
		tmpl_set(r, "Form.name.Value", q->name);
		tmpl_set(r, "Form.campaign.Value", q->campaign);
		tmpl_set(r, "Form.welcome.Value", q->welcome);
		tmpl_set_int(r, "Form.department.Value", q->department_id);
		tmpl_set_int(r, "Form.operator.Value", q->operator_id);
		tmpl_set_int(r, "Form.tag.Value", q->tag_id);
	}
	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set(r, "Page.Title", q->name);
	tmpl_set(r, "Nav", "channels");
	rs->status = status;
	tmpl_render(r, rs, "qr-code.cs");
}

void
admin_qr_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr          q;

	if (ui_found(r, rs, code_of(r, &c, &q), "qr"))
		code_page(r, rs, &c, &q, 200);
}

/* POST …/qr/<id>: its routing, label, tag and welcome */
void
admin_qr_edit_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr          q;
	struct qr_form     f = { 0 };
	const char        *v[QF__N] = { 0 };
	int                rc;

	if (!ui_found(r, rs, code_of(r, &c, &q), "qr"))
		return;
	form_trim(r);
	if (form_read(r, code_fields + EDIT_FIRST, QF__N - EDIT_FIRST, v + EDIT_FIRST) ||
	    routing_check(r, &c, v, &f)) {
		code_page(r, rs, &c, &q, 422);
		return;
	}
	rc = db_qr_update(&r->pool, c.id, q.id, f.name, f.campaign, f.department, f.operator_id,
	    f.tag, f.welcome);
	ui_saved(r, rs, ui_wrote(rc), "qr", L(r, "qr.saved"), pool_printf(&r->pool,
	    "/admin/channels/%lld/qr/%lld", c.id, q.id));
}

/* POST …/qr/<id>/reissue: a temporary code made again (a new picture) */
void
admin_qr_reissue_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr          q;
	int                rc;

	if (!ui_found(r, rs, code_of(r, &c, &q), "qr"))
		return;
	rc = q.permanent ? (int)DB_NOTFOUND : (int)qr_reissue(&r->pool, c.id, q.id,
	    r->user->id, wx_now());
	/* (one already on its way: nothing more to do) */
	ui_saved(r, rs, rc == DB_NOTFOUND && !q.permanent ? DB_OK : rc, "qr",
	    L(r, "qr.reissued"), pool_printf(&r->pool, "/admin/channels/%lld/qr/%lld", c.id,
	    q.id));
}

/* GET …/qr/<id>/png: the picture, downloaded */
void
admin_qr_png_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr          q;
	const void        *png = NULL;
	size_t             n = 0;
	int                rc = code_of(r, &c, &q);

	if (rc == DB_OK)
		rc = (int)db_qr_png(&r->pool, c.id, q.id, &png, &n);
	if (!ui_found(r, rs, rc, "qr_picture"))
		return;
	rs->status = 200;
	rs->ctype = "image/png";
	resp_header(rs, "Content-Disposition", pool_printf(&r->pool,
	    "attachment; filename=\"qr-%s.png\"", q.scene));
	buf_reset(&rs->body);
	buf_append(&rs->body, png, n);
}

/* GET …/qr/<id>/print: the picture with its name, to print */
void
admin_qr_print_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct qr          q;

	if (!ui_found(r, rs, code_of(r, &c, &q), "qr"))
		return;
	code_set(r, "Code", &q);
	tmpl_set_int(r, "Channel.Id", c.id);
	tmpl_set(r, "Channel.Brand", c.brand_name);
	tmpl_set(r, "Page.Title", q.name);
	tmpl_render(r, rs, "qr-print.cs");
}
