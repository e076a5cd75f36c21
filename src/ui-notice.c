/*
 * ui-notice.c: the chat's ladder of routes when no window is open (hold, a
 * notice, a template, cheapest first) and the page that fills a template
 * and sends it.
 *
 * The chat page's ladder lists the legal routes, cheapest
 * first, with what each costs: hold the reply (free, the composer above
 * it), spend one of the follower's acceptances of a subscription notice,
 * send a template message (one of the account's sends of the day). A
 * route's page fills the template's fields beside WeChat's preview and
 * queues the send.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "notice.h"
#include "ui-console.h"
#include "ui.h"

/* the routes user may take to chat c's follower */
static enum dbrc
routes(struct req *r, const struct console_chat *c, struct notice_route **rt, size_t *n)
{
	return db_notice_routes(&r->pool, c->channel_id, c->follower_id, r->user->id,
	    user_sees_all_chats(r->user), rt, n);
}

void
console_ladder(struct req *r, const struct console_chat *c)
{
	struct notice_route *rt = NULL;
	size_t               n = 0, k = 0;
	long long            left = db_notice_quota_left(&r->pool, c->channel_id, wx_now());
	int                  templates = 0;

	tmpl_set(r, "Ladder.Shown", "1");
	if (routes(r, c, &rt, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *b = pool_printf(&r->pool, "Ladder.Routes.%zu", k);
		int         notice = strcmp(rt[i].kind, "notice") == 0;
		if (notice && rt[i].credits <= 0) {
			tmpl_set(r, pool_printf(&r->pool, "Ladder.NoCredit.%zu.Title", i), rt[i].title);
			continue;
		}
		templates |= !notice;
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", b), rt[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Kind", b), rt[i].kind);
		tmpl_set(r, pool_printf(&r->pool, "%s.Title", b), rt[i].title);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", b), LF(r, notice ? "ladder.notice" :
		    "ladder.template", rt[i].title));
		if (notice)
			tmpl_set(r, pool_printf(&r->pool, "%s.Cost", b), LF(r, "ladder.notice_cost",
			    rt[i].credits));
		else if (left == 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.Spent", b), L(r, "ladder.quota_spent"));
		else if (left > 0)	/* (-1: the quota could not be read) */
			tmpl_set(r, pool_printf(&r->pool, "%s.Cost", b), LF(r, "ladder.template_cost",
			    left));
		k++;
	}
	if (!templates)
		tmpl_set(r, "Ladder.NoTemplates", "1");
}

static const char *
v_url(const char *v)
{
	if (*v == '\0')
		return NULL;
	if (strlen(v) > NOTICE_URL_MAX || (strncmp(v, "https://", 8) != 0 &&
	    strncmp(v, "http://", 7) != 0) || strpbrk(v, " \t\r\n<>\"") != NULL)
		return "ladder.url_bad";
	return NULL;
}

/* a mini program's AppID: wx and 16 hex digits */
static const char *
v_mp_appid(const char *v)
{
	return *v == '\0' || (strlen(v) == 18 && strncmp(v, "wx", 2) == 0 &&
	    strspn(v + 2, "0123456789abcdef") == 16) ? NULL : "ladder.mp_appid_bad";
}

/* a page of it: a path, with a query */
static const char *
v_mp_page(const char *v)
{
	return strlen(v) <= 256 && strpbrk(v, " \t\r\n<>\"") == NULL ? NULL : "ladder.mp_page_bad";
}

static const char *
v_any(const char *v)
{
	(void)v;
	return NULL;
}

struct route_page {
	struct console_change x;
	struct notice_route   t;
	struct notice_field   f[NOTICE_FIELDS_MAX];
	size_t                nf;
};

/* the chat, the route r->ids[1] the user may take there now: DB_OK, or a
 * refusal (403: not theirs; 409: a window is open, no credit) */
static int
route_of(struct req *r, struct route_page *g)
{
	struct notice_route *rt = NULL;
	size_t               n = 0;
	int                  st;

	if ((st = console_chat_of(r, &g->x)) != DB_OK)
		return st;
	if (!console_may_hold(r, &g->x.c)) {
		/* a window takes a reply, or the chat is not the user's to answer */
		g->x.error = console_cannot_reply(r, &g->x.c) == NULL ? L(r, "ladder.window_open") :
		    L(r, "ladder.not_now");
		g->x.status = 409;
		return UI_REFUSED;
	}
	if ((st = routes(r, &g->x.c, &rt, &n)) != DB_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (rt[i].id == r->ids[1]) {
			g->t = rt[i];
			if (strcmp(g->t.kind, "notice") == 0 && g->t.credits <= 0) {
				g->x.error = L(r, "ladder.no_credit");
				g->x.status = 409;
				return UI_REFUSED;
			}
			g->nf = notice_fields(&r->pool, g->t.content, g->f, NOTICE_FIELDS_MAX);
			return DB_OK;
		}
	g->x.error = L(r, "ladder.not_yours");
	g->x.status = 403;
	return UI_REFUSED;
}

static void
route_page(struct req *r, struct resp *rs, struct route_page *g, json_t *data, int status)
{
	int       notice = strcmp(g->t.kind, "notice") == 0, limit;
	long long left;

	tmpl_set(r, "Nav", "console");
	tmpl_set_int(r, "Chat.Id", g->x.c.id);
	tmpl_set(r, "Chat.Follower", g->x.c.alias && *g->x.c.alias ? g->x.c.alias :
	    g->x.c.remark && *g->x.c.remark ? g->x.c.remark : g->x.c.openid);
	tmpl_set_int(r, "Route.Id", g->t.id);
	tmpl_set(r, "Route.Kind", g->t.kind);
	tmpl_set(r, "Route.Title", g->t.title);
	tmpl_set(r, "Route.Example", *g->t.example ? g->t.example : NULL);
	tmpl_set(r, "Route.Content", g->t.content);
	tmpl_set(r, "Page.Title", notice ? L(r, "ladder.notice_title") : L(r, "ladder.template_title"));
	if (notice)
		tmpl_set(r, "Route.Cost", LF(r, "ladder.notice_cost", g->t.credits));
	else if ((left = db_notice_quota_left(&r->pool, g->x.c.channel_id, wx_now())) >= 0)
		tmpl_set(r, "Route.Cost", left ? LF(r, "ladder.template_cost", left) :
		    L(r, "ladder.quota_spent"));
	for (size_t i = 0; i < g->nf; i++) {
		const char *b = pool_printf(&r->pool, "Route.Fields.%zu", i);
		json_t     *v = json_object_get(json_object_get(data, g->f[i].key), "value");
		notice_value_invalid(g->f[i].key, "x", &limit);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", b), pool_printf(&r->pool, "f%zu", i));
		tmpl_set(r, pool_printf(&r->pool, "%s.Key", b), g->f[i].key);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", b), *g->f[i].label ? g->f[i].label :
		    g->f[i].key);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Max", b), limit);
		tmpl_set(r, pool_printf(&r->pool, "%s.Value", b), json_is_string(v) ?
		    json_string_value(v) : "");
	}
	tmpl_set(r, "Route.Preview", notice_render(&r->pool, g->t.title, g->t.content, data));
	tmpl_render(r, rs, "notice-send.cs");
	if (rs->status == 200)
		rs->status = status;
}

