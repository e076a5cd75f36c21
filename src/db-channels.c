/*
 * db-channels.c: the statements of WeChat accounts: the setup wizard's
 * draft, the account page, preferences, access-token status, health, and a
 * brand's profanity settings (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-run.h"
#include "wx.h"
#include "channel.h"
#include "console.h"

enum channels_stmt {
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
	S_PROF_SETTINGS_GET,
	S_PROF_SETTINGS_SET,
	S_PROF_WORDS,
	S_PROF_WORD_ADD,
	S_PROF_WORD_DELETE,
	S_PROF_FOR_CHANNEL,
	S_TOKEN_STATUS,
	S__MAX
};

static const struct db_stmt stmts[S__MAX] = {
	[S_CHANNEL_BY_KEY] = { "channel_by_key",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, c.encryption_mode, "
	    "IFNULL(p.erase_on_unfollow, 0) erase FROM channels c "
	    "LEFT JOIN channel_prefs p ON p.channel_id = c.id WHERE c.webhook_key = ? "
	    "AND c.state <> 'deleted'", .cols = channel_by_key_cols },
	[S_CHANNEL_GET] = { "channel_get",
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, "
	    "c.app_secret_enc, c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, "
	    "c.encryption_mode, c.webhook_key, c.wizard_step, c.ip_confirmed, c.url_confirmed, "
	    "UNIX_TIMESTAMP(c.verified_at) verified, UNIX_TIMESTAMP(c.last_message_at) lastmsg, "
	    "c.inactive_messages, c.signature_failures, c.decrypt_failures, "
	    "UNIX_TIMESTAMP(c.last_failure_at) failat, c.last_failure, b.name brand_name, d.name dept_name, "
	    "c.refused_pushes "
	    "FROM channels c JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "WHERE c.id = ? AND c.state <> 'deleted'", .cols = channel_get_cols },
	[S_CHANNEL_INSERT] = { "channel_insert",
	    "INSERT INTO channels (brand_id, webhook_key, wizard_step, created_at, updated_at) "
	    "VALUES (?, ?, 2, FROM_UNIXTIME(?), FROM_UNIXTIME(?))" },
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
	    "SELECT c.id, b.name brand, c.state, c.app_id, c.wizard_step step, d.name department, "
	    "UNIX_TIMESTAMP(c.last_message_at) last_message, c.signature_failures + c.decrypt_failures + "
	    "c.refused_pushes failures, IFNULL(t.last_errcode, 0) token_err, (SELECT COUNT(*) FROM chats w "
	    "WHERE w.state IN ('waiting', 'missed') AND w.channel_id = c.id) waiting FROM channels c "
	    "JOIN brands b ON b.id = c.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN access_tokens t ON t.channel_id = c.id "
	    "WHERE c.state <> 'deleted' ORDER BY b.name", .cols = channel_list_cols },
	/* every brand, with the live channel that has taken it, if any */
	[S_CHANNEL_BRANDS] = { "channel_brands",
	    "SELECT b.id, b.name, c.id channel, c.state FROM brands b "
	    "LEFT JOIN channels c ON c.live_brand_id = b.id ORDER BY b.name", .cols = channel_brands_cols },
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
	    "WHERE channel_id = ?", .cols = prefs_get_cols },
	[S_PREFS_SET] = { "prefs_set",
	    "UPDATE channel_prefs SET missed_after_minutes = ?, missed_close_minutes = ?, "
	    "idle_close_minutes = ?, bot_enabled = ?, bot_idle_minutes = ?, "
	    "erase_on_unfollow = ? WHERE channel_id = ?" },
	/* new credentials: the cached token and its error backoff no longer apply */
	[S_TOKEN_RESET] = { "token_reset",
	    "DELETE FROM access_tokens WHERE channel_id = ?" },
	[S_PROF_SETTINGS_GET] = { "prof_settings_get",
	    "SELECT enabled, word_limit, warning FROM profanity_settings WHERE brand_id = ?", .cols = prof_settings_get_cols },
	[S_PROF_SETTINGS_SET] = { "prof_settings_set",
	    "INSERT INTO profanity_settings (brand_id, enabled, word_limit, warning, updated_at) "
	    "VALUES (?, ?, ?, NULLIF(?, ''), FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE "
	    "enabled = VALUES(enabled), word_limit = VALUES(word_limit), "
	    "warning = VALUES(warning), updated_at = VALUES(updated_at)" },
	[S_PROF_WORDS] = { "prof_words",
	    "SELECT id, word FROM profanity_words WHERE brand_id = ? ORDER BY word", .cols = prof_words_cols },
	[S_PROF_WORD_ADD] = { "prof_word_add",
	    "INSERT IGNORE INTO profanity_words (brand_id, word) VALUES (?, ?)" },
	[S_PROF_WORD_DELETE] = { "prof_word_delete",
	    "DELETE FROM profanity_words WHERE id = ? AND brand_id = ?" },
	/* a channel's list when its brand's profanity management is on: limit,
	 * warning, then one row per word */
	[S_PROF_FOR_CHANNEL] = { "prof_for_channel",
	    "SELECT s.word_limit, s.warning, w.word FROM channels ch "
	    "JOIN profanity_settings s ON s.brand_id = ch.brand_id AND s.enabled = 1 "
	    "JOIN profanity_words w ON w.brand_id = ch.brand_id WHERE ch.id = ?", .cols = prof_for_channel_cols },
	[S_TOKEN_STATUS] = { "token_status",
	    "SELECT UNIX_TIMESTAMP(expires_at) expires, UNIX_TIMESTAMP(fetched_at) fetched, last_errcode, "
	    "last_error, errors FROM access_tokens WHERE channel_id = ?", .cols = token_status_cols },
};

