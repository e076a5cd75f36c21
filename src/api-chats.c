/*
 * api-chats.c: the API's chats (api.h): the list, one chat with its
 * messages, and what staff do to a chat: send (text, a file, or both),
 * assign, transfer, close, add a note. Each change is the console's own
 * transition (chat.h, send.h) under the same rules: a send is claimed by
 * the same statement as an operator's reply, and a refusal names the rule
 * (the code) in the console's words.
 *
 * A change is made by a staff member: "as" (their id) in the body, else
 * the chat's operator for a send, else the token's maker.
 */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "api.h"
#include "chat.h"
#include "json.h"
#include "send.h"
#include "staff.h"
#include "topics.h"
#include "ui.h"
#include "ui-console.h"

/* a form's (multipart) fields, beside its file */
static const struct field as_field[] = { { "as", "api.as", F_OPTIONAL, v_id } };
static const struct field text_field[] = { { "text", "chat.reply", F_OPTIONAL, v_utf8 } };

static json_t *
chat_json(const struct api_chat_row *c)
{
	return json_pack("{s:I,s:I,s:I,s:{s:I,s:s,s:o},s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:I,s:o}",
	    "id", (json_int_t)c->id, "channel_id", (json_int_t)c->channel_id,
	    "brand_id", (json_int_t)c->brand_id,
	    "follower", "id", (json_int_t)c->follower_id, "openid", c->openid,
	    "name", c->follower_name ? json_string(c->follower_name) : json_null(),
	    "department_id", api_id(c->department_id),
	    "operator_id", api_id(c->operator_id), "state", c->state,
	    "close_reason", c->close_reason ? json_string(c->close_reason) : json_null(),
	    "started_at", api_time(c->started_at),
	    "last_follower_message_at", api_time(c->last_user_msg_at),
	    "closed_at", api_time(c->closed_at), "rating", api_id(c->rating),
	    "messages_in", (json_int_t)c->messages_in,
	    "summary", c->summary ? json_string(c->summary) : json_null());
}

static json_t *
message_json(const struct api_message_row *m)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:I}",
	    "id", (json_int_t)m->id, "direction", m->direction, "type", m->msg_type,
	    "text", m->body ? json_string(m->body) : json_null(),
	    "author_id", api_id(m->author_id),
	    "delivery_state", m->delivery_state ? json_string(m->delivery_state) : json_null(),
	    "errcode", m->wx_errcode ? json_integer(m->wx_errcode) : json_null(),
	    "attachment", m->attachment_id ? json_pack("{s:I,s:s}", "id",
	    (json_int_t)m->attachment_id, "mime", m->mime ? m->mime : "") : json_null(),
	    "created_at", (json_int_t)m->created_at);

	if (m->event)
		json_object_set_new(o, "event", json_string(m->event));
	return o;
}

/* GET /api/v1/chats: ?state= (open, or a state), department_id,
 * operator_id, follower_id, limit, cursor */
void
api_chats_get(struct req *r, struct resp *rs)
{
	struct api_chat_filter f = { 0 };
	struct api_chat_row   *rows;
	size_t                 n;
	json_t                *items;
	const char            *st = req_arg(r, "state");
	static const char *const states[] = { "", "open", "waiting", "missed", "active", "bot",
		"followup", "closed" };
	int                    known = 0;

	if (api_page(r, rs, 50, 200, &f.limit, &f.after) != 0)
		return;
	f.state = st ? st : "";
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		known |= strcmp(f.state, states[i]) == 0;
	if (!known) {
		api_error(r, rs, 400, "bad_filter", LF(r, "api.error.bad_state", f.state));
		return;
	}
	f.brand = api_brand(r);
	if (api_arg_id(r, rs, "department_id", &f.department) != 0 ||
	    api_arg_id(r, rs, "operator_id", &f.operator) != 0 ||
	    api_arg_id(r, rs, "follower_id", &f.follower) != 0)
		return;
	if (db_api_chats(&r->pool, &f, &rows, &n) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, chat_json(&rows[i]));
	api_list(rs, items, n == (size_t)f.limit ? rows[n - 1].id : 0);
}

/* chat r->ids[0], if the token may see it: 0, or -1 answered */
static int
chat_of(struct req *r, struct resp *rs, struct api_chat_row *c)
{
	enum dbrc rc = db_api_chat(&r->pool, r->ids[0], c);

	return api_found(r, rs, rc, rc == DB_OK ? c->brand_id : 0, "chat_not_found");
}

