/*
 * ui-followers.c: the console's Followers page (followers.h): an account's
 * followers, newest first, 50 a page, searched by the start of their name or
 * OpenID or a word of their name (search.h), and filtered by the QR code they came with, follow date, language
 * and state; and a follower's own page: their name (written to WeChat as
 * the remark, writes.h), what WeChat told of them, their chats. Operators
 * see the accounts of the brands they serve; supervisors and admins, all.
 */
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "chat.h"
#include "broadcast.h"
#include "followers.h"
#include "search.h"
#include "notice.h"
#include "job.h"
#include "menu.h"
#include "qr.h"
#include "json.h"
#include "tags.h"
#include "ui.h"
#include "ui-console.h"
#include "writes.h"

#define FOLLOWERS_PAGE 50

/* the languages WeChat gives a follower's client, as the filter offers them */
static const char *const wx_languages[] = { "zh_CN", "zh_TW", "zh_HK", "en" };

/*
 * Where the name given a follower stands in WeChat (Follower.RemarkWrite):
 * on its way (and why it waits), or refused, in words; nothing once WeChat
 * has it.
 */
void
follower_remark_state(struct req *r, long long follower)
{
	struct write_last w;

	if (db_write_last(&r->pool, follower, WRITE_API_REMARK, &w) != DB_OK)
		return;	/* none, or unreadable: the name shows either way */
	if (strcmp(w.state, "pending") == 0)
		tmpl_set(r, "Follower.RemarkWrite", w.errcode == 45009 ?
		    L(r, "chat.remark_quota") : w.attempts > 0 ? LF(r, "chat.remark_retry",
		    ui_errtext(r, w.errcode)) : L(r, "chat.remark_pending"));
	else if (strcmp(w.state, "failed") == 0)
		tmpl_set(r, "Follower.RemarkWrite", LF(r, "chat.remark_failed",
		    ui_errtext(r, w.errcode)));
}

static const struct field name_fields[] = { { "alias", "chat.alias", 0, v_name } };

/*
 * The name the form gives follower, whose name is now alias, else remark:
 * shown at once, and written to WeChat as the remark when it may fit there
 * (else kept here, and *msg says so); the same name again changes nothing.
 * Returns DB_OK, UI_REFUSED (the form's error) or a dbrc.
 */
int
follower_name_save(struct req *r, long long follower, const char *alias, const char *remark,
    const char **msg)
{
	const char *name, *now = alias ? alias : remark ? remark : "";
	int         remote;

	form_trim(r);
	if (FORM_READ(r, name_fields, &name))
		return UI_REFUSED;
	if (strcmp(name ? name : "", now) == 0)
		return DB_OK;	/* (no word: nothing changed) */
	remote = name == NULL || utf8_chars(name) <= WRITE_REMARK_MAX;
	*msg = L(r, !remote ? "chat.alias_local" : name && *name ? "chat.alias_saved" :
	    "chat.alias_removed");
	return ui_wrote(db_write_remark(&r->pool, follower, name, remote, r->user->id,
	    wx_now()));
}

/* a follower's row for a page, under base */
static void
follower_set(struct req *r, const char *base, const struct follower *f)
{
#define SET(k, v) tmpl_set(r, pool_printf(&r->pool, "%s." k, base), (v))
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), f->id);
	SET("Name", f->name);
	SET("OpenId", f->openid);
	SET("Remark", f->remark && *f->remark ? f->remark : NULL);
	SET("Named", (f->alias && *f->alias) || (f->remark && *f->remark) ? "1" : NULL);
	SET("Following", f->subscribed ? "1" : NULL);
	SET("Followed", ui_time(r, f->subscribed_at));
	SET("FollowedAt", ui_iso(r, f->subscribed_at));
	SET("Unfollowed", f->subscribed ? NULL : ui_time(r, f->unsubscribed_at));
	/* the QR code's scene, else how WeChat says they came, in words */
	SET("Source", f->qr_scene && *f->qr_scene ? f->qr_scene :
	    ui_known(r, "wxscene", f->subscribe_scene));
	SET("Language", ui_known(r, "wxlang", f->language));
	SET("LastMessage", ui_time(r, f->last_message_at));
	SET("Blocked", f->blocked ? "1" : NULL);
	if (f->chat_id) {
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Chat", base), f->chat_id);
		SET("ChatState", f->chat_state);
	}