static void           *prepared[S__MAX];
static struct db_table table = { stmts, S__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_channels(void)
{
	return &table;
}

#define RUN(s, p, out, ...) DB_RUN(&table, s, p, out, __VA_ARGS__)

enum dbrc
db_channel_by_key(struct pool *p, const char *key, struct channel_by_key *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHANNEL_BY_KEY, p, &res, S(key));
	return db_as_row(rc, &res, row, channel_by_key_fill);
}

enum dbrc
db_channel_get(struct pool *p, long long id, struct channel_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHANNEL_GET, p, &res, I(id));
	return db_as_row(rc, &res, row, channel_get_fill);
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
db_channel_setup_of(const struct channel_get *row, struct channel_setup *s)
{
	memset(s, 0, sizeof *s);
	s->department_id = row->department_id;
	s->original_id = row->original_id;
	s->app_id = row->app_id;
	s->app_secret_enc = row->app_secret_enc;
	s->token_enc = row->token_enc;
	s->aes_key_enc = row->aes_key_enc;
	s->aes_key_prev_enc = row->aes_key_prev_enc;
	s->mode = row->encryption_mode;
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
db_channel_list(struct pool *p, struct channel_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHANNEL_LIST, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, channel_list_fill);
}

enum dbrc
db_channel_brands(struct pool *p, struct channel_brands **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CHANNEL_BRANDS, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, channel_brands_fill);
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
		struct channel_get c;
		if ((rc = db_channel_get(p, id, &c)) != DB_OK)
			return rc;
		return c.department_id == dept_id ? DB_OK : DB_NOTFOUND;
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
db_prefs_get(struct pool *p, long long channel_id, struct prefs_get *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_PREFS_GET, p, &res, I(channel_id));
	return db_as_row(rc, &res, row, prefs_get_fill);
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
db_token_status(struct pool *p, long long channel_id, struct token_status **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TOKEN_STATUS, p, &res, I(channel_id));
	return DB_AS_ROWS(p, rc, &res, rows, n, token_status_fill);
}

enum dbrc
db_prof_settings_get(struct pool *p, long long brand, struct prof_settings_get **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_PROF_SETTINGS_GET, p, &res, I(brand));
	return DB_AS_ROWS(p, rc, &res, rows, n, prof_settings_get_fill);
}

enum dbrc
db_prof_settings_set(struct pool *p, long long brand, int enabled, long long limit,
    const char *warning)
{
	return RUN(S_PROF_SETTINGS_SET, p, NULL, I(brand), I((long long)enabled),
	    I(limit), S(warning ? warning : ""), I((long long)wx_now()));
}

enum dbrc
db_prof_words(struct pool *p, long long brand, struct prof_words **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_PROF_WORDS, p, &res, I(brand));
	return DB_AS_ROWS(p, rc, &res, rows, n, prof_words_fill);
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
db_prof_for_channel(struct pool *p, long long channel, struct prof_for_channel **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_PROF_FOR_CHANNEL, p, &res, I(channel));
	return DB_AS_ROWS(p, rc, &res, rows, n, prof_for_channel_fill);
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
