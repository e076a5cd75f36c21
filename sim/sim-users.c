/*
 * sim-users.c: the simulator's user management, as WeChat answers it: the
 * account's tags (tags/get, create, update, delete; at most 100, names up
 * to 30 bytes, WeChat's own ids 0-2 untouchable), a follower's tags
 * (members/batchtagging and batchuntagging, 50 OpenIDs a call, 20 tags a
 * follower; tags/getidlist; user/tag/get), the blacklist (batchblacklist,
 * batchunblacklist, 20 a call; getblacklist, paged), user/info/batchget
 * (100 a call), and each API's daily quota (45009 past it). A verified
 * account only (48001). Tests and the demo play WeChat's own dashboard
 * through /sim/dashboard.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/json.h"
#include "sim-db.h"
#include "sim.h"

#define TAGS_MAX        100	/* an account's own tags */
#define TAGS_A_USER     20
#define TAG_NAME_MAX    30	/* bytes */
#define TAG_MEMBERS_MAX 100000	/* a tag with more cannot be deleted (45057) */
#define TAGGING_MAX     50	/* OpenIDs a batchtagging call */
#define BLACKLIST_MAX   20	/* OpenIDs a batchblacklist call */
#define BLACKLIST_PAGE  10000
#define BATCHGET_MAX    100
#define USER_TAG_PAGE   10000

/* WeChat's daily quotas of the APIs the simulator counts (a test may set its own) */
static const struct {
	const char *api;
	long long   daily;
} quotas[] = {
	{ "user_remark", 10000 }, { "user_info", 5000000 }, { "user_batchget", 5000000 },
	{ "tags_create", 100000 }, { "tags_update", 100000 }, { "tags_delete", 100000 },
	{ "tags_tagging", 100000 }, { "tags_untagging", 100000 },
	{ "blacklist_add", 100000 }, { "blacklist_remove", 100000 },
	{ "template_send", 100000 },
};

long
sim_quota_spent(struct req *r, const char *appid, const char *api)
{
	long long daily = db_sim_quota(&r->pool, appid, api);

	for (size_t i = 0; daily < 0 && i < sizeof quotas / sizeof quotas[0]; i++)
		if (strcmp(quotas[i].api, api) == 0)
			daily = quotas[i].daily;
	if (daily < 0)
		return 0;
	return db_sim_calls_since(&r->pool, appid, api, (long long)wx_beijing_day(wx_now())) >=
	    daily ? 45009 : 0;
}

/* The account a user-management call is for, its JSON body in *f (want: a
 * body), or NULL after answering the error (48001: not a verified account). */
static const char *
begin(struct req *r, struct resp *rs, const char *api, int want, struct wx_field **f)
{
	const char *appid = sim_check_token(r, rs, api);

	if (appid == NULL || (want && sim_json_body(r, rs, appid, api, f) != 0))
		return NULL;
	if (!sim_verified(r, appid)) {
		sim_api_error(r, rs, appid, api, 48001);
		return NULL;
	}
	db_sim_tags_system(&r->pool, appid);
	return appid;
}

/* a number field (-1: absent or not a number) */
static long long
num(const struct wx_field *f, const char *name)
{
	const char *v = wx_get(f, name);
	char       *end;
	long long   n;

	if (v == NULL || *v == '\0')
		return -1;
	n = strtoll(v, &end, 10);
	return *end ? -1 : n;
}

/* the openid_list's entries (at most max; *n more than max: too many) */
static const char **
openid_list(struct req *r, const struct wx_field *f, size_t max, size_t *n)
{
	const char **list = pool_alloc(&r->pool, (max + 1) * sizeof *list);
	const char  *v;

	for (*n = 0; (v = wx_get(f, pool_printf(&r->pool, "openid_list.%zu", *n))) != NULL;
	    ++*n)
		if (*n < max)
			list[*n] = v;
	return list;
}

/* a follower of the account (0), else WeChat's errcode */
static long
user_of(struct req *r, const char *appid, const char *openid)
{
	struct sim_user u;

	if (db_sim_user_one(&r->pool, appid, openid, &u) != DB_OK)
		return 40003;
	return u.subscribed ? 0 : 43004;
}

/* GET /cgi-bin/tags/get */
void
sim_tags_get(struct req *r, struct resp *rs)
{
	const char     *appid = begin(r, rs, "tags_get", 0, NULL);
	struct sim_tag *t = NULL;
	size_t          n = 0;
	json_t         *list;

	if (appid == NULL)
		return;
	if (db_sim_tags(&r->pool, appid, &t, &n) != DB_OK) {
		sim_api_error(r, rs, appid, "tags_get", -1);
		return;
	}
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I,s:o,s:I}", "id", (json_int_t)t[i].id,
		    "name", json_s(t[i].name), "count", (json_int_t)t[i].count));
	sim_api_ok(r, appid, "tags_get");
	resp_json(rs, 200, json_pack("{s:o}", "tags", list));
}

