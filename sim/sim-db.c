/*
 * sim-db.c: the WeChat simulator's statements (its own database, wxsim),
 * in its own table, run through wxdesk's database layer (db_run) so that
 * preparing, reconnecting and error handling are written once.
 */
#include <stddef.h>

#include "../src/db-run.h"
#include "sim-db.h"

enum sim_stmt {
	S_SIM_ACCOUNT_UPSERT,
	S_SIM_ACCOUNT_GET,
	S_SIM_ACCOUNT_LIST,
	S_SIM_ACCOUNT_WHITELIST,
	S_SIM_ACCOUNT_VERIFIED,
	S_SIM_TOKEN_INSERT,
	S_SIM_TOKEN_CURRENT,
	S_SIM_TOKEN_SHORTEN,
	S_SIM_TOKEN_GET,
	S_SIM_USER_MESSAGE,
	S_SIM_USER_SUBSCRIBE,
	S_SIM_USER_GET,
	S_SIM_USER_SENT,
	S_SIM_USER_GRANT,
	S_SIM_USER_REMARK,
	S_SIM_RECEIVED_INSERT,
	S_SIM_RECEIVED_LIST,
	S_SIM_MEDIA_INSERT,
	S_SIM_MEDIA_GET,
	S_SIM_FAULT_SET,
	S_SIM_FAULT_GET,
	S_SIM_FAULT_USE,
	S_SIM_CALL_INSERT,
	S_SIM__MAX
};

static const struct db_stmt stmts[S_SIM__MAX] = {
	[S_SIM_ACCOUNT_UPSERT] = { "sim_account_upsert",
	    "INSERT INTO sim_accounts (appid, secret, original_id, token, "
	    "aes_key, mode, webhook_url, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON "
	    "DUPLICATE KEY UPDATE secret = VALUES(secret), original_id = "
	    "VALUES(original_id), token = VALUES(token), aes_key = "
	    "VALUES(aes_key), mode = VALUES(mode), webhook_url = "
	    "VALUES(webhook_url), name = VALUES(name)" },
	[S_SIM_ACCOUNT_GET] = { "sim_account_get",
	    "SELECT appid, secret, original_id, token, aes_key, mode, "
	    "webhook_url, name, whitelist, verified FROM sim_accounts WHERE appid = ?" },
	[S_SIM_ACCOUNT_LIST] = { "sim_account_list",
	    "SELECT appid app_id, name, original_id, mode, webhook_url webhook FROM sim_accounts "
	    "ORDER BY name", .cols = sim_account_cols },
	[S_SIM_ACCOUNT_WHITELIST] = { "sim_account_whitelist",
	    "UPDATE sim_accounts SET whitelist = NULLIF(?, '') WHERE appid = ?" },
	[S_SIM_ACCOUNT_VERIFIED] = { "sim_account_verified",
	    "UPDATE sim_accounts SET verified = ? WHERE appid = ?" },
	[S_SIM_TOKEN_INSERT] = { "sim_token_insert",
	    "INSERT INTO sim_tokens (token, appid, kind, issued_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?)" },
	[S_SIM_TOKEN_CURRENT] = { "sim_token_current",
	    "SELECT token, expires_at FROM sim_tokens WHERE appid = ? AND kind = "
	    "? AND expires_at > ? ORDER BY issued_at DESC, expires_at DESC LIMIT "
	    "1" },
	[S_SIM_TOKEN_SHORTEN] = { "sim_token_shorten",
	    "UPDATE sim_tokens SET expires_at = LEAST(expires_at, ?) WHERE appid "
	    "= ? AND kind = ? AND token <> ?" },
	[S_SIM_TOKEN_GET] = { "sim_token_get",
	    "SELECT appid, expires_at FROM sim_tokens WHERE token = ?" },
	[S_SIM_USER_MESSAGE] = { "sim_user_message",
	    "INSERT INTO sim_users (appid, openid, subscribe_time, last_msg_at, "
	    "sent_since) VALUES (?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE "
	    "last_msg_at = VALUES(last_msg_at), sent_since = 0" },
	[S_SIM_USER_SUBSCRIBE] = { "sim_user_subscribe",
	    "INSERT INTO sim_users (appid, openid, subscribed, subscribe_time, "
	    "subscribe_scene, qr_scene_str) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY "
	    "UPDATE subscribed = VALUES(subscribed), subscribe_time = "
	    "IF(VALUES(subscribed) = 1, VALUES(subscribe_time), subscribe_time), "
	    "subscribe_scene = IF(VALUES(subscribed) = 1, VALUES(subscribe_scene), "
	    "subscribe_scene), qr_scene_str = IF(VALUES(subscribed) = 1, "
	    "VALUES(qr_scene_str), qr_scene_str)" },
	[S_SIM_USER_GET] = { "sim_user_get",
	    "SELECT subscribed, subscribe_time, last_msg_at, sent_since, language, remark, "
	    "grant_at, grant_paid, subscribe_scene, qr_scene_str FROM sim_users "
	    "WHERE appid = ? AND openid = ?" },
	[S_SIM_USER_SENT] = { "sim_user_sent",
	    "UPDATE sim_users SET sent_since = sent_since + 1 WHERE appid = ? AND "
	    "openid = ?" },
	/* a follow, a scan or a click: the short window, its count from 0 */
	[S_SIM_USER_GRANT] = { "sim_user_grant",
	    "UPDATE sim_users SET grant_at = ?, grant_paid = ?, sent_since = 0 WHERE appid = ? AND "
	    "openid = ?" },
	[S_SIM_USER_REMARK] = { "sim_user_remark",
	    "UPDATE sim_users SET remark = ? WHERE appid = ? AND openid = ?" },
	[S_SIM_RECEIVED_INSERT] = { "sim_received_insert",
	    "INSERT INTO sim_received (appid, openid, msgtype, content, media_id, "
	    "at) VALUES (?, ?, ?, ?, ?, ?)" },
	[S_SIM_RECEIVED_LIST] = { "sim_received_list",
	    "SELECT id, msgtype type, content, media_id, at FROM sim_received WHERE "
	    "appid = ? AND openid = ? ORDER BY id DESC LIMIT 50", .cols = sim_received_cols },
	[S_SIM_MEDIA_INSERT] = { "sim_media_insert",
	    "INSERT INTO sim_media (media_id, appid, type, mime, filename, data, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	[S_SIM_MEDIA_GET] = { "sim_media_get",
	    "SELECT type, mime, filename, data, appid, created_at FROM sim_media "
	    "WHERE media_id = ?" },
	[S_SIM_FAULT_SET] = { "sim_fault_set",
	    "REPLACE INTO sim_faults (appid, api, errcode, remaining, delay_ms) "
	    "VALUES (?, ?, ?, ?, ?)" },
	[S_SIM_FAULT_GET] = { "sim_fault_get",
	    "SELECT errcode, delay_ms FROM sim_faults WHERE appid = ? AND api = ? "
	    "AND remaining > 0" },
	[S_SIM_FAULT_USE] = { "sim_fault_use",
	    "UPDATE sim_faults SET remaining = remaining - 1 WHERE appid = ? AND "
	    "api = ? AND remaining > 0" },
	[S_SIM_CALL_INSERT] = { "sim_call_insert",
	    "INSERT INTO sim_calls (appid, api, errcode, at) VALUES (?, ?, ?, ?)" },
};

