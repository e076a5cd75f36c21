/* db-topics.c: the statements of the close summary's topics (topics.h), in a table of their own. */
#include <stddef.h>

#include "db-run.h"
#include "topics.h"

#define TOPICS_STATEMENTS(X) \
	X(topics, ROWS(topic), (long long brand), (I(brand)), \
	    "SELECT id, name FROM close_topics WHERE brand_id = ? ORDER BY position, id") \
	X(topic_get, ROW(topic), (long long brand, long long id), (I(brand), I(id)), \
	    "SELECT id, name FROM close_topics WHERE brand_id = ? AND id = ?") \
	/* at the end of the list; at most TOPICS_MAX (else nothing is inserted) */ \
	X(topic_insert, ELSE(DB_INVALID), (long long brand, const char *name), \
	    (I(brand), S(name), I(brand)), \
	    "INSERT INTO close_topics (brand_id, name, position) " \
	    "SELECT ?, ?, IFNULL(MAX(position), 0) + 1 FROM close_topics WHERE brand_id = ? " \
	    "HAVING COUNT(*) < 100") \
	X(topic_delete, DONE, (long long brand, long long id), (I(brand), I(id)), \
	    "DELETE FROM close_topics WHERE brand_id = ? AND id = ?") \
	X(topic_required, COUNT, (long long brand), (I(brand)), \
	    "SELECT topic_required FROM brands WHERE id = ?") \
	X(topic_required_set, EXEC, (long long brand, int on), (I((long long)on), I(brand)), \
	    "UPDATE brands SET topic_required = ? WHERE id = ?")
DB_STATEMENTS(TOPICS_STATEMENTS, db_table_topics)

