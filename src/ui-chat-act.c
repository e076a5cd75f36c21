/*
 * ui-chat-act.c: what an operator does to a chat from its page: pick it up,
 * answer it within WeChat's rules (48 hours since the follower's last
 * message, 5 in a row: counted by the database in the statement that
 * stores the reply, db_out_claim, so a second tab or a direct POST cannot
 * get round them; the reply then waits in the outbox), retry, close,
 * transfer, decline an offer. Each change is a transition of chat.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chat.h"
#include "db.h"
#include "intake.h"
#include "json.h"
#include "hours.h"
#include "media.h"
#include "assign.h"
#include "send.h"
#include "topics.h"
#include "ui.h"
#include "ui-console.h"
#include "wxapi.h"
#include "console.h"


/* The chat a page's row is about, and who is acting, for chat.h. */
static struct chat_ref
ref_of(const struct console_chat *c)
{
	struct chat_ref ref = { c->id, c->channel_id,
		c->follower_id, c->department_id };
	return ref;
}

static struct chat_actor
actor(const struct req *r)
{
	struct chat_actor a = { r->user->id, r->user->name };
	return a;
}

/* A change of the page's chat by its user (chat.h). 0 when made; -1 after
 * answering: the chat page saying why it was refused (a conflict, or no
 * longer in a state that allows it: refused() words it from the chat as it
 * is now), or the failure page. */
static int
change_chat(struct req *r, struct resp *rs, enum dbrc (*change)(struct pool *,
    const struct chat_ref *, const struct chat_actor *),
    const char *(*refused)(struct req *, const struct console_chat *, enum dbrc))
{
	struct console_chat c;
	struct chat_ref   ref;
	struct chat_actor a = actor(r);
	enum dbrc         rc;

	if (console_load_chat(r, rs, &c) != 0)
		return -1;
	ref = ref_of(&c);
	if ((rc = change(&r->pool, &ref, &a)) == DB_OK)
		return 0;
	if (rc == DB_CONFLICT || rc == DB_NOTFOUND) {
		if (db_console_chat(&r->pool, r->ids[0], &c) != DB_OK) {
			ui_db_failed(r, rs);
			return -1;
		}
		tmpl_set(r, "Chat.Error", refused(r, &c, rc));
		console_chat_page(r, rs, &c, 409);
		return -1;
	}
	ui_db_failed(r, rs);
	return -1;
}

/* someone else was quicker: who */
static const char *
pickup_refused(struct req *r, const struct console_chat *c, enum dbrc rc)
{
	(void)rc;
	return c->operator ? LF(r, "chat.picked_first", c->operator) :
	    c->offered_to ? LF(r, "offer.taken_by_offer",
	    c->offered_to) : L(r, "chat.no_pickup");
}

void
console_pickup_post(struct req *r, struct resp *rs)
{
	if (change_chat(r, rs, chat_pickup, pickup_refused) == 0)
		console_to_chat(r, rs);
}

/* The chat of a console page as the send path needs it. */
static struct out_chat
out_chat(struct req *r, const struct console_chat *c)
{
	struct out_chat oc = {
		.chat = r->ids[0], .follower = c->follower_id,
		.openid = c->openid,
		.ch = { c->channel_id, c->app_id,
		    c->app_secret_enc ? secret_decrypt(&r->pool, c->app_secret_enc) :
		    NULL },
	};
	return oc;
}

/* Counts one more message of the operator's (a reply, or OUT_CLOSING: the
 * one the chat is closed with) and stores it as sending. */
static enum dbrc
claim(struct req *r, const struct console_chat *c, const struct outgoing *o, enum out_claim who,
    long long *msg)
{
	struct out_chat oc = out_chat(r, c);

	return send_claim(&r->pool, &oc, o, who, r->user->id, NULL, msg);
}