/* a tag name WeChat takes (0), else its errcode */
static long
name_check(struct req *r, const char *appid, const char *name)
{
	struct sim_tag t;

	if (name == NULL || *name == '\0')
		return 45157;
	if (strlen(name) > TAG_NAME_MAX)
		return 45158;
	if (db_sim_tag_name(&r->pool, appid, name, &t) == DB_OK)
		return 45157;	/* taken */
	return 0;
}

/* POST /cgi-bin/tags/create {"tag":{"name":…}} */
void
sim_tags_create_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, "tags_create", 1, &f), *name;
	struct sim_tag   t;
	long             e;

	if (appid == NULL)
		return;
	name = wx_get(f, "tag.name");
	if ((e = name_check(r, appid, name)) == 0 && db_sim_tags_own(&r->pool, appid) >= TAGS_MAX)
		e = 45056;
	if (e == 0 && (db_sim_tag_insert(&r->pool, appid, name) != DB_OK ||
	    db_sim_tag_name(&r->pool, appid, name, &t) != DB_OK))
		e = -1;
	if (e != 0) {
		sim_api_error(r, rs, appid, "tags_create", e);
		return;
	}
	sim_api_ok(r, appid, "tags_create");
	resp_json(rs, 200, json_pack("{s:{s:I,s:o}}", "tag", "id", (json_int_t)t.id, "name",
	    json_s(t.name)));
}

/* the account's tag f's tag.id names, for a change (0), else the errcode */
static long
own_tag(struct req *r, const char *appid, const struct wx_field *f, struct sim_tag *t)
{
	long long id = num(f, "tag.id");

	if (id >= 0 && id <= 2)
		return 45058;
	if (id < 0 || db_sim_tag_id(&r->pool, appid, id, t) != DB_OK)
		return 45159;
	return 0;
}

/* POST /cgi-bin/tags/update {"tag":{"id":…,"name":…}} */
void
sim_tags_update_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, "tags_update", 1, &f), *name;
	struct sim_tag   t;
	long             e;

	if (appid == NULL)
		return;
	name = wx_get(f, "tag.name");
	if ((e = own_tag(r, appid, f, &t)) == 0 && !(name && strcmp(name, t.name) == 0) &&
	    (e = name_check(r, appid, name)) == 0 &&
	    db_sim_tag_rename(&r->pool, appid, t.id, name) != DB_OK)
		e = -1;
	sim_api_answer(r, rs, appid, "tags_update", e);
}

/* POST /cgi-bin/tags/delete {"tag":{"id":…}} */
void
sim_tags_delete_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, "tags_delete", 1, &f);
	struct sim_tag   t;
	long             e;

	if (appid == NULL)
		return;
	if ((e = own_tag(r, appid, f, &t)) == 0 && t.count > TAG_MEMBERS_MAX)
		e = 45057;
	if (e == 0 && (db_sim_tag_forget(&r->pool, appid, t.id) != DB_OK ||
	    db_sim_tag_delete(&r->pool, appid, t.id) != DB_OK))
		e = -1;
	sim_api_answer(r, rs, appid, "tags_delete", e);
}

/* batchtagging (on) and batchuntagging: {"openid_list":[…],"tagid":…} */
static void
tagging(struct req *r, struct resp *rs, const char *api, int on)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, api, 1, &f), **list;
	struct sim_tag   t;
	size_t           n;
	long long        id;
	long             e = 0;

	if (appid == NULL)
		return;
	list = openid_list(r, f, TAGGING_MAX, &n);
	id = num(f, "tagid");
	if (n == 0 || n > TAGGING_MAX)
		e = 40032;
	else if (id < 0 || db_sim_tag_id(&r->pool, appid, id, &t) != DB_OK)
		e = 45159;
	/* all or nothing: every follower is checked first */
	for (size_t i = 0; e == 0 && i < n; i++) {
		struct sim_tagid *has = NULL;
		size_t            k = 0;
		if ((e = user_of(r, appid, list[i])) != 0)
			break;
		if (on && db_sim_user_tagids(&r->pool, appid, list[i], &has, &k) == DB_OK &&
		    k >= TAGS_A_USER) {
			int already = 0;
			for (size_t j = 0; j < k; j++)
				already |= has[j].tag_id == id;
			if (!already)
				e = 45059;
		}
	}
	for (size_t i = 0; e == 0 && i < n; i++)
		if ((on ? db_sim_user_tag(&r->pool, appid, list[i], id) :
		    db_sim_user_untag(&r->pool, appid, list[i], id)) != DB_OK)
			e = -1;
	sim_api_answer(r, rs, appid, api, e);
}

