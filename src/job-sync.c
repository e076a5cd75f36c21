/*
 * job-sync.c: the worker reads back what WeChat's own dashboard changed
 * (tags.h): per account, its tags (tags/get) and its blacklist
 * (members/getblacklist, paged) every Followers.ReadMinutes (10), and a
 * pass over its followers (user/info/batchget, 100 a call, up to
 * Followers.ReadCalls calls a tick) every Followers.ReadHours (24) for the
 * remarks and tags set there. What wxdesk itself is still writing wins
 * (db-sync.c). A lease per account keeps two workers off the same pass.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "job.h"
#include "json.h"
#include "menu.h"
#include "notice.h"
#include "chat.h"
#include "tags.h"

#define SYNC_LEASE   120
#define BATCHGET_MAX 100
#define PAGES_MAX    1000	/* of the blacklist a pass (10,000 a page) */

long
job_sync_tags(struct pool *p, const struct wxapi_channel *ch, long long channel)
{
	struct http_resp r;
	struct wx_field *f;
	struct tag      *t = NULL;
	size_t           n = 0;
	char            *seen;
	long             e;
	time_t           now = wx_now();

	/* the tags known here before WeChat is asked: one WeChat makes
	 * meanwhile (another worker's create) is not taken for one deleted */
	if (db_tags_of(p, channel, &t, &n) != DB_OK)
		return -1;
	memset(&r, 0, sizeof r);
	e = wxapi_call(p, ch, "/cgi-bin/tags/get", "", NULL, NULL, &r, &f);
	http_resp_free(&r);
	if (e != 0)
		return e;
	seen = pool_alloc(p, n + 1);
	memset(seen, 0, n + 1);
	for (size_t i = 0; ; i++) {
		const char *id = wx_get(f, pool_printf(p, "tags.%zu.id", i));
		const char *name = wx_get(f, pool_printf(p, "tags.%zu.name", i));
		const char *count = wx_get(f, pool_printf(p, "tags.%zu.count", i));
		long long   wx, k = -1, byname = -1;
		if (id == NULL || name == NULL)
			break;
		wx = atoll(id);
		for (size_t j = 0; j < n; j++) {
			if (t[j].wx_id == wx)
				k = (long long)j;
			else if (t[j].wx_id < 0 && strcmp(t[j].name, name) == 0)
				byname = (long long)j;
		}
		if (k >= 0) {
			seen[k] = 1;
			db_sync_tag_update(p, t[k].id, name, count ? atoll(count) : 0);
		} else if (byname >= 0) {
			seen[byname] = 1;
			db_sync_tag_adopt(p, t[byname].id, wx, count ? atoll(count) : 0);
			db_sync_tag_adopted(p, t[byname].id, now);
		} else
			db_sync_tag_insert(p, channel, wx, name, count ? atoll(count) : 0, now);
	}
	/* deleted in WeChat (a tag made here and not yet there stays) */
	for (size_t j = 0; j < n; j++)
		if (!seen[j] && t[j].wx_id >= 0)
			db_tag_gone(p, t[j].id);
	return 0;
}

/* the open chats of followers blocked in WeChat's dashboard, closed as a
 * block here closes them */
