/*
 * db-chats.c: the statements of WeChat accounts, followers, chats and
 * messages: intake's, the console's, the send path's, the timers' (a table
 * of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-run.h"
#include "wx.h"

enum chats_stmt {
	S_CHANNEL_BY_KEY,
	S_CHANNEL_GET,
	S_CHANNEL_INSERT,
	S_CHANNEL_UPDATE_SETUP,
	S_CHANNEL_SET_STATE,
	S_CHANNEL_VERIFIED,
	S_CHANNEL_INACTIVE_MSG,
	S_CHANNEL_FAILURE,
	S_PREFS_INSERT,
	S_CHANNEL_LIST,
	S_CHANNEL_BRANDS,
	S_CHANNEL_SET_BRAND,
	S_CHANNEL_PROGRESS,
	S_CHANNEL_DEPARTMENT,
	S_CHANNEL_DELETE,
	S_CHANNEL_LAST_MSG,
	S_CHANNEL_RESET_HEALTH,
	S_PREFS_GET,
	S_PREFS_SET,
	S_TOKEN_RESET,
	S_CONSOLE_LIST,
	S_CONSOLE_COUNTS,
	S_CONSOLE_COUNTS_ALL,
	S_CONSOLE_MARK,
	S_CONSOLE_CHAT,
	S_CONSOLE_MEMBER,
	S_TRANSCRIPT,
	S_CHAT_PICKUP,
	S_OUT_CLAIM,
	S_OUT_UNCLAIM,
	S_OUT_RESULT,
	S_OUT_GET,
	S_MESSAGE_OUT,
	S_TRANSFER_TARGETS,
	S_CHAT_TO_DEPT,
	S_CHAT_TO_USER,
	S_PROF_SETTINGS_GET,
	S_PROF_SETTINGS_SET,
	S_PROF_WORDS,
	S_PROF_WORD_ADD,
	S_PROF_WORD_DELETE,
	S_PROF_FOR_CHANNEL,
	S_CHAT_ABUSE,
	S_CHAT_ABUSE_GET,
	S_CHAT_WARN_DUE,
	S_WARN_DUE_LIST,
	S_WARN_CLAIM,
	S_WARN_DONE,
	S_TIMER_CHANNELS,
	S_TIMER_DUE,
	S_TIMER_IDLE_DUE,
	S_TIMER_MISS,
	S_TIMER_CLOSE_MISSED,
	S_TIMER_CLOSE_IDLE,
	S_FOLLOWER_CHATS,
	S_CHAT_LAST_OF,
	S_CANNED_LIST,
	S_CANNED_INSERT,
	S_CANNED_DELETE,
	S_CANNED_FIND,
	S_FOLLOWER_ALIAS,
	S_MEDIA_OF_MESSAGE,
	S_TOKEN_STATUS,
	S_FOLLOWER_UPSERT,
	S_FOLLOWER_SUBSCRIBE,
	S_FOLLOWER_UNSUBSCRIBE,
	S_FOLLOWER_ERASE,
	S_MESSAGES_ERASE,
	S_MESSAGE_INSERT,
	S_REPORT_FOLLOW,
	S_MESSAGE_BY_PUSH,
	S_CHAT_OPEN_LOCK,
	S_CHAT_CLOSE,
	S_CHAT_CLOSE_BY,
	S_CHAT_REOPEN,
	S_CHAT_LEAVE_MARK,
	S_CHAT_FOLLOWUP,
	S_CHAT_FOLLOWUP_EXPIRE,
	S_AUTO_REPLY,
	S_CHAT_INSERT,
	S_CHAT_IN,
	S_MESSAGE_CONTINUE,
	S_CHAT_CATCH_UP,
	S_FOLD_MARK,
	S_FOLD_TOP,
	S_FOLD_NEW_TABLE,
	S_FOLD_NEW_CLEAR,
	S_FOLD_NEW,
	S_CHAT_FOLD,
	S_REPORT_IN_FOLD,
	S_FOLD_SET,
	S_CHAT_TOUCH_OPEN,
	S__MAX
};

/*
 * A chat's state as of its newest follower message, which the hot path
 * stores without touching the chat's row (S_MESSAGE_CONTINUE): the row's
 * columns, unless a newer follower message exists (one that last_in_id
 * does not cover yet): then the follower wrote last, and no reply since
 * counts. c names the chat's row.
 */
#define CHAT_NEWER_IN(c) "EXISTS (SELECT 1 FROM messages n WHERE n.chat_id = " c ".id " \
	"AND n.id > " c ".last_in_id AND n.direction = 'in' AND n.msg_type <> 'event')"
#define CHAT_LAST_IN(c) "GREATEST(" c ".last_user_msg_at, IFNULL((SELECT MAX(n.created_at) " \
	"FROM messages n WHERE n.chat_id = " c ".id AND n.id > " c ".last_in_id " \
	"AND n.direction = 'in' AND n.msg_type <> 'event'), " c ".last_user_msg_at))"
#define CHAT_OUTS(c) "IF(" CHAT_NEWER_IN(c) ", 0, " c ".consecutive_out)"
/* the follower messages of chat c after its last_in_id, up to id upto */
#define CHAT_INS_UPTO(c, upto) "(SELECT COUNT(*) FROM messages x WHERE x.chat_id = " c ".id " \
	"AND x.id > " c ".last_in_id AND x.id <= " upto " AND x.direction = 'in' " \
	"AND x.msg_type <> 'event')"

