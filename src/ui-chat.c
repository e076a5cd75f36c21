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
#include "ui.h"
#include "ui-console.h"
#include "wxapi.h"


/* Loads chat r->ids[0] if the user may see it; 0, or -1 after answering. */
int
console_load_chat(struct req *r, struct resp *rs, struct dbres *c)
{
	int member;

	if (!ui_found(r, rs, db_console_chat(&r->pool, r->ids[0], c), "chat"))
		return -1;
	if (console_sees_all(r) || db_int(c, 0, CHAT_OPERATOR) == r->user->id)
		return 0;
	member = db_console_member(&r->pool, r->user->id, db_int(c, 0, CHAT_DEPT));
	if (member < 0) {
		ui_db_failed(r, rs);
		return -1;
	}
	if (!member) {
		page_error(r, rs, 403, 0, L(r, "chat.not_member"));
		return -1;
	}
	return 0;
}

/* 1 when a closed chat may be reopened (chat_reopen has the last word):
 * closed by the team's side, within the follower's 48 hours */
static int
reopenable(const struct dbres *c)
{
	const char *why = db_cell(c, 0, CHAT_REASON);

	return strcmp(db_cell(c, 0, CHAT_STATE), "closed") == 0 &&
	    db_int(c, 0, CHAT_LASTIN) + WX_WINDOW > (long long)wx_now() && why &&
	    strcmp(why, "unfollowed") != 0 && strcmp(why, "window_expired") != 0;
}

/* Why the user cannot answer the chat now, or NULL when they can. */
const char *
console_cannot_reply(struct req *r, const struct dbres *c)
{
	const char *st = db_cell(c, 0, CHAT_STATE);

	if (strcmp(st, "closed") == 0)
		return LF(r, reopenable(c) ? "chat.closed_reopen" : "chat.closed_why",
		    ui_close_reason(r, db_cell(c, 0, CHAT_REASON), 0));
	if (strcmp(st, "bot") == 0)
		return L(r, "bot.holds");
	if (strcmp(st, "active") != 0)
		return L(r, "chat.pick_up_first");
	if (db_int(c, 0, CHAT_OPERATOR) != r->user->id)
		return LF(r, "chat.other_answering", db_cell(c, 0, CHAT_OPNAME) ?
		    db_cell(c, 0, CHAT_OPNAME) : L(r, "chat.another_operator"));
	if (db_int(c, 0, CHAT_LASTIN) + WX_WINDOW <= (long long)wx_now())
		return L(r, "chat.window_passed");
	if (db_int(c, 0, CHAT_OUT) >= WX_REPLIES_IN_ROW)
		return LF(r, "chat.five_in_row", WX_REPLIES_IN_ROW);
	return NULL;
}

/* WeChat's code for something (a language, a scene) in words, when the
 * catalogue knows it (group.<code>); else the code as WeChat sent it */
