/*
 * ui-inbox.c: the console's lists: the inbox (waiting, missed, mine,
 * others', the bot's, closed, with live counts), the poll that keeps every
 * console current, "next waiting chat", presence and its heartbeat, and the
 * team board. Operators see the chats of the departments they belong to;
 * supervisors and admins see every chat.
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
#include "search.h"
#include "ui.h"
#include "ui-console.h"
#include "wxapi.h"
#include "staff.h"
#include "channel.h"
#include "console.h"

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

int
console_sees_all(const struct req *r)
{
	return user_sees_all_chats(r->user);
}

/* "5 min", "3 h 20 min", "2 days" (in the reader's language) */
const char *
console_span(struct req *r, long long s)
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

/* The reply-window meter of an open chat into <base>.Left/.Used/…, the
 * window of the follower's latest action (chat_window); 1 when a reply is
 * allowed. */
int
console_meter(struct req *r, const char *base, long long last_in, long long grant,
    long long used)
{
	long long until;
	int       max;
	long long left, span;

	chat_window(last_in, grant, &until, &max);
	left = until - (long long)wx_now();
	span = max == WX_EVENT_REPLIES ? WX_EVENT_WINDOW : WX_WINDOW;
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Used", base), used);
	if (max == WX_PAID_REPLIES) {
		/* after a payment: any number until the 48 hours end */
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Max", base), used + 100);
		tmpl_set(r, pool_printf(&r->pool, "%s.Paid", base), "1");
		if (left > 0) {
			tmpl_set(r, pool_printf(&r->pool, "%s.Left", base), console_span(r, left));
			tmpl_set_int(r, pool_printf(&r->pool, "%s.LeftPct", base), left * 100 / span);
			tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), LF(r, "meter.left_paid",
			    console_span(r, left), used));
		} else {
			tmpl_set(r, pool_printf(&r->pool, "%s.Expired", base), "1");
			tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), L(r, "meter.expired_paid"));
		}
		if (left <= 3 * 3600)
			tmpl_set(r, pool_printf(&r->pool, "%s.Low", base), "1");
		return left > 0;
	}
	tmpl_set_int(r, pool_printf(&r->pool, "%s.Max", base), max);
	if (left > 0) {
		tmpl_set(r, pool_printf(&r->pool, "%s.Left", base), console_span(r, left));
		tmpl_set_int(r, pool_printf(&r->pool, "%s.LeftPct", base), left * 100 / span);
		tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), LF(r, max == WX_EVENT_REPLIES ?
		    "meter.left_event" : "meter.left", console_span(r, left), used, max));
	} else {
		tmpl_set(r, pool_printf(&r->pool, "%s.Expired", base), "1");
		tmpl_set(r, pool_printf(&r->pool, "%s.Text", base), LF(r, max == WX_EVENT_REPLIES ?
		    "meter.expired_event" : "meter.expired", used, max));
	}
	if (left <= (max == WX_EVENT_REPLIES ? WX_EVENT_WINDOW / 2 : 3 * 3600))
		tmpl_set(r, pool_printf(&r->pool, "%s.Low", base), "1");
	return left > 0 && used < max;
}

/* Open-chat counts per tab, also into Counts.*; 0, or -1 when the database failed. */
int
console_counts(struct req *r, struct console_counts *k)
{
	struct console_count *c = NULL;
	size_t c_n = 0;
	long long    waiting = 0, missed = 0, mine = 0, others = 0, bot = 0, followup = 0;

	if (db_console_counts(&r->pool, r->user->id, console_sees_all(r), &c, &c_n) != DB_OK)
		return -1;

/* columns: state mine total */
	for (size_t i = 0; i < c_n; i++) {
		const char *st = c[i].state;
		if (strcmp(st, "waiting") == 0)
			waiting = c[i].total;
		else if (strcmp(st, "missed") == 0)
			missed = c[i].total;
		else if (strcmp(st, "bot") == 0)
			bot = c[i].total;
		else if (strcmp(st, "followup") == 0)
			followup = c[i].total;
		else {
			mine = c[i].mine;
			others = c[i].total - mine;
		}
	}
	tmpl_set_int(r, "Counts.waiting", waiting);
	tmpl_set_int(r, "Counts.missed", missed);
	tmpl_set_int(r, "Counts.mine", mine);
	tmpl_set_int(r, "Counts.others", others);
	tmpl_set_int(r, "Counts.bot", bot);
	tmpl_set_int(r, "Counts.followup", followup);
	*k = (struct console_counts){ waiting, missed, mine, others, bot, followup };
	return 0;
}

