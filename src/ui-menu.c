/*
 * ui-menu.c: a WeChat account's Menu page (Admin → WeChat → account →
 * Menu, menu.h): the default menu and the conditional ones (by tag and
 * phone OS), each edited as 3 buttons of up to 5 sub-buttons, checked
 * against WeChat's rules before it is saved, drawn as WeChat's bottom bar
 * on a phone, and published to WeChat through the write queue. A click
 * button's key is bound to an answer, a department or "talk to a person".
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "channel.h"
#include "json.h"
#include "menu.h"
#include "qr.h"
#include "staff.h"
#include "tags.h"
#include "ui.h"

/* a button's fields in the form: b<top> or b<top>s<sub>, then _<part> */
static const char *const parts[] = { "name", "type", "value", "appid", "page", "action",
	"answer", "dept" };
enum { P_NAME, P_TYPE, P_VALUE, P_APPID, P_PAGE, P_ACTION, P_ANSWER, P_DEPT, P__N };
#define SLOTS (MENU_TOP_MAX * (1 + MENU_SUB_MAX))

/* the types offered (a top button may instead have sub-buttons: "sub") */
static const char *const offered[] = { "click", "view", "miniprogram", "scancode_push",
	"scancode_waitmsg", "media_id", "article_id" };

static const char *
v_type(const char *v)
{
	if (*v == '\0' || strcmp(v, "sub") == 0)
		return NULL;
	for (size_t i = 0; i < sizeof offered / sizeof offered[0]; i++)
		if (strcmp(v, offered[i]) == 0)
			return NULL;
	return "menu.type_bad";
}

static const char *
v_action(const char *v)
{
	return *v == '\0' || strcmp(v, "answer") == 0 || strcmp(v, "department") == 0 ||
	    strcmp(v, "person") == 0 ? NULL : "v.word";
}

static const char *
v_dept(const char *v)
{
	return *v == '\0' ? NULL : v_id(v);
}

/* slot s's field name prefix: top s / 6, sub s % 6 - 1 (-1: the top button) */
static const char *
slot_name(struct pool *p, int s)
{
	int top = s / (1 + MENU_SUB_MAX), sub = s % (1 + MENU_SUB_MAX) - 1;

	return sub < 0 ? pool_printf(p, "b%d", top) : pool_printf(p, "b%ds%d", top, sub);
}

/* the form's fields, made once (in the process's own pool): every part of
 * every slot, named by slot_name */
static const struct field *
menu_fields(void)
{
	static struct pool  names;
	static struct field f[SLOTS * P__N];

	if (f[0].name == NULL)
		for (int s = 0; s < SLOTS; s++)
			for (int k = 0; k < P__N; k++) {
				struct field *x = &f[s * P__N + k];
				x->name = pool_printf(&names, "%s_%s", slot_name(&names, s), parts[k]);
				x->label = "menu.field";
				x->required = F_OPTIONAL;
				x->check = k == P_TYPE ? v_type : k == P_ACTION ? v_action : k == P_DEPT ?
				    v_dept : k == P_ANSWER ? v_text : v_utf8;
			}
	return f;
}

/* the account r->ids[0] */
static int
account(struct req *r, struct channel_get *c)
{
	return db_channel_get(&r->pool, r->ids[0], c);
}

/* ---- the form from a stored menu, and back ---- */

static const char *
js(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* button b into slot s's fields (its key's binding from keys) */
static void
slot_set(struct req *r, int s, json_t *b, const struct menu_key *keys, size_t nk, int has_subs)
{
	const char *pre = slot_name(&r->pool, s), *type = js(b, "type");
#define SET(part, v) tmpl_set(r, pool_printf(&r->pool, "Form.%s_%s.Value", pre, part), (v))
	SET("name", js(b, "name"));
	SET("type", has_subs ? "sub" : type);
	SET("value", *js(b, "key") ? js(b, "key") : *js(b, "url") ? js(b, "url") :
	    *js(b, "media_id") ? js(b, "media_id") : js(b, "article_id"));
	SET("appid", js(b, "appid"));
	SET("page", js(b, "pagepath"));
	for (size_t i = 0; menu_keyed(type) && i < nk; i++)
		if (strcmp(keys[i].click_key, js(b, "key")) == 0) {
			SET("action", keys[i].action);
			SET("answer", keys[i].answer);
			tmpl_set_int(r, pool_printf(&r->pool, "Form.%s_dept.Value", pre),
			    keys[i].department_id);
		}
#undef SET
}

