/* kb.c: a brand's articles compared with a follower's message (see kb.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"

#define KB_WORD_MAX 32	/* characters of a Latin word kept */

/* a character of a script written without spaces */
static int
cjk(unsigned c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff) ||
	    (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

static int
latin(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xe0 && c <= 0xff && c != 0xf7);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
kb_words(struct pool *p, const char *text, const char ***out)
{
	size_t       cap = 16, n = 0, len, k;
	const char **w = pool_alloc(p, sizeof *w * cap);
	unsigned     prev = 0;	/* the CJK character before, or 0 */
	int          lone = 0;	/* prev began a run and has no pair yet */
	char         word[KB_WORD_MAX * 4 + 1], pair[9];
	size_t       wl = 0, wc = 0;
	int          digits = 0;	/* the word being read is a number */

	for (const char *s = text ? text : "";; s += len) {
		unsigned c = *s ? text_fold(utf8_at((const unsigned char *)s, &len)) : 0;
		if (n + 3 > cap) {
			const char **x = pool_alloc(p, sizeof *x * cap * 2);
			memcpy(x, w, sizeof *w * n);
			w = x, cap *= 2;
		}
		/* letters and digits are words of their own: iPhone15 is "iphone" "15" */
		if (wl > 0 && (!c || !latin(c) || (c >= '0' && c <= '9') != digits)) {
			w[n++] = pool_strndup(p, word, wl);
			wl = wc = 0;
		}
		if (c && latin(c)) {
			digits = c >= '0' && c <= '9';
			if (wc++ < KB_WORD_MAX)
				wl += utf8_put(word + wl, c);
		}
		if (c && cjk(c)) {
			if (prev) {
				k = utf8_put(pair, prev);
				k += utf8_put(pair + k, c);
				w[n++] = pool_strndup(p, pair, k);
				lone = 0;
			} else
				lone = 1;
			prev = c;
		} else {
			if (prev && lone) {
				k = utf8_put(pair, prev);
				w[n++] = pool_strndup(p, pair, k);
			}
			prev = 0, lone = 0;
		}
		if (c == 0)
			break;
	}
	qsort(w, n, sizeof *w, by_str);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(w[k - 1], w[i]) != 0)
			w[k++] = w[i];
	*out = w;
	return k;
}

/* the weight of word in k: how rare it is among the phrasings; a word no
 * phrasing has (the follower's "请问", "我想问下") says little about which
 * article is meant: half the commonest word's */
static double
weight_of(const struct kb *k, const char *word)
{
	const char **hit = bsearch(&word, k->vocab, k->nvocab, sizeof *k->vocab, by_str);

	return hit ? k->weight[hit - k->vocab] : k->unknown;
}

/* a phrasing of article added to k's docs (when it has words) */
static void
add_doc(struct pool *p, struct kb *k, size_t *cap, long long article, const char *text,
    size_t *all)
{
	struct kb_doc d = { article, NULL, 0 };

	d.nfeat = kb_words(p, text, &d.feat);
	if (d.nfeat == 0)
		return;
	if (k->ndocs == *cap) {
		struct kb_doc *x = pool_alloc(p, sizeof *x * *cap * 2);
		memcpy(x, k->docs, sizeof *x * k->ndocs);
		k->docs = x, *cap *= 2;
	}
	k->docs[k->ndocs++] = d;
	*all += d.nfeat;
}

