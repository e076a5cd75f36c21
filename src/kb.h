/*
 * kb.h: a brand's knowledge base (061): articles (a question, other ways
 * to ask it, an answer, a category), edited by supervisors and admins with
 * each version kept, imported and exported as CSV. The chatbot answers
 * from it on the machine itself (kb_rank): a follower's message is
 * compared with each article's question and phrasings by their words
 * (pairs of Chinese characters, whole Latin words and numbers, widths and
 * case folded), each weighted by how rare it is among the brand's
 * articles, into a score from 0 to 100. At the brand's threshold or above
 * the article answers; below it, the nearest two or three questions are
 * offered as a numbered menu; with nothing near, it is a miss.
 */
#ifndef WXDESK_KB_H
#define WXDESK_KB_H

#include "db.h"

#define KB_OFFERS 3	/* questions offered below the threshold */

/* one phrasing of an article, as kb_load made it */
struct kb_doc {
	long long    article;
	const char **feat;	/* its words, distinct, sorted */
	size_t       nfeat;
};

/* a brand's enabled articles, ready to compare with */
struct kb {
	long long       brand;
	int             threshold;	/* the score an answer needs (0-100) */
	size_t          narticles;
	long long      *ids;
	const char    **question, **answer;
	long long      *picture;	/* an answer's picture (an attachment), or 0 */
	struct kb_doc  *docs;	/* questions and phrasings */
	size_t          ndocs;
	const char    **vocab;	/* every word of the docs, sorted, with its weight */
	double         *weight;
	size_t          nvocab;
	double          unknown;	/* the weight of a word no phrasing has */
};

/* an article as near as it is to a message */
struct kb_match {
	long long   article;
	int         score;	/* 0-100 */
	const char *question, *answer;
	long long   picture;	/* sent after the answer (an attachment), or 0 */
};

/* The words of text as the knowledge base compares them: pairs of
 * adjacent CJK characters (a lone one alone), runs of Latin letters and
 * digits whole; folded (text_fold); distinct, sorted. Their number. */
size_t kb_words(struct pool *p, const char *text, const char ***out);

/* A knowledge base from articles' questions, phrasings (one a line) and
 * answers, n of them, in p. */
struct kb_article_text {
	long long   id;
	const char *question, *alternatives, *answer;
	long long   picture;
};
struct kb *kb_make(struct pool *p, long long brand, int threshold,
	const struct kb_article_text *a, size_t n);

/* The brand's enabled articles as this process last read them, read
 * again when their version changed (one query for it): NULL with *failed
 * when the database failed, NULL alone when the brand has none. */
const struct kb *kb_cached(struct pool *p, long long brand, int *failed);

/* the score at which the nearest questions are offered, below the
 * threshold an answer needs: a third of it, at least 10 */
int kb_floor(int threshold);

/* The articles nearest text, best first (each once, by its best
 * phrasing), at most max with a score above 0. Their number. */
size_t kb_rank(struct pool *p, const struct kb *k, const char *text, struct kb_match *out,
	size_t max);

/* ---- changes, each one transaction that keeps the version and makes the
 * brand's bots read the articles again ---- */

/* an article as its form or a CSV line gives it: question, alternatives,
 * answer, category, enabled ("1" or ""); its picture (an attachment: a new
 * one, 0 the article's kept, -1 none; a CSV line keeps it) */
struct kb_article_form {
	const char *v[5];
	long long   picture;
};
/* *id 0: a new article (*id set), else that article edited (DB_NOTFOUND: no such) */
enum dbrc kb_write(struct pool *p, long long brand, long long *id,
	const struct kb_article_form *f, long long user, long long now);
/* its versions stay */
enum dbrc kb_remove(struct pool *p, long long brand, long long id, long long user, long long now);
enum dbrc kb_import(struct pool *p, long long brand, const struct kb_article_form *rows, int n,
	long long user, long long now);
enum dbrc kb_threshold_set(struct pool *p, long long brand, long long threshold);

/* ---- what a supervisor types (the page's field checks, and its import) ---- */

#define KB_IMPORT_MAX 2000	/* articles one import brings */
const char *v_kb_question(const char *v);	/* 1-200 characters, one line */
/* (an answer or the phrasings: v_text, at most 2,000 characters) */
const char *v_kb_category(const char *v);	/* at most 60 characters, one line */
const char *v_kb_threshold(const char *v);	/* 1-100 */

