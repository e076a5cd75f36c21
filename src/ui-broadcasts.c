/*
 * ui-broadcasts.c: the Broadcasts page (Console → Broadcasts, supervisors
 * and administrators): an account's broadcasts and their results, a form to
 * send a text to a tag or to every follower, with how many of each
 * audience can still receive one this month, and a preview to one
 * follower's phone first (broadcast.h).
 */
#include <stdlib.h>
#include <string.h>

#include "broadcast.h"
#include "json.h"
#include "qr.h"
#include "tags.h"
#include "ui-console.h"
#include "ui.h"

static const char *
v_audience(const char *v)
{
	return strcmp(v, "all") == 0 || strcmp(v, "list") == 0 || v_id(v) == NULL ? NULL :
	    "bc.audience_bad";
}

static const char *
v_content(const char *v)
{
	const char *e = v_text(v);

	return e ? e : utf8_chars(v) > BROADCAST_TEXT_MAX ? "bc.too_long" : NULL;
}

static const char *
v_openid(const char *v)
{
	size_t n = strlen(v);

	return n >= 4 && n <= 64 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == n ? NULL : "bc.openid_bad";
}

/* OpenIDs, one a line (or separated by spaces or commas) */
static const char *
v_openids(const char *v)
{
	return strlen(v) <= (size_t)BROADCAST_LIST_MAX * 66 && strspn(v,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ ,\t\r\n") ==
	    strlen(v) ? NULL : "bc.openids_bad";
}

static const struct field send_fields[] = {
	{ "account", "bc.account", F_REQUIRED, v_id },
	{ "audience", "bc.audience", F_REQUIRED, v_audience },
	{ "content", "bc.content", F_REQUIRED, v_content },
	{ "openids", "bc.openids", F_OPTIONAL, v_openids },
};
static const struct field preview_fields[] = {
	{ "account", "bc.account", F_REQUIRED, v_id },
	{ "content", "bc.content", F_REQUIRED, v_content },
	{ "openid", "bc.openid", F_REQUIRED, v_openid },
};

/* each audience of the account with its reach this month (Audiences.N) */
static int
audiences(struct req *r, long long channel, const char *month)
{
	struct broadcast_reach all;
	struct broadcast_tag  *t = NULL;
	size_t                 n = 0;

	if (db_broadcast_reach(&r->pool, channel, 0, month, &all) != DB_OK ||
	    db_broadcast_tags(&r->pool, channel, &t, &n) != DB_OK)
		return -1;
	tmpl_set(r, "Audiences.0.Value", "all");
	tmpl_set(r, "Audiences.0.Name", LF(r, "bc.everyone", all.audience, all.reachable));
	for (size_t i = 0; i < n; i++) {
		/* (one to a tag does not count toward the month's 4) */
		tmpl_set_int(r, pool_printf(&r->pool, "Audiences.%zu.Value", i + 1), t[i].id);
		tmpl_set(r, pool_printf(&r->pool, "Audiences.%zu.Name", i + 1), LF(r,
		    "bc.tag_reach", t[i].name, t[i].audience));
	}
	return 0;
}

/* a broadcast's result in words */
static const char *
outcome(struct req *r, const struct broadcast *b)
{
	if (strcmp(b->state, "failed") == 0)
		return LF(r, "bc.refused", ui_errtext(r, b->wx_errcode));
	if (strcmp(b->state, "queued") == 0 && b->wx_errcode)
		return LF(r, "bc.waiting", ui_errtext(r, b->wx_errcode));
	if (strcmp(b->state, "sent") == 0 && b->status && b->total_count >= 0)
		return LF(r, "bc.finished", b->status, b->sent_count, b->total_count,
		    b->filter_count, b->error_count);
	return L(r, pool_printf(&r->pool, "bc.state_%s", b->state));
}

static void
page(struct req *r, struct resp *rs, long long asked, int status)
{
	long long         channel = console_pick_account(r, rs, asked);
	struct broadcast *b = NULL;
	size_t            n = 0;
	const char       *month = broadcast_month(&r->pool, wx_now());

	if (channel < 0)
		return;
	tmpl_set(r, "Nav", "broadcasts");
	tmpl_set(r, "Page.Title", L(r, "bc.title"));
	tmpl_set_int(r, "Filter.Account", channel);
	tmpl_set(r, "MonthLine", LF(r, "bc.month_line", BROADCAST_MONTH_MAX));
	if (channel > 0 && (audiences(r, channel, month) != 0 ||
	    db_broadcasts(&r->pool, channel, &b, &n) != DB_OK)) {
		ui_db_failed(r, rs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *base = pool_printf(&r->pool, "Broadcasts.%zu", i);
#define SET(k, v) tmpl_set(r, pool_printf(&r->pool, "%s." k, base), (v))
		tmpl_set_int(r, pool_printf(&r->pool, "%s.Id", base), b[i].id);
		SET("Kind", b[i].kind);
		SET("To", strcmp(b[i].kind, "preview") == 0 ? LF(r, "bc.to_preview", b[i].preview_to) :
		    b[i].to_list ? L(r, "bc.to_list") : b[i].tag ? LF(r, "bc.to_tag", b[i].tag) :
		    L(r, "bc.to_all"));
		SET("Content", b[i].content);
		SET("State", b[i].state);
		SET("Outcome", outcome(r, &b[i]));
		SET("Reach", strcmp(b[i].kind, "send") == 0 ? LF(r, "bc.reach", b[i].reachable,
		    b[i].audience) : NULL);
		SET("When", ui_time(r, b[i].created_at));
		SET("Author", b[i].author);
#undef SET
	}
	tmpl_render(r, rs, "broadcasts.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
console_broadcasts_get(struct req *r, struct resp *rs)
{
	const char *a = req_arg(r, "account");

	page(r, rs, a && v_id(a) == NULL ? atoll(a) : 0, 200);
}

/* the account of a form, if the user may see it (0: not) */
static long long
account_of(struct req *r, struct resp *rs, const char *v)
{
	long long want = form_ll(v), got = console_pick_account(r, rs, want);

	return got == want ? got : got < 0 ? -1 : 0;
}

/* the OpenIDs typed for a broadcast to a list, as a JSON array; NULL after
 * saying beside the field what is wrong (fewer than 2, more than 10,000) */
static const char *
openid_list(struct req *r, const char *v)
{
	json_t     *a = json_array();
	struct buf  b = { 0 };
	const char *s = v ? v : "", *out;

	while (*s) {
		size_t n;
		s += strspn(s, " ,\t\r\n");
		if ((n = strcspn(s, " ,\t\r\n")) == 0)
			break;
		if (n <= 64)
			json_array_append_new(a, json_stringn(s, n));
		s += n;
	}
	if (json_array_size(a) < BROADCAST_LIST_MIN || json_array_size(a) > BROADCAST_LIST_MAX) {
		json_decref(a);
		form_error(r, "openids", LF(r, "bc.openids_count", BROADCAST_LIST_MIN,
		    BROADCAST_LIST_MAX));
		return NULL;
	}
	json_put(&b, a);
	out = pool_strdup(&r->pool, b.data);
	buf_free(&b);
	return out;
}

/* a broadcast form read (its first field the account): the account, if the
 * user may see it; else 0 after answering (the form again, or 403), or -1 */
static long long
form_account(struct req *r, struct resp *rs, const struct field *f, size_t n, const char **v)
{
	long long channel;

	form_trim(r);
	if (form_read(r, f, n, v)) {
		page(r, rs, v[0] ? form_ll(v[0]) : 0, 422);
		return 0;
	}
	if ((channel = account_of(r, rs, v[0])) == 0)
		page_error(r, rs, 403, 0, L(r, "bc.not_yours"));
	return channel;
}

/* POST /console/broadcasts: a text to a tag, to everyone or to a list, queued now */
void
console_broadcast_post(struct req *r, struct resp *rs)
{
	const char            *v[4], *list = NULL;
	long long              channel, tag, id;
	struct broadcast_reach x;
	enum dbrc              rc;

	if ((channel = form_account(r, rs, send_fields, sizeof send_fields /
	    sizeof send_fields[0], v)) <= 0)
		return;
	tag = strcmp(v[1], "all") == 0 || strcmp(v[1], "list") == 0 ? 0 : form_ll(v[1]);
	if (strcmp(v[1], "list") == 0 && (list = openid_list(r, v[3])) == NULL) {
		page(r, rs, channel, 422);
		return;
	}
	rc = list ? db_broadcast_reach_list(&r->pool, channel, list, broadcast_month(&r->pool,
	    wx_now()), &x) : db_broadcast_reach(&r->pool, channel, tag, broadcast_month(&r->pool,
	    wx_now()), &x);
	if (rc == DB_OK && (x.audience == 0 || (tag == 0 && !list && x.reachable == 0))) {
		/* nobody, or (to everyone) WeChat would filter every one of them:
		 * a broadcast wasted */
		form_error(r, "audience", x.audience ? LF(r, "bc.wasted", BROADCAST_MONTH_MAX) :
		    L(r, "bc.nobody"));
		page(r, rs, channel, 409);
		return;
	}
	if (rc == DB_OK && (tag || list))
		x.reachable = x.audience;	/* not counted toward the month's 4 */
	if (rc == DB_OK && tag && db_qr_tag_of(&r->pool, channel, tag) != 1)
		rc = DB_NOTFOUND;	/* not one of the account's tags */
	if (rc == DB_OK && list)
		rc = db_broadcast_queue_list(&r->pool, channel, list, v[2], x.audience, x.reachable,
		    r->user->id, wx_now(), &id);
	else if (rc == DB_OK)
		rc = db_broadcast_queue(&r->pool, channel, "send", tag, 0, v[2], x.audience,
		    x.reachable, wx_now(), r->user->id, wx_now(), &id);
	/* (DB_NOTFOUND: the tag is not the account's) */
	ui_saved(r, rs, rc == DB_NOTFOUND ? (int)rc : ui_wrote(rc), rc == DB_NOTFOUND ? "tag" :
	    "broadcast", rc != DB_OK ? NULL :
	    LF(r, "bc.queued", x.reachable),
	    pool_printf(&r->pool, "/console/broadcasts?account=%lld", channel));
}

/* POST /console/broadcasts/preview: the text on one follower's phone first */
void
console_broadcast_preview_post(struct req *r, struct resp *rs)
{
	const char *v[3];
	long long   channel, follower, id;
	enum dbrc   rc;

	if ((channel = form_account(r, rs, preview_fields, sizeof preview_fields /
	    sizeof preview_fields[0], v)) <= 0)
		return;
	if ((follower = db_broadcast_follower(&r->pool, channel, v[2])) <= 0) {
		form_error(r, "openid", L(r, "bc.openid_unknown"));
		page(r, rs, channel, 422);
		return;
	}
	rc = db_broadcast_queue(&r->pool, channel, "preview", 0, follower, v[1], 1, 1, wx_now(),
	    r->user->id, wx_now(), &id);
	ui_saved(r, rs, ui_wrote(rc), "broadcast", L(r, "bc.previewing"),
	    pool_printf(&r->pool, "/console/broadcasts?account=%lld", channel));
}

/* POST /console/broadcasts/<id>/cancel?account=: one not sent yet */
void
console_broadcast_cancel_post(struct req *r, struct resp *rs)
{
	const char *a = req_arg(r, "account");
	long long   want = a && v_id(a) == NULL ? atoll(a) : 0;
	long long   channel = console_pick_account(r, rs, want);

	if (channel < 0)
		return;
	if (channel != want) {	/* not an account the user may see */
		page_error(r, rs, 403, 0, L(r, "bc.not_yours"));
		return;
	}
	ui_saved(r, rs, db_broadcast_cancel(&r->pool, channel, r->ids[0]), "broadcast",
	    L(r, "bc.cancelled"), pool_printf(&r->pool, "/console/broadcasts?account=%lld",
	    channel));
}
