/* db-health.c: the statements of /healthz and the workers' ticks (health.h). */
#include <stddef.h>

#include "db-run.h"
#include "health.h"

enum health_stmt { HT_STATE, HT_SEEN, HT__MAX };

static const struct db_stmt stmts[HT__MAX] = {
	[HT_STATE] = { "ht_state",
	    "SELECT (SELECT IFNULL(MAX(version), 0) FROM schema_migrations) schema, "
	    "(SELECT IFNULL(UNIX_TIMESTAMP(MAX(seen_at)), 0) FROM workers) worker",
	    .cols = health_state_cols },
	[HT_SEEN] = { "ht_seen",
	    "INSERT INTO workers (name, seen_at) VALUES (?, FROM_UNIXTIME(?)) "
	    "ON DUPLICATE KEY UPDATE seen_at = VALUES(seen_at)" },
};

static void           *prepared[HT__MAX];
static struct db_table ht_table = { stmts, HT__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_health(void)
{
	return &ht_table;
}

enum dbrc
db_health(struct pool *p, struct health_state *row)
{
	struct dbres out;

	return db_as_row(DB_RUN(&ht_table, HT_STATE, p, &out), &out, row, health_state_fill);
}

enum dbrc
db_worker_seen(struct pool *p, const char *name, long long now)
{
	return DB_RUN(&ht_table, HT_SEEN, p, NULL, S(name), I(now));
}
