/*
 * ui-chat.c: one chat's page in the console: the transcript, the reply
 * window's meter, the follower, the transfer list with each colleague's
 * presence, internal notes and the follower's name; the media of a message.
 * What is done to a chat (pick-up, send, close, transfer) is ui-chat-act.c.
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
#include "suggest.h"
#include "topics.h"
#include "ui.h"
#include "writes.h"
#include "ui-console.h"
#include "wxapi.h"
#include "console.h"


int
console_chat_of(struct req *r, struct console_change *x)
{
	int rc, member;

	if ((rc = db_console_chat(&r->pool, r->ids[0], &x->c)) != DB_OK)
		return rc;
	if (console_sees_all(r) || x->c.operator_id == r->user->id)
		return DB_OK;
	if ((member = db_console_member(&r->pool, r->user->id, x->c.department_id)) < 0)
		return DB_FAIL;
	if (!member) {
		x->error = L(r, "chat.not_member");
		x->status = 403;
		return UI_REFUSED;
	}
	return DB_OK;
}

int
console_load_chat(struct req *r, struct resp *rs, struct console_chat *c)
{
	struct console_change x = { 0 };
	int                   st = console_chat_of(r, &x);

	*c = x.c;
	if (st == DB_OK)
		return 0;
	console_end(r, rs, st, &x);
	return -1;
}

int
console_refuse(struct req *r, struct console_change *x, int status, const char *why)
{
	tmpl_set(r, "Chat.Error", why);
	x->status = status;
	return UI_REFUSED;
}

void
console_end(struct req *r, struct resp *rs, int st, struct console_change *x)
{
	int status = x->status ? x->status : 422;

	if (st != UI_REFUSED)
		ui_saved(r, rs, st, "chat", x->msg, x->to ? x->to :
		    pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]));
	else if (x->error)
		page_error(r, rs, status, 0, x->error);
	else
		console_chat_page(r, rs, &x->c, status);
}

/* 1 when a closed chat may be reopened now (chat.h) */
static int
reopenable(const struct console_chat *c)
{
	return chat_reopenable(c->state, c->close_reason, c->last_in, (long long)wx_now());
}

/*
 * Which of WeChat's and the desk's rules keeps user from answering the chat
 * now, by a stable name (the API's error code), or NULL when they can.
 */
const char *
console_reply_rule(const struct console_chat *c, long long user, int *event_window)
{
	const char *st = c->state;
	long long   until;
	int         max;

	*event_window = 0;
	if (strcmp(st, "closed") == 0)
		return "chat_closed";
	if (strcmp(st, "bot") == 0)
		return "bot_holds";
	if (strcmp(st, "active") != 0)
		return "not_picked_up";
	if (c->operator_id != user)
		return "other_operator";
	chat_window(c->last_in, c->grant_at, &until, &max);
	*event_window = max == WX_EVENT_REPLIES;
	if (until <= (long long)wx_now())
		return "window_closed";
	if (c->outs >= max)
		return "five_in_row";
	return NULL;
}

/* Why the user cannot answer the chat now, in words, or NULL when they can. */
const char *
console_cannot_reply(struct req *r, const struct console_chat *c)
{
	int         ev;
	const char *rule = console_reply_rule(c, r->user->id, &ev);
	long long   until;
	int         max;

	if (rule == NULL)
		return NULL;
	if (strcmp(rule, "chat_closed") == 0)
		return LF(r, reopenable(c) ? "chat.closed_reopen" : "chat.closed_why",
		    ui_close_reason(r, c->close_reason, 0));
	if (strcmp(rule, "bot_holds") == 0)
		return L(r, "bot.holds");
	if (strcmp(rule, "not_picked_up") == 0)
		return L(r, "chat.pick_up_first");
	if (strcmp(rule, "other_operator") == 0)
		return LF(r, "chat.other_answering", c->operator ?
		    c->operator : L(r, "chat.another_operator"));
	if (strcmp(rule, "window_closed") == 0)
		return L(r, ev ? "chat.event_window_passed" : "chat.window_passed");
	chat_window(c->last_in, c->grant_at, &until, &max);
	return LF(r, ev ? "chat.event_in_row" : "chat.five_in_row", max);
}

