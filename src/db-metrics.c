/* db-metrics.c: what /metrics reads from the database (metrics.h). */
#include <stddef.h>

#include "db-run.h"
#include "hours.h"
#include "metrics.h"

enum metrics_stmt { MS_QUEUES, MS_WORKERS, MS_CHANNELS, MS__MAX };

static const struct db_stmt stmts[MS__MAX] = {
	[MS_QUEUES] = { "metrics_queues",
	    "SELECT d.id department, b.name brand, d.name, COUNT(c.id) waiting, "
	    "IFNULL(MAX(TIMESTAMPDIFF(SECOND, IFNULL(c.queued_at, c.state_since), "
	    "FROM_UNIXTIME(?))), 0) longest FROM departments d JOIN brands b ON b.id = d.brand_id "
	    "LEFT JOIN chats c ON c.department_id = d.id AND c.state IN ('waiting', 'missed') "
	    "GROUP BY d.id, b.name, d.name ORDER BY d.id LIMIT 2000", .cols = metrics_queue_cols },
	[MS_WORKERS] = { "metrics_workers",
	    "SELECT name, ? - UNIX_TIMESTAMP(seen_at) ago FROM workers ORDER BY name",
	    .cols = metrics_worker_cols },
	/* each active account: seconds since its last message in (-1: never),
	 * and whether its brand is open now (1 too for a brand keeping no hours) */
	[MS_CHANNELS] = { "metrics_channels",
	    "SELECT c.id, IFNULL(c.app_id, '') app_id, b.name brand, "
	    "IFNULL(? - UNIX_TIMESTAMP(c.last_message_at), -1) quiet, "
	    "IF(b.hours_enabled = 0, 1, " HOURS_OPEN_AT("t.l") ") open "
	    "FROM channels c JOIN brands b ON b.id = c.brand_id JOIN (SELECT id, "
	    "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', time_zone) l FROM brands) t ON t.id = b.id "
	    "WHERE c.state = 'active' ORDER BY c.id LIMIT 2000", .cols = metrics_channel_cols },
};

static void           *prepared[MS__MAX];
static struct db_table ms_table = { stmts, MS__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_metrics(void)
{
	return &ms_table;
}

enum dbrc
db_metrics_queues(struct pool *p, long long now, struct metrics_queue **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = DB_RUN(&ms_table, MS_QUEUES, p, &out, I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, metrics_queue_fill);
}

enum dbrc
db_metrics_workers(struct pool *p, long long now, struct metrics_worker **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = DB_RUN(&ms_table, MS_WORKERS, p, &out, I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, metrics_worker_fill);
}

enum dbrc
db_metrics_channels(struct pool *p, long long now, struct metrics_channel **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = DB_RUN(&ms_table, MS_CHANNELS, p, &out, I(now), I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, metrics_channel_fill);
}