/* GET /console/chats/<id>/notice/<template>: the route's form */
void
console_notice_get(struct req *r, struct resp *rs)
{
	struct route_page g = { 0 };
	int               st = route_of(r, &g);

	if (st != DB_OK) {
		console_end(r, rs, st, &g.x);
		return;
	}
	route_page(r, rs, &g, NULL, 200);
}

/* POST …/notice/<template>: the fields checked, the send queued */
void
console_notice_post(struct req *r, struct resp *rs)
{
	struct route_page g = { 0 };
	struct field      fl[NOTICE_FIELDS_MAX + 3];
	const char       *v[NOTICE_FIELDS_MAX + 3];
	json_t           *data, *req;
	struct buf        b = { 0 };
	int               st = route_of(r, &g), bad = 0, limit;
	long long         msg;

	if (st != DB_OK) {
		console_end(r, rs, st, &g.x);
		return;
	}
	for (size_t i = 0; i < g.nf; i++)
		fl[i] = (struct field){ pool_printf(&r->pool, "f%zu", i), g.f[i].key, F_CHECKED,
		    v_any };
	fl[g.nf] = (struct field){ "url", "ladder.url", F_OPTIONAL, v_url };
	/* a mini program's page instead of the link (a template: WeChat opens it first) */
	fl[g.nf + 1] = (struct field){ "mp_appid", "ladder.mp_appid", F_OPTIONAL, v_mp_appid };
	fl[g.nf + 2] = (struct field){ "mp_page", "ladder.mp_page", F_OPTIONAL, v_mp_page };
	form_trim(r);
	bad = form_read(r, fl, g.nf + 3, v);
	if (!bad && (*v[g.nf + 1] != '\0') != (*v[g.nf + 2] != '\0')) {
		form_error(r, "mp_page", L(r, "ladder.mp_both"));
		bad++;
	}
	data = json_object();
	for (size_t i = 0; i < g.nf; i++) {
		const char *why = notice_value_invalid(g.f[i].key, v[i] ? v[i] : "", &limit);
		json_object_set_new(data, g.f[i].key, json_pack("{s:o}", "value", json_s(v[i])));
		if (why) {
			form_error(r, fl[i].name, LF(r, why, limit));
			bad++;
		}
	}
	if (bad) {
		route_page(r, rs, &g, data, 422);
		json_decref(data);
		return;
	}
	/* (a template's client_msg_id is its own, random: another installation's
	 * never meets it; it stays the message's for every attempt) */
	req = json_pack("{s:o,s:O}", "template_id", json_s(g.t.wx_id), "data", data);
	if (strcmp(g.t.kind, "template") == 0)
		json_object_set_new(req, "client_msg_id", json_string(pool_printf(&r->pool,
		    "wxdesk-%s", rand_hex(&r->pool, 12))));
	if (v[g.nf] && *v[g.nf])
		json_object_set_new(req, "url", json_s(v[g.nf]));
	if (strcmp(g.t.kind, "template") == 0 && *v[g.nf + 1])
		json_object_set_new(req, "miniprogram", json_pack("{s:o,s:o}", "appid",
		    json_s(v[g.nf + 1]), "pagepath", json_s(v[g.nf + 2])));
	json_put(&b, req);
	st = notice_queue(&r->pool, g.x.c.channel_id, g.x.c.follower_id, g.x.c.id, g.t.kind,
	    g.t.wx_id, notice_render(&r->pool, g.t.title, g.t.content, data), b.data, r->user->id,
	    &msg);
	buf_free(&b);
	if (st == DB_CONFLICT) {
		tmpl_set(r, "Route.Error", strcmp(g.t.kind, "notice") == 0 ?
		    L(r, "ladder.no_credit") : L(r, "ladder.quota_spent"));
		route_page(r, rs, &g, data, 409);
		json_decref(data);
		return;
	}
	json_decref(data);
	g.x.msg = strcmp(g.t.kind, "notice") == 0 ? L(r, "ladder.notice_queued") :
	    L(r, "ladder.template_queued");
	console_end(r, rs, st, &g.x);
}
