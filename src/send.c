/* send.c: the one path a message takes to a follower (see send.h). */
#include <stdio.h>
#include <string.h>

#include "botsvc.h"
#include "csat.h"
#include "json.h"
#include "media.h"
#include "notice.h"
#include "send.h"
#include "tell.h"
#include "console.h"
#include "chat.h"

struct claim {
	const struct out_chat *c;
	const struct outgoing *o;
	enum out_claim         who;
	long long              author, *msg;
	struct msg_row         m;
};

static enum dbrc
claim_step(struct pool *p, void *arg)
{
	struct claim *x = arg;
	long long     chat = x->c->chat;
	/* the chat's row first takes in the follower's newest message (the
	 * webhook stores it without touching the row), under the row's lock */
	enum dbrc     rc = db_chat_catch_up(p, chat);
	int           went;

	/* an operator's reply goes behind the follower's held replies (chat.h) */
	if (rc == DB_OK && x->who == OUT_OPERATOR)
		rc = db_held_release(p, chat, x->c->follower, (long long)wx_now(), &went);
	if (rc == DB_OK)
		rc = x->who == OUT_WARNING ? db_warn_claim(p, chat, wx_now() - WX_WINDOW) :
		    x->who == OUT_CSAT ? db_csat_claim(p, chat, (long long)wx_now(),
		    (long long)wx_now() - WX_WINDOW) :
		    x->who == OUT_LEAVE ? db_tell_leave_claim(p, chat, (long long)wx_now(),
		    (long long)wx_now() - WX_WINDOW) :
		    x->who == OUT_BOT || x->who == OUT_BOT_MISS ? db_bot_claim(p, chat,
		    (long long)wx_now(), (long long)wx_now() - WX_WINDOW) :
		    db_out_claim(p, chat, x->author, wx_now() - WX_WINDOW);
	if (rc == DB_OK && x->m.direction == NULL)	/* a retry: the message exists */
		rc = db_out_result(p, *x->msg, "sending", 0);
	else if (rc == DB_OK)
		rc = db_message_out(p, &x->m, x->o->attachment, x->author, x->who == OUT_CLOSING,
		    x->msg);
	if (rc == DB_OK && (x->who == OUT_BOT || x->who == OUT_BOT_MISS))
		rc = db_message_bot(p, *x->msg, x->who == OUT_BOT_MISS);
	return rc;
}

enum dbrc
send_claim(struct pool *p, const struct out_chat *c, const struct outgoing *o,
    enum out_claim who, long long author, const char *dedupe, long long *msg)
{
	struct claim x = { c, o, who, author, msg, {
		.channel_id = c->ch.id, .follower_id = c->follower, .chat_id = c->chat,
		.direction = "out", .msg_type = o->type, .body = o->text,
		.dedupe_key = dedupe ? dedupe : pool_printf(p, "o:%s", rand_hex(p, 16)),
		.media_state = "none", .created_at = wx_now(),
	} };

	return db_txn(p, claim_step, &x);
}

enum dbrc
send_reclaim(struct pool *p, const struct out_chat *c, long long author, long long msg)
{
	struct claim x = { c, NULL, OUT_OPERATOR, author, &msg, { 0 } };

	return db_txn(p, claim_step, &x);
}