static const struct db_stmt stmts[S__MAX] = {
	[S_CHANNEL_BY_KEY] = { "channel_by_key",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, c.encryption_mode, "
	    "IFNULL(p.erase_on_unfollow, 0) FROM channels c "
	    "LEFT JOIN channel_prefs p ON p.channel_id = c.id WHERE c.webhook_key = ? "
	    "AND c.state <> 'deleted'" },
	[S_CHANNEL_GET] = { "channel_get",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.app_secret_enc, c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, "
	    "c.encryption_mode, c.webhook_key, c.wizard_step, c.ip_confirmed, c.url_confirmed, "
	    "UNIX_TIMESTAMP(c.verified_at), UNIX_TIMESTAMP(c.last_message_at), "
	    "c.inactive_messages, c.signature_failures, c.decrypt_failures, "
	    "UNIX_TIMESTAMP(c.last_failure_at), c.last_failure, b.name, d.name, "
	    "c.refused_pushes "
	    "FROM channels c JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "WHERE c.id = ? AND c.state <> 'deleted'" },
	[S_CHANNEL_INSERT] = { "channel_insert",
	    "INSERT INTO channels (brand_id, webhook_key, created_at, updated_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))" },
	[S_CHANNEL_UPDATE_SETUP] = { "channel_update_setup",
	    "UPDATE channels SET department_id = NULLIF(?, 0), original_id = ?, app_id = ?, "
	    "app_secret_enc = ?, token_enc = ?, aes_key_enc = ?, aes_key_prev_enc = ?, "
	    "encryption_mode = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_SET_STATE] = { "channel_set_state",
	    "UPDATE channels SET state = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_VERIFIED] = { "channel_verified",
	    "UPDATE channels SET verified_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_INACTIVE_MSG] = { "channel_inactive_msg",
	    "UPDATE channels SET inactive_messages = inactive_messages + 1, "
	    "last_message_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_FAILURE] = { "channel_failure",
	    "UPDATE channels SET signature_failures = signature_failures + ?, "
	    "decrypt_failures = decrypt_failures + ?, refused_pushes = refused_pushes + ?, "
	    "last_failure_at = FROM_UNIXTIME(?), last_failure = LEFT(?, 255) WHERE id = ?" },
	[S_PREFS_INSERT] = { "prefs_insert",
	    "INSERT IGNORE INTO channel_prefs (channel_id) VALUES (?)" },
	/* each account with its health: failures since the counters were reset,
	 * the access token's last errcode, and the chats waiting for an operator */
	[S_CHANNEL_LIST] = { "channel_list",
	    "SELECT c.id, b.name, c.state, c.app_id, c.wizard_step, d.name, "
	    "UNIX_TIMESTAMP(c.last_message_at), c.signature_failures + c.decrypt_failures + "
	    "c.refused_pushes, IFNULL(t.last_errcode, 0), (SELECT COUNT(*) FROM chats w "
	    "WHERE w.state IN ('waiting', 'missed') AND w.channel_id = c.id) FROM channels c "
	    "JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN access_tokens t ON t.channel_id = c.id "
	    "WHERE c.state <> 'deleted' ORDER BY b.name" },
	/* every brand, with the live channel that has taken it, if any */
	[S_CHANNEL_BRANDS] = { "channel_brands",
	    "SELECT b.id, b.name, c.id, c.state FROM brands b "
	    "LEFT JOIN channels c ON c.live_brand_id = b.id ORDER BY b.name" },
	/* a draft may move to another brand; its department belonged to the old one */
	[S_CHANNEL_SET_BRAND] = { "channel_set_brand",
	    "UPDATE channels SET department_id = IF(brand_id = ?, department_id, NULL), "
	    "brand_id = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'draft'" },
	[S_CHANNEL_PROGRESS] = { "channel_progress",
	    "UPDATE channels SET wizard_step = GREATEST(wizard_step, ?), ip_confirmed = ?, "
	    "url_confirmed = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?" },
	[S_CHANNEL_DEPARTMENT] = { "channel_department",
	    "UPDATE channels c JOIN departments d ON d.id = ? AND d.brand_id = c.brand_id "
	    "SET c.department_id = d.id, c.updated_at = FROM_UNIXTIME(?) WHERE c.id = ?" },
	[S_CHANNEL_DELETE] = { "channel_delete",
	    "UPDATE channels SET state = 'deleted', deleted_at = FROM_UNIXTIME(?), "
	    "updated_at = FROM_UNIXTIME(?), app_secret_enc = NULL, token_enc = NULL, "
	    "aes_key_enc = NULL, aes_key_prev_enc = NULL WHERE id = ? AND state <> 'deleted'" },
	/* the webhook notes the last message at most once a minute per process */
	[S_CHANNEL_LAST_MSG] = { "channel_last_msg",
	    "UPDATE channels SET last_message_at = FROM_UNIXTIME(?) WHERE id = ? "
	    "AND (last_message_at IS NULL OR last_message_at < FROM_UNIXTIME(?))" },
	[S_CHANNEL_RESET_HEALTH] = { "channel_reset_health",
	    "UPDATE channels SET inactive_messages = 0, signature_failures = 0, "
	    "decrypt_failures = 0, refused_pushes = 0, last_failure_at = NULL, "
	    "last_failure = NULL WHERE id = ?" },
	[S_PREFS_GET] = { "prefs_get",
	    "SELECT missed_after_minutes, missed_close_minutes, idle_close_minutes, "
	    "bot_enabled, bot_idle_minutes, erase_on_unfollow FROM channel_prefs "
	    "WHERE channel_id = ?" },
	[S_PREFS_SET] = { "prefs_set",
	    "UPDATE channel_prefs SET missed_after_minutes = ?, missed_close_minutes = ?, "
	    "idle_close_minutes = ?, bot_enabled = ?, bot_idle_minutes = ?, "
	    "erase_on_unfollow = ? WHERE channel_id = ?" },
	/* new credentials: the cached token and its error backoff no longer apply */
	[S_TOKEN_RESET] = { "token_reset",
	    "DELETE FROM access_tokens WHERE channel_id = ?" },
	/*
	 * The console's chat lists: one state, visible to the user (a member of
	 * the chat's department, or all = 1), optionally only the user's chats
	 * (mine = 1) or only others' (others = 1); closed chats can be searched
	 * by follower or text (q, a LIKE pattern or '') and start date range.
	 */
	[S_CONSOLE_LIST] = { "console_list",
	    "SELECT c.id, c.state, COALESCE(f.alias, CONCAT(LEFT(f.openid, 10), '…')), d.name, "
	    "UNIX_TIMESTAMP(c.started_at), UNIX_TIMESTAMP(" CHAT_LAST_IN("c") "), "
	    CHAT_OUTS("c") ", u.name, (SELECT LEFT(m.body, 80) FROM messages m "
	    "WHERE m.chat_id = c.id AND m.direction = 'in' AND m.body IS NOT NULL "
	    "ORDER BY m.id LIMIT 1), b.name, c.close_reason, UNIX_TIMESTAMP(c.closed_at), "
	    /* the follower's messages this user has not seen yet (a range of the
	     * (chat_id, id) index, for the page's rows only) */
	    "(SELECT COUNT(*) FROM messages m3 WHERE m3.chat_id = c.id AND m3.direction = 'in' "
	    "AND m3.msg_type <> 'event' AND m3.id > IFNULL((SELECT r.seen_id FROM chat_reads r "
	    "WHERE r.user_id = ? AND r.chat_id = c.id), 0)) "
	    /* the page of chats first, so the rest is done for its rows only */
	    "FROM (SELECT c.* FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "WHERE c.state = ? AND (? = 1 OR c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?)) "
	    "AND (? = 0 OR c.operator_id = ?) AND (? = 0 OR c.operator_id <> ?) "
	    "AND (? = '' OR f.openid LIKE ? OR f.alias LIKE ? OR EXISTS (SELECT 1 FROM "
	    "messages m2 WHERE m2.chat_id = c.id AND m2.body LIKE ?)) "
	    "AND c.started_at >= FROM_UNIXTIME(?) AND c.started_at < FROM_UNIXTIME(?) "
	    "ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?) c "
	    "JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "ORDER BY c.started_at DESC, c.id DESC" },
	/* open chats by state, and how many are the user's own: in the user's
	 * departments, or (all) everywhere, from the index alone */
	[S_CONSOLE_COUNTS] = { "console_counts",
	    "SELECT c.state, SUM(c.operator_id = ?), COUNT(*) FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') AND c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?) "
	    "GROUP BY c.state" },
	[S_CONSOLE_COUNTS_ALL] = { "console_counts_all",
	    "SELECT c.state, SUM(c.operator_id = ?), COUNT(*) FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') GROUP BY c.state" },
	/* what changed since the last poll: the newest message and chat ids */
	/*
	 * What the console has seen: the newest ids, and how many messages the
	 * last 1,000 ids hold (every change the console shows adds a message).
	 * Ids are taken when a row is written, not when it is committed, so a
	 * transaction can commit an id below one already seen; the count
	 * changes when it does (unless it commits more than 1,000 ids late).
	 */
	[S_CONSOLE_MARK] = { "console_mark",
	    "SELECT m.top, (SELECT COUNT(*) FROM messages WHERE id > m.top - 1000), "
	    "(SELECT IFNULL(MAX(id), 0) FROM chats), "
	    "(SELECT COUNT(*) FROM messages WHERE delivery_state = 'sending') "
	    "FROM (SELECT IFNULL(MAX(id), 0) top FROM messages) m" },
	[S_CONSOLE_CHAT] = { "console_chat",
	    "SELECT c.id, c.state, c.channel_id, c.follower_id, c.department_id, c.operator_id, "
	    "UNIX_TIMESTAMP(c.started_at), UNIX_TIMESTAMP(" CHAT_LAST_IN("c") "), "
	    CHAT_OUTS("c") ", c.close_reason, f.openid, f.alias, d.name, u.name, "
	    "ch.app_id, ch.app_secret_enc, b.name, UNIX_TIMESTAMP(c.closed_at), "
	    "f.subscribed, f.language, UNIX_TIMESTAMP(f.subscribed_at), f.subscribe_scene, "
	    "f.qr_scene, c.previous_chat_id, ch.brand_id, cb.name, c.offer_user_id, ou.name, "
	    "IFNULL(UNIX_TIMESTAMP(c.offer_until), 0), d.routing, c.after_hours, "
	    "IFNULL(UNIX_TIMESTAMP(c.followup_at), 0) "
	    "FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "LEFT JOIN users ou ON ou.id = c.offer_user_id "
	    "LEFT JOIN users cb ON cb.id = c.closed_by WHERE c.id = ?" },
	[S_CONSOLE_MEMBER] = { "console_member",
	    "SELECT COUNT(*) FROM department_members WHERE user_id = ? AND department_id = ?" },
	/* the newest 500 messages of a chat, newest first */
	[S_TRANSCRIPT] = { "transcript",
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, "
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name, "
	    "UNIX_TIMESTAMP(m.created_at) FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "LEFT JOIN users u ON u.id = m.author_id "
	    "WHERE m.chat_id = ? ORDER BY m.id DESC LIMIT 500" },
	/* atomic: of two operators clicking at once, one changes the row */
	[S_CHAT_PICKUP] = { "chat_pickup",
	    "UPDATE chats SET state = 'active', operator_id = ?, offer_user_id = NULL, "
	    "offer_until = NULL, last_activity_at = FROM_UNIXTIME(?), "
	    "state_since = last_activity_at WHERE id = ? AND state IN ('waiting', 'missed', 'bot', "
	    "'followup') "
	    "AND (offer_user_id IS NULL OR offer_user_id = ? OR offer_until < FROM_UNIXTIME(?))" },
	/*
	 * One more operator message, if WeChat's rules allow it: the chat is
	 * active and the sender's, fewer than 5 sent since the follower last
	 * wrote, and within 48 hours of the follower's last message.
	 */
	[S_OUT_CLAIM] = { "out_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, "
	    "last_activity_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'active' "
	    "AND operator_id = ? AND consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) " "
	    "AND last_user_msg_at > FROM_UNIXTIME(?)" },
	/* a message WeChat did not deliver does not count toward the 5 */
	[S_OUT_UNCLAIM] = { "out_unclaim",
	    "UPDATE chats SET consecutive_out = consecutive_out - 1 "
	    "WHERE id = ? AND consecutive_out > 0" },
	[S_OUT_RESULT] = { "out_result",
	    "UPDATE messages SET delivery_state = ?, wx_errcode = NULLIF(?, 0) WHERE id = ?" },
	[S_OUT_GET] = { "out_get",
	    "SELECT m.id, m.body, m.delivery_state, m.msg_type, a.path, a.mime FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "WHERE m.id = ? AND m.chat_id = ? AND m.direction = 'out'" },
	[S_MESSAGE_OUT] = { "message_out",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "dedupe_key, media_state, attachment_id, author_id, closing, delivery_state, "
	    "created_at) VALUES (?, ?, ?, 'out', ?, ?, ?, 'none', NULLIF(?, 0), NULLIF(?, 0), ?, "
	    "'sending', FROM_UNIXTIME(?))" },
	/* where a chat can go: the brand's other departments, and the active
	 * members of the chat's department other than its operator */
	[S_TRANSFER_TARGETS] = { "transfer_targets",
	    "SELECT 'dept', d.id, d.name, NULL, NULL, NULL, NULL FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN departments d ON d.brand_id = ch.brand_id "
	    "WHERE c.id = ? AND (c.department_id IS NULL OR d.id <> c.department_id) "
	    "UNION ALL SELECT 'user', u.id, u.name, u.presence, "
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0), "
	    "(SELECT COUNT(*) FROM chats a WHERE a.operator_id = u.id AND a.state = 'active') + "
	    "(SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = u.id AND "
	    "o.state IN ('waiting', 'missed')), COALESCE(d.chat_limit, u.chat_limit) FROM chats c "
	    "JOIN department_members m ON m.department_id = c.department_id "
	    "JOIN departments d ON d.id = m.department_id "
	    "JOIN users u ON u.id = m.user_id WHERE c.id = ? AND u.disabled = 0 "
	    "AND (c.operator_id IS NULL OR u.id <> c.operator_id) ORDER BY 1, 3" },
	/* to another department of the brand: waiting again, for its operators */
	[S_CHAT_TO_DEPT] = { "chat_to_dept",
	    "UPDATE chats c JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN departments d ON d.id = ? AND d.brand_id = ch.brand_id "
	    "SET c.department_id = d.id, c.operator_id = NULL, c.state = 'waiting', "
	    "c.offer_user_id = NULL, c.offer_until = NULL, "
	    "c.last_activity_at = FROM_UNIXTIME(?), c.state_since = FROM_UNIXTIME(?), "
	    "c.queued_at = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' "
	    /* the same transfer twice at once (two tabs, two nodes): the second is no change */
	    "AND NOT (c.department_id <=> d.id AND c.operator_id IS NULL)" },
	/* to a member of the chat's department: theirs, active */
	[S_CHAT_TO_USER] = { "chat_to_user",
	    "UPDATE chats c JOIN department_members m ON m.department_id = c.department_id "
	    "AND m.user_id = ? JOIN users u ON u.id = m.user_id AND u.disabled = 0 "
	    "AND u.presence = 'available' AND u.console_seen_at >= FROM_UNIXTIME(?) "
	    "SET c.operator_id = u.id, c.state = 'active', c.offer_user_id = NULL, "
	    "c.offer_until = NULL, c.queued_at = NULL, c.last_activity_at = FROM_UNIXTIME(?), "
	    "c.state_since = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' "
	    "AND NOT (c.operator_id <=> u.id)" },
	[S_PROF_SETTINGS_GET] = { "prof_settings_get",
	    "SELECT enabled, word_limit, warning FROM profanity_settings WHERE brand_id = ?" },
	[S_PROF_SETTINGS_SET] = { "prof_settings_set",
	    "INSERT INTO profanity_settings (brand_id, enabled, word_limit, warning, updated_at) "
	    "VALUES (?, ?, ?, NULLIF(?, ''), FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE "
	    "enabled = VALUES(enabled), word_limit = VALUES(word_limit), "
	    "warning = VALUES(warning), updated_at = VALUES(updated_at)" },
	[S_PROF_WORDS] = { "prof_words",
	    "SELECT id, word FROM profanity_words WHERE brand_id = ? ORDER BY word" },
	[S_PROF_WORD_ADD] = { "prof_word_add",
	    "INSERT IGNORE INTO profanity_words (brand_id, word) VALUES (?, ?)" },
	[S_PROF_WORD_DELETE] = { "prof_word_delete",
	    "DELETE FROM profanity_words WHERE id = ? AND brand_id = ?" },
	/* a channel's list when its brand's profanity management is on: limit,
	 * warning, then one row per word */
	[S_PROF_FOR_CHANNEL] = { "prof_for_channel",
	    "SELECT s.word_limit, s.warning, w.word FROM channels ch "
	    "JOIN profanity_settings s ON s.brand_id = ch.brand_id AND s.enabled = 1 "
	    "JOIN profanity_words w ON w.brand_id = ch.brand_id WHERE ch.id = ?" },
	/* adds a message's abusive words (then S_CHAT_ABUSE_GET reads the total:
	 * with a trigger on chats, LAST_INSERT_ID(expr) does not reach the client) */
	[S_CHAT_ABUSE] = { "chat_abuse",
	    "UPDATE chats SET abusive_count = abusive_count + ? "
	    "WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_ABUSE_GET] = { "chat_abuse_get",
	    "SELECT abusive_count FROM chats WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_WARN_DUE] = { "chat_warn_due",
	    "UPDATE chats SET profanity_warning = 'due' WHERE id = ? AND profanity_warning = 'none'" },
	[S_WARN_DUE_LIST] = { "warn_due_list",
	    "SELECT c.id, c.channel_id, c.follower_id, f.openid, s.warning, ch.app_id, "
	    "ch.app_secret_enc FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id "
	    "LEFT JOIN profanity_settings s ON s.brand_id = ch.brand_id "
	    "WHERE c.profanity_warning = 'due' LIMIT 100" },
	/* the warning counts toward the 5 and needs the 48-hour window; else skipped */
	[S_WARN_CLAIM] = { "warn_claim",
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, profanity_warning = 'sent' "
	    "WHERE id = ? AND profanity_warning = 'due' AND state <> 'closed' "
	    "AND consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) " "
	    "AND last_user_msg_at > FROM_UNIXTIME(?)" },
	[S_WARN_DONE] = { "warn_done",
	    "UPDATE chats SET profanity_warning = ? WHERE id = ? AND profanity_warning = 'due'" },
	/* the worker's timers: each channel's settings, then only its due chats */
	[S_TIMER_CHANNELS] = { "timer_channels",
	    "SELECT p.channel_id, p.missed_after_minutes, p.missed_close_minutes, "
	    "IF(p.bot_enabled, p.bot_idle_minutes, p.idle_close_minutes), p.bot_enabled "
	    "FROM channel_prefs p JOIN channels ch ON ch.id = p.channel_id "
	    "WHERE ch.state <> 'deleted'" },
	[S_TIMER_DUE] = { "timer_due",
	    "SELECT id, follower_id FROM chats WHERE state = ? AND channel_id = ? "
	    "AND state_since <= FROM_UNIXTIME(?) LIMIT 500" },
	/* idle_since: last_activity_at of an active chat, else NULL */
	[S_TIMER_IDLE_DUE] = { "timer_idle_due",
	    "SELECT id, follower_id FROM chats WHERE channel_id = ? "
	    "AND idle_since <= FROM_UNIXTIME(?) LIMIT 500" },
	/* each change checks the deadline again: of two workers, one makes it */
	[S_TIMER_MISS] = { "timer_miss",
	    "UPDATE chats SET state = 'missed', state_since = FROM_UNIXTIME(?), "
	    "offer_user_id = NULL, offer_until = NULL "
	    "WHERE id = ? AND state = 'waiting' AND state_since <= FROM_UNIXTIME(?)" },
	[S_TIMER_CLOSE_MISSED] = { "timer_close_missed",
	    "UPDATE chats SET state = 'closed', close_reason = 'missed_timeout', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'missed' "
	    "AND state_since <= FROM_UNIXTIME(?)" },
	[S_TIMER_CLOSE_IDLE] = { "timer_close_idle",
	    "UPDATE chats SET state = 'closed', close_reason = 'idle_timeout', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('active', 'bot') "
	    "AND last_activity_at <= FROM_UNIXTIME(?) AND NOT " CHAT_NEWER_IN("chats") },
	/* the follower's other chats, newest first */
	[S_FOLLOWER_CHATS] = { "follower_chats",
	    "SELECT id, state, UNIX_TIMESTAMP(started_at), close_reason FROM chats "
	    "WHERE follower_id = ? AND id <> ? ORDER BY id DESC LIMIT 20" },
	[S_CHAT_LAST_OF] = { "chat_last_of",
	    "SELECT IFNULL(MAX(id), 0) FROM chats WHERE follower_id = ?" },
	[S_CANNED_LIST] = { "canned_list",
	    "SELECT c.id, c.shortcut, c.body, a.mime FROM canned_responses c "
	    "LEFT JOIN attachments a ON a.id = c.attachment_id "
	    "WHERE c.brand_id = ? ORDER BY c.shortcut" },
	[S_CANNED_INSERT] = { "canned_insert",
	    "INSERT INTO canned_responses (brand_id, shortcut, body, attachment_id, created_at) "
	    "VALUES (?, ?, ?, NULLIF(?, 0), FROM_UNIXTIME(?))" },
	[S_CANNED_DELETE] = { "canned_delete",
	    "DELETE FROM canned_responses WHERE id = ? AND brand_id = ?" },
	/* the canned response a chat's operator named with /shortcut */
	[S_CANNED_FIND] = { "canned_find",
	    "SELECT r.body, a.id, a.path, a.mime FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN canned_responses r ON r.brand_id = ch.brand_id AND r.shortcut = ? "
	    "LEFT JOIN attachments a ON a.id = r.attachment_id WHERE c.id = ?" },
	[S_FOLLOWER_ALIAS] = { "follower_alias",
	    "UPDATE followers SET alias = NULLIF(?, '') WHERE id = ?" },
	[S_MEDIA_OF_MESSAGE] = { "media_of_message",
	    "SELECT m.chat_id, a.path, a.mime, a.size FROM messages m "
	    "JOIN attachments a ON a.id = m.attachment_id WHERE m.id = ?" },
	[S_TOKEN_STATUS] = { "token_status",
	    "SELECT UNIX_TIMESTAMP(expires_at), UNIX_TIMESTAMP(fetched_at), last_errcode, "
	    "last_error, errors FROM access_tokens WHERE channel_id = ?" },
	[S_FOLLOWER_UPSERT] = { "follower_upsert",
	    "INSERT INTO followers (channel_id, openid, created_at) "
	    "VALUES (?, ?, FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)" },
	[S_FOLLOWER_SUBSCRIBE] = { "follower_subscribe",
	    "UPDATE followers SET subscribed = 1, subscribed_at = FROM_UNIXTIME(?), "
	    "unsubscribed_at = NULL, subscribe_scene = COALESCE(?, subscribe_scene), "
	    "qr_scene = COALESCE(?, qr_scene), info_due = 1, erased = 0 WHERE id = ?" },
	[S_FOLLOWER_UNSUBSCRIBE] = { "follower_unsubscribe",
	    "UPDATE followers SET subscribed = 0, unsubscribed_at = FROM_UNIXTIME(?) "
	    "WHERE id = ?" },
	[S_FOLLOWER_ERASE] = { "follower_erase",
	    "UPDATE followers SET alias = NULL, unionid = NULL, language = NULL, "
	    "subscribe_scene = NULL, qr_scene = NULL, info_due = 0, erased = 1 WHERE id = ?" },
	[S_MESSAGES_ERASE] = { "messages_erase",
	    "UPDATE messages SET body = NULL, fields = NULL, event_key = NULL, "
	    "media_id = NULL, thumb_media_id = NULL, attachment_id = NULL, "
	    "media_state = IF(media_state = 'due', 'failed', media_state) "
	    "WHERE follower_id = ?" },
	[S_MESSAGE_INSERT] = { "message_insert",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, "
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, "
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, "
	    "created_at) "
	    "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, "
	    "IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?))" },
	/* the row a signed URL (timestamp, nonce) already delivered, if any */
	/* a follow (with the QR scene given) or an unfollow (scene NULL: the
	 * follower's own) for the reports, in the transaction storing the event */
	[S_REPORT_FOLLOW] = { "report_follow",
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, "
	    "operator_id, vbin, detail) SELECT FROM_UNIXTIME(?), ?, ch.brand_id, ch.id, 0, 0, "
	    "-1, LEFT(IFNULL(?, (SELECT IFNULL(qr_scene, '') FROM followers WHERE id = ?)), 64) "
	    "FROM channels ch WHERE ch.id = ?" },
	[S_MESSAGE_BY_PUSH] = { "message_by_push",
	    "SELECT dedupe_key FROM messages WHERE channel_id = ? AND push_ts = ? "
	    "AND push_nonce = ?" },
	[S_CHAT_OPEN_LOCK] = { "chat_open_lock",
	    "SELECT id, UNIX_TIMESTAMP(started_at), state, bot_misses, leave_offer FROM chats "
	    "WHERE open_follower = ? FOR UPDATE" },
	[S_CHAT_CLOSE] = { "chat_close",
	    "UPDATE chats SET state = 'closed', close_reason = ?, "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_CLOSE_BY] = { "chat_close_by",
	    "UPDATE chats SET state = 'closed', close_reason = 'operator', "
	    "closed_at = FROM_UNIXTIME(?), closed_by = ? WHERE id = ? AND state <> 'closed'" },
	/* reopened by an operator (chat.h): theirs, active, while the follower's
	 * 48 hours allow and they still follow; a rating not asked yet is not
	 * asked while it is open (a duplicate key: the follower has a newer
	 * open chat) */
	[S_CHAT_REOPEN] = { "chat_reopen",
	    "UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'active', "
	    "c.operator_id = ?, c.state_since = FROM_UNIXTIME(?), c.last_activity_at = "
	    "FROM_UNIXTIME(?), c.reopened_at = FROM_UNIXTIME(?), c.closed_at = NULL, "
	    "c.close_reason = NULL, c.closed_by = NULL, "
	    "c.csat_state = IF(c.csat_state = 'due', NULL, c.csat_state) "
	    "WHERE c.id = ? AND c.state = 'closed' AND c.close_reason NOT IN ('unfollowed', "
	    "'window_expired') AND c.last_user_msg_at > FROM_UNIXTIME(?) AND f.subscribed = 1" },
	/* the follower was offered to leave a message (their next message is it) */
	[S_CHAT_LEAVE_MARK] = { "chat_leave_mark",
	    "UPDATE chats SET leave_offer = 'offered', leave_offered_at = FROM_UNIXTIME(?) "
	    "WHERE id = ? AND leave_offer IS NULL" },
	/* …and left it: a follow-up, out of the queue (an offer of it ends) */
	[S_CHAT_FOLLOWUP] = { "chat_followup",
	    "UPDATE chats SET state = 'followup', state_since = FROM_UNIXTIME(?), "
	    "followup_at = FROM_UNIXTIME(?), leave_offer = 'left', offer_user_id = NULL, "
	    "offer_until = NULL WHERE id = ? AND state IN ('waiting', 'missed') "
	    "AND leave_offer = 'offered'" },
	/* a follow-up nobody answered, its follower silent since the cutoff
	 * (48 hours ago: WeChat's window), newer messages the fold has not
	 * taken in counted too */
	[S_CHAT_FOLLOWUP_EXPIRE] = { "chat_followup_expire",
	    "UPDATE chats SET state = 'closed', close_reason = 'followup_expired', "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND followup_open <= FROM_UNIXTIME(?) "
	    "AND NOT " CHAT_NEWER_IN("chats") },
	/* what wxdesk itself tells the follower as a passive reply (the queue,
	 * the hours, a left message), with the bot's line (bot = 1) or alone */
	[S_AUTO_REPLY] = { "auto_reply",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "fields, dedupe_key, media_state, delivery_state, created_at) VALUES "
	    "(?, ?, NULLIF(?, 0), 'out', 'text', ?, IF(? = 1, JSON_OBJECT('bot', 1), "
	    "JSON_OBJECT('auto', 1)), ?, 'none', 'delivered', FROM_UNIXTIME(?))" },
	[S_CHAT_INSERT] = { "chat_insert",
	    "INSERT INTO chats (channel_id, follower_id, department_id, state, started_at, "
	    "last_user_msg_at, last_activity_at, state_since, queued_at, previous_chat_id, "
	    "messages_in) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?), "
	    "FROM_UNIXTIME(?), IF(? = 'waiting', FROM_UNIXTIME(?), NULL), NULLIF(?, 0), 0)" },
	/* a follower's message stored by the full path, in its transaction */
	[S_CHAT_IN] = { "chat_in",
	    "UPDATE chats SET last_user_msg_at = FROM_UNIXTIME(?), "
	    "last_activity_at = FROM_UNIXTIME(?), consecutive_out = 0, "
	    "messages_in = messages_in + " CHAT_INS_UPTO("chats", "?") ", "
	    "last_in_id = GREATEST(last_in_id, ?) WHERE id = ?" },
	/*
	 * The hot path, one autocommit statement: the message, stored only if
	 * the chat the webhook remembers for the follower is still the
	 * follower's open chat, started after the given time, on a channel
	 * that is still active (the webhook may have read it from its cache).
	 * The chat's row is not changed (see CHAT_NEWER_IN); its shared lock
	 * orders the message against a close of the chat (a timer, an
	 * operator): a chat closed first takes no more messages, and a message
	 * stored first counts as the chat's activity. No row: not the usual
	 * case, the caller takes the full path.
	 */
	[S_MESSAGE_CONTINUE] = { "message_continue",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, "
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, "
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, "
	    "created_at) "
	    "SELECT c.channel_id, c.follower_id, c.id, 'in', ?, ?, ?, ?, ?, ?, ?, ?, "
	    "NULLIF(?, 0), ?, ?, ?, ?, IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?) "
	    "FROM chats c JOIN channels ch ON ch.id = c.channel_id "
	    "WHERE c.id = ? AND c.open_follower = ? AND c.started_at > FROM_UNIXTIME(?) "
	    "AND c.state <> 'bot' AND NOT (c.leave_offer <=> 'offered' AND "
	    "c.state IN ('waiting', 'missed')) AND ch.state = 'active' "
	    "AND ch.department_id IS NOT NULL "
	    /* an operator's own WeChat (alerts.h): its messages are not the chat's */
	    "AND NOT EXISTS (SELECT 1 FROM alert_bindings ab WHERE ab.follower_id = c.follower_id) "
	    "LOCK IN SHARE MODE" },
	/* the chat's row takes the follower's newest message into account (a
	 * sender does this first, under the row's lock) */
	[S_CHAT_CATCH_UP] = { "chat_catch_up",
	    "UPDATE chats c JOIN (SELECT id, created_at FROM messages WHERE chat_id = ? "
	    "AND direction = 'in' AND msg_type <> 'event' ORDER BY id DESC LIMIT 1) m "
	    "SET c.consecutive_out = 0, c.last_user_msg_at = GREATEST(c.last_user_msg_at, "
	    "m.created_at), c.last_activity_at = GREATEST(c.last_activity_at, m.created_at), "
	    "c.messages_in = c.messages_in + " CHAT_INS_UPTO("c", "m.id") ", "
	    "c.last_in_id = m.id WHERE c.id = ? AND m.id > c.last_in_id" },
	/* the worker's fold: every chat takes its follower's newer messages in */
	[S_FOLD_MARK] = { "fold_mark", "SELECT mark FROM chat_fold WHERE id = 1" },
	[S_FOLD_TOP] = { "fold_top", "SELECT IFNULL(MAX(id), 0) FROM messages" },
	/* the chats with follower messages in a slice of ids that they have not
	 * taken in, each with its newest: read without locks into a table of
	 * the connection's own (the UPDATE then locks only the chats it changes) */
	[S_FOLD_NEW_TABLE] = { "fold_new_table",
	    "CREATE TEMPORARY TABLE IF NOT EXISTS fold_new (chat_id BIGINT UNSIGNED "
	    "NOT NULL PRIMARY KEY, mid BIGINT UNSIGNED NOT NULL, at DATETIME NOT NULL) "
	    "ENGINE=MEMORY" },
	[S_FOLD_NEW_CLEAR] = { "fold_new_clear", "DELETE FROM fold_new" },
	[S_FOLD_NEW] = { "fold_new",
	    "INSERT INTO fold_new (chat_id, mid, at) SELECT m.chat_id, MAX(m.id), "
	    "MAX(m.created_at) FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "WHERE m.id > ? AND m.id <= ? AND m.id > c.last_in_id AND m.direction = 'in' "
	    "AND m.msg_type <> 'event' GROUP BY m.chat_id" },
	[S_CHAT_FOLD] = { "chat_fold",
	    "UPDATE chats c JOIN fold_new m ON m.chat_id = c.id "
	    "SET c.consecutive_out = 0, c.last_user_msg_at = GREATEST(c.last_user_msg_at, "
	    "m.at), c.last_activity_at = GREATEST(c.last_activity_at, m.at), "
	    "c.messages_in = c.messages_in + " CHAT_INS_UPTO("c", "m.mid") ", "
	    "c.last_in_id = m.mid "
	    "WHERE m.mid > c.last_in_id" },
	/* their 'message_in' report events, once each (report_events.message_id is
	 * UNIQUE: a second worker's fold of the same message is ignored; a message
	 * that has its event already is only looked up, not written again) */
	[S_REPORT_IN_FOLD] = { "report_in_fold",
	    "INSERT IGNORE INTO report_events (at, kind, brand_id, channel_id, department_id, "
	    "operator_id, chat_id, message_id, vbin) SELECT m.created_at, 'message_in', "
	    "ch.brand_id, m.channel_id, IFNULL(c.department_id, 0), IFNULL(c.operator_id, 0), "
	    "m.chat_id, m.id, -1 FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "JOIN channels ch ON ch.id = m.channel_id WHERE m.id > ? AND m.id <= ? "
	    "AND m.id > (SELECT report_from FROM chat_fold WHERE id = 1) "
	    "AND m.direction = 'in' AND m.msg_type <> 'event' "
	    "AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id)" },
	[S_FOLD_SET] = { "fold_set",
	    "UPDATE chat_fold SET mark = GREATEST(mark, ?) WHERE id = 1" },
	[S_CHAT_TOUCH_OPEN] = { "chat_touch_open",
	    "UPDATE chats SET last_activity_at = FROM_UNIXTIME(?) WHERE id = ?" },
};

static void           *prepared[S__MAX];
static struct db_table table = { stmts, S__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_chats(void)
{
	return &table;
}

#define RUN(s, p, out, ...) DB_RUN(&table, s, p, out, __VA_ARGS__)

enum dbrc
db_channel_by_key(struct pool *p, const char *key, struct dbres *out)
{
	return db_one(RUN(S_CHANNEL_BY_KEY, p, out, S(key)), out);
}

enum dbrc
db_channel_get(struct pool *p, long long id, struct dbres *out)
{
	return db_one(RUN(S_CHANNEL_GET, p, out, I(id)), out);
}

enum dbrc
db_channel_insert(struct pool *p, long long brand_id, const char *webhook_key, long long *id)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = RUN(S_CHANNEL_INSERT, p, &out, I(brand_id), S(webhook_key),
	    I(now), I(now));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	if (rc == DB_OK)
		rc = RUN(S_PREFS_INSERT, p, NULL, I((long long)out.insert_id));
	return rc;
}

void
db_channel_setup_of(const struct dbres *row, struct channel_setup *s)
{
	memset(s, 0, sizeof *s);
	s->department_id = db_int(row, 0, C_DEPT);
	s->original_id = db_cell(row, 0, C_ORIGINAL);
	s->app_id = db_cell(row, 0, C_APPID);
	s->app_secret_enc = db_cell(row, 0, C_SECRET);
	s->token_enc = db_cell(row, 0, C_TOKEN);
	s->aes_key_enc = db_cell(row, 0, C_AES);
	s->aes_key_prev_enc = db_cell(row, 0, C_AES_PREV);
	s->mode = db_cell(row, 0, C_MODE);
}

enum dbrc
db_channel_update_setup(struct pool *p, long long id, const struct channel_setup *c)
{
	return RUN(S_CHANNEL_UPDATE_SETUP, p, NULL, I(c->department_id),
	    S(c->original_id), S(c->app_id), S(c->app_secret_enc), S(c->token_enc),
	    S(c->aes_key_enc), S(c->aes_key_prev_enc), S(c->mode),
	    I((long long)wx_now()), I(id));
}

enum dbrc
db_channel_set_state(struct pool *p, long long id, const char *state)
{
	return RUN(S_CHANNEL_SET_STATE, p, NULL, S(state), I((long long)wx_now()),
	    I(id));
}

enum dbrc
db_channel_list(struct pool *p, struct dbres *out)
{
	return RUN(S_CHANNEL_LIST, p, out);
}

enum dbrc
db_channel_brands(struct pool *p, struct dbres *out)
{
	return RUN(S_CHANNEL_BRANDS, p, out);
}

enum dbrc
db_channel_set_brand(struct pool *p, long long id, long long brand_id)
{
	return RUN(S_CHANNEL_SET_BRAND, p, NULL, I(brand_id), I(brand_id),
	    I((long long)wx_now()), I(id));
}

enum dbrc
db_channel_progress(struct pool *p, long long id, int step, int ip_ok, int url_ok)
{
	return RUN(S_CHANNEL_PROGRESS, p, NULL, I((long long)step), I((long long)ip_ok),
	    I((long long)url_ok), I((long long)wx_now()), I(id));
}

/* DB_NOTFOUND when the department is not one of the channel's brand */
enum dbrc
db_channel_department(struct pool *p, long long id, long long dept_id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHANNEL_DEPARTMENT, p, &out, I(dept_id),
	    I((long long)wx_now()), I(id));

	if (rc != DB_OK)
		return rc;
	if (out.affected == 0) {
		/* nothing changed: the same department again, or not the brand's */
		struct dbres c;
		if ((rc = db_channel_get(p, id, &c)) != DB_OK)
			return rc;
		return db_int(&c, 0, 2) == dept_id ? DB_OK : DB_NOTFOUND;
	}
	return DB_OK;
}

