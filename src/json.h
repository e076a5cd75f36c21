/* json.h: JSON in, as flat path = value fields (see json.c). JSON out goes through json_str(). */
#ifndef WXDESK_JSON_H
#define WXDESK_JSON_H

#include "wx.h"

/* 0 and *out filled (use wx_get), or -1 for anything that is not JSON. */
int json_parse(struct pool *p, const char *s, size_t n, struct wx_field **out);

#endif