static void           *prepared[S_SIM__MAX];
static struct db_table sim_table = { stmts, S_SIM__MAX, prepared, NULL, 0 };

enum dbrc
db_sim_account_upsert(struct pool *p, const char *appid, const char *secret, const char *original_id, const char *token, const char *aes_key, const char *mode, const char *webhook_url, const char *name, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_ACCOUNT_UPSERT, p, out, S(appid), S(secret),
	    S(original_id), S(token), S(aes_key), S(mode), S(webhook_url), S(name));
}

enum dbrc
db_sim_account_get(struct pool *p, const char *appid, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_ACCOUNT_GET, p, out, S(appid));
}

enum dbrc
db_sim_account_list(struct pool *p, struct sim_account **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc = DB_RUN(&sim_table, S_SIM_ACCOUNT_LIST, p, &res);

	return DB_AS_ROWS(p, rc, &res, rows, n, sim_account_fill);
}

enum dbrc
db_sim_account_whitelist(struct pool *p, const char *whitelist, const char *appid, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_ACCOUNT_WHITELIST, p, out, S(whitelist),
	    S(appid));
}

enum dbrc
db_sim_account_verified(struct pool *p, int verified, const char *appid)
{
	return DB_RUN(&sim_table, S_SIM_ACCOUNT_VERIFIED, p, NULL, I((long long)verified),
	    S(appid));
}

enum dbrc
db_sim_token_insert(struct pool *p, const char *token, const char *appid, const char *kind, long long issued_at, long long expires_at, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_TOKEN_INSERT, p, out, S(token), S(appid),
	    S(kind), I(issued_at), I(expires_at));
}

