/*
 * metrics.h: counters for /metrics (Prometheus' text format). Each process
 * (every FastCGI program, the worker) counts into its own slot of one
 * shared, memory-mapped file (Metrics.File), so counting costs no system
 * call and no database round trip; /metrics adds the slots up. A slot of a
 * process that ended is taken over by the next process of the same program,
 * counts and all, so the totals only grow, as Prometheus expects.
 */
#ifndef WXDESK_METRICS_H
#define WXDESK_METRICS_H

#include "db.h"

enum m_push { MP_STORED, MP_DUPLICATE, MP_SIGNATURE, MP_REJECTED, MP_UNAVAILABLE, MP__N };

void metrics_push(enum m_push outcome, double seconds);
void metrics_sent(long errcode);		/* a customer-service message, WeChat's errcode */
void metrics_token(int ok);			/* an access-token fetch */
void metrics_job(const char *job, int failed, double seconds, long long now);
/* the pushes counted by every process so far, by outcome; the slots in use */
int  metrics_pushes(unsigned long long out[MP__N]);
/* every department: its waiting chats, the longest wait (s) */
#define METRICS_QUEUE(C) C(INT, department) C(STR, brand) C(STR, name) C(INT, waiting) \
	C(INT, longest)
DB_ROW(metrics_queue, METRICS_QUEUE)
enum dbrc db_metrics_queues(struct pool *p, long long now, struct metrics_queue **rows, size_t *n);
/* every worker: seconds since it last ticked */
#define METRICS_WORKER(C) C(STR, name) C(INT, ago)
DB_ROW(metrics_worker, METRICS_WORKER)
enum dbrc db_metrics_workers(struct pool *p, long long now, struct metrics_worker **rows,
	size_t *n);
/* every active account: seconds since its last message in (-1: never), its brand open now */
#define METRICS_CHANNEL(C) C(INT, id) C(STR, app_id) C(STR, brand) C(INT, quiet) C(INT, open)
DB_ROW(metrics_channel, METRICS_CHANNEL)
enum dbrc db_metrics_channels(struct pool *p, long long now, struct metrics_channel **rows,
	size_t *n);
/* GET /metrics: from the addresses Metrics.Allow lists (default loopback) */
void metrics_get(struct req *r, struct resp *rs);

#endif
