/* tell.c: what a follower is told when their chat enters the queue (see tell.h). */
#include <stdlib.h>
#include <string.h>

#include "hours.h"
#include "assign.h"
#include "tell.h"

const char *const tell_names[TELL__N] = { "offhours", "queued", "nobody", "leave_offer",
	"leave_done" };

static const char *const keys[TELL__N] = { "follower.offhours", "follower.queued",
	"follower.nobody", "follower.leave_offer", "follower.leave_done" };

/* the values a text may take, in braces: only the queue text takes any */
static const char *const queued_values[] = { "{position}", "{wait}" };

/* how far back the expected wait looks: the pick-ups of the last hours */
#define WAIT_LOOKBACK (3 * 3600)
/* a brand's own text, in characters: the whole answer fits one message */
#define TEXT_MAX 500

const char *
tell_default(enum lang l, enum tell_text t)
{
	return lang_text(l, keys[t]);
}

static void
defaults(enum lang l, struct tell_texts *out)
{
	memset(out, 0, sizeof *out);
	out->lang = l;
	for (int t = 0; t < TELL__N; t++)
		out->text[t] = tell_default(l, (enum tell_text)t);
}

/* a text of the brand's own (kind, body) over the default */
static void
own(struct pool *p, const char *kind, const char *body, struct tell_texts *out)
{
	for (int t = 0; t < TELL__N; t++)
		if (kind && strcmp(kind, tell_names[t]) == 0 && body && *body) {
			out->text[t] = pool_strdup(p, body);
			out->own[t] = 1;
		}
}