/* a staff note, in the reader's language (older notes keep their stored text) */
static void
note_text(struct req *r, const char *base, const char *fields)
{
	struct wx_field *f = NULL;
	const char      *key, *v[NOTE_VALUES];
	int              n = 0;

	if (fields == NULL || json_parse(&r->pool, fields, strlen(fields), &f) != 0)
		return;
	if (wx_get(f, "staff")) {	/* an internal note: its author's own words */
		tmpl_set(r, pool_printf(&r->pool, "%s.Staff", base), wx_get(f, "staff"));
		return;
	}
	if ((key = wx_get(f, "note")) == NULL || strncmp(key, "note.", 5) != 0)
		return;
	while (n < NOTE_VALUES && (v[n] = wx_get(f, pool_printf(&r->pool, "v%d", n))) != NULL)
		n++;
	tmpl_set(r, pool_printf(&r->pool, "%s.Body", base), lang_format(&r->pool, r->lang, key,
	    v, n));
}

static void
message_fields(struct req *r, const char *base, const char *json)
{
	struct wx_field *f;
	static const char *const keys[] = { "Location_X", "Location_Y", "Scale", "Label",
	    "Title", "Description", "Url", "Recognition", "EventKey", "Event" };

	if (json == NULL || json_parse(&r->pool, json, strlen(json), &f) != 0)
		return;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (wx_get(f, keys[i]))
			tmpl_set(r, pool_printf(&r->pool, "%s.F.%s", base, keys[i]),
			    wx_get(f, keys[i]));
}

/* 1 when colleague row i of the transfer targets has a browser open now */
static int
colleague_there(const struct transfer_targets *tt, size_t i)
{
	return tt[i].seen >= (long long)wx_now() - presence_away_after();
}

/* A colleague's status in words: their presence, or that their browser is gone. */
static const char *
colleague_status(struct req *r, const struct transfer_targets *tt, size_t i)
{
	const char *presence = tt[i].presence;

	if (presence_index(presence) < 0)
		presence = "away";
	if (strcmp(presence, "available") == 0 && !colleague_there(tt, i))
		return L(r, "presence.gone");
	return L(r, pool_printf(&r->pool, "presence.states.%s", presence));
}

/*
 * Why colleague row i of the transfer targets cannot take a chat now, in
 * words (their status, or their browser gone), or NULL when they can.
 */
const char *
console_colleague_away(struct req *r, const struct transfer_targets *tt, size_t i)
{
	const char *presence = tt[i].presence;

	if (presence && strcmp(presence, "available") == 0 && colleague_there(tt, i))
		return NULL;
	return LF(r, "chat.transfer_not_available", tt[i].name,
	    colleague_status(r, tt, i));
}

/* a number into the page, when there is one (0: none, as NULL was) */
static void
set_some(struct req *r, const char *base, const char *name, long long v)
{
	if (v != 0)
		tmpl_set_int(r, pool_printf(&r->pool, "%s.%s", base, name), v);
}

