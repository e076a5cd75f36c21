/*
 * search.h: search that understands Chinese (060). The messages' words are
 * indexed by Mroonga (search_messages: TokenBigram cuts Chinese into pairs
 * of characters and keeps runs of letters and digits whole; NormalizerAuto
 * folds full-width forms and case), so a two-character word is found
 * inside a sentence, ranked, in milliseconds at a million messages. The
 * index is derived: each database node keeps its own, caught up from the
 * replicated messages (search_catch_up) by the worker each tick and by
 * every search before it reads; the messages stay the truth (a search
 * joins back to them). The followers' names are indexed the same way
 * (search_followers, 063: found by a word inside a name). What a person typed becomes Mroonga's boolean query
 * here (search_query), and the words found are marked in what is shown
 * (search_marks), with the same folding.
 */
#ifndef WXDESK_SEARCH_H
#define WXDESK_SEARCH_H

#include "db.h"

#define SEARCH_TERMS    8	/* terms of a query kept */
#define SEARCH_TERM_MAX 32	/* characters of a term kept */

/*
 * The terms of what a person typed: cut at spaces and punctuation (ASCII,
 * full-width and CJK), full-width letters and digits made ASCII, letters
 * lowercased; at most SEARCH_TERMS of at most SEARCH_TERM_MAX characters.
 * The number of terms (*out: each in p).
 */
int search_terms(struct pool *p, const char *typed, const char ***out);

/* Mroonga's boolean query for what was typed: every term required, as a
 * phrase (+"退款" +"iphone"); NULL when nothing searchable is left. */
const char *search_query(struct pool *p, const char *typed);

/* A piece of text as shown: plain, or a word that was searched for. */
struct search_part {
	const char *text;
	int         hit;
};

/*
 * text cut into parts where the terms of typed occur (case and width
 * folded as the index folds them), around the first hit: at most about
 * around characters before it (an ellipsis where text was cut) and max in
 * all. The number of parts; 0 when text is empty.
 */
size_t search_marks(struct pool *p, const char *text, const char *typed, size_t around,
	size_t max, struct search_part **out);

/*
 * This node's index caught up with the messages: any of the back ids up to
 * its newest that it lacks (committed after a later one; 0: not looked
 * for), then at most batch after it; and the erased followers' words
 * deleted from it. Its copy of the followers' names too (063): at most
 * batch written since its newest, and (back > 0) those of the 30 seconds
 * before that it lacks. The larger of the two numbers of rows written, or
 * -1.
 */
long long search_catch_up(struct pool *p, int batch, int back);
/* the worker's job: search_catch_up until caught up (or a second passed) */
void job_search(struct pool *p);

/* ---- the statements (db-search.c) ---- */

enum dbrc db_search_add(struct pool *p, int back, int batch, long long *added);
/* columns of db_search_followers_mark: this node's newest name indexed */
#define SEARCH_FOLLOWERS_MARK_ROW(C) C(STR, at) C(INT, id)
DB_ROW(search_followers_mark, SEARCH_FOLLOWERS_MARK_ROW)
enum dbrc db_search_followers_mark(struct pool *p, struct search_followers_mark *row);
/* the followers' names written after the mark (and, late, those of the 30
 * seconds before it the copy lacks), at most batch: the rows written */
enum dbrc db_search_followers_add(struct pool *p, int late, int batch, long long *added);
enum dbrc db_search_forget_apply(struct pool *p);
/* a follower's words erased: every node's index deletes its copy */
enum dbrc db_search_forget(struct pool *p, long long follower, long long now);
enum dbrc db_search_forget_purge(struct pool *p, int days);
/* columns of db_search_hits: the best messages for a query, best first */
#define SEARCH_HITS_ROW(C) C(INT, id) C(INT, chat_id) C(INT, score)
DB_ROW(search_hits, SEARCH_HITS_ROW)
enum dbrc db_search_hits(struct pool *p, const char *query, int limit, struct search_hits **rows,
	size_t *n);
/* columns of db_search_bodies: messages' text by id (a JSON array of ids) */
#define SEARCH_BODIES_ROW(C) C(INT, id) C(STR, body)
DB_ROW(search_bodies, SEARCH_BODIES_ROW)
enum dbrc db_search_bodies(struct pool *p, const char *ids, struct search_bodies **rows,
	size_t *n);

#endif