int
tell_load(struct pool *p, long long brand, enum lang l, struct tell_texts *out)
{
	struct tell_own *rows;
	size_t           n;

	defaults(l, out);
	if (db_tell_texts(p, brand, &rows, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++)
		own(p, rows[i].kind, rows[i].body, out);
	return 0;
}

int
tell_load_channel(struct pool *p, long long channel, struct tell_texts *out)
{
	struct tell_channel_own *rows;
	size_t                   n;
	int                      l;

	if (db_tell_channel_texts(p, channel, &rows, &n) != DB_OK)
		return -1;
	l = n ? lang_parse(rows[0].lang) : -1;
	defaults(l >= 0 ? (enum lang)l : LANG_ZH, out);
	for (size_t i = 0; i < n; i++)
		own(p, rows[i].kind, rows[i].body, out);
	return 0;
}

const char *
tell_invalid(enum tell_text t, const char *text)
{
	if (text == NULL || *text == '\0')
		return NULL;
	if (!utf8_valid(text, strlen(text)))
		return "v.utf8";
	if (utf8_chars(text) > TEXT_MAX)
		return "v.follower_text_max";
	for (const char *s = text; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n' && *s != '\r' && *s != '\t') || *s == 0x7f)
			return "v.follower_text_control";
	/* every {…} must be one this text fills in */
	for (const char *s = strchr(text, '{'); s; s = strchr(s + 1, '{')) {
		int known = 0;
		for (size_t i = 0; t == TELL_QUEUED && i < sizeof queued_values / sizeof queued_values[0]; i++)
			if (strncmp(s, queued_values[i], strlen(queued_values[i])) == 0)
				known = 1;
		if (!known)
			return t == TELL_QUEUED ? "v.follower_queued_values" : "v.follower_no_values";
	}
	return NULL;
}

const char *
v_tell_text(const char *v)
{
	return tell_invalid(TELL_OFFHOURS, v);
}

const char *
v_tell_queued(const char *v)
{
	return tell_invalid(TELL_QUEUED, v);
}

const char *
v_leave_after(const char *v)
{
	return form_int_in(v, 1, 1440) ? NULL : "v.leave_after";
}

const char *
v_queue_limit(const char *v)
{
	return form_int_in(v, 1, 1000) ? NULL : "v.queue_limit";
}

struct save {
	long long          brand;
	const char *const *text;
};

static enum dbrc
save_step(struct pool *p, void *arg)
{
	const struct save *x = arg;
	enum dbrc          rc = DB_OK;

	for (int t = 0; t < TELL__N && rc == DB_OK; t++)
		rc = x->text[t] && *x->text[t] ?
		    db_tell_text_set(p, x->brand, tell_names[t], x->text[t], (long long)wx_now()) :
		    db_tell_text_clear(p, x->brand, tell_names[t]);
	return rc;
}

enum dbrc
tell_save(struct pool *p, long long brand, const char *const text[TELL__N])
{
	struct save x = { brand, text };

	return db_txn(p, save_step, &x);
}

const char *
tell_wait(struct pool *p, enum lang l, long long seconds)
{
	struct buf  b = { 0 };
	const char *out;
	long long   m;

	if (seconds < 0)
		return lang_text(l, "follower.wait_unknown");
	if (seconds < 60)
		return lang_text(l, "follower.wait_under_minute");
	m = (seconds + 59) / 60;	/* a minute begun is a minute */
	if (m >= 90)
		m = (m + 30) / 60 * 60;	/* whole hours */
	buf_printf(&b, lang_text(l, "follower.wait_about"), minutes_text(p, l, m));
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* text with every name replaced by its value */
static const char *
fill(struct pool *p, const char *text, const char *const *names, const char *const *values,
    size_t n)
{
	struct buf  b = { 0 };
	const char *out;

	for (const char *s = text; *s; ) {
		size_t i;
		for (i = 0; i < n; i++)
			if (strncmp(s, names[i], strlen(names[i])) == 0)
				break;
		if (i < n) {
			buf_puts(&b, values[i]);
			s += strlen(names[i]);
		} else
			buf_putc(&b, *s++);
	}
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

const char *
tell_queued(struct pool *p, const struct tell_texts *x, long long position, long long wait)
{
	const char *values[2] = { pool_printf(p, "%lld", position), tell_wait(p, x->lang, wait) };

	return fill(p, x->text[TELL_QUEUED], queued_values, values, 2);
}

enum tell_why
tell_decide(const struct tell_facts *f)
{
	if (f->closed)
		return TELL_WHY_CLOSED;
	if (f->queue_limit > 0 && f->queued > f->queue_limit)
		return TELL_WHY_LONG;
	if (f->handoff && (f->available == 0 || f->position > 1))
		return TELL_WHY_QUEUED;
	return TELL_WHY_NONE;
}

/* the median wait of the department's recent pick-ups, or -1 without any */
static long long
expected_wait(struct pool *p, long long dept, long long now, int *failed)
{
	struct tell_wait *h;
	size_t            n;
	long long         total = 0, seen = 0;

	if (db_tell_waits(p, dept, now - WAIT_LOOKBACK, &h, &n) != DB_OK) {
		*failed = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		total += h[i].n;
	for (size_t i = 0; i < n && total > 0; i++)
		if ((seen += h[i].n) >= (total + 1) / 2)
			return h[i].vbin;
	return -1;
}

/* a, then b on a line of its own (either may be NULL) */
static const char *
lines(struct pool *p, const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b;
	if (b == NULL || *b == '\0')
		return a;
	return pool_printf(p, "%s\n%s", a, b);
}

enum dbrc
tell_on_queue(struct pool *p, long long channel, long long chat, int handoff, const char *lead,
    long long now, struct tell_said *out)
{
	struct tell_facts_row f;
	struct hours_now      h;
	struct tell_facts     x;
	struct tell_texts     t;
	enum dbrc             rc;
	int                   l, failed = 0;

	memset(out, 0, sizeof *out);
	out->reply = lead;
	rc = db_tell_facts(p, chat, now - presence_away_after(), &f);
	if (rc == DB_NOTFOUND)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	rc = db_hours_now(p, channel, now, &h);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	memset(&x, 0, sizeof x);
	l = lang_parse(f.lang);
	x.brand = f.brand;
	x.lang = l >= 0 ? (enum lang)l : LANG_ZH;
	x.handoff = handoff;
	x.closed = rc == DB_OK && h.closed == 1;
	x.dept = f.dept;
	x.position = f.position;
	x.queued = f.queued;
	x.available = f.available;
	x.queue_limit = f.queue_limit;
	x.wait = -1;
	out->why = tell_decide(&x);
	out->queued = x.queued;
	out->limit = x.queue_limit;
	if (out->why == TELL_WHY_NONE)
		return DB_OK;
	if (tell_load(p, x.brand, x.lang, &t) != 0)
		return DB_FAIL;
	if (out->why == TELL_WHY_CLOSED) {
		/* the off-hours text wins over whatever the bot said */
		out->reply = lines(p, t.text[TELL_OFFHOURS], t.text[TELL_LEAVE_OFFER]);
		return DB_OK;
	}
	if (x.dept)
		x.wait = expected_wait(p, x.dept, now, &failed);
	if (failed)
		return DB_FAIL;
	out->reply = lines(p, lead, tell_queued(p, &t, x.position, x.wait));
	if (out->why == TELL_WHY_LONG)
		out->reply = lines(p, out->reply, t.text[TELL_LEAVE_OFFER]);
	return DB_OK;
}