/* what a search found: chats, best first, each with its best message (0:
 * the follower's name matched) */
#define FOUND_MAX 300
struct found {
	long long chat[FOUND_MAX], msg[FOUND_MAX];
	size_t    n;
};

static void
found_add(struct found *f, long long chat, long long msg)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->chat[i] == chat)
			return;
	if (f->n < FOUND_MAX)
		f->chat[f->n] = chat, f->msg[f->n++] = msg;
}

/*
 * The chats a search finds, as a JSON array of ids, best first: those of
 * the followers whose name or OpenID starts with the text or whose name
 * holds its words, newest first, then
 * those whose messages have its words, by their best message (search.h:
 * this node's index caught up first). NULL when the database failed.
 */
static const char *
search_chats(struct req *r, const char *typed, struct found *f)
{
	struct console_name_chat *names = NULL;
	struct search_hits       *hits = NULL;
	size_t                    nn = 0, nh = 0;
	const char               *query = search_query(&r->pool, typed);
	struct buf                b = { 0 };
	const char               *json;

	if ((query && search_catch_up(&r->pool, 2000, 500) < 0) ||
	    db_console_name_chats(&r->pool, db_like(&r->pool, typed, 0), query, 100, &names,
	    &nn) != DB_OK ||
	    (query && db_search_hits(&r->pool, query, FOUND_MAX, &hits, &nh) != DB_OK))
		return NULL;
	for (size_t i = 0; i < nn; i++)
		found_add(f, names[i].id, 0);
	for (size_t i = 0; i < nh; i++)
		found_add(f, hits[i].chat_id, hits[i].id);
	buf_printf(&b, "[");
	for (size_t i = 0; i < f->n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", f->chat[i]);
	buf_printf(&b, "]");
	json = pool_strdup(&r->pool, b.data);
	buf_free(&b);
	return json;
}

/* the follower's last words as a list shows them: a picture, a voice
 * message, a video or a place named in brackets (the list's statement marks
 * them with their type after a \1) */
static void
last_words(struct req *r, struct console_list *l, size_t n)
{
	static const char *const kinds[][2] = { { "image", "msg.picture" }, { "voice", "msg.voice" },
	    { "video", "msg.video" }, { "shortvideo", "msg.video" }, { "location", "msg.place" },
	    { "link", "msg.link_kind" } };

	for (size_t i = 0; i < n; i++) {
		const char *w = l[i].last_words, *name = NULL;
		if (w == NULL || w[0] != '\1')
			continue;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (strcmp(w + 1, kinds[k][0]) == 0)
				name = L(r, kinds[k][1]);
		l[i].last_words = pool_printf(&r->pool, "[%s]", name ? name : w + 1);
	}
}

/* each listed chat's best message, its words marked (Chats.N.Snippet.K) */
static void
snippets(struct req *r, const struct found *f, const struct console_list *l, size_t n,
    const char *typed)
{
	struct search_bodies *bodies = NULL;
	size_t                nb = 0;
	struct buf            ids = { 0 };

	buf_printf(&ids, "[");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < f->n; k++)
			if (f->chat[k] == l[i].id && f->msg[k])
				buf_printf(&ids, "%s%lld", ids.len > 1 ? "," : "", f->msg[k]);
	buf_printf(&ids, "]");
	if (ids.len > 2 && db_search_bodies(&r->pool, ids.data, &bodies, &nb) == DB_OK)
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < f->n; k++) {
				if (f->chat[k] != l[i].id || f->msg[k] == 0)
					continue;
				for (size_t j = 0; j < nb; j++) {
					struct search_part *parts;
					size_t np;
					if (bodies[j].id != f->msg[k])
						continue;
					np = search_marks(&r->pool, bodies[j].body, typed, 20, 80, &parts);
					for (size_t x = 0; x < np; x++) {
						const char *b = pool_printf(&r->pool, "Chats.%zu.Snippet.%zu", i, x);
						tmpl_set(r, pool_printf(&r->pool, "%s.Text", b), parts[x].text);
						if (parts[x].hit)
							tmpl_set(r, pool_printf(&r->pool, "%s.Hit", b), "1");
					}
				}
			}
	buf_free(&ids);
}

