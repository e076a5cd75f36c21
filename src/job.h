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

#include "db.h"
#include "wxapi.h"

void job_chats(struct pool *p);	/* follower messages folded into their chats */
void job_tokens(struct pool *p);	/* access tokens in their last 5 minutes */
void job_media(struct pool *p);	/* media followers sent, downloaded */
void job_followers(struct pool *p);	/* follower details from user/info */
void job_writes(struct pool *p);	/* writes to WeChat about followers (writes.h) */
void job_sync(struct pool *p);	/* what WeChat's dashboard changed, read back (tags.h) */
void job_files(struct pool *p);	/* files nothing refers to, deleted */
void job_warnings(struct pool *p);	/* profanity warnings that came due */
void job_timers(struct pool *p);	/* missed, missed-close and idle-close timers */
void job_reports(struct pool *p);	/* report events folded into the roll-ups */
void job_alerts(struct pool *p);	/* operators alerted through WeChat (alerts.h) */
void job_csat(struct pool *p);	/* followers asked to rate their closed chat (csat.h) */
void job_bot_media(struct pool *p);	/* the chatbot's pictures uploaded, again after 2 days */

/* set by the worker's SIGTERM: a job stops between two pieces of work */
extern volatile sig_atomic_t job_stopping;

/* The account's tags as WeChat has them, here (job-sync.c): known ones
 * renamed and counted, one made here adopted by name, new ones added, gone
 * ones gone. 0, or WeChat's errcode (-1: the database). */
long job_sync_tags(struct pool *p, const struct wxapi_channel *ch, long long channel);

/* The channel's id, App ID and decrypted App Secret; 0, or -1. */
int job_channel(struct pool *p, long long id, struct wxapi_channel *ch);

/* ---- the worker's jobs: the statements (db-*.c) ---- */

/* the worker's (and wxapi.c's) and the simulator's statements */
enum dbrc db_token_ensure(struct pool *p, long long channel_id);
/* columns of db_token_get */
#define TOKEN_GET_ROW(C) C(STR, token) C(INT, expires) C(INT, last_errcode)
DB_ROW(token_get, TOKEN_GET_ROW)
enum dbrc db_token_get(struct pool *p, long long channel_id, struct token_get **rows, size_t *n);
enum dbrc db_token_lease(struct pool *p, long long channel_id, long long until, long long now,
	long long due_before);
enum dbrc db_token_store(struct pool *p, long long channel_id, const char *token,
	long long expires_at, long long fetched_at);
enum dbrc db_token_error(struct pool *p, long long channel_id, long long errcode,
	const char *error, long long retry_at);
enum dbrc db_token_expire_if(struct pool *p, long long channel_id, const char *token);
/* columns of db_channels_active */
#define CHANNELS_ACTIVE_ROW(C) C(INT, id) C(STR, app_id) C(STR, app_secret_enc) \
	C(INT, expires) C(INT, lease)
DB_ROW(channels_active, CHANNELS_ACTIVE_ROW)
enum dbrc db_channels_active(struct pool *p, struct channels_active **rows, size_t *n);
/* columns of db_media_due */
#define MEDIA_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, msg_type) C(STR, media_id) \
	C(INT, media_attempts)
DB_ROW(media_due, MEDIA_DUE_ROW)
enum dbrc db_media_due(struct pool *p, long long now, struct media_due **rows, size_t *n);
enum dbrc db_media_claim(struct pool *p, long long message_id, long long next_at, long long now);
enum dbrc db_media_done(struct pool *p, long long message_id, long long attachment_id);
enum dbrc db_media_fail(struct pool *p, long long message_id, const char *state,
	const char *error);
enum dbrc db_attachment_insert(struct pool *p, const char *sha256, const char *mime,
	long long size, const char *path, time_t at, long long *id);
/* columns of db_followers_info_due */
#define FOLLOWERS_INFO_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, openid)
DB_ROW(followers_info_due, FOLLOWERS_INFO_DUE_ROW)
enum dbrc db_followers_info_due(struct pool *p, struct followers_info_due **rows, size_t *n);
enum dbrc db_follower_info_claim(struct pool *p, long long follower_id);
enum dbrc db_follower_info_set(struct pool *p, long long follower_id, const char *language,
	const char *unionid, const char *remark, const char *scene, const char *qr_scene, time_t at);
/* columns of db_attachments_orphaned */
#define ATTACHMENTS_ORPHANED_ROW(C) C(INT, id) C(STR, path)
DB_ROW(attachments_orphaned, ATTACHMENTS_ORPHANED_ROW)
enum dbrc db_attachments_orphaned(struct pool *p, time_t before, struct attachments_orphaned **rows, size_t *n);
enum dbrc db_attachment_delete(struct pool *p, long long id);
long long db_attachment_path_used(struct pool *p, const char *path);
/* columns of db_attachment_file: a stored file by its id (a rule's or an
 * article's picture, shown on its page) */
#define ATTACHMENT_FILE_ROW(C) C(STR, path) C(STR, mime)
DB_ROW(attachment_file, ATTACHMENT_FILE_ROW)
enum dbrc db_attachment_file(struct pool *p, long long id, struct attachment_file *row);

#endif
