/* db-search.c: the statements of search (search.h). */
#include <stddef.h>

#include "db-run.h"
#include "search.h"

/* the messages whose text reads as words */
#define SEARCH_TEXT "AND m.chat_id IS NOT NULL AND m.body IS NOT NULL AND m.body <> '' " \
	"AND m.direction IN ('in', 'out') AND m.msg_type IN ('text', 'link', 'location') "

/* the words a follower is found by: the name the team sees (wxdesk's, or
 * their remark in WeChat; an erased follower has none) */
#define SEARCH_NAMES "IFNULL(f.shown_name, '')"

#define SEARCH_STATEMENTS(X) \
	/* the messages after this node's newest indexed one, at most batch: \
	 * text that reads as words. Runs on the node it is sent to; Galera does \
	 * not replicate Mroonga */ \
	X(search_add, CUSTOM, (), (I), \
	    "INSERT IGNORE INTO search_messages (id, chat_id, channel_id, follower_id, body) " \
	    "SELECT m.id, m.chat_id, m.channel_id, m.follower_id, m.body FROM messages m " \
	    "WHERE m.id > (SELECT IFNULL(MAX(id), 0) FROM search_messages) " SEARCH_TEXT \
	    "ORDER BY m.id LIMIT ?") \
	/* those of the back ids up to its newest that it lacks: committed after \
	 * a later one (ids are not committed in order) */ \
	X(search_add_late, CUSTOM, (), (I), \
	    "INSERT IGNORE INTO search_messages (id, chat_id, channel_id, follower_id, body) " \
	    "SELECT m.id, m.chat_id, m.channel_id, m.follower_id, m.body FROM messages m " \
	    "WHERE m.id > (SELECT GREATEST(IFNULL(MAX(id), 0) - ?, 0) FROM search_messages) " \
	    SEARCH_TEXT "AND NOT EXISTS (SELECT 1 FROM search_messages s WHERE s.id = m.id)") \
	/* how far this node's copy of the followers' names is: its newest \
	 * name_at, and the id of that row */ \
	X(search_followers_mark, ROW(search_followers_mark), (), (), \
	    "SELECT DATE_FORMAT(name_at, '%Y-%m-%d %H:%i:%s.%f') at, id FROM search_followers " \
	    "ORDER BY name_at DESC, id DESC LIMIT 1") \
	/* the followers whose name was written after it, at most batch, in \
	 * the order of the mark (name_at, id): read from followers' index of \
	 * it */ \
	X(search_followers_add, CUSTOM, (), (S, S, I, I), \
	    "REPLACE INTO search_followers (id, channel_id, name_at, names) " \
	    "SELECT f.id, f.channel_id, f.name_at, " SEARCH_NAMES " FROM followers f " \
	    "FORCE INDEX (ix_followers_name_at) WHERE f.name_at > ? OR (f.name_at = ? AND " \
	    "f.id > ?) ORDER BY f.name_at, f.id LIMIT ?") \
	/* those written in the 30 seconds before the mark that its copy lacks \
	 * or holds older: committed after a later write */ \
	X(search_followers_late, CUSTOM, (), (S, S), \
	    "REPLACE INTO search_followers (id, channel_id, name_at, names) " \
	    "SELECT f.id, f.channel_id, f.name_at, " SEARCH_NAMES " FROM followers f " \
	    "FORCE INDEX (ix_followers_name_at) WHERE f.name_at >= ? - INTERVAL 30 SECOND " \
	    "AND f.name_at <= ? AND NOT EXISTS (SELECT 1 FROM search_followers s " \
	    "WHERE s.id = f.id AND s.name_at = f.name_at)") \
	X(search_forget_apply, EXEC, (), (), \
	    "DELETE s FROM search_messages s JOIN search_forget f ON f.follower_id = s.follower_id") \
	X(search_forget, EXEC, (long long follower, long long now), (I(follower), I(now)), \
	    "INSERT INTO search_forget (follower_id, created_at) VALUES (?, FROM_UNIXTIME(?))") \
	X(search_forget_purge, EXEC, (int days), (I((long long)days)), \
	    "DELETE FROM search_forget WHERE created_at < NOW() - INTERVAL ? DAY") \
	/* Mroonga orders by the score and stops at the limit (no join here) */ \
	X(search_hits, ROWS(search_hits), (const char *query, int limit), \
	    (S(query), S(query), I((long long)limit)), \
	    "SELECT id, chat_id, MATCH(body) AGAINST(? IN BOOLEAN MODE) score FROM search_messages " \
	    "WHERE MATCH(body) AGAINST(? IN BOOLEAN MODE) ORDER BY score DESC, id DESC LIMIT ?") \
	X(search_bodies, ROWS(search_bodies), (const char *ids), (S(ids)), \
	    "SELECT m.id, m.body FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j " \
	    "JOIN messages m ON m.id = j.id")
DB_STATEMENTS(SEARCH_STATEMENTS, db_table_search)

enum dbrc
db_search_add(struct pool *p, int back, int batch, long long *added)
{
	struct dbres res;
	enum dbrc    rc = DB_OK;

	*added = 0;
	if (back > 0 && (rc = RUN(DBS_search_add_late, p, &res, I((long long)back))) == DB_OK)
		*added += (long long)res.affected;
	if (rc == DB_OK && (rc = RUN(DBS_search_add, p, &res, I((long long)batch))) == DB_OK)
		*added += (long long)res.affected;
	return rc;
}

enum dbrc
db_search_followers_add(struct pool *p, int late, int batch, long long *added)
{
	struct search_followers_mark m = { "1000-01-01 00:00:00", 0 };
	struct dbres                 res;
	enum dbrc                    rc = db_search_followers_mark(p, &m);

	*added = 0;
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	rc = DB_OK;
	if (late && m.id > 0 &&
	    (rc = RUN(DBS_search_followers_late, p, &res, S(m.at), S(m.at))) == DB_OK)
		*added += (long long)res.affected;
	if (rc == DB_OK && (rc = RUN(DBS_search_followers_add, p, &res, S(m.at), S(m.at), I(m.id),
	    I((long long)batch))) == DB_OK)
		*added += (long long)res.affected;
	return rc;
}
