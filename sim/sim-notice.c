/*
 * sim-notice.c: the simulator's template messages and subscription
 * notices: the account's templates, template/send (client_msg_id: once
 * within 10 minutes; the job's result pushed after the answer), bizsend
 * (one acceptance a send, 43101).
 *
 * As WeChat answers them:
 *
 * - template/get_all_private_template and wxaapi/newtmpl/gettemplate list
 *   the account's templates (added as in WeChat's dashboard: /sim/templates);
 * - message/template/send: a verified account only (48001), a template of
 *   the account (40037), a follower (43004), each field's value within its
 *   type's rule (47003, notice.c's rules), the day's quota (45009); the same
 *   OpenID and client_msg_id within 10 minutes is the same message (its
 *   msgid again, nothing sent twice). No window is needed, none is opened.
 *   Its result, TEMPLATESENDJOBFINISH, is pushed to the account's webhook
 *   after the answer ("failed:user block" when the follower turned the
 *   account's template messages off);
 * - message/subscribe/bizsend: spends one of the follower's acceptances of
 *   the template (43101 when there is none), and pushes
 *   subscribe_msg_sent_event after the answer.
 *
 * The phone accepts a notice (as in an article's popup), turns notices off
 * (WeChat's settings) or the account's template messages: sim-phone.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/notice.h"
#include "sim-db.h"
#include "sim.h"
#include "wxpush.h"

#define CLIENT_ID_WINDOW 600	/* seconds a client_msg_id is remembered */
#define DEFERRED_MAX     64


/* pushes to make once the answer is out (WeChat's results come later) */
static struct {
	char *appid, *xml;
} deferred[DEFERRED_MAX];
static size_t ndeferred;

void
sim_defer(const char *appid, const char *xml)
{
	if (ndeferred == DEFERRED_MAX)
		return;
	deferred[ndeferred].appid = strdup(appid);
	deferred[ndeferred].xml = strdup(xml);
	if (deferred[ndeferred].appid && deferred[ndeferred].xml)
		ndeferred++;
}

void
sim_after(void)
{
	for (size_t i = 0; i < ndeferred; i++) {
		struct pool          p = { 0 };
		struct dbres         a;
		struct buf           log = { 0 };
		struct wxpush_target t;

		if (db_sim_account_get(&p, deferred[i].appid, &a) == DB_OK && a.nrows == 1) {
			t = (struct wxpush_target){ db_cell(&a, 0, SA_URL), db_cell(&a, 0, SA_TOKEN),
			    db_cell(&a, 0, SA_MODE), db_cell(&a, 0, SA_AES), deferred[i].appid,
			    db_cell(&a, 0, SA_ORIGINAL), 0 };
			(void)wxpush_send(&p, &t, deferred[i].xml, 0, &log, NULL);
			wx_log("job result → %s: %s", deferred[i].appid, log.data ? log.data : "");
		}
		buf_free(&log);
		pool_free(&p);
		free(deferred[i].appid);
		free(deferred[i].xml);
	}
	ndeferred = 0;
}

/* an event push of the account (to) from the follower (from) with more elements */
static char *
event_xml(struct pool *p, const char *to, const char *from, const char *event,
    const char *more)
{
	return pool_printf(p, "<xml><ToUserName>%s</ToUserName><FromUserName>%s</FromUserName>"
	    "<CreateTime>%lld</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>%s</Event>"
	    "%s</xml>", wx_cdata(p, to), wx_cdata(p, from), (long long)wx_now(),
	    wx_cdata(p, event), more);
}

/* the account's original id (the pushes' ToUserName) */
static const char *
original_of(struct req *r, const char *appid)
{
	struct dbres a;

	if (db_sim_account_get(&r->pool, appid, &a) != DB_OK || a.nrows != 1)
		return "";
	return pool_strdup(&r->pool, db_cell(&a, 0, SA_ORIGINAL));
}