/* ---- the statements (db-kb.c) ---- */

/* columns of db_kb_list and db_kb_get */
#define KB_ARTICLE_ROW(C) C(INT, id) C(STR, question) C(STR, alternatives) C(STR, answer) \
	C(STR, category) C(INT, enabled) C(INT, version) C(INT, updated) C(STR, updated_by) \
	C(INT, uses) C(INT, picture)
DB_ROW(kb_article, KB_ARTICLE_ROW)
enum dbrc db_kb_list(struct pool *p, long long brand, struct kb_article **rows, size_t *n);
enum dbrc db_kb_get(struct pool *p, long long brand, long long id, struct kb_article *row);
/* picture: its attachment (064), or 0 */
enum dbrc db_kb_insert(struct pool *p, long long brand, const char *question,
	const char *alternatives, const char *answer, const char *category, int enabled,
	long long picture, long long user, long long now, long long *id);
/* DB_NOTFOUND: no such article of the brand; picture: a new one, 0 the
 * article's kept, -1 none */
enum dbrc db_kb_update(struct pool *p, long long brand, long long id, const char *question,
	const char *alternatives, const char *answer, const char *category, int enabled,
	long long picture, long long user, long long now);
enum dbrc db_kb_delete(struct pool *p, long long brand, long long id);
/* the article as it is now, kept as a version (what: created, edited, imported, deleted) */
enum dbrc db_kb_history_add(struct pool *p, long long id, const char *what, long long user,
	long long now);
/* columns of db_kb_history */
#define KB_HISTORY_ROW(C) C(INT, version) C(STR, what) C(STR, question) C(STR, alternatives) \
	C(STR, answer) C(STR, category) C(INT, enabled) C(STR, who) C(INT, at)
DB_ROW(kb_history, KB_HISTORY_ROW)
enum dbrc db_kb_history(struct pool *p, long long brand, long long id, struct kb_history **rows,
	size_t *n);
/* columns of db_kb_for_channel: the enabled articles of a channel's brand */
#define KB_FOR_CHANNEL_ROW(C) C(INT, id) C(STR, question) C(STR, alternatives) C(STR, answer) \
	C(INT, brand_id) C(INT, threshold) C(INT, picture)
DB_ROW(kb_for_channel, KB_FOR_CHANNEL_ROW)
enum dbrc db_kb_for_channel(struct pool *p, long long channel, struct kb_for_channel **rows,
	size_t *n);
/* every process reads the brand's bots (and so its articles) again */
enum dbrc db_kb_bump(struct pool *p, long long brand);
/* the version of the brand's articles (kb_cached), or -1 */
long long db_kb_version(struct pool *p, long long brand);
/* the enabled articles of a brand (the columns of db_kb_for_channel) */
enum dbrc db_kb_for_brand(struct pool *p, long long brand, struct kb_for_channel **rows,
	size_t *n);
enum dbrc db_kb_threshold_set(struct pool *p, long long brand, long long threshold);
long long db_kb_threshold(struct pool *p, long long brand);
enum dbrc db_kb_event(struct pool *p, long long brand, long long article, long long chat,
	const char *kind, long long now);
/* a question nothing answered (words: its words, the key), counted */
enum dbrc db_kb_miss(struct pool *p, long long brand, const char *words, const char *text,
	long long now);
/* the questions the bot's last reply in chat offered (a JSON array), or DB_NOTFOUND */
enum dbrc db_kb_offer_of(struct pool *p, long long chat, const char **json);
/* the bot's reply (channel, dedupe) marked with what the knowledge base did (a JSON object) */
enum dbrc db_kb_mark(struct pool *p, long long channel, const char *dedupe, const char *json);
/* columns of db_kb_report: the brand's events since, by kind */
#define KB_REPORT_ROW(C) C(STR, kind) C(INT, n)
DB_ROW(kb_report, KB_REPORT_ROW)
enum dbrc db_kb_report(struct pool *p, long long brand, long long since, struct kb_report **rows,
	size_t *n);
/* columns of db_kb_top_misses */
#define KB_MISS_ROW(C) C(STR, text) C(INT, n) C(INT, last)
DB_ROW(kb_miss_row, KB_MISS_ROW)
enum dbrc db_kb_top_misses(struct pool *p, long long brand, struct kb_miss_row **rows,
	size_t *n);

#endif
