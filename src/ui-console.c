/*
 * ui-console.c: the operators' console: chat lists with live counts, a
 * chat's transcript, picking a chat up, answering it within WeChat's rules
 * (48 hours since the follower's last message, 5 messages in a row), and
 * closing it.
 *
 * Operators see the chats of the departments they belong to; supervisors
 * and admins see every chat. Only the chat's operator answers it. The rules
 * are checked again by the database in the same statement that counts the
 * message (db_out_claim), so a second tab or a direct POST cannot get round
 * them, and nothing reaches WeChat that WeChat would refuse for them.
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
#include "routing.h"
#include "send.h"
#include "ui.h"
#include "wxapi.h"

#define PER_PAGE  50

static const struct {
	const char *tab, *state, *label;
	int         mine, others, supervisors;
} tabs[] = {
	{ "waiting", "waiting", "tab.waiting", 0, 0, 0 },
	{ "missed", "missed", "tab.missed", 0, 0, 0 },
	{ "followup", "followup", "tab.followup", 0, 0, 0 },	/* messages left (tell.h) */
	{ "mine", "active", "tab.mine", 1, 0, 0 },
	{ "others", "active", "tab.others", 0, 1, 1 },
	{ "closed", "closed", "tab.closed", 0, 0, 0 },
	{ "bot", "bot", "tab.bot", 0, 0, 0 },	/* chats the chatbot holds */
};
#define CLOSED_TAB 5

static int
sees_all(const struct req *r)
{
	return user_sees_all_chats(r->user);
}

/* "5 min", "3 h 20 min", "2 days" (in the reader's language) */
static const char *
span(struct req *r, long long s)
{
	if (s < 60)
		return L(r, "span.under_minute");
	if (s < 3600)
		return LF(r, "span.minutes", s / 60);
	if (s < 3 * 86400)	/* the 48-hour window reads in hours */
		return s % 3600 >= 60 ? LF(r, "span.hours_minutes", s / 3600, s % 3600 / 60) :
		    LF(r, "span.hours", s / 3600);
	return LF(r, s < 2 * 86400 ? "span.day" : "span.days", s / 86400);
}

/* The reply-window meter of an open chat into <base>.Left/.Used/…; 1 when a reply is allowed. */
static int
meter(struct req *r, const char *base, long long last_in, long long used)
{
	long long left = last_in + WX_WINDOW - (long long)wx_now();

	tmpl_set_int(r, pool_printf(&r->pool, "%s.Used", base), used);
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Max", base), WX_REPLIES_IN_ROW);
	if (left > 0) {
		tmpl_set(r, pool_printf(&r->pool, "%s.Left", base), span(r, left));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.LeftPct", base), left * 100 / WX_WINDOW);
		tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), LF(r, "meter.left",
		    span(r, left), used, WX_REPLIES_IN_ROW));
	} else {
		tmpl_set(r, pool_printf(&r->pool, "%s.Expired", base), "1");
		tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), LF(r, "meter.expired",
		    used, WX_REPLIES_IN_ROW));
	}
	if (left <= 3 * 3600)
		tmpl_set(r, pool_printf(&r->pool, "%s.Low", base), "1");
	return left > 0 && used < WX_REPLIES_IN_ROW;
}

/* ---- lists ---- */

struct counts {
	long long waiting, missed, mine, others, bot, followup;
};

/* Open-chat counts per tab, also into Counts.*; 0, or -1 when the database failed. */
static int
counts(struct req *r, struct counts *k)
{
	struct dbres c;
	long long    waiting = 0, missed = 0, mine = 0, others = 0, bot = 0, followup = 0;

	if (db_console_counts(&r->pool, r->user->id, sees_all(r), &c) != DB_OK)
		return -1;
	/* columns: state mine total */
	for (size_t i = 0; i < c.nrows; i++) {
		const char *st = db_cell(&c, i, CC_STATE);
		if (strcmp(st, "waiting") == 0)
			waiting = db_int(&c, i, CC_TOTAL);
		else if (strcmp(st, "missed") == 0)
			missed = db_int(&c, i, CC_TOTAL);
		else if (strcmp(st, "bot") == 0)
			bot = db_int(&c, i, CC_TOTAL);
		else if (strcmp(st, "followup") == 0)
			followup = db_int(&c, i, CC_TOTAL);
		else {
			mine = db_int(&c, i, CC_MINE);
			others = db_int(&c, i, CC_TOTAL) - mine;
		}
	}
	tmpl_set_int(r, "Counts.waiting", waiting);
	tmpl_set_int(r, "Counts.missed", missed);
	tmpl_set_int(r, "Counts.mine", mine);
	tmpl_set_int(r, "Counts.others", others);
	tmpl_set_int(r, "Counts.bot", bot);
	tmpl_set_int(r, "Counts.followup", followup);
	*k = (struct counts){ waiting, missed, mine, others, bot, followup };
	return 0;
}

/*
 * The chat offered to me now, if any, into Offer.* (the banner on the
 * console's pages: accept, decline, the seconds left); its id, 0 for none,
 * or -1 when the database failed.
 */
