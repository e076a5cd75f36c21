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
/* columns of db_metrics_queues: every department, its waiting chats */
enum { MQ_DEPARTMENT, MQ_BRAND, MQ_NAME, MQ_WAITING, MQ_LONGEST };
enum dbrc db_metrics_queues(struct pool *p, long long now, struct dbres *out);
/* columns of db_metrics_workers */
enum { MW_NAME, MW_AGO };
enum dbrc db_metrics_workers(struct pool *p, long long now, struct dbres *out);
/* columns of db_metrics_channels */
enum { MCH_ID, MCH_APPID, MCH_BRAND, MCH_QUIET, MCH_OPEN };
enum dbrc db_metrics_channels(struct pool *p, long long now, struct dbres *out);
/* GET /metrics: from the addresses Metrics.Allow lists (default loopback) */
void metrics_get(struct req *r, struct resp *rs);

#endif