#undef SET
}

/* the tags of the page's followers (Followers.N.Tags), and the account's
 * tags for the filter (Tags) */
static void
list_tags(struct req *r, long long channel, const struct follower *f, size_t n)
{
	struct tag_shown *s = NULL;
	struct tag       *t = NULL;
	size_t            k = 0;
	struct buf        ids = { 0 };

	if (channel > 0 && db_tags_of(&r->pool, channel, &t, &k) == DB_OK)
		for (size_t i = 0, c = 0; i < k; i++) {
			if (t[i].deleting)
				continue;
			tmpl_set_int(r, pool_printf(&r->pool, "Tags.%zu.Id", c), t[i].id);
			tmpl_set(r, pool_printf(&r->pool, "Tags.%zu.Name", c++), t[i].name);
		}
	if (n == 0)
		return;
	buf_putc(&ids, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "", f[i].id);
	buf_putc(&ids, ']');
	if (db_tags_shown(&r->pool, ids.data, &s, &k) == DB_OK) {
		size_t *count = pool_alloc(&r->pool, n * sizeof *count);
		memset(count, 0, n * sizeof *count);
		for (size_t i = 0; i < k; i++)
			for (size_t row = 0; row < n; row++)
				if (f[row].id == s[i].follower_id) {
					tmpl_set(r, pool_printf(&r->pool, "Followers.%zu.Tags.%zu", row,
					    count[row]++), s[i].name);
					break;
				}
	}
	buf_free(&ids);
}

long long
console_pick_account(struct req *r, struct resp *rs, long long asked)
{
	struct follower_channel *ch = NULL;
	size_t                   n = 0;
	long long                pick = 0;

	if (db_follower_channels(&r->pool, r->user->id, user_sees_all_chats(r->user), &ch,
	    &n) != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		tmpl_set_int(r, pool_printf(&r->pool, "Accounts.%zu.Id", i), ch[i].id);
		tmpl_set(r, pool_printf(&r->pool, "Accounts.%zu.Name", i), ch[i].name);
		if (ch[i].id == asked || (pick == 0 && i == 0))
			pick = ch[i].id;
	}
	return pick;
}

void
console_followers_get(struct req *r, struct resp *rs)
{
	struct follower_filter f = { 0 };
	struct follower       *res = NULL;
	size_t                 n = 0;
	const char            *from = ui_arg(r, "from"), *to = ui_arg(r, "to");
	const char            *state = ui_arg(r, "state");
	const char            *account = req_arg(r, "account");

	if ((f.channel = console_pick_account(r, rs, account ? atoll(account) : 0)) < 0)
		return;
	f.q = ui_arg(r, "q");
	f.scene = ui_arg(r, "scene");
	f.language = ui_arg(r, "language");
	f.state = strcmp(state, "following") == 0 ? 1 : strcmp(state, "unfollowed") == 0 ? 2 : 0;
	f.blocked = strcmp(state, "blocked") == 0;
	f.tag = atoll(ui_arg(r, "tag"));
	f.from = *from ? ui_day(from, -1) : 0;
	f.to = *to ? ui_day(to, -1) : 0;
	if (f.from < 0)
		form_error(r, "from", L(r, "rep.date_format")), f.from = 0;
	if (f.to < 0)
		form_error(r, "to", L(r, "rep.date_format")), f.to = 0;
	else if (f.to > 0)
		f.to += 86400;	/* to: the whole day */
	f.before = req_arg(r, "before") ? atoll(req_arg(r, "before")) : 0;
	f.limit = FOLLOWERS_PAGE + 1;
	/* (a name's words: this node's copy of the names caught up first) */
	if (f.channel > 0 && ((*f.q && search_catch_up(&r->pool, 2000, 500) < 0) ||
	    db_followers_list(&r->pool, &f, &res, &n) != DB_OK)) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n && i < FOLLOWERS_PAGE; i++)
		follower_set(r, pool_printf(&r->pool, "Followers.%zu", i), &res[i]);
	list_tags(r, f.channel, res, n < FOLLOWERS_PAGE ? n : FOLLOWERS_PAGE);
	if (n > FOLLOWERS_PAGE)
		tmpl_set_int(r, "FollowersMore", res[FOLLOWERS_PAGE - 1].id);
	for (size_t i = 0; i < sizeof wx_languages / sizeof wx_languages[0]; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Languages.%zu.Code", i), wx_languages[i]);
		tmpl_set(r, pool_printf(&r->pool, "Languages.%zu.Name", i),
		    ui_known(r, "wxlang", wx_languages[i]));
	}
	/* the account's QR codes, offered for the scene filter */
	struct qr *codes = NULL;
	size_t     nc = 0;
	if (f.channel > 0 && db_qr_list(&r->pool, f.channel, &codes, &nc) == DB_OK)
		for (size_t i = 0; i < nc; i++) {
			tmpl_set(r, pool_printf(&r->pool, "Codes.%zu.Scene", i), codes[i].scene);
			tmpl_set(r, pool_printf(&r->pool, "Codes.%zu.Name", i), codes[i].name);
		}
	tmpl_set_int(r, "Filter.Account", f.channel);
	tmpl_set(r, "Filter.Q", f.q);
	tmpl_set(r, "Filter.Scene", f.scene);
	tmpl_set(r, "Filter.Language", f.language);
	tmpl_set(r, "Filter.State", state);
	tmpl_set_int(r, "Filter.Tag", f.tag);
	tmpl_set(r, "Filter.From", from);
	tmpl_set(r, "Filter.To", to);
	tmpl_set(r, "Page.Title", L(r, "fl.title"));
	tmpl_set(r, "Nav", "followers");
	tmpl_render(r, rs, "followers.cs");
}

