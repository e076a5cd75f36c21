/* db-suggest.c: the statements of suggested answers (suggest.h). */
#include <stddef.h>

#include "db-run.h"
#include "suggest.h"

#define SUGGEST_STATEMENTS(X) \
	X(suggest_last_in, CUSTOM, (), (I), \
	    "SELECT body FROM messages WHERE chat_id = ? AND direction = 'in' AND msg_type = 'text' " \
	    "AND body IS NOT NULL ORDER BY id DESC LIMIT 1") \
	/* the best 30 past questions of the brand's other chats by Mroonga's \
	 * score, then for each the first operator reply after it in its chat */ \
	X(suggest_replies, ROWS(suggest_reply), (const char *query, long long brand, \
	    long long chat), (S(query), S(query), I(brand), I(chat)), \
	    "SELECT r.id reply_id, h.body question, r.body reply FROM (SELECT s.id, s.chat_id, " \
	    "s.body, s.channel_id FROM search_messages s WHERE MATCH(s.body) AGAINST(? IN BOOLEAN MODE) " \
	    "ORDER BY MATCH(s.body) AGAINST(? IN BOOLEAN MODE) DESC, s.id DESC LIMIT 30) h " \
	    "JOIN channels ch ON ch.id = h.channel_id AND ch.brand_id = ? " \
	    "JOIN chats c ON c.id = h.chat_id AND c.state = 'closed' AND c.id <> ? " \
	    "JOIN messages q ON q.id = h.id AND q.direction = 'in' " \
	    "JOIN messages r ON r.id = (SELECT MIN(x.id) FROM messages x WHERE x.chat_id = h.chat_id " \
	    "AND x.id > h.id AND x.direction = 'out' AND x.author_id IS NOT NULL " \
	    "AND x.msg_type = 'text' AND x.closing = 0) LIMIT 10") \
	X(suggest_picks, ROWS(suggest_picks), (long long brand), (I(brand)), \
	    "SELECT kind, ref_id, COUNT(*) n FROM suggestion_picks WHERE brand_id = ? " \
	    "AND picked_at >= NOW() - INTERVAL 90 DAY GROUP BY kind, ref_id " \
	    "ORDER BY n DESC LIMIT 500") \
	X(suggest_pick, EXEC, (long long brand, const char *kind, long long ref, long long chat, \
	    long long user, long long now), (I(brand), S(kind), I(ref), I(chat), I(user), I(now)), \
	    "INSERT INTO suggestion_picks (brand_id, kind, ref_id, chat_id, user_id, picked_at) " \
	    "VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))")
DB_STATEMENTS(SUGGEST_STATEMENTS, db_table_suggest)

enum dbrc
db_suggest_last_in(struct pool *p, long long chat, const char **text)
{
	struct dbres res;
	enum dbrc    rc = RUN(DBS_suggest_last_in, p, &res, I(chat));

	*text = rc == DB_OK && res.nrows > 0 ? db_cell(&res, 0, 0) : NULL;
	return rc != DB_OK ? rc : *text ? DB_OK : DB_NOTFOUND;
}
