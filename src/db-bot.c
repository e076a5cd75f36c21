/* db-bot.c: the chatbot's statements (bot.c, intake.c, the account page). */
#include <stddef.h>

#include "bot.h"
#include "botsvc.h"
#include "db-run.h"
#include "channel.h"

#define BOT_STATEMENTS(X) \
	X(bot_settings, ROWS(bot_settings), (long long channel), (I(channel)), \
	    "SELECT p.bot_enabled, p.bot_version, p.bot_welcome, p.bot_fallback, " \
	    "p.bot_handoff_text, p.bot_handoff_words, p.bot_miss_limit, b.follower_language, " \
	    "p.bot_service_url " \
	    "FROM channel_prefs p JOIN channels c ON c.id = p.channel_id " \
	    "JOIN brands b ON b.id = c.brand_id WHERE p.channel_id = ?") \
	X(bot_version, ROWS(bot_version), (long long channel), (I(channel)), \
	    "SELECT bot_enabled, bot_version FROM channel_prefs WHERE channel_id = ?") \
	X(bot_rules, ROWS(bot_rules), (long long channel), (I(channel)), \
	    "SELECT id, match_mode mode, patterns, answer, handoff, position, attachment_id picture, " \
	    "media_id, menu_item " \
	    "FROM bot_rules WHERE channel_id = ? ORDER BY position, id LIMIT 500") \
	X(bot_settings_set, EXEC, (long long channel, const char *welcome, const char *fallback, \
	    const char *handoff_text, const char *handoff_words, long long miss_limit), \
	    (S(welcome), S(fallback), S(handoff_text), S(handoff_words), I(miss_limit), I(channel)), \
	    "UPDATE channel_prefs SET bot_welcome = NULLIF(?, ''), bot_fallback = NULLIF(?, ''), " \
	    "bot_handoff_text = NULLIF(?, ''), bot_handoff_words = NULLIF(?, ''), " \
	    "bot_miss_limit = ?, bot_version = bot_version + 1 WHERE channel_id = ?") \
	X(bot_rule_insert, EXEC, (long long channel, const char *mode, const char *patterns, \
	    const char *answer, int handoff, long long attachment, long long now), \
	    (I(channel), S(mode), S(patterns), S(answer), I((long long)handoff), I(attachment), \
	    I(now), I(channel)), \
	    "INSERT INTO bot_rules (channel_id, position, match_mode, patterns, answer, handoff, " \
	    "attachment_id, created_at) SELECT ?, IFNULL(MAX(position), 0) + 1, ?, ?, NULLIF(?, ''), " \
	    "?, NULLIF(?, 0), FROM_UNIXTIME(?) FROM bot_rules WHERE channel_id = ?") \
	X(bot_rule_delete, EXEC, (long long channel, long long rule), (I(rule), I(channel)), \
	    "DELETE FROM bot_rules WHERE id = ? AND channel_id = ?") \
	X(bot_rules_clear, EXEC, (long long channel), (I(channel)), \
	    "DELETE FROM bot_rules WHERE channel_id = ?") \
	/* a rule edited in its place: a new picture replaces its own (0 keeps it) */ \
	X(bot_rule_update, ELSE(DB_OK), (long long channel, long long rule, const char *mode, \
	    const char *patterns, const char *answer, int handoff, long long attachment), \
	    (S(mode), S(patterns), S(answer), I((long long)handoff), I(attachment), \
	    I(attachment), I(attachment), I(rule), I(channel)), \
	    "UPDATE bot_rules SET match_mode = ?, patterns = ?, answer = NULLIF(?, ''), handoff = ?, " \
	    "attachment_id = IF(? = 0, attachment_id, ?), media_id = IF(? = 0, media_id, NULL) " \
	    "WHERE id = ? AND channel_id = ?") \
	X(bot_menu_clear, EXEC, (long long channel), (I(channel)), \
	    "DELETE FROM bot_rules WHERE channel_id = ? AND menu_item >= 0") \
	/* the menu's rules come first */ \
	X(bot_menu_insert, EXEC, (long long channel, const char *mode, const char *patterns, \
	    const char *answer, int handoff, int item), \
	    (I(channel), S(mode), S(patterns), S(answer), I((long long)handoff), \
	    I((long long)item), I((long long)wx_now())), \
	    "INSERT INTO bot_rules (channel_id, position, match_mode, patterns, answer, handoff, " \
	    "menu_item, created_at) VALUES (?, 0, ?, ?, NULLIF(?, ''), ?, ?, FROM_UNIXTIME(?))") \
	X(bot_rule_position, EXEC, (long long channel, long long rule, long long position), \
	    (I(position), I(rule), I(channel)), \
	    "UPDATE bot_rules SET position = ? WHERE id = ? AND channel_id = ?") \
	X(bot_bump, EXEC, (long long channel), (I(channel)), \
	    "UPDATE channel_prefs SET bot_version = bot_version + 1 WHERE channel_id = ?") \
	/* a passive reply: sent with the HTTP answer, so delivered as it is stored \
	 * (a kept push's has no HTTP answer: not said, spool.h) */ \
	X(bot_reply, EXEC, (long long channel, long long follower, long long chat, \
	    const char *type, const char *text, int miss, long long attachment, \
	    const char *dedupe, int kept, long long now), \
	    (I(channel), I(follower), I(chat), S(type), S(text), I((long long)miss), \
	    I((long long)kept), S(dedupe), I(attachment), I((long long)kept), I(now)), \
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, " \
	    "fields, dedupe_key, media_state, attachment_id, delivery_state, created_at) VALUES " \
	    "(?, ?, NULLIF(?, 0), 'out', ?, ?, JSON_MERGE_PATCH(IF(? = 1, JSON_OBJECT('bot', 1, " \
	    "'miss', 1), JSON_OBJECT('bot', 1)), IF(? = 1, JSON_OBJECT('unsaid', 1), '{}')), ?, " \
	    "'none', NULLIF(?, 0), IF(? = 1, 'failed', 'delivered'), FROM_UNIXTIME(?))") \
	/* the bot lets go: the chat waits for an operator (routing applies) */ \
	X(bot_handoff, EXEC, (long long chat, long long now), (I(now), I(now), I(chat)), \
	    "UPDATE chats SET state = 'waiting', state_since = FROM_UNIXTIME(?), " \
	    "queued_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'bot'") \
	/* the chat's newest replies, newest first: 1 for each fallback (a miss); \
	 * the misses in a row are the leading 1s (the index on (chat_id, id)) */ \
	X(bt_misses, CUSTOM, (), (I, I), \
	    "SELECT JSON_VALUE(fields, '$.miss') = 1 FROM messages WHERE chat_id = ? " \
	    "AND direction = 'out' ORDER BY id DESC LIMIT ?") \
	X(bot_enable, EXEC, (long long channel, int on), (I((long long)on), I(channel)), \
	    "UPDATE channel_prefs SET bot_enabled = ?, bot_version = bot_version + 1 " \
	    "WHERE channel_id = ?") \
	X(bot_media_due, ROWS(bot_media_due), (long long before), (I(before)), \
	    "SELECT r.id, r.channel_id, a.path, a.mime, ch.app_id, ch.app_secret_enc FROM bot_rules r " \
	    "JOIN attachments a ON a.id = r.attachment_id JOIN channels ch ON ch.id = r.channel_id " \
	    "WHERE r.attachment_id IS NOT NULL AND (r.media_at IS NULL OR r.media_at < " \
	    "FROM_UNIXTIME(?)) AND ch.state = 'active' LIMIT 20") \
	X(bot_media_set, EXEC, (long long rule, const char *media_id, long long now), \
	    (S(media_id), I(now), I(rule)), \
	    "UPDATE bot_rules SET media_id = ?, media_at = FROM_UNIXTIME(?) WHERE id = ?") \
	/* ---- the external service's questions (botsvc.h) ---- */ \
	X(bot_ask_insert, EXEC, (long long msg, long long chat, long long channel, long long lease, \
	    long long now), (I(msg), I(chat), I(channel), I(lease), I(now)), \
	    "INSERT INTO bot_asks (message_id, chat_id, channel_id, lease_until, created_at) " \
	    "VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))") \
	/* an article's picture to send after the bot's passive reply (064): \
	 * due from lease on */ \
	X(bot_ask_picture, EXEC, (long long msg, long long chat, long long channel, \
	    long long attachment, long long lease, long long now), (I(msg), I(chat), I(channel), \
	    I(attachment), I(lease), I(now)), \
	    "INSERT INTO bot_asks (message_id, chat_id, channel_id, attachment_id, lease_until, " \
	    "created_at) VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))") \
	X(bot_ask_later, EXEC, (long long msg, const char *url), (S(url), I(msg)), \
	    "UPDATE bot_asks SET lease_until = 0, picture_url = ? " \
	    "WHERE message_id = ? AND state = 'asking'") \
	X(bot_ask_about, ROW(bot_ask_about), (long long msg), (I(msg)), \
	    "SELECT m.id, m.chat_id, m.channel_id, m.msg_type, m.body, UNIX_TIMESTAMP(m.created_at) at, " \
	    "f.openid, f.shown_name, f.language, p.bot_service_url url, " \
	    "p.bot_service_secret_enc secret_enc, ch.app_id, b.name brand, " \
	    "UNIX_TIMESTAMP(c.started_at) chat_opened FROM messages m " \
	    "JOIN followers f ON f.id = m.follower_id JOIN chats c ON c.id = m.chat_id " \
	    "JOIN channels ch ON ch.id = m.channel_id JOIN brands b ON b.id = ch.brand_id " \
	    "JOIN channel_prefs p ON p.channel_id = m.channel_id WHERE m.id = ?") \
	X(bot_ask_recent, ROWS(bot_ask_recent), (long long chat, long long msg), (I(chat), I(msg)), \
	    "SELECT id, direction, msg_type, body, IFNULL(JSON_VALUE(fields, '$.bot'), 0) bot, " \
	    "author_id IS NOT NULL operator, UNIX_TIMESTAMP(created_at) at FROM messages " \
	    "WHERE chat_id = ? AND id < ? AND direction <> 'system' ORDER BY id DESC LIMIT 10") \
	X(bot_ask_open, ROW(bot_ask_open), (long long msg), (I(msg)), \
	    "SELECT a.chat_id, m.follower_id, c.department_id, m.msg_type, m.body " \
	    "FROM bot_asks a JOIN messages m ON m.id = a.message_id " \
	    "JOIN chats c ON c.id = a.chat_id AND c.state = 'bot' " \
	    "WHERE a.message_id = ? AND a.state = 'asking' FOR UPDATE") \
	X(bot_ask_done, DONE, (long long msg, const char *outcome), (S(outcome), I(msg)), \
	    "UPDATE bot_asks SET state = 'done', outcome = ?, done_at = NOW() " \
	    "WHERE message_id = ? AND state = 'asking'") \
	X(bot_asks_due, ROWS(bot_asks_due), (long long now), (I(now)), \
	    "SELECT a.message_id, a.chat_id, a.channel_id, c.follower_id, f.openid, ch.app_id, " \
	    "ch.app_secret_enc, a.picture_url, c.state = 'bot' held, IFNULL(a.attachment_id, 0) " \
	    "attachment, t.path, t.mime, IFNULL(p.bot_service_url, '') <> '' service " \
	    "FROM bot_asks a LEFT JOIN channel_prefs p ON p.channel_id = a.channel_id " \
	    "JOIN chats c ON c.id = a.chat_id JOIN followers f ON f.id = c.follower_id " \
	    "LEFT JOIN attachments t ON t.id = a.attachment_id " \
	    "JOIN channels ch ON ch.id = a.channel_id " \
	    "WHERE a.state = 'asking' AND a.lease_until <= ? ORDER BY a.message_id LIMIT 50") \
	X(bot_ask_lease, DONE, (long long msg, long long until, long long now), \
	    (I(until), I(msg), I(now)), \
	    "UPDATE bot_asks SET lease_until = ?, tries = tries + 1 " \
	    "WHERE message_id = ? AND state = 'asking' AND lease_until <= ?") \
	X(bot_asks_purge, EXEC, (int days), (I((long long)days)), \
	    "DELETE FROM bot_asks WHERE state = 'done' " \
	    "AND created_at < NOW() - INTERVAL ? DAY LIMIT 5000") \
	X(bot_service_failed, EXEC, (long long channel, const char *why, long long now), \
	    (S(why), I(now), I(channel)), \
	    "UPDATE channel_prefs SET bot_service_failures = bot_service_failures + 1, " \
	    "bot_service_last_failure = LEFT(?, 255), bot_service_failed_at = FROM_UNIXTIME(?) " \
	    "WHERE channel_id = ?") \
	/* a service named, changed or removed: every process reads the bot again */ \
	X(bot_service_set, EXEC, (long long channel, const char *url, const char *secret_enc), \
	    (S(url), S(secret_enc), S(secret_enc), I(channel)), \
	    "UPDATE channel_prefs SET bot_service_url = NULLIF(?, ''), " \
	    "bot_service_secret_enc = IFNULL(?, bot_service_secret_enc), " \
	    "bot_service_failures = IF(? IS NULL, bot_service_failures, 0), " \
	    "bot_version = bot_version + 1 WHERE channel_id = ?") \
	X(bot_service_stats, ROWS(bot_service_stats), (long long channel, long long since), \
	    (I(channel), I(since)), \
	    "SELECT IFNULL(outcome, 'asking') outcome, COUNT(*) n FROM bot_asks WHERE channel_id = ? " \
	    "AND created_at >= FROM_UNIXTIME(?) AND attachment_id IS NULL GROUP BY outcome") \
	/* one more message from the bot, late (a customer-service message), \
	 * while it holds the chat or just handed it over */ \
	X(bot_claim, ELSE(DB_CONFLICT), (long long chat, long long now, long long window_start), \
	    (I(now), I(chat), I(window_start), I(window_start)), \
	    "UPDATE chats SET consecutive_out = consecutive_out + 1, " \
	    "last_activity_at = FROM_UNIXTIME(?) WHERE id = ? AND state IN ('bot', 'waiting') " \
	    "AND " WX_SQL_SENDABLE("")) \
	X(message_bot, EXEC, (long long msg, int miss), (I((long long)miss), I(msg)), \
	    "UPDATE messages SET fields = IF(? = 1, JSON_OBJECT('bot', 1, 'miss', 1), " \
	    "JSON_OBJECT('bot', 1)) WHERE id = ?") \
	X(bot_service_get, ROW(bot_service_get), (long long channel), (I(channel)), \
	    "SELECT bot_service_url url, bot_service_secret_enc secret_enc, " \
	    "bot_service_failures failures, bot_service_last_failure last_failure, " \
	    "UNIX_TIMESTAMP(bot_service_failed_at) failed_at " \
	    "FROM channel_prefs WHERE channel_id = ?")
DB_STATEMENTS(BOT_STATEMENTS, db_table_bot)

/* the fallbacks the bot has said in a row at the end of chat (at most limit) */
enum dbrc
db_bot_misses(struct pool *p, long long chat, int limit, int *misses)
{
	struct dbres res;
	enum dbrc    rc = RUN(DBS_bt_misses, p, &res, I(chat), I((long long)limit));

	*misses = 0;
	for (size_t i = 0; rc == DB_OK && i < res.nrows && db_int(&res, i, 0) == 1; i++)
		(*misses)++;
	return rc;
}