/* the follower's last clicks in the account's menu (Clicks) */
static void
menu_clicks_set(struct req *r, long long follower)
{
	struct menu_click *c = NULL;
	size_t             n = 0;

	if (db_menu_clicks(&r->pool, follower, &c, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Clicks.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.At", base), ui_time(r, c[i].at));
		tmpl_set(r, pool_printf(&r->pool, "%s.What", base), c[i].label ? c[i].label :
		    c[i].event_key);
		tmpl_set(r, pool_printf(&r->pool, "%s.Link", base), strcmp(c[i].event, "VIEW") == 0 ?
		    "1" : NULL);
	}
}

/* what WeChat lets the team send the follower now, in one place: their open
 * chat's window and the messages it has left, their held replies, the
 * subscription notices they accepted (notice.h), the account's template
 * messages left today, and the broadcasts they can still receive this
 * month (broadcast.h) (Follower.Ledger.*) */
static void
follower_ledger_set(struct req *r, long long follower, long long channel, int subscribed)
{
	struct notice_credit *c = NULL;
	size_t                n = 0;
	long long             left;

	struct follower_ledger l;
	long long              until, now = (long long)wx_now();
	int                    max;

	if (db_follower_ledger(&r->pool, follower, &l) != DB_OK)
		return;	/* the rest of the page still tells */
	if (l.chat) {
		chat_window(l.last_in, l.grant_at, &until, &max);
		if (max == WX_PAID_REPLIES)	/* after a payment: any number */
			tmpl_set(r, "Follower.Ledger.Window", until > now ? LF(r, "fl.ledger_paid",
			    ui_time(r, until)) : L(r, "fl.ledger_shut"));
		else
			tmpl_set(r, "Follower.Ledger.Window", until > now && l.outs < max ?
			    LF(r, max == WX_EVENT_REPLIES ? "fl.ledger_event" : "fl.ledger_window",
			    (long long)max - l.outs, max, ui_time(r, until)) :
			    L(r, until > now ? "fl.ledger_full" : "fl.ledger_shut"));
	}
	if (l.held)
		tmpl_set(r, "Follower.Ledger.Held", LF(r, "fl.ledger_held", l.held));
	if (!subscribed)
		return;
	if (db_notice_credits(&r->pool, follower, &c, &n) == DB_OK)
		for (size_t i = 0; i < n; i++)
			tmpl_set(r, pool_printf(&r->pool, "Follower.Ledger.Credits.%zu", i),
			    LF(r, "fl.ledger_credit", c[i].title, c[i].credits));
	if ((left = db_notice_quota_left(&r->pool, channel, wx_now())) >= 0)
		tmpl_set(r, "Follower.Ledger.Templates", LF(r, "fl.ledger_templates", left));
	left = db_broadcast_received(&r->pool, follower, broadcast_month(&r->pool, wx_now()));
	if (left >= 0)
		tmpl_set(r, "Follower.Ledger.Broadcasts", LF(r, "fl.ledger_broadcasts",
		    left < BROADCAST_MONTH_MAX ? BROADCAST_MONTH_MAX - left : 0LL,
		    BROADCAST_MONTH_MAX));
}

/* follower r->ids[0]'s page, answered with status */
static void
follower_page(struct req *r, struct resp *rs, int status)
{
	struct follower        f;
	struct follower_chats *fc = NULL;
	size_t                 n = 0;
	int                    rc = db_follower_get(&r->pool, r->ids[0], r->user->id,
	    user_sees_all_chats(r->user), &f);

	if (!ui_found(r, rs, rc, "follower"))
		return;
	if (db_follower_chats(&r->pool, f.id, 0, &fc, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	follower_set(r, "Follower", &f);
	follower_remark_state(r, f.id);
	follower_tags_set(r, f.id, f.channel_id);
	menu_clicks_set(r, f.id);
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Chats.%zu", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), fc[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.State", base), fc[i].state);
		tmpl_set(r, pool_printf(&r->pool, "%s.Started", base), ui_time(r, fc[i].started));
		tmpl_set(r, pool_printf(&r->pool, "%s.Reason", base),
		    ui_close_reason(r, fc[i].close_reason, 0));
	}
	/* no chat open: whether WeChat's window lets the team write (by
	 * reopening the newest chat), and until when; else that it is shut */
	if (f.subscribed && !f.blocked && n > 0 && fc[0].id == f.chat_id &&
	    strcmp(fc[0].state, "closed") == 0 && f.last_message_at) {
		long long now = (long long)wx_now(), until = f.last_message_at + WX_WINDOW;
		if (chat_reopenable(fc[0].state, fc[0].close_reason, f.last_message_at, now)) {
			tmpl_set_int(r, "Follower.Reopen", fc[0].id);
			tmpl_set(r, "Follower.Window", LF(r, "fl.window_open", ui_time(r, until)));
		} else if (until <= now)
			tmpl_set(r, "Follower.Window", LF(r, "fl.window_shut",
			    ui_time(r, f.last_message_at)));
	}
	follower_ledger_set(r, f.id, f.channel_id, (int)f.subscribed);
	if (form_kept(r, "alias") == NULL)	/* the name now: given here, else WeChat's */
		tmpl_set(r, "Form.alias.Value", f.alias ? f.alias : f.remark);
	tmpl_set(r, "Page.Title", f.name);
	tmpl_set(r, "Nav", "followers");
	rs->status = status;
	tmpl_render(r, rs, "follower.cs");
}

