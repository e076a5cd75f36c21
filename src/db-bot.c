/* db-bot.c: the chatbot's statements (bot.c, intake.c, the account page). */
#include <stddef.h>

#include "bot.h"
#include "db-run.h"
#include "channel.h"

enum bot_stmt {
	BT_SETTINGS,
	BT_VERSION,
	BT_RULES,
	BT_SETTINGS_SET,
	BT_RULE_INSERT,
	BT_RULE_DELETE,
	BT_RULE_UPDATE,
	BT_RULE_POSITION,
	BT_MENU_CLEAR,
	BT_MENU_INSERT,
	BT_RULES_CLEAR,
	BT_BUMP,
	BT_REPLY,
	BT_HANDOFF,
	BT_MISSES,
	BT_ENABLE,
	BT_MEDIA_DUE,
	BT_MEDIA_SET,
	BT__MAX
};

static const struct db_stmt stmts[BT__MAX] = {
	[BT_SETTINGS] = { "bt_settings",
	    "SELECT p.bot_enabled, p.bot_version, p.bot_welcome, p.bot_fallback, "
	    "p.bot_handoff_text, p.bot_handoff_words, p.bot_miss_limit, b.follower_language "
	    "FROM channel_prefs p JOIN channels c ON c.id = p.channel_id "
	    "JOIN brands b ON b.id = c.brand_id WHERE p.channel_id = ?", .cols = bot_settings_cols },
	[BT_VERSION] = { "bt_version",
	    "SELECT bot_enabled, bot_version FROM channel_prefs WHERE channel_id = ?", .cols = bot_version_cols },
	[BT_RULES] = { "bt_rules",
	    "SELECT id, match_mode mode, patterns, answer, handoff, position, attachment_id picture, "
	    "media_id, menu_item "
	    "FROM bot_rules WHERE channel_id = ? ORDER BY position, id LIMIT 500", .cols = bot_rules_cols },
	[BT_SETTINGS_SET] = { "bt_settings_set",
	    "UPDATE channel_prefs SET bot_welcome = NULLIF(?, ''), bot_fallback = NULLIF(?, ''), "
	    "bot_handoff_text = NULLIF(?, ''), bot_handoff_words = NULLIF(?, ''), "
	    "bot_miss_limit = ?, bot_version = bot_version + 1 WHERE channel_id = ?" },
	[BT_RULE_INSERT] = { "bt_rule_insert",
	    "INSERT INTO bot_rules (channel_id, position, match_mode, patterns, answer, handoff, "
	    "attachment_id, created_at) SELECT ?, IFNULL(MAX(position), 0) + 1, ?, ?, NULLIF(?, ''), "
	    "?, NULLIF(?, 0), FROM_UNIXTIME(?) FROM bot_rules WHERE channel_id = ?" },
	[BT_RULE_DELETE] = { "bt_rule_delete",
	    "DELETE FROM bot_rules WHERE id = ? AND channel_id = ?" },
	[BT_RULES_CLEAR] = { "bt_rules_clear", "DELETE FROM bot_rules WHERE channel_id = ?" },
	/* a rule edited in its place: a new picture replaces its own (0 keeps it) */
	[BT_RULE_UPDATE] = { "bt_rule_update",
	    "UPDATE bot_rules SET match_mode = ?, patterns = ?, answer = NULLIF(?, ''), handoff = ?, "
	    "attachment_id = IF(? = 0, attachment_id, ?), media_id = IF(? = 0, media_id, NULL) "
	    "WHERE id = ? AND channel_id = ?" },
	[BT_MENU_CLEAR] = { "bt_menu_clear",
	    "DELETE FROM bot_rules WHERE channel_id = ? AND menu_item >= 0" },
	/* the menu's rules come first */
	[BT_MENU_INSERT] = { "bt_menu_insert",
	    "INSERT INTO bot_rules (channel_id, position, match_mode, patterns, answer, handoff, "
	    "menu_item, created_at) VALUES (?, 0, ?, ?, NULLIF(?, ''), ?, ?, FROM_UNIXTIME(?))" },
	[BT_RULE_POSITION] = { "bt_rule_position",
	    "UPDATE bot_rules SET position = ? WHERE id = ? AND channel_id = ?" },
	[BT_BUMP] = { "bt_bump",
	    "UPDATE channel_prefs SET bot_version = bot_version + 1 WHERE channel_id = ?" },
	/* a passive reply: sent with the HTTP answer, so delivered as it is stored */
	[BT_REPLY] = { "bt_reply",
	    "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, "
	    "fields, dedupe_key, media_state, attachment_id, delivery_state, created_at) VALUES "
	    "(?, ?, NULLIF(?, 0), 'out', ?, ?, IF(? = 1, JSON_OBJECT('bot', 1, 'miss', 1), "
	    "JSON_OBJECT('bot', 1)), ?, 'none', NULLIF(?, 0), 'delivered', FROM_UNIXTIME(?))" },
	/* the bot lets go: the chat waits for an operator (routing applies) */
	[BT_HANDOFF] = { "bt_handoff",
	    "UPDATE chats SET state = 'waiting', state_since = FROM_UNIXTIME(?), "
	    "queued_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'bot'" },
	/* the chat's newest replies, newest first: 1 for each fallback (a miss);
	 * the misses in a row are the leading 1s (the index on (chat_id, id)) */
	[BT_MISSES] = { "bt_misses",
	    "SELECT JSON_VALUE(fields, '$.miss') = 1 FROM messages WHERE chat_id = ? "
	    "AND direction = 'out' ORDER BY id DESC LIMIT ?" },
	[BT_ENABLE] = { "bt_enable",
	    "UPDATE channel_prefs SET bot_enabled = ?, bot_version = bot_version + 1 "
	    "WHERE channel_id = ?" },
	[BT_MEDIA_DUE] = { "bt_media_due",
	    "SELECT r.id, r.channel_id, a.path, a.mime, ch.app_id, ch.app_secret_enc FROM bot_rules r "
	    "JOIN attachments a ON a.id = r.attachment_id JOIN channels ch ON ch.id = r.channel_id "
	    "WHERE r.attachment_id IS NOT NULL AND (r.media_at IS NULL OR r.media_at < "
	    "FROM_UNIXTIME(?)) AND ch.state = 'active' LIMIT 20", .cols = bot_media_due_cols },
	[BT_MEDIA_SET] = { "bt_media_set",
	    "UPDATE bot_rules SET media_id = ?, media_at = FROM_UNIXTIME(?) WHERE id = ?" },
};

