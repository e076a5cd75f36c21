/* db-topics.c: the statements of the close summary's topics (topics.h), in a table of their own. */
#include <stddef.h>

#include "db-run.h"
#include "topics.h"

enum tp_stmt {
	TP_LIST,
	TP_GET,
	TP_INSERT,
	TP_DELETE,
	TP_REQUIRED,
	TP_REQUIRED_SET,
	TP__MAX
};

static const struct db_stmt stmts[TP__MAX] = {
	[TP_LIST] = { "tp_list",
	    "SELECT id, name FROM close_topics WHERE brand_id = ? ORDER BY position, id",
	    .cols = topic_cols },
	[TP_GET] = { "tp_get",
	    "SELECT id, name FROM close_topics WHERE brand_id = ? AND id = ?", .cols = topic_cols },
	/* at the end of the list; at most TOPICS_MAX (else nothing is inserted) */
	[TP_INSERT] = { "tp_insert",
	    "INSERT INTO close_topics (brand_id, name, position) "
	    "SELECT ?, ?, IFNULL(MAX(position), 0) + 1 FROM close_topics WHERE brand_id = ? "
	    "HAVING COUNT(*) < 100" },
	[TP_DELETE] = { "tp_delete",
	    "DELETE FROM close_topics WHERE brand_id = ? AND id = ?" },
	[TP_REQUIRED] = { "tp_required",
	    "SELECT topic_required FROM brands WHERE id = ?" },
	[TP_REQUIRED_SET] = { "tp_required_set",
	    "UPDATE brands SET topic_required = ? WHERE id = ?" },
};

static void           *prepared[TP__MAX];
static struct db_table tp_table = { stmts, TP__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_topics(void)
{
	return &tp_table;
}

#define RUN(s, p, out, ...) DB_RUN(&tp_table, s, p, out, __VA_ARGS__)

enum dbrc
db_topics(struct pool *p, long long brand, struct topic **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(TP_LIST, p, &out, I(brand));

	return DB_AS_ROWS(p, rc, &out, rows, n, topic_fill);
}

enum dbrc
db_topic_get(struct pool *p, long long brand, long long id, struct topic *row)
{
	struct dbres out;

	return db_as_row(RUN(TP_GET, p, &out, I(brand), I(id)), &out, row, topic_fill);
}

enum dbrc
db_topic_insert(struct pool *p, long long brand, const char *name)
{
	struct dbres out;
	enum dbrc    rc = RUN(TP_INSERT, p, &out, I(brand), S(name), I(brand));

	return db_changed(rc, &out, DB_INVALID);	/* the list is full */
}

enum dbrc
db_topic_delete(struct pool *p, long long brand, long long id)
{
	struct dbres out;

	return db_done(RUN(TP_DELETE, p, &out, I(brand), I(id)), &out);
}

int
db_topic_required(struct pool *p, long long brand)
{
	struct dbres out;

	return (int)db_count_of(RUN(TP_REQUIRED, p, &out, I(brand)), &out);
}

enum dbrc
db_topic_required_set(struct pool *p, long long brand, int on)
{
	struct dbres out;

	return RUN(TP_REQUIRED_SET, p, &out, I((long long)on), I(brand));
}
