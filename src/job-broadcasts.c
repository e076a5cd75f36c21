/*
 * job-broadcasts.c: the worker sends the broadcasts that came due
 * (broadcast.h): a preview with mass/preview, a send with mass/sendall and
 * its clientmsgid. WeChat's answer is recorded: taken (a
 * 45065 says it already has this clientmsgid's broadcast: taken too, once),
 * not now (a quota, WeChat out of reach: again later), or refused.
 */
#include <stdlib.h>
#include <string.h>

#include "broadcast.h"
#include "http.h"
#include "job.h"
#include "json.h"

#define BROADCAST_LEASE 120
#define BROADCASTS_A_TICK 20

/* errcodes that say "not now" */
static int
later(long e)
{
	return e == -2 || e == -1 || e == 45009 || e == 45011 || e == 40001 || e == 42001;
}

static long
send_one(struct pool *p, const struct broadcast_due *b, const struct wxapi_channel *ch,
    const char **msgid)
{
	int              preview = strcmp(b->kind, "preview") == 0;
	json_t          *req = json_pack("{s:{s:o},s:s}", "text", "content", json_s(b->content),
	    "msgtype", "text");
	struct http_resp r;
	struct wx_field *f = NULL;
	struct buf       body = { 0 };
	long             e;

	if (preview)
		json_object_set_new(req, "touser", json_s(b->openid));
	else if (b->to_list) {
		/* message/mass/send: the list's followers who still follow */
		struct broadcast_openid *o = NULL;
		size_t                   n = 0;
		json_t                  *to = json_array();
		if (db_broadcast_openids(p, b->id, &o, &n) != DB_OK) {
			json_decref(req);
			json_decref(to);
			return -2;
		}
		for (size_t i = 0; i < n; i++)
			json_array_append_new(to, json_s(o[i].openid));
		json_object_set_new(req, "touser", to);
		json_object_set_new(req, "clientmsgid", json_s(b->client_id));
	} else {
		json_object_set_new(req, "filter", b->tag_wx == 0 ? json_pack("{s:b}", "is_to_all", 1) :
		    json_pack("{s:b,s:I}", "is_to_all", 0, "tag_id", (json_int_t)b->tag_wx));
		json_object_set_new(req, "clientmsgid", json_s(b->client_id));
		json_object_set_new(req, "send_ignore_reprint", json_integer(0));
	}
	json_put(&body, req);
	memset(&r, 0, sizeof r);
	e = wxapi_call(p, ch, preview ? "/cgi-bin/message/mass/preview" : b->to_list ?
	    "/cgi-bin/message/mass/send" : "/cgi-bin/message/mass/sendall", NULL, body.data, NULL,
	    &r, &f);
	buf_free(&body);
	http_resp_free(&r);
	*msgid = wx_get(f, "msg_id") ? pool_strdup(p, wx_get(f, "msg_id")) : NULL;
	/* the same clientmsgid again: WeChat has it already, under msg_id */
	return e == 45065 && *msgid ? 0 : e;
}

void
job_broadcasts(struct pool *p)
{
	struct broadcast_due *b = NULL;
	size_t                n = 0;
	time_t                now = wx_now();

	if (db_broadcasts_due(p, now, &b, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && i < BROADCASTS_A_TICK && !job_stopping; i++) {
		struct wxapi_channel ch;
		const char          *msgid = NULL;
		long                 e;

		now = wx_now();	/* (each lease from when it is taken) */
		if (db_broadcast_claim(p, b[i].id, now + BROADCAST_LEASE, now) != DB_OK)
			continue;	/* another worker has it */
		if (strcmp(b[i].kind, "send") == 0 && b[i].tag_wx == -2) {
			db_broadcast_refused(p, b[i].id, 45159, now);	/* its tag was deleted */
			continue;
		}
		if (job_channel(p, b[i].channel_id, &ch) != 0) {
			db_broadcast_retry(p, b[i].id, -2, now + 60);
			continue;
		}
		if (strcmp(b[i].kind, "send") == 0 && b[i].tag_wx == -1) {
			/* the tag is not in WeChat yet (tags.h makes it) */
			db_broadcast_retry(p, b[i].id, 0, now + 60);
			continue;
		}
		if (strcmp(b[i].kind, "preview") == 0 && b[i].openid == NULL) {
			db_broadcast_refused(p, b[i].id, 40003, now);
			continue;
		}
		e = send_one(p, &b[i], &ch, &msgid);
		if (e == 0)
			broadcast_sent(p, b[i].id, msgid, wx_now());
		else if (later(e))
			db_broadcast_retry(p, b[i].id, e, now + (e == 45009 ? 3600 : 60));
		else
			db_broadcast_refused(p, b[i].id, e, now);
		if (e != 0)
			wx_log("broadcast %lld: %s", b[i].id, wxapi_errtext(e));
	}
}