static const char *
known(struct req *r, const char *group, const char *code)
{
	const char *key;

	if (code == NULL || *code == '\0' || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz_") != strlen(code))
		return code;
	key = pool_printf(&r->pool, "%s.%s", group, code);
	return lang_has(r->lang, key) ? L(r, key) : code;
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
colleague_there(const struct dbres *tt, size_t i)
{
	return db_int(tt, i, TT_SEEN) >= (long long)wx_now() - presence_away_after();
}

/* A colleague's status in words: their presence, or that their browser is gone. */
static const char *
colleague_status(struct req *r, const struct dbres *tt, size_t i)
{
	const char *presence = db_cell(tt, i, TT_PRESENCE);

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
console_colleague_away(struct req *r, const struct dbres *tt, size_t i)
{
	const char *presence = db_cell(tt, i, TT_PRESENCE);

	if (presence && strcmp(presence, "available") == 0 && colleague_there(tt, i))
		return NULL;
	return LF(r, "chat.transfer_not_available", db_cell(tt, i, TT_NAME),
	    colleague_status(r, tt, i));
}

/* The chat's header: who, where, since when, its state and its window. */
static void
chat_header(struct req *r, const struct dbres *c, const char *who)
{
	tmpl_set(r, "Chat.Id", db_cell(c, 0, CHAT_ID));
	tmpl_set(r, "Chat.State", db_cell(c, 0, CHAT_STATE));
	tmpl_set(r, "Chat.AfterHours", db_int(c, 0, CHAT_AFTERHOURS) ? "1" : NULL);
	if (db_int(c, 0, CHAT_FOLLOWUP))	/* a message left when nobody could answer */
		tmpl_set(r, "Chat.FollowupLine", LF(r, "chat.followup_line",
		    ui_time(r, db_int(c, 0, CHAT_FOLLOWUP))));
	tmpl_set(r, "Chat.Follower", who);
	tmpl_set(r, "Chat.OpenId", db_cell(c, 0, CHAT_OPENID));
	tmpl_set(r, "Chat.Department", db_cell(c, 0, CHAT_DEPTNAME));
	tmpl_set(r, "Chat.Operator", db_cell(c, 0, CHAT_OPNAME));
	tmpl_set(r, "Chat.Brand", db_cell(c, 0, CHAT_BRAND));
	tmpl_set(r, "Chat.Started", ui_time(r, db_int(c, 0, CHAT_STARTED)));
	tmpl_set(r, "Chat.StartedAt", ui_iso(r, db_int(c, 0, CHAT_STARTED)));
	tmpl_set(r, "Chat.Mine", db_int(c, 0, CHAT_OPERATOR) == r->user->id ? "1" : NULL);
	tmpl_set(r, "Chat.Previous", db_int(c, 0, CHAT_PREV) ? db_cell(c, 0, CHAT_PREV) : NULL);
	tmpl_set(r, "Chat.Language", known(r, "wxlang", db_cell(c, 0, CHAT_LANG)));
	tmpl_set(r, "Chat.Subscribed", ui_time(r, db_int(c, 0, CHAT_SUBAT)));
	/* a QR code's scene as the brand named it, else how WeChat says the
	 * follower came (its subscribe_scene, in words) */
	tmpl_set(r, "Chat.Scene", db_cell(c, 0, CHAT_QR) ? db_cell(c, 0, CHAT_QR) :
	    known(r, "wxscene", db_cell(c, 0, CHAT_SCENE)));
	if (strcmp(db_cell(c, 0, CHAT_STATE), "closed") == 0) {
		tmpl_set(r, "Chat.Closed", ui_time(r, db_int(c, 0, CHAT_CLOSED)));
		tmpl_set(r, "Chat.Reason", ui_close_reason(r, db_cell(c, 0, CHAT_REASON), 0));
		tmpl_set(r, "Chat.ClosedLine", LF(r, "chat.closed_line", ui_time(r,
		    db_int(c, 0, CHAT_CLOSED)), ui_close_reason(r, db_cell(c, 0, CHAT_REASON), 0)));
		if (reopenable(c))
			tmpl_set(r, "Chat.CanReopen", "1");
	} else
		console_meter(r, "Chat.Meter", db_int(c, 0, CHAT_LASTIN), db_int(c, 0, CHAT_OUT));
}

/* What the user may do with the chat now, and to whom it may go. */
static void
chat_actions(struct req *r, const struct dbres *c, long long id)
{
	const char *why;

	if ((why = console_cannot_reply(r, c)) != NULL)
		tmpl_set(r, "Chat.CannotReply", why);
	if (strcmp(db_cell(c, 0, CHAT_STATE), "bot") == 0)
		tmpl_set(r, "Chat.CanTakeOver", "1");	/* a pick-up: the bot lets go */
	if (strcmp(db_cell(c, 0, CHAT_STATE), "followup") == 0)
		tmpl_set(r, "Chat.CanPickUp", "1");	/* anyone of the department answers it */
	if (strcmp(db_cell(c, 0, CHAT_STATE), "waiting") == 0 ||
	    strcmp(db_cell(c, 0, CHAT_STATE), "missed") == 0) {
		/* offered: to me, accept or decline; to someone else, theirs to
		 * answer until the offer runs out */
		long long left = db_int(c, 0, CHAT_OFFERUNTIL) - (long long)wx_now();
		if (db_int(c, 0, CHAT_OFFER) == r->user->id && left >= 0)
			tmpl_set(r, "Chat.OfferMine", "1");
		if (db_int(c, 0, CHAT_OFFER) != 0 && db_int(c, 0, CHAT_OFFER) != r->user->id &&
		    left >= 0)
			tmpl_set(r, "Chat.OfferedTo", LF(r, "offer.offered_to",
			    db_cell(c, 0, CHAT_OFFERNAME), left));
		else
			tmpl_set(r, "Chat.CanPickUp", "1");
	}
	if (strcmp(db_cell(c, 0, CHAT_STATE), "closed") != 0 &&
	    (db_int(c, 0, CHAT_OPERATOR) == r->user->id || console_sees_all(r))) {
		struct dbres tt;
		tmpl_set(r, "Chat.CanClose", "1");
		if (db_transfer_targets(&r->pool, id, &tt) == DB_OK)
			for (size_t i = 0; i < tt.nrows; i++) {
				const char *base = pool_printf(&r->pool, "Targets.%s.%zu",
				    db_cell(&tt, i, TT_KIND), i);
				tmpl_set(r, pool_printf(&r->pool, "%s.Value", base), pool_printf(
				    &r->pool, "%s:%s", db_cell(&tt, i, TT_KIND), db_cell(&tt, i, TT_ID)));
				tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), db_cell(&tt, i, TT_NAME));
				if (strcmp(db_cell(&tt, i, TT_KIND), "user") != 0)
					continue;
				/* each colleague's presence and load, beside the name */
				tmpl_set(r, pool_printf(&r->pool, "%s.Status", base),
				    colleague_status(r, &tt, i));
				tmpl_set(r, pool_printf(&r->pool, "%s.Load", base), LF(r, "board.hand",
				    db_int(&tt, i, TT_HAND), db_int(&tt, i, TT_LIMIT)));
				if (console_colleague_away(r, &tt, i))
					tmpl_set(r, pool_printf(&r->pool, "%s.Away", base), "1");
			}
	}
}

/* The follower's other chats, the canned responses, the alias form. */
static void
chat_others(struct req *r, const struct dbres *c, long long id)
{
	tmpl_set(r, "Chat.FollowerId", db_cell(c, 0, CHAT_FOLLOWER));
	{
		struct follower_chats *fc = NULL;
		size_t fc_n = 0;
		if (db_follower_chats(&r->pool, db_int(c, 0, CHAT_FOLLOWER), id, &fc, &fc_n) == DB_OK)
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
	if (db_int(c, 0, CHAT_OPERATOR) == r->user->id) {
		struct canned_list *cr = NULL;
		size_t cr_n = 0;
		if (db_canned_list(&r->pool, db_int(c, 0, CHAT_BRANDID), &cr, &cr_n) == DB_OK)
			TMPL_LIST(r, "Canned", cr, cr_n, canned_list);
	}
	if (req_field(r, "alias") == NULL)
		tmpl_set(r, "Form.alias.Value", db_cell(c, 0, CHAT_ALIAS));
}

/* The transcript t (newest first, as read) into Messages, oldest first. */
static void
chat_transcript(struct req *r, const struct dbres *t)
{
	/* the transcript, oldest first; columns: id dir type event event_key body
	 * fields media_state attachment mime delivery errcode author time */
	for (size_t i = 0; i < t->nrows; i++) {
		size_t      row = t->nrows - 1 - i;
		const char *base = pool_printf(&r->pool, "Messages.%zu", i);
		static const char *const names[] = {
	    [TR_ID] = "Id",
	    [TR_DIRECTION] = "Dir",
	    [TR_TYPE] = "Type",
	    [TR_EVENT] = "Event",
	    [TR_EVENT_KEY] = "EventKey",
	    [TR_BODY] = "Body",
	    [TR_MEDIA_STATE] = "MediaState",
	    [TR_ATTACHMENT] = "Attachment",
	    [TR_MIME] = "Mime",
	    [TR_DELIVERY] = "Delivery",
	    [TR_ERRCODE] = "Errcode",
	    [TR_AUTHOR] = "Author"
	};
		for (size_t col = 0; col < sizeof names / sizeof names[0]; col++)
			if (names[col])	/* the fields are shown apart */
				tmpl_set(r, pool_printf(&r->pool, "%s.%s", base, names[col]),
				    db_cell(t, row, col));
		tmpl_set(r, pool_printf(&r->pool, "%s.Time", base), ui_time(r, db_int(t, row, TR_AT)));
		tmpl_set(r, pool_printf(&r->pool, "%s.At", base), ui_iso(r, db_int(t, row, TR_AT)));
		if (db_int(t, row, TR_ERRCODE) != 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.Error", base),
			    ui_errtext(r, db_int(t, row, TR_ERRCODE)));
		if (strcmp(db_cell(t, row, TR_DIRECTION), "in") == 0)
			message_fields(r, base, db_cell(t, row, TR_FIELDS));
		else if (strcmp(db_cell(t, row, TR_DIRECTION), "out") == 0 && db_cell(t, row, TR_FIELDS)) {
			struct wx_field *bf;	/* a passive reply: the bot's {"bot":1}, wxdesk's {"auto":1} */
			if (json_parse(&r->pool, db_cell(t, row, TR_FIELDS),
			    strlen(db_cell(t, row, TR_FIELDS)), &bf) == 0) {
				if (wx_get(bf, "bot"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Bot", base), "1");
				else if (wx_get(bf, "auto"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Auto", base), "1");
			}
		}
		else if (strcmp(db_cell(t, row, TR_DIRECTION), "system") == 0)
			note_text(r, base, db_cell(t, row, TR_FIELDS));
	}
}

void
console_chat_page(struct req *r, struct resp *rs, const struct dbres *c, int status)
{
	struct dbres  t;
	struct console_counts k;
	const char   *who = db_cell(c, 0, CHAT_ALIAS) ? db_cell(c, 0, CHAT_ALIAS) :
	    db_cell(c, 0, CHAT_OPENID);
	long long     id = db_int(c, 0, CHAT_ID);

	console_page_mark(r);	/* before the transcript: a later delivery refreshes it */
	if (db_transcript(&r->pool, id, &t) != DB_OK || console_counts(r, &k) < 0) {
		ui_db_failed(r, rs);
		return;
	}
	/* what the user has now seen: the list's unread marks go (the newest
	 * message comes first); a failure costs only the marks */
	if (t.nrows > 0)
		(void)db_chat_seen(&r->pool, r->user->id, id, db_int(&t, 0, TR_ID));
	chat_header(r, c, who);
	chat_actions(r, c, id);
	chat_others(r, c, id);
	chat_transcript(r, &t);
	if (t.nrows == 500)
		tmpl_set(r, "Chat.Truncated", "1");
	console_inbox(r, id);
	(void)console_my_offer(r);	/* a failure costs only the banner */
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
	struct dbres c;

	if (console_load_chat(r, rs, &c) == 0)
		console_chat_page(r, rs, &c, 200);
}

void
console_to_chat(struct req *r, struct resp *rs)
{
	resp_redirect(rs, pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]));
}

void
console_alias_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *alias = req_field(r, "alias");
	const char  *err;

	if (console_load_chat(r, rs, &c) != 0)
		return;
	form_trim(r);
	alias = req_field(r, "alias");
	if (alias && *alias && (err = v_name(alias)) != NULL) {
		form_error(r, "alias", L(r, err));
		console_chat_page(r, rs, &c, 422);
		return;
	}
	if (db_follower_alias(&r->pool, db_int(&c, 0, CHAT_FOLLOWER), alias ? alias : "") != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, alias && *alias ? "chat.alias_saved" : "chat.alias_removed"));
	console_to_chat(r, rs);
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
	struct dbres c;
	time_t       now = time(NULL);
	size_t       slot = (size_t)r->ids[0] % 64;
	long         e = 0;

	if (db_console_chat(&r->pool, r->ids[0], &c) != DB_OK ||
	    db_int(&c, 0, CHAT_OPERATOR) != r->user->id || console_cannot_reply(r, &c) != NULL) {
		resp_json(rs, 200, json_pack("{s:b}", "sent", 0));
		return;
	}
	if (recent[slot].chat != r->ids[0] || now - recent[slot].at >= 10) {
		struct wxapi_channel ch = { db_int(&c, 0, CHAT_CHANNEL), db_cell(&c, 0, CHAT_APPID),
		    db_cell(&c, 0, CHAT_SECRET) ? secret_decrypt(&r->pool, db_cell(&c, 0, CHAT_SECRET)) :
		    NULL };
		struct http_resp hr;
		struct wx_field *f;
		struct buf       body = { 0 };
		json_put(&body, json_pack("{s:o,s:s}", "touser", json_s(db_cell(&c, 0, CHAT_OPENID)),
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
	struct dbres m, c;
	const char  *dir = cfg_get("Media.Dir", "var/media");
	FILE        *f;
	char         chunk[65536];
	size_t       n;

	if (!ui_found(r, rs, db_media_of_message(&r->pool, r->ids[0], &m), "file"))
		return;
	/* columns: chat path mime size; the chat's access rules apply */
	r->ids[0] = db_int(&m, 0, MM_CHAT);
	if (console_load_chat(r, rs, &c) != 0)
		return;
	/* a voice in AMR is served as the MP3 made beside it: browsers play that */
	const char *path = media_file(&r->pool, db_cell(&m, 0, MM_PATH)), *mime = db_cell(&m, 0, MM_MIME);
	const char *play = media_playable(&r->pool, path, mime);
	if (play) {
		path = play;
		mime = "audio/mpeg";
	}
	if (strncmp(path, dir, strlen(dir)) != 0 || strstr(path, "..") != NULL ||
	    (f = fopen(path, "rb")) == NULL) {
		ui_not_found(r, rs, "file");
		return;
	}
	rs->status = 200;
	rs->ctype = mime;
	buf_reset(&rs->body);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&rs->body, chunk, n);
	fclose(f);
	resp_header(rs, "Cache-Control", "private, max-age=86400");
}

/*
 * An internal note: a staff-only line in the transcript, never sent to
 * WeChat, shown apart from the conversation and found by the search.
 */
void
console_note_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *text = req_field(r, "staff_note");
	struct buf   b = { 0 };

	if (console_load_chat(r, rs, &c) != 0)
		return;
	form_trim(r);
	text = req_field(r, "staff_note");
	if (text == NULL || *text == '\0' || !utf8_valid(text, strlen(text)) ||
	    utf8_chars(text) > WX_TEXT_MAX) {
		form_error(r, "staff_note", LF(r, "chat.note_bad", WX_TEXT_MAX));
		tmpl_set(r, "Form.staff_note.Value", text);
		console_chat_page(r, rs, &c, 422);
		return;
	}
	json_put(&b, json_pack("{s:s}", "staff", r->user->name));
	struct msg_row m = {
		.channel_id = db_int(&c, 0, CHAT_CHANNEL), .follower_id = db_int(&c, 0, CHAT_FOLLOWER),
		.chat_id = r->ids[0], .direction = "system", .msg_type = "system",
		.event = "staff_note", .body = text, .fields = pool_strdup(&r->pool, b.data),
		.dedupe_key = pool_printf(&r->pool, "n:%lld:%s", r->ids[0], rand_hex(&r->pool, 8)),
		.media_state = "none", .created_at = wx_now(),
	};
	buf_free(&b);
	if (db_message_insert(&r->pool, &m, NULL) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, "chat.note_added"));
	console_to_chat(r, rs);
}
