/* health.h: /healthz (health.c) and its statements (db-health.c). */
#ifndef WXDESK_HEALTH_H
#define WXDESK_HEALTH_H

#include "db.h"

/* columns of db_health: the newest migration, when a worker last ran */
enum { HL_SCHEMA, HL_WORKER };
enum dbrc db_health(struct pool *p, struct dbres *out);
/* a worker's tick, noted under the host's name */
enum dbrc db_worker_seen(struct pool *p, const char *name, long long now);

#endif
