/*
 * json.c: JSON through libjansson, in the shapes wxdesk uses.
 *
 * In: a document becomes flat "path = value" fields, the shape wx_parse
 * gives for XML: {"a":{"b":[1,"x"]}} becomes a.b.0 = 1 and a.b.1 = x.
 * jansson checks the syntax (RFC 8259: no trailing commas, no leading
 * zeros, no lone surrogates, no NUL in strings); this file bounds the depth.
 *
 * Out: documents built with jansson (json_pack and friends) are written
 * compact, in raw UTF-8: WeChat shows \uXXXX escapes literally to users,
 * so JSON_ENSURE_ASCII is never set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define JSON_DEPTH 16	/* WeChat's answers nest 3 deep */

struct flat {
	struct pool      *p;
	struct wx_field **tail;
	int               count;
};

static void
add(struct flat *fl, const char *path, const char *value)
{
	struct wx_field *x = pool_alloc(fl->p, sizeof *x);

	x->name = pool_strdup(fl->p, path);
	x->value = pool_strdup(fl->p, value);
	x->next = NULL;
	*fl->tail = x;
	fl->tail = &x->next;
	fl->count++;
}

/* The value at path (its parts joined by '.'), depth levels down. */
static int
flatten(struct flat *fl, const char *path, json_t *v, int depth)
{
	char num[64];

	if (depth > JSON_DEPTH || fl->count > 10000)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t     *x;
		json_object_foreach(v, k, x) {
			const char *sub = *path ? pool_printf(fl->p, "%s.%s", path, k) : k;
			if (flatten(fl, sub, x, depth + 1) != 0)
				return -1;
		}
		return 0;
	}
	case JSON_ARRAY: {
		size_t  i;
		json_t *x;
		json_array_foreach(v, i, x) {
			const char *sub = *path ? pool_printf(fl->p, "%s.%zu", path, i) :
			    pool_printf(fl->p, "%zu", i);
			if (flatten(fl, sub, x, depth + 1) != 0)
				return -1;
		}
		return 0;
	}
	case JSON_STRING:
		add(fl, path, json_string_value(v));
		return 0;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		add(fl, path, num);
		return 0;
	case JSON_REAL:
		snprintf(num, sizeof num, "%.17g", json_real_value(v));
		add(fl, path, num);
		return 0;
	case JSON_TRUE:
		add(fl, path, "true");
		return 0;
	case JSON_FALSE:
		add(fl, path, "false");
		return 0;
	default:
		add(fl, path, "null");
		return 0;
	}
}

int
json_parse(struct pool *p, const char *s, size_t n, struct wx_field **out)
{
	json_error_t err;
	json_t      *doc;
	struct flat  fl = { p, out, 0 };
	int          rc;

	*out = NULL;
	if (s == NULL || n == 0 || n > 16 * 1024 * 1024)
		return -1;
	if ((doc = json_loadb(s, n, JSON_DECODE_ANY, &err)) == NULL)
		return -1;
	rc = flatten(&fl, "", doc, 0);
	json_decref(doc);
	if (rc != 0)
		*out = NULL;
	return rc;
}

json_t *
json_s(const char *s)
{
	/* values come from libxml2, the database or the program: UTF-8 already */
	return json_string_nocheck(s ? s : "");
}

void
json_put(struct buf *b, json_t *doc)
{
	char *s;

	if (doc == NULL)
		abort();	/* a json_pack format that does not match its arguments */
	s = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(doc);
	if (s == NULL)
		abort();	/* out of memory */
	buf_puts(b, s);
	free(s);
}
