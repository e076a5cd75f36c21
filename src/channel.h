/* channel.h: a WeChat account as the database keeps it: its setup (saved whole by channel.c), preferences, health and the statements of db-channels.c. */
#ifndef WXDESK_CHANNEL_H
#define WXDESK_CHANNEL_H

#include "db.h"

/* channels */
struct channel_setup {
	long long   department_id;	/* 0: none */
	const char *original_id, *app_id, *app_secret_enc, *token_enc;
	const char *aes_key_enc, *aes_key_prev_enc, *mode;
};
/* columns of db_channel_by_key */
#define CHANNEL_BY_KEY_ROW(C) C(INT, id) C(INT, brand_id) C(INT, department_id) \
	C(STR, state) C(STR, original_id) C(STR, app_id) C(STR, token_enc) C(STR, aes_key_enc) \
	C(STR, aes_key_prev_enc) C(STR, encryption_mode) C(INT, erase) C(STR, upstream_url) \
	C(STR, upstream_token_enc) C(STR, upstream_mode) C(STR, upstream_aes_enc) \
	C(STR, upstream_forward) C(STR, upstream_first)
DB_ROW(channel_by_key, CHANNEL_BY_KEY_ROW)
enum dbrc db_channel_by_key(struct pool *p, const char *key, struct channel_by_key *row);
/* columns of db_channel_get */
#define CHANNEL_GET_ROW(C) C(INT, id) C(INT, brand_id) C(INT, department_id) C(STR, state) \
	C(STR, original_id) C(STR, app_id) C(STR, app_secret_enc) C(STR, token_enc) \
	C(STR, aes_key_enc) C(STR, aes_key_prev_enc) C(STR, encryption_mode) C(STR, webhook_key) \
	C(INT, wizard_step) C(INT, ip_confirmed) C(INT, url_confirmed) C(INT, verified) \
	C(INT, lastmsg) C(INT, inactive_messages) C(INT, signature_failures) \
	C(INT, decrypt_failures) C(INT, failat) C(STR, last_failure) C(STR, brand_name) C(STR, dept_name) \
	C(INT, refused_pushes) C(STR, upstream_url) C(STR, upstream_token_enc) \
	C(STR, upstream_mode) C(STR, upstream_aes_enc) C(STR, upstream_forward) \
	C(STR, upstream_first) C(INT, upstream_failures) C(STR, upstream_last_failure) \
	C(INT, upstream_failed)
DB_ROW(channel_get, CHANNEL_GET_ROW)
enum dbrc db_channel_get(struct pool *p, long long id, struct channel_get *row);
/* a new draft, its brand chosen: the wizard goes on at step 2 */
enum dbrc db_channel_insert(struct pool *p, long long brand_id, const char *webhook_key,
	long long *id);
enum dbrc db_channel_update_setup(struct pool *p, long long id, const struct channel_setup *c);
/* The setup saved, in one transaction; with new_credentials (a new App ID
 * or secret) the cached access token and its error backoff are void too.
 * DB_CONFLICT: another account has the App ID. */
enum dbrc channel_setup_save(struct pool *p, long long id, const struct channel_setup *s,
	int new_credentials);
/* The setup as a db_channel_get row holds it (strings point into the row). */
void db_channel_setup_of(const struct channel_get *row, struct channel_setup *s);
enum dbrc db_channel_set_state(struct pool *p, long long id, const char *state);
/* columns of db_channel_list */
#define CHANNEL_LIST_ROW(C) C(INT, id) C(STR, brand) C(STR, state) C(STR, app_id) \
	C(INT, step) C(STR, department) C(INT, last_message) C(INT, failures) C(INT, token_err) \
	C(INT, waiting)
DB_ROW(channel_list, CHANNEL_LIST_ROW)
/* departments nobody belongs to: id, name, brand */
#define DEPTS_EMPTY_ROW(C) C(INT, id) C(STR, name) C(STR, brand)
DB_ROW(depts_empty, DEPTS_EMPTY_ROW)
enum dbrc db_depts_empty(struct pool *p, struct depts_empty **rows, size_t *n);
/* the longest-waiting chat the user answers, or DB_NOTFOUND */
#define CONSOLE_NEXT_ROW(C) C(INT, id)
DB_ROW(console_next, CONSOLE_NEXT_ROW)
enum dbrc db_console_next(struct pool *p, long long user, int all, struct console_next *row);
enum dbrc db_channel_list(struct pool *p, struct channel_list **rows, size_t *n);
/* columns of db_channel_brands */
#define CHANNEL_BRANDS_ROW(C) C(INT, id) C(STR, name) C(INT, channel) C(STR, state)
DB_ROW(channel_brands, CHANNEL_BRANDS_ROW)
enum dbrc db_channel_brands(struct pool *p, struct channel_brands **rows, size_t *n);
enum dbrc db_channel_set_brand(struct pool *p, long long id, long long brand_id);
enum dbrc db_channel_progress(struct pool *p, long long id, int step, int ip_ok, int url_ok);
enum dbrc db_channel_department(struct pool *p, long long id, long long dept_id);
enum dbrc db_channel_delete(struct pool *p, long long id);
enum dbrc db_channel_last_msg(struct pool *p, long long id, time_t at);
enum dbrc db_channel_reset_health(struct pool *p, long long id);
struct channel_prefs {
	long long missed_after, missed_close, idle_close, bot_idle;	/* minutes */
	int       bot_enabled, erase_on_unfollow;
};
/* columns of db_prefs_get */
#define PREFS_GET_ROW(C) C(INT, missed_after_minutes) C(INT, missed_close_minutes) \
	C(INT, idle_close_minutes) C(INT, bot_enabled) C(INT, bot_idle_minutes) \
	C(INT, erase_on_unfollow)
DB_ROW(prefs_get, PREFS_GET_ROW)
enum dbrc db_prefs_get(struct pool *p, long long channel_id, struct prefs_get *row);
enum dbrc db_prefs_set(struct pool *p, long long channel_id, const struct channel_prefs *c);
enum dbrc db_token_reset(struct pool *p, long long channel_id);
/* columns of db_token_status */
#define TOKEN_STATUS_ROW(C) C(INT, expires) C(INT, fetched) C(INT, last_errcode) \
	C(STR, last_error) C(INT, errors)
DB_ROW(token_status, TOKEN_STATUS_ROW)
enum dbrc db_token_status(struct pool *p, long long channel_id, struct token_status **rows, size_t *n);
enum dbrc db_channel_verified(struct pool *p, long long id, time_t at);
enum dbrc db_channel_inactive_msg(struct pool *p, long long id, time_t at);
enum dbrc db_channel_failure(struct pool *p, long long id, int sig, int dec, int refused,
	time_t at, const char *what);

#endif
