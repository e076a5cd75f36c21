/*
 * db-chats.c: the statements of followers, chats and messages: intake's
 * hot and full paths, a chat's changes of state, the send path's claim,
 * the timers, the profanity count (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"
#include "channel.h"
#include "console.h"
#include "chat.h"

enum chats_stmt {
	S_CHAT_PICKUP,
	S_OUT_CLAIM,
	S_OUT_UNCLAIM,
	S_OUT_RESULT,
	S_OUT_GET,
	S_MESSAGE_OUT,
	S_CHAT_TO_DEPT,
	S_CHAT_TO_USER,
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
	S_CHAT_LAST_OF,
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
	S_MESSAGE_CONTINUE_BOT,
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

/* the follower messages of chat c after its last_in_id, up to id upto */
#define CHAT_INS_UPTO(c, upto) "(SELECT COUNT(*) FROM messages x WHERE x.chat_id = " c ".id " \
	"AND x.id > " c ".last_in_id AND x.id <= " upto " AND x.direction = 'in' " \
	"AND x.msg_type <> 'event')"

static const struct db_stmt stmts[S__MAX] = {
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
	    "WHERE m.id = ? AND m.chat_id = ? AND m.direction = 'out'", .cols = out_get_cols },
	[S_MESSAGE_OUT] = { "message_out",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "dedupe_key, media_state, attachment_id, author_id, closing, delivery_state, "
	    "created_at) VALUES (?, ?, ?, 'out', ?, ?, ?, 'none', NULLIF(?, 0), NULLIF(?, 0), ?, "
	    "'sending', FROM_UNIXTIME(?))" },
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
	    "WHERE c.profanity_warning = 'due' LIMIT 100", .cols = warn_due_list_cols },
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
	    "IF(p.bot_enabled, p.bot_idle_minutes, p.idle_close_minutes) idle, p.bot_enabled "
	    "FROM channel_prefs p JOIN channels ch ON ch.id = p.channel_id "
	    "WHERE ch.state <> 'deleted'", .cols = timer_channels_cols },
	[S_TIMER_DUE] = { "timer_due",
	    "SELECT id, follower_id FROM chats WHERE state = ? AND channel_id = ? "
	    "AND state_since <= FROM_UNIXTIME(?) LIMIT 500", .cols = timer_due_cols },
	/* idle_since: last_activity_at of an active chat, else NULL */
	[S_TIMER_IDLE_DUE] = { "timer_idle_due",
	    "SELECT id, follower_id FROM chats WHERE channel_id = ? "
	    "AND idle_since <= FROM_UNIXTIME(?) LIMIT 500", .cols = timer_due_cols },
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
	[S_CHAT_LAST_OF] = { "chat_last_of",
	    "SELECT IFNULL(MAX(id), 0) FROM chats WHERE follower_id = ?" },
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
	    "UPDATE followers SET alias = NULL, remark = NULL, unionid = NULL, language = NULL, "
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
	    "SELECT id, UNIX_TIMESTAMP(started_at) started, state, leave_offer FROM chats "
	    "WHERE open_follower = ? FOR UPDATE", .cols = chat_open_lock_cols },
	[S_CHAT_CLOSE] = { "chat_close",
	    "UPDATE chats SET state = 'closed', close_reason = ?, "
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state <> 'closed'" },
	[S_CHAT_CLOSE_BY] = { "chat_close_by",
	    "UPDATE chats SET state = 'closed', close_reason = 'operator', "
	    "closed_at = FROM_UNIXTIME(?), closed_by = ?, topic_id = NULLIF(?, 0), "
	    "summary = NULLIF(?, '') WHERE id = ? AND state <> 'closed'" },
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
	/* the same in a chat the bot holds, with the bot's answer (by the rules
	 * of the version the process has: the account's bot still on, at that
	 * version) in one statement: the message's row, then the reply's (keyed
	 * to the message's: a retry of the push is refused whole) */
	[S_MESSAGE_CONTINUE_BOT] = { "message_continue_bot",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, "
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, "
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, "
	    "attachment_id, delivery_state, created_at) "
	    "SELECT c.channel_id, c.follower_id, c.id, IF(r.k = 0, 'in', 'out'), "
	    "IF(r.k = 0, ?, ?), IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, ?), "
	    "IF(r.k = 0, ?, IF(? = 1, JSON_OBJECT('bot', 1, 'miss', 1), JSON_OBJECT('bot', 1))), "
	    "IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, CONCAT('b:', ?)), "
	    "IF(r.k = 0, NULLIF(?, 0), NULL), IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, NULL), "
	    "IF(r.k = 0, ?, NULL), IF(r.k = 0, ?, 'none'), "
	    "IF(r.k = 0 AND ? = 'due', FROM_UNIXTIME(?), NULL), IF(r.k = 0, NULL, NULLIF(?, 0)), "
	    "IF(r.k = 0, NULL, 'delivered'), FROM_UNIXTIME(?) "
	    "FROM chats c JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN channel_prefs cp ON cp.channel_id = c.channel_id "
	    "JOIN (SELECT 0 k UNION ALL SELECT 1) r "
	    "WHERE c.id = ? AND c.open_follower = ? AND c.started_at > FROM_UNIXTIME(?) "
	    "AND c.state = 'bot' AND cp.bot_enabled = 1 AND cp.bot_version = ? "
	    "AND ch.state = 'active' AND ch.department_id IS NOT NULL "
	    "AND NOT EXISTS (SELECT 1 FROM alert_bindings ab WHERE ab.follower_id = c.follower_id) "
	    "ORDER BY r.k LOCK IN SHARE MODE" },
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
db_out_get(struct pool *p, long long msg, long long chat, struct out_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_OUT_GET, p, &res, I(msg), I(chat));
	return db_as_row(rc, &res, row, out_get_fill);
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
db_warn_due_list(struct pool *p, struct warn_due_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_WARN_DUE_LIST, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, warn_due_list_fill);
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
db_timer_channels(struct pool *p, struct timer_channels **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TIMER_CHANNELS, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, timer_channels_fill);
}

