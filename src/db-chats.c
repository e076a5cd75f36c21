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
#include "search.h"
#include "wx.h"
#include "channel.h"
#include "console.h"
#include "chat.h"

/* a follower message's 'message_in' report event (at, message id), under
 * its chat c's department, operator and QR code, with its channel ch's brand */
#define REPORT_IN(at, msg) "INSERT INTO report_events (at, kind, brand_id, channel_id, " \
	"department_id, operator_id, chat_id, message_id, vbin, qr_code_id) SELECT " at ", " \
	"'message_in', ch.brand_id, c.channel_id, IFNULL(c.department_id, 0), " \
	"IFNULL(c.operator_id, 0), c.id, " msg ", -1, c.qr_code_id "

#define CHATS_STATEMENTS(X) \
	/* atomic: of two operators clicking at once, one changes the row */ \
	/* DB_OK when this call picked the chat up, DB_CONFLICT when it was not free */ \
	X(chat_pickup, ELSE(DB_CONFLICT), (long long chat, long long user), \
	    (I(user), I((long long)wx_now()), I(chat), I(user), I((long long)wx_now())), \
	    "UPDATE chats SET state = 'active', operator_id = ?, offer_user_id = NULL, " \
	    "offer_until = NULL, last_activity_at = FROM_UNIXTIME(?), " \
	    "state_since = last_activity_at WHERE id = ? AND state IN ('waiting', 'missed', 'bot', " \
	    "'followup') " \
	    "AND (offer_user_id IS NULL OR offer_user_id = ? OR offer_until < FROM_UNIXTIME(?))") \
	/* \
	 * One more operator message, if WeChat's rules allow it: the chat is \
	 * active and the sender's, and the follower's window takes one more \
	 * (5 within 48 hours of their last message, or 3 within a minute of a \
	 * follow, scan or click: WX_SQL_SENDABLE). \
	 */ \
	/* DB_OK when one more message may go out now, \
	    DB_CONFLICT when WeChat's rules forbid it */ \
	X(out_claim, ELSE(DB_CONFLICT), (long long chat, long long user, time_t window_start), \
	    (I((long long)wx_now()), I(chat), I(user), I((long long)window_start), \
	    I((long long)window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, " \
	    "last_activity_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'active' " \
	    "AND operator_id = ? AND " WX_SQL_SENDABLE("")) \
	/* a message WeChat did not deliver does not count toward the 5 */ \
	X(out_unclaim, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET consecutive_out = consecutive_out - 1 " \
	    "WHERE id = ? AND consecutive_out > 0") \
	X(out_result, EXEC, (long long msg, const char *state, long long errcode), \
	    (S(state), I(errcode), I(msg)), \
	    "UPDATE messages SET delivery_state = ?, wx_errcode = NULLIF(?, 0) WHERE id = ?") \
	X(out_get, ROW(out_get), (long long msg, long long chat), (I(msg), I(chat)), \
	    "SELECT m.id, m.body, m.delivery_state, m.msg_type, a.path, a.mime FROM messages m " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "WHERE m.id = ? AND m.chat_id = ? AND m.direction = 'out'") \
	/* An operator's message (closing: the one a chat is closed with), or \
	 * wxdesk's own (author 0), stored as "sending" before WeChat is called. */ \
	X(message_out, INSERT, (const struct msg_row *m, long long attachment, long long author, \
	    int closing), \
	    (I(m->channel_id), I(m->follower_id), I(m->chat_id), S(m->msg_type), S(m->body), \
	    S(m->dedupe_key), I(attachment), I(author), I(closing ? 1 : 0), \
	    I((long long)m->created_at)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "dedupe_key, media_state, attachment_id, author_id, closing, delivery_state, " \
	    "created_at) VALUES (?, ?, ?, 'out', ?, ?, ?, 'none', NULLIF(?, 0), NULLIF(?, 0), ?, " \
	    "'sending', FROM_UNIXTIME(?))") \
	/* to another department of the brand: waiting again, for its operators */ \
	X(chat_to_dept, CUSTOM, (), (I, I, I, I, I), \
	    "UPDATE chats c JOIN channels ch ON ch.id = c.channel_id " \
	    "JOIN departments d ON d.id = ? AND d.brand_id = ch.brand_id " \
	    "SET c.department_id = d.id, c.operator_id = NULL, c.state = 'waiting', " \
	    "c.offer_user_id = NULL, c.offer_until = NULL, " \
	    "c.last_activity_at = FROM_UNIXTIME(?), c.state_since = FROM_UNIXTIME(?), " \
	    "c.queued_at = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' " \
	    /* the same transfer twice at once (two tabs, two nodes): the second is no change */ \
	    "AND NOT (c.department_id <=> d.id AND c.operator_id IS NULL)") \
	/* to a member of the chat's department: theirs, active */ \
	X(chat_to_user, CUSTOM, (), (I, I, I, I, I), \
	    "UPDATE chats c JOIN department_members m ON m.department_id = c.department_id " \
	    "AND m.user_id = ? JOIN users u ON u.id = m.user_id AND u.disabled = 0 " \
	    "AND u.presence = 'available' AND u.console_seen_at >= FROM_UNIXTIME(?) " \
	    "SET c.operator_id = u.id, c.state = 'active', c.offer_user_id = NULL, " \
	    "c.offer_until = NULL, c.queued_at = NULL, c.last_activity_at = FROM_UNIXTIME(?), " \
	    "c.state_since = FROM_UNIXTIME(?) WHERE c.id = ? AND c.state <> 'closed' " \
	    "AND NOT (c.operator_id <=> u.id)") \
	/* adds a message's abusive words (then chat_abuse_get reads the total: \
	 * with a trigger on chats, LAST_INSERT_ID(expr) does not reach the client) */ \
	X(chat_abuse, CUSTOM, (), (I, I), \
	    "UPDATE chats SET abusive_count = abusive_count + ? " \
	    "WHERE id = ? AND state <> 'closed'") \
	X(chat_abuse_get, CUSTOM, (), (I), \
	    "SELECT abusive_count FROM chats WHERE id = ? AND state <> 'closed'") \
	X(chat_warn_due, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET profanity_warning = 'due' WHERE id = ? AND profanity_warning = 'none'") \
	X(warn_due_list, ROWS(warn_due_list), (), (), \
	    "SELECT c.id, c.channel_id, c.follower_id, f.openid, s.warning, ch.app_id, " \
	    "ch.app_secret_enc FROM chats c JOIN followers f ON f.id = c.follower_id " \
	    "JOIN channels ch ON ch.id = c.channel_id " \
	    "LEFT JOIN profanity_settings s ON s.brand_id = ch.brand_id " \
	    "WHERE c.profanity_warning = 'due' LIMIT 100") \
	/* the warning counts toward the 5 and needs the 48-hour window; else skipped */ \
	/* DB_OK when the warning may go out now (counted), DB_CONFLICT when not */ \
	X(warn_claim, ELSE(DB_CONFLICT), (long long chat, time_t window_start), \
	    (I(chat), I((long long)window_start), I((long long)window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, profanity_warning = 'sent' " \
	    "WHERE id = ? AND profanity_warning = 'due' AND state <> 'closed' " \
	    "AND " WX_SQL_SENDABLE("")) \
	X(warn_done, EXEC, (long long chat, const char *state), (S(state), I(chat)), \
	    "UPDATE chats SET profanity_warning = ? WHERE id = ? AND profanity_warning = 'due'") \
	/* the worker's timers: each channel's settings, then only its due chats */ \
	X(timer_channels, ROWS(timer_channels), (), (), \
	    "SELECT p.channel_id, p.missed_after_minutes, p.missed_close_minutes, " \
	    "IF(p.bot_enabled, p.bot_idle_minutes, p.idle_close_minutes) idle, p.bot_enabled " \
	    "FROM channel_prefs p JOIN channels ch ON ch.id = p.channel_id " \
	    "WHERE ch.state <> 'deleted'") \
	X(timer_due, CUSTOM_ROWS(timer_due), (), (S, I, I), \
	    "SELECT id, follower_id FROM chats WHERE state = ? AND channel_id = ? " \
	    "AND state_since <= FROM_UNIXTIME(?) LIMIT 500") \
	/* idle_since: last_activity_at of an active chat, else NULL */ \
	X(timer_idle_due, CUSTOM_ROWS(timer_due), (), (I, I), \
	    "SELECT id, follower_id FROM chats WHERE channel_id = ? " \
	    "AND idle_since <= FROM_UNIXTIME(?) LIMIT 500") \
	/* each change checks the deadline again: of two workers, one makes it */ \
	X(timer_miss, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET state = 'missed', state_since = FROM_UNIXTIME(?), " \
	    "offer_user_id = NULL, offer_until = NULL " \
	    "WHERE id = ? AND state = 'waiting' AND state_since <= FROM_UNIXTIME(?)") \
	X(timer_close_missed, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET state = 'closed', close_reason = 'missed_timeout', " \
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'missed' " \
	    "AND state_since <= FROM_UNIXTIME(?)") \
	X(timer_close_idle, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET state = 'closed', close_reason = 'idle_timeout', " \
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('active', 'bot') " \
	    "AND last_activity_at <= FROM_UNIXTIME(?) AND NOT " CHAT_NEWER_IN("chats")) \
	X(chat_last_of, CUSTOM, (), (I), \
	    "SELECT IFNULL(MAX(id), 0) FROM chats WHERE follower_id = ?") \
	X(follower_upsert, INSERT, (long long channel_id, const char *openid, time_t at), \
	    (I(channel_id), S(openid), I((long long)at)), \
	    "INSERT INTO followers (channel_id, openid, created_at) " \
	    "VALUES (?, ?, FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)") \
	/* someone a consent or a result is about, new here: they need not follow \
	 * (a reader of an article accepts a notice): known as not following */ \
	X(follower_known, EXEC, (long long channel_id, const char *openid, time_t at), \
	    (I(channel_id), S(openid), I((long long)at)), \
	    "INSERT IGNORE INTO followers (channel_id, openid, created_at, subscribed) " \
	    "VALUES (?, ?, FROM_UNIXTIME(?), 0)") \
	X(follower_subscribe, EXEC, (long long id, time_t at, const char *scene, \
	    const char *qr_scene), \
	    (I((long long)at), S(scene), S(qr_scene), I(id)), \
	    "UPDATE followers SET subscribed = 1, subscribed_at = FROM_UNIXTIME(?), " \
	    "unsubscribed_at = NULL, subscribe_scene = COALESCE(?, subscribe_scene), " \
	    "qr_scene = COALESCE(?, qr_scene), info_due = 1, erased = 0 WHERE id = ?") \
	X(follower_unsubscribe, EXEC, (long long id, time_t at), (I((long long)at), I(id)), \
	    "UPDATE followers SET subscribed = 0, unsubscribed_at = FROM_UNIXTIME(?) " \
	    "WHERE id = ?") \
	X(follower_erase, CUSTOM, (), (I), \
	    "UPDATE followers SET alias = NULL, remark = NULL, unionid = NULL, language = NULL, " \
	    "subscribe_scene = NULL, qr_scene = NULL, info_due = 0, erased = 1, " \
	    FOLLOWER_NAME_AT("", "alias", "remark") " WHERE id = ?") \
	/* the writes to WeChat about them, which carry the remark */ \
	X(writes_erase, CUSTOM, (), (I), \
	    "DELETE FROM wx_writes WHERE follower_id = ?") \
	X(messages_erase, CUSTOM, (), (I), \
	    "UPDATE messages SET body = NULL, fields = NULL, event_key = NULL, " \
	    "media_id = NULL, thumb_media_id = NULL, attachment_id = NULL, " \
	    "media_state = IF(media_state = 'due', 'failed', media_state) " \
	    "WHERE follower_id = ?") \
	X(message_insert, INSERT, (const struct msg_row *m), \
	    (I(m->channel_id), I(m->follower_id), I(m->chat_id), S(m->direction), S(m->msg_type), \
	    S(m->event), S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id), \
	    I(m->wx_create_time), S(m->dedupe_key), I(m->push_ts), \
	    S(m->push_ts ? m->push_nonce : NULL), S(m->media_id), S(m->thumb_media_id), \
	    S(m->media_state), S(m->media_state), I((long long)m->created_at), \
	    I((long long)m->created_at)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, " \
	    "event, event_key, body, fields, wx_msg_id, wx_create_time, dedupe_key, " \
	    "push_ts, push_nonce, media_id, thumb_media_id, media_state, media_next_at, " \
	    "created_at) " \
	    "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, " \
	    "IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?))") \
	/* the row a signed URL (timestamp, nonce) already delivered, if any */ \
	/* a follow (with the QR scene given) or an unfollow (scene NULL: the \
	 * follower's own) for the reports, in the transaction storing the event, \
	 * with the account's QR code of the scene */ \
	X(report_follow, EXEC, (const char *kind, time_t at, long long channel_id, \
	    long long follower_id, const char *scene), \
	    (I((long long)at), S(kind), S(scene), I(follower_id), I(channel_id)), \
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, " \
	    "operator_id, vbin, detail, qr_code_id) SELECT FROM_UNIXTIME(?), ?, ch.brand_id, " \
	    "ch.id, 0, 0, -1, d.scene, (SELECT q.id FROM qr_codes q WHERE q.channel_id = ch.id " \
	    "AND q.scene = d.scene) FROM (SELECT LEFT(IFNULL(?, (SELECT IFNULL(qr_scene, '') " \
	    "FROM followers WHERE id = ?)), 64) scene) d JOIN channels ch ON ch.id = ?") \
	X(message_by_push, CUSTOM, (), (I, I, S), \
	    "SELECT dedupe_key FROM messages WHERE channel_id = ? AND push_ts = ? " \
	    "AND push_nonce = ?") \
	X(chat_open_lock, ROW(chat_open_lock), (long long follower_id), (I(follower_id)), \
	    "SELECT id, UNIX_TIMESTAMP(IFNULL(window_at, started_at)) started, state, leave_offer, " \
	    "window_from IS NOT NULL windowed, channel_id, department_id FROM chats " \
	    "WHERE open_follower = ? FOR UPDATE") \
	/* a new chat's open key worked out (routines/open.sql: its id was not \
	 * known before the insert) */ \
	X(chat_key, EXEC, (long long id), (I(id)), \
	    "UPDATE chats SET open_key = 0 WHERE id = ?") \
	/* \
	 * Before a change that depends on the chat's newest messages (a timer's \
	 * close): its open key's entry, then its row, locked, so a message \
	 * stored through either (the hot path's foreign key, the bot's \
	 * statement) has committed, and the change's own check sees it. \
	 */ \
	X(chat_hold_key, CUSTOM, (), (I), \
	    "SELECT open_key FROM chats WHERE open_key = ? FOR UPDATE") \
	X(chat_hold_row, CUSTOM, (), (I), \
	    "SELECT id FROM chats WHERE id = ? FOR UPDATE") \
	/* the chats whose 48 hours are over (from their start, or from where a \
	 * message that came late started them again: window_from, migration \
	 * 043); a follow-up nobody answered yet has its own, from the \
	 * follower's last message (job-followups.c) */ \
	X(window_due, ROWS(window_due), (long long cutoff), (I(cutoff)), \
	    "SELECT id, channel_id, follower_id, IFNULL(department_id, 0) dept FROM chats " \
	    "WHERE window_from <= FROM_UNIXTIME(?) ORDER BY window_from LIMIT 500") \
	/* a chat's newest follower message, and when it came */ \
	X(chat_newest_in, CUSTOM, (), (I), \
	    "SELECT UNIX_TIMESTAMP(created_at) FROM messages WHERE chat_id = ? " \
	    "AND direction = 'in' AND msg_type <> 'event' ORDER BY id DESC LIMIT 1") \
	/* its 48 hours start again at a message that came in after they ended */ \
	X(chat_window_again, EXEC, (long long id, long long at), (I(at), I(id)), \
	    "UPDATE chats SET window_at = FROM_UNIXTIME(?) WHERE id = ? AND state <> 'closed'") \
	X(chat_close, EXEC, (long long id, const char *reason, time_t at), \
	    (S(reason), I((long long)at), I(id)), \
	    "UPDATE chats SET state = 'closed', close_reason = ?, " \
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND state <> 'closed'") \
	/* An operator's close; DB_NOTFOUND when the chat was closed already. */ \
	X(chat_close_by, DONE, (long long id, long long user, time_t at, long long topic, \
	    const char *note), \
	    (I((long long)at), I(user), I(topic), S(note), I(id)), \
	    "UPDATE chats SET state = 'closed', close_reason = 'operator', " \
	    "closed_at = FROM_UNIXTIME(?), closed_by = ?, topic_id = NULLIF(?, 0), " \
	    "summary = NULLIF(?, '') WHERE id = ? AND state <> 'closed'") \
	/* reopened by an operator (chat.h): theirs, active, while the follower's \
	 * 48 hours allow and they still follow; a rating not asked yet is not \
	 * asked while it is open (a duplicate key: the follower has a newer \
	 * open chat) */ \
	/* DB_NOTFOUND: not closed, or no longer within the follower's window */ \
	X(chat_reopen, DONE, (long long id, long long user, long long now), \
	    (I(user), I(now), I(now), I(now), I(now), I(id), I(now - WX_WINDOW)), \
	    "UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'active', " \
	    "c.operator_id = ?, c.state_since = FROM_UNIXTIME(?), c.last_activity_at = " \
	    "FROM_UNIXTIME(?), c.reopened_at = FROM_UNIXTIME(?), c.closed_at = NULL, " \
	    "c.close_reason = NULL, c.closed_by = NULL, c.window_at = FROM_UNIXTIME(?), " \
	    "c.csat_state = IF(c.csat_state = 'due', NULL, c.csat_state) " \
	    "WHERE c.id = ? AND c.state = 'closed' AND c.close_reason NOT IN ('unfollowed', " \
	    "'window_expired', 'blocked') AND c.last_user_msg_at > FROM_UNIXTIME(?) " \
	    "AND f.subscribed = 1 AND f.blocked = 0") \
	/* the follower was offered to leave a message (their next message is it) */ \
	X(chat_leave_mark, EXEC, (long long chat, long long now), (I(now), I(chat)), \
	    "UPDATE chats SET leave_offer = 'offered', leave_offered_at = FROM_UNIXTIME(?) " \
	    "WHERE id = ? AND leave_offer IS NULL") \
	/* …and left it: a follow-up, out of the queue (an offer of it ends) */ \
	X(chat_followup, DONE, (long long chat, long long now), (I(now), I(now), I(chat)), \
	    "UPDATE chats SET state = 'followup', state_since = FROM_UNIXTIME(?), " \
	    "followup_at = FROM_UNIXTIME(?), leave_offer = 'left', offer_user_id = NULL, " \
	    "offer_until = NULL WHERE id = ? AND state IN ('waiting', 'missed') " \
	    "AND leave_offer = 'offered'") \
	/* a follow-up nobody answered, its follower silent since the cutoff \
	 * (48 hours ago: WeChat's window), newer messages the fold has not \
	 * taken in counted too */ \
	X(chat_followup_expire, DONE, (long long chat, long long cutoff, long long now), \
	    (I(now), I(chat), I(cutoff)), \
	    "UPDATE chats SET state = 'closed', close_reason = 'followup_expired', " \
	    "closed_at = FROM_UNIXTIME(?) WHERE id = ? AND followup_open <= FROM_UNIXTIME(?) " \
	    "AND NOT " CHAT_NEWER_IN("chats")) \
	/* what wxdesk itself tells the follower as a passive reply (the queue, \
	 * the hours, a left message), with the bot's line (bot = 1) or alone */ \
	X(auto_reply, EXEC, (long long channel, long long follower, long long chat, \
	    const char *text, int bot, const char *dedupe, int kept, long long now), \
	    (I(channel), I(follower), I(chat), S(text), I((long long)bot), I((long long)kept), \
	    S(dedupe), I((long long)kept), I(now)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "fields, dedupe_key, media_state, delivery_state, created_at) VALUES " \
	    "(?, ?, NULLIF(?, 0), 'out', 'text', ?, JSON_MERGE_PATCH(IF(? = 1, " \
	    "JSON_OBJECT('bot', 1), JSON_OBJECT('auto', 1)), IF(? = 1, JSON_OBJECT('unsaid', 1), " \
	    "'{}')), ?, 'none', IF(? = 1, 'failed', 'delivered'), FROM_UNIXTIME(?))") \
	/* with the QR code the follower came with (0: none), which its report \
	 * events carry from the first (report_add) */ \
	X(chat_insert, INSERT, (long long channel_id, long long follower_id, \
	    long long department_id, const char *state, time_t at, long long previous, \
	    long long qr), \
	    (I(channel_id), I(follower_id), I(department_id), S(state), I((long long)at), \
	    I((long long)at), I((long long)at), I((long long)at), S(state), I((long long)at), \
	    I(previous), I(qr)), \
	    "INSERT INTO chats (channel_id, follower_id, department_id, state, started_at, " \
	    "last_user_msg_at, last_activity_at, state_since, queued_at, previous_chat_id, " \
	    "messages_in, qr_code_id) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), " \
	    "FROM_UNIXTIME(?), FROM_UNIXTIME(?), IF(? = 'waiting', FROM_UNIXTIME(?), NULL), " \
	    "NULLIF(?, 0), 0, NULLIF(?, 0))") \
	/* a follower's message stored by the full path, in its transaction */ \
	X(chat_in, CUSTOM, (), (I, I, I, I), \
	    "UPDATE chats SET last_user_msg_at = FROM_UNIXTIME(?), " \
	    "last_activity_at = FROM_UNIXTIME(?), consecutive_out = 0, " \
	    "messages_in = messages_in + 1, last_in_id = GREATEST(last_in_id, ?) WHERE id = ?") \
	/* \
	 * The hot path, one autocommit statement: the message, in the chat the \
	 * webhook remembers for the follower. Its foreign key to the chat's \
	 * open_key (migration 043, routines/open.sql) stores it only while \
	 * the chat takes it: open, not the bot's, its follower not offered to \
	 * leave a message, its channel active, the follower not an operator's \
	 * WeChat bound for alerts. The key's check share-locks the chat's \
	 * open_key entry, not its row: a close (a timer, an operator) changes \
	 * that entry, so the two are ordered (a chat closed first takes no \
	 * more messages: no parent, the caller takes the full path), and the \
	 * worker's fold, which changes only the row, never holds a push up. \
	 * The chat's 48 hours are the worker's (job-timers.c). \
	 */ \
	X(message_continue, CUSTOM, (), (I, I, I, I, S, S, S, S, S, S, I, S, I, S, S, S, S, S, I, \
	    I), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, open_chat, open_bot, " \
	    "direction, msg_type, event, event_key, body, fields, wx_msg_id, wx_create_time, " \
	    "dedupe_key, push_ts, push_nonce, media_id, thumb_media_id, media_state, " \
	    "media_next_at, created_at) VALUES (?, ?, ?, ?, 0, 'in', ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "NULLIF(?, 0), ?, ?, ?, ?, IF(? = 'due', FROM_UNIXTIME(?), NULL), FROM_UNIXTIME(?))") \
	/* the same in a chat the bot holds, with the bot's answer (by the rules \
	 * of the version the process has), in one statement: the message's row, \
	 * then the reply's (keyed to the message's: a retry of the push is \
	 * refused whole). The message's foreign key to (open_key, open_bot: \
	 * BOT_OPEN of that version) checks that the bot still holds the chat, \
	 * is on, and has those rules (routines/open.sql), on the chat's key \
	 * alone: no row every push shares is read. */ \
	X(message_continue_bot, CUSTOM, (), (I, I, I, I, I, S, S, S, S, S, S, I, S, I, S, S, S, \
	    S, S, I, I, I, I, I, S, S, I, S, I, I), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, open_chat, open_bot, " \
	    "direction, msg_type, event, event_key, body, fields, wx_msg_id, wx_create_time, " \
	    "dedupe_key, push_ts, push_nonce, media_id, thumb_media_id, media_state, " \
	    "media_next_at, attachment_id, delivery_state, created_at) " \
	    "VALUES (?, ?, ?, ?, ?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, " \
	    "IF(? = 'due', FROM_UNIXTIME(?), NULL), NULL, NULL, FROM_UNIXTIME(?)), " \
	    "(?, ?, ?, NULL, NULL, 'out', ?, NULL, NULL, ?, IF(? = 1, " \
	    "JSON_OBJECT('bot', 1, 'miss', 1), JSON_OBJECT('bot', 1)), NULL, NULL, " \
	    "CONCAT('b:', ?), NULL, NULL, NULL, NULL, 'none', NULL, NULLIF(?, 0), 'delivered', " \
	    "FROM_UNIXTIME(?))") \
	/* the chat's row takes the follower's newest message into account (a \
	 * sender does this first, under the row's lock); the fold counts it \
	 * (until it has, a list's unread mark may show one fewer) */ \
	X(chat_catch_up, EXEC, (long long chat), (I(chat), I(chat)), \
	    "UPDATE chats c JOIN (SELECT id, created_at FROM messages WHERE chat_id = ? " \
	    "AND direction = 'in' AND msg_type <> 'event' ORDER BY id DESC LIMIT 1) m " \
	    "SET c.consecutive_out = 0, c.last_user_msg_at = GREATEST(c.last_user_msg_at, " \
	    "m.created_at), c.last_activity_at = GREATEST(c.last_activity_at, m.created_at), " \
	    "c.last_in_id = m.id WHERE c.id = ? AND m.id > c.last_in_id") \
	/* the worker's fold: every chat takes its follower's newer messages in */ \
	X(fold_mark, CUSTOM, (), (), \
	    "SELECT mark FROM chat_fold WHERE id = 1") \
	X(fold_top, CUSTOM, (), (), \
	    "SELECT IFNULL(MAX(id), 0) FROM messages") \
	/* \
	 * A slice of the fold, one transaction: the follower messages of a \
	 * slice of ids not counted yet (those without their 'message_in' \
	 * report event: one that committed late has none either), read without \
	 * locks into tables of the connection's own; each chat takes its own \
	 * in (one UPDATE, which locks only the chats it changes), and each \
	 * message gets its event, so it is counted once. The lock on \
	 * chat_fold's row keeps a second worker's fold from counting the same \
	 * messages; on Galera, where that lock is a node's own, each slice \
	 * writes the row (its turn) and the events without IGNORE, so two \
	 * slices of the same messages conflict and one is done again. \
	 */ \
	X(fold_lock, CUSTOM, (), (), \
	    "SELECT mark FROM chat_fold WHERE id = 1 FOR UPDATE") \
	X(fold_ids_table, CUSTOM, (), (), \
	    "CREATE TEMPORARY TABLE IF NOT EXISTS fold_ids (id BIGINT UNSIGNED NOT NULL " \
	    "PRIMARY KEY, chat_id BIGINT UNSIGNED NOT NULL, at DATETIME NOT NULL) ENGINE=MEMORY") \
	X(fold_new_table, CUSTOM, (), (), \
	    "CREATE TEMPORARY TABLE IF NOT EXISTS fold_new (chat_id BIGINT UNSIGNED " \
	    "NOT NULL PRIMARY KEY, mid BIGINT UNSIGNED NOT NULL, at DATETIME NOT NULL, " \
	    "n INT NOT NULL) ENGINE=MEMORY") \
	X(fold_ids_clear, CUSTOM, (), (), \
	    "DELETE FROM fold_ids") \
	X(fold_new_clear, CUSTOM, (), (), \
	    "DELETE FROM fold_new") \
	X(fold_ids, CUSTOM, (), (I, I), \
	    "INSERT INTO fold_ids (id, chat_id, at) SELECT m.id, m.chat_id, m.created_at " \
	    "FROM messages m WHERE m.id > ? AND m.id <= ? " \
	    "AND m.id > (SELECT report_from FROM chat_fold WHERE id = 1) " \
	    "AND m.chat_id IS NOT NULL AND m.direction = 'in' AND m.msg_type <> 'event' " \
	    "AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id)") \
	X(fold_new, CUSTOM, (), (), \
	    "INSERT INTO fold_new (chat_id, mid, at, n) SELECT chat_id, MAX(id), MAX(at), " \
	    "COUNT(*) FROM fold_ids GROUP BY chat_id") \
	/* (a message older than the newest taken in, one that committed late, \
	 * is counted but does not reset the run of operator messages) */ \
	X(chat_fold, CUSTOM, (), (), \
	    "UPDATE chats c JOIN fold_new m ON m.chat_id = c.id " \
	    "SET c.consecutive_out = IF(m.mid > c.last_in_id, 0, c.consecutive_out), " \
	    "c.last_user_msg_at = GREATEST(c.last_user_msg_at, m.at), " \
	    "c.last_activity_at = GREATEST(c.last_activity_at, m.at), " \
	    "c.messages_in = c.messages_in + m.n, " \
	    "c.last_in_id = GREATEST(c.last_in_id, m.mid)") \
	X(report_in_fold, CUSTOM, (), (), \
	    REPORT_IN("f.at", "f.id") "FROM fold_ids f JOIN chats c ON c.id = f.chat_id " \
	    "JOIN channels ch ON ch.id = c.channel_id") \
	X(fold_set, CUSTOM, (), (I), \
	    "UPDATE chat_fold SET mark = GREATEST(mark, ?), turn = turn + 1 WHERE id = 1") \
	/* the 'message_in' event of a message the full path counted itself, in \
	 * its transaction (so the fold does not count it again) */ \
	X(report_in_one, CUSTOM, (), (I), \
	    REPORT_IN("m.created_at", "m.id") "FROM messages m JOIN chats c ON c.id = m.chat_id " \
	    "JOIN channels ch ON ch.id = c.channel_id WHERE m.id = ? " \
	    "AND m.id > (SELECT report_from FROM chat_fold WHERE id = 1)") \
	/* ---- held replies (chat.h) ---- */ \
	X(held_insert, INSERT, (long long channel, long long follower, long long chat, \
	    const char *text, const char *dedupe, long long author, long long now), \
	    (I(channel), I(follower), I(chat), S(text), S(dedupe), I(author), I(now)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "dedupe_key, media_state, author_id, delivery_state, created_at) VALUES (?, ?, ?, " \
	    "'out', 'text', ?, ?, 'none', ?, 'held', FROM_UNIXTIME(?))") \
	X(held_edit, DONE, (long long msg, long long chat, const char *text), \
	    (S(text), I(msg), I(chat)), \
	    "UPDATE messages SET body = ? WHERE id = ? AND chat_id = ? AND delivery_state = 'held'") \
	X(held_cancel, DONE, (long long msg, long long chat), (I(msg), I(chat)), \
	    "DELETE FROM messages WHERE id = ? AND chat_id = ? AND delivery_state = 'held'") \
	/* a held reply's author, while it is held */ \
	X(held_author, COUNT, (long long msg, long long chat), (I(msg), I(chat)), \
	    "SELECT IFNULL(author_id, 0) FROM messages WHERE id = ? AND chat_id = ? " \
	    "AND delivery_state = 'held'") \
	/* the open chats of followers with held replies */ \
	X(held_due, ROWS(held_due), (long long window_start), (I(window_start), \
	    I(window_start)), \
	    "SELECT c.id chat, c.follower_id follower FROM messages m " \
	    "JOIN chats c ON c.open_follower = m.follower_id " \
	    "JOIN followers f ON f.id = m.follower_id AND f.subscribed = 1 AND f.blocked = 0 " \
	    "WHERE m.delivery_state = 'held' AND m.send_at IS NULL AND c.state IN ('active', " \
	    "'followup') AND " WX_SQL_SENDABLE("c.") " GROUP BY c.id, c.follower_id " \
	    "ORDER BY MIN(m.id) LIMIT 100") \
	/* a follower's held replies, oldest first, locked */ \
	X(held_of, CUSTOM, (), (I), \
	    "SELECT id FROM messages WHERE delivery_state = 'held' AND follower_id = ? " \
	    "AND send_at IS NULL ORDER BY id FOR UPDATE") \
	/* …and their scheduled ones (a follower who left gets neither) */ \
	X(held_all_of, CUSTOM, (), (I), \
	    "SELECT id FROM messages WHERE delivery_state = 'held' AND follower_id = ? " \
	    "ORDER BY id FOR UPDATE") \
	/* a reply scheduled before the window closes (055) */ \
	X(reminder_insert, INSERT, (long long channel, long long follower, long long chat, \
	    const char *text, const char *dedupe, long long author, long long now, \
	    long long send_at), (I(channel), I(follower), I(chat), S(text), S(dedupe), I(author), \
	    I(now), I(send_at)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "dedupe_key, media_state, author_id, delivery_state, created_at, send_at) VALUES " \
	    "(?, ?, ?, 'out', 'text', ?, ?, 'none', ?, 'held', FROM_UNIXTIME(?), FROM_UNIXTIME(?))") \
	X(reminders_due, ROWS(reminder_due), (long long now), (I(now)), \
	    "SELECT id msg, chat_id chat FROM messages WHERE delivery_state = 'held' AND " \
	    "send_at IS NOT NULL AND send_at <= FROM_UNIXTIME(?) ORDER BY send_at, id LIMIT 100") \
	/* locked, if still scheduled: 1 when the follower wrote since it was written */ \
	X(reminder_lock, CUSTOM, (), (I, I), \
	    "SELECT c.last_in_id > m.id FROM messages m JOIN chats c ON " \
	    "c.id = m.chat_id WHERE m.id = ? AND c.id = ? AND m.delivery_state = 'held' " \
	    "FOR UPDATE") \
	/* one more counted in the chat's window, if it takes it: a chat a person \
	 * answers (not the bot's, nor one still queued: picked up, they go) */ \
	X(held_claim, CUSTOM, (), (I, I, I), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1 WHERE id = ? " \
	    "AND state IN ('active', 'followup') AND " WX_SQL_SENDABLE("")) \
	/* into the chat, queued for the outbox as of now (its place in the \
	 * transcript and the reports), and counted for the reports; when it was \
	 * written stays in fields.written (the SET goes left to right: before \
	 * created_at changes) */ \
	X(held_go, CUSTOM, (), (I, I, I), \
	    "UPDATE messages SET fields = JSON_SET(IFNULL(fields, '{}'), '$.written', " \
	    "UNIX_TIMESTAMP(created_at)), chat_id = ?, delivery_state = 'sending', " \
	    "created_at = FROM_UNIXTIME(?) WHERE id = ? AND delivery_state = 'held'") \
	X(held_report, CUSTOM, (), (I, I, I), \
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, " \
	    "operator_id, chat_id, vbin, detail, qr_code_id) SELECT FROM_UNIXTIME(?), 'held_sent', " \
	    "ch.brand_id, c.channel_id, IFNULL(c.department_id, 0), IFNULL(m.author_id, 0), c.id, " \
	    "-1, '', c.qr_code_id FROM messages m JOIN chats c ON c.id = m.chat_id " \
	    "JOIN channels ch ON ch.id = c.channel_id WHERE m.id = ? AND c.id = ?") \
	/* past their brand's days: locked, then each expired and counted */ \
	X(held_old, CUSTOM, (), (I), \
	    "SELECT m.id FROM messages m JOIN channels ch ON ch.id = m.channel_id " \
	    "JOIN brands b ON b.id = ch.brand_id WHERE m.delivery_state = 'held' AND " \
	    "m.send_at IS NULL AND m.created_at < FROM_UNIXTIME(?) - INTERVAL b.held_days DAY " \
	    "ORDER BY m.id LIMIT 500 " \
	    "FOR UPDATE") \
	X(held_expired_report, CUSTOM, (), (I, I), \
	    "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, " \
	    "operator_id, chat_id, vbin, detail, qr_code_id) SELECT FROM_UNIXTIME(?), " \
	    "'held_expired', ch.brand_id, m.channel_id, IFNULL(c.department_id, 0), " \
	    "IFNULL(m.author_id, 0), m.chat_id, -1, '', c.qr_code_id FROM messages m " \
	    "JOIN channels ch ON ch.id = m.channel_id LEFT JOIN chats c ON c.id = m.chat_id " \
	    "WHERE m.id = ? AND m.delivery_state = 'held'") \
	X(held_expire, CUSTOM, (), (I), \
	    "UPDATE messages SET delivery_state = 'expired' WHERE id = ? " \
	    "AND delivery_state = 'held'") \
	/* a follow, scan or click: WeChat's short window, its count from 0; \
	 * not one older than the chat's latest grant or message (a kept push's, \
	 * taken in late: spool.h) */ \
	X(chat_grant, EXEC, (long long chat, long long now), (I(now), I(chat), I(now), I(now)), \
	    "UPDATE chats SET grant_at = FROM_UNIXTIME(?), grant_paid = 0, consecutive_out = 0 " \
	    "WHERE id = ? AND state <> 'closed' AND (grant_at IS NULL OR grant_at <= " \
	    "FROM_UNIXTIME(?)) AND (last_user_msg_at IS NULL OR last_user_msg_at <= " \
	    "FROM_UNIXTIME(?))") \
	/* a payment (056): WeChat's 48 hours of any number of messages, on the \
	 * follower's open chat (a later message or action replaces it) */ \
	X(chat_pay, EXEC, (long long follower, long long at), (I(at), I(follower), I(at)), \
	    "UPDATE chats SET grant_at = FROM_UNIXTIME(?), grant_paid = 1, consecutive_out = 0 " \
	    "WHERE open_follower = ? AND (grant_at IS NULL OR grant_at <= FROM_UNIXTIME(?))") \
	/* the account's follower of a payment, locked (DB_NOTFOUND: none) */ \
	X(payment_follower, CUSTOM, (), (I, S), \
	    "SELECT id FROM followers WHERE channel_id = ? AND openid = ? FOR UPDATE") \
	X(payment_insert, INSERT, (long long channel, long long follower, const char *tx, \
	    long long amount, long long paid_at, long long now), (I(channel), I(follower), S(tx), \
	    I(amount), I(paid_at), I(now)), \
	    "INSERT INTO payments (channel_id, follower_id, transaction_id, amount, paid_at, " \
	    "created_at) VALUES (?, ?, ?, NULLIF(?, -1), FROM_UNIXTIME(?), FROM_UNIXTIME(?))") \
	X(chat_touch_open, CUSTOM, (), (I, I), \
	    "UPDATE chats SET last_activity_at = FROM_UNIXTIME(?) WHERE id = ?")