void
console_home_get(struct req *r, struct resp *rs)
{
	struct console_query q;
	struct console_counts        k;
	struct console_list *l = NULL;
	size_t l_n = 0;
	struct member_depts *d = NULL;
	size_t               d_n = 0;
	const char          *tab = req_arg(r, "tab") ? req_arg(r, "tab") : "waiting";
	size_t               t = 0;
	long long            page = ui_page(r);
	struct found         found = { 0 };

	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].tab) == 0)
			t = i;
	if (tabs[t].supervisors && !console_sees_all(r))
		t = 0;
	memset(&q, 0, sizeof q);
	q.state = tabs[t].state;
	q.user = r->user->id;
	q.all = console_sees_all(r);
	q.mine = tabs[t].mine;
	q.others = tabs[t].others;
	/* every list: follower name, OpenID or words of the messages */
	if (req_arg(r, "q") && *req_arg(r, "q") && (q.hits = search_chats(r, req_arg(r, "q"),
	    &found)) == NULL) {
		ui_db_failed(r, rs);
		return;
	}
	q.from = t == CLOSED_TAB ? ui_day(req_arg(r, "from"), 0) : 0;
	/* the upper bound stays within MariaDB's TIMESTAMP range (FROM_UNIXTIME) */
	q.to = t == CLOSED_TAB ? ui_day(req_arg(r, "to"), 2147400000LL - 86400) + 86400 : 2147400000LL;
	q.limit = PER_PAGE + 1;
	q.offset = (page - 1) * PER_PAGE;
	/* the mark before the lists: a later change refreshes them */
	if (console_page_mark(r) < 0 || db_console_list(&r->pool, &q, &l, &l_n) != DB_OK ||
	    console_counts(r, &k) < 0 || db_member_depts(&r->pool, r->user->id, &d, &d_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if (l_n > PER_PAGE) {
		l_n = PER_PAGE;
		tmpl_set_int(r, "Paging.Next", page + 1);
	}
	if (page > 1)
		tmpl_set_int(r, "Paging.Prev", page - 1);
	last_words(r, l, l_n);
	TMPL_LIST(r, "Chats", l, l_n, console_list);
	if (q.hits)
		snippets(r, &found, l, l_n, req_arg(r, "q"));
	for (size_t i = 0; i < l_n; i++) {
		const char *base = pool_printf(&r->pool, "Chats.%zu", i);
		tmpl_set(r, pool_printf(&r->pool, "%s.Age", base),
		    console_span(r, (long long)wx_now() - l[i].started));
		if (t != CLOSED_TAB)
			console_meter(r, pool_printf(&r->pool, "%s.Meter", base), l[i].last_in,
			    l[i].grant_at,
			    l[i].outs);
		else {
			tmpl_set(r, pool_printf(&r->pool, "%s.ReasonText", base),
			    ui_close_reason(r, l[i].close_reason, 0));
			tmpl_set(r, pool_printf(&r->pool, "%s.ClosedAt", base),
			    ui_time(r, l[i].closed));
		}
	}
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		if (tabs[i].supervisors && !console_sees_all(r))
			continue;
		tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.Tab", i), tabs[i].tab);
		tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.Label", i), L(r, tabs[i].label));
		if (i == t)
			tmpl_set(r, pool_printf(&r->pool, "Tabs.%zu.On", i), "1");
	}
	tmpl_set(r, "Console.Tab", tabs[t].tab);
	tmpl_set(r, "Console.TabLabel", L(r, tabs[t].label));
	tmpl_set_int(r, "Console.Departments", (long long)d_n);
	tmpl_set(r, "Console.SeesAll", console_sees_all(r) ? "1" : NULL);
	if (console_sees_all(r))
		tmpl_set(r, "Console.Hint", LF(r, "console.sees_all", L(r,
		    pool_printf(&r->pool, "role.%s", role_name(r->user->role)))));
	else if (d_n > 0)
		tmpl_set(r, "Console.Hint", LF(r, d_n == 1 ?
		    "console.departments_1" : "console.departments", (long long)d_n));
	/* business hours: which brands are closed now (their new chats get the
	 * off-hours answer and wait for the opening); a failure costs the line */
	{
		struct hours_closed *hc;
		size_t               n;
		if (db_hours_closed_brands(&r->pool, (long long)wx_now(), &hc, &n) == DB_OK && n) {
			struct buf names = { 0 };
			const char *sep = L(r, "console.list_sep");
			for (size_t i = 0; i < n; i++)	/* "a, b" or "甲、乙" */
				buf_printf(&names, "%s%s%s", i ? sep : "", i && sep[0] == ',' ? " " : "",
				    hc[i].name);
			tmpl_set(r, "Console.Closed", LF(r, "console.closed_now", names.data));
			buf_free(&names);
		}
	}
	tmpl_set(r, "Search.q", req_arg(r, "q"));
	/* (a flag: ClearSilver reads a search for "0" as false) */
	tmpl_set(r, "Search.Any", req_arg(r, "q") && *req_arg(r, "q") ? "1" : NULL);
	if (t == CLOSED_TAB) {
		tmpl_set(r, "Search.from", req_arg(r, "from"));
		tmpl_set(r, "Search.to", req_arg(r, "to"));
	}
	tmpl_set(r, "Page.Title", L(r, "nav.console"));
	tmpl_set(r, "Nav", "console");
	tmpl_render(r, rs, "console.cs");
}

