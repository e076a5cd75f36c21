/*
 * sim-mass.c: the simulator's broadcasts, as WeChat sends them:
 * message/mass/sendall to every follower or to a tag's, a text (or
 * message/mass/send to a list), each follower receiving at most 4
 * broadcasts to everyone a month (the rest filtered out; one to a tag or a
 * list is not counted); the same
 * clientmsgid again is refused with 45065 and the first one's msg_id; its
 * result, MASSSENDJOBFINISH, pushed after the answer. message/mass/preview
 * puts the text on one follower's phone and counts toward nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/broadcast.h"
#include "sim-db.h"
#include "sim.h"
#include "wxpush.h"

/* the body, its text (NULL after answering the error) */
static json_t *
text_of(struct req *r, struct resp *rs, const char *appid, const char *api, const char **text)
{
	json_t *doc = r->body ? json_loadb(r->body, r->clen, 0, NULL) : NULL;
	json_t *t = json_object_get(json_object_get(doc, "text"), "content");
	json_t *type = json_object_get(doc, "msgtype");

	if (doc == NULL || !json_is_string(t) || !json_is_string(type) ||
	    strcmp(json_string_value(type), "text") != 0) {
		json_decref(doc);
		sim_api_error(r, rs, appid, api, 47001);
		return NULL;
	}
	*text = pool_strdup(&r->pool, json_string_value(t));
	return doc;
}

/*
 * A broadcast of text to the followers u (n of them) under clientmsgid cid:
 * the same cid again answers 45065 with the first msg_id; each follower
 * receives it, unless (counted: one to everyone, which enters the account's
 * history) they had this month's 4; MASSSENDJOBFINISH follows.
 */
static void
broadcast(struct req *r, struct resp *rs, const char *appid, const char *api, const char *text,
    const char *cid, const struct sim_openid *u, size_t n, int counted)
{
	long long    now = (long long)wx_now(), msgid;
	const char  *month = broadcast_month(&r->pool, (time_t)now), *original;
	struct dbres a;
	size_t       sent = 0;

	if (cid && *cid && (msgid = db_sim_mass_get(&r->pool, appid, cid)) > 0) {
		sim_api_ok(r, appid, api);	/* (an answer, not a fault) */
		resp_json(rs, 200, json_pack("{s:i,s:s,s:I}", "errcode", 45065, "errmsg",
		    "clientmsgid exist", "msg_id", (json_int_t)msgid));
		return;
	}
	msgid = atoll(wxpush_msgid(&r->pool)) / 100000000LL;
	if (cid && *cid)
		db_sim_mass_put(&r->pool, appid, cid, msgid, now);
	for (size_t i = 0; i < n; i++) {
		/* a broadcast to everyone: this month's 4 received, filtered out */
		if (counted && db_sim_mass_received(&r->pool, appid, u[i].openid, month) >=
		    BROADCAST_MONTH_MAX)
			continue;
		if (counted)
			db_sim_mass_receive(&r->pool, appid, u[i].openid, month);
		db_sim_received_insert(&r->pool, appid, u[i].openid, "mass", text, NULL, now, NULL);
		sent++;
	}
	sim_api_ok(r, appid, api);
	resp_json(rs, 200, json_pack("{s:i,s:s,s:I,s:I}", "errcode", 0, "errmsg",
	    "send job submission success", "msg_id", (json_int_t)msgid, "msg_data_id",
	    (json_int_t)(msgid * 7 % 1000000000)));
	original = db_sim_account_get(&r->pool, appid, &a) == DB_OK && a.nrows == 1 ?
	    pool_strdup(&r->pool, db_cell(&a, 0, SA_ORIGINAL)) : "";
	/* (from WeChat's mass-send helper, no follower) */
	sim_defer(appid, sim_event_xml(&r->pool, original, "mphelper", "MASSSENDJOBFINISH",
	    pool_printf(&r->pool, "<MsgID>%lld</MsgID><Status><![CDATA[send success]]></Status>"
	    "<TotalCount>%zu</TotalCount><FilterCount>%zu</FilterCount><SentCount>%zu</SentCount>"
	    "<ErrorCount>0</ErrorCount>", msgid, n, sent, sent)));
}

/* the body's clientmsgid, or NULL */
static const char *
client_id(struct req *r, json_t *doc)
{
	json_t *c = json_object_get(doc, "clientmsgid");

	return json_is_string(c) ? pool_strdup(&r->pool, json_string_value(c)) : NULL;
}

