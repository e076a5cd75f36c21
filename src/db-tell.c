/* db-tell.c: the statements of what followers are told and of their follow-ups (tell.h). */
#include <stddef.h>

#include "db-run.h"
#include "wx.h"
#include "tell.h"

/* an operator of department d who could take a chat now: available, and a
 * page of theirs beat since the cutoff (assign.h) */
#define THERE(d) "FROM department_members m JOIN users u ON u.id = m.user_id " \
	"WHERE m.department_id = " d " AND u.disabled = 0 AND u.presence = 'available' " \
	"AND u.idle_since IS NULL AND u.console_seen_at >= FROM_UNIXTIME(?)"
/* where a chat stands in its department's queue (waiting and missed chats,
 * at the place they took) */
#define PLACE(c) "IFNULL(" c ".queued_at, " c ".state_since)"

#define TELL_STATEMENTS(X) \
	X(tell_texts, ROWS(tell_own), (long long brand), (I(brand)), \
	    "SELECT kind, body FROM brand_texts WHERE brand_id = ?") \
	/* a WeChat account's brand's texts: a row even when it wrote none */ \
	X(tell_channel_texts, ROWS(tell_channel_own), (long long channel), (I(channel)), \
	    "SELECT t.kind, t.body, b.follower_language lang FROM channels ch " \
	    "JOIN brands b ON b.id = ch.brand_id LEFT JOIN brand_texts t ON t.brand_id = b.id " \
	    "WHERE ch.id = ?") \
	X(tell_text_set, EXEC, (long long brand, const char *kind, const char *body, long long now), \
	    (I(brand), S(kind), S(body), I(now)), \
	    "INSERT INTO brand_texts (brand_id, kind, body, updated_at) VALUES (?, ?, ?, " \
	    "FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE body = VALUES(body), " \
	    "updated_at = VALUES(updated_at)") \
	X(tell_text_clear, EXEC, (long long brand, const char *kind), (I(brand), S(kind)), \
	    "DELETE FROM brand_texts WHERE brand_id = ? AND kind = ?") \
	/* \
	 * A chat that has just entered its department's queue: its brand and \
	 * the followers' language, its place (1: next), the queue's length, \
	 * the operators who could take it now, and the department's limit. \
	 */ \
	X(tell_facts, ROW(tell_facts_row), (long long chat, long long seen_after), \
	    (I(seen_after), I(chat)), \
	    "SELECT b.id brand, b.follower_language lang, c.department_id dept, " \
	    "(SELECT COUNT(*) FROM chats q WHERE q.state IN ('waiting', 'missed') AND " \
	    "q.department_id = c.department_id AND (" PLACE("q") " < " PLACE("c") " OR (" \
	    PLACE("q") " = " PLACE("c") " AND q.id <= c.id))) position, " \
	    "(SELECT COUNT(*) FROM chats q WHERE q.state IN ('waiting', 'missed') AND " \
	    "q.department_id = c.department_id) queued, " \
	    "(SELECT COUNT(*) " THERE("c.department_id") ") available, " \
	    "IFNULL(d.queue_limit, 10) queue_limit " \
	    "FROM chats c JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id WHERE c.id = ?") \
	/* \
	 * The waits of the department's chats picked up since then, as a \
	 * histogram (the reports' bins): the hours folded already and the \
	 * events not folded yet. \
	 */ \
	X(tell_waits, ROWS(tell_wait), (long long dept, long long since), \
	    (I(since / 3600 * 3600), I(dept), I(since), I(dept)), \
	    "SELECT vbin, SUM(n) n FROM (SELECT vbin, n FROM report_hours WHERE kind = 'picked_up' " \
	    "AND hour >= FROM_UNIXTIME(?) AND department_id = ? UNION ALL SELECT vbin, 1 " \
	    "FROM report_events WHERE rolled = 0 AND kind = 'picked_up' AND at >= FROM_UNIXTIME(?) " \
	    "AND department_id = ?) w GROUP BY vbin ORDER BY vbin") \
	/* \
	 * Since when nobody could take a chat in each department: set when the \
	 * last one goes, cleared when one is there again. Only the rows that \
	 * change are written, so two workers write each change once. \
	 */ \
	X(tell_nobody, EXEC, (long long now, long long seen_after), (I(now), I(seen_after)), \
	    "UPDATE departments d SET d.nobody_since = IF(d.nobody_since IS NULL, " \
	    "FROM_UNIXTIME(?), NULL) WHERE IF(EXISTS (SELECT 1 " THERE("d.id") "), " \
	    "d.nobody_since IS NOT NULL, d.nobody_since IS NULL)") \
	/* \
	 * Chats in the queue of a department where nobody has been available \
	 * for its minutes, that have waited that long themselves, and were not \
	 * offered to leave a message yet: oldest first. \
	 */ \
	X(tell_leave_due, ROWS(tell_leave), (long long now), (I(now), I(now)), \
	    "SELECT c.id chat, c.channel_id channel, c.follower_id follower, f.openid, ch.app_id, " \
	    "ch.app_secret_enc secret, ch.brand_id brand, b.follower_language lang, " \
	    "d.leave_after_minutes minutes FROM departments d " \
	    "JOIN chats c ON c.state IN ('waiting', 'missed') AND c.department_id = d.id " \
	    "JOIN followers f ON f.id = c.follower_id JOIN channels ch ON ch.id = c.channel_id " \
	    "JOIN brands b ON b.id = ch.brand_id " \
	    "WHERE d.nobody_since <= FROM_UNIXTIME(?) - INTERVAL d.leave_after_minutes MINUTE " \
	    "AND " PLACE("c") " <= FROM_UNIXTIME(?) - INTERVAL d.leave_after_minutes MINUTE " \
	    "AND c.leave_offer IS NULL AND ch.state = 'active' " \
	    "ORDER BY " PLACE("c") ", c.id LIMIT 100") \
	/* the offer, once, like any message: counted, within the window */ \
	X(tell_leave_claim, ELSE(DB_CONFLICT), (long long chat, long long now, \
	    long long window_start), \
	    (I(now), I(chat), I(window_start), I(window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, leave_offer = 'offered', " \
	    "leave_offered_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('waiting', 'missed') " \
	    "AND leave_offer IS NULL AND " WX_SQL_SENDABLE("")) \
	/* WeChat's rules leave no room for it: not offered */ \
	X(tell_leave_skip, DONE, (long long chat), (I(chat)), \
	    "UPDATE chats SET leave_offer = 'skipped' WHERE id = ? AND leave_offer IS NULL " \
	    "AND state IN ('waiting', 'missed')") \
	/* claimed, but WeChat did not deliver it: not offered after all */ \
	X(tell_leave_unoffer, DONE, (long long chat), (I(chat)), \
	    "UPDATE chats SET leave_offer = 'skipped' WHERE id = ? AND leave_offer = 'offered'") \
	/* follow-ups nobody answered whose follower last wrote before then */ \
	X(tell_expired, ROWS(tell_expired), (long long cutoff), (I(cutoff)), \
	    "SELECT id chat, channel_id channel, follower_id follower, department_id dept FROM chats " \
	    "WHERE followup_open <= FROM_UNIXTIME(?) LIMIT 500")
DB_STATEMENTS(TELL_STATEMENTS, db_table_tell)