static long long
my_offer(struct req *r)
{
	struct dbres o;
	long long    now = (long long)wx_now();
	enum dbrc    rc = db_my_offer(&r->pool, r->user->id, now, &o);

	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != DB_OK)
		return -1;
	tmpl_set(r, "Offer.Chat", db_cell(&o, 0, MO_CHAT));
	tmpl_set(r, "Offer.Follower", db_cell(&o, 0, MO_FOLLOWER));
	tmpl_set(r, "Offer.Department", db_cell(&o, 0, MO_DEPT));
	tmpl_set_int(r, "Offer.Seconds", db_int(&o, 0, MO_UNTIL) - now);
	tmpl_set(r, "Offer.Text", LF(r, "offer.text", db_cell(&o, 0, MO_FOLLOWER),
	    db_cell(&o, 0, MO_DEPT) ? db_cell(&o, 0, MO_DEPT) : "",
	    span(r, now - db_int(&o, 0, MO_WAITING))));
	tmpl_set(r, "Offer.Left", LF(r, "offer.left", db_int(&o, 0, MO_UNTIL) - now));
	return db_int(&o, 0, MO_CHAT);
}

void
console_home_get(struct req *r, struct resp *rs)
{
	struct console_query q;
	struct counts        k;
	struct dbres         l, d;
	const char          *tab = req_arg(r, "tab") ? req_arg(r, "tab") : "waiting";
	size_t               t = 0;
	long long            page = ui_page(r);
	static const char *const cols[] = {
	    [CLI_ID] = "Id",
	    [CLI_STATE] = "State",
	    [CLI_FOLLOWER] = "Follower",
	    [CLI_DEPT] = "Department",
	    [CLI_STARTED] = "Started",
	    [CLI_LASTIN] = "LastIn",
	    [CLI_OUT] = "Out",
	    [CLI_OPERATOR] = "Operator",
	    [CLI_FIRST] = "FirstWords",
	    [CLI_BRAND] = "Brand",
	    [CLI_REASON] = "Reason",
	    [CLI_CLOSED] = "Closed",
	    [CLI_UNREAD] = "Unread"
	};

	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].tab) == 0)
			t = i;
	if (tabs[t].supervisors && !sees_all(r))
		t = 0;
	memset(&q, 0, sizeof q);
	q.state = tabs[t].state;
	q.user = r->user->id;
	q.all = sees_all(r);
	q.mine = tabs[t].mine;
	q.others = tabs[t].others;
	q.search = req_arg(r, "q");	/* every list: follower name, OpenID or text */
	q.from = t == CLOSED_TAB ? ui_day(req_arg(r, "from"), 0) : 0;
	/* the upper bound stays within MariaDB's TIMESTAMP range (FROM_UNIXTIME) */
	q.to = t == CLOSED_TAB ? ui_day(req_arg(r, "to"), 2147400000LL - 86400) + 86400 : 2147400000LL;
	q.limit = PER_PAGE + 1;
	q.offset = (page - 1) * PER_PAGE;
	if (db_console_list(&r->pool, &q, &l) != DB_OK || counts(r, &k) < 0 ||
	    db_member_depts(&r->pool, r->user->id, &d) != DB_OK || my_offer(r) < 0) {
		ui_db_failed(r, rs);
		return;
	}
	if (l.nrows > PER_PAGE) {
		l.nrows = PER_PAGE;
		tmpl_set_int(r, "Paging.Next", page + 1);
	}
	if (page > 1)
		tmpl_set_int(r, "Paging.Prev", page - 1);
	db_to_hdf(r, "Chats", &l, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < l.nrows; i++) {
		const char *base = pool_printf(&r->pool, "Chats.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Age", base),
		    span(r, (long long)wx_now() - db_int(&l, i, CLI_STARTED)));
		if (t != CLOSED_TAB)
			meter(r, pool_printf(&r->pool, "%s.Meter", base), db_int(&l, i, CLI_LASTIN),
			    db_int(&l, i, CLI_OUT));
		else {
			tmpl_set(r, pool_printf(&r->pool, "%s.ReasonText", base),
			    ui_close_reason(r, db_cell(&l, i, CLI_REASON), 0));
			tmpl_set(r, pool_printf(&r->pool, "%s.ClosedAt", base),
			    ui_time(r, db_int(&l, i, CLI_CLOSED)));
		}
	}
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		if (tabs[i].supervisors && !sees_all(r))
			continue;
		tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.Tab", i), tabs[i].tab);
		tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.Label", i), L(r, tabs[i].label));
		if (i == t)
			tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.On", i), "1");
	}
	tmpl_set(r, "Console.Tab", tabs[t].tab);
	tmpl_set(r, "Console.TabLabel", L(r, tabs[t].label));
	tmpl_set_int(r, "Console.Departments", (long long)d.nrows);
	tmpl_set(r, "Console.SeesAll", sees_all(r) ? "1" : NULL);
	if (sees_all(r))
		tmpl_set(r, "Console.Hint", LF(r, "console.sees_all", L(r,
		    pool_printf(&r->pool, "role.%s", role_name(r->user->role)))));
	else if (d.nrows > 0)
		tmpl_set(r, "Console.Hint", LF(r, d.nrows == 1 ?
		    "console.departments_1" : "console.departments", (long long)d.nrows));
	/* business hours: which brands are closed now (their new chats get the
	 * off-hours answer and wait for the opening); a failure costs the line */
	{
		struct dbres hc;
		if (db_hours_closed_brands(&r->pool, (long long)wx_now(), &hc) == DB_OK && hc.nrows) {
			struct buf names = { 0 };
			const char *sep = L(r, "console.list_sep");
			for (size_t i = 0; i < hc.nrows; i++)	/* "a, b" or "甲、乙" */
				buf_printf(&names, "%s%s%s", i ? sep : "", i && sep[0] == ',' ? " " : "",
				    db_cell(&hc, i, HC_NAME));
			tmpl_set(r, "Console.Closed", LF(r, "console.closed_now", names.data));
			buf_free(&names);
		}
	}
	tmpl_set(r, "Search.q", req_arg(r, "q"));
	if (t == CLOSED_TAB) {
		tmpl_set(r, "Search.from", req_arg(r, "from"));
		tmpl_set(r, "Search.to", req_arg(r, "to"));
	}
	tmpl_set(r, "Page.Title", L(r, "nav.console"));
	tmpl_set(r, "Nav", "console");
	tmpl_render(r, rs, "console.cs");
}