/* The chat's header: who, where, since when, its state and its window. */
static void
chat_header(struct req *r, const struct console_chat *c, const char *who)
{
	tmpl_set_int(r, "Chat.Id", c->id);
	tmpl_set(r, "Chat.State", c->state);
	tmpl_set(r, "Chat.AfterHours", c->after_hours ? "1" : NULL);
	if (c->followup)	/* a message left when nobody could answer */
		tmpl_set(r, "Chat.FollowupLine", LF(r, "chat.followup_line",
		    ui_time(r, c->followup)));
	tmpl_set(r, "Chat.Follower", who);
	tmpl_set(r, "Chat.OpenId", c->openid);
	tmpl_set(r, "Chat.Remark", c->remark && *c->remark ? c->remark : NULL);
	tmpl_set(r, "Chat.Department", c->department);
	tmpl_set(r, "Chat.Operator", c->operator);
	tmpl_set(r, "Chat.Brand", c->brand);
	tmpl_set(r, "Chat.Started", ui_time(r, c->started));
	tmpl_set(r, "Chat.StartedAt", ui_iso(r, c->started));
	tmpl_set(r, "Chat.Mine", c->operator_id == r->user->id ? "1" : NULL);
	set_some(r, "Chat", "Previous", c->previous_chat_id);
	tmpl_set(r, "Chat.Language", ui_known(r, "wxlang", c->language));
	tmpl_set(r, "Chat.Subscribed", ui_time(r, c->subat));
	/* a QR code's scene as the brand named it, else how WeChat says the
	 * follower came (its subscribe_scene, in words) */
	tmpl_set(r, "Chat.Scene", c->qr_scene ? c->qr_scene :
	    ui_known(r, "wxscene", c->subscribe_scene));
	if (strcmp(c->state, "closed") == 0) {
		tmpl_set(r, "Chat.Closed", ui_time(r, c->closed));
		tmpl_set(r, "Chat.Reason", ui_close_reason(r, c->close_reason, 0));
		tmpl_set(r, "Chat.ClosedLine", LF(r, "chat.closed_line", ui_time(r,
		    c->closed), ui_close_reason(r, c->close_reason, 0)));
		if (c->topic || c->summary)	/* the close summary (topics.h) */
			tmpl_set(r, "Chat.SummaryLine", LF(r, "chat.summary_line", c->topic && c->summary ?
			    pool_printf(&r->pool, "%s · %s", c->topic, c->summary) :
			    c->topic ? c->topic : c->summary));
		if (reopenable(c))
			tmpl_set(r, "Chat.CanReopen", "1");
		set_some(r, "Chat", "OpenElsewhere", c->other_open);
	} else
		console_meter(r, "Chat.Meter", c->last_in, c->grant_at, c->outs);
}

/*
 * 1 when the user may hold a reply in the chat for when its follower writes
 * (chat.h): they follow, and no window takes a message now, in the user's
 * active chat (its time passed, or its messages used up), or in a closed
 * chat that cannot be reopened (not one closed for a block).
 */
int
console_may_hold(struct req *r, const struct console_chat *c)
{
	long long until;
	int       max;

	if (!c->subscribed)
		return 0;
	/* (a follower with another chat open is answered there) */
	if (strcmp(c->state, "closed") == 0)
		return !reopenable(c) && c->close_reason && strcmp(c->close_reason, "blocked") != 0 &&
		    c->other_open == 0;
	if (strcmp(c->state, "active") != 0 || c->operator_id != r->user->id)
		return 0;
	chat_window(c->last_in, c->grant_at, &until, &max);
	return until <= (long long)wx_now() || c->outs >= max;
}

/*
 * When a reply written now in the user's active chat would go if scheduled
 * (chat.h, REMINDER_BEFORE before the window of the follower's last message
 * closes), or 0: no such window, or too close to its end.
 */
long long
console_remind_at(struct req *r, const struct console_chat *c)
{
	long long until, at;
	int       max;

	if (strcmp(c->state, "active") != 0 || c->operator_id != r->user->id || !c->subscribed)
		return 0;
	chat_window(c->last_in, c->grant_at, &until, &max);
	at = until - REMINDER_BEFORE;
	return max == WX_REPLIES_IN_ROW && c->outs < max && at > (long long)wx_now() + 60 ? at : 0;
}