static void           *prepared[BT__MAX];
static struct db_table bt_table = { stmts, BT__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_bot(void)
{
	return &bt_table;
}

#define RUN(s, p, out, ...) DB_RUN(&bt_table, s, p, out, __VA_ARGS__)

enum dbrc
db_bot_settings(struct pool *p, long long channel, struct bot_settings **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(BT_SETTINGS, p, &res, I(channel));
	return DB_AS_ROWS(p, rc, &res, rows, n, bot_settings_fill);
}

enum dbrc
db_bot_version(struct pool *p, long long channel, struct bot_version **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(BT_VERSION, p, &res, I(channel));
	return DB_AS_ROWS(p, rc, &res, rows, n, bot_version_fill);
}

enum dbrc
db_bot_rules(struct pool *p, long long channel, struct bot_rules **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(BT_RULES, p, &res, I(channel));
	return DB_AS_ROWS(p, rc, &res, rows, n, bot_rules_fill);
}

enum dbrc
db_bot_settings_set(struct pool *p, long long channel, const char *welcome, const char *fallback,
    const char *handoff_text, const char *handoff_words, long long miss_limit)
{
	return RUN(BT_SETTINGS_SET, p, NULL, S(welcome), S(fallback), S(handoff_text),
	    S(handoff_words), I(miss_limit), I(channel));
}

enum dbrc
db_bot_rule_insert(struct pool *p, long long channel, const char *mode, const char *patterns,
    const char *answer, int handoff, long long attachment, long long now)
{
	return RUN(BT_RULE_INSERT, p, NULL, I(channel), S(mode), S(patterns), S(answer),
	    I((long long)handoff), I(attachment), I(now), I(channel));
}

enum dbrc
db_bot_media_due(struct pool *p, long long before, struct bot_media_due **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(BT_MEDIA_DUE, p, &res, I(before));
	return DB_AS_ROWS(p, rc, &res, rows, n, bot_media_due_fill);
}

enum dbrc
db_bot_media_set(struct pool *p, long long rule, const char *media_id, long long now)
{
	return RUN(BT_MEDIA_SET, p, NULL, S(media_id), I(now), I(rule));
}

enum dbrc
db_bot_rule_delete(struct pool *p, long long channel, long long rule)
{
	return RUN(BT_RULE_DELETE, p, NULL, I(rule), I(channel));
}

enum dbrc
db_bot_rules_clear(struct pool *p, long long channel)
{
	return RUN(BT_RULES_CLEAR, p, NULL, I(channel));
}

enum dbrc
db_bot_bump(struct pool *p, long long channel)
{
	return RUN(BT_BUMP, p, NULL, I(channel));
}

enum dbrc
db_bot_reply(struct pool *p, long long channel, long long follower, long long chat,
    const char *type, const char *text, int miss, long long attachment, const char *dedupe,
    long long now)
{
	return RUN(BT_REPLY, p, NULL, I(channel), I(follower), I(chat), S(type), S(text),
	    I((long long)miss), S(dedupe), I(attachment), I(now));
}

enum dbrc
db_bot_handoff(struct pool *p, long long chat, long long now)
{
	return RUN(BT_HANDOFF, p, NULL, I(now), I(now), I(chat));
}

/* the fallbacks the bot has said in a row at the end of chat (at most limit) */
enum dbrc
db_bot_misses(struct pool *p, long long chat, int limit, int *misses)
{
	struct dbres res;
	enum dbrc    rc = RUN(BT_MISSES, p, &res, I(chat), I((long long)limit));

	*misses = 0;
	for (size_t i = 0; rc == DB_OK && i < res.nrows && db_int(&res, i, 0) == 1; i++)
		(*misses)++;
	return rc;
}

enum dbrc
db_bot_enable(struct pool *p, long long channel, int on)
{
	return RUN(BT_ENABLE, p, NULL, I((long long)on), I(channel));
}

enum dbrc
db_bot_rule_update(struct pool *p, long long channel, long long rule, const char *mode,
    const char *patterns, const char *answer, int handoff, long long attachment)
{
	struct dbres out;

	return db_changed(RUN(BT_RULE_UPDATE, p, &out, S(mode), S(patterns), S(answer),
	    I((long long)handoff), I(attachment), I(attachment), I(attachment), I(rule),
	    I(channel)), &out, DB_OK);
}

enum dbrc
db_bot_rule_position(struct pool *p, long long channel, long long rule, long long position)
{
	return RUN(BT_RULE_POSITION, p, NULL, I(position), I(rule), I(channel));
}

enum dbrc
db_bot_menu_clear(struct pool *p, long long channel)
{
	return RUN(BT_MENU_CLEAR, p, NULL, I(channel));
}

enum dbrc
db_bot_menu_insert(struct pool *p, long long channel, const char *mode, const char *patterns,
    const char *answer, int handoff, int item)
{
	return RUN(BT_MENU_INSERT, p, NULL, I(channel), S(mode), S(patterns), S(answer),
	    I((long long)handoff), I((long long)item), I((long long)wx_now()));
}