void
console_follower_get(struct req *r, struct resp *rs)
{
	follower_page(r, rs, 200);
}


const char *
tag_refusal_key(enum tag_refusal why)
{
	static const char *const key[] = {
	    [TAG_OK] = "ftag.refused", [TAG_TOO_MANY] = "ftag.too_many",
	    [TAG_NAME_TAKEN] = "ftag.name_taken", [TAG_NAME_LONG] = "ftag.name_long",
	    [TAG_NAME_EMPTY] = "ftag.name_empty", [TAG_SYSTEM] = "ftag.system",
	    [TAG_BIG] = "ftag.big", [TAG_FOLLOWER_FULL] = "ftag.follower_full",
	    [TAG_GONE] = "ftag.gone", [TAG_UNFOLLOWED] = "ftag.unfollowed" };

	return key[why];
}

/* where a write stands, in words (NULL: WeChat has it) */
static const char *
write_words(struct req *r, const char *state, long errcode, long attempts)
{
	if (state == NULL || strcmp(state, "done") == 0 || strcmp(state, "superseded") == 0)
		return NULL;
	if (strcmp(state, "failed") == 0)
		return LF(r, "ftag.write_failed", ui_errtext(r, errcode));
	if (errcode == 45009)
		return L(r, "ftag.write_quota");
	return attempts > 0 && errcode ? LF(r, "ftag.write_retry", ui_errtext(r, errcode)) :
	    L(r, "ftag.write_pending");
}

