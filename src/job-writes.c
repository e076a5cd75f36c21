/*
 * job-writes.c: the worker's writes to WeChat (writes.h): each due write is
 * leased, sent, and recorded; WeChat's quotas and a WeChat out of reach move
 * it on, an answer that will not change fails it.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "job.h"
#include "http.h"
#include "json.h"
#include "menu.h"
#include "qr.h"
#include "tags.h"
#include "writes.h"
#include "wxapi.h"

/* writes a tick sends at most, and how long a lease lasts */
#define WRITES_A_TICK 100
#define WRITE_LEASE 60

/* the next midnight in Beijing, when WeChat's daily quotas start again */
static time_t
next_beijing_day(time_t now)
{
	return wx_beijing_day(now) + 86400;
}

/* errcodes that say "not now": a quota, WeChat busy or out of reach, a token */
static int
transient(long e)
{
	return e == -2 || e == -1 || e == 45011 || e == 40001 || e == 40014 || e == 41001 ||
	    e == 42001;
}

/* 1 for the APIs that take many followers a call (how many: *max) */
static int
batched(const char *api, size_t *max)
{
	if (strcmp(api, WRITE_API_TAGGING) == 0 || strcmp(api, WRITE_API_UNTAGGING) == 0)
		*max = WRITE_TAGGING_MAX;
	else if (strcmp(api, WRITE_API_BLOCK) == 0 || strcmp(api, WRITE_API_UNBLOCK) == 0)
		*max = WRITE_BLACKLIST_MAX;
	else
		return 0;
	return 1;
}

/* 1 for a tag's own write (create, update, delete) */
static int
tag_api(const char *api)
{
	return strcmp(api, WRITE_API_TAG_CREATE) == 0 || strcmp(api, WRITE_API_TAG_UPDATE) == 0 ||
	    strcmp(api, WRITE_API_TAG_DELETE) == 0;
}

/* a tick's writes and where each stands */
struct tick {
	struct pool       *p;
	struct writes_due *w;
	size_t             n;
	char              *sent;	/* w[i] was sent (or held) this tick */
	time_t             now;
	long long          held;	/* an account whose daily quota ran out this tick */
};

/* 1 when WeChat refused w in a batch: it goes alone */
static int
refused_before(const struct writes_due *w)
{
	return w->errcode != 0 && !transient(w->errcode) && w->errcode != 45009;
}

/* WeChat's answer e to the writes ids (n of them, sent in one call): each recorded */
static void
answered(struct tick *t, const size_t *ids, size_t n, long e)
{
	for (size_t k = 0; k < n; k++) {
		const struct writes_due *w = &t->w[ids[k]];
		if (e == 0)
			db_write_done(t->p, w->id, wx_now());
		else if (e == 45009) {
			/* the account's quota for the day: its writes wait for the next */
			db_write_retry(t->p, w->id, e, next_beijing_day(t->now));
			db_writes_hold(t->p, w->channel_id, next_beijing_day(t->now));
			t->held = w->channel_id;
		} else if (transient(e)) {
			/* a minute, doubling to an hour */
			long long wait = 60LL << (w->attempts < 6 ? w->attempts : 6);
			db_write_retry(t->p, w->id, e, t->now + (wait < 3600 ? wait : 3600));
		} else if (n > 1)
			/* WeChat takes a batch whole or not at all: each goes alone next */
			db_write_retry(t->p, w->id, e, t->now);
		else {
			wx_log("write %lld (%s): WeChat refused it: %s", w->id, w->api,
			    wxapi_errtext(e));
			db_write_failed(t->p, w->id, e, wx_now());
		}
	}
}

