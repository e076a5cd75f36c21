/* db-metrics.c: what /metrics reads from the database (metrics.h). */
#include <stddef.h>

#include "db-run.h"
#include "metrics.h"

enum metrics_stmt { MS_QUEUES, MS_WORKERS, MS__MAX };

static const struct db_stmt stmts[MS__MAX] = {
	[MS_QUEUES] = { "metrics_queues",
	    "SELECT d.id, b.name, d.name, COUNT(c.id), "
	    "IFNULL(MAX(TIMESTAMPDIFF(SECOND, c.state_since, FROM_UNIXTIME(?))), 0) "
	    "FROM departments d JOIN brands b ON b.id = d.brand_id "
	    "LEFT JOIN chats c ON c.department_id = d.id AND c.state = 'waiting' "
	    "GROUP BY d.id, b.name, d.name ORDER BY d.id LIMIT 2000" },
	[MS_WORKERS] = { "metrics_workers",
	    "SELECT name, ? - UNIX_TIMESTAMP(seen_at) FROM workers ORDER BY name" },
};

static void           *prepared[MS__MAX];
static struct db_table ms_table = { stmts, MS__MAX, prepared, NULL, 0 };

enum dbrc
db_metrics_queues(struct pool *p, long long now, struct dbres *out)
{
	return DB_RUN(&ms_table, MS_QUEUES, p, out, I(now));
}

enum dbrc
db_metrics_workers(struct pool *p, long long now, struct dbres *out)
{
	return DB_RUN(&ms_table, MS_WORKERS, p, out, I(now));
}
