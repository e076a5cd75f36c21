/*
 * notice.c: reaching a follower when no window is open (053): template
 * messages and subscription notices, their fields' rules (shared with the
 * simulator), a send queued with its credit or its day's quota in one
 * transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "notice.h"
#include "wx.h"

/* the type of a field's key: its letters before the trailing digits */
static size_t
key_type(const char *key, char *out, size_t max)
{
	size_t n = strlen(key);

	while (n > 0 && key[n - 1] >= '0' && key[n - 1] <= '9')
		n--;
	if (n >= max)
		n = max - 1;
	memcpy(out, key, n);
	out[n] = '\0';
	return n;
}

size_t
notice_fields(struct pool *p, const char *content, struct notice_field *out, size_t max)
{
	size_t      n = 0;
	const char *s = content ? content : "", *line = s;

	while (n < max && (s = strstr(s, "{{")) != NULL) {
		const char *end = strstr(s + 2, ".DATA}}");
		const char *nl;
		size_t      klen;
		if (end == NULL)
			break;
		klen = (size_t)(end - (s + 2));
		/* the line the field is on: its label is what precedes it there */
		for (nl = line; (nl = strchr(line, '\n')) != NULL && nl < s; line = nl + 1)
			;
		if (klen > 0 && klen <= NOTICE_KEY_MAX && strspn(s + 2,
		    "abcdefghijklmnopqrstuvwxyz_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") >= klen) {
			char *key = pool_strndup(p, s + 2, klen);
			if (strcmp(key, "first") != 0 && strcmp(key, "remark") != 0) {
				const char *from = line;
				/* (another field earlier on the line: the label starts after it) */
				const char *prev = line;
				while ((prev = strstr(prev, "}}")) != NULL && prev < s)
					from = prev += 2;
				char *label = pool_strndup(p, from, (size_t)(s - from));
				size_t ll = strlen(label);
				while (ll > 0 && (label[ll - 1] == ' ' || label[ll - 1] == '\t'))
					label[--ll] = '\0';
				out[n].key = key;
				out[n].label = label + strspn(label, " \t");
				n++;
			}
		}
		s = end + 7;
	}
	return n;
}

