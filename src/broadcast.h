/*
 * broadcast.h: broadcasts to a tag or to every follower (054), within
 * WeChat's quotas: message/mass/sendall by a tag or to all, with a
 * clientmsgid of its own (a random one: a retried call is not a second
 * broadcast: WeChat answers 45065 with the first one's msg_id); a preview
 * to one follower first (mass/preview); the later result
 * (MASSSENDJOBFINISH) recorded. A service account's follower receives at
 * most BROADCAST_MONTH_MAX a month: wxdesk counts what each received this
 * Beijing month, the page says how many of the audience can still receive
 * one, and a broadcast that would reach nobody is refused. Queued now or
 * for later (ui-broadcasts.c), sent by the worker (job-broadcasts.c).
 */
#ifndef WXDESK_BROADCAST_H
#define WXDESK_BROADCAST_H

#include "db.h"

#define BROADCAST_MONTH_MAX 4 /* broadcasts to everyone a follower receives a month */
#define BROADCAST_TEXT_MAX  600	/* characters of a text broadcast */
#define BROADCAST_LIST_MIN  2	/* OpenIDs of a mass/send, at least (40130) */
#define BROADCAST_LIST_MAX  10000

/* the month as WeChat counts it (Beijing): "2026-12" */
const char *broadcast_month(struct pool *p, time_t now);

/* the account's followers a broadcast to tag (0: all) would reach: all of
 * them who follow and are not blocked, and those of them who can still
 * receive one this month */
#define BROADCAST_REACH_ROW(C) C(INT, audience) C(INT, reachable)
DB_ROW(broadcast_reach, BROADCAST_REACH_ROW)
enum dbrc db_broadcast_reach(struct pool *p, long long channel, long long tag, const char *month,
	struct broadcast_reach *row);
#define BROADCAST_TAG_ROW(C) C(INT, id) C(STR, name) C(INT, audience)
DB_ROW(broadcast_tag, BROADCAST_TAG_ROW)
enum dbrc db_broadcast_tags(struct pool *p, long long channel, struct broadcast_tag **rows,
	size_t *n);
/* queued: a send (tag 0: all) or a preview (to: the follower) */
enum dbrc db_broadcast_queue(struct pool *p, long long channel, const char *kind, long long tag,
	long long to, const char *content, long long audience, long long reachable, time_t due,
	long long user, time_t now, long long *id);
/* the account's follower with openid, following (0: none) */
long long db_broadcast_follower(struct pool *p, long long channel, const char *openid);
/* the reach of a list of OpenIDs (a JSON array): those who follow the
 * account, unblocked, and of them those who can still receive one */
enum dbrc db_broadcast_reach_list(struct pool *p, long long channel, const char *openids,
	const char *month, struct broadcast_reach *row);
/* a send to a list (message/mass/send), its followers with it, in one transaction */
enum dbrc db_broadcast_queue_list(struct pool *p, long long channel, const char *openids,
	const char *content, long long audience, long long reachable, long long user, time_t now,
	long long *id);
#define BROADCAST_OPENID_ROW(C) C(STR, openid)
DB_ROW(broadcast_openid, BROADCAST_OPENID_ROW)
enum dbrc db_broadcast_openids(struct pool *p, long long id, struct broadcast_openid **rows,
	size_t *n);
enum dbrc db_broadcast_cancel(struct pool *p, long long channel, long long id);
#define BROADCAST_ROW(C) C(INT, id) C(STR, kind) C(STR, tag) C(INT, to_list) C(STR, preview_to) \
	C(STR, content) C(STR, state) C(INT, due_at) C(INT, audience) C(INT, reachable) \
	C(INT, wx_errcode) C(STR, status) C(INT, total_count) C(INT, filter_count) \
	C(INT, sent_count) C(INT, error_count) C(STR, author) C(INT, created_at)
DB_ROW(broadcast, BROADCAST_ROW)
enum dbrc db_broadcasts(struct pool *p, long long channel, struct broadcast **rows, size_t *n);

/* a follower's broadcasts received this month (the ledger) */
long long db_broadcast_received(struct pool *p, long long follower, const char *month);

/* ---- the worker's side (job-broadcasts.c) ---- */
#define BROADCAST_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, kind) C(INT, tag_wx) \
	C(INT, to_list) C(STR, client_id) C(STR, openid) C(STR, content)
DB_ROW(broadcast_due, BROADCAST_DUE_ROW)
enum dbrc db_broadcasts_due(struct pool *p, time_t now, struct broadcast_due **rows, size_t *n);
enum dbrc db_broadcast_claim(struct pool *p, long long id, time_t until, time_t now);
/* WeChat took it: its msg_id, and (a send) each follower of the audience
 * who could still receive one counted for the month, in one transaction */
enum dbrc broadcast_sent(struct pool *p, long long id, const char *msgid, time_t now);
enum dbrc db_broadcast_refused(struct pool *p, long long id, long e, time_t now);
enum dbrc db_broadcast_retry(struct pool *p, long long id, long e, time_t due);
/* WeChat's result for msgid (MASSSENDJOBFINISH) */
enum dbrc db_broadcast_finished(struct pool *p, long long channel, const char *msgid,
	const char *status, long long total, long long filter, long long sent, long long errors,
	time_t now);

void job_broadcasts(struct pool *p);

#endif
