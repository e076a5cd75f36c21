/*
 * job.h: the worker's jobs, one module each (src/job-<name>.c), declared
 * here and run in turn each tick by bin/wxdesk-worker. A job lives in its
 * own file even when it serves a feature (job-csat.c, job-bot.c,
 * job-alerts.c), so the programs that run no jobs (the webhook, the pages)
 * link none of their calls to WeChat; only assignment's pass is assign.c's
 * own (job_assign: it is the assignment). Every job claims its work in the
 * database first (a lease or a conditional UPDATE), so any number of
 * workers on any number of machines do each piece of work once.
 */
#ifndef WXDESK_JOB_H
#define WXDESK_JOB_H

#include <signal.h>

#include "wxapi.h"

void job_chats(struct pool *p);	/* follower messages folded into their chats */
void job_tokens(struct pool *p);	/* access tokens in their last 5 minutes */
void job_media(struct pool *p);	/* media followers sent, downloaded */
void job_followers(struct pool *p);	/* follower details from user/info */
void job_files(struct pool *p);	/* files nothing refers to, deleted */
void job_warnings(struct pool *p);	/* profanity warnings that came due */
void job_timers(struct pool *p);	/* missed, missed-close and idle-close timers */
void job_reports(struct pool *p);	/* report events folded into the roll-ups */
void job_alerts(struct pool *p);	/* operators alerted through WeChat (alerts.h) */
void job_csat(struct pool *p);	/* followers asked to rate their closed chat (csat.h) */
void job_bot_media(struct pool *p);	/* the chatbot's pictures uploaded, again after 2 days */

/* set by the worker's SIGTERM: a job stops between two pieces of work */
extern volatile sig_atomic_t job_stopping;

/* The channel's id, App ID and decrypted App Secret; 0, or -1. */
int job_channel(struct pool *p, long long id, struct wxapi_channel *ch);

#endif