/* Uploads a file with media/upload; its media id, or NULL with *e set. */
const char *
send_upload(struct pool *p, const struct wxapi_channel *ch, const struct outgoing *o, long *e)
{
	struct http_resp hr;
	struct wx_field *f;
	struct http_file file = { "media", NULL, o->mime, NULL, 0 };
	const char      *id = NULL;
	/* (no path: the file's row is gone) */
	FILE            *in = o->path ? fopen(media_file(p, o->path), "rb") : NULL;
	struct buf       data = { 0 };
	char             chunk[65536];
	size_t           n;

	if (in == NULL) {
		*e = -3;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		buf_append(&data, chunk, n);
	fclose(in);
	file.filename = pool_printf(p, "upload.%s", strrchr(o->path, '.') ?
	    strrchr(o->path, '.') + 1 : "bin");
	file.data = data.data;
	file.len = data.len;
	*e = wxapi_call(p, ch, "/cgi-bin/media/upload", pool_printf(p, "type=%s", o->type),
	    NULL, &file, &hr, &f);
	if (*e == 0 && (id = wx_get(f, "media_id")) == NULL)
		*e = -2;
	id = id ? pool_strdup(p, id) : NULL;
	http_resp_free(&hr);
	buf_free(&data);
	return id;
}

/*
 * A template message or a subscription notice (notice.h): its request, to
 * the follower, a template with its client_msg_id (the request's own), so
 * that a call tried again is one message at WeChat. Counts toward no window.
 */
static long
deliver_notice(struct pool *p, const struct out_chat *c, long long msg, const struct outgoing *o)
{
	int              notice = strcmp(o->type, "notice") == 0;
	json_t          *req = o->fields ? json_loads(o->fields, 0, NULL) : NULL;
	struct http_resp hr;
	struct wx_field *f = NULL;
	struct buf       b = { 0 };
	const char      *msgid = NULL;
	long             e;

	if (req == NULL || c->ch.secret == NULL)
		e = req == NULL ? 47001 : -2;
	else {
		json_object_set_new(req, "touser", json_s(c->openid));
		if (notice) {
			/* bizsend's jump is a page */
			json_t *url = json_object_get(req, "url");
			if (json_is_string(url))
				json_object_set(req, "page", url);
			json_object_del(req, "url");
			json_object_del(req, "client_msg_id");
		} else if (!json_is_string(json_object_get(req, "client_msg_id")))
			json_object_set_new(req, "client_msg_id", json_string(pool_printf(p,
			    NOTICE_CLIENT_ID_FMT, msg)));
		json_put(&b, json_incref(req));
		memset(&hr, 0, sizeof hr);
		e = wxapi_call(p, &c->ch, notice ? "/cgi-bin/" NOTICE_BIZSEND_API :
		    "/cgi-bin/" NOTICE_TEMPLATE_API, NULL, b.data, NULL, &hr, &f);
		if (e == 0 && (msgid = wx_get(f, "msgid")) != NULL)
			msgid = pool_strdup(p, msgid);
		http_resp_free(&hr);
		buf_free(&b);
	}
	json_decref(req);
	if (e != 0)
		wx_log("chat %lld: %s %lld not delivered: %s", c->chat, o->type, msg,
		    send_failure(e));
	notice_result(p, msg, o->type, e, msgid);
	return e;
}

long
send_deliver(struct pool *p, const struct out_chat *c, long long msg, const struct outgoing *o)
{
	long        e = -2;
	const char *media = NULL;

	if (strcmp(o->type, "template") == 0 || strcmp(o->type, "notice") == 0)
		return deliver_notice(p, c, msg, o);
	if (c->ch.secret == NULL)
		e = -2;
	else if (strcmp(o->type, "text") == 0)
		e = wxapi_send(p, &c->ch, c->openid, "text", o->text);
	else {
		/* busy while uploading is tried again too */
		for (int attempt = 0; attempt < 3 && media == NULL; attempt++)
			if ((media = send_upload(p, &c->ch, o, &e)) == NULL && e != -1)
				break;
		if (media)
			e = wxapi_send(p, &c->ch, c->openid, o->type, media);
	}
	if (e != 0)
		wx_log("chat %lld: message %lld not delivered: %s", c->chat, msg,
		    send_failure(e));
	db_out_result(p, msg, e == 0 ? "delivered" : "failed", e);
	if (e != 0)
		db_out_unclaim(p, c->chat);	/* an undelivered message does not count */
	return e;
}

const char *
send_failure(long e)
{
	return e == -2 ? "WeChat could not be reached" : e == -3 ? "its file is missing" :
	    wxapi_errtext(e);
}