enum dbrc
db_channel_delete(struct pool *p, long long id)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = RUN(S_CHANNEL_DELETE, p, &out, I(now), I(now), I(id));

	if (rc == DB_OK && out.affected == 0)
		return DB_NOTFOUND;
	if (rc == DB_OK)
		rc = RUN(S_TOKEN_RESET, p, NULL, I(id));
	return rc;
}

enum dbrc
db_channel_last_msg(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_LAST_MSG, p, NULL, I((long long)at), I(id),
	    I((long long)at - 60));
}

enum dbrc
db_channel_reset_health(struct pool *p, long long id)
{
	return RUN(S_CHANNEL_RESET_HEALTH, p, NULL, I(id));
}

enum dbrc
db_prefs_get(struct pool *p, long long channel_id, struct dbres *out)
{
	return db_one(RUN(S_PREFS_GET, p, out, I(channel_id)), out);
}

enum dbrc
db_prefs_set(struct pool *p, long long channel_id, const struct channel_prefs *c)
{
	return RUN(S_PREFS_SET, p, NULL, I(c->missed_after), I(c->missed_close),
	    I(c->idle_close), I((long long)c->bot_enabled), I(c->bot_idle),
	    I((long long)c->erase_on_unfollow), I(channel_id));
}

enum dbrc
db_token_reset(struct pool *p, long long channel_id)
{
	return RUN(S_TOKEN_RESET, p, NULL, I(channel_id));
}

