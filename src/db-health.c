/* db-health.c: the statements of /healthz and the workers' ticks (health.h). */
#include <stddef.h>

#include "db-run.h"
#include "health.h"

#define HEALTH_STATEMENTS(X) \
	X(health, ROW(health_state), (), (), \
	    "SELECT (SELECT IFNULL(MAX(version), 0) FROM schema_migrations) schema, " \
	    "(SELECT IFNULL(UNIX_TIMESTAMP(MAX(seen_at)), 0) FROM workers) worker") \
	X(worker_seen, EXEC, (const char *name, long long now), (S(name), I(now)), \
	    "INSERT INTO workers (name, seen_at) VALUES (?, FROM_UNIXTIME(?)) " \
	    "ON DUPLICATE KEY UPDATE seen_at = VALUES(seen_at)")
DB_STATEMENTS(HEALTH_STATEMENTS, db_table_health)