/* What the user may do with the chat now, and to whom it may go. */
static void
chat_actions(struct req *r, const struct console_chat *c, long long id)
{
	const char *why;

	if ((why = console_cannot_reply(r, c)) != NULL)
		tmpl_set(r, "Chat.CannotReply", why);
	else if (console_remind_at(r, c))
		tmpl_set(r, "Chat.RemindLine", LF(r, "chat.remind_line", ui_time(r,
		    console_remind_at(r, c))));
	if (console_may_hold(r, c)) {
		tmpl_set(r, "Chat.CanHold", "1");
		tmpl_set(r, "Chat.HoldHint", LF(r, "chat.hold_hint", (int)c->held_days));
		if (why == NULL)	/* a closed chat says why above its transcript */
			tmpl_set(r, "Chat.CannotReply", L(r, "chat.hold_closed"));
		console_ladder(r, c);
	}
	if (strcmp(c->state, "bot") == 0)
		tmpl_set(r, "Chat.CanTakeOver", "1");	/* a pick-up: the bot lets go */
	if (strcmp(c->state, "followup") == 0)
		tmpl_set(r, "Chat.CanPickUp", "1");	/* anyone of the department answers it */
	if (strcmp(c->state, "waiting") == 0 ||
	    strcmp(c->state, "missed") == 0) {
		/* offered: to me, accept or decline; to someone else, theirs to
		 * answer until the offer runs out */
		long long left = c->offeruntil - (long long)wx_now();
		if (c->offer_user_id == r->user->id && left >= 0)
			tmpl_set(r, "Chat.OfferMine", "1");
		if (c->offer_user_id != 0 && c->offer_user_id != r->user->id &&
		    left >= 0)
			tmpl_set(r, "Chat.OfferedTo", LF(r, "offer.offered_to",
			    c->offered_to, left));
		else
			tmpl_set(r, "Chat.CanPickUp", "1");
	}
	if (strcmp(c->state, "closed") != 0 &&
	    (c->operator_id == r->user->id || console_sees_all(r))) {
		struct transfer_targets *tt = NULL;
		size_t tt_n = 0;
		tmpl_set(r, "Chat.CanClose", "1");
		{
			/* the close summary's topics (topics.h) */
			struct topic *tp = NULL;
			size_t        tp_n = 0;
			if (db_topics(&r->pool, c->brand_id, &tp, &tp_n) == DB_OK)
				TMPL_LIST(r, "Topics", tp, tp_n, topic);
			if (tp_n > 0 && db_topic_required(&r->pool, c->brand_id) == 1)
				tmpl_set(r, "Chat.TopicRequired", "1");
		}
		if (db_transfer_targets(&r->pool, id, &tt, &tt_n) == DB_OK)
			for (size_t i = 0; i < tt_n; i++) {
				const char *base = pool_printf(&r->pool, "Targets.%s.%zu",
				    tt[i].kind, i);
				tmpl_set(r, pool_printf(&r->pool, "%s.Value", base), pool_printf(
				    &r->pool, "%s:%lld", tt[i].kind, tt[i].id));
				tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), tt[i].name);
				if (strcmp(tt[i].kind, "user") != 0)
					continue;
				/* each colleague's presence and load, beside the name */
				tmpl_set(r, pool_printf(&r->pool, "%s.Status", base),
				    colleague_status(r, tt, i));
				tmpl_set(r, pool_printf(&r->pool, "%s.Load", base), LF(r, "board.hand",
				    tt[i].hand, tt[i].chat_limit));
				if (console_colleague_away(r, tt, i))
					tmpl_set(r, pool_printf(&r->pool, "%s.Away", base), "1");
			}
	}
}

/* The follower's other chats, the canned responses, the alias form. */
/* The composer's canned responses in groups (CannedGroups.G.Name, .Items):
 * the operator's own, then the brand's by category, then the rest. */
static void
canned_groups(struct req *r, const struct canned_list *c, size_t n)
{
	const char *prev = NULL;
	int         g = -1, k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *name = c[i].mine ? L(r, "chat.canned_mine") : c[i].category ?
		    c[i].category : L(r, "chat.canned_team");
		const char *base;
		if (prev == NULL || strcmp(prev, name) != 0) {
			g++, k = 0, prev = name;
			tmpl_set(r, pool_printf(&r->pool, "CannedGroups.%d.Name", g), name);
		}
		base = pool_printf(&r->pool, "CannedGroups.%d.Items.%d", g, k++);
		tmpl_set(r, pool_printf(&r->pool, "%s.Shortcut", base), c[i].shortcut);
		tmpl_set(r, pool_printf(&r->pool, "%s.Body", base), c[i].body);
		tmpl_set(r, pool_printf(&r->pool, "%s.Mime", base), c[i].mime);
	}
}

/* answers suggested for the follower's latest message (suggest.h), for
 * the composer: Suggestions.N (a failure costs them, not the page) */
