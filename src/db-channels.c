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
#include "upstream.h"
#include "wx.h"
#include "channel.h"
#include "console.h"

#define CHANNELS_STATEMENTS(X) \
	X(channel_by_key, ROW(channel_by_key), (const char *key), (S(key)), \
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, " \
	    "c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, c.encryption_mode, " \
	    "IFNULL(p.erase_on_unfollow, 0) erase, c.upstream_url, c.upstream_token_enc, " \
	    "c.upstream_mode, c.upstream_aes_enc, c.upstream_forward, c.upstream_first " \
	    "FROM channels c " \
	    "LEFT JOIN channel_prefs p ON p.channel_id = c.id WHERE c.webhook_key = ? " \
	    "AND c.state <> 'deleted'") \
	/* the account's upstream (upstream.h): a failure counted, its settings */ \
	X(upstream_failed, EXEC, (long long channel, const char *why, long long now), \
	    (S(why), I(now), I(channel)), \
	    "UPDATE channels SET upstream_failures = upstream_failures + 1, " \
	    "upstream_last_failure = LEFT(?, 255), upstream_failed_at = FROM_UNIXTIME(?) " \
	    "WHERE id = ?") \
	X(upstream_set, EXEC, (long long channel, const char *url, const char *token_enc, \
	    const char *mode, const char *aes_enc, const char *forward, const char *first), \
	    (S(url), S(token_enc), S(mode), S(aes_enc), S(forward), S(first), I(channel)), \
	    "UPDATE channels SET upstream_url = NULLIF(?, ''), upstream_token_enc = ?, " \
	    "upstream_mode = ?, upstream_aes_enc = ?, upstream_forward = ?, upstream_first = ?, " \
	    "upstream_failures = 0, upstream_last_failure = NULL, upstream_failed_at = NULL " \
	    "WHERE id = ?") \
	X(channel_get, ROW(channel_get), (long long id), (I(id)), \
	    "SELECT c.id, c.brand_id, c.department_id, c.state, c.original_id, c.app_id, " \
	    "c.app_secret_enc, c.token_enc, c.aes_key_enc, c.aes_key_prev_enc, " \
	    "c.encryption_mode, c.webhook_key, c.wizard_step, c.ip_confirmed, c.url_confirmed, " \
	    "UNIX_TIMESTAMP(c.verified_at) verified, UNIX_TIMESTAMP(c.last_message_at) lastmsg, " \
	    "c.inactive_messages, c.signature_failures, c.decrypt_failures, " \
	    "UNIX_TIMESTAMP(c.last_failure_at) failat, c.last_failure, b.name brand_name, d.name dept_name, " \
	    "c.refused_pushes, c.upstream_url, c.upstream_token_enc, c.upstream_mode, " \
	    "c.upstream_aes_enc, c.upstream_forward, c.upstream_first, c.upstream_failures, " \
	    "c.upstream_last_failure, UNIX_TIMESTAMP(c.upstream_failed_at) upstream_failed " \
	    "FROM channels c JOIN brands b ON b.id = c.brand_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id " \
	    "WHERE c.id = ? AND c.state <> 'deleted'") \
	X(channel_insert, CUSTOM, (), (I, S, I, I), \
	    "INSERT INTO channels (brand_id, webhook_key, wizard_step, created_at, updated_at) " \
	    "VALUES (?, ?, 2, FROM_UNIXTIME(?), FROM_UNIXTIME(?))") \
	X(channel_update_setup, EXEC, (long long id, const struct channel_setup *c), \
	    (I(c->department_id), S(c->original_id), S(c->app_id), S(c->app_secret_enc), \
	    S(c->token_enc), S(c->aes_key_enc), S(c->aes_key_prev_enc), S(c->mode), \
	    I((long long)wx_now()), I(id)), \
	    "UPDATE channels SET department_id = NULLIF(?, 0), original_id = ?, app_id = ?, " \
	    "app_secret_enc = ?, token_enc = ?, aes_key_enc = ?, aes_key_prev_enc = ?, " \
	    "encryption_mode = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?") \
	X(channel_set_state, EXEC, (long long id, const char *state), \
	    (S(state), I((long long)wx_now()), I(id)), \
	    "UPDATE channels SET state = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?") \
	X(channel_verified, EXEC, (long long id, time_t at), (I((long long)at), I(id)), \
	    "UPDATE channels SET verified_at = FROM_UNIXTIME(?) WHERE id = ?") \
	X(channel_inactive_msg, EXEC, (long long id, time_t at), (I((long long)at), I(id)), \
	    "UPDATE channels SET inactive_messages = inactive_messages + 1, " \
	    "last_message_at = FROM_UNIXTIME(?) WHERE id = ?") \
	X(channel_failure, EXEC, (long long id, int sig, int dec, int refused, time_t at, \
	    const char *what), \
	    (I((long long)sig), I((long long)dec), I((long long)refused), I((long long)at), \
	    S(what), I(id)), \
	    "UPDATE channels SET signature_failures = signature_failures + ?, " \
	    "decrypt_failures = decrypt_failures + ?, refused_pushes = refused_pushes + ?, " \
	    "last_failure_at = FROM_UNIXTIME(?), last_failure = LEFT(?, 255) WHERE id = ?") \
	X(prefs_insert, CUSTOM, (), (I), \
	    "INSERT IGNORE INTO channel_prefs (channel_id) VALUES (?)") \
	/* each account with its health: failures since the counters were reset, \
	 * the access token's last errcode, and the chats waiting for an operator */ \
	X(channel_list, ROWS(channel_list), (), (), \
	    "SELECT c.id, b.name brand, c.state, c.app_id, c.wizard_step step, d.name department, " \
	    "UNIX_TIMESTAMP(c.last_message_at) last_message, c.signature_failures + c.decrypt_failures + " \
	    "c.refused_pushes failures, IFNULL(t.last_errcode, 0) token_err, (SELECT COUNT(*) FROM chats w " \
	    "WHERE w.state IN ('waiting', 'missed') AND w.channel_id = c.id) waiting FROM channels c " \
	    "JOIN brands b ON b.id = c.brand_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id " \
	    "LEFT JOIN access_tokens t ON t.channel_id = c.id " \
	    "WHERE c.state <> 'deleted' ORDER BY b.name") \
	/* every brand, with the live channel that has taken it, if any */ \
	X(channel_brands, ROWS(channel_brands), (), (), \
	    "SELECT b.id, b.name, c.id channel, c.state FROM brands b " \
	    "LEFT JOIN channels c ON c.live_brand_id = b.id ORDER BY b.name") \
	/* a draft may move to another brand; its department belonged to the old one */ \
	X(channel_set_brand, EXEC, (long long id, long long brand_id), \
	    (I(brand_id), I(brand_id), I((long long)wx_now()), I(id)), \
	    "UPDATE channels SET department_id = IF(brand_id = ?, department_id, NULL), " \
	    "brand_id = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'draft'") \
	X(channel_progress, EXEC, (long long id, int step, int ip_ok, int url_ok), \
	    (I((long long)step), I((long long)ip_ok), I((long long)url_ok), \
	    I((long long)wx_now()), I(id)), \
	    "UPDATE channels SET wizard_step = GREATEST(wizard_step, ?), ip_confirmed = ?, " \
	    "url_confirmed = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?") \
	X(channel_department, CUSTOM, (), (I, I, I), \
	    "UPDATE channels c JOIN departments d ON d.id = ? AND d.brand_id = c.brand_id " \
	    "SET c.department_id = d.id, c.updated_at = FROM_UNIXTIME(?) WHERE c.id = ?") \
	X(channel_delete, CUSTOM, (), (I, I, I), \
	    "UPDATE channels SET state = 'deleted', deleted_at = FROM_UNIXTIME(?), " \
	    "updated_at = FROM_UNIXTIME(?), app_secret_enc = NULL, token_enc = NULL, " \
	    "aes_key_enc = NULL, aes_key_prev_enc = NULL WHERE id = ? AND state <> 'deleted'") \
	/* the webhook notes the last message at most once a minute per process */ \
	X(channel_last_msg, EXEC, (long long id, time_t at), \
	    (I((long long)at), I(id), I((long long)at - 60)), \
	    "UPDATE channels SET last_message_at = FROM_UNIXTIME(?) WHERE id = ? " \
	    "AND (last_message_at IS NULL OR last_message_at < FROM_UNIXTIME(?))") \
	X(channel_reset_health, EXEC, (long long id), (I(id)), \
	    "UPDATE channels SET inactive_messages = 0, signature_failures = 0, " \
	    "decrypt_failures = 0, refused_pushes = 0, last_failure_at = NULL, " \
	    "last_failure = NULL WHERE id = ?") \
	X(prefs_get, ROW(prefs_get), (long long channel_id), (I(channel_id)), \
	    "SELECT missed_after_minutes, missed_close_minutes, idle_close_minutes, " \
	    "bot_enabled, bot_idle_minutes, erase_on_unfollow FROM channel_prefs " \
	    "WHERE channel_id = ?") \
	X(prefs_set, EXEC, (long long channel_id, const struct channel_prefs *c), \
	    (I(c->missed_after), I(c->missed_close), I(c->idle_close), \
	    I((long long)c->bot_enabled), I(c->bot_idle), I((long long)c->erase_on_unfollow), \
	    I(channel_id)), \
	    "UPDATE channel_prefs SET missed_after_minutes = ?, missed_close_minutes = ?, " \
	    "idle_close_minutes = ?, bot_enabled = ?, bot_idle_minutes = ?, " \
	    "erase_on_unfollow = ? WHERE channel_id = ?") \
	/* new credentials: the cached token and its error backoff no longer apply */ \
	X(token_reset, EXEC, (long long channel_id), (I(channel_id)), \
	    "DELETE FROM access_tokens WHERE channel_id = ?") \
	X(prof_settings_get, ROWS(prof_settings_get), (long long brand), (I(brand)), \
	    "SELECT enabled, word_limit, warning FROM profanity_settings WHERE brand_id = ?") \
	X(prof_settings_set, EXEC, (long long brand, int enabled, long long limit, \
	    const char *warning), \
	    (I(brand), I((long long)enabled), I(limit), S(warning ? warning : ""), I((long long)wx_now())), \
	    "INSERT INTO profanity_settings (brand_id, enabled, word_limit, warning, updated_at) " \
	    "VALUES (?, ?, ?, NULLIF(?, ''), FROM_UNIXTIME(?)) ON DUPLICATE KEY UPDATE " \
	    "enabled = VALUES(enabled), word_limit = VALUES(word_limit), " \
	    "warning = VALUES(warning), updated_at = VALUES(updated_at)") \
	X(prof_words, ROWS(prof_words), (long long brand), (I(brand)), \
	    "SELECT id, word FROM profanity_words WHERE brand_id = ? ORDER BY word") \
	/* DB_CONFLICT when the brand has the word already (in any case) */ \
	X(prof_word_add, ELSE(DB_CONFLICT), (long long brand, const char *word), \
	    (I(brand), S(word)), \
	    "INSERT IGNORE INTO profanity_words (brand_id, word) VALUES (?, ?)") \
	X(prof_word_delete, EXEC, (long long id, long long brand), (I(id), I(brand)), \
	    "DELETE FROM profanity_words WHERE id = ? AND brand_id = ?") \
	/* a channel's list when its brand's profanity management is on: limit, \
	 * warning, then one row per word */ \
	X(prof_for_channel, ROWS(prof_for_channel), (long long channel), (I(channel)), \
	    "SELECT s.word_limit, s.warning, w.word FROM channels ch " \
	    "JOIN profanity_settings s ON s.brand_id = ch.brand_id AND s.enabled = 1 " \
	    "JOIN profanity_words w ON w.brand_id = ch.brand_id WHERE ch.id = ?") \
	X(token_status, ROWS(token_status), (long long channel_id), (I(channel_id)), \
	    "SELECT UNIX_TIMESTAMP(expires_at) expires, UNIX_TIMESTAMP(fetched_at) fetched, last_errcode, " \
	    "last_error, errors FROM access_tokens WHERE channel_id = ?")
DB_STATEMENTS(CHANNELS_STATEMENTS, db_table_channels)

enum dbrc
db_channel_insert(struct pool *p, long long brand_id, const char *webhook_key, long long *id)
{
	struct dbres out;
	long long    now = (long long)wx_now();
	enum dbrc    rc = RUN(DBS_channel_insert, p, &out, I(brand_id), S(webhook_key),
	    I(now), I(now));

	if (rc == DB_OK && id)
		*id = (long long)out.insert_id;
	if (rc == DB_OK)
		rc = RUN(DBS_prefs_insert, p, NULL, I((long long)out.insert_id));
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

/* DB_NOTFOUND when the department is not one of the channel's brand */
enum dbrc
db_channel_department(struct pool *p, long long id, long long dept_id)
{
	struct dbres out;
	enum dbrc    rc = RUN(DBS_channel_department, p, &out, I(dept_id),
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
	enum dbrc    rc = RUN(DBS_channel_delete, p, &out, I(now), I(now), I(id));

	if (rc == DB_OK && out.affected == 0)
		return DB_NOTFOUND;
	if (rc == DB_OK)
		rc = RUN(DBS_token_reset, p, NULL, I(id));
	return rc;
}

