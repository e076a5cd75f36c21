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
#include "notice.h"
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

/*
 * A change of the page's chat by its user (chat.h): DB_OK when made; when
 * refused (a conflict, or no longer in a state that allows it) the chat's
 * page again saying why, worded by refused() from the chat as it is now.
 */
static int
change_chat(struct req *r, struct console_change *x, enum dbrc (*change)(struct pool *,
    const struct chat_ref *, const struct chat_actor *),
    const char *(*refused)(struct req *, const struct console_chat *, enum dbrc))
{
	struct chat_ref   ref;
	struct chat_actor a = actor(r);
	enum dbrc         rc;
	int               st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	ref = ref_of(&x->c);
	if ((rc = change(&r->pool, &ref, &a)) != DB_CONFLICT && rc != DB_NOTFOUND)
		return rc;
	if ((st = db_console_chat(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return ui_wrote(st);
	return console_refuse(r, x, 409, refused(r, &x->c, rc));
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
	struct console_change x = { 0 };

	console_end(r, rs, change_chat(r, &x, chat_pickup, pickup_refused), &x);
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

/* Sends one message: DB_OK (queued: the senders deliver it, the transcript
 * shows how it went), or refused, the page saying which rule now forbids it. */
static int
send_one(struct req *r, struct console_change *x, const struct outgoing *o)
{
	long long   msg;
	const char *why;
	enum dbrc   rc = claim(r, &x->c, o, OUT_OPERATOR, &msg);

	if (rc != DB_CONFLICT)
		return ui_wrote(rc);
	/* the rules changed since the page was read: say which one */
	if ((rc = db_console_chat(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return ui_wrote(rc);
	why = console_cannot_reply(r, &x->c);
	form_error(r, "text", why ? why : L(r, "chat.changed"));
	x->status = 409;
	return UI_REFUSED;
}

/* the chat page's forms; a text's length is checked where its count is said */
static const struct field send_fields[] = { { "text", "chat.reply", 0, v_utf8 } };
static const struct field retry_fields[] = { { "message", "chat.reply", 0, v_id } };
static const struct field hold_fields[] = { { "hold", "chat.hold", 0, v_flag } };
static const struct field remind_fields[] = { { "remind", "chat.remind", 0, v_flag } };
static const struct field held_fields[] = { { "held_text", "chat.held_change", 0, v_utf8 } };
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

/* a canned response by its shortcut ("/hi"): its text, and its file into *f;
 * DB_OK, UI_REFUSED (no such shortcut) or a failure */
static int
canned_of(struct req *r, const char **text, struct outgoing *f)
{
	struct canned_find cr;
	enum dbrc          rc = db_canned_find(&r->pool, r->ids[0], r->user->id, *text + 1, &cr);

	if (rc == DB_NOTFOUND) {
		form_error(r, "text", LF(r, "chat.no_canned", *text));
		return UI_REFUSED;
	}
	if (rc != DB_OK)
		return rc;
	*text = cr.body;
	if (cr.id)
		*f = (struct outgoing){ strncmp(cr.mime, "image/", 6) == 0 ? "image" :
		    strncmp(cr.mime, "audio/", 6) == 0 ? "voice" : "video", NULL,
		    cr.path, cr.mime, cr.id, NULL };
	return DB_OK;
}

/* a reply held for when the follower writes (chat.h): a text, or a canned
 * response's text */
static int
reply_hold(struct req *r, struct console_change *x, const char *text, int bad)
{
	struct outgoing cf = { 0 };
	long long       id;
	int             st;

	if (!console_may_hold(r, &x->c))
		return console_refuse(r, x, 409, L(r, "chat.hold_not_now"));
	if (!bad && text[0] == '/' && strcspn(text, " \t\r\n") == strlen(text) &&
	    (st = canned_of(r, &text, &cf)) != DB_OK)
		return st;
	if (bad || strspn(text, " \t\r\n") == strlen(text)) {
		form_error(r, "text", L(r, bad ? "chat.hold_bad" : "chat.type_first"));
		return UI_REFUSED;
	}
	if (utf8_chars(text) > WX_TEXT_MAX) {
		form_error(r, "text", LF(r, "chat.too_long", WX_TEXT_MAX, utf8_chars(text)));
		return UI_REFUSED;
	}
	if ((st = chat_hold(&r->pool, x->c.channel_id, x->c.follower_id, x->c.id, text,
	    r->user->id, (long long)wx_now(), &id)) != DB_OK)
		return st;
	x->msg = L(r, "chat.held_flash");
	return DB_OK;
}

/* a text scheduled to go before the follower's window closes, unless they
 * write first (chat.h) */
static int
reply_remind(struct req *r, struct console_change *x, const char *text, int bad)
{
	long long at = console_remind_at(r, &x->c), id;
	int       st;

	if (at == 0)
		return console_refuse(r, x, 409, L(r, "chat.remind_not_now"));
	if (bad || strspn(text, " \t\r\n") == strlen(text) || text[0] == '/') {
		form_error(r, "text", L(r, bad ? "chat.hold_bad" : "chat.remind_text"));
		return UI_REFUSED;
	}
	if (utf8_chars(text) > WX_TEXT_MAX) {
		form_error(r, "text", LF(r, "chat.too_long", WX_TEXT_MAX, utf8_chars(text)));
		return UI_REFUSED;
	}
	if ((st = db_reminder_insert_at(&r->pool, x->c.channel_id, x->c.follower_id, x->c.id,
	    text, r->user->id, (long long)wx_now(), at, &id)) != DB_OK)
		return st;
	x->msg = LF(r, "chat.remind_flash", ui_time(r, at));
	return DB_OK;
}

/* a reply: a text, a file, or both (the file first), or a canned response */
static int
reply_send(struct req *r, struct console_change *x)
{
	const char      *text, *why, *hold = NULL;
	const struct kv *file = req_file(r, "attachment");
	struct outgoing  t = { "text", NULL, NULL, NULL, 0, NULL }, f = { 0 }, cf = { 0 };
	int              has_text, bad, st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	bad = FORM_READ(r, send_fields, &text);
	if (FORM_READ(r, hold_fields, &hold) == 0 && hold && strcmp(hold, "1") == 0)
		return reply_hold(r, x, text ? text : "", bad);
	if (FORM_READ(r, remind_fields, &hold) == 0 && hold && strcmp(hold, "1") == 0)
		return reply_remind(r, x, text ? text : "", bad);
	has_text = bad || strspn(text, " \t\r\n") != strlen(text);
	if (file && file->vlen == 0)
		file = NULL;	/* the empty part of a form without a file */
	if ((why = console_cannot_reply(r, &x->c)) != NULL) {
		form_error(r, "text", why);
		x->status = 409;
		return UI_REFUSED;
	}
	if (!has_text && file == NULL) {
		form_error(r, "text", L(r, "chat.type_first"));
		return UI_REFUSED;
	}
	if (bad || (has_text && utf8_chars(text) > WX_TEXT_MAX)) {
		form_error(r, "text", LF(r, "chat.too_long", WX_TEXT_MAX, bad ? 0 : utf8_chars(text)));
		return UI_REFUSED;
	}
	if (has_text && text[0] == '/' && strcspn(text, " \t\r\n") == strlen(text) &&
	    (st = canned_of(r, &text, &cf)) != DB_OK)
		return st;
	if (file) {
		struct ui_file uf;
		if (ui_keep_file(r, "attachment", file, &uf) != 0)
			return UI_REFUSED;
		f = (struct outgoing){ uf.type, uf.name, uf.path, uf.mime, uf.attachment, NULL };
	} else if (cf.type)
		f = cf;	/* a canned response's file, unless one is attached */
	t.text = text;
	has_text = has_text && text != NULL && *text != '\0';	/* a canned file's text may be empty */
	if (f.type && (st = send_one(r, x, &f)) != DB_OK)
		return st;	/* nothing went */
	if (has_text && f.type) {
		/* the file went: the text may still be refused (the 5 in a row
		 * used up by the file); the page then says what went, and keeps
		 * the text in the box */
		long long m;
		st = claim(r, &x->c, &t, OUT_OPERATOR, &m);
		if (st == DB_CONFLICT && db_console_chat(&r->pool, r->ids[0], &x->c) == DB_OK) {
			why = console_cannot_reply(r, &x->c);
			tmpl_set(r, "Form.text.Value", text);
			form_error(r, "text", LF(r, "chat.partly_sent", L(r,
			    pool_printf(&r->pool, "chat.part.%s", f.type)), why ? why :
			    L(r, "chat.changed")));
			x->status = 409;
			return UI_REFUSED;
		}
		return st == DB_OK ? DB_OK : st == DB_NOTFOUND || st == DB_CONFLICT ? DB_FAIL : st;
	}
	return has_text ? send_one(r, x, &t) : DB_OK;
}

void
console_send_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, reply_send(r, &x), &x);
}

/* a held reply changed (text) or cancelled (text NULL): by its author, a
 * supervisor or an admin, while it is held */
static int
held_change(struct req *r, struct console_change *x, int cancel)
{
	const char *text = NULL;
	long long   msg = r->ids[1], author;
	int         st, bad = FORM_READ(r, held_fields, &text);

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	if ((author = db_held_author(&r->pool, msg, x->c.id)) < 0)
		return DB_FAIL;
	if (author == 0)
		return console_refuse(r, x, 409, L(r, "chat.held_gone"));
	if (author != r->user->id && !console_sees_all(r))
		return console_refuse(r, x, 403, L(r, "chat.held_not_yours"));
	if (cancel) {
		st = db_held_cancel(&r->pool, msg, x->c.id);
		x->msg = L(r, "chat.held_cancelled");
	} else {
		if (bad || text == NULL || strspn(text, " \t\r\n") == strlen(text) ||
		    utf8_chars(text) > WX_TEXT_MAX)
			return console_refuse(r, x, 422, LF(r, "chat.held_text", WX_TEXT_MAX));
		st = db_held_edit(&r->pool, msg, x->c.id, text);
		x->msg = L(r, "chat.held_edited");
	}
	if (st == DB_NOTFOUND)
		return console_refuse(r, x, 409, L(r, "chat.held_gone"));
	return st;
}

void
console_held_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, held_change(r, &x, 0), &x);
}

void
console_held_cancel_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, held_change(r, &x, 1), &x);
}

/* a failed reply sent again, while WeChat's rules allow */
static int
reply_retry(struct req *r, struct console_change *x)
{
	struct out_get m;
	const char    *why, *mid;
	long long      msg;
	int            st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	msg = FORM_READ(r, retry_fields, &mid) ? 0 : form_ll(mid);
	st = db_out_get(&r->pool, msg, r->ids[0], &m);
	if (st == DB_NOTFOUND || (st == DB_OK && strcmp(m.delivery_state ?
	    m.delivery_state : "", "failed") != 0)) {
		x->error = L(r, "chat.retry_failed_only");
		x->status = 409;
		return UI_REFUSED;
	}
	if (st != DB_OK)
		return st;
	/* a template message or a notice: sent again as itself (its credit or
	 * its day's quota taken again; a template's client_msg_id the same) */
	if (strcmp(m.msg_type, "template") == 0 || strcmp(m.msg_type, "notice") == 0) {
		st = notice_again(&r->pool, msg, x->c.id);
		if (st == DB_CONFLICT)
			return console_refuse(r, x, 409, L(r, strcmp(m.msg_type, "notice") == 0 ?
			    "ladder.no_credit" : "ladder.quota_spent"));
		if (st == DB_NOTFOUND) {
			x->error = L(r, "chat.retry_failed_only");
			x->status = 409;
			return UI_REFUSED;
		}
		x->msg = L(r, "ladder.again");
		return st;
	}
	if ((why = console_cannot_reply(r, &x->c)) != NULL)
		return console_refuse(r, x, 409, why);
	{
		struct out_chat oc = out_chat(r, &x->c);
		st = send_reclaim(&r->pool, &oc, r->user->id, msg);
	}
	if (st == DB_CONFLICT)
		return console_refuse(r, x, 409, L(r, "chat.rules_refuse"));
	/* queued again: the senders deliver it */
	return ui_wrote(st);
}

void
console_retry_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, reply_retry(r, &x), &x);
}