enum dbrc
db_token_status(struct pool *p, long long channel_id, struct dbres *out)
{
	return RUN(S_TOKEN_STATUS, p, out, I(channel_id));
}

enum dbrc
db_console_list(struct pool *p, const struct console_query *q, struct dbres *out)
{
	const char *like = "";

	if (q->search && *q->search) {
		/* the text is matched as typed: % _ and \ are not wildcards */
		struct buf b = { 0 };
		buf_putc(&b, '%');
		for (const char *c = q->search; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *c);
		}
		buf_putc(&b, '%');
		like = pool_strndup(p, b.data, b.len);
		buf_free(&b);
	}

	return RUN(S_CONSOLE_LIST, p, out, I(q->user), S(q->state), I((long long)q->all),
	    I(q->user), I((long long)q->mine), I(q->user), I((long long)q->others),
	    I(q->user), S(like), S(like), S(like), S(like), I(q->from), I(q->to),
	    I(q->limit), I(q->offset));
}

enum dbrc
db_console_counts(struct pool *p, long long user, int all, struct dbres *out)
{
	if (all)
		return RUN(S_CONSOLE_COUNTS_ALL, p, out, I(user));
	return RUN(S_CONSOLE_COUNTS, p, out, I(user), I(user));
}

enum dbrc
db_console_mark(struct pool *p, struct dbres *out)
{
	return RUN(S_CONSOLE_MARK, p, out);
}

