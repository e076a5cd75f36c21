/* csv.c: CSV for the reports' downloads and the profanity list's export. */
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