/*
 * GET /console/poll?since=MARK: {"changed":false} while no message or chat
 * was added since MARK (two index lookups, nothing rendered); otherwise the
 * new mark and the counts. Every change the console shows adds a message
 * row (a system line at least), so the mark covers them all.
 */
void
console_poll_get(struct req *r, struct resp *rs)
{
	struct dbres m;
	const char  *since = req_arg(r, "since"), *mark;
	struct counts k;

	long long    now = (long long)wx_now();
	struct dbres o;
	enum dbrc    orc;

	/* the console is open: a heartbeat (written at most every
	 * PRESENCE_BEAT s; every signed-in page beats too, from its worker) */
	if (now - r->user->console_seen >= PRESENCE_BEAT || r->user->idle)
		(void)presence_beat(&r->pool, r->user, 0);
	orc = db_my_offer(&r->pool, r->user->id, now, &o);
	if (db_console_mark(&r->pool, &m) != DB_OK || (orc != DB_OK && orc != DB_NOTFOUND)) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	/* the mark covers the chat offered to me and my presence too */
	mark = pool_printf(&r->pool, "%s.%s.%s.%s.%d", db_cell(&m, 0, CM_MESSAGES),
	    db_cell(&m, 0, CM_MESSAGES_RECENT), db_cell(&m, 0, CM_CHATS),
	    orc == DB_OK ? db_cell(&o, 0, MO_CHAT) : "0", presence_index(r->user->presence) + 1);
	if (since && strcmp(since, mark) == 0) {
		resp_json(rs, 200, json_pack("{s:b}", "changed", 0));
		return;
	}
	if (counts(r, &k) < 0) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	long long unread = db_console_unread_mine(&r->pool, r->user->id);
	if (unread < 0) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	resp_json(rs, 200, json_pack("{s:b,s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o}", "changed", 1,
	    "mark", json_s(mark), "waiting", (json_int_t)k.waiting, "missed", (json_int_t)k.missed,
	    "mine", (json_int_t)k.mine, "others", (json_int_t)k.others, "bot", (json_int_t)k.bot,
	    "followup", (json_int_t)k.followup,
	    "unread", (json_int_t)unread, "presence", json_s(r->user->presence),
	    "offer", orc == DB_OK ? json_pack("{s:I,s:o,s:I}", "chat",
	    (json_int_t)db_int(&o, 0, MO_CHAT), "follower", json_s(db_cell(&o, 0, MO_FOLLOWER)),
	    "seconds", (json_int_t)(db_int(&o, 0, MO_UNTIL) - now)) : json_null()));
}

/* ---- one chat ---- */