/*
 * The console's mark (db-chat-sql.h, CONSOLE_MARK_COLS): what a poll
 * compares to know whether anything changed (messages, chats, replies
 * delivered or let go, the chat offered to me, my presence).
 */
static const char *
live_mark(struct req *r, const struct console_mark *m)
{
	return pool_printf(&r->pool, "%lld.%lld.%lld.%lld.%lld.%lld.%d", m->top,
	    m->messages_recent, m->chats, m->sending, m->waiting, m->offer,
	    presence_index(r->user->presence) + 1);
}

/*
 * A console page's mark (Live.Mark), and the chat offered to me now, if
 * any, into Offer.* (the banner: accept, decline, the seconds left).
 * Returns 0, or -1 when the database failed.
 */
int
console_page_mark(struct req *r)
{
	long long           now = (long long)wx_now();
	struct console_mark m;
	struct my_offer     o;
	enum dbrc           rc;

	if (db_console_mark(&r->pool, r->user->id, now, &m) != DB_OK)
		return -1;
	tmpl_set(r, "Live.Mark", live_mark(r, &m));
	if (m.offer == 0 || (rc = db_my_offer(&r->pool, r->user->id, now, &o)) == DB_NOTFOUND)
		return 0;
	if (rc != DB_OK)
		return -1;
	tmpl_set_int(r, "Offer.Chat", o.id);
	tmpl_set(r, "Offer.Follower", o.follower);
	tmpl_set(r, "Offer.Department", o.name);
	tmpl_set_int(r, "Offer.Seconds", o.until - now);
	tmpl_set(r, "Offer.Text", LF(r, "offer.text", o.follower, o.name ? o.name : "",
	    console_span(r, now - o.waiting)));
	tmpl_set(r, "Offer.Left", LF(r, "offer.left", o.until - now));
	return 0;
}

/*
 * GET /console/poll?since=MARK: {"changed":false} while the mark (read
 * with the session: R_MARK) is MARK, nothing rendered; otherwise the new
 * mark, the counts and my offer.
 */
void
console_poll_get(struct req *r, struct resp *rs)
{
	const char  *since = req_arg(r, "since"), *mark;
	struct console_counts k;
	long long    now = (long long)wx_now();
	struct console_mark m;
	struct my_offer o;
	enum dbrc    orc = DB_NOTFOUND;

	/* the console is open: a heartbeat (written at most every
	 * PRESENCE_BEAT s; every signed-in page beats too, from its worker) */
	if (now - r->user->console_seen >= PRESENCE_BEAT || r->user->idle)
		(void)presence_beat(&r->pool, r->user, 0);
	if (r->mark)
		m = *r->mark;
	else if (db_console_mark(&r->pool, r->user->id, now, &m) != DB_OK) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	mark = live_mark(r, &m);
	if (since && strcmp(since, mark) == 0) {
		resp_json(rs, 200, json_pack("{s:b}", "changed", 0));
		return;
	}
	if (m.offer != 0)
		orc = db_my_offer(&r->pool, r->user->id, now, &o);
	if ((orc != DB_OK && orc != DB_NOTFOUND) || console_counts(r, &k) < 0) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	long long unread = db_console_unread_mine(&r->pool, r->user->id);
	if (unread < 0) {
		page_error(r, rs, 503, 1, L(r, "error.db_down"));
		return;
	}
	resp_json(rs, 200, json_pack("{s:b,s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o}", "changed", 1, "mark",
	    json_s(mark), "waiting", (json_int_t)k.waiting, "missed", (json_int_t)k.missed,
	    "mine", (json_int_t)k.mine, "others", (json_int_t)k.others, "bot", (json_int_t)k.bot,
	    "followup", (json_int_t)k.followup,
	    "unread", (json_int_t)unread, "presence", json_s(r->user->presence),
	    "offer", orc == DB_OK ? json_pack("{s:I,s:o,s:I}", "chat",
	    (json_int_t)o.id, "follower", json_s(o.follower),
	    "seconds", (json_int_t)(o.until - now)) : json_null()));
}