static void
suggestions(struct req *r, const struct console_chat *c, const struct canned_list *cr, size_t n)
{
	struct suggest_canned *k = pool_alloc(&r->pool, sizeof *k * (n + 1));
	struct suggestion      s[SUGGESTIONS];
	size_t                 nk = 0;
	const char            *text;
	int                    ns;

	for (size_t i = 0; i < n; i++)
		if (cr[i].mime == NULL && cr[i].body)	/* text only: a file is not inserted */
			k[nk++] = (struct suggest_canned){ cr[i].id, cr[i].shortcut, cr[i].body };
	if (db_suggest_last_in(&r->pool, c->id, &text) != DB_OK ||
	    (ns = suggest(&r->pool, c->brand_id, c->id, text, k, nk, s)) <= 0)
		return;
	for (int i = 0; i < ns; i++) {
		const char *b = pool_printf(&r->pool, "Suggestions.%d", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Kind", b), s[i].kind);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Ref", b), s[i].ref);
		tmpl_set(r, pool_printf(&r->pool, "%s.Text", b), s[i].text);
		tmpl_set(r, pool_printf(&r->pool, "%s.About", b), s[i].about);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Score", b), s[i].score);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Key", b), i + 1);
	}
}

/* POST /console/chats/{id}/suggestions/pick: an operator put a suggestion
 * into the composer (kind, ref): counted, so the ranking learns */
void
console_suggestion_pick_post(struct req *r, struct resp *rs)
{
	static const struct field pick_fields[] = {
		{ "kind", "field.suggest_kind", F_REQUIRED, v_suggest_kind },
		{ "ref", "field.suggest_ref", F_REQUIRED, v_id },
	};
	struct console_chat c;
	const char         *v[2];
	int                 ok = FORM_READ(r, pick_fields, v) == 0 &&
	    db_console_chat(&r->pool, r->ids[0], &c) == DB_OK && c.operator_id == r->user->id;

	ok = ok && db_suggest_pick(&r->pool, c.brand_id, v[0], strtoll(v[1], NULL, 10), c.id,
	    r->user->id, (long long)wx_now()) == DB_OK;
	resp_json(rs, ok ? 200 : 422, json_pack("{s:b}", "counted", ok));
}

static void
chat_others(struct req *r, const struct console_chat *c, long long id)
{
	tmpl_set_int(r, "Chat.FollowerId", c->follower_id);
	{
		struct follower_chats *fc = NULL;
		size_t fc_n = 0;
		if (db_follower_chats(&r->pool, c->follower_id, id, &fc, &fc_n) == DB_OK)
			for (size_t i = 0; i < fc_n; i++) {
				const char *base = pool_printf(&r->pool, "Others.%zu", i);
				tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), fc[i].id);
				tmpl_set(r, pool_printf(&r->pool, "%s.State", base), fc[i].state);
				tmpl_set(r, pool_printf(&r->pool, "%s.Started", base),
				    ui_time(r, fc[i].started));
				tmpl_set(r, pool_printf(&r->pool, "%s.Reason", base),
				    ui_close_reason(r, fc[i].close_reason, 0));
			}
	}
	if (c->operator_id == r->user->id) {
		struct canned_list *cr = NULL;
		size_t cr_n = 0;
		if (db_canned_list(&r->pool, c->brand_id, r->user->id, &cr, &cr_n) == DB_OK) {
			TMPL_LIST(r, "Canned", cr, cr_n, canned_list);
			canned_groups(r, cr, cr_n);
		}
		if (console_cannot_reply(r, c) == NULL)
			suggestions(r, c, cr, cr_n);
	}
	if (form_kept(r, "alias") == NULL)
		tmpl_set(r, "Form.alias.Value", c->alias ? c->alias : c->remark);
	follower_remark_state(r, c->follower_id);
	follower_tags_set(r, c->follower_id, c->channel_id);
}

/* 1 when row m is a reply that was held, or scheduled, and has gone
 * (held_go keeps fields.written) */
static int
went_later(struct req *r, const struct transcript *m)
{
	struct wx_field *f;

	return strcmp(m->direction, "out") == 0 && m->fields && strstr(m->fields, "\"written\"") &&
	    json_parse(&r->pool, m->fields, strlen(m->fields), &f) == 0 && wx_get(f, "written");
}

