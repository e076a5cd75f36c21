/* csv.c: CSV out (reports, lists) and in (the profanity list, the bot's rules). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wxdesk.h"

/*
 * One CSV cell (RFC 4180). A cell with a comma, quote or line break is
 * quoted, quotes doubled; one that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is quoted and
 * prefixed with an apostrophe, so it shows as text.
 */
void
csv_cell(struct buf *b, const char *s)
{
	int formula = s && strchr("=+-@\t\r", s[0]) && s[0];
	int quote = formula || (s && s[strcspn(s, ",\"\r\n")]);

	if (s == NULL)
		return;
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
}

/*
 * Reads one record (RFC 4180) from [*s, end) into at most max fields (pool
 * strings, trimmed of spaces; a leading byte-order mark dropped): quoted
 * fields may hold commas, doubled quotes and line breaks. Advances *s past
 * the record's line break; returns the number of fields (0 at the end).
 */
int
csv_record(struct pool *p, const char **s, const char *end, char **fields, int max)
{
	const char *c = *s;
	int         n = 0;

	if (c >= end)
		return 0;
	if (end - c >= 3 && memcmp(c, "\xef\xbb\xbf", 3) == 0)
		c += 3;
	for (;;) {
		struct buf b = { 0 };
		while (c < end && (*c == ' ' || *c == '\t'))
			c++;
		if (c < end && *c == '"') {
			for (c++; c < end; c++) {
				if (*c == '"' && c + 1 < end && c[1] == '"')
					buf_putc(&b, '"'), c++;
				else if (*c == '"') {
					c++;
					break;
				} else
					buf_putc(&b, *c);
			}
			while (c < end && *c != ',' && *c != '\n')
				c++;	/* anything after the closing quote is dropped */
		} else
			while (c < end && *c != ',' && *c != '\n')
				buf_putc(&b, *c++);
		if (n < max) {
			char  *v = pool_strndup(p, b.data ? b.data : "", b.len);
			size_t e = strlen(v);
			while (e && strchr(" \t\r", v[e - 1]))
				v[--e] = '\0';
			fields[n] = v;
		}
		n++;
		buf_free(&b);
		if (c < end && *c == ',') {
			c++;
			continue;
		}
		if (c < end)
			c++;	/* the line break */
		break;
	}
	*s = c;
	return n < max ? n : max;
}

/*
 * A CSV download begins: status 200, its type, the file name it is saved
 * under (ASCII: every caller builds it from fixed words and numbers), and
 * the UTF-8 byte-order mark, by which Excel on a Chinese Windows reads the
 * file as UTF-8 rather than as GBK (wxdesk's own imports skip it).
 */
void
csv_begin(struct resp *rs, const char *filename)
{
	char cd[256];

	buf_reset(&rs->body);
	rs->status = 200;
	rs->ctype = "text/csv; charset=utf-8";
	snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", filename);
	resp_header(rs, "Content-Disposition", cd);
	buf_puts(&rs->body, CSV_BOM);
}

/* one CSV line from the given cells (NULL ends the list) */
void
csv_line(struct buf *b, const char *first, ...)
{
	va_list     ap;
	const char *c = first;

	va_start(ap, first);
	for (int i = 0; c != NULL; i++, c = va_arg(ap, const char *)) {
		if (i)
			buf_putc(b, ',');
		csv_cell(b, c);
	}
	va_end(ap);
	buf_puts(b, "\r\n");
}
