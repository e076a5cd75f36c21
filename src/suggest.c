/* suggest.c: answers suggested beside the composer (see suggest.h). */
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "search.h"
#include "suggest.h"

/* the candidates so far */
struct found {
	struct suggestion *v;
	size_t             n, cap;
};

/* the articles of k nearest text, as suggestions of kind; about(i): what
 * each is about (NULL: its question) */
static void
add_near(struct pool *p, struct found *f, const struct kb *k, const char *text, const char *kind,
    const char *const *about, const long long *ids, size_t nids)
{
	struct kb_match m[SUGGESTIONS];
	size_t          n = kb_rank(p, k, text, m, SUGGESTIONS);

	for (size_t i = 0; i < n && f->n < f->cap; i++) {
		const char *a = m[i].question;
		for (size_t j = 0; about && j < nids; j++)
			if (ids[j] == m[i].article)
				a = about[j];
		f->v[f->n++] = (struct suggestion){ kind, m[i].article, m[i].answer, a, m[i].score };
	}
}

static int
by_score(const void *a, const void *b)
{
	const struct suggestion *x = a, *y = b;

	return y->score != x->score ? y->score - x->score : strcmp(x->kind, y->kind);
}

int
suggest(struct pool *p, long long brand, long long chat, const char *text,
    const struct suggest_canned *canned, size_t n, struct suggestion *out)
{
	struct found           f = { NULL, 0, SUGGESTIONS * 3 };
	struct suggest_reply  *rep = NULL;
	struct suggest_picks  *picks = NULL;
	size_t                 nr = 0, np = 0;
	struct kb_article_text *t = pool_alloc(p, sizeof *t * (n + 11));
	const char           **w, **about = pool_alloc(p, sizeof *about * (n + 1));
	long long             *ids = pool_alloc(p, sizeof *ids * (n + 1));
	size_t                 nw = kb_words(p, text, &w);
	struct buf             q = { 0 };

	f.v = pool_alloc(p, sizeof *f.v * f.cap);
	if (text == NULL || nw == 0)
		return 0;
	/* the knowledge base's enabled articles, as this process keeps them */
	{
		int              failed;
		const struct kb *kb = kb_cached(p, brand, &failed);
		if (failed)
			return -1;
		add_near(p, &f, kb, text, "kb", NULL, NULL, 0);
	}
	/* the canned responses: their text is both what is matched and sent */
	for (size_t i = 0; i < n; i++) {
		t[i] = (struct kb_article_text){ canned[i].id, canned[i].body, NULL, canned[i].body, 0 };
		about[i] = pool_printf(p, "/%s", canned[i].shortcut);
		ids[i] = canned[i].id;
	}
	add_near(p, &f, kb_make(p, brand, 0, t, n), text, "canned", about, ids, n);
	/* the replies that followed similar questions (any of the message's words) */
	for (size_t i = 0; i < nw && i < 12; i++)
		buf_printf(&q, "%s\"%s\"", i ? " " : "", w[i]);
	if (search_catch_up(p, 500, 200) < 0 ||
	    db_suggest_replies(p, q.data, brand, chat, &rep, &nr) != DB_OK) {
		buf_free(&q);
		return -1;
	}
	buf_free(&q);
	for (size_t i = 0; i < nr; i++)
		t[i] = (struct kb_article_text){ rep[i].reply_id, rep[i].question, NULL, rep[i].reply, 0 };
	add_near(p, &f, kb_make(p, brand, 0, t, nr), text, "reply", NULL, NULL, 0);
	if (db_suggest_picks(p, brand, &picks, &np) != DB_OK)
		return -1;
	return suggest_best(f.v, f.n, picks, np, out);
}

int
suggest_best(struct suggestion *v, size_t n, const struct suggest_picks *picks, size_t np,
    struct suggestion *out)
{
	size_t k = 0;

	/* what operators picked before counts a little (at most 10 points) */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < np; j++)
			if (picks[j].ref_id == v[i].ref && strcmp(picks[j].kind, v[i].kind) == 0)
				v[i].score += picks[j].n * 2 > 10 ? 10 : (int)picks[j].n * 2;
	qsort(v, n, sizeof *v, by_score);
	/* the best three worth showing, each text once */
	for (size_t i = 0; i < n && k < SUGGESTIONS; i++) {
		int dup = 0;
		for (size_t j = 0; j < k; j++)
			dup |= strcmp(out[j].text, v[i].text) == 0;
		if (!dup && v[i].score >= 20 && v[i].text && *v[i].text)
			out[k++] = v[i];
	}
	return (int)k;
}

const char *
v_suggest_kind(const char *v)
{
	return strcmp(v, "kb") == 0 || strcmp(v, "canned") == 0 || strcmp(v, "reply") == 0 ? NULL :
	    "v.suggest_kind";
}
