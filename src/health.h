/* health.h: /healthz (health.c) and its statements (db-health.c). */
#ifndef WXDESK_HEALTH_H
#define WXDESK_HEALTH_H

#include "db.h"

/* the newest migration, when a worker last ran (0: never) */
#define HEALTH_STATE(C) C(INT, schema) C(INT, worker)
DB_ROW(health_state, HEALTH_STATE)
enum dbrc db_health(struct pool *p, struct health_state *row);
/* a worker's tick, noted under the host's name */
enum dbrc db_worker_seen(struct pool *p, const char *name, long long now);

#endif