void
sim_tags_tagging_post(struct req *r, struct resp *rs)
{
	tagging(r, rs, "tags_tagging", 1);
}

void
sim_tags_untagging_post(struct req *r, struct resp *rs)
{
	tagging(r, rs, "tags_untagging", 0);
}

/* a follower's tag ids, as a JSON array */
static json_t *
tagids(struct req *r, const char *appid, const char *openid)
{
	struct sim_tagid *t = NULL;
	size_t            n = 0;
	json_t           *list = json_array();

	if (db_sim_user_tagids(&r->pool, appid, openid, &t, &n) == DB_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, json_integer(t[i].tag_id));
	return list;
}

/* POST /cgi-bin/tags/getidlist {"openid":…} */
void
sim_tags_idlist_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, "tags_idlist", 1, &f), *openid;
	long             e;

	if (appid == NULL)
		return;
	openid = wx_get(f, "openid");
	if ((e = openid ? user_of(r, appid, openid) : 40003) != 0) {
		sim_api_error(r, rs, appid, "tags_idlist", e);
		return;
	}
	sim_api_ok(r, appid, "tags_idlist");
	resp_json(rs, 200, json_pack("{s:o}", "tagid_list", tagids(r, appid, openid)));
}

/* an OpenID page's answer: {count, data:{openid:[…]}, next_openid} (and total) */
static json_t *
openid_page(const struct sim_openid *o, size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_s(o[i].openid));
	return json_pack("{s:I,s:{s:o},s:o}", "count", (json_int_t)n, "data", "openid", list,
	    "next_openid", json_s(n ? o[n - 1].openid : ""));
}

/* POST /cgi-bin/user/tag/get {"tagid":…,"next_openid":…}: a tag's followers */
void
sim_user_tag_post(struct req *r, struct resp *rs)
{
	struct wx_field   *f;
	const char        *appid = begin(r, rs, "user_tag_get", 1, &f), *after;
	struct sim_tag     t;
	struct sim_openid *o = NULL;
	size_t             n = 0;

	if (appid == NULL)
		return;
	after = wx_get(f, "next_openid");
	if (db_sim_tag_id(&r->pool, appid, num(f, "tagid"), &t) != DB_OK) {
		sim_api_error(r, rs, appid, "user_tag_get", 45159);
		return;
	}
	if (db_sim_tag_users(&r->pool, appid, t.id, after ? after : "", USER_TAG_PAGE, &o,
	    &n) != DB_OK) {
		sim_api_error(r, rs, appid, "user_tag_get", -1);
		return;
	}
	sim_api_ok(r, appid, "user_tag_get");
	resp_json(rs, 200, openid_page(o, n));
}

/* batchblacklist (on) and batchunblacklist: {"openid_list":[…]} */
static void
blacklisting(struct req *r, struct resp *rs, const char *api, int on)
{
	struct wx_field *f;
	const char      *appid = begin(r, rs, api, 1, &f), **list;
	size_t           n;
	long             e = 0;

	if (appid == NULL)
		return;
	list = openid_list(r, f, BLACKLIST_MAX, &n);
	if (n == 0 || n > BLACKLIST_MAX)
		e = 40032;
	for (size_t i = 0; e == 0 && i < n; i++) {
		struct sim_user u;
		if (db_sim_user_one(&r->pool, appid, list[i], &u) != DB_OK)
			e = 49003;	/* not a follower of this account */
	}
	for (size_t i = 0; e == 0 && i < n; i++)
		if (db_sim_user_block(&r->pool, on, appid, list[i]) != DB_OK)
			e = -1;
	sim_api_answer(r, rs, appid, api, e);
}

void
sim_blacklist_add_post(struct req *r, struct resp *rs)
{
	blacklisting(r, rs, "blacklist_add", 1);
}

void
sim_blacklist_remove_post(struct req *r, struct resp *rs)
{
	blacklisting(r, rs, "blacklist_remove", 0);
}

/* POST /cgi-bin/tags/members/getblacklist {"begin_openid":…} */
void
sim_blacklist_post(struct req *r, struct resp *rs)
{
	struct wx_field   *f;
	const char        *appid = begin(r, rs, "blacklist_get", 1, &f), *after;
	struct sim_openid *o = NULL;
	size_t             n = 0;
	json_t            *doc;

	if (appid == NULL)
		return;
	after = wx_get(f, "begin_openid");
	if (db_sim_blacklist(&r->pool, appid, after ? after : "", BLACKLIST_PAGE, &o, &n) !=
	    DB_OK) {
		sim_api_error(r, rs, appid, "blacklist_get", -1);
		return;
	}
	sim_api_ok(r, appid, "blacklist_get");
	doc = openid_page(o, n);
	json_object_set_new(doc, "total", json_integer(db_sim_blacklist_total(&r->pool,
	    appid)));
	resp_json(rs, 200, doc);
}

