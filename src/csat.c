/* csat.c: asking for a rating when a chat closes, and reading the answer (see csat.h). */
#include <string.h>

#include "csat.h"

int
csat_digit(const char *text)
{
	const char *a = text, *b;

	if (text == NULL)
		return 0;
	while (*a && strchr(" \t\r\n", *a))
		a++;
	b = a + strlen(a);
	while (b > a && strchr(" \t\r\n", b[-1]))
		b--;
	if (b - a == 1 && *a >= '1' && *a <= '5')
		return *a - '0';
	/* a full-width digit, as Chinese keyboards type it: U+FF11..U+FF15 */
	if (b - a == 3 && (unsigned char)a[0] == 0xef && (unsigned char)a[1] == 0xbc &&
	    (unsigned char)a[2] >= 0x91 && (unsigned char)a[2] <= 0x95)
		return (unsigned char)a[2] - 0x90;
	return 0;
}
