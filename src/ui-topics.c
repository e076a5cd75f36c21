/*
 * ui-topics.c: a brand's close summary topics (会话小结), on the brand's page:
 * add one, delete one, and whether closing a chat needs one (topics.h).
 */
#include "audit.h"
#include "db.h"
#include "staff.h"
#include "topics.h"
#include "ui.h"

static const struct field topic_fields[] = {
	{ "topic", "brand.topic_new", F_REQUIRED, v_topic },
};
static const struct field required_fields[] = {
	{ "topic_required", "brand.topic_required", F_OPTIONAL, v_flag },
};

/* a change on the brand's topics, and how it ends */
struct change {
	const char *msg;	/* the flash when saved */
	const char *what;	/* what a 404 names */
	int         status;	/* a refusal's (0: 422) */
};

/* the one answer of every change here (ui.h): the brand page again with
 * the error beside the field, or back to its topics */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	if (st == UI_REFUSED) {
		admin_brand_get(r, rs);
		if (rs->status == 200)
			rs->status = x->status ? x->status : 422;
	} else
		ui_saved(r, rs, st, x->what, x->msg,
		    pool_printf(&r->pool, "/admin/brands/%lld#topics", r->ids[0]));
}

/* one more topic, at the end of the list */
static int
topic_add(struct req *r, struct change *x)
{
	struct brand_get b;
	const char      *name;
	int              rc;

	x->what = "brand";
	if ((rc = db_brand_get(&r->pool, r->ids[0], &b)) != DB_OK)
		return rc;
	form_trim(r);
	if (FORM_READ(r, topic_fields, &name))
		return UI_REFUSED;
	rc = db_topic_insert(&r->pool, r->ids[0], name);
	if (rc == DB_CONFLICT || rc == DB_INVALID) {
		form_error(r, "topic", rc == DB_CONFLICT ? LF(r, "brand.topic_exists", name) :
		    LF(r, "brand.topics_full", (long long)TOPICS_MAX));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "brand.topic_added", name);
	return rc;
}

/* POST /admin/brands/{id}/topics */
void
admin_topic_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, topic_add(r, &x), &x);
}

/* POST /admin/brands/{id}/topics/{id}/delete: chats closed with it keep their count */
void
admin_topic_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { L(r, "brand.topic_deleted"), "topic", 0 };
	struct topic  t;

	if (db_topic_get(&r->pool, r->ids[0], r->ids[1], &t) == DB_OK)
		audit_note(r, "name", t.name);	/* the record says which went */
	end(r, rs, db_topic_delete(&r->pool, r->ids[0], r->ids[1]), &x);
}

/* whether closing a chat needs a topic */
static int
required_set(struct req *r, struct change *x)
{
	struct brand_get b;
	const char      *v;
	int              rc;

	x->what = "brand";
	if ((rc = db_brand_get(&r->pool, r->ids[0], &b)) != DB_OK)
		return rc;
	if (FORM_READ(r, required_fields, &v))
		return UI_REFUSED;
	x->msg = L(r, form_on(v) ? "brand.topic_required_on" : "brand.topic_required_off");
	return db_topic_required_set(&r->pool, r->ids[0], form_on(v));
}

/* POST /admin/brands/{id}/topics/required */
void
admin_topic_required_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, required_set(r, &x), &x);
}