/* POST /cgi-bin/user/info/batchget {"user_list":[{"openid":…,"lang":…}]} */
void
sim_user_batchget_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	const char      *appid = sim_check_token(r, rs, "user_batchget"), *openid;
	json_t          *list;
	size_t           n;

	if (appid == NULL || sim_json_body(r, rs, appid, "user_batchget", &f) != 0)
		return;
	for (n = 0; wx_get(f, pool_printf(&r->pool, "user_list.%zu.openid", n)); n++)
		;
	if (n == 0 || n > BATCHGET_MAX) {
		sim_api_error(r, rs, appid, "user_batchget", 40032);
		return;
	}
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		struct sim_user u;
		openid = wx_get(f, pool_printf(&r->pool, "user_list.%zu.openid", i));
		if (db_sim_user_one(&r->pool, appid, openid, &u) != DB_OK) {
			json_decref(list);
			sim_api_error(r, rs, appid, "user_batchget", 40003);
			return;
		}
		if (!u.subscribed) {
			json_array_append_new(list, json_pack("{s:i,s:o}", "subscribe", 0, "openid",
			    json_s(openid)));
			continue;
		}
		/* no nickname or avatar, as WeChat since 2021-12-27 */
		json_array_append_new(list, json_pack("{s:i,s:o,s:s,s:s,s:o,s:I,s:o,s:i,s:o,s:s,"
		    "s:i,s:s}", "subscribe", 1, "openid", json_s(openid), "nickname", "",
		    "headimgurl", "", "language", json_s(u.language), "subscribe_time",
		    (json_int_t)u.subscribe_time, "remark", json_s(u.remark), "groupid", 0,
		    "tagid_list", tagids(r, appid, openid), "subscribe_scene", "ADD_SCENE_QR_CODE",
		    "qr_scene", 0, "qr_scene_str", ""));
	}
	sim_api_ok(r, appid, "user_batchget");
	resp_json(rs, 200, json_pack("{s:o}", "user_info_list", list));
}

/* a follower's tag ids, for user/info (sim-api.c) */
json_t *
sim_user_tagids(struct req *r, const char *appid, const char *openid)
{
	return tagids(r, appid, openid);
}

/*
 * POST /sim/dashboard: what the account's staff do in WeChat's own
 * dashboard: appid and openid, and any of remark, tag (a name: made if
 * new), untag (a name), blocked (1 or 0); or appid, api and daily: that
 * API's daily quota for the account.
 */
void
sim_dashboard_post(struct req *r, struct resp *rs)
{
	const char    *appid = req_field(r, "appid"), *openid = req_field(r, "openid");
	const char    *tag = req_field(r, "tag"), *untag = req_field(r, "untag");
	const char    *remark = req_field(r, "remark"), *blocked = req_field(r, "blocked");
	const char    *api = req_field(r, "api"), *daily = req_field(r, "daily");
	struct sim_tag t;
	int            bad = 0;

	if (appid == NULL || (openid == NULL && (api == NULL || daily == NULL))) {
		resp_text(rs, 400, "appid, and openid or api and daily, are required\n");
		return;
	}
	if (api && daily)
		bad |= db_sim_quota_set(&r->pool, appid, api, strtoll(daily, NULL, 10)) != DB_OK;
	if (openid && remark)
		bad |= db_sim_user_remark(&r->pool, appid, openid, remark) != DB_OK;
	if (openid && blocked)
		bad |= db_sim_user_block(&r->pool, strcmp(blocked, "1") == 0, appid, openid) !=
		    DB_OK;
	if (openid && tag) {
		db_sim_tags_system(&r->pool, appid);
		if (db_sim_tag_name(&r->pool, appid, tag, &t) != DB_OK)
			db_sim_tag_insert(&r->pool, appid, tag);
		bad |= db_sim_tag_name(&r->pool, appid, tag, &t) != DB_OK ||
		    db_sim_user_tag(&r->pool, appid, openid, t.id) != DB_OK;
	}
	if (openid && untag && db_sim_tag_name(&r->pool, appid, untag, &t) == DB_OK)
		bad |= db_sim_user_untag(&r->pool, appid, openid, t.id) != DB_OK;
	if (bad)
		resp_text(rs, 503, "database unavailable\n");
	else
		resp_json(rs, 200, json_pack("{s:b}", "ok", 1));
}
