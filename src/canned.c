/* canned.c: a canned response's checks: its shortcut, its text and its category (see console.h). */
#include <ctype.h>
#include <string.h>

#include "console.h"

const char *
v_shortcut(const char *v)
{
	v += *v == '/';
	if (!utf8_valid(v, strlen(v)) || utf8_chars(v) < 1 || utf8_chars(v) > 32)
		return "v.shortcut";
	for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
		if (*c < 0x80 && !isalnum(*c) && *c != '-' && *c != '_')
			return "v.shortcut";
		/* nor Chinese punctuation or the wide space: U+3000-303F, and the
		 * full-width forms' punctuation (，；？！ U+FF01-FF0F, FF1A-FF20) */
		if (c[0] == 0xe3 && c[1] == 0x80)
			return "v.shortcut";
		if (c[0] == 0xef && c[1] == 0xbc && ((c[2] >= 0x80 && c[2] <= 0x8f) ||
		    (c[2] >= 0x9a && c[2] <= 0xa0)))
			return "v.shortcut";
	}
	return NULL;
}

const char *
v_canned_text(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	if (utf8_chars(v) > 2000)
		return "v.message_max";
	return NULL;
}

const char *
v_category(const char *v)
{
	const char *e = v_line(v);

	return e != NULL ? e : utf8_chars(v) > 40 ? "v.category_max" : NULL;
}
