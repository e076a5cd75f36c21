/*
 * ui-followers.c: the console's Followers page (followers.h): an account's
 * followers, newest first, 50 a page, searched by the start of their name or
 * OpenID and filtered by the QR code they came with, follow date, language
 * and state; and a follower's own page: their name (written to WeChat as
 * the remark, writes.h), what WeChat told of them, their chats. Operators
 * see the accounts of the brands they serve; supervisors and admins, all.
 */
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "followers.h"
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
	if (f->chat_id) {
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Chat", base), f->chat_id);
		SET("ChatState", f->chat_state);
	}
#undef SET
}

/* the accounts the user may see (Accounts), and the one asked for (or the first) */
static long long
pick_account(struct req *r, struct resp *rs, long long asked)
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

	if ((f.channel = pick_account(r, rs, account ? atoll(account) : 0)) < 0)
		return;
	f.q = ui_arg(r, "q");
	f.scene = ui_arg(r, "scene");
	f.language = ui_arg(r, "language");
	f.state = strcmp(state, "following") == 0 ? 1 : strcmp(state, "unfollowed") == 0 ? 2 : 0;
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
	if (f.channel > 0 && db_followers_list(&r->pool, &f, &res, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n && i < FOLLOWERS_PAGE; i++)
		follower_set(r, pool_printf(&r->pool, "Followers.%zu", i), &res[i]);
	if (n > FOLLOWERS_PAGE)
		tmpl_set_int(r, "FollowersMore", res[FOLLOWERS_PAGE - 1].id);
	for (size_t i = 0; i < sizeof wx_languages / sizeof wx_languages[0]; i++) {
		tmpl_set(r, pool_printf(&r->pool, "Languages.%zu.Code", i), wx_languages[i]);
		tmpl_set(r, pool_printf(&r->pool, "Languages.%zu.Name", i),
		    ui_known(r, "wxlang", wx_languages[i]));
	}
	tmpl_set_int(r, "Filter.Account", f.channel);
	tmpl_set(r, "Filter.Q", f.q);
	tmpl_set(r, "Filter.Scene", f.scene);
	tmpl_set(r, "Filter.Language", f.language);
	tmpl_set(r, "Filter.State", state);
	tmpl_set(r, "Filter.From", from);
	tmpl_set(r, "Filter.To", to);
	tmpl_set(r, "Page.Title", L(r, "fl.title"));
	tmpl_set(r, "Nav", "followers");
	tmpl_render(r, rs, "followers.cs");
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
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Chats.%zu", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), fc[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.State", base), fc[i].state);
		tmpl_set(r, pool_printf(&r->pool, "%s.Started", base), ui_time(r, fc[i].started));
		tmpl_set(r, pool_printf(&r->pool, "%s.Reason", base),
		    ui_close_reason(r, fc[i].close_reason, 0));
	}
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

void
console_follower_name_post(struct req *r, struct resp *rs)
{
	struct follower f;
	const char     *msg = NULL;
	int             st = db_follower_get(&r->pool, r->ids[0], r->user->id,
	    user_sees_all_chats(r->user), &f);

	if (st == DB_OK)
		st = follower_name_save(r, f.id, f.alias, f.remark, &msg);
	if (st == UI_REFUSED) {
		follower_page(r, rs, 422);
		return;
	}
	ui_saved(r, rs, st, "follower", msg, pool_printf(&r->pool, "/console/followers/%lld",
	    r->ids[0]));
}
