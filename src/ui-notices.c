/*
 * ui-notices.c: a WeChat account's Templates page (Admin → WeChat → account
 * → Templates): the imported templates and notices, and who may send each.
 *
 * Each is shown as the worker last imported it (an "import now" asks for
 * them at once), with its fields and WeChat's example; who may send it is
 * everyone of the account's departments, or the staff chosen. The page says what WeChat allows: template messages for service
 * notices only, never marketing; notices only after a follower accepted
 * one in an article or a web page.
 */
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "notice.h"
#include "ui.h"

#define SENDERS_MAX 500

static const char *
v_senders(const char *v)
{
	return strcmp(v, "everyone") == 0 || strcmp(v, "chosen") == 0 ? NULL : "v.word";
}

static const struct field senders_fields[] = {
	{ "senders", "nt.senders", F_REQUIRED, v_senders },
};
static const struct field user_field = { "user", "nt.chosen", F_OPTIONAL, v_id };

/* a template's fields as the page lists them (Base.Fields.N.Key, .Label) */
void
ui_notice_fields(struct req *r, const char *base, const char *content)
{
	struct notice_field f[NOTICE_FIELDS_MAX];
	size_t              n = notice_fields(&r->pool, content, f, NOTICE_FIELDS_MAX);

	for (size_t i = 0; i < n; i++) {
		tmpl_set(r, pool_printf(&r->pool, "%s.Fields.%zu.Key", base, i), f[i].key);
		tmpl_set(r, pool_printf(&r->pool, "%s.Fields.%zu.Label", base, i),
		    *f[i].label ? f[i].label : f[i].key);
	}
}

void
admin_notices_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct notice_tpl *t = NULL;
	size_t             n = 0;

	if (!ui_found(r, rs, db_channel_get(&r->pool, r->ids[0], &c), "channel"))
		return;
	if (db_notice_tpls(&r->pool, c.id, &t, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Nav", "channels");
	tmpl_set_int(r, "Channel.Id", c.id);
	tmpl_set(r, "Channel.Brand", c.brand_name);
	tmpl_set(r, "Page.Title", L(r, "nt.title"));
	for (size_t i = 0; i < n; i++) {
		const char          *b = pool_printf(&r->pool, "%s.%zu", strcmp(t[i].kind,
		    "notice") == 0 ? "Notices" : "Templates", i);
		struct notice_sender *u = NULL;
		size_t               un = 0;
#define SET(k, v) tmpl_set(r, pool_printf(&r->pool, "%s." k, b), (v))
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", b), t[i].id);
		SET("Title", t[i].title);
		SET("WxId", t[i].wx_id);
		SET("Content", t[i].content);
		SET("Example", *t[i].example ? t[i].example : NULL);
		SET("Senders", t[i].senders);
		SET("Gone", t[i].gone ? "1" : NULL);
		ui_notice_fields(r, b, t[i].content);
		if (db_notice_tpl_people(&r->pool, c.brand_id, t[i].id, &u, &un) == DB_OK)
			for (size_t k = 0; k < un; k++) {
				const char *pb = pool_printf(&r->pool, "%s.People.%zu", b, k);
				tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", pb), u[k].id);
				tmpl_set(r, pool_printf(&r->pool, "%s.Name", pb), u[k].name);
				tmpl_set(r, pool_printf(&r->pool, "%s.Chosen", pb), u[k].chosen ? "1" :
				    NULL);
			}
#undef SET
	}
	{
		long long left = db_notice_quota_left(&r->pool, c.id, wx_now());
		if (left >= 0)
			tmpl_set(r, "QuotaLine", LF(r, "nt.quota_line", left));
	}
	tmpl_render(r, rs, "notices.cs");
}

/* POST …/templates/import: the worker reads them at once */
void
admin_notices_import_post(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (!ui_found(r, rs, db_channel_get(&r->pool, r->ids[0], &c), "channel"))
		return;
	ui_saved(r, rs, ui_wrote(db_notice_import_now(&r->pool, c.id)), "channel",
	    L(r, "nt.importing"), pool_printf(&r->pool, "/admin/channels/%lld/templates", c.id));
}

/* POST …/templates/<id>: who may send it */
void
admin_notice_senders_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct notice_tpl  t;
	const char        *v[1], *users[SENDERS_MAX];
	struct buf         ids = { 0 };
	int                n, rc;

	if (!ui_found(r, rs, db_channel_get(&r->pool, r->ids[0], &c), "channel") ||
	    !ui_found(r, rs, db_notice_tpl(&r->pool, c.id, r->ids[1], &t), "template"))
		return;
	if (FORM_READ(r, senders_fields, v) || (n = form_many(r, &user_field, users,
	    SENDERS_MAX)) < 0) {
		flash_set(r, L(r, "nt.senders_bad"));
		resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld/templates", c.id));
		return;
	}
	for (int i = 0; i < n; i++)
		buf_printf(&ids, "%s%s", i ? "," : "", users[i]);
	rc = db_notice_tpl_senders(&r->pool, t.id, v[0], strcmp(v[0], "chosen") == 0 && ids.data ?
	    pool_strdup(&r->pool, ids.data) : "");
	buf_free(&ids);
	ui_saved(r, rs, ui_wrote(rc), "template", LF(r, "nt.senders_saved", t.title),
	    pool_printf(&r->pool, "/admin/channels/%lld/templates#t%lld", c.id, t.id));
}