/* Loads chat r->ids[0] if the user may see it; 0, or -1 after answering. */
static int
load_chat(struct req *r, struct resp *rs, struct dbres *c)
{
	int member;

	if (!ui_found(r, rs, db_console_chat(&r->pool, r->ids[0], c), "chat"))
		return -1;
	if (sees_all(r) || db_int(c, 0, CHAT_OPERATOR) == r->user->id)
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

/* Why the user cannot answer the chat now, or NULL when they can. */
static const char *
cannot_reply(struct req *r, const struct dbres *c)
{
	const char *st = db_cell(c, 0, CHAT_STATE);

	if (strcmp(st, "closed") == 0)
		return LF(r, "chat.closed_why", ui_close_reason(r, db_cell(c, 0, CHAT_REASON), 0));
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

/* A message's WeChat details (location, link, voice text) from its stored fields. */
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
static const char *
colleague_away(struct req *r, const struct dbres *tt, size_t i)
{
	const char *presence = db_cell(tt, i, TT_PRESENCE);

	if (presence && strcmp(presence, "available") == 0 && colleague_there(tt, i))
		return NULL;
	return LF(r, "chat.transfer_not_available", db_cell(tt, i, TT_NAME),
	    colleague_status(r, tt, i));
}

/*
 * The inbox beside a chat on a wide screen: my open chats, then the waiting
 * ones and the follow-ups (messages followers left when nobody could
 * answer), each with its unread mark, so that the next chat is one click away
 * (the script swaps the chat in without reloading the page). A failure
 * costs only the column.
 */
static void
inbox(struct req *r, long long current)
{
	static const struct {
		const char *base, *state;
		int         mine;
	} parts[] = { { "Inbox.Mine", "active", 1 }, { "Inbox.Waiting", "waiting", 0 },
		{ "Inbox.Followups", "followup", 0 } };

	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
		struct console_query q = { 0 };
		struct dbres         l;

		q.state = parts[k].state;
		q.user = r->user->id;
		q.all = sees_all(r);
		q.mine = parts[k].mine;
		q.to = 2147400000LL;
		q.limit = 30;
		if (db_console_list(&r->pool, &q, &l) != DB_OK)
			continue;
		for (size_t i = 0; i < l.nrows; i++) {
			const char *base = pool_printf(&r->pool, "%s.%zu", parts[k].base, i);
			tmpl_set(r, pool_printf(&r->pool, "%s.Id", base), db_cell(&l, i, CLI_ID));
			tmpl_set(r, pool_printf(&r->pool, "%s.Follower", base), db_cell(&l, i, CLI_FOLLOWER));
			tmpl_set(r, pool_printf(&r->pool, "%s.Words", base), db_cell(&l, i, CLI_FIRST));
			tmpl_set(r, pool_printf(&r->pool, "%s.Department", base), db_cell(&l, i, CLI_DEPT));
			tmpl_set(r, pool_printf(&r->pool, "%s.Age", base),
			    span(r, (long long)wx_now() - db_int(&l, i, CLI_STARTED)));
			if (strcmp(parts[k].state, "followup") == 0)
				meter(r, pool_printf(&r->pool, "%s.Meter", base), db_int(&l, i, CLI_LASTIN),
				    db_int(&l, i, CLI_OUT));
			/* the chat on screen is being read: no mark for it */
			if (db_int(&l, i, CLI_ID) != current)
				tmpl_set_int(r, pool_printf(&r->pool, "%s.Unread", base),
				    db_int(&l, i, CLI_UNREAD));
			else
				tmpl_set(r, pool_printf(&r->pool, "%s.On", base), "1");
		}
	}
}

static void
chat_page(struct req *r, struct resp *rs, const struct dbres *c, int status)
{
	struct dbres  t;
	struct counts k;
	const char   *why, *who = db_cell(c, 0, CHAT_ALIAS) ? db_cell(c, 0, CHAT_ALIAS) :
	    db_cell(c, 0, CHAT_OPENID);
	long long     id = db_int(c, 0, CHAT_ID);

	if (db_transcript(&r->pool, id, &t) != DB_OK || counts(r, &k) < 0) {
		ui_db_failed(r, rs);
		return;
	}
	/* what the user has now seen: the list's unread marks go (the newest
	 * message comes first); a failure costs only the marks */
	if (t.nrows > 0)
		(void)db_chat_seen(&r->pool, r->user->id, id, db_int(&t, 0, TR_ID));
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
	} else
		meter(r, "Chat.Meter", db_int(c, 0, CHAT_LASTIN), db_int(c, 0, CHAT_OUT));
	if ((why = cannot_reply(r, c)) != NULL)
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
	    (db_int(c, 0, CHAT_OPERATOR) == r->user->id || sees_all(r))) {
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
				if (colleague_away(r, &tt, i))
					tmpl_set(r, pool_printf(&r->pool, "%s.Away", base), "1");
			}
	}
	tmpl_set(r, "Chat.FollowerId", db_cell(c, 0, CHAT_FOLLOWER));
	{
		struct dbres fc;
		if (db_follower_chats(&r->pool, db_int(c, 0, CHAT_FOLLOWER), id, &fc) == DB_OK)
			for (size_t i = 0; i < fc.nrows; i++) {
				const char *base = pool_printf(&r->pool, "Others.%zu", i);
				tmpl_set(r, pool_printf(&r->pool, "%s.Id", base), db_cell(&fc, i, FC_ID));
				tmpl_set(r, pool_printf(&r->pool, "%s.State", base), db_cell(&fc, i, FC_STATE));
				tmpl_set(r, pool_printf(&r->pool, "%s.Started", base),
				    ui_time(r, db_int(&fc, i, FC_STARTED)));
				tmpl_set(r, pool_printf(&r->pool, "%s.Reason", base),
				    ui_close_reason(r, db_cell(&fc, i, FC_REASON), 0));
			}
	}
	if (db_int(c, 0, CHAT_OPERATOR) == r->user->id) {
		struct dbres cr;
		static const char *const cc[] = {
	    [CNL_ID] = "Id",
	    [CNL_SHORTCUT] = "Shortcut",
	    [CNL_BODY] = "Body",
	    [CNL_MIME] = "Mime"
	};
		if (db_canned_list(&r->pool, db_int(c, 0, CHAT_BRANDID), &cr) == DB_OK)
			db_to_hdf(r, "Canned", &cr, cc, sizeof cc / sizeof cc[0]);
	}
	if (req_field(r, "alias") == NULL)
		tmpl_set(r, "Form.alias.Value", db_cell(c, 0, CHAT_ALIAS));
	/* the transcript, oldest first; columns: id dir type event event_key body
	 * fields media_state attachment mime delivery errcode author time */
	for (size_t i = 0; i < t.nrows; i++) {
		size_t      row = t.nrows - 1 - i;
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
				    db_cell(&t, row, col));
		tmpl_set(r, pool_printf(&r->pool, "%s.Time", base), ui_time(r, db_int(&t, row, TR_AT)));
		tmpl_set(r, pool_printf(&r->pool, "%s.At", base), ui_iso(r, db_int(&t, row, TR_AT)));
		if (db_int(&t, row, TR_ERRCODE) != 0)
			tmpl_set(r, pool_printf(&r->pool, "%s.Error", base),
			    ui_errtext(r, db_int(&t, row, TR_ERRCODE)));
		if (strcmp(db_cell(&t, row, TR_DIRECTION), "in") == 0)
			message_fields(r, base, db_cell(&t, row, TR_FIELDS));
		else if (strcmp(db_cell(&t, row, TR_DIRECTION), "out") == 0 && db_cell(&t, row, TR_FIELDS)) {
			struct wx_field *bf;	/* a passive reply: the bot's {"bot":1}, wxdesk's {"auto":1} */
			if (json_parse(&r->pool, db_cell(&t, row, TR_FIELDS),
			    strlen(db_cell(&t, row, TR_FIELDS)), &bf) == 0) {
				if (wx_get(bf, "bot"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Bot", base), "1");
				else if (wx_get(bf, "auto"))
					tmpl_set(r, pool_printf(&r->pool, "%s.Auto", base), "1");
			}
		}
		else if (strcmp(db_cell(&t, row, TR_DIRECTION), "system") == 0)
			note_text(r, base, db_cell(&t, row, TR_FIELDS));
	}
	if (t.nrows == 500)
		tmpl_set(r, "Chat.Truncated", "1");
	inbox(r, id);
	(void)my_offer(r);	/* a failure costs only the banner */
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

	if (load_chat(r, rs, &c) == 0)
		chat_page(r, rs, &c, 200);
}