/* a QR code's qrcode/create: a string scene, for its days or for good */
static const char *
qr_body(struct tick *t, const struct writes_due *w, long long *wait)
{
	struct qr_write q;
	json_t         *doc;
	struct buf      b = { 0 };
	const char     *out;

	if (db_qr_for_write(t->p, w->qr_code_id, &q) != DB_OK) {
		*wait = 60;
		return NULL;
	}
	if (q.permanent)
		doc = json_pack("{s:s,s:{s:{s:o}}}", "action_name", "QR_LIMIT_STR_SCENE",
		    "action_info", "scene", "scene_str", json_s(q.scene));
	else
		doc = json_pack("{s:I,s:s,s:{s:{s:o}}}", "expire_seconds",
		    (json_int_t)q.expire_days * 86400, "action_name", "QR_STR_SCENE",
		    "action_info", "scene", "scene_str", json_s(q.scene));
	json_put(&b, doc);
	out = pool_strdup(t->p, b.data);
	buf_free(&b);
	return out;
}

/*
 * The body of w (a tag's write: from the tag's row as it is now), or NULL
 * when it cannot go yet (*wait: try again in that many seconds) or at all
 * (*e: why).
 */
static const char *
body_of(struct tick *t, const struct writes_due *w, long long *wait, long *e)
{
	struct tag_write tw;
	json_t          *doc;

	*wait = 0, *e = 0;
	if (strcmp(w->api, WRITE_API_QR) == 0)
		return qr_body(t, w, wait);
	if (!tag_api(w->api) && !batched(w->api, &(size_t){ 0 }))
		return w->body;
	if (w->tag_id == 0)
		return "{}";	/* the blacklist: the OpenIDs alone */
	if (db_tag_for_write(t->p, w->tag_id, &tw) != DB_OK) {
		*wait = 60;	/* unreadable now (a deleted tag takes its writes with it) */
		return NULL;
	}
	if (strcmp(w->api, WRITE_API_TAG_CREATE) == 0)
		doc = json_pack("{s:{s:o}}", "tag", "name", json_s(tw.name));
	else if (tw.wx_id < 0) {
		/* not made in WeChat yet: after its create, if one is on its way */
		if (tw.creating)
			*wait = 30;
		else
			*e = 45159;
		return NULL;
	} else if (strcmp(w->api, WRITE_API_TAG_UPDATE) == 0)
		doc = json_pack("{s:{s:I,s:o}}", "tag", "id", (json_int_t)tw.wx_id, "name",
		    json_s(tw.name));
	else if (strcmp(w->api, WRITE_API_TAG_DELETE) == 0)
		doc = json_pack("{s:{s:I}}", "tag", "id", (json_int_t)tw.wx_id);
	else
		doc = json_pack("{s:I}", "tagid", (json_int_t)tw.wx_id);
	struct buf b = { 0 };
	json_put(&b, doc);
	const char *out = pool_strdup(t->p, b.data);
	buf_free(&b);
	return out;
}

/* the OpenID of a follower's write (its body: {"openid": …}) */
static const char *
openid_of(struct pool *p, const char *body)
{
	struct wx_field *f;

	return json_parse(p, body, strlen(body), &f) == 0 ? wx_get(f, "openid") : NULL;
}

/*
 * A menu published (t->w[i]): the default one with menu/create; a
 * conditional one with menu/addconditional (its tag's WeChat id, its phone
 * OS), the copy WeChat had before deleted first (there is no edit call).
 * The menu is sent as it is now, and kept as what WeChat has.
 */
