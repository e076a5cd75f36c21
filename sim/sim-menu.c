/*
 * sim-menu.c: the simulator's custom menus, as WeChat keeps them:
 * menu/create (checked with WeChat's rules, menu.c), menu/get (the default
 * menu and the conditional ones, 46003 when none), menu/delete (all of
 * them), menu/addconditional (a tag or a phone OS, the default menu first:
 * 65303), menu/delconditional (65301 for an unknown menuid) and
 * menu/trymatch (what a follower sees: the newest conditional menu whose
 * tag they have, else the default one).
 */
#include <stdlib.h>
#include <string.h>

#include "../src/menu.h"
#include "sim-db.h"
#include "sim.h"

/* the JSON body's document, or NULL after answering 47001 */
static json_t *
body(struct req *r, struct resp *rs, const char *appid, const char *api)
{
	json_t *doc = r->body ? json_loadb(r->body, r->clen, 0, NULL) : NULL;

	if (doc == NULL)
		sim_api_error(r, rs, appid, api, 47001);
	return doc;
}

/* the menu's buttons checked: 0, or the errcode answered */
static long
checked(struct req *r, struct resp *rs, const char *appid, const char *api, json_t *doc)
{
	int  top, sub;
	long e = menu_check(json_object_get(doc, "button"), &top, &sub);

	if (e != 0)
		sim_api_error(r, rs, appid, api, e);
	return e;
}

/* the buttons of doc as stored */
static char *
buttons_of(json_t *doc)
{
	json_t *m = json_pack("{s:O}", "button", json_object_get(doc, "button"));
	char   *s = json_dumps(m, JSON_COMPACT);

	json_decref(m);
	return s;
}

/* POST /cgi-bin/menu/create {"button":[…]} */
void
sim_menu_create_post(struct req *r, struct resp *rs)
{
	const char *appid = sim_check_token(r, rs, "menu_create");
	json_t     *doc;
	char       *m;

	if (appid == NULL || (doc = body(r, rs, appid, "menu_create")) == NULL)
		return;
	if (checked(r, rs, appid, "menu_create", doc) == 0) {
		m = buttons_of(doc);
		if (db_sim_menu_put(&r->pool, appid, 0, m, 0, 0, (long long)wx_now()) != DB_OK)
			sim_api_error(r, rs, appid, "menu_create", -1);
		else
			sim_api_done(r, rs, appid, "menu_create");
		free(m);
	}
	json_decref(doc);
}

/* POST /cgi-bin/menu/addconditional {"button":[…],"matchrule":{…}} */
void
sim_menu_cond_post(struct req *r, struct resp *rs)
{
	const char     *appid = sim_check_token(r, rs, "menu_cond");
	json_t         *doc, *rule;
	struct sim_menu *all = NULL;
	size_t          n = 0;
	long long       tag = 0, os = 0, id;
	char           *m;

	if (appid == NULL || (doc = body(r, rs, appid, "menu_cond")) == NULL)
		return;
	rule = json_object_get(doc, "matchrule");
	if (json_is_string(json_object_get(rule, "tag_id")))
		tag = atoll(json_string_value(json_object_get(rule, "tag_id")));
	if (json_is_string(json_object_get(rule, "client_platform_type")))
		os = atoll(json_string_value(json_object_get(rule, "client_platform_type")));
	if (checked(r, rs, appid, "menu_cond", doc) != 0) {
		json_decref(doc);
		return;
	}
	if (db_sim_menus(&r->pool, appid, &all, &n) != DB_OK || n == 0 || all[0].menuid != 0)
		sim_api_error(r, rs, appid, "menu_cond", 65303);	/* the default menu first */
	else if (tag == 0 && os == 0)
		sim_api_error(r, rs, appid, "menu_cond", 65304);
	else if (json_object_get(rule, "sex") || json_object_get(rule, "country") ||
	    json_object_get(rule, "language"))
		sim_api_error(r, rs, appid, "menu_cond", 65320);	/* no longer matched on */
	else {
		id = db_sim_menu_next(&r->pool, appid);
		m = buttons_of(doc);
		if (db_sim_menu_put(&r->pool, appid, id, m, tag, os, (long long)wx_now()) != DB_OK)
			sim_api_error(r, rs, appid, "menu_cond", -1);
		else {
			sim_api_ok(r, appid, "menu_cond");
			resp_json(rs, 200, json_pack("{s:s}", "menuid", pool_printf(&r->pool, "%lld",
			    id)));
		}
		free(m);
	}
	json_decref(doc);
}