/* messages of chat after the cursor into o's "messages" and
 * "messages_next_cursor": 0, or -1 */
static int
messages_into(struct req *r, json_t *o, long long chat, long long after, int limit)
{
	struct api_message_row *m;
	size_t                  n;
	json_t                 *items;

	if (db_api_messages(&r->pool, chat, after, limit, &m, &n) != DB_OK)
		return -1;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, message_json(&m[i]));
	json_object_set_new(o, "messages", items);
	json_object_set_new(o, "messages_next_cursor", n == (size_t)limit ?
	    json_string(pool_printf(&r->pool, "%lld", m[n - 1].id)) : json_null());
	return 0;
}

/* GET /api/v1/chats/{id}: the chat and its first 200 messages */
void
api_chat_get(struct req *r, struct resp *rs)
{
	struct api_chat_row c;
	json_t             *o;

	if (chat_of(r, rs, &c) != 0)
		return;
	o = chat_json(&c);
	if (messages_into(r, o, c.id, 0, 200) != 0) {
		json_decref(o);
		api_db_down(r, rs);
		return;
	}
	api_ok(rs, 200, o);
}

/* GET /api/v1/chats/{id}/messages: a page of them, oldest first */
void
api_chat_messages_get(struct req *r, struct resp *rs)
{
	struct api_chat_row c;
	long long           after;
	int                 limit;
	json_t             *o;

	if (api_page(r, rs, 100, 500, &limit, &after) != 0 || chat_of(r, rs, &c) != 0)
		return;
	o = json_object();
	if (messages_into(r, o, c.id, after, limit) != 0) {
		json_decref(o);
		api_db_down(r, rs);
		return;
	}
	api_list(rs, json_incref(json_object_get(o, "messages")), json_is_string(json_object_get(o,
	    "messages_next_cursor")) ? strtoll(json_string_value(json_object_get(o,
	    "messages_next_cursor")), NULL, 10) : 0);
	json_decref(o);
}

/*
 * The staff member a change is made as: "as" (a form field or a JSON
 * member), else def, else the token's maker; r->user set to them. 0, or
 * -1 answered.
 */
static int
acting(struct req *r, struct resp *rs, json_t *body, long long def)
{
	long long   id = def ? def : r->token->creator;
	const char *f = NULL;
	json_t     *as = body ? json_object_get(body, "as") : NULL;
	enum dbrc   rc;

	if (json_is_integer(as))
		id = json_integer_value(as);
	else if (body == NULL && !FORM_READ(r, as_field, &f) && *f)
		id = form_ll(f);
	if ((rc = api_as_user(r, id)) == DB_NOTFOUND)
		api_error(r, rs, 422, "staff_not_found", NULL);
	else if (rc != DB_OK)
		api_db_down(r, rs);
	return rc == DB_OK ? 0 : -1;
}

/*
 * The console's rules for who changes a chat, for r->user: a supervisor or
 * an administrator any; an operator one of their departments' (manage: only
 * one that is theirs). 0, or -1 after answering 403.
 */
static int
may_act(struct req *r, struct resp *rs, const struct console_chat *c, int manage)
{
	int member;

	if (r->user->role >= ROLE_SUPERVISOR || c->operator_id == r->user->id)
		return 0;
	if ((member = db_console_member(&r->pool, r->user->id, c->department_id)) < 0) {
		api_db_down(r, rs);
		return -1;
	}
	if (!member)
		api_error(r, rs, 403, "not_member", L(r, "chat.not_member"));
	else if (manage)
		api_error(r, rs, 403, "not_yours", L(r, "chat.manage_only"));
	return member && !manage ? 0 : -1;
}

/* a send refused by a rule: 409 with the rule's code and the console's
 * words, and what went before it (sent: an array, or NULL) */
static void
refused(struct req *r, struct resp *rs, const struct console_chat *c, json_t *sent)
{
	int         ev;
	const char *rule = console_reply_rule(c, r->user->id, &ev);
	const char *code = rule ? rule : "chat_changed";

	resp_json(rs, 409, json_pack("{s:{s:s,s:o,s:i,s:o}}", "error", "code", code,
	    "message", json_s(rule ? console_cannot_reply(r, c) : L(r, "chat.changed")),
	    "status", 409, "sent", sent ? sent : json_array()));
}

/* the send's parts: the text (JSON "text", or the form's) and a file (the
 * form's "file"), kept as the console keeps an attachment; 0, or -1 answered */
