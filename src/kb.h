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
	struct kb_doc  *docs;	/* questions and phrasings */
	size_t          ndocs;
	const char    **vocab;	/* every word of the docs, sorted, with its weight */
	double         *weight;
	size_t          nvocab;
};

/* an article as near as it is to a message */
struct kb_match {
	long long   article;
	int         score;	/* 0-100 */
	const char *question, *answer;
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
};
struct kb *kb_make(struct pool *p, long long brand, int threshold,
	const struct kb_article_text *a, size_t n);

/* The articles nearest text, best first (each once, by its best
 * phrasing), at most max with a score above 0. Their number. */
size_t kb_rank(struct pool *p, const struct kb *k, const char *text, struct kb_match *out,
	size_t max);

#endif