/*
 * A held reply (or a scheduled one) goes when the follower writes (or when
 * due), keeping the id it was written with, and the transcript is read by
 * id: each such row of t (newest first) moves to where it went, past the
 * newer rows stored before it went: those of an earlier second, and the
 * follower's of its own second (the message that let it go). A row of its
 * second from the team (a reply typed after it went) stays after it.
 */
static void
went_in_place(struct req *r, struct transcript *t, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (!went_later(r, &t[i]))
			continue;
		for (size_t j = i; j > 0 && (t[j - 1].at < t[j].at || (t[j - 1].at == t[j].at &&
		    strcmp(t[j - 1].direction, "in") == 0)); j--) {
			struct transcript x = t[j - 1];
			t[j - 1] = t[j];
			t[j] = x;
		}
	}
}

/* The transcript t, n messages (newest first, as read), into Messages, oldest first. */
static void
chat_transcript(struct req *r, const struct transcript *t, size_t n, size_t from, int earlier)
{
	for (size_t i = 0; i < n; i++) {
		size_t      row = n - 1 - i;
		const char *base = pool_printf(&r->pool, "Messages.%zu", from + i);
		if (earlier)
			tmpl_set(r, pool_printf(&r->pool, "%s.Earlier", base), "1");
		const char *const text[][2] = { { "Dir", t[row].direction },
			{ "Type", t[row].msg_type }, { "Event", t[row].event },
			{ "EventKey", t[row].event_key }, { "Body", t[row].body },
			{ "MediaState", t[row].media_state }, { "Mime", t[row].mime },
			{ "Delivery", t[row].delivery_state }, { "Author", t[row].author },
			{ "Result", t[row].result } };
		set_some(r, base, "Id", t[row].id);
		for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
			tmpl_set(r, pool_printf(&r->pool, "%s.%s", base, text[k][0]), text[k][1]);
		set_some(r, base, "Attachment", t[row].attachment_id);
		if (t[row].send_at)	/* a reply scheduled before the window closes */
			tmpl_set(r, pool_printf(&r->pool, "%s.SendAt", base), ui_time(r, t[row].send_at));
		set_some(r, base, "Errcode", t[row].wx_errcode);
		tmpl_set(r, pool_printf(&r->pool, "%s.Time", base), ui_time(r, t[row].at));
		tmpl_set(r, pool_printf(&r->pool, "%s.At", base), ui_iso(r, t[row].at));
		if (t[row].wx_errcode != 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.Error", base),
			    ui_errtext(r, t[row].wx_errcode));
		if (strcmp(t[row].direction, "in") == 0)
			message_fields(r, base, t[row].fields);
		else if (strcmp(t[row].direction, "out") == 0 && t[row].fields) {
			struct wx_field *bf;	/* a passive reply: the bot's {"bot":1}, wxdesk's {"auto":1} */
			const char      *w;
			if (json_parse(&r->pool, t[row].fields,
			    strlen(t[row].fields), &bf) == 0) {
				if (wx_get(bf, "bot"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Bot", base), "1");
				else if (wx_get(bf, "auto"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Auto", base), "1");
				/* held (or scheduled), gone later: when it was written */
				if ((w = wx_get(bf, "written")) != NULL)
					tmpl_set(r, pool_printf(&r->pool, "%s.Written", base),
					    ui_time(r, strtoll(w, NULL, 10)));
			}
		}
		else if (strcmp(t[row].direction, "system") == 0)
			note_text(r, base, t[row].fields);
	}
}

/*
 * A chat page shows the newest CHAT_PAGE_MESSAGES messages; older ones come
 * as many at a time when the reader scrolls up (?before=<id>: those below
 * it; the page's script puts them above), and the page's live update asks
 * for everything from the oldest one the reader has (?from=<id>, at most
 * CHAT_PAGE_FROM_MAX), so what was loaded stays.
 */
#define CHAT_PAGE_MESSAGES 50
#define CHAT_PAGE_FROM_MAX 500

/* a message id from the address's query, or 0 */
static long long
arg_id(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && v_id(v) == NULL ? strtoll(v, NULL, 10) : 0;
}

void
console_chat_page(struct req *r, struct resp *rs, const struct console_chat *c, int status)
{
	struct transcript *t = NULL;
	size_t t_n = 0;
	struct console_counts k;
	long long     before = arg_id(r, "before"), from = before ? 0 : arg_id(r, "from");
	size_t        limit = from ? CHAT_PAGE_FROM_MAX : CHAT_PAGE_MESSAGES;
	int           more;
	/* the alias typed here, else the account's remark in WeChat */
	const char   *who = c->alias ? c->alias : c->remark && *c->remark ? c->remark :
	    c->openid;
	long long     id = c->id;

	/* the mark before the transcript: a later delivery refreshes it */
	(void)console_page_mark(r);	/* a failure costs the live refresh and the banner */
	if (db_transcript(&r->pool, id, before, from, (int)limit + 1, &t, &t_n) != DB_OK ||
	    console_counts(r, &k) < 0) {
		ui_db_failed(r, rs);
		return;
	}
	if ((more = t_n > limit) != 0)
		t_n = limit;
	long long oldest = t_n ? t[t_n - 1].id : 0;	/* the page's edge, by id */
	/* what the user has now seen: the list's unread marks go (the newest
	 * message comes first); a failure costs only the marks */
	if (t_n > 0 && !before)
		(void)db_chat_seen(&r->pool, r->user->id, id, t[0].id);
	chat_header(r, c, who);
	chat_actions(r, c, id);
	chat_others(r, c, id);
	{
		/* what came before the chat: the follow and the welcome, greyed
		 * (once the chat's first message is shown) */
		struct transcript *e = NULL;
		size_t             e_n = 0;
		if (more || db_transcript_before(&r->pool, c->follower_id, c->started, &e,
		    &e_n) != DB_OK)
			e_n = 0;	/* a failure costs only what came before */
		if (e_n > 0) {
			chat_transcript(r, e, e_n, 0, 1);
			tmpl_set(r, "Chat.Earlier", "1");
		}
		went_in_place(r, t, t_n);
		chat_transcript(r, t, t_n, e_n, 0);
	}
	if (more)	/* older messages, below the oldest shown */
		tmpl_set_int(r, "Chat.OlderBefore", oldest);
	/* where the page begins, by id (its first row may be another: went_in_place) */
	set_some(r, "Chat", "From", oldest);
	if (before)	/* a page of older messages: the newest are a link away */
		tmpl_set(r, "Chat.Older", "1");
	console_inbox(r, id);
	tmpl_set(r, "Page.Wide", "1");
	tmpl_set(r, "Page.Title", LF(r, "chat.title", who));
	tmpl_set(r, "Nav", "console");
	tmpl_render(r, rs, "chat.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
console_chat_get(struct req *r, struct resp *rs)
{
	struct console_chat c;

	if (console_load_chat(r, rs, &c) == 0)
		console_chat_page(r, rs, &c, 200);
}

void
console_to_chat(struct req *r, struct resp *rs)
{
	resp_redirect(rs, pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]));
}

static const struct field note_fields[] = { { "staff_note", "chat.note_field", 0, v_utf8 } };

/* the name shown for the chat's follower (empty: none) */
static int
alias_set(struct req *r, struct console_change *x)
{
	int st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	return follower_name_save(r, x->c.follower_id, x->c.alias, x->c.remark, &x->msg);
}

void
console_alias_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, alias_set(r, &x), &x);
}

/* a tag given to the chat's follower, or taken away */
static int
tags_set(struct req *r, struct console_change *x)
{
	int st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	return follower_tag_save(r, x->c.follower_id, &x->msg);
}

void
console_chat_tags_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, tags_set(r, &x), &x);
}

