/* db-kb.c: the statements of the knowledge base (kb.h). */
#include <stddef.h>

#include "db-run.h"
#include "kb.h"

#define KB_COLS \
	"a.id, a.question, a.alternatives, a.answer, a.category, a.enabled, a.version, " \
	"UNIX_TIMESTAMP(a.updated_at) updated, u.name updated_by, " \
	"(SELECT COUNT(*) FROM kb_events e WHERE e.article_id = a.id AND e.kind IN " \
	"('answered', 'picked') AND e.at >= NOW() - INTERVAL 30 DAY) uses, " \
	"IFNULL(a.attachment_id, 0) picture " \
	"FROM kb_articles a LEFT JOIN users u ON u.id = a.updated_by "

#define KB_STATEMENTS(X) \
	X(kb_list, ROWS(kb_article), (long long brand), (I(brand)), \
	    "SELECT " KB_COLS "WHERE a.brand_id = ? ORDER BY a.category, a.id LIMIT 5000") \
	X(kb_get, ROW(kb_article), (long long brand, long long id), (I(brand), I(id)), \
	    "SELECT " KB_COLS "WHERE a.brand_id = ? AND a.id = ?") \
	X(kb_insert, INSERT, (long long brand, const char *question, const char *alternatives, \
	    const char *answer, const char *category, int enabled, long long picture, long long user, \
	    long long now), \
	    (I(brand), S(question), S(alternatives), S(answer), S(category), I((long long)enabled), \
	    I(picture), I(picture), I(user), I(now), I(now)), \
	    "INSERT INTO kb_articles (brand_id, question, alternatives, answer, category, enabled, " \
	    "attachment_id, updated_by, created_at, updated_at) VALUES (?, ?, NULLIF(?, ''), ?, " \
	    "NULLIF(?, ''), ?, IF(? > 0, ?, NULL), NULLIF(?, 0), FROM_UNIXTIME(?), " \
	    "FROM_UNIXTIME(?))") \
	X(kb_update, DONE, (long long brand, long long id, const char *question, \
	    const char *alternatives, const char *answer, const char *category, int enabled, \
	    long long picture, long long user, long long now), \
	    (S(question), S(alternatives), S(answer), S(category), I((long long)enabled), \
	    I(picture), I(picture), I(picture), I(user), I(now), I(id), I(brand)), \
	    "UPDATE kb_articles SET question = ?, alternatives = NULLIF(?, ''), answer = ?, " \
	    "category = NULLIF(?, ''), enabled = ?, attachment_id = IF(? < 0, NULL, " \
	    "IF(? = 0, attachment_id, ?)), updated_by = NULLIF(?, 0), " \
	    "updated_at = FROM_UNIXTIME(?), version = version + 1 WHERE id = ? AND brand_id = ?") \
	X(kb_delete, DONE, (long long brand, long long id), (I(id), I(brand)), \
	    "DELETE FROM kb_articles WHERE id = ? AND brand_id = ?") \
	X(kb_history_add, EXEC, (long long id, const char *what, long long user, long long now), \
	    (S(what), I(user), I(now), I(id)), \
	    "INSERT INTO kb_history (article_id, brand_id, version, what, question, alternatives, " \
	    "answer, category, enabled, attachment_id, changed_by, changed_at) SELECT id, brand_id, " \
	    "version, ?, question, alternatives, answer, category, enabled, attachment_id, " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?) " \
	    "FROM kb_articles WHERE id = ?") \
	X(kb_history, ROWS(kb_history), (long long brand, long long id), (I(id), I(brand)), \
	    "SELECT h.version, h.what, h.question, h.alternatives, h.answer, h.category, h.enabled, " \
	    "u.name who, UNIX_TIMESTAMP(h.changed_at) at FROM kb_history h " \
	    "LEFT JOIN users u ON u.id = h.changed_by WHERE h.article_id = ? AND h.brand_id = ? " \
	    "ORDER BY h.id DESC LIMIT 200") \
	X(kb_for_channel, ROWS(kb_for_channel), (long long channel), (I(channel)), \
	    "SELECT a.id, a.question, a.alternatives, a.answer, b.id brand_id, b.kb_threshold threshold, " \
	    "IFNULL(a.attachment_id, 0) picture " \
	    "FROM channels c JOIN brands b ON b.id = c.brand_id " \
	    "JOIN kb_articles a ON a.brand_id = b.id AND a.enabled = 1 WHERE c.id = ? " \
	    "ORDER BY a.id LIMIT 5000") \
	X(kb_bump, CUSTOM, (), (I), \
	    "UPDATE channel_prefs p JOIN channels c ON c.id = p.channel_id " \
	    "SET p.bot_version = p.bot_version + 1 WHERE c.brand_id = ?") \
	X(kb_bump_brand, CUSTOM, (), (I), \
	    "UPDATE brands SET kb_version = kb_version + 1 WHERE id = ?") \
	X(kb_version, COUNT, (long long brand), (I(brand)), \
	    "SELECT kb_version FROM brands WHERE id = ?") \
	X(kb_for_brand, ROWS(kb_for_channel), (long long brand), (I(brand)), \
	    "SELECT a.id, a.question, a.alternatives, a.answer, b.id brand_id, b.kb_threshold threshold, " \
	    "IFNULL(a.attachment_id, 0) picture " \
	    "FROM brands b JOIN kb_articles a ON a.brand_id = b.id AND a.enabled = 1 WHERE b.id = ? " \
	    "ORDER BY a.id LIMIT 5000") \
	X(kb_threshold_set, EXEC, (long long brand, long long threshold), (I(threshold), I(brand)), \
	    "UPDATE brands SET kb_threshold = ? WHERE id = ?") \
	X(kb_threshold, COUNT, (long long brand), (I(brand)), \
	    "SELECT kb_threshold FROM brands WHERE id = ?") \
	X(kb_event, EXEC, (long long brand, long long article, long long chat, const char *kind, \
	    long long now), (I(brand), I(article), I(chat), S(kind), I(now)), \
	    "INSERT INTO kb_events (brand_id, article_id, chat_id, kind, at) " \
	    "VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?, FROM_UNIXTIME(?))") \
	X(kb_miss, EXEC, (long long brand, const char *words, const char *text, long long now), \
	    (I(brand), S(words), S(text), I(now)), \
	    "INSERT INTO kb_misses (brand_id, words, text, last_at) VALUES (?, LEFT(?, 190), " \
	    "LEFT(?, 500), FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE n = n + 1, " \
	    "text = VALUES(text), last_at = VALUES(last_at)") \
	X(kb_offer_of, CUSTOM, (), (I), \
	    "SELECT JSON_EXTRACT(fields, '$.kb_offer') FROM messages WHERE chat_id = ? " \
	    "AND direction = 'out' ORDER BY id DESC LIMIT 1") \
	X(kb_mark, EXEC, (long long channel, const char *dedupe, const char *json), \
	    (S(json), I(channel), S(dedupe)), \
	    "UPDATE messages SET fields = JSON_MERGE_PATCH(IFNULL(fields, '{}'), ?) " \
	    "WHERE channel_id = ? AND dedupe_key = ?") \
	X(kb_report, ROWS(kb_report), (long long brand, long long since), (I(brand), I(since)), \
	    "SELECT kind, COUNT(*) n FROM kb_events WHERE brand_id = ? AND at >= FROM_UNIXTIME(?) " \
	    "GROUP BY kind") \
	X(kb_top_misses, ROWS(kb_miss_row), (long long brand), (I(brand)), \
	    "SELECT text, n, UNIX_TIMESTAMP(last_at) last FROM kb_misses WHERE brand_id = ? " \
	    "ORDER BY n DESC, last_at DESC LIMIT 10")
DB_STATEMENTS(KB_STATEMENTS, db_table_kb)

enum dbrc
db_kb_offer_of(struct pool *p, long long chat, const char **json)
{
	struct dbres res;
	enum dbrc    rc = RUN(DBS_kb_offer_of, p, &res, I(chat));

	*json = rc == DB_OK && res.nrows > 0 ? db_cell(&res, 0, 0) : NULL;
	return rc != DB_OK ? rc : *json ? DB_OK : DB_NOTFOUND;
}

/* the brand's bots and its own copies read the articles again */
enum dbrc
db_kb_bump(struct pool *p, long long brand)
{
	enum dbrc rc = RUN(DBS_kb_bump, p, NULL, I(brand));

	return rc == DB_OK ? RUN(DBS_kb_bump_brand, p, NULL, I(brand)) : rc;
}