/* the next code point of *s (advanced), or -1 for bad UTF-8 */
static long
next_cp(const unsigned char **s)
{
	const unsigned char *c = *s;
	long                 cp;
	int                  more;

	if (c[0] < 0x80)
		cp = c[0], more = 0;
	else if ((c[0] & 0xe0) == 0xc0)
		cp = c[0] & 0x1f, more = 1;
	else if ((c[0] & 0xf0) == 0xe0)
		cp = c[0] & 0x0f, more = 2;
	else if ((c[0] & 0xf8) == 0xf0)
		cp = c[0] & 0x07, more = 3;
	else
		return -1;
	for (int i = 1; i <= more; i++) {
		if ((c[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (c[i] & 0x3f);
	}
	*s = c + 1 + more;
	return cp;
}

/* 1 for an emoji, a pictograph, or what joins them */
static int
emoji(long cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
	    (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D || cp == 0x20E3;
}

/* 1 when every byte of v is in set */
static int
only(const char *v, const char *set)
{
	return strspn(v, set) == strlen(v);
}

#define DIGITS  "0123456789"
#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define SYMBOLS "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

const char *
notice_value_invalid(const char *key, const char *value, int *limit)
{
	char                 type[NOTICE_KEY_MAX + 1];
	const unsigned char *s = (const unsigned char *)(value ? value : "");
	size_t               chars = 0;
	int                  ascii = 1, digit = 0;

	*limit = 200;
	if (*s == '\0')
		return "notice.value_empty";
	while (*s) {
		long cp = next_cp(&s);
		if (cp < 0)
			return "notice.value_bad";
		if (cp == '\n' || cp == '\r')
			return "notice.value_line";
		if (emoji(cp))
			return "notice.value_emoji";
		ascii &= cp < 0x80;
		digit |= cp >= '0' && cp <= '9';
		chars++;
	}
	key_type(key, type, sizeof type);
	if (strcmp(type, "thing") == 0)
		*limit = 20;
	else if (strcmp(type, "number") == 0) {
		*limit = 32;
		if (!only(value, DIGITS ".-"))
			return "notice.value_number";
	} else if (strcmp(type, "letter") == 0) {
		*limit = 32;
		if (!only(value, LETTERS))
			return "notice.value_letter";
	} else if (strcmp(type, "symbol") == 0) {
		*limit = 5;
		if (!only(value, SYMBOLS))
			return "notice.value_symbol";
	} else if (strcmp(type, "character_string") == 0) {
		*limit = 32;
		if (!only(value, DIGITS LETTERS SYMBOLS))
			return "notice.value_string";
	} else if (strcmp(type, "time") == 0 || strcmp(type, "date") == 0) {
		*limit = 32;
		if (!digit)
			return "notice.value_time";
	} else if (strcmp(type, "amount") == 0) {
		*limit = 20;
		if (!digit)
			return "notice.value_amount";
	} else if (strcmp(type, "phone_number") == 0) {
		*limit = 17;
		if (!only(value, DIGITS "+- "))
			return "notice.value_phone";
	} else if (strcmp(type, "car_number") == 0)
		*limit = 8;
	else if (strcmp(type, "name") == 0)
		*limit = ascii ? 20 : 10;
	else if (strcmp(type, "phrase") == 0)
		*limit = 5;
	if (chars > (size_t)*limit)
		return "notice.value_long";
	return NULL;
}

char *
notice_render(struct pool *p, const char *title, const char *content, json_t *data)
{
	struct buf  b = { 0 };
	const char *s = content ? content : "";
	char       *r;

	buf_puts(&b, title ? title : "");
	while (*s) {
		size_t      len = strcspn(s, "\n");
		char       *line = pool_strndup(p, s, len);
		struct buf  l = { 0 };
		const char *x = line;
		int         dropped = 0;

		while (*x) {
			const char *open = strstr(x, "{{"), *end;
			if (open == NULL || (end = strstr(open, ".DATA}}")) == NULL) {
				buf_puts(&l, x);
				break;
			}
			buf_append(&l, x, (size_t)(open - x));
			char *key = pool_strndup(p, open + 2, (size_t)(end - open - 2));
			if (strcmp(key, "first") == 0 || strcmp(key, "remark") == 0)
				dropped = 1;
			else {
				json_t *v = json_object_get(json_object_get(data, key), "value");
				buf_puts(&l, json_is_string(v) ? json_string_value(v) : "");
			}
			x = end + 7;
		}
		if (!dropped && l.len > 0 && strspn(l.data, " \t") < l.len) {
			buf_puts(&b, "\n");
			buf_append(&b, l.data, l.len);
		}
		buf_free(&l);
		s += len;
		if (*s == '\n')
			s++;
	}
	r = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

const char *
notice_day(struct pool *p, time_t now)
{
	struct tm tm;

	wx_beijing_tm(now, &tm);
	return pool_printf(p, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

struct queue {
	long long   channel, follower, chat, user, *msg;
	const char *kind, *wx_id, *body, *fields, *day;
	time_t      now;
};

static enum dbrc
queue_step(struct pool *p, void *arg)
{
	struct queue *q = arg;
	enum dbrc     rc;

	if (strcmp(q->kind, "notice") == 0)
		rc = db_notice_credit_take(p, q->follower, q->wx_id, q->now);
	else
		rc = db_notice_quota_use(p, q->channel, q->day);
	if (rc == DB_NOTFOUND)
		return DB_CONFLICT;
	if (rc != DB_OK)
		return rc;
	return db_notice_out(p, q->channel, q->follower, q->chat, q->kind, q->body, q->fields,
	    pool_printf(p, "o:%s", rand_hex(p, 16)), q->user, (long long)q->now, q->msg);
}

enum dbrc
notice_queue(struct pool *p, long long channel, long long follower, long long chat,
    const char *kind, const char *wx_id, const char *body, const char *fields, long long user,
    long long *msg)
{
	time_t       now = wx_now();
	struct queue q = { channel, follower, chat, user, msg, kind, wx_id, body, fields,
	    notice_day(p, now), now };

	return db_txn(p, queue_step, &q);
}

enum dbrc
notice_result(struct pool *p, long long msg, const char *kind, long e, const char *msgid)
{
	time_t now = wx_now();

	enum dbrc rc;

	if (e == 0)
		return db_notice_mark_delivered(p, msg, msgid, now);
	/* (a second sender's answer for a send recorded already: nothing) */
	if ((rc = db_notice_refused(p, msg, e)) != DB_OK)
		return rc;
	if (strcmp(kind, "notice") == 0)
		return e == 43101 ? db_notice_credit_none(p, msg, now) :
		    db_notice_credit_back(p, msg, now);
	if (e == 45009)
		return db_notice_quota_spent(p, db_notice_channel_of(p, msg), now);
	return db_notice_quota_back(p, msg);
}

struct again {
	long long msg, chat;
	time_t    now;
};

static enum dbrc
again_step(struct pool *p, void *arg)
{
	struct again     *x = arg;
	struct notice_msg m;
	enum dbrc         rc = db_notice_of(p, x->msg, &m);

	if (rc != DB_OK)
		return rc;
	rc = strcmp(m.kind, "notice") == 0 ? db_notice_credit_take(p, m.follower_id, m.wx_id,
	    x->now) : db_notice_quota_use(p, m.channel_id, notice_day(p, x->now));
	if (rc == DB_NOTFOUND)
		return DB_CONFLICT;
	return rc != DB_OK ? rc : db_notice_again(p, x->msg, x->chat);
}

enum dbrc
notice_again(struct pool *p, long long msg, long long chat)
{
	struct again x = { msg, chat, wx_now() };

	return db_txn(p, again_step, &x);
}