static int
send_parts(struct req *r, struct resp *rs, json_t *body, const char **text,
    struct outgoing *file)
{
	const struct kv *f = req_file(r, "file");
	struct ui_file   uf;

	*text = NULL;
	if (body)
		*text = json_string_value(json_object_get(body, "text"));
	else if (FORM_READ(r, text_field, text) || **text == '\0')
		*text = NULL;
	*text = *text ? pool_strdup(&r->pool, *text) : NULL;	/* the body is released first */
	if (*text && (!utf8_valid(*text, strlen(*text)) || utf8_chars(*text) > WX_TEXT_MAX)) {
		api_error(r, rs, 422, "text_too_long", LF(r, "chat.max_chars", WX_TEXT_MAX));
		return -1;
	}
	if (*text && strspn(*text, " \t\r\n") == strlen(*text))
		*text = NULL;
	if (f && f->vlen > 0) {
		if (ui_keep_file(r, "file", f, &uf) != 0) {
			api_error(r, rs, 422, "bad_file", hdf_get_value(r->hdf, "Form.file.Error",
			    L(r, "file.not_kept")));
			return -1;
		}
		*file = (struct outgoing){ uf.type, uf.name, uf.path, uf.mime, uf.attachment, NULL };
	}
	if (*text == NULL && file->type == NULL) {
		api_error(r, rs, 422, "empty_message", NULL);
		return -1;
	}
	return 0;
}

/* one message claimed as r->user: its id, 0 refused (answered), -1 answered */
static long long
send_part(struct req *r, struct resp *rs, struct console_chat *c, const struct outgoing *o,
    json_t *sent)
{
	struct out_chat oc = {
		.chat = c->id, .follower = c->follower_id, .openid = c->openid,
		.ch = { c->channel_id, c->app_id, c->app_secret_enc ?
		    secret_decrypt(&r->pool, c->app_secret_enc) : NULL },
	};
	long long       msg;
	enum dbrc       rc = send_claim(&r->pool, &oc, o, OUT_OPERATOR, r->user->id, NULL, &msg);

	if (rc == DB_OK)
		return msg;
	if (rc == DB_CONFLICT && db_console_chat(&r->pool, c->id, c) == DB_OK) {
		refused(r, rs, c, sent);
		return 0;
	}
	json_decref(sent);
	api_db_down(r, rs);
	return -1;
}

/* chat r->ids[0] as the console reads it, if the token may see it: 0, or
 * -1 answered */
static int
console_row(struct req *r, struct resp *rs, struct console_chat *c)
{
	enum dbrc rc = db_console_chat(&r->pool, r->ids[0], c);

	return api_found(r, rs, rc, rc == DB_OK ? c->brand_id : 0, "chat_not_found");
}

/* the request's JSON body, or NULL for a form (multipart): 0, or -1 answered */
static int
body_of(struct req *r, struct resp *rs, json_t **body)
{
	*body = NULL;
	if (r->ctype && (strncasecmp(r->ctype, "multipart/form-data", 19) == 0 ||
	    strncasecmp(r->ctype, "application/x-www-form-urlencoded", 33) == 0))
		return 0;
	return (*body = api_body(r, rs)) == NULL ? -1 : 0;
}

/* POST /api/v1/chats/{id}/messages: JSON {"text", "as"}, or a form with
 * text, file and as; the file first, as the console sends them */
void
api_chat_send_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct outgoing     file = { 0 }, t = { "text", NULL, NULL, NULL, 0, NULL };
	json_t             *body, *sent;
	const char         *text;
	long long           id;
	int                 ev, bad;

	if (body_of(r, rs, &body) != 0)
		return;
	bad = console_row(r, rs, &c) != 0 || acting(r, rs, body, c.operator_id) != 0 ||
	    send_parts(r, rs, body, &text, &file) != 0;
	json_decref(body);
	if (bad)
		return;
	if (console_reply_rule(&c, r->user->id, &ev) != NULL) {
		refused(r, rs, &c, NULL);
		return;
	}
	sent = json_array();
	if (file.type) {
		if ((id = send_part(r, rs, &c, &file, NULL)) <= 0) {
			json_decref(sent);
			return;
		}
		json_array_append_new(sent, json_pack("{s:I,s:s}", "id", (json_int_t)id, "type",
		    file.type));
		r->token->committed = 1;	/* the file went: a retry must not send it again */
	}
	if (text) {
		t.text = text;
		/* the file went: a refusal of the text says so */
		if ((id = send_part(r, rs, &c, &t, sent)) <= 0)
			return;
		json_array_append_new(sent, json_pack("{s:I,s:s}", "id", (json_int_t)id, "type",
		    "text"));
	}
	api_ok(rs, 202, json_pack("{s:o}", "messages", sent));
}