/*
 * The follower's tags (Follower.Tags: each with where its write stands, a
 * tag being removed too), the account's others they may be given
 * (Follower.TagChoices), whether they are on the blacklist
 * (Follower.Blocked, .BlockWrite) and what they sent while blocked.
 */
void
follower_tags_set(struct req *r, long long follower, long long channel)
{
	struct follower_tag     *ft = NULL;
	struct tag              *t = NULL;
	struct block_state       b;
	struct blocked_message  *m = NULL;
	size_t                   n = 0, k = 0, mine = 0;

	if (db_follower_tags(&r->pool, follower, &ft, &n) == DB_OK)
		for (size_t i = 0; i < n; i++) {
			const char *base = pool_printf(&r->pool, "Follower.Tags.%zu", i);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), ft[i].id);
			tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), ft[i].name);
			tmpl_set(r, pool_printf(&r->pool, "%s.On", base), ft[i].on ? "1" : NULL);
			tmpl_set(r, pool_printf(&r->pool, "%s.Write", base), write_words(r,
			    ft[i].write_state, ft[i].write_errcode, ft[i].write_attempts));
			mine += ft[i].on;
		}
	if (db_tags_of(&r->pool, channel, &t, &k) == DB_OK)
		for (size_t i = 0, c = 0; i < k; i++) {
			int has = 0;
			for (size_t j = 0; j < n; j++)
				has |= ft[j].id == t[i].id && ft[j].on;
			if (has || t[i].deleting || (t[i].wx_id >= 0 && t[i].wx_id <= TAG_RESERVED_MAX))
				continue;
			const char *base = pool_printf(&r->pool, "Follower.TagChoices.%zu", c++);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), t[i].id);
			tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), t[i].name);
		}
	if (mine >= TAGS_A_FOLLOWER)
		tmpl_set(r, "Follower.TagsFull", L(r, "ftag.follower_full"));
	if (db_block_state(&r->pool, follower, &b) == DB_OK) {
		tmpl_set(r, "Follower.Blocked", b.blocked ? "1" : NULL);
		tmpl_set(r, "Follower.BlockedSince", ui_time(r, b.blocked_at));
		tmpl_set(r, "Follower.BlockWrite", write_words(r, b.write_state, b.write_errcode,
		    b.write_attempts));
	}
	if (db_blocked_messages(&r->pool, follower, &m, &n) == DB_OK)
		for (size_t i = 0; i < n; i++) {
			const char *base = pool_printf(&r->pool, "Follower.Unanswered.%zu", i);
			tmpl_set(r, pool_printf(&r->pool, "%s.At", base), ui_time(r, m[i].at));
			tmpl_set(r, pool_printf(&r->pool, "%s.Type", base), m[i].msg_type);
			tmpl_set(r, pool_printf(&r->pool, "%s.Body", base), m[i].body);
		}
}

static const struct field tag_fields[] = {
	{ "tag", "ftag.tag", F_OPTIONAL, v_id }, { "untag", "ftag.tag", F_OPTIONAL, v_id },
};

/* The tag form's change: tag (a tag's id) given, or untag taken away.
 * Returns DB_OK, UI_REFUSED (said beside the form) or a dbrc. */
int
follower_tag_save(struct req *r, long long follower, const char **msg)
{
	const char      *v[2];
	enum tag_refusal why;
	int              on, rc;

	if (FORM_READ(r, tag_fields, v))
		return UI_REFUSED;
	if (*v[0] == '\0' && *v[1] == '\0') {
		form_error(r, "tag", L(r, "ftag.choose"));
		return UI_REFUSED;
	}
	on = *v[0] != '\0';
	rc = tag_follower(&r->pool, follower, form_ll(on ? v[0] : v[1]), on, r->user->id,
	    wx_now(), &why);
	if (rc == DB_INVALID) {
		form_error(r, "tag", L(r, tag_refusal_key(why)));
		return UI_REFUSED;
	}
	*msg = L(r, on ? "ftag.given" : "ftag.taken");
	return rc;
}