enum dbrc
db_console_chat(struct pool *p, long long id, struct dbres *out)
{
	return db_one(RUN(S_CONSOLE_CHAT, p, out, I(id)), out);
}

int
db_console_member(struct pool *p, long long user, long long dept)
{
	struct dbres out;

	if (RUN(S_CONSOLE_MEMBER, p, &out, I(user), I(dept)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0) > 0;
}

enum dbrc
db_transcript(struct pool *p, long long chat, struct dbres *out)
{
	return RUN(S_TRANSCRIPT, p, out, I(chat));
}

/* DB_OK when this call picked the chat up, DB_CONFLICT when it was not free */
enum dbrc
db_chat_pickup(struct pool *p, long long chat, long long user)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_PICKUP, p, &out, I(user), I((long long)wx_now()),
	    I(chat), I(user), I((long long)wx_now()));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

/* DB_OK when one more message may go out now, DB_CONFLICT when WeChat's rules forbid it */
enum dbrc
db_out_claim(struct pool *p, long long chat, long long user, time_t window_start)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_OUT_CLAIM, p, &out, I((long long)wx_now()), I(chat),
	    I(user), I((long long)window_start));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_out_unclaim(struct pool *p, long long chat)
{
	return RUN(S_OUT_UNCLAIM, p, NULL, I(chat));
}

