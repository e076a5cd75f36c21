/*
 * db-sync.c: the statements of the worker's read-back from WeChat
 * (job-sync.c, tags.h): where each account's passes stand (wx_syncs), and
 * what WeChat's own dashboard changed, applied wherever no write of
 * wxdesk's own is still on its way (that write is newer).
 */
#include <stddef.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "tags.h"
#include "writes.h"

/* a write of wxdesk's own about the follower f.id not sent yet, or sent
 * since the pass began (its ? : when): WeChat's answer read may be older */
#define SY_PENDING(apis) "EXISTS (SELECT 1 FROM wx_writes w WHERE w.follower_id = f.id AND " \
	"w.api IN (" apis ") AND " SY_NEWER
#define SY_NEWER "(w.state = 'pending' OR (w.state = 'done' AND w.done_at >= FROM_UNIXTIME(?)))"
/* the OpenIDs of a page, as rows (followers.openid's collation, for its index) */
#define SY_OPENIDS(path, cols) "JSON_TABLE(?, '$[*]' COLUMNS (openid VARCHAR(64) CHARACTER " \
	"SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '" path "'" cols ")) j"

#define SYNC_STATEMENTS(X) \
	X(sync_accounts, EXEC, (), (), \
	    "INSERT IGNORE INTO wx_syncs (channel_id) SELECT id FROM channels WHERE state = 'active'") \
	X(sync_due, ROWS(sync_due), (time_t now), (I((long long)now), I((long long)now), \
	    I((long long)now), I((long long)now), I((long long)now), I((long long)now), \
	    I((long long)now), I((long long)now), I((long long)now)), \
	    "SELECT s.channel_id, s.tags_due <= FROM_UNIXTIME(?) tags, " \
	    "s.blacklist_due <= FROM_UNIXTIME(?) blacklist, s.followers_due <= FROM_UNIXTIME(?) " \
	    "followers, s.followers_after, s.blacklist_pass, s.menu_read, s.templates_due <= " \
	    "FROM_UNIXTIME(?) templates FROM wx_syncs s JOIN channels c ON c.id = s.channel_id " \
	    "AND c.state = 'active' WHERE (s.tags_due <= FROM_UNIXTIME(?) OR s.blacklist_due <= " \
	    "FROM_UNIXTIME(?) OR s.followers_due <= FROM_UNIXTIME(?) OR s.templates_due <= " \
	    "FROM_UNIXTIME(?)) AND (s.lease_until IS NULL " \
	    "OR s.lease_until <= FROM_UNIXTIME(?)) ORDER BY s.channel_id") \
	X(sync_templates_next, EXEC, (long long channel, time_t due), (I((long long)due), \
	    I(channel)), "UPDATE wx_syncs SET templates_due = FROM_UNIXTIME(?) WHERE channel_id = ?") \
	X(sync_claim, DONE, (long long channel, time_t until, time_t now), (I((long long)until), \
	    I(channel), I((long long)now)), \
	    "UPDATE wx_syncs SET lease_until = FROM_UNIXTIME(?) WHERE channel_id = ? AND " \
	    "(lease_until IS NULL OR lease_until <= FROM_UNIXTIME(?))") \
	X(sync_release, EXEC, (long long channel), (I(channel)), \
	    "UPDATE wx_syncs SET lease_until = NULL WHERE channel_id = ?") \
	X(sync_soon, EXEC, (long long channel), (I(channel)), \
	    "UPDATE wx_syncs SET tags_due = '1000-01-01' WHERE channel_id = ?") \
	X(sync_tags_next, EXEC, (long long channel, time_t due), (I((long long)due), I(channel)), \
	    "UPDATE wx_syncs SET tags_due = FROM_UNIXTIME(?) WHERE channel_id = ?") \
	X(sync_blacklist_next, EXEC, (long long channel, long long pass, time_t due), \
	    (I(pass), I((long long)due), I(channel)), \
	    "UPDATE wx_syncs SET blacklist_pass = GREATEST(blacklist_pass, ?), " \
	    "blacklist_due = FROM_UNIXTIME(?) WHERE channel_id = ?") \
	X(sync_followers_next, EXEC, (long long channel, long long after, time_t due), \
	    (I(after), I((long long)due), I(channel)), \
	    "UPDATE wx_syncs SET followers_after = ?, followers_due = FROM_UNIXTIME(?) " \
	    "WHERE channel_id = ?") \
	/* ---- the account's tags (tags/get) ---- */ \
	/* WeChat's name and count of a tag known here; a name of wxdesk's own \
	 * not sent yet is newer */ \
	X(sync_tag_update, EXEC, (long long tag, const char *name, long long followers), \
	    (S(name), I(followers), I(tag)), \
	    "UPDATE wx_tags t SET t.name = IF(EXISTS (SELECT 1 FROM wx_writes w WHERE " \
	    "w.tag_id = t.id AND w.follower_id IS NULL AND w.api IN ('" WRITE_API_TAG_CREATE \
	    "', '" WRITE_API_TAG_UPDATE "') AND w.state = 'pending'), t.name, ?), t.followers = ? " \
	    "WHERE t.id = ?") \
	/* a tag made here that WeChat has by the same name: the same tag */ \
	X(sync_tag_adopt, EXEC, (long long tag, long long wx_id, long long followers), \
	    (I(wx_id), I(followers), I(tag)), \
	    "UPDATE wx_tags SET wx_id = ?, followers = ? WHERE id = ? AND wx_id IS NULL") \
	/* …whose create, not sent yet, need not be */ \
	X(sync_tag_adopted, EXEC, (long long tag, time_t now), (I(tag), I((long long)now)), \
	    "UPDATE wx_writes SET state = 'superseded' WHERE tag_id = ? AND api = '" \
	    WRITE_API_TAG_CREATE "' AND state = 'pending' AND (lease_until IS NULL OR " \
	    "lease_until <= FROM_UNIXTIME(?))") \
	X(sync_tag_insert, EXEC, (long long channel, long long wx_id, const char *name, \
	    long long followers, time_t now), (I(channel), I(wx_id), S(name), I(followers), \
	    I((long long)now)), \
	    "INSERT IGNORE INTO wx_tags (channel_id, wx_id, name, followers, created_at) " \
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))") \
	/* ---- the blacklist (members/getblacklist, a page at a time) ---- */ \
	X(sync_blocked_seen, EXEC, (const char *openids, long long channel, long long pass, \
	    time_t now), (S(openids), I(channel), I(pass), I((long long)now), I((long long)now)), \
	    "UPDATE " SY_OPENIDS("$", "") " JOIN followers f ON f.channel_id = ? AND " \
	    "f.openid = j.openid SET f.blocked_seen = ?, f.blocked_at = IF(f.blocked = 1, " \
	    "f.blocked_at, FROM_UNIXTIME(?)), f.blocked = 1 WHERE NOT " \
	    SY_PENDING("'" WRITE_API_UNBLOCK "'") ")") \
	/* not on WeChat's list this pass, blocked before it began (a block \
	 * on its way, or told WeChat since, has the last word) */ \
	X(sync_blocked_gone, EXEC, (long long channel, long long pass, time_t started), \
	    (I(channel), I(pass), I((long long)started), I((long long)started)), \
	    "UPDATE followers f SET f.blocked = 0, f.blocked_at = NULL WHERE f.channel_id = ? " \
	    "AND f.blocked = 1 AND f.blocked_seen < ? AND f.blocked_at < FROM_UNIXTIME(?) AND NOT " \
	    SY_PENDING("'" WRITE_API_BLOCK "'") ")") \
	/* ---- the followers' pass (user/info/batchget, 100 a call) ---- */ \
	X(sync_followers, ROWS(sync_follower), (long long channel, long long after, \
	    long long limit), (I(channel), I(after), I(limit)), \
	    "SELECT id, openid FROM followers FORCE INDEX (ix_followers_list) WHERE " \
	    "channel_id = ? AND id > ? AND subscribed = 1 AND erased = 0 ORDER BY id LIMIT ?") \
	/* [{openid, remark}]: WeChat's remark, unless one of wxdesk's is on its way */ \
	X(sync_remarks, EXEC, (const char *users, long long channel, time_t started), \
	    (S(users), I(channel), I((long long)started)), \
	    "UPDATE " SY_OPENIDS("$.openid", ", remark VARCHAR(100) PATH '$.remark'") \
	    " JOIN followers f ON f.channel_id = ? AND f.openid = j.openid SET " \
	    "f.remark = NULLIF(j.remark, ''), " FOLLOWER_NAME_AT("f.", "f.alias", "j.remark") \
	    " WHERE NOT " \
	    SY_PENDING("'" WRITE_API_REMARK "'") ")") \
	/* [{openid, tags: ",100,101,"}]: a tag WeChat no longer gives them */ \
	X(sync_untag, EXEC, (const char *users, long long channel, time_t started), \
	    (S(users), I(channel), I((long long)started)), \
	    "DELETE ft FROM " SY_OPENIDS("$.openid", ", tags VARCHAR(1000) PATH '$.tags'") \
	    " JOIN followers f ON f.channel_id = ? AND f.openid = j.openid JOIN follower_tags ft " \
	    "ON ft.follower_id = f.id JOIN wx_tags t ON t.id = ft.tag_id WHERE t.wx_id IS NOT NULL " \
	    "AND LOCATE(CONCAT(',', t.wx_id, ','), j.tags) = 0 AND NOT EXISTS (SELECT 1 FROM " \
	    "wx_writes w WHERE w.follower_id = f.id AND w.tag_id = t.id AND " SY_NEWER ")") \
	/* [{openid, tag}]: a tag WeChat gives them */ \
	X(sync_tag, EXEC, (const char *pairs, long long channel, time_t started), \
	    (S(pairs), I(channel), I((long long)started)), \
	    "INSERT IGNORE INTO follower_tags (follower_id, tag_id) SELECT f.id, t.id FROM " \
	    SY_OPENIDS("$.openid", ", wx INT PATH '$.tag'") " JOIN followers f ON " \
	    "f.channel_id = ? AND f.openid = j.openid JOIN wx_tags t ON t.channel_id = " \
	    "f.channel_id AND t.wx_id = j.wx AND t.deleting = 0 WHERE NOT EXISTS (SELECT 1 FROM " \
	    "wx_writes w WHERE w.follower_id = f.id AND w.tag_id = t.id AND " SY_NEWER ")") \
	/* open chats of followers blocked in WeChat's dashboard, to close */ \
	X(sync_blocked_open, ROWS(sync_follower), (long long channel), (I(channel)), \
	    "SELECT f.id, f.openid FROM followers f FORCE INDEX (ix_followers_blocked) JOIN chats c " \
	    "ON c.open_follower = f.id WHERE f.channel_id = ? AND f.blocked = 1")
DB_STATEMENTS(SYNC_STATEMENTS, db_table_sync)