static const struct field block_fields[] = { { "blocked", "ftag.blocked", F_OPTIONAL, v_flag } };

/* The blacklist form's change: onto it (blocked 1; the open chat closes) or off it. */
int
follower_block_save(struct req *r, long long follower, const char **msg)
{
	const char *v;

	if (FORM_READ(r, block_fields, &v))
		return UI_REFUSED;
	*msg = L(r, form_on(v) ? "ftag.block_done" : "ftag.unblock_done");
	return chat_block(&r->pool, follower, form_on(v), r->user->id, r->user->name, wx_now());
}

/* a change of follower r->ids[0] from their page, through save */
static void
follower_change(struct req *r, struct resp *rs, int (*save)(struct req *,
    const struct follower *, const char **))
{
	struct follower f;
	const char     *msg = NULL;
	int             st = db_follower_get(&r->pool, r->ids[0], r->user->id,
	    user_sees_all_chats(r->user), &f);

	if (st == DB_OK)
		st = save(r, &f, &msg);
	if (st == UI_REFUSED) {
		follower_page(r, rs, 422);
		return;
	}
	ui_saved(r, rs, st, "follower", msg, pool_printf(&r->pool, "/console/followers/%lld",
	    r->ids[0]));
}

/* the forms' changes of a follower's page (follower_change) */
static int
name_save(struct req *r, const struct follower *f, const char **msg)
{
	return follower_name_save(r, f->id, f->alias, f->remark, msg);
}

static int
tag_save(struct req *r, const struct follower *f, const char **msg)
{
	return follower_tag_save(r, f->id, msg);
}

static int
block_save(struct req *r, const struct follower *f, const char **msg)
{
	return follower_block_save(r, f->id, msg);
}

void
console_follower_name_post(struct req *r, struct resp *rs)
{
	follower_change(r, rs, name_save);
}

void
console_follower_tags_post(struct req *r, struct resp *rs)
{
	follower_change(r, rs, tag_save);
}

void
console_follower_block_post(struct req *r, struct resp *rs)
{
	follower_change(r, rs, block_save);
}

/* ---- the account's tags (supervisors and admins) ---- */

static const struct field tag_name_fields[] = {
	{ "account", "fl.account", F_REQUIRED, v_id }, { "name", "tg.name", F_REQUIRED, v_line },
};

/* the Tags page of account (a write refused: status 422, its error beside its form) */
static void
tags_page(struct req *r, struct resp *rs, long long account, int status)
{
	struct tag *t = NULL;
	size_t      n = 0;
	long long   channel = console_pick_account(r, rs, account);

	if (channel < 0)
		return;
	if (channel > 0 && db_tags_of(&r->pool, channel, &t, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Tags.%zu", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), t[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), t[i].name);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Followers", base), t[i].followers);
		tmpl_set(r, pool_printf(&r->pool, "%s.System", base), t[i].wx_id >= 0 &&
		    t[i].wx_id <= TAG_RESERVED_MAX ? "1" : NULL);
		tmpl_set(r, pool_printf(&r->pool, "%s.Deleting", base), t[i].deleting ? "1" : NULL);
		/* a create WeChat refused matters no more once WeChat's tag was found */
		if (!(t[i].wx_id >= 0 && t[i].write_state && strcmp(t[i].write_state, "failed") == 0 &&
		    strcmp(t[i].write_api, WRITE_API_TAG_CREATE) == 0))
			tmpl_set(r, pool_printf(&r->pool, "%s.Write", base), write_words(r,
			    t[i].write_state, t[i].write_errcode, t[i].write_attempts));
	}
	tmpl_set_int(r, "Filter.Account", channel);
	tmpl_set_int(r, "TagsMax", TAGS_MAX);
	tmpl_set(r, "Page.Title", L(r, "tg.title"));
	tmpl_set(r, "Nav", "followers");
	rs->status = status;
	tmpl_render(r, rs, "tags.cs");
}

