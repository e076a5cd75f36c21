/* db-metrics.c: what /metrics reads from the database (metrics.h). */
#include <stddef.h>

#include "db-run.h"
#include "hours.h"
#include "metrics.h"

#define METRICS_STATEMENTS(X) \
	X(metrics_queues, ROWS(metrics_queue), (long long now), (I(now)), \
	    "SELECT d.id department, b.name brand, d.name, COUNT(c.id) waiting, " \
	    "IFNULL(MAX(TIMESTAMPDIFF(SECOND, IFNULL(c.queued_at, c.state_since), " \
	    "FROM_UNIXTIME(?))), 0) longest FROM departments d JOIN brands b ON b.id = d.brand_id " \
	    "LEFT JOIN chats c ON c.department_id = d.id AND c.state IN ('waiting', 'missed') " \
	    "GROUP BY d.id, b.name, d.name ORDER BY d.id LIMIT 2000") \
	X(metrics_workers, ROWS(metrics_worker), (long long now), (I(now)), \
	    "SELECT name, ? - UNIX_TIMESTAMP(seen_at) ago FROM workers ORDER BY name") \
	/* each active account: seconds since its last message in (-1: never), \
	 * and whether its brand is open now (1 too for a brand keeping no hours) */ \
	X(metrics_channels, ROWS(metrics_channel), (long long now), (I(now), I(now)), \
	    "SELECT c.id, IFNULL(c.app_id, '') app_id, b.name brand, " \
	    "IFNULL(? - UNIX_TIMESTAMP(c.last_message_at), -1) quiet, " \
	    "IF(b.hours_enabled = 0, 1, " HOURS_OPEN_AT("t.l") ") open " \
	    "FROM channels c JOIN brands b ON b.id = c.brand_id JOIN (SELECT id, " \
	    "CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', time_zone) l FROM brands) t ON t.id = b.id " \
	    "WHERE c.state = 'active' ORDER BY c.id LIMIT 2000")
DB_STATEMENTS(METRICS_STATEMENTS, db_table_metrics)

