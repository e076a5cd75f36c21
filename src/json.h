/* json.h: JSON in and out through libjansson (see json.c). */
#ifndef WXDESK_JSON_H
#define WXDESK_JSON_H

#include <jansson.h>

#include "wx.h"

/* 0 and *out filled (use wx_get), or -1 for anything that is not JSON. */
int json_parse(struct pool *p, const char *s, size_t n, struct wx_field **out);

/* A string value for json_pack's "o": NULL becomes "". */
json_t *json_s(const char *s);
/* Appends doc to b, compact, in raw UTF-8, and releases doc. */
void json_put(struct buf *b, json_t *doc);

#endif