/*
 * The inbox beside a chat on a wide screen: my open chats, then the waiting
 * ones and the follow-ups (messages followers left when nobody could
 * answer), each with its unread mark, so that the next chat is one click away
 * (the script swaps the chat in without reloading the page). A failure
 * costs only the column.
 */
void
console_inbox(struct req *r, long long current)
{
	static const struct {
		const char *base, *state;
		int         mine;
	} parts[] = { { "Inbox.Mine", "active", 1 }, { "Inbox.Waiting", "waiting", 0 },
		{ "Inbox.Followups", "followup", 0 } };

	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
		struct console_query q = { 0 };
		struct console_list *l = NULL;
		size_t l_n = 0;

		q.state = parts[k].state;
		q.user = r->user->id;
		q.all = console_sees_all(r);
		q.mine = parts[k].mine;
		q.to = 2147400000LL;
		q.limit = 30;
		if (db_console_list(&r->pool, &q, &l, &l_n) != DB_OK)
			continue;
		last_words(r, l, l_n);
		for (size_t i = 0; i < l_n; i++) {
			const char *base = pool_printf(&r->pool, "%s.%zu", parts[k].base, i);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), l[i].id);
			tmpl_set(r, pool_printf(&r->pool, "%s.Follower", base), l[i].follower);
			tmpl_set(r, pool_printf(&r->pool, "%s.Words", base), l[i].last_words);
			tmpl_set(r, pool_printf(&r->pool, "%s.Department", base), l[i].department);
			tmpl_set(r, pool_printf(&r->pool, "%s.Age", base),
			    console_span(r, (long long)wx_now() - l[i].started));
			if (strcmp(parts[k].state, "followup") == 0)
				console_meter(r, pool_printf(&r->pool, "%s.Meter", base),
				    l[i].last_in, l[i].grant_at, l[i].outs);
			/* the chat on screen is being read: no mark for it */
			if (l[i].id != current)
				tmpl_set_int(r, pool_printf(&r->pool, "%s.Unread", base),
				    l[i].unread);
			else
				tmpl_set(r, pool_printf(&r->pool, "%s.On", base), "1");
		}
	}
}

