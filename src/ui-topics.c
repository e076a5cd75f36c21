/*
 * ui-topics.c: a brand's close summary topics (会话小结), on the brand's page:
 * add one, delete one, and whether closing a chat needs one (topics.h).
 */
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

static void
back(struct req *r, struct resp *rs, const char *msg)
{
	flash_set(r, msg);
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld#topics", r->ids[0]));
}

/* the brand page shown again, with the error beside the field */
static void
again(struct req *r, struct resp *rs, int status)
{
	admin_brand_get(r, rs);
	if (rs->status == 200)
		rs->status = status;
}

/* POST /admin/brands/{id}/topics: one more topic, at the end of the list */
void
admin_topic_post(struct req *r, struct resp *rs)
{
	struct brand_get b;
	const char      *name;
	enum dbrc        rc;

	if (!ui_found(r, rs, db_brand_get(&r->pool, r->ids[0], &b), "brand"))
		return;
	form_trim(r);
	if (FORM_READ(r, topic_fields, &name)) {
		again(r, rs, 422);
		return;
	}
	rc = db_topic_insert(&r->pool, r->ids[0], name);
	if (rc == DB_CONFLICT || rc == DB_INVALID) {
		form_error(r, "topic", rc == DB_CONFLICT ? LF(r, "brand.topic_exists", name) :
		    LF(r, "brand.topics_full", (long long)TOPICS_MAX));
		again(r, rs, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	back(r, rs, LF(r, "brand.topic_added", name));
}

/* POST /admin/brands/{id}/topics/{id}/delete: chats closed with it keep their count */
void
admin_topic_delete_post(struct req *r, struct resp *rs)
{
	ui_saved(r, rs, db_topic_delete(&r->pool, r->ids[0], r->ids[1]), "topic",
	    L(r, "brand.topic_deleted"), pool_printf(&r->pool, "/admin/brands/%lld#topics",
	    r->ids[0]));
}

/* POST /admin/brands/{id}/topics/required: whether closing a chat needs a topic */
void
admin_topic_required_post(struct req *r, struct resp *rs)
{
	struct brand_get b;
	const char      *v;
	int              on;

	if (!ui_found(r, rs, db_brand_get(&r->pool, r->ids[0], &b), "brand"))
		return;
	if (FORM_READ(r, required_fields, &v)) {
		again(r, rs, 422);
		return;
	}
	on = form_on(v);
	ui_saved(r, rs, db_topic_required_set(&r->pool, r->ids[0], on), "brand",
	    L(r, on ? "brand.topic_required_on" : "brand.topic_required_off"),
	    pool_printf(&r->pool, "/admin/brands/%lld#topics", r->ids[0]));
}