DB_STATEMENTS(CHATS_STATEMENTS, db_table_chats)

/* DB_NOTFOUND when the target is not one the chat can go to */
enum dbrc
db_chat_transfer(struct pool *p, long long chat, int to_user, long long target,
    long long seen_after)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = to_user ? RUN(DBS_chat_to_user, p, &out, I(target), I(seen_after), I(now),
	    I(now), I(chat)) : RUN(DBS_chat_to_dept, p, &out, I(target), I(now), I(now), I(now),
	    I(chat));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

/* *total gets the chat's abusive words so far, 0 when it is closed */
enum dbrc
db_chat_abuse(struct pool *p, long long chat, long long n, long long *total)
{
	struct dbres out;
	enum dbrc    rc = RUN(DBS_chat_abuse, p, &out, I(n), I(chat));

	*total = 0;
	if (rc == DB_OK && out.affected > 0 &&
	    (rc = RUN(DBS_chat_abuse_get, p, &out, I(chat))) == DB_OK)
		*total = db_int(&out, 0, 0);
	return rc;
}

/* state "waiting" or "missed" entered before since; or "active" idle since then */
enum dbrc
db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
    struct timer_due **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (strcmp(state, "active") == 0)
		rc = RUN(DBS_timer_idle_due, p, &res, I(channel), I((long long)since));
	else
		rc = RUN(DBS_timer_due, p, &res, S(state), I(channel), I((long long)since));
	return DB_AS_ROWS(p, rc, &res, rows, n, timer_due_fill);
}