/* The chat a page's row is about, and who is acting, for chat.h. */
static struct chat_ref
ref_of(const struct dbres *c)
{
	struct chat_ref ref = { db_int(c, 0, CHAT_ID), db_int(c, 0, CHAT_CHANNEL),
		db_int(c, 0, CHAT_FOLLOWER), db_int(c, 0, CHAT_DEPT) };
	return ref;
}

static struct chat_actor
actor(const struct req *r)
{
	struct chat_actor a = { r->user->id, r->user->name };
	return a;
}

static void
to_chat(struct req *r, struct resp *rs)
{
	resp_redirect(rs, pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]));
}

void
console_pickup_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	enum dbrc    rc;

	if (load_chat(r, rs, &c) != 0)
		return;
	{
		struct chat_ref   ref = ref_of(&c);
		struct chat_actor a = actor(r);
		rc = chat_pickup(&r->pool, &ref, &a);
	}
	if (rc == DB_CONFLICT) {
		/* someone else was quicker: say who */
		if (db_console_chat(&r->pool, r->ids[0], &c) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		tmpl_set(r, "Chat.Error", db_cell(&c, 0, CHAT_OPNAME) ? LF(r, "chat.picked_first",
		    db_cell(&c, 0, CHAT_OPNAME)) : db_cell(&c, 0, CHAT_OFFERNAME) ?
		    LF(r, "offer.taken_by_offer", db_cell(&c, 0, CHAT_OFFERNAME)) :
		    L(r, "chat.no_pickup"));
		chat_page(r, rs, &c, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	to_chat(r, rs);
}

/* The chat of a console page as the send path needs it. */
static struct out_chat
out_chat(struct req *r, const struct dbres *c)
{
	struct out_chat oc = {
		.chat = r->ids[0], .follower = db_int(c, 0, CHAT_FOLLOWER),
		.openid = db_cell(c, 0, CHAT_OPENID),
		.ch = { db_int(c, 0, CHAT_CHANNEL), db_cell(c, 0, CHAT_APPID),
		    db_cell(c, 0, CHAT_SECRET) ? secret_decrypt(&r->pool, db_cell(c, 0, CHAT_SECRET)) :
		    NULL },
	};
	return oc;
}

/* Sends message msg (claimed already); WeChat's errcode (0 delivered). */
static long
deliver(struct req *r, const struct dbres *c, long long msg, const struct outgoing *o)
{
	struct out_chat oc = out_chat(r, c);

	return send_deliver(&r->pool, &oc, msg, o);
}

/* What to tell the operator about an undelivered message, or NULL. */
static const char *
delivery_text(struct req *r, long e)
{
	if (e == 0)
		return NULL;
	return LF(r, "chat.not_delivered", ui_errtext(r, e));
}

static void
delivery_flash(struct req *r, long e)
{
	if (e != 0)
		flash_set(r, delivery_text(r, e));
}

/* Counts one more message of the operator's (a reply, or OUT_CLOSING: the
 * one the chat is closed with) and stores it as sending. */
static enum dbrc
claim(struct req *r, const struct dbres *c, const struct outgoing *o, enum out_claim who,
    long long *msg)
{
	struct out_chat oc = out_chat(r, c);

	return send_claim(&r->pool, &oc, o, who, r->user->id, NULL, msg);
}

/* Sends one message; 0, or -1 after answering (the page says why). */
static int
send_one(struct req *r, struct resp *rs, struct dbres *c, const struct outgoing *o)
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
		why = cannot_reply(r, c);
		form_error(r, "text", why ? why : L(r, "chat.changed"));
		chat_page(r, rs, c, 409);
		return -1;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return -1;
	}
	delivery_flash(r, deliver(r, c, msg, o));
	return 0;
}