void
console_tags_get(struct req *r, struct resp *rs)
{
	tags_page(r, rs, atoll(ui_arg(r, "account")), 200);
}

/* a tag's change on the Tags page: made (id 0), renamed, or deleted */
static void
tag_change(struct req *r, struct resp *rs, long long id, int del)
{
	const char      *v[2] = { NULL, NULL };
	long long        channel;
	enum tag_refusal why = TAG_OK;
	int              rc, mine = 0;
	struct follower_channel *ch = NULL;
	size_t           n = 0;

	form_trim(r);
	/* deleting: the account alone */
	if (form_read(r, tag_name_fields, del ? 1 : 2, v) && (v[0] == NULL || !del)) {
		if (v[0] == NULL) {
			ui_not_found(r, rs, "account");
			return;
		}
		tags_page(r, rs, form_ll(v[0]), 422);
		return;
	}
	channel = form_ll(v[0]);
	/* an account the user sees (supervisors and admins: every one) */
	if (db_follower_channels(&r->pool, r->user->id, user_sees_all_chats(r->user), &ch,
	    &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n; i++)
		mine |= ch[i].id == channel;
	if (!mine) {
		ui_not_found(r, rs, "account");
		return;
	}
	const char *name = v[1];
	rc = del ? tag_delete(&r->pool, channel, id, r->user->id, wx_now(), &why) :
	    id ? tag_rename(&r->pool, channel, id, name, r->user->id, wx_now(), &why) :
	    tag_create(&r->pool, channel, name, r->user->id, wx_now(), &why);
	if (rc == DB_INVALID) {
		/* beside the new tag's name, or above the list */
		if (id == 0)
			form_error(r, "name", L(r, tag_refusal_key(why)));
		else
			tmpl_set(r, "TagsError", L(r, tag_refusal_key(why)));
		tags_page(r, rs, channel, 422);
		return;
	}
	ui_saved(r, rs, rc, "tag", L(r, del ? "tg.deleted" : id ? "tg.renamed" : "tg.created"),
	    pool_printf(&r->pool, "/console/followers/tags?account=%lld", channel));
}

void
console_tags_post(struct req *r, struct resp *rs)
{
	tag_change(r, rs, 0, 0);
}

void
console_tag_post(struct req *r, struct resp *rs)
{
	tag_change(r, rs, r->ids[0], 0);
}

void
console_tag_delete_post(struct req *r, struct resp *rs)
{
	tag_change(r, rs, r->ids[0], 1);
}

/*
 * What menu WeChat shows the follower (menu/trymatch, asked now): the names
 * of its buttons in *msg, or why WeChat could not say. DB_OK.
 */
int
follower_menu_match(struct req *r, long long channel, const char *openid, const char **msg)
{
	struct wxapi_channel ch;
	struct http_resp     hr;
	struct wx_field     *f = NULL;
	struct buf           body = { 0 }, names = { 0 };
	long                 e = -2;

	if (job_channel(&r->pool, channel, &ch) == 0) {
		json_put(&body, json_pack("{s:o}", "user_id", json_s(openid)));
		memset(&hr, 0, sizeof hr);
		e = wxapi_call(&r->pool, &ch, "/cgi-bin/menu/trymatch", NULL, body.data, NULL, &hr,
		    &f);
		http_resp_free(&hr);
		buf_free(&body);
	}
	for (size_t i = 0; e == 0 && wx_get(f, pool_printf(&r->pool, "button.%zu.name", i)); i++)
		buf_printf(&names, "%s%s", i ? " · " : "", wx_get(f, pool_printf(&r->pool,
		    "button.%zu.name", i)));
	*msg = e != 0 ? LF(r, "menu.sees_failed", ui_errtext(r, e)) : LF(r, "menu.sees",
	    names.data ? names.data : "");
	buf_free(&names);
	return DB_OK;
}

static int
match_save(struct req *r, const struct follower *f, const char **msg)
{
	return follower_menu_match(r, f->channel_id, f->openid, msg);
}

void
console_follower_menu_post(struct req *r, struct resp *rs)
{
	follower_change(r, rs, match_save);
}