/* a number member of body (0: absent or not a number) */
static long long
num_of(json_t *body, const char *name)
{
	json_t *v = json_object_get(body, name);

	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* a text member of body, or NULL */
static const char *
text_of(struct req *r, json_t *body, const char *name)
{
	const char *v = json_string_value(json_object_get(body, name));

	return v ? pool_strdup(&r->pool, v) : NULL;
}

/* the chat a change is about, and who makes it: 0, or -1 answered */
static int
change_of(struct req *r, struct resp *rs, json_t **body, struct console_chat *c,
    struct chat_ref *ref, struct chat_actor *a)
{
	if ((*body = api_body(r, rs)) == NULL)
		return -1;
	if (console_row(r, rs, c) != 0 || acting(r, rs, *body, 0) != 0 ||
	    (strcmp(c->state, "closed") != 0 && may_act(r, rs, c, 1) != 0)) {
		json_decref(*body);
		return -1;
	}
	*ref = (struct chat_ref){ c->id, c->channel_id, c->follower_id, c->department_id };
	*a = (struct chat_actor){ r->user->id, r->user->name };
	if (strcmp(c->state, "closed") == 0) {
		json_decref(*body);
		api_error(r, rs, 409, "chat_closed", L(r, "chat.is_closed"));
		return -1;
	}
	return 0;
}

/* the chat as it is now, the answer to a change */
static void
changed(struct req *r, struct resp *rs)
{
	struct api_chat_row c;

	if (chat_of(r, rs, &c) == 0)
		api_ok(rs, 200, chat_json(&c));
}

/* a change's answer: the chat as it is now; a change the chat's state no
 * longer allows (DB_NOTFOUND, DB_CONFLICT), 409 with code and msg; else 503 */
static void
change_end(struct req *r, struct resp *rs, enum dbrc rc, const char *code, const char *msg)
{
	if (rc == DB_OK)
		changed(r, rs);
	else if (rc == DB_NOTFOUND || rc == DB_CONFLICT)
		api_error(r, rs, 409, code, msg);
	else
		api_db_down(r, rs);
}

/* a transfer target of the chat (kind "user" or "dept"): its row, or -1
 * answered */
static int
target_of(struct req *r, struct resp *rs, const char *kind, long long id,
    struct transfer_targets **tt, size_t *n)
{
	if (db_transfer_targets(&r->pool, r->ids[0], tt, n) != DB_OK) {
		api_db_down(r, rs);
		return -1;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*tt)[i].kind, kind) == 0 && (*tt)[i].id == id)
			return (int)i;
	api_error(r, rs, 422, "bad_target", L(r, "chat.choose_target"));
	return -1;
}

/* a transfer to a colleague or a department, as the console makes it */
static void
transfer(struct req *r, struct resp *rs, const struct chat_ref *ref, const struct chat_actor *a,
    int to_user, long long target, const char *note)
{
	struct transfer_targets *tt;
	size_t                   n;
	const char              *busy;
	int                      i = target_of(r, rs, to_user ? "user" : "dept", target, &tt, &n);
	enum dbrc                rc;

	if (i < 0)
		return;
	if (to_user && (busy = console_colleague_away(r, tt, (size_t)i)) != NULL) {
		api_error(r, rs, 409, "not_available", busy);
		return;
	}
	{
		struct chat_transfer t = { to_user, target, tt[i].name, note, 0 };
		rc = chat_transfer(&r->pool, ref, a, &t);
	}
	if (rc == DB_INVALID)
		api_error(r, rs, 409, "not_available", LF(r, "chat.transfer_gone", tt[i].name));
	else
		change_end(r, rs, rc, "chat_changed", L(r, "chat.transfer_changed"));
}

/* POST /api/v1/chats/{id}/assign {"operator_id"}: a waiting chat picked
 * up as them; an active one of someone else's transferred to them */