static void
close_blocked(struct pool *p, long long channel)
{
	struct sync_follower *f = NULL;
	size_t                n = 0;

	if (db_sync_blocked_open(p, channel, &f, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++)
		chat_block_closed(p, f[i].id, wx_now());
}

/* WeChat's blacklist, a page at a time: the followers on it blocked here,
 * those no longer on it unblocked */
static long
read_blacklist(struct pool *p, const struct wxapi_channel *ch, long long channel,
    long long pass, time_t now)
{
	const char *next = "";

	for (int page = 0; page < PAGES_MAX && !job_stopping; page++) {
		struct http_resp r;
		struct wx_field *f;
		json_t          *doc, *list, *nx;
		struct buf       b = { 0 };
		long             e;

		json_put(&b, json_pack("{s:o}", "begin_openid", json_s(next)));
		memset(&r, 0, sizeof r);
		e = wxapi_call(p, ch, "/cgi-bin/tags/members/getblacklist", NULL, b.data, NULL, &r,
		    &f);
		buf_free(&b);
		/* a page of 10,000 OpenIDs: read whole, with jansson */
		doc = e == 0 && r.body.data ? json_loadb(r.body.data, r.body.len, 0, NULL) : NULL;
		http_resp_free(&r);
		if (e != 0 || doc == NULL) {
			json_decref(doc);
			return e ? e : -1;
		}
		list = json_object_get(json_object_get(doc, "data"), "openid");
		nx = json_object_get(doc, "next_openid");
		if (json_is_array(list) && json_array_size(list) > 0) {
			json_put(&b, json_incref(list));
			db_sync_blocked_seen(p, b.data, channel, pass, now);
			buf_free(&b);
		}
		next = json_is_string(nx) ? pool_strdup(p, json_string_value(nx)) : "";
		if (!json_is_array(list) || json_array_size(list) == 0 || *next == '\0') {
			json_decref(doc);
			db_sync_blocked_gone(p, channel, pass, now);
			close_blocked(p, channel);
			return 0;
		}
		json_decref(doc);
	}
	return 0;	/* (a list longer than a pass reads: the rest next time) */
}

/* one call of the followers' pass: the 100 after *after; 1 when it reached the end */
static int
read_followers(struct pool *p, const struct wxapi_channel *ch, long long channel,
    long long *after, long *err)
{
	struct sync_follower *u = NULL;
	size_t                n = 0;
	struct http_resp      r;
	struct wx_field      *f;
	json_t               *ask, *users, *pairs;
	struct buf            b = { 0 };

	time_t                started = wx_now();

	*err = 0;
	if (db_sync_followers(p, channel, *after, BATCHGET_MAX, &u, &n) != DB_OK) {
		*err = -1;
		return 0;
	}
	if (n == 0)
		return 1;
	ask = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ask, json_pack("{s:o,s:s}", "openid", json_s(u[i].openid),
		    "lang", "zh_CN"));
	json_put(&b, json_pack("{s:o}", "user_list", ask));
	memset(&r, 0, sizeof r);
	*err = wxapi_call(p, ch, "/cgi-bin/user/info/batchget", NULL, b.data, NULL, &r, &f);
	buf_free(&b);
	http_resp_free(&r);
	if (*err != 0)
		return 0;
	users = json_array(), pairs = json_array();
	for (size_t i = 0; ; i++) {
		const char *base = pool_printf(p, "user_info_list.%zu", i);
		const char *openid = wx_get(f, pool_printf(p, "%s.openid", base));
		const char *sub = wx_get(f, pool_printf(p, "%s.subscribe", base));
		struct buf  tags = { 0 };
		if (openid == NULL)
			break;
		if (sub == NULL || strcmp(sub, "1") != 0)
			continue;	/* (an unfollow is the push's to tell) */
		buf_printf(&tags, ",");
		for (size_t k = 0; ; k++) {
			const char *tag = wx_get(f, pool_printf(p, "%s.tagid_list.%zu", base, k));
			if (tag == NULL)
				break;
			buf_printf(&tags, "%s,", tag);
			json_array_append_new(pairs, json_pack("{s:o,s:I}", "openid", json_s(openid),
			    "tag", (json_int_t)atoll(tag)));
		}
		const char *remark = wx_get(f, pool_printf(p, "%s.remark", base));
		json_array_append_new(users, json_pack("{s:o,s:o,s:o}", "openid", json_s(openid),
		    "remark", json_s(remark), "tags", json_s(tags.data)));
		buf_free(&tags);
	}
	json_put(&b, users);
	db_sync_remarks(p, b.data, channel, started);
	db_sync_untag(p, b.data, channel, started);
	buf_free(&b);
	json_put(&b, pairs);
	db_sync_tag(p, b.data, channel, started);
	buf_free(&b);
	*after = u[n - 1].id;
	return n < BATCHGET_MAX;
}

/* a menu of WeChat's menu/get answer kept here (cond_key "" the default) */
static void
import_menu(struct pool *p, long long channel, json_t *menu, time_t now)
{
	json_t     *rule = json_object_get(menu, "matchrule"), *menuid;
	json_t     *tag = json_object_get(rule, "tag_id"), *os = json_object_get(rule,
	    "client_platform_type");
	long long   tag_wx = -1;
	int         platform = 0;
	char       *buttons;
	const char *id = NULL;

	if (!json_is_array(json_object_get(menu, "button")))
		return;
	if (json_is_string(tag) && *json_string_value(tag))
		tag_wx = atoll(json_string_value(tag));
	if (json_is_string(os) && *json_string_value(os))
		platform = atoi(json_string_value(os));
	menuid = json_object_get(menu, "menuid");
	if (json_is_integer(menuid))
		id = pool_printf(p, "%" JSON_INTEGER_FORMAT, json_integer_value(menuid));
	else if (json_is_string(menuid))
		id = pool_strdup(p, json_string_value(menuid));
	buttons = json_dumps(json_object_get(menu, "button"), JSON_COMPACT);
	if (buttons == NULL)
		return;
	db_menu_imported(p, channel, rule ? pool_printf(p, "t%lld:p%d", tag_wx, platform) : "",
	    tag_wx, platform, buttons, rule ? id : NULL, now);
	free(buttons);
}