static void
list(struct req *r, struct resp *rs, const char *api, const char *kind, int notice)
{
	const char     *appid = sim_check_token(r, rs, api);
	struct sim_tpl *t = NULL;
	size_t          n = 0;

	if (appid == NULL)
		return;
	if (!sim_verified(r, appid)) {
		sim_api_error(r, rs, appid, api, 48001);
		return;
	}
	if (db_sim_tpls(&r->pool, appid, kind, &t, &n) != DB_OK) {
		sim_api_error(r, rs, appid, api, -1);
		return;
	}
	json_t *l = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(l, notice ? json_pack("{s:o,s:o,s:o,s:o,s:i}", "priTmplId",
		    json_s(t[i].template_id), "title", json_s(t[i].title), "content",
		    json_s(t[i].content), "example", json_s(t[i].example), "type", 2) :
		    json_pack("{s:o,s:o,s:s,s:s,s:o,s:o}", "template_id", json_s(t[i].template_id),
		    "title", json_s(t[i].title), "primary_industry", "IT科技", "deputy_industry",
		    "互联网|电子商务", "content", json_s(t[i].content), "example",
		    json_s(t[i].example)));
	sim_api_ok(r, appid, api);
	if (notice)
		resp_json(rs, 200, json_pack("{s:i,s:s,s:o}", "errcode", 0, "errmsg", "ok", "data", l));
	else
		resp_json(rs, 200, json_pack("{s:o}", "template_list", l));
}

/* GET /cgi-bin/template/get_all_private_template */
void
sim_template_list_get(struct req *r, struct resp *rs)
{
	list(r, rs, "template_list", "template", 0);
}

/* GET /wxaapi/newtmpl/gettemplate */
void
sim_notice_list_get(struct req *r, struct resp *rs)
{
	list(r, rs, "notice_list", "notice", 1);
}

/* 0 when data has a valid value for each field of the template's content,
 * else 47003 */
static long
data_checked(struct req *r, const char *content, json_t *data)
{
	struct notice_field fl[NOTICE_FIELDS_MAX];
	size_t              n = notice_fields(&r->pool, content, fl, NOTICE_FIELDS_MAX);
	int                 limit;

	if (!json_is_object(data))
		return 47003;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(json_object_get(data, fl[i].key), "value");
		if (!json_is_string(v) || notice_value_invalid(fl[i].key, json_string_value(v),
		    &limit) != NULL)
			return 47003;
	}
	return 0;
}

/* the follower as the API needs them: 43004 when not following, 40003 unknown */
static long
follower(struct req *r, const char *appid, const char *to)
{
	struct dbres u;

	if (to == NULL || db_sim_user_get(&r->pool, appid, to, &u) != DB_OK || u.nrows == 0)
		return 40003;
	return db_int(&u, 0, SU_SUBSCRIBED) ? 0 : 43004;
}

/* a send's JSON body (NULL after answering 47001), its touser and template_id */
static json_t *
request(struct req *r, struct resp *rs, const char *appid, const char *api, const char **to,
    const char **tid)
{
	json_t *doc = r->body ? json_loadb(r->body, r->clen, 0, NULL) : NULL;
	json_t *t = json_object_get(doc, "touser"), *id = json_object_get(doc, "template_id");

	if (doc == NULL) {
		sim_api_error(r, rs, appid, api, 47001);
		return NULL;
	}
	*to = json_is_string(t) ? pool_strdup(&r->pool, json_string_value(t)) : NULL;
	*tid = json_is_string(id) ? pool_strdup(&r->pool, json_string_value(id)) : NULL;
	return doc;
}