void
api_chat_assign_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct chat_ref     ref;
	struct chat_actor   a;
	json_t             *body;
	long long           to;

	if (change_of(r, rs, &body, &c, &ref, &a) != 0)
		return;
	to = num_of(body, "operator_id");
	json_decref(body);
	if (to <= 0) {
		api_error(r, rs, 422, "bad_target", L(r, "chat.choose_target"));
		return;
	}
	if (strcmp(c.state, "active") == 0) {
		if (c.operator_id == to)
			changed(r, rs);
		else
			transfer(r, rs, &ref, &a, 1, to, NULL);
		return;
	}
	/* picked up by the operator named, as they would from the queue */
	if (acting(r, rs, NULL, to) != 0)
		return;
	if (r->user->role < ROLE_SUPERVISOR && (c.department_id == 0 ||
	    db_console_member(&r->pool, to, c.department_id) <= 0)) {
		api_error(r, rs, 422, "bad_target", L(r, "chat.choose_target"));
		return;
	}
	a = (struct chat_actor){ r->user->id, r->user->name };
	change_end(r, rs, chat_pickup(&r->pool, &ref, &a), "chat_changed", L(r, "chat.no_pickup"));
}

/* POST /api/v1/chats/{id}/transfer {"department_id"} or {"operator_id"},
 * and a "note" */
void
api_chat_transfer_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct chat_ref     ref;
	struct chat_actor   a;
	json_t             *body;
	long long           dept, user;
	const char         *note;

	if (change_of(r, rs, &body, &c, &ref, &a) != 0)
		return;
	dept = num_of(body, "department_id");
	user = num_of(body, "operator_id");
	note = text_of(r, body, "note");
	json_decref(body);
	if ((dept > 0) == (user > 0)) {
		api_error(r, rs, 422, "bad_target", L(r, "chat.choose_target"));
		return;
	}
	if (note && utf8_chars(note) > 500) {
		api_error(r, rs, 422, "note_too_long", L(r, "chat.note_max"));
		return;
	}
	transfer(r, rs, &ref, &a, user > 0, user > 0 ? user : dept, note);
}

/* POST /api/v1/chats/{id}/close {"topic_id", "summary"} */
void
api_chat_close_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct chat_ref     ref;
	struct chat_actor   a;
	struct chat_summary sum;
	struct topic        t;
	json_t             *body;
	enum dbrc           rc;

	if (change_of(r, rs, &body, &c, &ref, &a) != 0)
		return;
	sum.topic = num_of(body, "topic_id");
	sum.note = text_of(r, body, "summary");
	json_decref(body);
	if (sum.note && utf8_chars(sum.note) > 500) {
		api_error(r, rs, 422, "summary_too_long", L(r, "chat.note_max"));
		return;
	}
	if (sum.topic == 0) {	/* the brand's rule: a topic when it has topics and asks for one */
		struct topic *l = NULL;
		size_t        n = 0;
		int           required = db_topic_required(&r->pool, c.brand_id);
		if (required < 0 || (required && db_topics(&r->pool, c.brand_id, &l, &n) != DB_OK)) {
			api_db_down(r, rs);
			return;
		}
		if (required && n > 0) {
			api_error(r, rs, 422, "topic_required", L(r, "chat.topic_required"));
			return;
		}
	}
	if (sum.topic && (rc = db_topic_get(&r->pool, c.brand_id, sum.topic, &t)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			api_error(r, rs, 422, "bad_topic", L(r, "chat.topic_gone"));
		else
			api_db_down(r, rs);
		return;
	}
	change_end(r, rs, chat_close(&r->pool, &ref, &a, &sum), "chat_closed", L(r, "chat.is_closed"));
}

/* POST /api/v1/chats/{id}/notes {"text"}: a note for colleagues */
void
api_chat_note_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct chat_ref     ref;
	json_t             *body;
	const char         *text;
	enum dbrc           rc;

	if ((body = api_body(r, rs)) == NULL)
		return;
	if (console_row(r, rs, &c) != 0 || acting(r, rs, body, 0) != 0 ||
	    may_act(r, rs, &c, 0) != 0) {
		json_decref(body);
		return;
	}
	text = text_of(r, body, "text");
	json_decref(body);
	if (text == NULL || strspn(text, " \t\r\n") == strlen(text) ||
	    utf8_chars(text) > WX_TEXT_MAX) {
		api_error(r, rs, 422, "bad_note", LF(r, "chat.note_bad", WX_TEXT_MAX));
		return;
	}
	ref = (struct chat_ref){ c.id, c.channel_id, c.follower_id, c.department_id };
	if ((rc = chat_staff_note(&r->pool, &ref, r->user->name, text)) != DB_OK)
		api_db_down(r, rs);
	else
		changed(r, rs);
}