/* Sends one message; 0, or -1 after answering (the page says why). */
static int
send_one(struct req *r, struct resp *rs, struct console_chat *c, const struct outgoing *o)
{
	long long   msg;
	const char *why;
	enum dbrc   rc = claim(r, c, o, OUT_OPERATOR, &msg);

	if (rc == DB_CONFLICT) {
		/* the rules changed since the page was read: say which one */
		if (db_console_chat(&r->pool, r->ids[0], c) != DB_OK) {
			ui_db_failed(r, rs);
			return -1;
		}
		why = console_cannot_reply(r, c);
		form_error(r, "text", why ? why : L(r, "chat.changed"));
		console_chat_page(r, rs, c, 409);
		return -1;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	/* queued: the senders deliver it (outbox.h), the transcript shows how it went */
	return 0;
}

/* the chat page's forms; a text's length is checked where its count is said */
static const struct field send_fields[] = { { "text", "chat.reply", 0, v_utf8 } };
static const struct field retry_fields[] = { { "message", "chat.reply", 0, v_id } };
static const struct field close_fields[] = { { "closing", "chat.closing", 0, v_utf8 } };

static const char *
v_target(const char *v)
{
	return (strncmp(v, "user:", 5) == 0 || strncmp(v, "dept:", 5) == 0) &&
	    v_id(v + 5) == NULL ? NULL : "chat.choose_target";
}

static const char *
v_transfer_note(const char *v)
{
	return utf8_chars(v) > 500 || !utf8_valid(v, strlen(v)) ? "chat.note_max" : NULL;
}

enum { TF_TO, TF_NOTE, TF_KEEP, TF__N };
static const struct field transfer_fields[TF__N] = {
	[TF_TO] = { "to", "chat.transfer_to", F_CHECKED, v_target },
	[TF_NOTE] = { "note", "chat.note", 0, v_transfer_note },
	[TF_KEEP] = { "keep_me", "chat.keep_me", 0, v_flag },
};

void
console_send_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	const char      *text, *why;
	const struct kv *file = req_file(r, "attachment");
	struct outgoing  t = { "text", NULL, NULL, NULL, 0 }, f = { 0 };
	int              has_text, bad;
	int              canned_file = 0;
	enum dbrc        rc;

	if (console_load_chat(r, rs, &c) != 0)
		return;
	bad = FORM_READ(r, send_fields, &text);
	has_text = bad || strspn(text, " \t\r\n") != strlen(text);
	if (file && file->vlen == 0)
		file = NULL;	/* the empty part of a form without a file */
	if ((why = console_cannot_reply(r, &c)) != NULL) {
		form_error(r, "text", why);
		console_chat_page(r, rs, &c, 409);
		return;
	}
	if (!has_text && file == NULL) {
		form_error(r, "text", L(r, "chat.type_first"));
		console_chat_page(r, rs, &c, 422);
		return;
	}
	if (bad || (has_text && utf8_chars(text) > WX_TEXT_MAX)) {
		form_error(r, "text", LF(r, "chat.too_long", WX_TEXT_MAX, bad ? 0 : utf8_chars(text)));
		console_chat_page(r, rs, &c, 422);
		return;
	}
	if (has_text && text[0] == '/' && strcspn(text, " \t\r\n") == strlen(text)) {
		/* a canned response by its shortcut: its text, and its file */
		struct canned_find cr;
		rc = db_canned_find(&r->pool, r->ids[0], r->user->id, text + 1, &cr);
		if (rc == DB_NOTFOUND) {
			form_error(r, "text", LF(r, "chat.no_canned", text));
			console_chat_page(r, rs, &c, 422);
			return;
		}
		if (rc != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		/* columns: body attachment path mime */
		text = cr.body;
		if (cr.id && file == NULL) {
			const char *mime = cr.mime;
			f = (struct outgoing){ strncmp(mime, "image/", 6) == 0 ? "image" :
			    strncmp(mime, "audio/", 6) == 0 ? "voice" : "video", NULL,
			    cr.path, mime, cr.id };
			canned_file = 1;
		}
	}
	if (file) {
		struct ui_file uf;
		if (ui_keep_file(r, "attachment", file, &uf) != 0) {
			console_chat_page(r, rs, &c, 422);
			return;
		}
		f = (struct outgoing){ uf.type, uf.name, uf.path, uf.mime, uf.attachment };
	}
	t.text = text;
	has_text = has_text && text != NULL && *text != '\0';	/* a canned file's text may be empty */
	if ((file || canned_file) && send_one(r, rs, &c, &f) != 0)
		return;	/* nothing went */
	if (has_text && (file || canned_file)) {
		/* the file went: the text may still be refused (the 5 in a row
		 * used up by the file); the page then says what went, and keeps
		 * the text in the box */
		long long m;
		rc = claim(r, &c, &t, OUT_OPERATOR, &m);
		if (rc == DB_CONFLICT && db_console_chat(&r->pool, r->ids[0], &c) == DB_OK) {
			why = console_cannot_reply(r, &c);
			tmpl_set(r, "Form.text.Value", text);
			form_error(r, "text", LF(r, "chat.partly_sent", L(r,
			    pool_printf(&r->pool, "chat.part.%s", f.type)), why ? why :
			    L(r, "chat.changed")));
			console_chat_page(r, rs, &c, 409);
			return;
		}
		if (rc != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
	} else if (has_text && send_one(r, rs, &c, &t) != 0)
		return;
	console_to_chat(r, rs);
}

void
console_retry_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct out_get m;
	const char     *why, *mid;
	long long       msg;
	enum dbrc       rc;

	if (console_load_chat(r, rs, &c) != 0)
		return;
	msg = FORM_READ(r, retry_fields, &mid) ? 0 : form_ll(mid);
	rc = db_out_get(&r->pool, msg, r->ids[0], &m);
	if (rc == DB_NOTFOUND || (rc == DB_OK && strcmp(m.delivery_state ?
	    m.delivery_state : "", "failed") != 0)) {
		page_error(r, rs, 409, 0, L(r, "chat.retry_failed_only"));
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if ((why = console_cannot_reply(r, &c)) != NULL) {
		tmpl_set(r, "Chat.Error", why);
		console_chat_page(r, rs, &c, 409);
		return;
	}
	{
		struct out_chat oc = out_chat(r, &c);
		rc = send_reclaim(&r->pool, &oc, r->user->id, msg);
	}
	if (rc != DB_OK) {
		if (rc == DB_CONFLICT) {
			tmpl_set(r, "Chat.Error", L(r, "chat.rules_refuse"));
			console_chat_page(r, rs, &c, 409);
		} else
			ui_db_failed(r, rs);
		return;
	}
	/* queued again: the senders deliver it */
	console_to_chat(r, rs);
}

/* Only the chat's operator, a supervisor or an admin changes who has a chat. */
static int
may_manage(struct req *r, struct resp *rs, const struct console_chat *c)
{
	if (strcmp(c->state, "closed") == 0) {
		tmpl_set(r, "Chat.Error", L(r, "chat.is_closed"));
		console_chat_page(r, rs, c, 409);
		return 0;
	}
	if (c->operator_id != r->user->id && !console_sees_all(r)) {
		page_error(r, rs, 403, 0, L(r, "chat.manage_only"));
		return 0;
	}
	return 1;
}

/* Who closed the chat, and when, for an operator whose close came second. */
static const char *
closed_already(struct req *r, const struct console_chat *c)
{
	const char *by = c->closed_by, *at = ui_time(r, c->closed);

	if (by)
		return LF(r, "chat.closed_by", by, at);
	return LF(r, "chat.closed_at", at, ui_close_reason(r, c->close_reason, 0));
}

/* the close summary (topics.h): a topic of the chat's brand (required when
 * the brand says so) and a note. 0, 1 after putting the error beside its
 * field, or -1 when the database failed. */
static const struct field summary_fields[] = {
	{ "topic", "chat.topic", 0, v_id },
	{ "summary", "chat.summary", 0, v_topic_note },
};

static int
close_summary(struct req *r, const struct console_chat *c, struct chat_summary *sum)
{
	const char  *v[2];
	struct topic t;
	enum dbrc    rc;
	int          required;

	if (FORM_READ(r, summary_fields, v))
		return 1;
	sum->topic = form_ll(v[0]);
	sum->note = v[1];
	if (sum->topic == 0) {
		if ((required = db_topic_required(&r->pool, c->brand_id)) < 0)
			return -1;
		if (required) {
			struct topic *l = NULL;
			size_t        n = 0;
			if (db_topics(&r->pool, c->brand_id, &l, &n) != DB_OK)
				return -1;
			if (n > 0) {	/* a brand with no topics asks for none */
				form_error(r, "topic", L(r, "chat.topic_required"));
				return 1;
			}
		}
		return 0;
	}
	rc = db_topic_get(&r->pool, c->brand_id, sum->topic, &t);
	if (rc == DB_NOTFOUND) {
		form_error(r, "topic", L(r, "chat.topic_gone"));
		return 1;
	}
	return rc == DB_OK ? 0 : -1;
}

void
console_close_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	const char  *closing, *why, *said = NULL;
	struct chat_summary sum;
	enum dbrc    rc;
	int          bad;

	if (console_load_chat(r, rs, &c) != 0)
		return;
	if (strcmp(c.state, "closed") == 0) {
		flash_set(r, closed_already(r, &c));
		console_to_chat(r, rs);
		return;
	}
	if (!may_manage(r, rs, &c))
		return;
	if ((bad = close_summary(r, &c, &sum)) != 0) {
		if (bad < 0)
			ui_db_failed(r, rs);
		else
			console_chat_page(r, rs, &c, 422);
		return;
	}
	bad = FORM_READ(r, close_fields, &closing);
	if (bad || strspn(closing, " \t\r\n") != strlen(closing)) {
		/* the closing message counts toward the 5; skipped, with a word, if none is left */
		struct outgoing o = { "text", closing, NULL, NULL, 0 };
		long long       msg;
		if ((why = console_cannot_reply(r, &c)) != NULL) {
			said = LF(r, "chat.closed_unsent", why);
		} else if (bad || utf8_chars(closing) > WX_TEXT_MAX) {
			form_error(r, "closing", LF(r, "chat.max_chars", WX_TEXT_MAX));
			console_chat_page(r, rs, &c, 422);
			return;
		} else
			(void)claim(r, &c, &o, OUT_CLOSING, &msg);	/* queued */
	}
	{
		struct chat_ref   ref = ref_of(&c);
		struct chat_actor a = actor(r);
		rc = chat_close(&r->pool, &ref, &a, &sum);
	}
	if (rc == DB_NOTFOUND) {
		/* someone closed it first: say who */
		if (db_console_chat(&r->pool, r->ids[0], &c) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		flash_set(r, closed_already(r, &c));
		console_to_chat(r, rs);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, said ? said : L(r, "chat.closed_flash"));
	console_to_chat(r, rs);
}

/* a newer chat of the follower's is open, or it is open again, or past reopening */
static const char *
reopen_refused(struct req *r, const struct console_chat *c, enum dbrc rc)
{
	return L(r, rc == DB_CONFLICT ? "chat.reopen_newer" :
	    strcmp(c->state, "closed") != 0 ? "chat.reopen_open" :
	    "chat.reopen_gone");
}

/* A closed chat reopened, to write to the follower again while their 48 hours allow. */
void
console_reopen_post(struct req *r, struct resp *rs)
{
	if (change_chat(r, rs, chat_reopen, reopen_refused) != 0)
		return;
	flash_set(r, L(r, "chat.reopened_flash"));
	console_to_chat(r, rs);
}

void
console_transfer_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct transfer_targets *tt = NULL;
	size_t tt_n = 0;
	const char  *v[TF__N], *name = NULL;
	const char  *busy = NULL;
	int          to_user;
	long long    target;
	enum dbrc    rc;

	if (console_load_chat(r, rs, &c) != 0 || !may_manage(r, rs, &c))
		return;
	/* a refused transfer's form comes back as it was sent (choose again):
	 * form_read keeps every value for the page */
	if (FORM_READ(r, transfer_fields, v) && v[TF_NOTE] == NULL) {
		console_chat_page(r, rs, &c, 422);
		return;
	}
	to_user = v[TF_TO] && strncmp(v[TF_TO], "user:", 5) == 0;
	target = v[TF_TO] ? strtoll(v[TF_TO] + 5, NULL, 10) : 0;
	if (db_transfer_targets(&r->pool, r->ids[0], &tt, &tt_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < tt_n; i++)
		if (strcmp(tt[i].kind, to_user ? "user" : "dept") == 0 &&
		    tt[i].id == target) {
			name = tt[i].name;
			if (to_user)
				busy = console_colleague_away(r, tt, i);
		}
	if (name == NULL) {
		form_error(r, "to", L(r, "chat.choose_target"));
		console_chat_page(r, rs, &c, 422);
		return;
	}
	if (busy != NULL) {
		/* refused at once, with their status: never offered to nobody */
		form_error(r, "to", busy);
		console_chat_page(r, rs, &c, 409);
		return;
	}
	{
		struct chat_ref      ref = ref_of(&c);
		struct chat_actor    a = actor(r);
		struct chat_transfer t = { to_user, target, name, v[TF_NOTE],
			form_on(v[TF_KEEP]) };
		rc = chat_transfer(&r->pool, &ref, &a, &t);
	}
	if (rc == DB_INVALID) {
		form_error(r, "to", LF(r, "chat.transfer_gone", name));
		console_chat_page(r, rs, &c, 409);
		return;
	}
	if (rc == DB_NOTFOUND) {
		tmpl_set(r, "Chat.Error", L(r, "chat.transfer_changed"));
		console_chat_page(r, rs, &c, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "chat.transferred", name));
	/* the chat page for whoever can still open it; else the list */
	resp_redirect(rs, (to_user && target == r->user->id) || console_sees_all(r) ||
	    (!to_user && db_console_member(&r->pool, r->user->id, target) > 0) ?
	    pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]) : "/console/");
}

/* POST /console/chats/{id}/decline: the chat offered to me goes to the next */
void
console_decline_post(struct req *r, struct resp *rs)
{
	struct console_chat c;
	enum dbrc    rc;

	if (console_load_chat(r, rs, &c) != 0)
		return;
	{
		struct chat_actor a = actor(r);
		rc = chat_decline(&r->pool, r->ids[0], &a);
	}
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, rc == DB_OK ? "offer.declined" : "offer.gone"));
	resp_redirect(rs, "/console/");
}