/* Only the chat's operator, a supervisor or an admin changes who has a
 * chat: DB_OK, or refused (a closed chat: 409; someone else's: 403). */
static int
may_manage(struct req *r, struct console_change *x)
{
	if (strcmp(x->c.state, "closed") == 0)
		return console_refuse(r, x, 409, L(r, "chat.is_closed"));
	if (x->c.operator_id != r->user->id && !console_sees_all(r)) {
		x->error = L(r, "chat.manage_only");
		x->status = 403;
		return UI_REFUSED;
	}
	return DB_OK;
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

/* closed, with its summary and a closing message if one was written (it
 * counts toward the 5: skipped, with a word, if none is left) */
static int
chat_close_step(struct req *r, struct console_change *x)
{
	const char  *closing, *why, *said = NULL;
	struct chat_summary sum;
	enum dbrc    rc;
	int          bad, st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	if (strcmp(x->c.state, "closed") == 0) {
		x->msg = closed_already(r, &x->c);
		return DB_OK;
	}
	if ((st = may_manage(r, x)) != DB_OK)
		return st;
	if ((bad = close_summary(r, &x->c, &sum)) != 0)
		return bad < 0 ? DB_FAIL : UI_REFUSED;
	bad = FORM_READ(r, close_fields, &closing);
	if (bad || strspn(closing, " \t\r\n") != strlen(closing)) {
		struct outgoing o = { "text", closing, NULL, NULL, 0, NULL };
		long long       msg;
		if ((why = console_cannot_reply(r, &x->c)) != NULL)
			said = LF(r, "chat.closed_unsent", why);
		else if (bad || utf8_chars(closing) > WX_TEXT_MAX) {
			form_error(r, "closing", LF(r, "chat.max_chars", WX_TEXT_MAX));
			return UI_REFUSED;
		} else
			(void)claim(r, &x->c, &o, OUT_CLOSING, &msg);	/* queued */
	}
	{
		struct chat_ref   ref = ref_of(&x->c);
		struct chat_actor a = actor(r);
		rc = chat_close(&r->pool, &ref, &a, &sum);
	}
	if (rc == DB_NOTFOUND) {
		/* someone closed it first: say who */
		if ((st = db_console_chat(&r->pool, r->ids[0], &x->c)) != DB_OK)
			return ui_wrote(st);
		x->msg = closed_already(r, &x->c);
		return DB_OK;
	}
	x->msg = said ? said : L(r, "chat.closed_flash");
	return rc;
}

void
console_close_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, chat_close_step(r, &x), &x);
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
	struct console_change x = { 0 };
	int                   st = change_chat(r, &x, chat_reopen, reopen_refused);

	x.msg = L(r, "chat.reopened_flash");
	console_end(r, rs, st, &x);
}

