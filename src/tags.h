/*
 * tags.h: an account's tags and blacklist, kept in step with WeChat both
 * ways (047). Here: a tag made, renamed or deleted, a follower tagged or
 * untagged, blocked or unblocked, at once in wxdesk and queued for WeChat
 * (writes.h) in the same transaction (db-tags.c); checked against WeChat's
 * limits first, so a refusal is said in words before WeChat would say it.
 * There: the worker reads back what WeChat's own dashboard changed
 * (job-sync.c).
 */
#ifndef WXDESK_TAGS_H
#define WXDESK_TAGS_H

#include "db.h"

#define TAGS_MAX         100	/* an account's own tags (45056 beyond) */
#define TAGS_A_FOLLOWER  20	/* a follower's (45059 beyond) */
#define TAG_NAME_MAX     30	/* bytes (45158 beyond) */
#define TAG_RESERVED_MAX 2	/* WeChat's own tags are 0-2: never changed (45058) */
#define TAG_DELETE_MAX   100000	/* a tag with more followers is not deleted (45057) */

/* How a change was refused before WeChat would (the catalogue's tag.<word>). */
enum tag_refusal {
	TAG_OK = 0,
	TAG_TOO_MANY,		/* the account has its 100 tags */
	TAG_NAME_TAKEN,		/* the account has a tag of that name */
	TAG_NAME_LONG,		/* longer than 30 bytes */
	TAG_NAME_EMPTY,
	TAG_SYSTEM,		/* one of WeChat's own */
	TAG_BIG,		/* more than 100,000 followers */
	TAG_FOLLOWER_FULL,	/* the follower has 20 */
	TAG_GONE,		/* no such tag (deleted meanwhile) */
	TAG_UNFOLLOWED		/* the follower no longer follows the account */
};
/* the catalogue key that says why, in words */
const char *tag_refusal_key(enum tag_refusal why);

/* ---- in a transaction each, queued for WeChat with it (db-tags.c) ----
 * Each returns DB_OK, DB_INVALID with *why set, or a dbrc. */
enum dbrc tag_create(struct pool *p, long long channel, const char *name, long long user,
	time_t now, enum tag_refusal *why);
enum dbrc tag_rename(struct pool *p, long long channel, long long tag, const char *name,
	long long user, time_t now, enum tag_refusal *why);
enum dbrc tag_delete(struct pool *p, long long channel, long long tag, long long user,
	time_t now, enum tag_refusal *why);
/* follower gets tag (on) or loses it */
enum dbrc tag_follower(struct pool *p, long long follower, long long tag, int on,
	long long user, time_t now, enum tag_refusal *why);
/* follower gets tag in the caller's transaction (a push's: a QR code's tag) */
enum dbrc db_tag_follower_here(struct pool *p, long long follower, long long tag, time_t now,
	enum tag_refusal *why);
/* (a follower onto the blacklist or off it: chat.h's chat_block) */

/* ---- the statements (db-tags.c) ---- */

/* columns of db_tags_of: an account's tags, with where their newest write stands */
#define TAG_ROW(C) C(INT, id) C(INT, wx_id) C(STR, name) C(INT, followers) C(INT, deleting) \
	C(STR, write_state) C(INT, write_errcode) C(INT, write_attempts) C(STR, write_api)
DB_ROW(tag, TAG_ROW)
enum dbrc db_tags_of(struct pool *p, long long channel, struct tag **rows, size_t *n);

/* columns of db_follower_tags: a follower's tags, and where the newest
 * write of each stands (write_api: tagging or untagging) */
#define FOLLOWER_TAG_ROW(C) C(INT, id) C(STR, name) C(INT, on) C(STR, write_state) \
	C(INT, write_errcode) C(INT, write_attempts)
DB_ROW(follower_tag, FOLLOWER_TAG_ROW)
/* tags the follower has (on 1), and tags they lost whose write is not done (on 0) */
enum dbrc db_follower_tags(struct pool *p, long long follower, struct follower_tag **rows,
	size_t *n);

/* columns of db_tags_shown: the tags of some followers (a page's), by name */
#define TAG_SHOWN_ROW(C) C(INT, follower_id) C(STR, name)
DB_ROW(tag_shown, TAG_SHOWN_ROW)
/* ids: a JSON array of follower ids */
enum dbrc db_tags_shown(struct pool *p, const char *ids, struct tag_shown **rows, size_t *n);

/* columns of db_block_state: a follower's blacklist state and its newest write */
#define BLOCK_STATE_ROW(C) C(INT, blocked) C(INT, blocked_at) C(STR, write_state) \
	C(INT, write_errcode) C(INT, write_attempts)
DB_ROW(block_state, BLOCK_STATE_ROW)
enum dbrc db_block_state(struct pool *p, long long follower, struct block_state *row);