/* the stored buttons into the form and the preview */
static void
form_from(struct req *r, const char *buttons, const struct menu_key *keys, size_t nk,
    int fill)
{
	json_t *a = json_loads(buttons ? buttons : "[]", 0, NULL);

	for (size_t i = 0; json_is_array(a) && i < json_array_size(a) && i < MENU_TOP_MAX; i++) {
		json_t *b = json_array_get(a, i), *subs = json_object_get(b, "sub_button");
		size_t  k = json_is_array(subs) ? json_array_size(subs) : 0;
		tmpl_set(r, pool_printf(&r->pool, "Preview.%zu.Name", i), js(b, "name"));
		if (fill)
			slot_set(r, (int)i * (1 + MENU_SUB_MAX), b, keys, nk, k > 0);
		for (size_t j = 0; j < k && j < MENU_SUB_MAX; j++) {
			json_t *sb = json_array_get(subs, j);
			tmpl_set(r, pool_printf(&r->pool, "Preview.%zu.Subs.%zu", i, j), js(sb, "name"));
			if (fill)
				slot_set(r, (int)(i * (1 + MENU_SUB_MAX) + 1 + j), sb, keys, nk, 0);
		}
	}
	json_decref(a);
}

/* slot s as WeChat's button (NULL: empty), its key's binding appended to keys */
static json_t *
slot_button(struct pool *p, const char **v, int s, json_t *keys, int subs)
{
	const char **x = v + s * P__N, *type = x[P_TYPE];
	json_t      *b;

	if (*x[P_NAME] == '\0')
		return NULL;
	b = json_pack("{s:o}", "name", json_s(x[P_NAME]));
	if (subs)
		return b;
	if (*type == '\0' || strcmp(type, "sub") == 0)
		type = "click";
	json_object_set_new(b, "type", json_s(type));
	if (menu_keyed(type)) {
		const char *key = *x[P_VALUE] ? x[P_VALUE] : pool_printf(p, "wxdesk_%s",
		    slot_name(p, s));
		json_object_set_new(b, "key", json_s(key));
		if (*x[P_ACTION])
			json_array_append_new(keys, json_pack("{s:o,s:o,s:o,s:o,s:I}", "key",
			    json_s(key), "label", json_s(x[P_NAME]), "action", json_s(x[P_ACTION]),
			    "answer", json_s(x[P_ANSWER]), "department", (json_int_t)form_ll(x[P_DEPT])));
	} else if (strcmp(type, "view") == 0 || strcmp(type, "miniprogram") == 0) {
		json_object_set_new(b, "url", json_s(x[P_VALUE]));
		if (strcmp(type, "miniprogram") == 0) {
			json_object_set_new(b, "appid", json_s(x[P_APPID]));
			json_object_set_new(b, "pagepath", json_s(x[P_PAGE]));
		}
	} else
		json_object_set_new(b, strcmp(type, "media_id") == 0 ? "media_id" : "article_id",
		    json_s(x[P_VALUE]));
	return b;
}

/* the form's buttons, as WeChat's array, and the keys' bindings */
static json_t *
form_buttons(struct pool *p, const char **v, json_t *keys)
{
	json_t *a = json_array();

	for (int i = 0; i < MENU_TOP_MAX; i++) {
		int     top = i * (1 + MENU_SUB_MAX);
		json_t *subs = json_array(), *b;
		for (int j = 0; j < MENU_SUB_MAX; j++)
			if ((b = slot_button(p, v, top + 1 + j, keys, 0)) != NULL)
				json_array_append_new(subs, b);
		if ((b = slot_button(p, v, top, keys, json_array_size(subs) > 0 ||
		    strcmp(v[top * P__N + P_TYPE], "sub") == 0)) == NULL) {
			json_decref(subs);
			continue;
		}
		if (json_array_size(subs) > 0 || strcmp(v[top * P__N + P_TYPE], "sub") == 0)
			json_object_set_new(b, "sub_button", subs);
		else
			json_decref(subs);
		json_array_append_new(a, b);
	}
	return a;
}

/* ---- the page ---- */