/* POST /cgi-bin/menu/delconditional {"menuid":…} */
void
sim_menu_uncond_post(struct req *r, struct resp *rs)
{
	const char *appid = sim_check_token(r, rs, "menu_uncond");
	json_t     *doc, *id;
	long long   menuid = 0;

	if (appid == NULL || (doc = body(r, rs, appid, "menu_uncond")) == NULL)
		return;
	id = json_object_get(doc, "menuid");
	menuid = json_is_string(id) ? atoll(json_string_value(id)) : json_is_integer(id) ?
	    json_integer_value(id) : 0;
	json_decref(doc);
	if (menuid <= 0 || db_sim_menu_drop(&r->pool, appid, menuid) != DB_OK)
		sim_api_error(r, rs, appid, "menu_uncond", 65301);
	else
		sim_api_done(r, rs, appid, "menu_uncond");
}

/* a stored menu's buttons, parsed */
static json_t *
buttons(const struct sim_menu *m)
{
	json_t *doc = json_loads(m->menu, 0, NULL), *b = json_incref(json_object_get(doc,
	    "button"));

	json_decref(doc);
	return b ? b : json_array();
}

/* GET /cgi-bin/menu/get */
void
sim_menu_get(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "menu_get");
	struct sim_menu *all = NULL;
	size_t           n = 0;
	json_t          *doc, *cond;

	if (appid == NULL)
		return;
	if (db_sim_menus(&r->pool, appid, &all, &n) != DB_OK || n == 0 || all[0].menuid != 0) {
		sim_api_error(r, rs, appid, "menu_get", 46003);
		return;
	}
	doc = json_pack("{s:{s:o}}", "menu", "button", buttons(&all[0]));
	cond = json_array();
	for (size_t i = 1; i < n; i++) {
		json_t *rule = json_object();
		if (all[i].tag_id)
			json_object_set_new(rule, "tag_id", json_s(pool_printf(&r->pool, "%lld",
			    all[i].tag_id)));
		if (all[i].platform)
			json_object_set_new(rule, "client_platform_type", json_s(pool_printf(&r->pool,
			    "%lld", all[i].platform)));
		json_array_append_new(cond, json_pack("{s:o,s:o,s:I}", "button", buttons(&all[i]),
		    "matchrule", rule, "menuid", (json_int_t)all[i].menuid));
	}
	if (json_array_size(cond))
		json_object_set_new(doc, "conditionalmenu", cond);
	else
		json_decref(cond);
	sim_api_ok(r, appid, "menu_get");
	resp_json(rs, 200, doc);
}

/* GET /cgi-bin/menu/delete: every menu of the account */
void
sim_menu_delete_get(struct req *r, struct resp *rs)
{
	const char *appid = sim_check_token(r, rs, "menu_delete");

	if (appid == NULL)
		return;
	if (db_sim_menus_drop(&r->pool, appid) != DB_OK)
		sim_api_error(r, rs, appid, "menu_delete", -1);
	else
		sim_api_done(r, rs, appid, "menu_delete");
}

/* POST /cgi-bin/menu/trymatch {"user_id":…}: the menu the follower sees */
void
sim_menu_trymatch_post(struct req *r, struct resp *rs)
{
	const char       *appid = sim_check_token(r, rs, "menu_trymatch");
	struct sim_menu  *all = NULL;
	struct sim_tagid *tags = NULL;
	size_t            n = 0, k = 0, pick;
	json_t           *doc;
	const char       *user;

	if (appid == NULL || (doc = body(r, rs, appid, "menu_trymatch")) == NULL)
		return;
	user = json_is_string(json_object_get(doc, "user_id")) ? pool_strdup(&r->pool,
	    json_string_value(json_object_get(doc, "user_id"))) : "";
	json_decref(doc);
	if (db_sim_user_tagids(&r->pool, appid, user, &tags, &k) != DB_OK ||
	    db_sim_user_one(&r->pool, appid, user, &(struct sim_user){ 0 }) != DB_OK) {
		sim_api_error(r, rs, appid, "menu_trymatch", 40003);
		return;
	}
	if (db_sim_menus(&r->pool, appid, &all, &n) != DB_OK || n == 0 || all[0].menuid != 0) {
		sim_api_error(r, rs, appid, "menu_trymatch", 46003);
		return;
	}
	/* the newest conditional menu whose tag the follower has (the phone's
	 * OS is not known here: a menu for one matches no one), else the default */
	pick = 0;
	for (size_t i = 1; i < n && pick == 0; i++)
		for (size_t j = 0; j < k && all[i].platform == 0; j++)
			if (all[i].tag_id && tags[j].tag_id == all[i].tag_id)
				pick = i;
	sim_api_ok(r, appid, "menu_trymatch");
	resp_json(rs, 200, json_pack("{s:o}", "button", buttons(&all[pick])));
}