struct kb *
kb_make(struct pool *p, long long brand, int threshold, const struct kb_article_text *a, size_t n)
{
	struct kb   *k = pool_alloc(p, sizeof *k);
	size_t       cap = n * 2 + 1, all = 0;
	const char **every;

	memset(k, 0, sizeof *k);
	k->brand = brand, k->threshold = threshold, k->narticles = n;
	k->ids = pool_alloc(p, sizeof *k->ids * (n + 1));
	k->question = pool_alloc(p, sizeof *k->question * (n + 1));
	k->answer = pool_alloc(p, sizeof *k->answer * (n + 1));
	k->picture = pool_alloc(p, sizeof *k->picture * (n + 1));
	k->docs = pool_alloc(p, sizeof *k->docs * cap);
	for (size_t i = 0; i < n; i++) {
		const char *alt = a[i].alternatives ? a[i].alternatives : "";
		k->ids[i] = a[i].id;
		k->question[i] = pool_strdup(p, a[i].question);
		k->answer[i] = pool_strdup(p, a[i].answer ? a[i].answer : "");
		k->picture[i] = a[i].picture;
		/* the question, then each phrasing, a line each */
		add_doc(p, k, &cap, a[i].id, a[i].question, &all);
		while (*alt) {
			size_t l = strcspn(alt, "\n");
			add_doc(p, k, &cap, a[i].id, pool_strndup(p, alt, l), &all);
			alt += l + (alt[l] ? 1 : 0);
		}
	}
	/* every word with the number of phrasings that have it */
	every = pool_alloc(p, sizeof *every * (all + 1));
	all = 0;
	for (size_t i = 0; i < k->ndocs; i++)
		for (size_t j = 0; j < k->docs[i].nfeat; j++)
			every[all++] = k->docs[i].feat[j];
	qsort(every, all, sizeof *every, by_str);
	k->vocab = pool_alloc(p, sizeof *k->vocab * (all + 1));
	k->weight = pool_alloc(p, sizeof *k->weight * (all + 1));
	for (size_t i = 0; i < all;) {
		size_t j = i;
		while (j < all && strcmp(every[j], every[i]) == 0)
			j++;
		k->vocab[k->nvocab] = every[i];
		k->weight[k->nvocab] = log(1.0 + (double)k->ndocs / (double)(j - i));
		if (k->nvocab == 0 || k->weight[k->nvocab] < 2 * k->unknown)
			k->unknown = k->weight[k->nvocab] / 2;
		k->nvocab++;
		i = j;
	}
	return k;
}

#define KB_SLOTS 32
static struct {
	long long   brand, version;
	struct pool pool;
	struct kb  *kb;
} slots[KB_SLOTS];

const struct kb *
kb_cached(struct pool *p, long long brand, int *failed)
{
	long long               v = db_kb_version(p, brand);
	size_t                  s = (size_t)brand % KB_SLOTS, n = 0;
	struct kb_for_channel  *rows = NULL;
	struct kb_article_text *t;

	*failed = v < 0;
	if (v < 0)
		return NULL;
	if (slots[s].brand == brand && slots[s].version == v)
		return slots[s].kb;
	if (db_kb_for_brand(p, brand, &rows, &n) != DB_OK) {
		*failed = 1;
		return NULL;
	}
	pool_free(&slots[s].pool);
	memset(&slots[s], 0, sizeof slots[s]);
	slots[s].brand = brand, slots[s].version = v;
	t = pool_alloc(p, sizeof *t * (n + 1));
	for (size_t i = 0; i < n; i++)
		t[i] = (struct kb_article_text){ rows[i].id, rows[i].question, rows[i].alternatives,
		    rows[i].answer, rows[i].picture };
	slots[s].kb = n ? kb_make(&slots[s].pool, brand, (int)rows[0].threshold, t, n) : NULL;
	return slots[s].kb;
}

size_t
kb_rank(struct pool *p, const struct kb *k, const char *text, struct kb_match *out, size_t max)
{
	const char **m;
	size_t       nm = kb_words(p, text, &m), n = 0;
	double       wm = 0;

	if (nm == 0 || k == NULL)
		return 0;
	for (size_t i = 0; i < nm; i++)
		wm += weight_of(k, m[i]);
	for (size_t d = 0; d < k->ndocs; d++) {
		const struct kb_doc *doc = &k->docs[d];
		double               both = 0, wd = 0;
		size_t               i = 0, j = 0, a;
		int                  score;
		for (size_t x = 0; x < doc->nfeat; x++)
			wd += weight_of(k, doc->feat[x]);
		while (i < nm && j < doc->nfeat) {	/* both sorted */
			int c = strcmp(m[i], doc->feat[j]);
			if (c == 0)
				both += weight_of(k, m[i]), i++, j++;
			else if (c < 0)
				i++;
			else
				j++;
		}
		score = (int)lround(200.0 * both / (wm + wd));
		if (score <= 0)
			continue;
		for (a = 0; a < k->narticles && k->ids[a] != doc->article; a++)
			;
		/* the article once, by its best phrasing, in order of score */
		size_t at = n;
		for (size_t x = 0; x < n; x++)
			if (out[x].article == doc->article) {
				at = x;
				break;
			}
		if (at < n) {
			if (out[at].score >= score)
				continue;
			memmove(&out[at], &out[at + 1], sizeof *out * (n - at - 1));
			n--;
		}
		for (at = 0; at < n && out[at].score >= score; at++)
			;
		if (at >= max)
			continue;
		if (n == max)
			n--;
		memmove(&out[at + 1], &out[at], sizeof *out * (n - at));
		out[at] = (struct kb_match){ doc->article, score, k->question[a], k->answer[a],
		    k->picture[a] };
		n++;
	}
	return n;
}