enum dbrc
db_out_result(struct pool *p, long long msg, const char *state, long long errcode)
{
	return RUN(S_OUT_RESULT, p, NULL, S(state), I(errcode), I(msg));
}

enum dbrc
db_out_get(struct pool *p, long long msg, long long chat, struct dbres *out)
{
	return db_one(RUN(S_OUT_GET, p, out, I(msg), I(chat)), out);
}

/* An operator's message (closing: the one a chat is closed with), or
 * wxdesk's own (author 0), stored as "sending" before WeChat is called. */
enum dbrc
db_message_out(struct pool *p, const struct msg_row *m, long long attachment,
    long long author, int closing, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_OUT, p, &out, I(m->channel_id),
	    I(m->follower_id), I(m->chat_id), S(m->msg_type), S(m->body),
	    S(m->dedupe_key), I(attachment), I(author), I(closing ? 1 : 0),
	    I((long long)m->created_at));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_transfer_targets(struct pool *p, long long chat, struct dbres *out)
{
	return RUN(S_TRANSFER_TARGETS, p, out, I(chat), I(chat));
}

/* DB_NOTFOUND when the target is not one the chat can go to */
enum dbrc
db_chat_transfer(struct pool *p, long long chat, int to_user, long long target,
    long long seen_after)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = to_user ? RUN(S_CHAT_TO_USER, p, &out, I(target), I(seen_after), I(now),
	    I(now), I(chat)) : RUN(S_CHAT_TO_DEPT, p, &out, I(target), I(now), I(now), I(now),
	    I(chat));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_canned_list(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_CANNED_LIST, p, out, I(brand));
}

