/* botsvc.c: the question to an account's external bot service, and its
 * answer read (see botsvc.h). */
#include <string.h>

#include "bot.h"
#include "botsvc.h"
#include "hooks.h"
#include "http.h"
#include "json.h"

int
botsvc_parse(struct pool *p, const char *body, size_t n, struct botsvc_answer *a)
{
	json_t     *doc = json_loadb(body, n, 0, NULL);
	const char *type, *text, *url;
	int         rc = -1;

	memset(a, 0, sizeof *a);
	if (doc == NULL || !json_is_object(doc) ||
	    (type = json_string_value(json_object_get(doc, "type"))) == NULL)
		goto out;
	text = json_string_value(json_object_get(doc, "text"));
	url = json_string_value(json_object_get(doc, "url"));
	if (strcmp(type, "none") == 0)
		a->kind = BS_NOTHING, rc = 0;
	else if (strcmp(type, "text") == 0 && text && *text && v_bot_text(text) == NULL)
		a->kind = BS_TEXT, a->text = pool_strdup(p, text), rc = 0;
	else if (strcmp(type, "handoff") == 0 && (text == NULL || v_bot_text(text) == NULL)) {
		a->kind = BS_HANDOFF, rc = 0;
		a->text = text && *text ? pool_strdup(p, text) : NULL;
	} else if (strcmp(type, "image") == 0 && url && strlen(url) <= 500 &&
	    v_http_url(url) == NULL)
		a->kind = BS_PICTURE, a->url = pool_strdup(p, url), rc = 0;
out:
	json_decref(doc);
	return rc;
}

/* one message of the chat as the service is told it */
static json_t *
message_json(long long id, const char *from, const char *type, const char *body, long long at)
{
	return json_pack("{s:I,s:s,s:s,s:o,s:I}", "id", (json_int_t)id, "from", from, "type",
	    type, "text", strcmp(type, "text") == 0 && body ? json_string(body) : json_null(),
	    "at", (json_int_t)at);
}

/* the question's body: the account, the chat, the follower, the message and
 * the chat's recent messages, oldest first */
static void
question(struct buf *b, const char *id, const struct bot_ask_about *q,
    const struct bot_ask_recent *rec, size_t n)
{
	json_t *recent = json_array();

	for (size_t i = n; i-- > 0;)
		json_array_append_new(recent, message_json(rec[i].id, strcmp(rec[i].direction, "in") ==
		    0 ? "follower" : rec[i].bot ? "bot" : rec[i].operator ? "operator" : "wxdesk",
		    rec[i].msg_type, rec[i].body, rec[i].at));
	json_put(b, json_pack("{s:s,s:s,s:{s:I,s:o,s:o},s:{s:I,s:I},s:{s:o,s:o,s:o},s:o,s:o}",
	    "id", id, "event", "bot_service.message",
	    "account", "id", (json_int_t)q->channel_id, "app_id", json_s(q->app_id), "brand",
	    json_s(q->brand),
	    "chat", "id", (json_int_t)q->chat_id, "opened_at", (json_int_t)q->chat_opened,
	    "follower", "openid", json_s(q->openid), "name", q->shown_name ?
	    json_string(q->shown_name) : json_null(), "language", q->language ?
	    json_string(q->language) : json_null(),
	    "message", message_json(q->id, "follower", q->msg_type, q->body, q->at),
	    "recent", recent));
}

enum botsvc_rc
botsvc_ask(struct pool *p, long long msg, long timeout_ms, struct botsvc_answer *a,
    const char **why)
{
	struct bot_ask_about   q;
	struct bot_ask_recent *rec = NULL;
	size_t                 n = 0;
	struct buf             b = { 0 };
	struct http_resp       hr;
	const char            *hdr[4], *secret, *id;
	long long              now = (long long)wx_now();
	enum botsvc_rc         rc = BS_FAILED;

	*why = "botsvc.unreadable";
	if (db_bot_ask_about(p, msg, &q) != DB_OK || q.url == NULL ||
	    db_bot_ask_recent(p, q.chat_id, msg, &rec, &n) != DB_OK)
		return BS_FAILED;	/* (the database: nothing to count it in) */
	secret = q.secret_enc ? secret_decrypt(p, q.secret_enc) : NULL;
	if (secret == NULL) {
		*why = "botsvc.no_secret";
		goto failed;
	}
	/* the delivery's id, the same on every try, in the body too */
	id = pool_printf(p, "bot-%lld", msg);
	question(&b, id, &q, rec, n);
	hdr[0] = "X-Wxdesk-Event: bot_service.message";
	hdr[1] = pool_printf(p, "X-Wxdesk-Delivery: %s", id);
	hdr[2] = pool_printf(p, "X-Wxdesk-Signature: %s", hook_signature(p, secret, now, b.data,
	    b.len));
	hdr[3] = NULL;
	(void)http_call_h(q.url, "application/json", b.data, b.len, NULL, hdr, timeout_ms, &hr);
	buf_free(&b);
	if (hr.timed_out)
		rc = BS_TIMEOUT, *why = "botsvc.timeout";
	else if (hr.status == 0)
		*why = "botsvc.unreachable";
	else if (hr.status < 200 || hr.status > 299)
		*why = "botsvc.status";
	else if (botsvc_parse(p, hr.body.data ? hr.body.data : "", hr.body.len, a) != 0)
		*why = "botsvc.bad_answer";
	else
		rc = BS_ANSWERED, *why = NULL;
	http_resp_free(&hr);
	if (rc != BS_FAILED)
		return rc;
failed:
	(void)db_bot_service_failed(p, q.channel_id, *why, now);
	return BS_FAILED;
}
