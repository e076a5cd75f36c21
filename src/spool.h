/*
 * spool.h: pushes kept for later when WeChat's 5 seconds are running out
 * (065). During a campaign's burst a push can wait in the server's queues
 * for seconds before a webhook process reads it; one whose signed
 * timestamp is Webhook.SpoolAfterSeconds (3) old or more is written as it
 * came, in one statement, and answered "success": WeChat neither times
 * out nor retries it, and the queue drains at the speed of one INSERT a
 * push. The worker (job_spool) takes each kept push through the usual
 * intake, oldest first. What the HTTP answer would have carried cannot be
 * said: the bot's answer to a kept message goes late as a customer-service
 * message (botsvc.h, the rules' when the account has no service). Any
 * other passive reply is stored, in the intake's transaction, as not said
 * (failed, fields.unsaid); the answer to a follow, a scan or a click (a
 * welcome, a menu button's text, the queue's text of a chat a click
 * opened) is instead marked 'late' there, and the outbox's senders send it
 * as a customer-service message while WeChat's short window allows (a
 * minute from when the follower acted: spool_reply_late, 3 messages),
 * SPOOL_SAY_MARGIN seconds before its end at the latest; one they find
 * too late, or with no room in its chat, is marked not said.
 *
 * Kept pushes are in SPOOL_LANES lanes by follower (066): a process takes a
 * lane under a lease, so a follower's pushes are taken in one at a time,
 * in order, while lanes drain side by side; a follower's push that comes
 * while one of theirs is kept is kept behind it (spool_due).
 */
#ifndef WXDESK_SPOOL_H
#define WXDESK_SPOOL_H

#include <signal.h>

#include "db.h"

#define SPOOL_SAY_MARGIN 5	/* seconds: WeChat's clock, and the call's own time */
#define SPOOL_LANES      8	/* a follower's kept pushes are in one lane (a row each
				 * in spool_lanes: 066) */
#define SPOOL_LEASE      30	/* seconds a process holds a lane, renewed a batch at a time */
#define SPOOL_CALM       2	/* seconds without a push kept: the burst is over */

/*
 * 1 when a push signed at ts, from the follower openid, is better kept
 * than taken through intake now: it has waited SpoolAfterSeconds, or one
 * of the follower's is kept (it goes behind it: their messages are stored
 * in the order they came). The latter is looked up only when the push has
 * waited a second or this process kept a push in the last SPOOL_CALM * 15
 * seconds (a burst): at other times no push costs a statement more.
 */
int spool_due(struct pool *p, long long channel, const char *openid, long long ts);
/*
 * In the intake's transaction of kept push msg, signed at acted (0: it is
 * no follow, scan or click): its passive reply, stored not said, goes late
 * while WeChat's short window lasts (SPOOL_SAY_MARGIN before its end).
 */
enum dbrc spool_reply_late(struct pool *p, long long channel, long long msg, long long acted,
	long long now);
/* the senders (outbox.h): the replies due to go late sent, or marked not
 * said when the window has passed or has no room; how many, or -1 */
int spool_say_pass(struct pool *p);

/* the worker's job: kept pushes through the intake, the lanes no other
 * process holds, for a second at most; job_spool_more: some were left (the
 * worker ticks again at once) */
void job_spool(struct pool *p);
extern int job_spool_more;
/* a taker, a child of the worker (Worker.SpoolTakers, 2): lanes taken in
 * until *stop once the burst is over (nothing kept for SPOOL_CALM
 * seconds: during it the webhook's processes need the cores, and the
 * tick's job alone takes pushes in), a second's rest when none is kept */
void spool_run(volatile sig_atomic_t *stop);

/* ---- the statements (db-spool.c) ---- */

/* a push kept (its plain XML), in its follower's lane; DB_OK also when its
 * signed URL was kept already */
enum dbrc db_spool_insert(struct pool *p, long long channel, const char *openid, long long ts,
	const char *nonce, const char *body, long long now);
/* how many of the follower's pushes are kept (-1: the database failed) */
long long db_spool_has(struct pool *p, long long channel, const char *openid);
/* the lanes that hold kept pushes */
#define SPOOL_LANE_ROW(C) C(INT, lane)
DB_ROW(spool_lane, SPOOL_LANE_ROW)
enum dbrc db_spool_lanes_kept(struct pool *p, struct spool_lane **rows, size_t *n);
/* lane leased to holder (a process's token) until until, or renewed;
 * DB_CONFLICT: another holds it */
enum dbrc db_spool_lease(struct pool *p, int lane, const char *holder, long long now,
	long long until);
enum dbrc db_spool_release(struct pool *p, int lane, const char *holder);
/* columns of db_spool_next: the oldest kept pushes, with their channel */
#define SPOOL_NEXT_ROW(C) C(INT, id) C(INT, channel_id) C(INT, push_ts) C(STR, push_nonce) \
	C(STR, body) C(INT, department_id) C(INT, erase) C(STR, state)
DB_ROW(spool_next, SPOOL_NEXT_ROW)
enum dbrc db_spool_next(struct pool *p, int lane, int limit, struct spool_next **rows,
	size_t *n);
/* the kept pushes taken in (a JSON array of their ids) */
enum dbrc db_spool_done(struct pool *p, const char *ids);
/* the kept push's passive reply (key "b:<message>", stored not said) to
 * go late as a customer-service message until until */
enum dbrc db_spool_late(struct pool *p, long long channel, const char *key, long long until);
/* the replies due to go late, oldest first */
#define SPOOL_LATE_ROW(C) C(INT, id) C(INT, chat) C(INT, follower) C(STR, openid) \
	C(STR, type) C(STR, body) C(STR, path) C(STR, mime) C(INT, attachment) C(INT, channel) \
	C(STR, app_id) C(STR, secret) C(INT, late_until)
DB_ROW(spool_late_due, SPOOL_LATE_ROW)
enum dbrc db_spool_late_due(struct pool *p, int limit, struct spool_late_due **rows, size_t *n);
/* one taken to be sent (DB_CONFLICT: another process's), counted in its
 * chat within WeChat's window (DB_CONFLICT: no room), or not said after all */
enum dbrc db_spool_late_take(struct pool *p, long long msg);
enum dbrc db_spool_late_chat(struct pool *p, long long chat, long long window_start);
enum dbrc db_spool_late_miss(struct pool *p, long long msg);
/* when the newest kept push was kept (unix time; 0: none is), or -1 */
long long db_spool_newest(struct pool *p);

#endif