/* POST /cgi-bin/message/template/send */
void
sim_template_send_post(struct req *r, struct resp *rs)
{
	const char    *api = "template_send", *appid = sim_check_token(r, rs, api);
	json_t        *doc;
	struct sim_tpl t;
	long long      now = (long long)wx_now(), msgid;
	long           e;
	const char    *to, *tid;
	int            off;

	if (appid == NULL || (doc = request(r, rs, appid, api, &to, &tid)) == NULL)
		return;
	const char *cid = json_string_value(json_object_get(doc, "client_msg_id"));
	const char *url = json_string_value(json_object_get(doc, "url"));
	json_t     *data = json_object_get(doc, "data");
	if (!sim_verified(r, appid))
		e = 48001;
	else if (tid == NULL || db_sim_tpl(&r->pool, appid, "template", tid, &t) != DB_OK)
		e = 40037;
	else if ((e = follower(r, appid, to)) != 0)
		;
	else if ((e = data_checked(r, t.content, data)) != 0)
		;
	else if (url && strlen(url) > NOTICE_URL_MAX)
		e = 40039;
	if (e != 0) {
		json_decref(doc);
		sim_api_error(r, rs, appid, api, e);
		return;
	}
	/* the same client_msg_id again: the same message, sent once */
	if (cid && *cid && (msgid = db_sim_client_msg(&r->pool, appid, to, cid,
	    now - CLIENT_ID_WINDOW)) > 0) {
		json_decref(doc);
		sim_api_ok(r, appid, api);
		resp_json(rs, 200, json_pack("{s:i,s:s,s:I}", "errcode", 0, "errmsg", "ok", "msgid",
		    (json_int_t)msgid));
		return;
	}
	msgid = atoll(wxpush_msgid(&r->pool)) / 1000;	/* WeChat's are shorter than a message's */
	if (cid && *cid)
		db_sim_client_msg_put(&r->pool, appid, to, cid, msgid, now);
	off = db_sim_templates_off_of(&r->pool, appid, to) == 1;
	if (!off)	/* (turned off: WeChat takes it, the phone never shows it) */
		db_sim_received_insert(&r->pool, appid, to, "template",
		    notice_render(&r->pool, t.title, t.content, data), NULL, now, NULL);
	json_decref(doc);
	sim_api_ok(r, appid, api);
	resp_json(rs, 200, json_pack("{s:i,s:s,s:I}", "errcode", 0, "errmsg", "ok", "msgid",
	    (json_int_t)msgid));
	sim_defer(appid, event_xml(&r->pool, original_of(r, appid), to, "TEMPLATESENDJOBFINISH",
	    pool_printf(&r->pool, "<MsgID>%lld</MsgID><Status>%s</Status>", msgid,
	    off ? "<![CDATA[failed:user block]]>" :
	    "<![CDATA[success]]>")));
}

/* POST /cgi-bin/message/subscribe/bizsend */
void
sim_bizsend_post(struct req *r, struct resp *rs)
{
	const char    *api = "bizsend", *appid = sim_check_token(r, rs, api);
	json_t        *doc;
	struct sim_tpl t;
	long long      now = (long long)wx_now(), msgid;
	long           e = 0;
	const char    *to, *tid;

	if (appid == NULL || (doc = request(r, rs, appid, api, &to, &tid)) == NULL)
		return;
	json_t     *data = json_object_get(doc, "data");
	if (!sim_verified(r, appid))
		e = 48001;
	else if (tid == NULL || db_sim_tpl(&r->pool, appid, "notice", tid, &t) != DB_OK)
		e = 40037;
	else if (to == NULL || follower(r, appid, to) == 40003)
		e = 40003;
	else if ((e = data_checked(r, t.content, data)) != 0)
		;
	else if (db_sim_credit_take(&r->pool, appid, to, tid) != DB_OK)
		e = 43101;	/* the follower has not accepted it (or used it up) */
	if (e != 0) {
		json_decref(doc);
		sim_api_error(r, rs, appid, api, e);
		return;
	}
	msgid = atoll(wxpush_msgid(&r->pool)) / 1000;
	db_sim_received_insert(&r->pool, appid, to, "notice",
	    notice_render(&r->pool, t.title, t.content, data), NULL, now, NULL);
	json_decref(doc);
	sim_api_done(r, rs, appid, api);
	sim_defer(appid, event_xml(&r->pool, original_of(r, appid), to, "subscribe_msg_sent_event",
	    pool_printf(&r->pool, "<SubscribeMsgSentEvent><List><TemplateId>%s</TemplateId>"
	    "<MsgID>%lld</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]>"
	    "</ErrorStatus></List></SubscribeMsgSentEvent>", wx_cdata(&r->pool, tid), msgid)));
}