/* POST /cgi-bin/message/mass/sendall: to every follower, or a tag's */
void
sim_mass_sendall_post(struct req *r, struct resp *rs)
{
	const char        *api = "mass_sendall", *appid = sim_check_token(r, rs, api), *text;
	json_t            *doc, *filter;
	struct sim_openid *u = NULL;
	size_t             n = 0;
	long long          tag = 0;
	const char        *cid;

	if (appid == NULL || (doc = text_of(r, rs, appid, api, &text)) == NULL)
		return;
	filter = json_object_get(doc, "filter");
	cid = client_id(r, doc);
	if (!json_is_true(json_object_get(filter, "is_to_all"))) {
		json_t *t = json_object_get(filter, "tag_id");
		struct sim_tag st;
		tag = json_is_integer(t) ? json_integer_value(t) : json_is_string(t) ?
		    atoll(json_string_value(t)) : 0;
		if (tag <= 0 || db_sim_tag_id(&r->pool, appid, tag, &st) != DB_OK) {
			json_decref(doc);
			sim_api_error(r, rs, appid, api, 45159);
			return;
		}
	}
	json_decref(doc);
	if (db_sim_mass_audience(&r->pool, appid, tag, &u, &n) != DB_OK) {
		sim_api_error(r, rs, appid, api, -1);
		return;
	}
	broadcast(r, rs, appid, api, text, cid, u, n, tag == 0);
}

/* POST /cgi-bin/message/mass/send: to a list of 2 to 10,000 OpenIDs (a
 * verified service account's); those who do not follow are left out */
void
sim_mass_send_post(struct req *r, struct resp *rs)
{
	const char        *api = "mass_send", *appid = sim_check_token(r, rs, api), *text, *cid;
	json_t            *doc, *to;
	struct sim_openid *u;
	size_t             n = 0, k = 0;

	if (appid == NULL || (doc = text_of(r, rs, appid, api, &text)) == NULL)
		return;
	to = json_object_get(doc, "touser");
	cid = client_id(r, doc);
	if (!sim_verified(r, appid) || !json_is_array(to) ||
	    json_array_size(to) < BROADCAST_LIST_MIN || json_array_size(to) > BROADCAST_LIST_MAX) {
		long e = !sim_verified(r, appid) ? 48001 : 40130;
		json_decref(doc);
		sim_api_error(r, rs, appid, api, e);
		return;
	}
	n = json_array_size(to);
	u = pool_alloc(&r->pool, n * sizeof *u);
	for (size_t i = 0; i < n; i++) {
		json_t      *o = json_array_get(to, i);
		struct dbres f;
		if (!json_is_string(o) || db_sim_user_get(&r->pool, appid, json_string_value(o), &f) !=
		    DB_OK || f.nrows == 0 || db_int(&f, 0, SU_SUBSCRIBED) == 0)
			continue;
		u[k++].openid = pool_strdup(&r->pool, json_string_value(o));
	}
	json_decref(doc);
	broadcast(r, rs, appid, api, text, cid, u, k, 0);
}

/* POST /cgi-bin/message/mass/preview {touser, text, msgtype} */
void
sim_mass_preview_post(struct req *r, struct resp *rs)
{
	const char  *api = "mass_preview", *appid = sim_check_token(r, rs, api), *text, *to;
	json_t      *doc, *t;
	struct dbres u;

	if (appid == NULL || (doc = text_of(r, rs, appid, api, &text)) == NULL)
		return;
	t = json_object_get(doc, "touser");
	to = json_is_string(t) ? pool_strdup(&r->pool, json_string_value(t)) : NULL;
	json_decref(doc);
	if (to == NULL || db_sim_user_get(&r->pool, appid, to, &u) != DB_OK || u.nrows == 0 ||
	    db_int(&u, 0, SU_SUBSCRIBED) == 0) {
		sim_api_error(r, rs, appid, api, 40003);
		return;
	}
	db_sim_received_insert(&r->pool, appid, to, "mass", text, NULL, (long long)wx_now(), NULL);
	sim_api_ok(r, appid, api);
	resp_json(rs, 200, json_pack("{s:i,s:s,s:I}", "errcode", 0, "errmsg", "preview success",
	    "msg_id", (json_int_t)(atoll(wxpush_msgid(&r->pool)) / 100000000LL)));
}