static void
send_menu(struct tick *t, size_t i, const struct wxapi_channel *ch)
{
	const struct writes_due *w = &t->w[i];
	struct menu_write        m;
	struct http_resp         r;
	struct wx_field         *f;
	json_t                  *doc, *rule;
	struct buf               b = { 0 };
	int                      cond = strcmp(w->api, WRITE_API_MENU_COND) == 0;
	long                     e;

	if (db_menu_for_write(t->p, w->menu_id, &m) != DB_OK) {
		db_write_retry(t->p, w->id, w->errcode, t->now + 60);
		return;
	}
	if (cond && m.tag_wx_id < 0 && m.creating_tag) {
		db_write_retry(t->p, w->id, w->errcode, t->now + 30);	/* its tag first */
		return;
	}
	doc = json_pack("{s:o}", "button", json_loads(m.buttons, 0, NULL));
	if (cond) {
		rule = json_object();
		if (m.tag_wx_id >= 0)
			json_object_set_new(rule, "tag_id", json_s(pool_printf(t->p, "%lld",
			    m.tag_wx_id)));
		if (m.platform > 0)
			json_object_set_new(rule, "client_platform_type", json_s(pool_printf(t->p,
			    "%lld", m.platform)));
		json_object_set_new(doc, "matchrule", rule);
	}
	json_put(&b, doc);
	if (cond && m.wx_menuid && *m.wx_menuid) {
		struct buf del = { 0 };
		json_put(&del, json_pack("{s:o}", "menuid", json_s(m.wx_menuid)));
		memset(&r, 0, sizeof r);
		e = wxapi_call(t->p, ch, "/cgi-bin/" WRITE_API_MENU_UNCOND, NULL, del.data, NULL,
		    &r, &f);
		http_resp_free(&r);
		buf_free(&del);
		if (e != 0 && e != 65301) {	/* (65301: WeChat has it no more) */
			buf_free(&b);
			answered(t, &i, 1, e);
			return;
		}
	}
	memset(&r, 0, sizeof r);
	e = wxapi_call(t->p, ch, pool_printf(t->p, "/cgi-bin/%s", w->api), NULL, b.data, NULL,
	    &r, &f);
	http_resp_free(&r);
	buf_free(&b);
	if (e == 0)
		db_menu_published(t->p, w->menu_id, m.buttons, cond ? wx_get(f, "menuid") : NULL,
		    wx_now());
	answered(t, &i, 1, e);
}

/*
 * Sends t->w[i], with the writes due after it of the same account, API and
 * tag when WeChat takes many followers a call (a write that failed in a
 * batch goes alone), each leased first.
 */
static void
send_write(struct tick *t, size_t i)
{
	const struct writes_due *w = &t->w[i];
	struct wxapi_channel     ch;
	struct http_resp         r;
	struct wx_field         *f;
	size_t                   max = 1, *ids = pool_alloc(t->p, t->n * sizeof *ids), n = 0;
	const char              *body;
	long long                wait;
	long                     e;

	t->sent[i] = 1;
	if (db_write_claim(t->p, w->id, wx_now() + WRITE_LEASE, wx_now()) != DB_OK)
		return;	/* another worker has it */
	if (job_channel(t->p, w->channel_id, &ch) != 0) {
		db_write_retry(t->p, w->id, -2, t->now + 60);
		return;
	}
	if (strcmp(w->api, WRITE_API_MENU) == 0 || strcmp(w->api, WRITE_API_MENU_COND) == 0) {
		send_menu(t, i, &ch);
		return;
	}
	if ((body = body_of(t, w, &wait, &e)) == NULL) {
		if (e)
			answered(t, &i, 1, e);
		else
			db_write_retry(t->p, w->id, w->errcode, t->now + wait);
		return;
	}
	ids[n++] = i;
	if (batched(w->api, &max)) {
		json_t *list = json_array(), *doc = json_loads(body, 0, NULL);
		int     alone = refused_before(w);
		json_array_append_new(list, json_s(openid_of(t->p, w->body)));
		for (size_t j = i + 1; !alone && j < t->n && n < max; j++) {
			const struct writes_due *o = &t->w[j];
			if (t->sent[j] || o->channel_id != w->channel_id || o->tag_id != w->tag_id ||
			    strcmp(o->api, w->api) != 0 || refused_before(o))
				continue;
			t->sent[j] = 1;
			if (db_write_claim(t->p, o->id, wx_now() + WRITE_LEASE, wx_now()) != DB_OK)
				continue;
			ids[n++] = j;
			json_array_append_new(list, json_s(openid_of(t->p, o->body)));
		}
		json_object_set_new(doc, "openid_list", list);
		struct buf b = { 0 };
		json_put(&b, doc);
		body = pool_strdup(t->p, b.data);
		buf_free(&b);
	}
	memset(&r, 0, sizeof r);
	e = wxapi_call(t->p, &ch, pool_printf(t->p, "/cgi-bin/%s", w->api), NULL, body, NULL, &r,
	    &f);
	/* a QR code WeChat made: its ticket (its picture is fetched next) */
	if (e == 0 && strcmp(w->api, WRITE_API_QR) == 0 && wx_get(f, "ticket"))
		db_qr_made(t->p, w->qr_code_id, wx_get(f, "ticket"), wx_get(f, "url"),
		    wx_get(f, "expire_seconds") ? wx_now() + atoll(wx_get(f, "expire_seconds")) : 0);
	/* a tag WeChat made: its id, for the writes about it */
	if (e == 0 && strcmp(w->api, WRITE_API_TAG_CREATE) == 0 && wx_get(f, "tag.id"))
		db_tag_made(t->p, w->tag_id, atoll(wx_get(f, "tag.id")));
	http_resp_free(&r);
	answered(t, ids, n, e);
	/* WeChat has a tag of that name (made in its dashboard, or by a create
	 * whose answer was lost): read WeChat's tags now, so this one is that
	 * one before the writes about it are sent */
	if (e == 45157 && strcmp(w->api, WRITE_API_TAG_CREATE) == 0)
		job_sync_tags(t->p, &ch, w->channel_id);
	if (strcmp(w->api, WRITE_API_TAG_DELETE) == 0) {
		if (e == 0)
			db_tag_gone(t->p, w->tag_id);
		else if (!transient(e) && e != 45009) {
			/* refused for good: the tag stays the account's */
			db_tag_kept(t->p, w->tag_id);
			db_sync_soon(t->p, w->channel_id);
		}
	}
}