/* GET /console/next: the chat that has waited longest, of those the user answers */
void
console_next_get(struct req *r, struct resp *rs)
{
	struct console_next n;
	enum dbrc    rc = db_console_next(&r->pool, r->user->id, console_sees_all(r), &n);

	if (rc == DB_NOTFOUND) {
		flash_set(r, L(r, "console.none_waiting_next"));
		resp_redirect(rs, "/console/");
		return;
	}
	if (rc != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	resp_redirect(rs, pool_printf(&r->pool, "/console/chats/%lld", n.id));
}

/*
 * POST /console/heartbeat: every signed-in page beats every PRESENCE_BEAT s
 * (static/heartbeat.js, a worker, so a hidden tab keeps beating) and says
 * gone=1 when it is closed or hidden; an operator whose pages all stopped
 * is offered nothing (assign.h).
 */
static const struct field beat_fields[] = { { "gone", "presence.gone", 0, v_flag } };

void
console_heartbeat_post(struct req *r, struct resp *rs)
{
	const char *gone;
	int         st = FORM_READ(r, beat_fields, &gone) ? UI_REFUSED :
	    presence_beat(&r->pool, r->user, strcmp(gone, "1") == 0) != 0 ? DB_FAIL : DB_OK;

	/* answered once, in JSON (the page's script reads it) */
	if (st == DB_OK)
		resp_json(rs, 200, json_pack("{s:s}", "presence", r->user->presence));
	else
		page_error(r, rs, st == UI_REFUSED ? 422 : 503, 1, L(r, st == UI_REFUSED ? "v.flag" :
		    "error.db_down"));
}

static const char *
v_presence(const char *v)
{
	return presence_valid(v) ? NULL : "presence.invalid";
}

/* where to go back to: followed only when it is this site's (ui_safe_next) */
static const struct field presence_fields[] = {
	{ "presence", "presence.label", F_CHECKED, v_presence },
	{ "next", "field.next", 0, NULL },
};

/* POST /console/presence: available, busy or away, from the header */
void
console_presence_post(struct req *r, struct resp *rs)
{
	const char *v[2];
	int         st = FORM_READ(r, presence_fields, v) ? UI_REFUSED :
	    presence_choose(&r->pool, r->user, v[0]) != 0 ? DB_FAIL : DB_OK;

	/* answered once (ui.h): back where the choice was made (a path of this site only) */
	if (st == UI_REFUSED)
		page_error(r, rs, 422, 1, L(r, "presence.invalid"));
	else
		ui_saved(r, rs, st, "operator", L(r, pool_printf(&r->pool, "presence.now_%s", v[0])),
		    ui_safe_next(v[1]) ? v[1] : "/console/");
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
	struct board_depts *d = NULL;
	size_t d_n = 0;
	long long    page = ui_page(r), now = (long long)wx_now();
	long long    member = console_sees_all(r) ? 0 : r->user->id;
	const char  *bv = req_arg(r, "brand");
	long long    brand = bv && v_id(bv) == NULL ? strtoll(bv, NULL, 10) : 0;
	long long    total = db_board_dept_count(&r->pool, member, brand);

	if (total < 0 || db_board_depts(&r->pool, member, brand, 20, (page - 1) * 20, &d,
	    &d_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if (member == 0) {
		/* a brand's departments alone (supervisors and admins see them all) */
		struct brand_list *b = NULL;
		size_t             b_n = 0;
		if (db_brand_list(&r->pool, &b, &b_n) == DB_OK && b_n > 1) {
			TMPL_LIST(r, "Brands", b, b_n, brand_list);
			tmpl_set_int(r, "Filter.Brand", brand);
		}
	}
	ui_paging(r, page, 20, total);
	for (size_t i = 0; i < d_n; i++) {
		const char  *base = pool_printf(&r->pool, "Board.%zu", i);
		struct board_members *m = NULL;
		size_t m_n = 0;

		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), d[i].id);
		tmpl_set(r, pool_printf(&r->pool, "%s.Name", base), d[i].name);
		tmpl_set(r, pool_printf(&r->pool, "%s.Brand", base), d[i].brand);
		tmpl_set(r, pool_printf(&r->pool, "%s.Routing", base), d[i].routing);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Waiting", base), d[i].waiting);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Missed", base), d[i].missed);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Offered", base), d[i].offered);
		/* the queue: waiting for an operator apart from being offered to one */
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Unoffered", base), d[i].waiting -
		    d[i].offered);
		if (d[i].oldest)
			tmpl_set(r, pool_printf(&r->pool, "%s.Longest", base),
			    console_span(r, now - d[i].oldest));
		if (db_board_members(&r->pool, d[i].id, &m, &m_n) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
		for (size_t j = 0; j < m_n; j++) {
			const char *mb = pool_printf(&r->pool, "%s.Members.%zu", base, j);
			long long   hand = m[j].active + m[j].offered;

			tmpl_set(r, pool_printf(&r->pool, "%s.Name", mb), m[j].name);
			tmpl_set(r, pool_printf(&r->pool, "%s.Presence", mb), m[j].presence);
			/* no page of theirs open: away (idle), whatever they chose */
			if (strcmp(m[j].presence, "away") != 0 && (m[j].idle ||
			    m[j].seen < now - presence_away_after()))
				tmpl_set(r, pool_printf(&r->pool, "%s.Idle", mb), "1");
			tmpl_set(r, pool_printf(&r->pool, "%s.Since", mb),
			    m[j].since ? console_span(r, now - m[j].since) : NULL);
			tmpl_set(r, pool_printf(&r->pool, "%s.SinceAt", mb),
			    ui_time(r, m[j].since));
			tmpl_set(r, pool_printf(&r->pool, "%s.Hand", mb), LF(r, "board.hand", hand,
			    m[j].chat_limit));
			if (m[j].offered > 0)
				tmpl_set(r, pool_printf(&r->pool, "%s.Offered", mb), LF(r, "board.offered",
				    m[j].offered));
			if (hand >= m[j].chat_limit)
				tmpl_set(r, pool_printf(&r->pool, "%s.Full", mb), "1");
		}
	}
	tmpl_set(r, "Page.Title", L(r, "board.title"));
	tmpl_set(r, "Nav", "board");
	tmpl_render(r, rs, "board.cs");
}
