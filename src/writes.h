/*
 * writes.h: what wxdesk writes to WeChat about a follower (046): queued in
 * the transaction that decides it, sent by the worker (job-writes.c) within
 * WeChat's quotas, retried until WeChat answers, shown on the follower panel.
 */
#ifndef WXDESK_WRITES_H
#define WXDESK_WRITES_H

#include "db.h"

/* WeChat keeps a remark under 30 characters (its Chinese documentation says
 * bytes): a longer name stays in wxdesk; one WeChat finds too long answers
 * 40092, and stays in wxdesk too */
#define WRITE_REMARK_MAX 29
#define WRITE_API_REMARK "user/info/updateremark"
/* the account's tags (tags.h): made, renamed, deleted; the body is built
 * from the tag's row when sent */
#define WRITE_API_TAG_CREATE "tags/create"
#define WRITE_API_TAG_UPDATE "tags/update"
#define WRITE_API_TAG_DELETE "tags/delete"
/* a follower's tag and blacklist: sent together, as many as a call takes */
#define WRITE_API_TAGGING    "tags/members/batchtagging"
#define WRITE_API_UNTAGGING  "tags/members/batchuntagging"
#define WRITE_API_BLOCK      "tags/members/batchblacklist"
#define WRITE_API_UNBLOCK    "tags/members/batchunblacklist"
#define WRITE_TAGGING_MAX    50	/* OpenIDs a batchtagging call */
#define WRITE_BLACKLIST_MAX  20	/* OpenIDs a batchblacklist call */

/* ---- the statements (db-writes.c) ---- */

/*
 * The name an operator gives a follower: shown at once (the alias), and
 * queued for WeChat as the remark when it may fit (remote 1); either way it
 * supersedes a remark not sent yet, and one being sent goes first. ""
 * removes it. In one transaction.
 */
enum dbrc db_write_remark(struct pool *p, long long follower, const char *name, int remote,
	long long user, time_t now);

/* columns of db_write_last: the newest write of a follower and API */
#define WRITE_LAST_ROW(C) C(STR, state) C(INT, errcode) C(INT, due_at) C(INT, attempts)
DB_ROW(write_last, WRITE_LAST_ROW)
enum dbrc db_write_last(struct pool *p, long long follower, const char *api,
	struct write_last *row);

/* columns of db_writes_due: writes to send, the longest waiting first */
#define WRITES_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(INT, follower_id) C(INT, tag_id) \
	C(INT, qr_code_id) C(INT, menu_id) C(STR, api) C(STR, body) C(INT, attempts) \
	C(INT, errcode)
DB_ROW(writes_due, WRITES_DUE_ROW)
enum dbrc db_writes_due(struct pool *p, time_t now, long long limit, struct writes_due **rows,
	size_t *n);
/* the worker's lease of a write (DB_NOTFOUND: another worker has it) */
enum dbrc db_write_claim(struct pool *p, long long id, time_t until, time_t now);
/* WeChat took it: done, and what it set is recorded (a remark: the follower's) */
enum dbrc db_write_done(struct pool *p, long long id, time_t now);
/* not now: errcode, and when to try again */
enum dbrc db_write_retry(struct pool *p, long long id, long errcode, time_t due);
/* the account's writes wait until due (its daily quota is used up) */
enum dbrc db_writes_hold(struct pool *p, long long channel, time_t due);
/* writes answered or superseded before before: deleted (500 a call) */
enum dbrc db_writes_purge(struct pool *p, time_t before);
/* never: errcode */
enum dbrc db_write_failed(struct pool *p, long long id, long errcode, time_t now);

#endif
