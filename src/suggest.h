/*
 * suggest.h: answers suggested beside the composer (062). For the
 * follower's latest message, the three best of: the brand's knowledge base
 * articles, the canned responses the operator may send, and the operators'
 * own past replies in closed chats (the reply that followed a similar
 * question, found by the search index: search.h). Each is scored against
 * the message as the knowledge base scores (kb.h, 0-100), with a little more
 * for the suggestions operators picked before (suggestion_picks). Nothing
 * leaves the machine.
 */
#ifndef WXDESK_SUGGEST_H
#define WXDESK_SUGGEST_H

#include "db.h"

#define SUGGESTIONS 3

struct suggestion {
	const char *kind;	/* "kb", "canned", "reply" */
	long long   ref;	/* the article, the canned response, the past reply */
	const char *text;	/* what goes into the composer */
	const char *about;	/* the article's question, the shortcut, the question answered */
	int         score;
};

/* a canned response as the composer may insert it (text only) */
struct suggest_canned {
	long long   id;
	const char *shortcut, *body;
};

/*
 * The best suggestions for chat (of brand) and the follower's message
 * text, at most SUGGESTIONS, best first, from canned (n of them) and what
 * the database has. Their number, or -1 when the database failed.
 */
int suggest(struct pool *p, long long brand, long long chat, const char *text,
	const struct suggest_canned *canned, size_t n, struct suggestion *out);

/* a suggestion's kind as a pick names it: kb, canned or reply */
const char *v_suggest_kind(const char *v);

/* ---- the statements (db-suggest.c) ---- */

/* the follower's latest text in chat, or DB_NOTFOUND */
enum dbrc db_suggest_last_in(struct pool *p, long long chat, const char **text);
/* columns of db_suggest_replies: past follower messages like the query (Mroonga,
 * any of its words) in other closed chats of the brand, each with the operator's
 * reply that followed it */
#define SUGGEST_REPLY_ROW(C) C(INT, reply_id) C(STR, question) C(STR, reply)
DB_ROW(suggest_reply, SUGGEST_REPLY_ROW)
enum dbrc db_suggest_replies(struct pool *p, const char *query, long long brand, long long chat,
	struct suggest_reply **rows, size_t *n);
/* columns of db_suggest_picks: how often each was picked (a JSON array of [kind, ref]) */
#define SUGGEST_PICKS_ROW(C) C(STR, kind) C(INT, ref_id) C(INT, n)
DB_ROW(suggest_picks, SUGGEST_PICKS_ROW)
enum dbrc db_suggest_picks(struct pool *p, long long brand, struct suggest_picks **rows,
	size_t *n);
enum dbrc db_suggest_pick(struct pool *p, long long brand, const char *kind, long long ref,
	long long chat, long long user, long long now);

/*
 * The best of the n candidates v (sorted in place) into out: each raised by
 * how often operators picked it (picks: 2 points a pick, at most 10), best
 * first, each text once, those scoring 20 or more, at most SUGGESTIONS.
 * Their number.
 */
int suggest_best(struct suggestion *v, size_t n, const struct suggest_picks *picks, size_t np,
	struct suggestion *out);

#endif