/* to a colleague or a department, with a note; the page the user can still open after */
static int
transfer_step(struct req *r, struct console_change *x)
{
	struct transfer_targets *tt = NULL;
	size_t tt_n = 0;
	const char  *v[TF__N], *name = NULL;
	const char  *busy = NULL;
	int          to_user, st;
	long long    target;
	enum dbrc    rc;

	if ((st = console_chat_of(r, x)) != DB_OK || (st = may_manage(r, x)) != DB_OK)
		return st;
	/* a refused transfer's form comes back as it was sent (choose again):
	 * form_read keeps every value for the page */
	if (FORM_READ(r, transfer_fields, v) && v[TF_NOTE] == NULL)
		return UI_REFUSED;
	to_user = v[TF_TO] && strncmp(v[TF_TO], "user:", 5) == 0;
	target = v[TF_TO] ? strtoll(v[TF_TO] + 5, NULL, 10) : 0;
	if ((rc = db_transfer_targets(&r->pool, r->ids[0], &tt, &tt_n)) != DB_OK)
		return ui_wrote(rc);
	for (size_t i = 0; i < tt_n; i++)
		if (strcmp(tt[i].kind, to_user ? "user" : "dept") == 0 &&
		    tt[i].id == target) {
			name = tt[i].name;
			if (to_user)
				busy = console_colleague_away(r, tt, i);
		}
	if (name == NULL) {
		form_error(r, "to", L(r, "chat.choose_target"));
		return UI_REFUSED;
	}
	if (busy != NULL) {
		/* refused at once, with their status: never offered to nobody */
		form_error(r, "to", busy);
		x->status = 409;
		return UI_REFUSED;
	}
	{
		struct chat_ref      ref = ref_of(&x->c);
		struct chat_actor    a = actor(r);
		struct chat_transfer t = { to_user, target, name, v[TF_NOTE],
			form_on(v[TF_KEEP]) };
		rc = chat_transfer(&r->pool, &ref, &a, &t);
	}
	if (rc == DB_INVALID) {
		form_error(r, "to", LF(r, "chat.transfer_gone", name));
		x->status = 409;
		return UI_REFUSED;
	}
	if (rc == DB_NOTFOUND)
		return console_refuse(r, x, 409, L(r, "chat.transfer_changed"));
	if (rc != DB_OK)
		return rc;
	x->msg = LF(r, "chat.transferred", name);
	/* the chat page for whoever can still open it; else the list */
	if (!((to_user && target == r->user->id) || console_sees_all(r) ||
	    (!to_user && db_console_member(&r->pool, r->user->id, target) > 0)))
		x->to = "/console/";
	return DB_OK;
}

void
console_transfer_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, transfer_step(r, &x), &x);
}

/* POST /console/chats/{id}/decline: the chat offered to me goes to the next */
static int
decline_step(struct req *r, struct console_change *x)
{
	struct chat_actor a = actor(r);
	enum dbrc         rc;
	int               st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	rc = chat_decline(&r->pool, r->ids[0], &a);
	x->msg = L(r, rc == DB_OK ? "offer.declined" : "offer.gone");
	x->to = "/console/";
	return rc == DB_NOTFOUND ? DB_OK : rc;	/* no longer offered: said so */
}

void
console_decline_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, decline_step(r, &x), &x);
}
