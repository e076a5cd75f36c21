/* search.c: what a person typed as a query, the words found marked, and
 * each node's index caught up (see search.h). */
#include <string.h>
#include <time.h>

#include "job.h"
#include "search.h"

/* a character that separates terms: spaces, punctuation and symbols
 * (ASCII, CJK, full-width), emoji; letters, digits and ideographs do not */
static int
separates(unsigned c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_');
	return (c >= 0x2000 && c <= 0x206f) ||	/* general punctuation */
	    (c >= 0x2190 && c <= 0x2bff) ||	/* arrows, symbols, dingbats */
	    (c >= 0x3000 && c <= 0x303f) ||	/* CJK punctuation: 、。「」 */
	    (c >= 0xfe30 && c <= 0xfe4f) ||	/* CJK compatibility forms */
	    (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||	/* full-width ！，：？ */
	    c >= 0x1f000 || c == 0xa0 || c == 0xb7 || c == 0xd7;
}

/* the code point at s, folded (text_fold), and its length */
static unsigned
folded_at(const char *s, size_t *len)
{
	return text_fold(utf8_at((const unsigned char *)s, len));
}

int
search_terms(struct pool *p, const char *typed, const char ***out)
{
	const char **t = pool_alloc(p, sizeof *t * SEARCH_TERMS);
	struct buf   b = { 0 };
	size_t       len, chars = 0;
	int          n = 0;

	*out = t;
	if (typed == NULL || !utf8_valid(typed, strlen(typed)))
		return 0;
	for (const char *s = typed;; s += len) {
		unsigned c = *s ? folded_at(s, &len) : 0;
		if (c == 0 || separates(c)) {
			if (b.len > 0 && n < SEARCH_TERMS)
				t[n++] = pool_strndup(p, b.data, b.len);
			b.len = 0, chars = 0;
			if (c == 0)
				break;
			continue;
		}
		if (chars++ < SEARCH_TERM_MAX) {
			char u[4];
			buf_append(&b, u, utf8_put(u, c));
		}
	}
	buf_free(&b);
	return n;
}

const char *
search_query(struct pool *p, const char *typed)
{
	const char **t;
	int          n = search_terms(p, typed, &t);
	struct buf   b = { 0 };
	const char  *q;

	if (n == 0)
		return NULL;
	/* (a term holds no quote or backslash: they separate) */
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s+\"%s\"", i ? " " : "", t[i]);
	q = pool_strdup(p, b.data);
	buf_free(&b);
	return q;
}

/* the length in bytes of term t (folded) at s, or 0 */
static size_t
term_at(const char *s, const char *t)
{
	const char *s0 = s;
	size_t      ls, lt;

	while (*t) {
		if (*s == '\0' || folded_at(s, &ls) != utf8_at((const unsigned char *)t, &lt))
			return 0;
		s += ls, t += lt;
	}
	return (size_t)(s - s0);
}

/* the start of the character n characters before at, not before text */
static const char *
back_chars(const char *text, const char *at, size_t n)
{
	while (at > text && n > 0) {
		at--;
		if (((unsigned char)*at & 0xc0) != 0x80)
			n--;
	}
	return at;
}

/* v (n parts of *cap) with room for 3 more */
static struct search_part *
room(struct pool *p, struct search_part *v, size_t n, size_t *cap)
{
	struct search_part *w;

	if (n + 3 <= *cap)
		return v;
	w = pool_alloc(p, sizeof *w * *cap * 2);
	memcpy(w, v, sizeof *v * n);
	*cap *= 2;
	return w;
}

size_t
search_marks(struct pool *p, const char *text, const char *typed, size_t around, size_t max,
    struct search_part **out)
{
	const char        **t;
	int                 nt = search_terms(p, typed, &t);
	const char         *s, *from = text, *plain;
	size_t              len, n = 0, cap = 8, shown = 0;
	struct search_part *v = pool_alloc(p, sizeof *v * cap);

	*out = v;
	if (text == NULL || *text == '\0')
		return 0;
	/* from around characters before the first hit */
	for (s = text; *s; s += len) {
		size_t k = 0;
		for (int i = 0; i < nt && k == 0; i++)
			k = term_at(s, t[i]);
		if (k) {
			from = back_chars(text, s, around);
			break;
		}
		utf8_at((const unsigned char *)s, &len);
	}
	if (from > text)
		v[n++] = (struct search_part){ "…", 0 };
	plain = from;
	for (s = from; *s && shown < max;) {
		size_t k = 0;
		for (int i = 0; i < nt && k == 0; i++)
			k = term_at(s, t[i]);
		v = room(p, v, n, &cap);
		if (k) {
			if (s > plain)
				v[n++] = (struct search_part){ pool_strndup(p, plain, (size_t)(s - plain)), 0 };
			v[n++] = (struct search_part){ pool_strndup(p, s, k), 1 };
			shown += utf8_chars(v[n - 1].text);
			s += k, plain = s;
			continue;
		}
		utf8_at((const unsigned char *)s, &len);
		s += len, shown++;
	}
	v = room(p, v, n, &cap);
	if (s > plain)
		v[n++] = (struct search_part){ pool_strndup(p, plain, (size_t)(s - plain)), 0 };
	if (*s)
		v[n++] = (struct search_part){ "…", 0 };
	*out = v;
	return n;
}

long long
search_catch_up(struct pool *p, int batch, int back)
{
	long long added = 0, names = 0;

	if (db_search_add(p, back, batch, &added) != DB_OK ||
	    db_search_followers_add(p, back > 0, batch, &names) != DB_OK ||
	    db_search_forget_apply(p) != DB_OK)
		return -1;
	return added > names ? added : names;
}

/*
 * The worker's job: this node's index caught up (for a second at most: a
 * node that was away for long catches up over several ticks), and the
 * erasures every node has applied by now forgotten after 30 days.
 */
void
job_search(struct pool *p)
{
	double    t0 = wx_mono();
	long long added = search_catch_up(p, 10000, 5000);	/* the look back once a tick */

	for (;;) {
		if (added < 10000 || job_stopping || wx_mono() - t0 >= 1)
			break;
		added = search_catch_up(p, 10000, 0);
	}
	if (added >= 0 && wx_now() % 3600 < 5)
		(void)db_search_forget_purge(p, 30);
}
