/*
 * json.c: reads a JSON document into flat "path = value" fields, the same
 * shape wx_parse gives for XML: {"a":{"b":[1,"x"]}} becomes a.b.0 = 1 and
 * a.b.1 = x. Enough for WeChat's API answers and requests; strict RFC 8259
 * syntax, bounded depth, \u escapes (with surrogate pairs) decoded to UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct jp {
	struct pool      *p;
	const char       *s, *e;
	struct wx_field **tail;
	int               count;
};

static void
ws(struct jp *j)
{
	while (j->s < j->e && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r'))
		j->s++;
}

static int
hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		*v <<= 4;
		if (c >= '0' && c <= '9') *v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') *v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') *v |= (unsigned)(c - 'A' + 10);
		else return -1;
	}
	return 0;
}

static void
put_utf8(struct buf *b, unsigned c)
{
	char o[4];

	if (c < 0x80) { o[0] = (char)c; buf_append(b, o, 1); }
	else if (c < 0x800) { o[0] = (char)(0xc0 | c >> 6); o[1] = (char)(0x80 | (c & 63)); buf_append(b, o, 2); }
	else if (c < 0x10000) { o[0] = (char)(0xe0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 63));
		o[2] = (char)(0x80 | (c & 63)); buf_append(b, o, 3); }
	else { o[0] = (char)(0xf0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 63));
		o[2] = (char)(0x80 | (c >> 6 & 63)); o[3] = (char)(0x80 | (c & 63)); buf_append(b, o, 4); }
}

/* A string after its opening quote; returns it in the pool or NULL. */
static char *
str(struct jp *j)
{
	struct buf b = { 0 };
	char      *r = NULL;

	while (j->s < j->e) {
		unsigned char c = (unsigned char)*j->s++;
		if (c == '"') {
			r = pool_strndup(j->p, b.data ? b.data : "", b.len);
			break;
		}
		if (c < 0x20)
			break;
		if (c != '\\') {
			buf_append(&b, &c, 1);
			continue;
		}
		if (j->s >= j->e)
			break;
		c = (unsigned char)*j->s++;
		switch (c) {
		case '"': case '\\': case '/': buf_append(&b, &c, 1); continue;
		case 'b': buf_putc(&b, '\b'); continue;
		case 'f': buf_putc(&b, '\f'); continue;
		case 'n': buf_putc(&b, '\n'); continue;
		case 'r': buf_putc(&b, '\r'); continue;
		case 't': buf_putc(&b, '\t'); continue;
		case 'u': {
			unsigned v, lo;
			if (j->e - j->s < 4 || hex4(j->s, &v) != 0)
				goto bad;
			j->s += 4;
			if (v >= 0xd800 && v <= 0xdbff) {
				if (j->e - j->s < 6 || j->s[0] != '\\' || j->s[1] != 'u' ||
				    hex4(j->s + 2, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff)
					goto bad;
				j->s += 6;
				v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
			} else if (v >= 0xdc00 && v <= 0xdfff)
				goto bad;
			if (v == 0)
				goto bad;	/* NUL cannot live in a C string */
			put_utf8(&b, v);
			continue;
		}
		default:
			goto bad;
		}
	}
bad:
	buf_free(&b);
	return r;
}

static int value(struct jp *j, const char *path, int depth);

static void
emit(struct jp *j, const char *path, const char *v)
{
	struct wx_field *f = pool_alloc(j->p, sizeof *f);

	f->name = path;
	f->value = v;
	*j->tail = f;
	j->tail = &f->next;
}

static const char *
child(struct jp *j, const char *path, const char *k)
{
	return *path ? pool_printf(j->p, "%s.%s", path, k) : pool_strdup(j->p, k);
}

static int
value(struct jp *j, const char *path, int depth)
{
	ws(j);
	if (j->s >= j->e || depth > 16 || ++j->count > 10000)
		return -1;
	if (*j->s == '{') {
		j->s++;
		ws(j);
		if (j->s < j->e && *j->s == '}') { j->s++; return 0; }
		for (;;) {
			char *k;
			ws(j);
			if (j->s >= j->e || *j->s++ != '"' || (k = str(j)) == NULL)
				return -1;
			ws(j);
			if (j->s >= j->e || *j->s++ != ':')
				return -1;
			if (value(j, child(j, path, k), depth + 1) != 0)
				return -1;
			ws(j);
			if (j->s < j->e && *j->s == ',') { j->s++; continue; }
			if (j->s < j->e && *j->s == '}') { j->s++; return 0; }
			return -1;
		}
	}
	if (*j->s == '[') {
		int i = 0;
		j->s++;
		ws(j);
		if (j->s < j->e && *j->s == ']') { j->s++; return 0; }
		for (;; i++) {
			char idx[16];
			snprintf(idx, sizeof idx, "%d", i);
			if (value(j, child(j, path, idx), depth + 1) != 0)
				return -1;
			ws(j);
			if (j->s < j->e && *j->s == ',') { j->s++; continue; }
			if (j->s < j->e && *j->s == ']') { j->s++; return 0; }
			return -1;
		}
	}
	if (*j->s == '"') {
		char *v;
		j->s++;
		if ((v = str(j)) == NULL)
			return -1;
		emit(j, path, v);
		return 0;
	}
	/* literals and numbers, kept as their text */
	const char *st = j->s;
	if ((size_t)(j->e - st) >= 4 && (memcmp(st, "true", 4) == 0 || memcmp(st, "null", 4) == 0))
		j->s += 4;
	else if ((size_t)(j->e - st) >= 5 && memcmp(st, "false", 5) == 0)
		j->s += 5;
	else {
		if (j->s < j->e && *j->s == '-') j->s++;
		if (j->s >= j->e || *j->s < '0' || *j->s > '9') return -1;
		if (*j->s == '0') j->s++;
		else while (j->s < j->e && *j->s >= '0' && *j->s <= '9') j->s++;
		if (j->s < j->e && *j->s == '.') {
			j->s++;
			if (j->s >= j->e || *j->s < '0' || *j->s > '9') return -1;
			while (j->s < j->e && *j->s >= '0' && *j->s <= '9') j->s++;
		}
		if (j->s < j->e && (*j->s == 'e' || *j->s == 'E')) {
			j->s++;
			if (j->s < j->e && (*j->s == '+' || *j->s == '-')) j->s++;
			if (j->s >= j->e || *j->s < '0' || *j->s > '9') return -1;
			while (j->s < j->e && *j->s >= '0' && *j->s <= '9') j->s++;
		}
	}
	emit(j, path, pool_strndup(j->p, st, (size_t)(j->s - st)));
	return 0;
}

int
json_parse(struct pool *p, const char *s, size_t n, struct wx_field **out)
{
	struct jp j = { p, s, s + n, out, 0 };

	*out = NULL;
	if (s == NULL || n == 0 || n > 16 * 1024 * 1024)
		return -1;
	if (value(&j, "", 0) != 0)
		goto bad;
	ws(&j);
	if (j.s != j.e)
		goto bad;
	return 0;
bad:
	*out = NULL;
	return -1;
}