/* DB_OK when this call moved the chat on, DB_CONFLICT when it was not due any more */
enum dbrc
db_timer_fire(struct pool *p, const char *state, long long chat, time_t since, time_t now)
{
	struct dbres out;
	int          st = strcmp(state, "waiting") == 0 ? DBS_timer_miss :
	    strcmp(state, "missed") == 0 ? DBS_timer_close_missed : DBS_timer_close_idle;
	enum dbrc    rc = RUN(st, p, &out, I((long long)now), I(chat),
	    I((long long)since));

	return rc == DB_OK && out.affected == 0 ? DB_CONFLICT : rc;
}

/* The follower's latest chat (0: none), which a new chat links to. */
long long
db_chat_last_of(struct pool *p, long long follower)
{
	struct dbres out;

	return RUN(DBS_chat_last_of, p, &out, I(follower)) == DB_OK ? db_int(&out, 0, 0) : -1;
}

enum dbrc
db_follower_erase(struct pool *p, long long id)
{
	enum dbrc rc = RUN(DBS_messages_erase, p, NULL, I(id));

	if (rc == DB_OK)
		rc = RUN(DBS_writes_erase, p, NULL, I(id));
	if (rc == DB_OK)	/* every node's search index forgets their words (search.h) */
		rc = db_search_forget(p, id, (long long)wx_now());
	return rc == DB_OK ? RUN(DBS_follower_erase, p, NULL, I(id)) : rc;
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
	enum dbrc    rc = db_one(RUN(DBS_message_by_push, p, &out, I(channel_id), I(ts),
	    S(nonce)),
	    &out);

	*key = rc == DB_OK ? db_cell(&out, 0, 0) : NULL;
	return rc;
}