/* columns of db_tag_for_write: what the worker sends about a tag */
#define TAG_WRITE_ROW(C) C(INT, channel_id) C(INT, wx_id) C(STR, name) C(INT, creating)
DB_ROW(tag_write, TAG_WRITE_ROW)
enum dbrc db_tag_for_write(struct pool *p, long long tag, struct tag_write *row);
/* WeChat made the tag: its id */
enum dbrc db_tag_made(struct pool *p, long long tag, long long wx_id);
/* WeChat deleted the tag: gone here too */
enum dbrc db_tag_gone(struct pool *p, long long tag);
/* WeChat refused to delete it: usable again (its followers read back from WeChat) */
enum dbrc db_tag_kept(struct pool *p, long long tag);

/* columns of db_blocked_messages: what a blocked follower sent (no chat), newest first */
#define BLOCKED_MESSAGE_ROW(C) C(INT, id) C(STR, msg_type) C(STR, body) C(INT, at)
DB_ROW(blocked_message, BLOCKED_MESSAGE_ROW)
enum dbrc db_blocked_messages(struct pool *p, long long follower,
	struct blocked_message **rows, size_t *n);

/* the follower onto the blacklist (on) or off it, and its write for WeChat,
 * in the caller's transaction (chat_block); *changed 0: as it was */
enum dbrc db_block_write(struct pool *p, long long follower, int on, long long user,
	time_t now, int *changed);

/* ---- the worker's read-back from WeChat (db-sync.c, job-sync.c) ---- */

/* every active account has its row of wx_syncs */
enum dbrc db_sync_accounts(struct pool *p);
/* columns of db_sync_due: accounts with a pass due (1: due) */
#define SYNC_DUE_ROW(C) C(INT, channel_id) C(INT, tags) C(INT, blacklist) C(INT, followers) \
	C(INT, followers_after) C(INT, blacklist_pass) C(INT, menu_read) C(INT, templates)
DB_ROW(sync_due, SYNC_DUE_ROW)
/* the account's templates read again at due (notice.h) */
enum dbrc db_sync_templates_next(struct pool *p, long long channel, time_t due);
enum dbrc db_sync_due(struct pool *p, time_t now, struct sync_due **rows, size_t *n);
/* the worker's lease of an account's passes (DB_NOTFOUND: another worker has it) */
enum dbrc db_sync_claim(struct pool *p, long long channel, time_t until, time_t now);
enum dbrc db_sync_release(struct pool *p, long long channel);
/* the account's tags read again at the next tick */
enum dbrc db_sync_soon(struct pool *p, long long channel);
enum dbrc db_sync_tags_next(struct pool *p, long long channel, time_t due);
/* the blacklist's pass (a number, one more each pass) done; the next at due */
enum dbrc db_sync_blacklist_next(struct pool *p, long long channel, long long pass, time_t due);
/* the followers' pass is at after (0: done), and goes on at due */
enum dbrc db_sync_followers_next(struct pool *p, long long channel, long long after,
	time_t due);
enum dbrc db_sync_tag_update(struct pool *p, long long tag, const char *name,
	long long followers);
enum dbrc db_sync_tag_adopt(struct pool *p, long long tag, long long wx_id, long long followers);
enum dbrc db_sync_tag_adopted(struct pool *p, long long tag, time_t now);
enum dbrc db_sync_tag_insert(struct pool *p, long long channel, long long wx_id,
	const char *name, long long followers, time_t now);
/* openids: a page of WeChat's blacklist (a JSON array); pass: this pass's number */
enum dbrc db_sync_blocked_seen(struct pool *p, const char *openids, long long channel,
	long long pass, time_t now);
/* after the pass (begun at started): those not on the list unblocked */
enum dbrc db_sync_blocked_gone(struct pool *p, long long channel, long long pass,
	time_t started);
/* columns of db_sync_followers: the next followers of the pass */
#define SYNC_FOLLOWER_ROW(C) C(INT, id) C(STR, openid)
DB_ROW(sync_follower, SYNC_FOLLOWER_ROW)
enum dbrc db_sync_followers(struct pool *p, long long channel, long long after,
	long long limit, struct sync_follower **rows, size_t *n);
/* users: [{"openid", "remark", "tags": ",100,101,"}]; pairs: [{"openid", "tag"}] */
/* (started: when the call was made; a write of wxdesk's sent since wins) */
enum dbrc db_sync_remarks(struct pool *p, const char *users, long long channel, time_t started);
enum dbrc db_sync_untag(struct pool *p, const char *users, long long channel, time_t started);
enum dbrc db_sync_tag(struct pool *p, const char *pairs, long long channel, time_t started);
/* followers on the blacklist who have an open chat (blocked in WeChat's dashboard) */
enum dbrc db_sync_blocked_open(struct pool *p, long long channel, struct sync_follower **rows,
	size_t *n);

#endif