/* the base of showqrcode: mp.weixin.qq.com, or where WeChat's API is
 * (WeChat.QRBase when set) */
static const char *
qr_base(void)
{
	const char *api = cfg_get("WeChat.APIBase", "https://api.weixin.qq.com");

	return cfg_get("WeChat.QRBase", strcmp(api, "https://api.weixin.qq.com") == 0 ?
	    "https://mp.weixin.qq.com" : api);
}

/* the pictures of QR codes WeChat made (showqrcode?ticket=, no token), kept */
static void
qr_pictures(struct pool *p)
{
	struct qr_png_due *q = NULL;
	size_t             n = 0;

	if (db_qr_png_due(p, &q, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct http_resp r;
		const char      *url = pool_printf(p, "%s/cgi-bin/showqrcode?ticket=%s", qr_base(),
		    http_escape(p, q[i].ticket));
		int              png;

		memset(&r, 0, sizeof r);
		png = http_call(url, NULL, NULL, 0, NULL, 10000, &r) == 0 && r.status == 200 &&
		    r.body.len > 8 && memcmp(r.body.data, "\x89PNG", 4) == 0;
		if (!png)
			wx_log("QR code %lld: its picture could not be fetched (HTTP %ld)", q[i].id,
			    r.status);
		if (png)
			db_qr_png_set(p, q[i].id, r.body.data, r.body.len);
		else
			db_qr_png_missed(p, q[i].id);
		http_resp_free(&r);
	}
}

void
job_writes(struct pool *p)
{
	struct tick t = { p, NULL, 0, NULL, wx_now(), 0 };

	db_writes_purge(p, t.now - 30 * 86400);	/* (what a page shows is the newest) */
	if (db_writes_due(p, t.now, WRITES_A_TICK, &t.w, &t.n) != DB_OK || t.n == 0) {
		qr_pictures(p);
		return;
	}
	t.sent = pool_alloc(p, t.n);
	memset(t.sent, 0, t.n);
	for (size_t i = 0; i < t.n && !job_stopping; i++)
		if (!t.sent[i] && t.w[i].channel_id != t.held)
			send_write(&t, i);
	qr_pictures(p);
}
