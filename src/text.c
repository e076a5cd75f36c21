/* text.c: UTF-8 text: whether bytes are well-formed, how many characters. */
#include <stddef.h>

#include "wxdesk.h"

/* 1 when s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	while (p < e) {
		unsigned c = *p;
		size_t   len;
		unsigned min;
		if (c < 0x80) { p++; continue; }
		if ((c & 0xe0) == 0xc0) { len = 2; min = 0x80; c &= 0x1f; }
		else if ((c & 0xf0) == 0xe0) { len = 3; min = 0x800; c &= 0x0f; }
		else if ((c & 0xf8) == 0xf0) { len = 4; min = 0x10000; c &= 0x07; }
		else return 0;
		if ((size_t)(e - p) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

/* The characters (not bytes) of a well-formed UTF-8 string. */
size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

unsigned
utf8_at(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) { *len = 1; return s[0]; }
	if ((s[0] & 0xe0) == 0xc0 && s[1]) { *len = 2; return (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu); }
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*len = 3;
		return (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*len = 4;
		return (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 | (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
	}
	*len = 1;
	return s[0];
}

unsigned
text_fold(unsigned c)
{
	if (c >= 0xff01 && c <= 0xff5e)	/* full-width ASCII: ＡＢＣ１２３ */
		c -= 0xfee0;
	else if (c == 0x3000)	/* the ideographic space */
		c = ' ';
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)	/* À..Þ, not × */
		return c + 32;
	return c;
}

size_t
utf8_put(char *b, unsigned c)
{
	if (c < 0x80)
		return b[0] = (char)c, 1;
	if (c < 0x800)
		return b[0] = (char)(0xc0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3f)), 2;
	if (c < 0x10000)
		return b[0] = (char)(0xe0 | c >> 12), b[1] = (char)(0x80 | (c >> 6 & 0x3f)),
		    b[2] = (char)(0x80 | (c & 0x3f)), 3;
	return b[0] = (char)(0xf0 | c >> 18), b[1] = (char)(0x80 | (c >> 12 & 0x3f)),
	    b[2] = (char)(0x80 | (c >> 6 & 0x3f)), b[3] = (char)(0x80 | (c & 0x3f)), 4;
}