enum dbrc
db_canned_insert(struct pool *p, long long brand, const char *shortcut, const char *body,
    long long attachment)
{
	return RUN(S_CANNED_INSERT, p, NULL, I(brand), S(shortcut), S(body),
	    I(attachment), I((long long)wx_now()));
}

enum dbrc
db_canned_delete(struct pool *p, long long id, long long brand)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CANNED_DELETE, p, &out, I(id), I(brand));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_canned_find(struct pool *p, long long chat, const char *shortcut, struct dbres *out)
{
	return db_one(RUN(S_CANNED_FIND, p, out, S(shortcut), I(chat)), out);
}

enum dbrc
db_follower_chats(struct pool *p, long long follower, long long except, struct dbres *out)
{
	return RUN(S_FOLLOWER_CHATS, p, out, I(follower), I(except));
}

enum dbrc
db_prof_settings_get(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_PROF_SETTINGS_GET, p, out, I(brand));
}

enum dbrc
db_prof_settings_set(struct pool *p, long long brand, int enabled, long long limit,
    const char *warning)
{
	return RUN(S_PROF_SETTINGS_SET, p, NULL, I(brand), I((long long)enabled),
	    I(limit), S(warning ? warning : ""), I((long long)wx_now()));
}

enum dbrc
db_prof_words(struct pool *p, long long brand, struct dbres *out)
{
	return RUN(S_PROF_WORDS, p, out, I(brand));
}

/* DB_CONFLICT when the brand has the word already (in any case) */
enum dbrc
db_prof_word_add(struct pool *p, long long brand, const char *word)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_PROF_WORD_ADD, p, &out, I(brand), S(word));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_prof_word_delete(struct pool *p, long long id, long long brand)
{
	return RUN(S_PROF_WORD_DELETE, p, NULL, I(id), I(brand));
}

enum dbrc
db_prof_for_channel(struct pool *p, long long channel, struct dbres *out)
{
	return RUN(S_PROF_FOR_CHANNEL, p, out, I(channel));
}

/* *total gets the chat's abusive words so far, 0 when it is closed */
enum dbrc
db_chat_abuse(struct pool *p, long long chat, long long n, long long *total)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_ABUSE, p, &out, I(n), I(chat));

	*total = 0;
	if (rc == DB_OK && out.affected > 0 &&
	    (rc = RUN(S_CHAT_ABUSE_GET, p, &out, I(chat))) == DB_OK)
		*total = db_int(&out, 0, 0);
	return rc;
}

enum dbrc
db_chat_warn_due(struct pool *p, long long chat)
{
	return RUN(S_CHAT_WARN_DUE, p, NULL, I(chat));
}

enum dbrc
db_warn_due_list(struct pool *p, struct dbres *out)
{
	return RUN(S_WARN_DUE_LIST, p, out);
}

/* DB_OK when the warning may go out now (counted), DB_CONFLICT when not */
enum dbrc
db_warn_claim(struct pool *p, long long chat, time_t window_start)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_WARN_CLAIM, p, &out, I(chat),
	    I((long long)window_start));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

enum dbrc
db_warn_done(struct pool *p, long long chat, const char *state)
{
	return RUN(S_WARN_DONE, p, NULL, S(state), I(chat));
}

enum dbrc
db_timer_channels(struct pool *p, struct dbres *out)
{
	return RUN(S_TIMER_CHANNELS, p, out);
}

/* state "waiting" or "missed" entered before since; or "active" idle since then */
enum dbrc
db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
    struct dbres *out)
{
	if (strcmp(state, "active") == 0)
		return RUN(S_TIMER_IDLE_DUE, p, out, I(channel), I((long long)since));
	return RUN(S_TIMER_DUE, p, out, S(state), I(channel), I((long long)since));
}

