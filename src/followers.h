/*
 * followers.h: the console's Followers page (ui-followers.c): an account's
 * followers, searched and filtered, and a follower's own page: their name
 * (written to WeChat as the remark, writes.h), details and chats.
 */
#ifndef WXDESK_FOLLOWERS_H
#define WXDESK_FOLLOWERS_H

#include "db.h"

struct follower_filter {
	long long   channel;	/* the account */
	const char *q;		/* a prefix of the name or the OpenID, or words of
				 * the name ("": any) */
	const char *scene;	/* the QR code's scene followed with ("": any) */
	const char *language;	/* as WeChat gives it, zh_CN ("": any) */
	int         state;	/* 0 any, 1 following, 2 unfollowed */
	int         blocked;	/* 1: on the blacklist only */
	long long   tag;	/* with this tag (wx_tags.id; 0: any) */
	time_t      from, to;	/* followed in [from, to) (0: open) */
	long long   before;	/* the page after this id (0: the first) */
	long long   limit;
};

/* ---- the statements (db-followers.c) ---- */

/* columns of db_follower_channels: the accounts a user may see the followers of */
#define FOLLOWER_CHANNEL_ROW(C) C(INT, id) C(STR, name)
DB_ROW(follower_channel, FOLLOWER_CHANNEL_ROW)
enum dbrc db_follower_channels(struct pool *p, long long user, int all,
	struct follower_channel **rows, size_t *n);

/* columns of db_follower_ledger: the open chat's window (chat 0: none) and
 * the follower's held replies */
#define FOLLOWER_LEDGER_ROW(C) C(INT, last_in) C(INT, grant_at) C(INT, outs) C(INT, chat) \
	C(INT, held)
DB_ROW(follower_ledger, FOLLOWER_LEDGER_ROW)
enum dbrc db_follower_ledger(struct pool *p, long long follower, struct follower_ledger *row);
/* columns of db_followers_list and db_follower_get */
#define FOLLOWER_ROW(C) C(INT, id) C(INT, channel_id) C(STR, openid) C(STR, name) \
	C(STR, alias) C(STR, remark) C(INT, subscribed) C(INT, subscribed_at) \
	C(INT, unsubscribed_at) C(STR, subscribe_scene) C(STR, qr_scene) C(STR, language) \
	C(INT, last_message_at) C(INT, chat_id) C(STR, chat_state) C(INT, blocked)
DB_ROW(follower, FOLLOWER_ROW)
/* a page of an account's followers, newest first (limit rows at most) */
enum dbrc db_followers_list(struct pool *p, const struct follower_filter *f,
	struct follower **rows, size_t *n);
/* one follower, when user may see their account (all: any account) */
enum dbrc db_follower_get(struct pool *p, long long id, long long user, int all,
	struct follower *row);

#endif