/*
 * POST /sim/templates: appid kind (template or notice) template_id title
 * content [example] [drop=1]: a template added to the account in WeChat's
 * dashboard (or removed).
 */
void
sim_templates_post(struct req *r, struct resp *rs)
{
	const char *appid = req_field(r, "appid"), *kind = req_field(r, "kind");
	const char *id = req_field(r, "template_id"), *drop = req_field(r, "drop");
	const char *title = req_field(r, "title"), *content = req_field(r, "content");
	enum dbrc   rc;

	if (appid == NULL || kind == NULL || id == NULL || (strcmp(kind, "template") != 0 &&
	    strcmp(kind, "notice") != 0) || (!drop && (title == NULL || content == NULL))) {
		resp_text(rs, 400, "appid, kind (template or notice), template_id, title and "
		    "content are required\n");
		return;
	}
	rc = drop ? db_sim_tpl_drop(&r->pool, appid, kind, id) : db_sim_tpl_put(&r->pool, appid,
	    kind, id, title, content, req_field(r, "example") ? req_field(r, "example") : "");
	if (rc != DB_OK)
		resp_text(rs, 503, "database unavailable\n");
	else
		resp_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

/*
 * The phone's consent (sim-phone.c): action notice_accept or notice_reject
 * (the popup of an article, scene 2), notice_off (WeChat's settings), or
 * templates_off / templates_on; the event's XML into *m's a1 (NULL: no
 * push). 0, or -1 for an unknown action.
 */
int
sim_notice_action(struct req *r, const char *appid, const char *openid, const char *action,
    const char *tid, const char **event, const char **more)
{
	const char *t = tid && *tid ? wx_cdata(&r->pool, tid) : NULL;

	*event = *more = NULL;
	if (strcmp(action, "templates_off") == 0 || strcmp(action, "templates_on") == 0) {
		db_sim_templates_off(&r->pool, appid, openid, strcmp(action, "templates_off") == 0);
		return 0;
	}
	if (t == NULL)
		return -1;
	if (strcmp(action, "notice_accept") == 0 || strcmp(action, "notice_reject") == 0) {
		int accept = strcmp(action, "notice_accept") == 0;
		if (accept)
			db_sim_credit_add(&r->pool, appid, openid, tid);
		*event = "subscribe_msg_popup_event";
		*more = pool_printf(&r->pool, "<SubscribeMsgPopupEvent><List><TemplateId>%s"
		    "</TemplateId><SubscribeStatusString>%s</SubscribeStatusString><PopupScene>2"
		    "</PopupScene></List></SubscribeMsgPopupEvent>", t, accept ? "accept" : "reject");
		return 0;
	}
	if (strcmp(action, "notice_off") == 0) {
		db_sim_credit_clear(&r->pool, appid, openid, tid);
		*event = "subscribe_msg_change_event";
		*more = pool_printf(&r->pool, "<SubscribeMsgChangeEvent><List><TemplateId>%s"
		    "</TemplateId><SubscribeStatusString>reject</SubscribeStatusString></List>"
		    "</SubscribeMsgChangeEvent>", t);
		return 0;
	}
	return -1;
}

/* the follower's acceptances of a notice template left (the phone shows them) */
long long
sim_notice_credits(struct req *r, const char *appid, const char *openid, const char *tid)
{
	return db_sim_credits(&r->pool, appid, openid, tid);
}

/* an event push's XML for the phone (sim-phone.c) */
char *
sim_event_xml(struct pool *p, const char *to, const char *from, const char *event,
    const char *more)
{
	return event_xml(p, to, from, event, more);
}