void
console_send_post(struct req *r, struct resp *rs)
{
	struct dbres     c;
	const char      *text = req_field(r, "text"), *why;
	const struct kv *file = req_file(r, "attachment");
	struct outgoing  t = { "text", NULL, NULL, NULL, 0 }, f = { 0 };
	int              has_text = text && strspn(text, " \t\r\n") != strlen(text);
	int              canned_file = 0;
	enum dbrc        rc;

	if (load_chat(r, rs, &c) != 0)
		return;
	if (text)
		tmpl_set(r, "Form.text.Value", text);
	if (file && file->vlen == 0)
		file = NULL;	/* the empty part of a form without a file */
	if ((why = cannot_reply(r, &c)) != NULL) {
		form_error(r, "text", why);
		chat_page(r, rs, &c, 409);
		return;
	}
	if (!has_text && file == NULL) {
		form_error(r, "text", L(r, "chat.type_first"));
		chat_page(r, rs, &c, 422);
		return;
	}
	if (has_text && (!utf8_valid(text, strlen(text)) || utf8_chars(text) > WX_TEXT_MAX)) {
		form_error(r, "text", LF(r, "chat.too_long", WX_TEXT_MAX, utf8_chars(text)));
		chat_page(r, rs, &c, 422);
		return;
	}
	if (has_text && text[0] == '/' && strcspn(text, " \t\r\n") == strlen(text)) {
		/* a canned response by its shortcut: its text, and its file */
		struct dbres cr;
		rc = db_canned_find(&r->pool, r->ids[0], text + 1, &cr);
		if (rc == DB_NOTFOUND) {
			form_error(r, "text", LF(r, "chat.no_canned", text));
			chat_page(r, rs, &c, 422);
			return;
		}
		if (rc != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		/* columns: body attachment path mime */
		text = db_cell(&cr, 0, CNF_BODY);
		if (db_cell(&cr, 0, CNF_ATTACHMENT) && file == NULL) {
			const char *mime = db_cell(&cr, 0, CNF_MIME);
			f = (struct outgoing){ strncmp(mime, "image/", 6) == 0 ? "image" :
			    strncmp(mime, "audio/", 6) == 0 ? "voice" : "video", NULL,
			    db_cell(&cr, 0, CNF_PATH), mime, db_int(&cr, 0, CNF_ATTACHMENT) };
			canned_file = 1;
		}
	}
	if (file) {
		struct ui_file uf;
		if (ui_keep_file(r, "attachment", file, &uf) != 0) {
			chat_page(r, rs, &c, 422);
			return;
		}
		f = (struct outgoing){ uf.type, uf.name, uf.path, uf.mime, uf.attachment };
	}
	t.text = text;
	if (((file || canned_file) && send_one(r, rs, &c, &f) != 0) ||
	    (has_text && send_one(r, rs, &c, &t) != 0))
		return;
	to_chat(r, rs);
}

void
console_retry_post(struct req *r, struct resp *rs)
{
	struct dbres    c, m;
	const char     *why, *mid = req_field(r, "message");
	long long       msg = mid ? strtoll(mid, NULL, 10) : 0;
	struct outgoing o = { 0 };
	enum dbrc       rc;

	if (load_chat(r, rs, &c) != 0)
		return;
	rc = db_out_get(&r->pool, msg, r->ids[0], &m);
	if (rc == DB_NOTFOUND || (rc == DB_OK && strcmp(db_cell(&m, 0, OG_DELIVERY) ?
	    db_cell(&m, 0, OG_DELIVERY) : "", "failed") != 0)) {
		page_error(r, rs, 409, 0, L(r, "chat.retry_failed_only"));
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if ((why = cannot_reply(r, &c)) != NULL) {
		tmpl_set(r, "Chat.Error", why);
		chat_page(r, rs, &c, 409);
		return;
	}
	{
		struct out_chat oc = out_chat(r, &c);
		rc = send_reclaim(&r->pool, &oc, r->user->id, msg);
	}
	if (rc != DB_OK) {
		if (rc == DB_CONFLICT) {
			tmpl_set(r, "Chat.Error", L(r, "chat.rules_refuse"));
			chat_page(r, rs, &c, 409);
		} else
			ui_db_failed(r, rs);
		return;
	}
	/* columns: id body delivery type path mime */
	o.type = db_cell(&m, 0, OG_TYPE);
	o.text = db_cell(&m, 0, OG_BODY);
	o.path = db_cell(&m, 0, OG_PATH);
	o.mime = db_cell(&m, 0, OG_MIME);
	delivery_flash(r, deliver(r, &c, msg, &o));
	to_chat(r, rs);
}

/* Only the chat's operator, a supervisor or an admin changes who has a chat. */
static int
may_manage(struct req *r, struct resp *rs, const struct dbres *c)
{
	if (strcmp(db_cell(c, 0, CHAT_STATE), "closed") == 0) {
		tmpl_set(r, "Chat.Error", L(r, "chat.is_closed"));
		chat_page(r, rs, c, 409);
		return 0;
	}
	if (db_int(c, 0, CHAT_OPERATOR) != r->user->id && !sees_all(r)) {
		page_error(r, rs, 403, 0, L(r, "chat.manage_only"));
		return 0;
	}
	return 1;
}

/* Who closed the chat, and when, for an operator whose close came second. */
static const char *
closed_already(struct req *r, const struct dbres *c)
{
	const char *by = db_cell(c, 0, CHAT_CLOSEDBY), *at = ui_time(r, db_int(c, 0, CHAT_CLOSED));

	if (by)
		return LF(r, "chat.closed_by", by, at);
	return LF(r, "chat.closed_at", at, ui_close_reason(r, db_cell(c, 0, CHAT_REASON), 0));
}

void
console_close_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *closing = req_field(r, "closing"), *why, *said = NULL;
	enum dbrc    rc;

	if (load_chat(r, rs, &c) != 0)
		return;
	if (strcmp(db_cell(&c, 0, CHAT_STATE), "closed") == 0) {
		flash_set(r, closed_already(r, &c));
		to_chat(r, rs);
		return;
	}
	if (!may_manage(r, rs, &c))
		return;
	if (closing && strspn(closing, " \t\r\n") != strlen(closing)) {
		/* the closing message counts toward the 5; skipped, with a word, if none is left */
		struct outgoing o = { "text", closing, NULL, NULL, 0 };
		long long       msg;
		if ((why = cannot_reply(r, &c)) != NULL) {
			said = LF(r, "chat.closed_unsent", why);
		} else if (utf8_chars(closing) > WX_TEXT_MAX || !utf8_valid(closing, strlen(closing))) {
			form_error(r, "closing", LF(r, "chat.max_chars", WX_TEXT_MAX));
			tmpl_set(r, "Form.closing.Value", closing);
			chat_page(r, rs, &c, 422);
			return;
		} else if (claim(r, &c, &o, OUT_CLOSING, &msg) == DB_OK) {
			said = delivery_text(r, deliver(r, &c, msg, &o));
		}
	}
	{
		struct chat_ref   ref = ref_of(&c);
		struct chat_actor a = actor(r);
		rc = chat_close(&r->pool, &ref, &a);
	}
	if (rc == DB_NOTFOUND) {
		/* someone closed it first: say who */
		if (db_console_chat(&r->pool, r->ids[0], &c) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		flash_set(r, closed_already(r, &c));
		to_chat(r, rs);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, said ? said : L(r, "chat.closed_flash"));
	to_chat(r, rs);
}

void
console_transfer_post(struct req *r, struct resp *rs)
{
	struct dbres c, tt;
	const char  *to = req_field(r, "to"), *note = req_field(r, "note"), *name = NULL;
	const char  *busy = NULL;
	int          to_user;
	long long    target;
	enum dbrc    rc;

	if (load_chat(r, rs, &c) != 0 || !may_manage(r, rs, &c))
		return;
	if (note && (utf8_chars(note) > 500 || !utf8_valid(note, strlen(note)))) {
		form_error(r, "note", L(r, "chat.note_max"));
		chat_page(r, rs, &c, 422);
		return;
	}
	to_user = to && strncmp(to, "user:", 5) == 0;
	target = to && strchr(to, ':') ? strtoll(strchr(to, ':') + 1, NULL, 10) : 0;
	if (db_transfer_targets(&r->pool, r->ids[0], &tt) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < tt.nrows; i++)
		if (strcmp(db_cell(&tt, i, TT_KIND), to_user ? "user" : "dept") == 0 &&
		    db_int(&tt, i, TT_ID) == target) {
			name = db_cell(&tt, i, TT_NAME);
			if (to_user)
				busy = colleague_away(r, &tt, i);
		}
	if (name == NULL) {
		form_error(r, "to", L(r, "chat.choose_target"));
		chat_page(r, rs, &c, 422);
		return;
	}
	if (busy != NULL) {
		/* refused at once, with their status: never offered to nobody */
		form_error(r, "to", busy);
		chat_page(r, rs, &c, 409);
		return;
	}
	{
		struct chat_ref      ref = ref_of(&c);
		struct chat_actor    a = actor(r);
		const char          *keep = req_field(r, "keep_me");
		struct chat_transfer t = { to_user, target, name, note, keep && *keep };
		rc = chat_transfer(&r->pool, &ref, &a, &t);
	}
	if (rc == DB_INVALID) {
		form_error(r, "to", LF(r, "chat.transfer_gone", name));
		chat_page(r, rs, &c, 409);
		return;
	}
	if (rc == DB_NOTFOUND) {
		tmpl_set(r, "Chat.Error", L(r, "chat.transfer_changed"));
		chat_page(r, rs, &c, 409);
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, LF(r, "chat.transferred", name));
	/* the chat page for whoever can still open it; else the list */
	resp_redirect(rs, (to_user && target == r->user->id) || sees_all(r) ||
	    (!to_user && db_console_member(&r->pool, r->user->id, target) > 0) ?
	    pool_printf(&r->pool, "/console/chats/%lld", r->ids[0]) : "/console/");
}

void
console_alias_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	const char  *alias = req_field(r, "alias");
	const char  *err;

	if (load_chat(r, rs, &c) != 0)
		return;
	form_trim(r);
	alias = req_field(r, "alias");
	if (alias && *alias && (err = v_name(alias)) != NULL) {
		form_error(r, "alias", L(r, err));
		chat_page(r, rs, &c, 422);
		return;
	}
	if (db_follower_alias(&r->pool, db_int(&c, 0, CHAT_FOLLOWER), alias ? alias : "") != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, alias && *alias ? "chat.alias_saved" : "chat.alias_removed"));
	to_chat(r, rs);
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
	    db_int(&c, 0, CHAT_OPERATOR) != r->user->id || cannot_reply(r, &c) != NULL) {
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
	if (load_chat(r, rs, &c) != 0)
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

	if (load_chat(r, rs, &c) != 0)
		return;
	form_trim(r);
	text = req_field(r, "staff_note");
	if (text == NULL || *text == '\0' || !utf8_valid(text, strlen(text)) ||
	    utf8_chars(text) > WX_TEXT_MAX) {
		form_error(r, "staff_note", LF(r, "chat.note_bad", WX_TEXT_MAX));
		tmpl_set(r, "Form.staff_note.Value", text);
		chat_page(r, rs, &c, 422);
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
	to_chat(r, rs);
}

/* GET /console/next: the chat that has waited longest, of those the user answers */
void
console_next_get(struct req *r, struct resp *rs)
{
	struct dbres n;
	enum dbrc    rc = db_console_next(&r->pool, r->user->id, sees_all(r), &n);

	if (rc == DB_NOTFOUND) {
		flash_set(r, L(r, "console.none_waiting_next"));
		resp_redirect(rs, "/console/");
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	resp_redirect(rs, pool_printf(&r->pool, "/console/chats/%s", db_cell(&n, 0, CN_ID)));
}

/* ---- presence and offers ---- */

/* POST /console/chats/{id}/decline: the chat offered to me goes to the next */
void
console_decline_post(struct req *r, struct resp *rs)
{
	struct dbres c;
	enum dbrc    rc;

	if (load_chat(r, rs, &c) != 0)
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

/*
 * POST /console/heartbeat: every signed-in page beats every PRESENCE_BEAT s
 * (static/heartbeat.js, a worker, so a hidden tab keeps beating) and says
 * gone=1 when it is closed or hidden; an operator whose pages all stopped
 * is offered nothing (routing.h).
 */
void
console_heartbeat_post(struct req *r, struct resp *rs)
{
	const char *gone = req_field(r, "gone");

	if (presence_beat(&r->pool, r->user, gone && strcmp(gone, "1") == 0) != 0) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	resp_json(rs, 200, json_pack("{s:s}", "presence", r->user->presence));
}

/* POST /console/presence: available, busy or away, from the header */
void
console_presence_post(struct req *r, struct resp *rs)
{
	const char *to = req_field(r, "presence"), *next = req_field(r, "next");

	if (!presence_valid(to)) {
		page_error(r, rs, 422, 1, L(r, "presence.invalid"));
		return;
	}
	if (presence_change(&r->pool, r->user->id, to, "set") != 0 ||
	    presence_beat(&r->pool, r->user, 0) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, pool_printf(&r->pool, "presence.now_%s", to)));
	/* back where the choice was made: a path of this site only */
	resp_redirect(rs, ui_safe_next(next) ? next : "/console/");
}

/*
 * GET /console/board: supervisors and admins see, per department, each
 * operator's presence and since when, chats in hand against their limit,
 * and the queue: waiting chats and the longest wait. The page refreshes
 * itself.
 */
void
console_board_get(struct req *r, struct resp *rs)
{
	struct dbres d;
	long long    page = ui_page(r), now = (long long)wx_now();
	long long    member = sees_all(r) ? 0 : r->user->id;
	long long    total = db_board_dept_count(&r->pool, member);

	if (total < 0 || db_board_depts(&r->pool, member, 20, (page - 1) * 20, &d) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	ui_paging(r, page, 20, total);
	for (size_t i = 0; i < d.nrows; i++) {
		const char  *base = pool_printf(&r->pool, "Board.%zu", i);
		struct dbres m;

		tmpl_set(r, pool_printf(&r->pool, "%s.Id", base), db_cell(&d, i, BD_ID));
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), db_cell(&d, i, BD_NAME));
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), db_cell(&d, i, BD_BRAND));
		tmpl_set(r, pool_printf(&r->pool, "%s.Routing", base), db_cell(&d, i, BD_ROUTING));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Waiting", base), db_int(&d, i, BD_WAITING));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Missed", base), db_int(&d, i, BD_MISSED));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Offered", base), db_int(&d, i, BD_OFFERED));
		if (db_cell(&d, i, BD_OLDEST))
			tmpl_set(r, pool_printf(&r->pool, "%s.Longest", base),
			    span(r, now - db_int(&d, i, BD_OLDEST)));
		if (db_board_members(&r->pool, db_int(&d, i, BD_ID), &m) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t j = 0; j < m.nrows; j++) {
			const char *mb = pool_printf(&r->pool, "%s.Members.%zu", base, j);
			long long   hand = db_int(&m, j, BM_ACTIVE) + db_int(&m, j, BM_OFFERED);

			tmpl_set(r, pool_printf(&r->pool, "%s.Name", mb), db_cell(&m, j, BM_NAME));
			tmpl_set(r, pool_printf(&r->pool, "%s.Presence", mb), db_cell(&m, j, BM_PRESENCE));
			/* no page of theirs open: away (idle), whatever they chose */
			if (strcmp(db_cell(&m, j, BM_PRESENCE), "away") != 0 && (db_cell(&m, j, BM_IDLE) ||
			    db_int(&m, j, BM_SEEN) < now - presence_away_after()))
				tmpl_set(r, pool_printf(&r->pool, "%s.Idle", mb), "1");
			tmpl_set(r, pool_printf(&r->pool, "%s.Since", mb),
			    db_cell(&m, j, BM_SINCE) ? span(r, now - db_int(&m, j, BM_SINCE)) : NULL);
			tmpl_set(r, pool_printf(&r->pool, "%s.SinceAt", mb),
			    ui_time(r, db_int(&m, j, BM_SINCE)));
			tmpl_set(r, pool_printf(&r->pool, "%s.Hand", mb), LF(r, "board.hand", hand,
			    db_int(&m, j, BM_LIMIT)));
			if (db_int(&m, j, BM_OFFERED) > 0)
				tmpl_set(r, pool_printf(&r->pool, "%s.Offered", mb), LF(r, "board.offered",
				    db_int(&m, j, BM_OFFERED)));
			if (hand >= db_int(&m, j, BM_LIMIT))
				tmpl_set(r, pool_printf(&r->pool, "%s.Full", mb), "1");
		}
	}
	tmpl_set(r, "Page.Title", L(r, "board.title"));
	tmpl_set(r, "Nav", "board");
	tmpl_render(r, rs, "board.cs");
}