static void
page(struct req *r, struct resp *rs, const struct channel_get *c, const struct menu *m,
    int status)
{
	struct menu      *all = NULL;
	struct menu_key  *keys = NULL;
	struct dept_list *d = NULL;
	struct tag       *t = NULL;
	size_t            n = 0, nk = 0;

	if (db_menus_of(&r->pool, c->id, &all, &n) != DB_OK ||
	    db_menu_keys(&r->pool, c->id, &keys, &nk) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Menus.%zu", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), all[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Tag", base), all[i].tag);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Platform", base), all[i].platform);
		tmpl_set(r, pool_printf(&r->pool, "%s.Default", base), *all[i].cond_key ? NULL : "1");
	}
	form_from(r, m->buttons, keys, nk, form_kept(r, "b0_name") == NULL);
	tmpl_set_int(r, "Menu.Id", m->id);
	tmpl_set(r, "Menu.Default", *m->cond_key ? NULL : "1");
	tmpl_set(r, "Menu.Tag", m->tag);
	tmpl_set_int(r, "Menu.Platform", m->platform);
	tmpl_set(r, "Menu.Published", ui_time(r, m->published_at));
	tmpl_set(r, "Menu.Unpublished", !m->published || strcmp(m->published, m->buttons) != 0 ?
	    "1" : NULL);
	if (m->write_state && strcmp(m->write_state, "pending") == 0)
		tmpl_set(r, "Menu.Write", m->write_attempts && m->write_errcode ? LF(r,
		    "menu.retrying", ui_errtext(r, m->write_errcode)) : L(r, "menu.publishing"));
	else if (m->write_state && strcmp(m->write_state, "failed") == 0)
		tmpl_set(r, "Menu.Write", LF(r, "menu.refused", ui_errtext(r, m->write_errcode)));
	for (int s = 0; s < SLOTS; s++) {
		const char *base = pool_printf(&r->pool, "Slots.%d", s);
		tmpl_set(r, pool_printf(&r->pool, "%s.Pre", base), slot_name(&r->pool, s));
		tmpl_set(r, pool_printf(&r->pool, "%s.Top", base), s % (1 + MENU_SUB_MAX) ? NULL : "1");
		tmpl_set_int(r, pool_printf(&r->pool, "%s.N", base), s / (1 + MENU_SUB_MAX) + 1);
	}
	for (size_t i = 0; i < sizeof offered / sizeof offered[0]; i++)
		tmpl_set(r, pool_printf(&r->pool, "Types.%zu", i), offered[i]);
	if (db_dept_list(&r->pool, c->brand_id, 1000, 0, &d, &n) == DB_OK)
		TMPL_LIST(r, "Departments", d, n, dept_list);
	if (db_tags_of(&r->pool, c->id, &t, &n) == DB_OK)
		for (size_t i = 0, k = 0; i < n; i++)
			if (!t[i].deleting) {
				tmpl_set_int(r, pool_printf(&r->pool, "Tags.%zu.Id", k), t[i].id);
				tmpl_set(r, pool_printf(&r->pool, "Tags.%zu.Name", k++), t[i].name);
			}
	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set(r, "Page.Title", L(r, "menu.title"));
	tmpl_set(r, "Nav", "channels");
	rs->status = status;
	tmpl_render(r, rs, "menu.cs");
}

/* the menu r->ids[1] of the account (none: its default one, made when missing) */
static int
menu_of(struct req *r, struct channel_get *c, struct menu *m)
{
	int       rc = account(r, c);
	long long id = r->ids[1];

	if (rc != DB_OK)
		return rc;
	if (id == 0) {
		if ((rc = db_menu_ensure(&r->pool, c->id, "", 0, 0, wx_now())) != DB_OK)
			return rc;
		id = db_menu_id(&r->pool, c->id, "");
	}
	return id <= 0 ? DB_FAIL : (int)db_menu_get(&r->pool, c->id, id, m);
}

void
admin_menu_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct menu        m;

	if (ui_found(r, rs, menu_of(r, &c, &m), "menu"))
		page(r, rs, &c, &m, 200);
}

/* the menu's page after a change */
static const char *
menu_url(struct req *r, const struct channel_get *c, const struct menu *m)
{
	return *m->cond_key ? pool_printf(&r->pool, "/admin/channels/%lld/menu/%lld", c->id, m->id) :
	    pool_printf(&r->pool, "/admin/channels/%lld/menu", c->id);
}

/* the catalogue's words for WeChat's rule errcode e, at button top/sub */
static const char *
rule_words(struct req *r, long e, int top, int sub)
{
	const char *key = pool_printf(&r->pool, "menu.e%ld", e);
	const char *what = lang_has(r->lang, key) ? L(r, key) : ui_errtext(r, e);

	return sub < 0 ? LF(r, "menu.at_top", top + 1, what) : LF(r, "menu.at_sub", top + 1,
	    sub + 1, what);
}