int
kb_floor(int threshold)
{
	return threshold / 3 > 10 ? threshold / 3 : 10;
}

/* text of at most max characters (else too_long), well-formed, on one line */
static const char *
kb_text(const char *v, size_t max, const char *too_long)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	if (strpbrk(v, "\r\n"))
		return "v.control";
	return utf8_chars(v) > max ? too_long : NULL;
}

const char *
v_kb_question(const char *v)
{
	return kb_text(v, 200, "v.kb_question_max");
}

const char *
v_kb_category(const char *v)
{
	return kb_text(v, 60, "v.kb_category_max");
}

const char *
v_kb_threshold(const char *v)
{
	char     *e;
	long long n = strtoll(v, &e, 10);

	return *v && *e == '\0' && n >= 1 && n <= 100 ? NULL : "v.kb_threshold";
}

/* ---- changes ---- */

struct kb_change {
	long long                     brand, *id, user, now;
	const struct kb_article_form *rows;
	int                           n;
	const char                   *what;	/* created, edited, imported, deleted */
	long long                     threshold;
};

static enum dbrc
change_step(struct pool *p, void *arg)
{
	struct kb_change *x = arg;
	enum dbrc         rc = DB_OK;

	if (strcmp(x->what, "deleted") == 0) {
		if ((rc = db_kb_history_add(p, *x->id, x->what, x->user, x->now)) == DB_OK)
			rc = db_kb_delete(p, x->brand, *x->id);
	} else if (strcmp(x->what, "threshold") == 0)
		rc = db_kb_threshold_set(p, x->brand, x->threshold);
	else
		for (int i = 0; i < x->n && rc == DB_OK; i++) {
			const char *const *v = x->rows[i].v;
			if (strcmp(x->what, "edited") == 0)
				rc = db_kb_update(p, x->brand, *x->id, v[0], v[1], v[2], v[3], form_on(v[4]),
				    x->rows[i].picture, x->user, x->now);
			else
				rc = db_kb_insert(p, x->brand, v[0], v[1], v[2], v[3], form_on(v[4]),
				    x->rows[i].picture > 0 ? x->rows[i].picture : 0, x->user, x->now, x->id);
			if (rc == DB_OK)
				rc = db_kb_history_add(p, *x->id, x->what, x->user, x->now);
		}
	return rc == DB_OK ? db_kb_bump(p, x->brand) : rc;
}

enum dbrc
kb_write(struct pool *p, long long brand, long long *id, const struct kb_article_form *f,
    long long user, long long now)
{
	struct kb_change x = { brand, id, user, now, f, 1, *id ? "edited" : "created", 0 };

	return db_txn(p, change_step, &x);
}

enum dbrc
kb_remove(struct pool *p, long long brand, long long id, long long user, long long now)
{
	struct kb_change x = { brand, &id, user, now, NULL, 0, "deleted", 0 };

	return db_txn(p, change_step, &x);
}

enum dbrc
kb_import(struct pool *p, long long brand, const struct kb_article_form *rows, int n,
    long long user, long long now)
{
	long long        id = 0;
	struct kb_change x = { brand, &id, user, now, rows, n, "imported", 0 };

	return db_txn(p, change_step, &x);
}

enum dbrc
kb_threshold_set(struct pool *p, long long brand, long long threshold)
{
	long long        id = 0;
	struct kb_change x = { brand, &id, 0, 0, NULL, 0, "threshold", threshold };

	return db_txn(p, change_step, &x);
}