/* the menus the account had before wxdesk (menu/get), kept, once */
static long
read_menus(struct pool *p, const struct wxapi_channel *ch, long long channel, time_t now)
{
	struct http_resp r;
	struct wx_field *f;
	json_t          *doc, *cond;
	size_t           i;
	long             e;

	memset(&r, 0, sizeof r);
	e = wxapi_call(p, ch, "/cgi-bin/menu/get", "", NULL, NULL, &r, &f);
	doc = e == 0 && r.body.data ? json_loadb(r.body.data, r.body.len, 0, NULL) : NULL;
	http_resp_free(&r);
	if (e == 46003)
		return 0;	/* no menu */
	if (e != 0 || doc == NULL) {
		json_decref(doc);
		return e ? e : -1;
	}
	import_menu(p, channel, json_object_get(doc, "menu"), now);
	cond = json_object_get(doc, "conditionalmenu");
	for (i = 0; json_is_array(cond) && i < json_array_size(cond); i++)
		import_menu(p, channel, json_array_get(cond, i), now);
	json_decref(doc);
	return 0;
}

/*
 * The account's templates of a kind (notice.h), as WeChat lists them
 * (path; each under list.N with the names of its id and fields), kept:
 * those it no longer lists are gone.
 */
static long
read_templates(struct pool *p, const struct wxapi_channel *ch, long long channel,
    const char *kind, const char *path, const char *list, const char *idname, time_t now)
{
	struct http_resp r;
	struct wx_field *f;
	long             e;

	memset(&r, 0, sizeof r);
	e = wxapi_call(p, ch, path, "", NULL, NULL, &r, &f);
	http_resp_free(&r);
	if (e != 0)
		return e;
	for (size_t i = 0; ; i++) {
		const char *b = pool_printf(p, "%s.%zu.", list, i);
		const char *id = wx_get(f, pool_printf(p, "%s%s", b, idname));
		const char *title = wx_get(f, pool_printf(p, "%stitle", b));
		const char *content = wx_get(f, pool_printf(p, "%scontent", b));
		if (id == NULL)
			break;
		if (*id && strlen(id) <= 128)
			db_notice_tpl_seen(p, channel, kind, id, title ? title : id,
			    content ? content : "", wx_get(f, pool_printf(p, "%sexample", b)), now);
	}
	return db_notice_tpl_gone(p, channel, kind, now) == DB_OK ? 0 : -1;
}

/* errcodes after which a pass waits its whole period: no permission, an
 * account WeChat does not let read these */
static int
not_allowed(long e)
{
	return e == 48001 || e == 40164 || e == 45009;
}

void
job_sync(struct pool *p)
{
	struct sync_due *d = NULL;
	size_t           n = 0;
	time_t           now = wx_now();
	time_t           every = cfg_int("Followers.ReadMinutes", 10) * 60;
	time_t           pass = cfg_int("Followers.ReadHours", 24) * 3600;
	int              calls = cfg_int("Followers.ReadCalls", 10);

	if (db_sync_accounts(p) != DB_OK || db_sync_due(p, now, &d, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct wxapi_channel ch;
		long long            id = d[i].channel_id, after = d[i].followers_after;
		long                 e;

		if (db_sync_claim(p, id, wx_now() + SYNC_LEASE, wx_now()) != DB_OK)
			continue;	/* another worker has it */
		if (job_channel(p, id, &ch) != 0) {
			db_sync_release(p, id);
			continue;
		}
		/* a failure tries again in a minute; a refusal waits its period */
		if (d[i].tags) {
			e = job_sync_tags(p, &ch, id);
			db_sync_tags_next(p, id, now + (e == 0 || not_allowed(e) ? every : 60));
		}
		if (!d[i].menu_read && d[i].tags) {
			/* (after the tags: a conditional menu names one) */
			e = read_menus(p, &ch, id, now);
			if (e == 0 || not_allowed(e))
				db_sync_menu_read(p, id);
		}
		if (d[i].templates) {
			/* template messages, then subscription notices: either may be
			 * refused (an unverified account, no notices chosen) */
			long e2;
			e = read_templates(p, &ch, id, "template",
			    "/cgi-bin/template/get_all_private_template", "template_list",
			    "template_id", now);
			e2 = read_templates(p, &ch, id, "notice", "/wxaapi/newtmpl/gettemplate", "data",
			    "priTmplId", now);
			db_sync_templates_next(p, id, now + ((e == 0 || not_allowed(e)) &&
			    (e2 == 0 || not_allowed(e2)) ? cfg_int("Templates.ReadMinutes", 60) * 60 : 60));
		}
		if (d[i].blacklist) {
			e = read_blacklist(p, &ch, id, d[i].blacklist_pass + 1, now);
			db_sync_blacklist_next(p, id, d[i].blacklist_pass + (e == 0),
			    now + (e == 0 || not_allowed(e) ? every : 60));
		}
		if (d[i].followers) {
			int done = 0;
			e = 0;
			for (int k = 0; k < calls && !done && e == 0 && !job_stopping; k++)
				done = read_followers(p, &ch, id, &after, &e);
			if (done)
				db_sync_followers_next(p, id, 0, now + pass);
			else
				db_sync_followers_next(p, id, after, e == 0 ? now :
				    now + (not_allowed(e) ? pass : 60));
		}
		db_sync_release(p, id);
	}
}