enum dbrc
db_sim_token_current(struct pool *p, const char *appid, const char *kind, long long valid_after, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_TOKEN_CURRENT, p, out, S(appid), S(kind),
	    I(valid_after));
}

enum dbrc
db_sim_token_shorten(struct pool *p, long long until, const char *appid, const char *kind, const char *except_token, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_TOKEN_SHORTEN, p, out, I(until), S(appid),
	    S(kind), S(except_token));
}

enum dbrc
db_sim_token_get(struct pool *p, const char *token, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_TOKEN_GET, p, out, S(token));
}

enum dbrc
db_sim_user_message(struct pool *p, const char *appid, const char *openid, long long subscribe_time, long long at, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_USER_MESSAGE, p, out, S(appid), S(openid),
	    I(subscribe_time), I(at));
}

enum dbrc
db_sim_user_subscribe(struct pool *p, const char *appid, const char *openid, long long subscribed, long long at, const char *scene, struct dbres *out)
{
	/* a scene: through that QR code; else from a search of the account */
	return DB_RUN(&sim_table, S_SIM_USER_SUBSCRIBE, p, out, S(appid), S(openid),
	    I(subscribed), I(at), S(scene && *scene ? "ADD_SCENE_QR_CODE" : "ADD_SCENE_SEARCH"),
	    S(scene ? scene : ""));
}

enum dbrc
db_sim_user_get(struct pool *p, const char *appid, const char *openid, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_USER_GET, p, out, S(appid), S(openid));
}

enum dbrc
db_sim_user_remark(struct pool *p, const char *appid, const char *openid, const char *remark)
{
	return DB_RUN(&sim_table, S_SIM_USER_REMARK, p, NULL, S(remark), S(appid), S(openid));
}

enum dbrc
db_sim_user_grant(struct pool *p, const char *appid, const char *openid, long long at)
{
	return DB_RUN(&sim_table, S_SIM_USER_GRANT, p, NULL, I(at), I(0), S(appid), S(openid));
}

enum dbrc
db_sim_user_paid(struct pool *p, const char *appid, const char *openid, long long at)
{
	return DB_RUN(&sim_table, S_SIM_USER_GRANT, p, NULL, I(at), I(1), S(appid), S(openid));
}

enum dbrc
db_sim_user_sent(struct pool *p, const char *appid, const char *openid, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_USER_SENT, p, out, S(appid), S(openid));
}

enum dbrc
db_sim_received_insert(struct pool *p, const char *appid, const char *openid, const char *msgtype, const char *content, const char *media_id, long long at, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_RECEIVED_INSERT, p, out, S(appid), S(openid),
	    S(msgtype), S(content), S(media_id), I(at));
}

enum dbrc
db_sim_received_list(struct pool *p, const char *appid, const char *openid,
    struct sim_received **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc = DB_RUN(&sim_table, S_SIM_RECEIVED_LIST, p, &res, S(appid), S(openid));

	return DB_AS_ROWS(p, rc, &res, rows, n, sim_received_fill);
}

enum dbrc
db_sim_media_insert(struct pool *p, const char *media_id, const char *appid, const char *type, const char *mime, const char *filename, const void *data, size_t data_len, long long created_at, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_MEDIA_INSERT, p, out, S(media_id), S(appid),
	    S(type), S(mime), S(filename), B(data, data_len), I(created_at));
}

enum dbrc
db_sim_media_get(struct pool *p, const char *media_id, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_MEDIA_GET, p, out, S(media_id));
}

enum dbrc
db_sim_fault_set(struct pool *p, const char *appid, const char *api, long long errcode, long long remaining, long long delay_ms, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_FAULT_SET, p, out, S(appid), S(api), I(errcode),
	    I(remaining), I(delay_ms));
}

enum dbrc
db_sim_fault_get(struct pool *p, const char *appid, const char *api, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_FAULT_GET, p, out, S(appid), S(api));
}

enum dbrc
db_sim_fault_use(struct pool *p, const char *appid, const char *api, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_FAULT_USE, p, out, S(appid), S(api));
}

enum dbrc
db_sim_call_insert(struct pool *p, const char *appid, const char *api, long long errcode, long long at, struct dbres *out)
{
	return DB_RUN(&sim_table, S_SIM_CALL_INSERT, p, out, S(appid), S(api),
	    I(errcode), I(at));
}