/* DB_OK when this call moved the chat on, DB_CONFLICT when it was not due any more */
enum dbrc
db_timer_fire(struct pool *p, const char *state, long long chat, time_t since, time_t now)
{
	struct dbres out;
	enum chats_stmt st = strcmp(state, "waiting") == 0 ? S_TIMER_MISS :
	    strcmp(state, "missed") == 0 ? S_TIMER_CLOSE_MISSED : S_TIMER_CLOSE_IDLE;
	enum dbrc    rc = RUN(st, p, &out, I((long long)now), I(chat),
	    I((long long)since));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

/* The follower's latest chat (0: none), which a new chat links to. */
long long
db_chat_last_of(struct pool *p, long long follower)
{
	struct dbres out;

	return RUN(S_CHAT_LAST_OF, p, &out, I(follower)) == DB_OK ? db_int(&out, 0, 0) : -1;
}

enum dbrc
db_follower_alias(struct pool *p, long long follower, const char *alias)
{
	return RUN(S_FOLLOWER_ALIAS, p, NULL, S(alias), I(follower));
}

enum dbrc
db_media_of_message(struct pool *p, long long msg, struct dbres *out)
{
	return db_one(RUN(S_MEDIA_OF_MESSAGE, p, out, I(msg)), out);
}

enum dbrc
db_channel_verified(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_VERIFIED, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_channel_inactive_msg(struct pool *p, long long id, time_t at)
{
	return RUN(S_CHANNEL_INACTIVE_MSG, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_channel_failure(struct pool *p, long long id, int sig, int dec, int refused, time_t at,
    const char *what)
{
	return RUN(S_CHANNEL_FAILURE, p, NULL, I((long long)sig), I((long long)dec),
	    I((long long)refused), I((long long)at), S(what), I(id));
}

enum dbrc
db_follower_upsert(struct pool *p, long long channel_id, const char *openid, time_t at,
    long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_FOLLOWER_UPSERT, p, &out, I(channel_id), S(openid),
	    I((long long)at));

	if (rc == DB_OK)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_follower_subscribe(struct pool *p, long long id, time_t at, const char *scene,
    const char *qr_scene)
{
	return RUN(S_FOLLOWER_SUBSCRIBE, p, NULL, I((long long)at), S(scene),
	    S(qr_scene), I(id));
}

enum dbrc
db_follower_unsubscribe(struct pool *p, long long id, time_t at)
{
	return RUN(S_FOLLOWER_UNSUBSCRIBE, p, NULL, I((long long)at), I(id));
}

enum dbrc
db_follower_erase(struct pool *p, long long id)
{
	enum dbrc rc = RUN(S_MESSAGES_ERASE, p, NULL, I(id));

	return rc == DB_OK ? RUN(S_FOLLOWER_ERASE, p, NULL, I(id)) : rc;
}

enum dbrc
db_message_insert(struct pool *p, const struct msg_row *m, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_INSERT, p, &out, I(m->channel_id),
	    I(m->follower_id), I(m->chat_id), S(m->direction), S(m->msg_type),
	    S(m->event), S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id),
	    I(m->wx_create_time), S(m->dedupe_key), I(m->push_ts),
	    S(m->push_ts ? m->push_nonce : NULL), S(m->media_id), S(m->thumb_media_id),
	    S(m->media_state), S(m->media_state), I((long long)m->created_at),
	    I((long long)m->created_at));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_report_follow(struct pool *p, const char *kind, time_t at, long long channel_id,
    long long follower_id, const char *scene)
{
	return RUN(S_REPORT_FOLLOW, p, NULL, I((long long)at), S(kind), S(scene),
	    I(follower_id), I(channel_id));
}

/*
 * The dedupe key of the message a signed URL (channel, timestamp, nonce)
 * delivered into *key (in p), or DB_NOTFOUND.
 */
enum dbrc
db_message_by_push(struct pool *p, long long channel_id, long long ts, const char *nonce,
    const char **key)
{
	struct dbres out;
	enum dbrc    rc = db_one(RUN(S_MESSAGE_BY_PUSH, p, &out, I(channel_id), I(ts),
	    S(nonce)),
	    &out);

	*key = rc == DB_OK ? db_cell(&out, 0, 0) : NULL;
	return rc;
}

enum dbrc
db_chat_open_lock(struct pool *p, long long follower_id, struct dbres *out)
{
	return db_one(RUN(S_CHAT_OPEN_LOCK, p, out, I(follower_id)), out);
}

enum dbrc
db_chat_close(struct pool *p, long long id, const char *reason, time_t at)
{
	return RUN(S_CHAT_CLOSE, p, NULL, S(reason), I((long long)at), I(id));
}

enum dbrc
db_chat_leave_mark(struct pool *p, long long chat, long long now)
{
	return RUN(S_CHAT_LEAVE_MARK, p, NULL, I(now), I(chat));
}

enum dbrc
db_chat_followup(struct pool *p, long long chat, long long now)
{
	struct dbres out;

	return db_done(RUN(S_CHAT_FOLLOWUP, p, &out, I(now), I(now), I(chat)), &out);
}

enum dbrc
db_chat_followup_expire(struct pool *p, long long chat, long long cutoff, long long now)
{
	struct dbres out;

	return db_done(RUN(S_CHAT_FOLLOWUP_EXPIRE, p, &out, I(now), I(chat), I(cutoff)), &out);
}

enum dbrc
db_auto_reply(struct pool *p, long long channel, long long follower, long long chat,
    const char *text, int bot, const char *dedupe, long long now)
{
	return RUN(S_AUTO_REPLY, p, NULL, I(channel), I(follower), I(chat), S(text),
	    I((long long)bot), S(dedupe), I(now));
}

/* An operator's close; DB_NOTFOUND when the chat was closed already. */
enum dbrc
db_chat_close_by(struct pool *p, long long id, long long user, time_t at)
{
	struct dbres out;

	return db_done(RUN(S_CHAT_CLOSE_BY, p, &out, I((long long)at), I(user), I(id)), &out);
}

/* DB_NOTFOUND: not closed, or no longer within the follower's window */
enum dbrc
db_chat_reopen(struct pool *p, long long id, long long user, long long now)
{
	struct dbres out;

	return db_done(RUN(S_CHAT_REOPEN, p, &out, I(user), I(now), I(now), I(now), I(id),
	    I(now - WX_WINDOW)), &out);
}

enum dbrc
db_chat_insert(struct pool *p, long long channel_id, long long follower_id,
    long long department_id, const char *state, time_t at, long long previous, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CHAT_INSERT, p, &out, I(channel_id), I(follower_id),
	    I(department_id), S(state), I((long long)at), I((long long)at), I((long long)at),
	    I((long long)at), S(state), I((long long)at), I(previous));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_chat_in(struct pool *p, long long chat, long long msg, time_t at)
{
	return RUN(S_CHAT_IN, p, NULL, I((long long)at), I((long long)at), I(msg), I(msg),
	    I(chat));
}

enum dbrc
db_message_continue(struct pool *p, const struct msg_row *m, long long chat,
    long long follower, time_t started_after, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_CONTINUE, p, &out, S(m->msg_type), S(m->event),
	    S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id), I(m->wx_create_time),
	    S(m->dedupe_key), I(m->push_ts), S(m->push_ts ? m->push_nonce : NULL),
	    S(m->media_id), S(m->thumb_media_id), S(m->media_state), S(m->media_state),
	    I((long long)m->created_at), I((long long)m->created_at), I(chat), I(follower),
	    I((long long)started_after));

	if (rc == DB_OK && out.affected == 0)
		return DB_NOTFOUND;
	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_chat_catch_up(struct pool *p, long long chat)
{
	return RUN(S_CHAT_CATCH_UP, p, NULL, I(chat), I(chat));
}

/*
 * Folds the follower messages stored since the last fold into their chats'
 * rows; ids up to 5,000 below the mark are looked at again, for
 * transactions that committed late. A slice of 2,000 ids at a time: a push
 * to a chat waits for the chat's row while a slice holds it, so a slice
 * is short. Returns the chats changed, or -1.
 */
#define FOLD_AGAIN 5000
#define FOLD_SLICE 2000
long long
db_chat_fold(struct pool *p)
{
	struct dbres mark, top, out;
	long long    from, to, changed_n = 0;
	int          ok = 1;

	if (RUN(S_FOLD_MARK, p, &mark) != DB_OK || RUN(S_FOLD_TOP, p, &top) != DB_OK)
		return -1;
	from = db_int(&mark, 0, 0) > FOLD_AGAIN ? db_int(&mark, 0, 0) - FOLD_AGAIN : 0;
	to = db_int(&top, 0, 0);
	/* under the session's READ COMMITTED (db_open) the fold reads messages
	 * without locking them: under REPEATABLE READ an INSERT … SELECT would
	 * put shared next-key locks on the range it reads, up to the table's
	 * end, and every push's INSERT would wait for the fold to finish */
	if (RUN(S_FOLD_NEW_TABLE, p, NULL) != DB_OK)
		return -1;
	for (long long lo = from; ok && lo < to; lo += FOLD_SLICE) {
		long long hi = lo + FOLD_SLICE < to ? lo + FOLD_SLICE : to;
		ok = RUN(S_FOLD_NEW_CLEAR, p, NULL) == DB_OK &&
		    RUN(S_FOLD_NEW, p, NULL, I(lo), I(hi)) == DB_OK &&
		    RUN(S_CHAT_FOLD, p, &out) == DB_OK &&
		    RUN(S_REPORT_IN_FOLD, p, NULL, I(lo), I(hi)) == DB_OK;
		changed_n += ok ? (long long)out.affected : 0;
	}
	if (!ok || RUN(S_FOLD_SET, p, NULL, I(to)) != DB_OK)
		return -1;
	return changed_n;
}

enum dbrc
db_chat_touch_open(struct pool *p, long long follower_id, time_t at, long long *chat)
{
	struct dbres open;
	enum dbrc    rc = RUN(S_CHAT_OPEN_LOCK, p, &open, I(follower_id));

	*chat = 0;
	if (rc != DB_OK || open.nrows == 0)
		return rc;
	*chat = db_int(&open, 0, 0);
	return RUN(S_CHAT_TOUCH_OPEN, p, NULL, I((long long)at), I(*chat));
}
