/*
 * health.c: GET /healthz for load balancers and monitors: the database
 * answers, its schema is the one this code was built for, and a worker ran
 * within HEALTH_WORKER seconds (each worker notes its ticks: health_seen).
 * 200 with {"ok":true} when all hold, else 503 with {"ok":false,"failing":
 * […]} naming which do not ("database", "schema", "worker"); nothing more,
 * since anyone may ask (the figures are in /metrics, behind its token).
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
	struct health_state s;
	long long           ago = -1;
	int                 db = db_health(&r->pool, &s) == DB_OK;
	json_t      *failing = json_array();

	/* open to anyone: whether it is healthy, and what is not; no figures */
	if (!db)
		json_array_append_new(failing, json_string("database"));
	else {
		if (s.schema != WX_SCHEMA_VERSION)
			json_array_append_new(failing, json_string("schema"));
		if (s.worker > 0)
			ago = (long long)wx_now() - s.worker;
		if (ago < 0 || ago > HEALTH_WORKER)
			json_array_append_new(failing, json_string("worker"));
	}
	if (json_array_size(failing) == 0) {
		json_decref(failing);
		resp_json(rs, 200, json_pack("{s:b}", "ok", 1));
		return;
	}
	resp_json(rs, 503, json_pack("{s:b,s:o}", "ok", 0, "failing", failing));
}
