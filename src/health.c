/*
 * health.c: GET /healthz for load balancers and monitors: the database
 * answers, its schema is the one this code was built for, and a worker ran
 * within HEALTH_WORKER seconds (each worker notes its ticks: health_seen).
 * 200 with {"ok":true,…} when all hold, else 503 saying which does not.
 * One query; no sign-in, no session.
 */
#include <unistd.h>

#include "health.h"
#include "json.h"
#include "ui.h"

#define HEALTH_WORKER 60

void
health_seen(struct pool *p)
{
	char        host[64] = "worker";
	const char *name = cfg_get("Worker.Name", NULL);

	if (name == NULL || *name == '\0') {
		(void)gethostname(host, sizeof host - 1);
		name = host;
	}
	(void)db_worker_seen(p, name, (long long)wx_now());
}

void
health_get(struct req *r, struct resp *rs)
{
	struct dbres s;
	long long    schema = 0, ago = -1;
	int          db = db_health(&r->pool, &s) == DB_OK && s.nrows == 1;
	int          ok;

	if (db) {
		schema = db_int(&s, 0, HL_SCHEMA);
		ago = db_int(&s, 0, HL_WORKER) > 0 ? (long long)wx_now() - db_int(&s, 0, HL_WORKER) : -1;
	}
	ok = db && schema == WX_SCHEMA_VERSION && ago >= 0 && ago <= HEALTH_WORKER;
	resp_json(rs, ok ? 200 : 503, json_pack("{s:b,s:b,s:I,s:I,s:o}", "ok", ok,
	    "database", db, "schema", (json_int_t)schema, "schema_expected",
	    (json_int_t)WX_SCHEMA_VERSION, "worker_seen_seconds_ago",
	    ago >= 0 ? json_integer((json_int_t)ago) : json_null()));
}