enum dbrc
db_message_continue(struct pool *p, const struct msg_row *m, long long chat,
    long long follower, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(DBS_message_continue, p, &out, I(m->channel_id), I(follower),
	    I(chat), I(chat), S(m->msg_type), S(m->event), S(m->event_key), S(m->body),
	    S(m->fields), S(m->wx_msg_id), I(m->wx_create_time), S(m->dedupe_key), I(m->push_ts),
	    S(m->push_ts ? m->push_nonce : NULL), S(m->media_id), S(m->thumb_media_id),
	    S(m->media_state), S(m->media_state), I((long long)m->created_at),
	    I((long long)m->created_at));

	/* no such open key: the chat no longer takes it (not a duplicate) */
	if (rc == DB_CONFLICT && db_no_parent())
		return DB_NOTFOUND;
	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

enum dbrc
db_message_continue_bot(struct pool *p, const struct msg_row *m, long long chat,
    long long follower, long long bot_version, const struct msg_reply *r, long long *id)
{
	struct dbres out;
	enum dbrc    rc = RUN(DBS_message_continue_bot, p, &out, I(m->channel_id), I(follower),
	    I(chat), I(chat), I(BOT_OPEN(bot_version)), S(m->msg_type), S(m->event),
	    S(m->event_key), S(m->body), S(m->fields), S(m->wx_msg_id), I(m->wx_create_time),
	    S(m->dedupe_key), I(m->push_ts), S(m->push_ts ? m->push_nonce : NULL), S(m->media_id),
	    S(m->thumb_media_id), S(m->media_state), S(m->media_state),
	    I((long long)m->created_at), I((long long)m->created_at), I(m->channel_id),
	    I(follower), I(chat), S(r->type), S(r->body), I((long long)r->miss),
	    S(m->dedupe_key), I(r->attachment), I((long long)m->created_at));

	/* no such open key: the bot no longer holds the chat, is off, or its
	 * rules changed (not a duplicate) */
	if (rc == DB_CONFLICT && db_no_parent())
		return DB_NOTFOUND;
	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	return rc;
}

/*
 * Folds the follower messages stored since the last fold into their chats'
 * rows; ids up to 5,000 below the mark are looked at again, for
 * transactions that committed late. A slice of 2,000 ids at a time, each
 * one transaction: a push to a chat waits for the chat's row while a slice
 * holds it, so a slice is short. Returns the chats changed, or -1.
 */
#define FOLD_AGAIN 5000
#define FOLD_SLICE 2000
struct fold_slice {
	long long lo, hi, changed;
};

static enum dbrc
fold_step(struct pool *p, void *arg)
{
	struct fold_slice *f = arg;
	struct dbres       out;
	enum dbrc          rc;

	/* under the session's READ COMMITTED (db_open) the fold reads messages
	 * without locking them: under REPEATABLE READ an INSERT … SELECT would
	 * put shared next-key locks on the range it reads, up to the table's
	 * end, and every push's INSERT would wait for the fold to finish.
	 * The tables of the connection's own are made here, in the
	 * transaction, so a connection made again has them too. */
	f->changed = 0;
	if ((rc = RUN(DBS_fold_lock, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_fold_ids_table, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_fold_new_table, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_fold_ids_clear, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_fold_new_clear, p, NULL)) != DB_OK ||
	    (rc = RUN(DBS_fold_ids, p, &out, I(f->lo), I(f->hi))) != DB_OK)
		return rc;
	if (out.affected == 0)
		return RUN(DBS_fold_set, p, NULL, I(f->hi));
	if ((rc = RUN(DBS_fold_new, p, NULL)) != DB_OK)
		return rc;
	/* an event there already: another worker's slice (a Galera node's)
	 * counted one of these; this one is done again without it */
	if ((rc = RUN(DBS_report_in_fold, p, NULL)) != DB_OK)
		return rc == DB_CONFLICT ? DB_RETRY : rc;
	/* the chats' rows last: pushes to them wait from there to the commit */
	if ((rc = RUN(DBS_fold_set, p, NULL, I(f->hi))) != DB_OK ||
	    (rc = RUN(DBS_chat_fold, p, &out)) != DB_OK)
		return rc;
	f->changed = (long long)out.affected;
	return DB_OK;
}

long long
db_chat_fold(struct pool *p)
{
	struct dbres mark, top;
	long long    from, to, changed_n = 0;

	if (RUN(DBS_fold_mark, p, &mark) != DB_OK || RUN(DBS_fold_top, p, &top) != DB_OK)
		return -1;
	from = db_int(&mark, 0, 0) > FOLD_AGAIN ? db_int(&mark, 0, 0) - FOLD_AGAIN : 0;
	to = db_int(&top, 0, 0);
	for (long long lo = from; lo < to; lo += FOLD_SLICE) {
		struct fold_slice f = { lo, lo + FOLD_SLICE < to ? lo + FOLD_SLICE : to, 0 };
		if (db_txn(p, fold_step, &f) != DB_OK)
			return -1;
		changed_n += f.changed;
	}
	return changed_n;
}

enum dbrc
db_chat_hold(struct pool *p, long long chat)
{
	enum dbrc rc = RUN(DBS_chat_hold_key, p, NULL, I(chat));

	return rc != DB_OK ? rc : RUN(DBS_chat_hold_row, p, NULL, I(chat));
}

/* when the chat's newest follower message came (0: none), or -1 */
long long
db_chat_newest_in(struct pool *p, long long chat)
{
	struct dbres out;

	if (RUN(DBS_chat_newest_in, p, &out, I(chat)) != DB_OK)
		return -1;
	return out.nrows ? db_int(&out, 0, 0) : 0;
}

/* a follower's message stored by the full path, in its transaction: the
 * chat's row, and the message's report event (it is counted here, not by
 * the fold) */
enum dbrc
db_chat_in(struct pool *p, long long chat, long long msg, time_t at)
{
	enum dbrc rc = RUN(DBS_chat_in, p, NULL, I((long long)at), I((long long)at), I(msg),
	    I(chat));

	return rc != DB_OK ? rc : RUN(DBS_report_in_one, p, NULL, I(msg));
}

enum dbrc
db_chat_touch_open(struct pool *p, long long follower_id, time_t at, long long *chat)
{
	struct dbres open;
	enum dbrc    rc = RUN(DBS_chat_open_lock, p, &open, I(follower_id));

	*chat = 0;
	if (rc != DB_OK || open.nrows == 0)
		return rc;
	*chat = db_int(&open, 0, 0);
	return RUN(DBS_chat_touch_open, p, NULL, I((long long)at), I(*chat));
}

/* the follower's held replies into chat while its window takes them, oldest
 * first; *n how many went (the caller's transaction) */
enum dbrc
db_held_release(struct pool *p, long long chat, long long follower, long long now, int *n)
{
	struct dbres held, claim;
	enum dbrc    rc;
	long long    ws = now - WX_WINDOW;

	*n = 0;
	if ((rc = RUN(DBS_held_of, p, &held, I(follower))) != DB_OK)
		return rc;
	for (size_t i = 0; i < held.nrows; i++) {
		long long msg = db_int(&held, i, 0);
		if ((rc = RUN(DBS_held_claim, p, &claim, I(chat), I(ws), I(ws))) != DB_OK)
			return rc;
		if (claim.affected == 0)
			break;	/* the window is full, or shut: the rest stay held */
		if ((rc = RUN(DBS_held_go, p, NULL, I(chat), I(now), I(msg))) != DB_OK ||
		    (rc = RUN(DBS_held_report, p, NULL, I(now), I(msg), I(chat))) != DB_OK)
			return rc;
		(*n)++;
	}
	return DB_OK;
}

/* a scheduled reply that came due (055), in the caller's transaction: into
 * its chat if the follower has not written since and the window takes it
 * (*went 1), else expired (*went 0); DB_NOTFOUND: no longer scheduled */
enum dbrc
db_reminder_go(struct pool *p, long long msg, long long chat, long long now, int *went)
{
	struct dbres lock, claim;
	enum dbrc    rc;
	long long    ws = now - WX_WINDOW;

	*went = 0;
	if ((rc = RUN(DBS_reminder_lock, p, &lock, I(msg), I(chat))) != DB_OK)
		return rc;
	if (lock.nrows == 0)
		return DB_NOTFOUND;
	if (db_int(&lock, 0, 0) == 0) {
		if ((rc = RUN(DBS_held_claim, p, &claim, I(chat), I(ws), I(ws))) != DB_OK)
			return rc;
		if (claim.affected == 1) {
			*went = 1;
			return RUN(DBS_held_go, p, NULL, I(chat), I(now), I(msg));
		}
	}
	/* the follower wrote first, or the window closed: not sent */
	return RUN(DBS_held_expire, p, NULL, I(msg));
}

enum dbrc
db_reminder_insert_at(struct pool *p, long long channel, long long follower, long long chat,
    const char *text, long long author, long long now, long long send_at, long long *id)
{
	return db_reminder_insert(p, channel, follower, chat, text, pool_printf(p, "r:%s",
	    rand_hex(p, 16)), author, now, send_at, id);
}

enum dbrc
db_payment_follower(struct pool *p, long long channel, const char *openid, long long *id)
{
	struct dbres res;
	enum dbrc    rc = RUN(DBS_payment_follower, p, &res, I(channel), S(openid));

	if (rc != DB_OK)
		return rc;
	if (res.nrows == 0)
		return DB_NOTFOUND;
	*id = db_int(&res, 0, 0);
	return DB_OK;
}

/* a follower's held replies expired and counted at once: they unfollowed,
 * or were blocked (the caller's transaction) */
enum dbrc
db_held_drop(struct pool *p, long long follower, long long now)
{
	struct dbres held;
	enum dbrc    rc;

	if ((rc = RUN(DBS_held_all_of, p, &held, I(follower))) != DB_OK)
		return rc;
	for (size_t i = 0; i < held.nrows; i++) {
		long long id = db_int(&held, i, 0);
		if ((rc = RUN(DBS_held_expired_report, p, NULL, I(now), I(id))) != DB_OK ||
		    (rc = RUN(DBS_held_expire, p, NULL, I(id))) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* held replies past their brand's days: expired and counted, once (the
 * rows locked first, so two workers never count one twice) */
static enum dbrc
expire_step(struct pool *p, void *arg)
{
	long long   *now = arg;
	struct dbres old;
	enum dbrc    rc;

	if ((rc = RUN(DBS_held_old, p, &old, I(*now))) != DB_OK)
		return rc;
	if (old.nrows == 0)
		return DB_NOTFOUND;
	for (size_t i = 0; i < old.nrows; i++) {
		long long id = db_int(&old, i, 0);
		if ((rc = RUN(DBS_held_expired_report, p, NULL, I(*now), I(id))) != DB_OK ||
		    (rc = RUN(DBS_held_expire, p, NULL, I(id))) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* held replies past their brand's days expired; 0, or -1 */
long long
db_held_expire(struct pool *p, long long now)
{
	enum dbrc rc = db_txn(p, expire_step, &now);

	return rc == DB_OK || rc == DB_NOTFOUND ? 0 : -1;
}