/* POST …/menu[/<id>]: the draft saved, checked against WeChat's rules */
void
admin_menu_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct menu        m;
	const char        *v[SLOTS * P__N];
	json_t            *keys, *buttons;
	char              *bt, *kt;
	int                top, sub, rc;
	long               e;

	if (!ui_found(r, rs, menu_of(r, &c, &m), "menu"))
		return;
	form_trim(r);
	if (form_read(r, menu_fields(), SLOTS * P__N, v)) {
		page(r, rs, &c, &m, 422);
		return;
	}
	keys = json_array();
	buttons = form_buttons(&r->pool, v, keys);
	if ((e = menu_check(buttons, &top, &sub)) != 0) {
		json_decref(buttons);
		json_decref(keys);
		tmpl_set(r, "MenuError", rule_words(r, e, top, sub));
		page(r, rs, &c, &m, 422);
		return;
	}
	bt = json_dumps(buttons, JSON_COMPACT);
	kt = json_dumps(keys, JSON_COMPACT);
	json_decref(buttons);
	json_decref(keys);
	rc = menu_save(&r->pool, c.id, m.id, bt, kt, wx_now());
	free(bt);
	free(kt);
	ui_saved(r, rs, rc, "menu", L(r, "menu.saved"), menu_url(r, &c, &m));
}

/* POST …/menu[/<id>]/publish: the saved menu to WeChat */
void
admin_menu_publish_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct menu        m;
	json_t            *b;
	int                top, sub;
	long               e;

	if (!ui_found(r, rs, menu_of(r, &c, &m), "menu"))
		return;
	b = json_loads(m.buttons, 0, NULL);
	e = menu_check(b, &top, &sub);
	json_decref(b);
	if (e != 0) {
		tmpl_set(r, "MenuError", rule_words(r, e, top, sub));
		page(r, rs, &c, &m, 422);
		return;
	}
	ui_saved(r, rs, menu_publish(&r->pool, c.id, m.id, r->user->id, wx_now()), "menu",
	    L(r, "menu.queued"), menu_url(r, &c, &m));
}

static const struct field cond_fields[] = {
	{ "tag", "menu.tag", F_OPTIONAL, v_dept },
	{ "platform", "menu.platform", F_OPTIONAL, v_dept },
};

/* POST …/menu/conditional: a conditional menu, begun as a copy of the default one */
void
admin_menu_cond_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct menu        def;
	const char        *v[2];
	long long          tag, os, id;
	const char        *key;
	int                rc = menu_of(r, &c, &def);

	if (!ui_found(r, rs, rc, "menu"))
		return;
	if (FORM_READ(r, cond_fields, v) || (tag = form_ll(v[0])) + (os = form_ll(v[1])) == 0 ||
	    os > 3 || (tag && db_qr_tag_of(&r->pool, c.id, tag) != 1)) {
		tmpl_set(r, "MenuError", L(r, "menu.cond_bad"));
		page(r, rs, &c, &def, 422);
		return;
	}
	key = pool_printf(&r->pool, "t%lld:p%lld", tag, os);
	if ((rc = db_menu_ensure(&r->pool, c.id, key, tag, (int)os, wx_now())) != DB_OK ||
	    (id = db_menu_id(&r->pool, c.id, key)) <= 0) {
		ui_db_failed(r, rs);
		return;
	}
	/* a new one starts as the default menu */
	if (db_menu_get(&r->pool, c.id, id, &def) == DB_OK && strcmp(def.buttons, "[]") == 0) {
		struct menu d0;
		if (db_menu_get(&r->pool, c.id, db_menu_id(&r->pool, c.id, ""), &d0) == DB_OK)
			menu_save(&r->pool, c.id, id, d0.buttons, "[]", wx_now());
	}
	resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld/menu/%lld", c.id, id));
}

/* POST …/menu/<id>/delete: a conditional menu gone, here and in WeChat */
void
admin_menu_delete_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct menu        m;

	if (!ui_found(r, rs, menu_of(r, &c, &m), "menu"))
		return;
	audit_note(r, "tag", m.tag);	/* the record says which went: the tag's menu */
	ui_saved(r, rs, *m.cond_key ? menu_delete(&r->pool, c.id, m.id, r->user->id, wx_now()) :
	    DB_NOTFOUND, "menu", L(r, "menu.deleted"), pool_printf(&r->pool,
	    "/admin/channels/%lld/menu", c.id));
}