/* state "waiting" or "missed" entered before since; or "active" idle since then */
enum dbrc
db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
    struct timer_due **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (strcmp(state, "active") == 0)
		rc = RUN(S_TIMER_IDLE_DUE, p, &res, I(channel), I((long long)since));
	else
		rc = RUN(S_TIMER_DUE, p, &res, S(state), I(channel), I((long long)since));
	return DB_AS_ROWS(p, rc, &res, rows, n, timer_due_fill);
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
db_chat_open_lock(struct pool *p, long long follower_id, struct chat_open_lock *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHAT_OPEN_LOCK, p, &res, I(follower_id));
	return db_as_row(rc, &res, row, chat_open_lock_fill);
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
db_chat_close_by(struct pool *p, long long id, long long user, time_t at, long long topic,
    const char *note)
{
	struct dbres out;

	return db_done(RUN(S_CHAT_CLOSE_BY, p, &out, I((long long)at), I(user), I(topic), S(note),
	    I(id)), &out);
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
db_message_continue_bot(struct pool *p, const struct msg_row *m, long long chat,
    long long follower, time_t started_after, long long bot_version, const struct msg_reply *r,
    long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_MESSAGE_CONTINUE_BOT, p, &out, S(m->msg_type), S(r->type),
	    S(m->event), S(m->event_key), S(m->body), S(r->body), S(m->fields),
	    I((long long)r->miss), S(m->wx_msg_id), I(m->wx_create_time), S(m->dedupe_key),
	    S(m->dedupe_key), I(m->push_ts), S(m->push_ts ? m->push_nonce : NULL), S(m->media_id),
	    S(m->thumb_media_id), S(m->media_state), S(m->media_state), I((long long)m->created_at),
	    I(r->attachment), I((long long)m->created_at), I(chat), I(follower),
	    I((long long)started_after), I(bot_version));

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