/* the chat's follower onto the blacklist (the chat closes), or off it */
static int
block_set(struct req *r, struct console_change *x)
{
	int st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	return follower_block_save(r, x->c.follower_id, &x->msg);
}

/* what menu WeChat shows the chat's follower (menu/trymatch) */
static int
menu_match(struct req *r, struct console_change *x)
{
	int st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	return follower_menu_match(r, x->c.channel_id, x->c.openid, &x->msg);
}

void
console_chat_menu_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, menu_match(r, &x), &x);
}

void
console_chat_block_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, block_set(r, &x), &x);
}

/*
 * POST …/typing: WeChat's "typing" indicator while the operator writes. A
 * process sends it at most every 10 seconds per chat (WeChat shows it for
 * up to 15 s and limits how often it may be sent).
 */
void
console_typing_post(struct req *r, struct resp *rs)
{
	static struct { long long chat; time_t at; } recent[64];
	struct console_chat c;
	time_t       now = time(NULL);
	size_t       slot = (size_t)r->ids[0] % 64;
	long         e = 0;
	int          mine = db_console_chat(&r->pool, r->ids[0], &c) == DB_OK &&
	    c.operator_id == r->user->id && console_cannot_reply(r, &c) == NULL;

	/* answered once, in JSON: sent, or not (not the user's chat to answer,
	 * or said within the last 10 s: recent) */
	if (!mine)
		resp_json(rs, 200, json_pack("{s:b}", "sent", 0));
	else if (recent[slot].chat != r->ids[0] || now - recent[slot].at >= 10) {
		struct wxapi_channel ch = { c.channel_id, c.app_id,
		    c.app_secret_enc ? secret_decrypt(&r->pool, c.app_secret_enc) :
		    NULL };
		struct http_resp hr;
		struct wx_field *f;
		struct buf       body = { 0 };
		json_put(&body, json_pack("{s:o,s:s}", "touser", json_s(c.openid),
		    "command", "Typing"));
		e = ch.secret ? wxapi_call(&r->pool, &ch, "/cgi-bin/message/custom/typing", NULL,
		    body.data, NULL, &hr, &f) : -2;
		if (ch.secret)
			http_resp_free(&hr);
		buf_free(&body);
		recent[slot].chat = r->ids[0];
		recent[slot].at = now;
		resp_json(rs, 200, json_pack("{s:b}", "sent", e == 0));
	} else
		resp_json(rs, 200, json_pack("{s:b,s:b}", "sent", 0, "recent", 1));
}

