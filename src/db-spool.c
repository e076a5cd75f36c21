/* db-spool.c: the statements of the spool (spool.h). */
#include <stddef.h>

#include "db-run.h"
#include "spool.h"
#include "wx.h"

#define SPOOL_STATEMENTS(X) \
	X(spool_insert, EXEC, (long long channel, const char *openid, long long ts, \
	    const char *nonce, const char *body, long long now), \
	    (I(channel), S(openid), S(openid), I(ts), S(nonce), S(body), I(now)), \
	    "INSERT IGNORE INTO push_spool (channel_id, lane, openid, push_ts, push_nonce, " \
	    "body, spooled_at) VALUES (?, CRC32(?) % " WX_SQL(SPOOL_LANES) ", ?, ?, ?, ?, " \
	    "FROM_UNIXTIME(?))") \
	X(spool_has, COUNT, (long long channel, const char *openid), (I(channel), S(openid)), \
	    "SELECT COUNT(*) FROM push_spool WHERE channel_id = ? AND openid = ? LIMIT 1") \
	X(spool_next, ROWS(spool_next), (int lane, int limit), \
	    (I((long long)lane), I((long long)limit)), \
	    "SELECT s.id, s.channel_id, s.push_ts, s.push_nonce, s.body, " \
	    "IFNULL(c.department_id, 0) department_id, IFNULL(p.erase_on_unfollow, 0) erase, " \
	    "c.state FROM push_spool s JOIN channels c ON c.id = s.channel_id " \
	    "LEFT JOIN channel_prefs p ON p.channel_id = s.channel_id WHERE s.lane = ? " \
	    "ORDER BY s.id LIMIT ?") \
	X(spool_lanes_kept, ROWS(spool_lane), (), (), \
	    "SELECT DISTINCT lane FROM push_spool") \
	X(spool_lease, ELSE(DB_CONFLICT), (int lane, const char *holder, long long now, \
	    long long until), (S(holder), I(until), I((long long)lane), S(holder), I(now)), \
	    "UPDATE spool_lanes SET holder = ?, held_until = ?, turns = turns + 1 WHERE lane = ? AND " \
	    "(holder = ? OR held_until < ?)") \
	X(spool_release, EXEC, (int lane, const char *holder), (I((long long)lane), S(holder)), \
	    "UPDATE spool_lanes SET held_until = 0 WHERE lane = ? AND holder = ?") \
	X(spool_done, EXEC, (const char *ids), (S(ids)), \
	    "DELETE s FROM push_spool s JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED " \
	    "PATH '$')) j ON j.id = s.id") \
	/* a kept push's passive reply (stored not said) to go late: its deadline */ \
	X(spool_late, EXEC, (long long channel, const char *key, long long until), \
	    (I(until), I(channel), S(key)), \
	    "UPDATE messages SET delivery_state = 'late', fields = JSON_SET(JSON_REMOVE(fields, " \
	    "'$.unsaid'), '$.late_until', ?) WHERE channel_id = ? AND dedupe_key = ? AND " \
	    "direction = 'out' AND delivery_state = 'failed'") \
	X(spool_late_due, ROWS(spool_late_due), (int limit), (I((long long)limit)), \
	    "SELECT m.id, IFNULL(m.chat_id, 0) chat, m.follower_id follower, f.openid, " \
	    "m.msg_type type, m.body, a.path, a.mime, IFNULL(m.attachment_id, 0) attachment, " \
	    "m.channel_id channel, c.app_id, c.app_secret_enc secret, " \
	    "IFNULL(CAST(JSON_VALUE(m.fields, '$.late_until') AS INTEGER), 0) late_until " \
	    "FROM messages m JOIN followers f ON f.id = m.follower_id " \
	    "JOIN channels c ON c.id = m.channel_id " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "WHERE m.delivery_state = 'late' ORDER BY m.id LIMIT ?") \
	X(spool_late_take, ELSE(DB_CONFLICT), (long long msg), (I(msg)), \
	    "UPDATE messages SET delivery_state = 'sending' WHERE id = ? AND delivery_state = 'late'") \
	X(spool_late_chat, ELSE(DB_CONFLICT), (long long chat, long long window_start), \
	    (I(chat), I(window_start), I(window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1 WHERE id = ? AND " \
	    "state <> 'closed' AND " WX_SQL_SENDABLE("")) \
	X(spool_late_miss, EXEC, (long long msg), (I(msg)), \
	    "UPDATE messages SET delivery_state = 'failed', fields = JSON_SET(JSON_REMOVE(fields, " \
	    "'$.late_until'), '$.unsaid', 1) WHERE id = ? AND delivery_state = 'late'") \
	X(spool_newest, COUNT, (), (), \
	    "SELECT IFNULL((SELECT UNIX_TIMESTAMP(spooled_at) FROM push_spool ORDER BY id DESC " \
	    "LIMIT 1), 0)")
DB_STATEMENTS(SPOOL_STATEMENTS, db_table_spool)