/* GET /console/media/{id}: the file of message id, to those who may see its chat. */
void
console_media_get(struct req *r, struct resp *rs)
{
	struct console_chat c;
	struct media_of_message m;

	if (!ui_found(r, rs, db_media_of_message(&r->pool, r->ids[0], &m), "file"))
		return;
	/* columns: chat path mime size; the chat's access rules apply */
	r->ids[0] = m.chat_id;
	if (console_load_chat(r, rs, &c) != 0)
		return;
	/* a voice in AMR is served as the MP3 made beside it: browsers play that */
	const char *path = media_file(&r->pool, m.path);
	const char *play = media_playable(&r->pool, path, m.mime);
	ui_send_file(r, rs, play ? play : path, play ? "audio/mpeg" : m.mime, "file");
}

/*
 * An internal note: a staff-only line in the transcript, never sent to
 * WeChat, shown apart from the conversation and found by the search.
 */
/* a note for colleagues, in the transcript (the follower never sees it) */
static int
note_add(struct req *r, struct console_change *x)
{
	const char  *text;
	int          st;

	if ((st = console_chat_of(r, x)) != DB_OK)
		return st;
	form_trim(r);
	if (FORM_READ(r, note_fields, &text) || *text == '\0' || utf8_chars(text) > WX_TEXT_MAX) {
		form_error(r, "staff_note", LF(r, "chat.note_bad", WX_TEXT_MAX));
		return UI_REFUSED;
	}
	{
		struct chat_ref ref = { r->ids[0], x->c.channel_id, x->c.follower_id,
			x->c.department_id };
		x->msg = L(r, "chat.note_added");
		return ui_wrote(chat_staff_note(&r->pool, &ref, r->user->name, text));
	}
}

void
console_note_post(struct req *r, struct resp *rs)
{
	struct console_change x = { 0 };

	console_end(r, rs, note_add(r, &x), &x);
}
