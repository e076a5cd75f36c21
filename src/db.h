/* db.h: the database layer. Handlers reach MariaDB only through db_* here. */
#ifndef WXDESK_DB_H
#define WXDESK_DB_H

#include "wxdesk.h"

enum dbrc {
	DB_OK = 0,
	DB_NOTFOUND,	/* no row matched */
	DB_CONFLICT,	/* duplicate key or a foreign key refused the change */
	DB_FAIL,	/* anything else; logged with the statement's name */
	DB_RETRY,	/* a deadlock or lock wait timeout: the transaction may be retried */
	DB_INVALID	/* the data's fault: too long, a bad value, a CHECK; retrying cannot help */
};

/* A result: rows of NUL-terminated cells (NULL for SQL NULL) in a pool. */
struct dbres {
	size_t               nrows;
	size_t               ncols;
	char              ***rows;
	unsigned long      **lens;	/* byte length of each cell (binary data) */
	unsigned long long   affected;
	unsigned long long   insert_id;
};

int  db_open(void);		/* connects with the Database.* config; 0 / -1 */
void db_close(void);
void db_forget(void);	/* a forked child: the parent's connection left alone */
int  db_up(void);		/* 1 when a connection is open or can be made */
void db_request_done(void);
int  db_snapshot(void);	/* reads until db_request_done see one snapshot */
int  db_begin(void);
int  db_commit(void);
enum dbrc db_commit_rc(void);	/* DB_RETRY: a deadlock or certification conflict */
void db_rollback(void);
/*
 * Runs step(p, arg) as one transaction: committed when it returns DB_OK,
 * rolled back otherwise, and run again from the start (after a short,
 * growing, spread pause; DB_TXN_TRIES times in all) when a statement or the
 * commit reports a deadlock, a lock wait timeout or, on Galera, a
 * certification conflict (DB_RETRY). Returns step's result, DB_FAIL when no
 * transaction could begin, DB_RETRY when every try conflicted. Every change
 * of a chat's state goes this way (chat.h); step must only read and write
 * the database (anything else would be done once per try).
 */
#define DB_TXN_TRIES 10
enum dbrc db_txn(struct pool *p, enum dbrc (*step)(struct pool *p, void *arg), void *arg);
unsigned long db_failures(void);	/* statements that failed in this process so far */

const char *db_cell(const struct dbres *res, size_t row, size_t col);
long long   db_int(const struct dbres *res, size_t row, size_t col);

/*
 * A result row declared once. DB_ROW(tag, COLS), where COLS(C) lists
 * C(kind, name) for each column in the SELECT's order, and the SELECT names
 * its columns so (`c.id chat`), makes:
 *   struct tag       the row, filled once, typed: INT a number (NULL reads
 *                    0), STR text (NULL stays NULL);
 *   tag_fill         one row of a result into it;
 *   tag_kinds        the kinds, 'i' or 's' a column (tmpl_list writes rows
 *                    into the page's HDF by it);
 *   tag_cols         the names, NULL-terminated: the statement's entry
 *                    points at them (.cols), and test_db compares them with
 *                    the prepared statement's columns, so a SELECT and its
 *                    row cannot drift apart.
 * The statement's function returns struct tag rows (db_rows), and callers
 * read fields, not cells.
 */
#define DB_FIELD_INT(n) long long n;
#define DB_FIELD_STR(n) const char *n;
#define DB_FIELD_(kind, n) DB_FIELD_##kind(n)
#define DB_FILL_INT(n) o->n = db_int(res, row, c++);
#define DB_FILL_STR(n) o->n = db_cell(res, row, c++);
#define DB_FILL_(kind, n) DB_FILL_##kind(n)
#define DB_NAME_(kind, n) #n,
#define DB_KIND_INT 'i',
#define DB_KIND_STR 's',
#define DB_KIND_(kind, n) DB_KIND_##kind
#define DB_ROW(tag, COLS) \
	struct tag { COLS(DB_FIELD_) }; \
	static const char tag##_kinds[] = { COLS(DB_KIND_) '\0' }; \
	_Static_assert(sizeof(struct tag) == (sizeof tag##_kinds - 1) * 8, \
	    "a declared row is 8-byte fields in order (tmpl_list reads it so)"); \
	static inline void \
	tag##_fill(const struct dbres *res, size_t row, void *v) \
	{ \
		struct tag *o = v; \
		size_t      c = 0; \
		COLS(DB_FILL_) \
		(void)c; \
	} \
	static const char *const tag##_cols[] = { COLS(DB_NAME_) NULL };
/* The rows of res as an array (in p) of elements of size bytes, each
 * filled by fill (a DB_ROW's tag_fill); NULL when there are none. */
void *db_rows(struct pool *p, const struct dbres *res, size_t size,
	void (*fill)(const struct dbres *, size_t, void *));

/*
 * A statement table of another program (the WeChat simulator's): the same
 * connection, preparation and error handling as wxdesk's own table.
 * prepared holds n NULL slots; db_run fills them.
 */
struct db_stmt {
	const char        *name, *sql;
	int                owner;	/* run by the schema's owner (wxdesk-admin migrate) alone */
	const char *const *cols;	/* a SELECT's row as declared (DB_ROW's tag_cols), or NULL */
};
struct db_table {
	const struct db_stmt *stmts;
	size_t                n;
	void                **prepared;
	struct db_table      *next;
	int                   listed;
};
/* its functions run statements with DB_RUN (db-run.h) */

/* Each part's table (src/db-<part>.c), and every table there is, for the
 * test that prepares every statement against the migrated schema: a
 * statement no page or job has run yet still fails `make test` when its SQL
 * does not fit the schema. A new part adds its table to db_tables_all. */
struct db_table *db_table_staff(void);
struct db_table *db_table_chats(void);
struct db_table *db_table_channels(void);
struct db_table *db_table_console(void);
struct db_table *db_table_worker(void);
struct db_table *db_table_reports(void);
struct db_table *db_table_alerts(void);
struct db_table *db_table_assign(void);
struct db_table *db_table_audit(void);
struct db_table *db_table_bot(void);
struct db_table *db_table_csat(void);
struct db_table *db_table_health(void);
struct db_table *db_table_hours(void);
struct db_table *db_table_metrics(void);
struct db_table *db_table_outbox(void);
struct db_table *db_table_tell(void);
struct db_table *db_table_twofactor(void);
/* the tables, NULL-terminated */
struct db_table *const *db_tables_all(void);
/* Prepares statement s of t afresh (and closes it): 0 with its parameter
 * and result column counts and, when names is not NULL, the columns' names
 * (in p, up to max), or -1 (db_error says why). A CREATE TEMPORARY
 * TABLE is run too, so the statements that use the table prepare after it. */
int db_prepare_check(const struct db_table *t, size_t s, unsigned long *params,
	unsigned int *cols, struct pool *p, const char **names, size_t max);

/* Runs raw SQL text (migrations only). */
int  db_exec_sql(const char *sql, size_t len);
const char *db_error(void);

/* ---- typed statements ---- */

/* users */
/* columns of db_user_by_login */
#define USER_BY_LOGIN_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) \
	C(STR, pw_hash) C(INT, disabled) C(INT, failed_logins) C(INT, lastfail) C(INT, locked) \
	C(INT, totp_on)
DB_ROW(user_by_login, USER_BY_LOGIN_ROW)
enum dbrc db_user_by_login(struct pool *p, const char *login, struct user_by_login *row);
/* columns of db_user_get */
#define USER_GET_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) C(INT, disabled)
DB_ROW(user_get, USER_GET_ROW)
enum dbrc db_user_get(struct pool *p, long long id, struct user_get *row);
/* columns of db_user_list */
#define USER_LIST_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) C(INT, disabled) \
	C(STR, departments)
DB_ROW(user_list, USER_LIST_ROW)
enum dbrc db_user_list(struct pool *p, long long limit, long long offset, struct user_list **rows, size_t *n);
long long db_user_count(struct pool *p);
long long db_admin_count(struct pool *p);
enum dbrc db_user_insert(struct pool *p, const char *login, const char *name,
	const char *role, const char *pw_hash, long long *id);
enum dbrc db_user_update(struct pool *p, long long id, const char *name, const char *role);
enum dbrc db_user_set_password(struct pool *p, long long id, const char *pw_hash);
enum dbrc db_user_set_disabled(struct pool *p, long long id, int disabled);
enum dbrc db_user_password_claim(struct pool *p, long long id, time_t now, int slow_after,
	int lock_after, int lock_minutes);
enum dbrc db_user_login_ok(struct pool *p, long long id);

/* sessions */
enum dbrc db_session_insert(struct pool *p, const char *id_hash, long long user_id,
	const char *csrf, time_t now);
/* columns of db_session_get */
#define SESSION_GET_ROW(C) C(INT, user_id) C(STR, csrf) C(INT, last_seen) C(STR, flash) \
	C(STR, login) C(STR, name) C(STR, role) C(INT, disabled) C(STR, language) C(STR, presence) \
	C(INT, console_seen) C(INT, idle) C(INT, totp_on) C(INT, require_2fa)
DB_ROW(session_get, SESSION_GET_ROW)
enum dbrc db_session_get(struct pool *p, const char *id_hash, struct session_get *row);
enum dbrc db_session_touch(struct pool *p, const char *id_hash, time_t now);
enum dbrc db_session_flash(struct pool *p, const char *id_hash, const char *flash);
enum dbrc db_session_delete(struct pool *p, const char *id_hash);
enum dbrc db_session_delete_user(struct pool *p, long long user_id);
enum dbrc db_session_purge(struct pool *p, time_t before);

/* brands */
/* columns of db_brand_list */
#define BRAND_LIST_ROW(C) C(INT, id) C(STR, name) C(INT, departments)
DB_ROW(brand_list, BRAND_LIST_ROW)
enum dbrc db_brand_list(struct pool *p, struct brand_list **rows, size_t *n);
/* columns of db_brand_get */
#define BRAND_GET_ROW(C) C(INT, id) C(STR, name) C(STR, follower_language)
DB_ROW(brand_get, BRAND_GET_ROW)
enum dbrc db_brand_get(struct pool *p, long long id, struct brand_get *row);
enum dbrc db_brand_insert(struct pool *p, const char *name, long long *id);
enum dbrc db_brand_rename(struct pool *p, long long id, const char *name);
enum dbrc db_brand_follower_language(struct pool *p, long long id, const char *code);
enum dbrc db_user_language(struct pool *p, long long id, const char *code);
enum dbrc db_channel_draft_secret(struct pool *p, long long id, const char *secret_enc);
enum dbrc db_brand_delete(struct pool *p, long long id);
long long db_brand_department_count(struct pool *p, long long id);

/* departments and members */
/* columns of db_dept_list */
#define DEPT_LIST_ROW(C) C(INT, id) C(STR, name) C(INT, members)
DB_ROW(dept_list, DEPT_LIST_ROW)
enum dbrc db_dept_list(struct pool *p, long long brand_id, long long limit,
	long long offset, struct dept_list **rows, size_t *n);
long long db_dept_count(struct pool *p, long long brand_id);
/* columns of db_dept_all */
#define DEPT_ALL_ROW(C) C(INT, id) C(STR, name) C(STR, brand)
DB_ROW(dept_all, DEPT_ALL_ROW)
enum dbrc db_dept_all(struct pool *p, struct dept_all **rows, size_t *n);
/* columns of db_dept_get */
#define DEPT_GET_ROW(C) C(INT, id) C(INT, brand_id) C(STR, name) C(STR, brand)
DB_ROW(dept_get, DEPT_GET_ROW)
enum dbrc db_dept_get(struct pool *p, long long id, struct dept_get *row);
enum dbrc db_dept_insert(struct pool *p, long long brand_id, const char *name, long long *id);
enum dbrc db_dept_rename(struct pool *p, long long id, const char *name);
enum dbrc db_dept_delete(struct pool *p, long long id);
/* columns of db_member_list */
#define MEMBER_LIST_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) \
	C(INT, disabled)
DB_ROW(member_list, MEMBER_LIST_ROW)
enum dbrc db_member_list(struct pool *p, long long dept_id, struct member_list **rows, size_t *n);
/* columns of db_member_candidates */
#define MEMBER_CANDIDATES_ROW(C) C(INT, id) C(STR, login) C(STR, name)
DB_ROW(member_candidates, MEMBER_CANDIDATES_ROW)
enum dbrc db_member_candidates(struct pool *p, long long dept_id, struct member_candidates **rows, size_t *n);
/* columns of db_member_depts */
#define MEMBER_DEPTS_ROW(C) C(INT, department_id)
DB_ROW(member_depts, MEMBER_DEPTS_ROW)
enum dbrc db_member_depts(struct pool *p, long long user_id, struct member_depts **rows, size_t *n);
enum dbrc db_member_add(struct pool *p, long long dept_id, long long user_id);
enum dbrc db_member_remove(struct pool *p, long long dept_id, long long user_id);
enum dbrc db_member_clear_user(struct pool *p, long long user_id);

/* channels */
struct channel_setup {
	long long   department_id;	/* 0: none */
	const char *original_id, *app_id, *app_secret_enc, *token_enc;
	const char *aes_key_enc, *aes_key_prev_enc, *mode;
};
/* columns of db_channel_by_key */
#define CHANNEL_BY_KEY_ROW(C) C(INT, id) C(INT, brand_id) C(INT, department_id) \
	C(STR, state) C(STR, original_id) C(STR, app_id) C(STR, token_enc) C(STR, aes_key_enc) \
	C(STR, aes_key_prev_enc) C(STR, encryption_mode) C(INT, erase)
DB_ROW(channel_by_key, CHANNEL_BY_KEY_ROW)
enum dbrc db_channel_by_key(struct pool *p, const char *key, struct channel_by_key *row);
/* columns of db_channel_get */
#define CHANNEL_GET_ROW(C) C(INT, id) C(INT, brand_id) C(INT, department_id) C(STR, state) \
	C(STR, original_id) C(STR, app_id) C(STR, app_secret_enc) C(STR, token_enc) \
	C(STR, aes_key_enc) C(STR, aes_key_prev_enc) C(STR, encryption_mode) C(STR, webhook_key) \
	C(INT, wizard_step) C(INT, ip_confirmed) C(INT, url_confirmed) C(INT, verified) \
	C(INT, lastmsg) C(INT, inactive_messages) C(INT, signature_failures) \
	C(INT, decrypt_failures) C(INT, failat) C(STR, last_failure) C(STR, brand_name) C(STR, dept_name) \
	C(INT, refused_pushes)
DB_ROW(channel_get, CHANNEL_GET_ROW)
enum dbrc db_channel_get(struct pool *p, long long id, struct channel_get *row);
enum dbrc db_channel_insert(struct pool *p, long long brand_id, const char *webhook_key,
	long long *id);
enum dbrc db_channel_update_setup(struct pool *p, long long id, const struct channel_setup *c);
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

/* the console */
struct console_query {
	const char *state, *search;	/* search: text, or NULL */
	long long   user, from, to, limit, offset;	/* from/to: start times */
	int         all, mine, others;
};
/* columns of db_console_list */
#define CONSOLE_LIST_ROW(C) C(INT, id) C(STR, state) C(STR, follower) C(STR, department) \
	C(INT, started) C(INT, last_in) C(INT, outs) C(STR, operator) C(STR, first_words) C(STR, brand) \
	C(STR, close_reason) C(INT, closed) C(INT, unread)
DB_ROW(console_list, CONSOLE_LIST_ROW)
/* the newest message of a chat a staff member has seen (chat_reads) */
enum dbrc db_chat_seen(struct pool *p, long long user, long long chat, long long seen_id);
/* the user's active chats with follower messages the user has not seen, or -1 */
long long db_console_unread_mine(struct pool *p, long long user);
enum dbrc db_console_list(struct pool *p, const struct console_query *q, struct console_list **rows, size_t *n);
/* columns of db_console_counts */
#define CONSOLE_COUNTS_ROW(C) C(STR, state) C(INT, mine) C(INT, total)
DB_ROW(console_count, CONSOLE_COUNTS_ROW)
enum dbrc db_console_counts(struct pool *p, long long user, int all, struct console_count **rows, size_t *n);
/* columns of db_console_mark */
/* (the replies still on their way: a delivery changes the mark too) */
#define CONSOLE_MARK_ROW(C) C(INT, top) C(INT, messages_recent) C(INT, chats) \
	C(INT, sending)
DB_ROW(console_mark, CONSOLE_MARK_ROW)
enum dbrc db_console_mark(struct pool *p, struct console_mark **rows, size_t *n);
/* columns of db_console_chat */
#define CONSOLE_CHAT_ROW(C) C(INT, id) C(STR, state) C(INT, channel_id) C(INT, follower_id) \
	C(INT, department_id) C(INT, operator_id) C(INT, started) C(INT, last_in) C(INT, outs) \
	C(STR, close_reason) C(STR, openid) C(STR, alias) C(STR, department) C(STR, operator) \
	C(STR, app_id) C(STR, app_secret_enc) C(STR, brand) C(INT, closed) C(INT, subscribed) \
	C(STR, language) C(INT, subat) C(STR, subscribe_scene) C(STR, qr_scene) \
	C(INT, previous_chat_id) C(INT, brand_id) C(STR, closed_by) C(INT, offer_user_id) \
	C(STR, offered_to) C(INT, offeruntil) C(STR, routing) C(INT, after_hours) C(INT, followup)
DB_ROW(console_chat, CONSOLE_CHAT_ROW)
enum dbrc db_console_chat(struct pool *p, long long id, struct console_chat *row);
int       db_console_member(struct pool *p, long long user, long long dept);
/* columns of db_transcript */
#define TRANSCRIPT_ROW(C) C(INT, id) C(STR, direction) C(STR, msg_type) C(STR, event) \
	C(STR, event_key) C(STR, body) C(STR, fields) C(STR, media_state) C(INT, attachment_id) \
	C(STR, mime) C(STR, delivery_state) C(INT, wx_errcode) C(STR, author) C(INT, at)
DB_ROW(transcript, TRANSCRIPT_ROW)
enum dbrc db_transcript(struct pool *p, long long chat, struct transcript **rows, size_t *n);
enum dbrc db_chat_pickup(struct pool *p, long long chat, long long user);
enum dbrc db_out_claim(struct pool *p, long long chat, long long user, time_t window_start);
enum dbrc db_out_unclaim(struct pool *p, long long chat);
enum dbrc db_out_result(struct pool *p, long long msg, const char *state, long long errcode);
/* columns of db_out_get */
#define OUT_GET_ROW(C) C(INT, id) C(STR, body) C(STR, delivery_state) C(STR, msg_type) \
	C(STR, path) C(STR, mime)
DB_ROW(out_get, OUT_GET_ROW)
enum dbrc db_out_get(struct pool *p, long long msg, long long chat, struct out_get *row);
/* columns of db_media_of_message */
#define MEDIA_OF_MESSAGE_ROW(C) C(INT, chat_id) C(STR, path) C(STR, mime) C(INT, size)
DB_ROW(media_of_message, MEDIA_OF_MESSAGE_ROW)
enum dbrc db_media_of_message(struct pool *p, long long msg, struct media_of_message *row);
/* columns of db_transfer_targets */
/* (a colleague's presence, last heartbeat, chats in hand and limit; NULL for a department) */
#define TRANSFER_TARGETS_ROW(C) C(STR, kind) C(INT, id) C(STR, name) C(STR, presence) \
	C(INT, seen) C(INT, hand) C(INT, chat_limit)
DB_ROW(transfer_targets, TRANSFER_TARGETS_ROW)
enum dbrc db_transfer_targets(struct pool *p, long long chat, struct transfer_targets **rows, size_t *n);
/* to a department (its queue), or to a colleague (theirs, while their
 * browser was there since seen_after); DB_NOTFOUND when it did not happen */
enum dbrc db_chat_transfer(struct pool *p, long long chat, int to_user, long long target,
	long long seen_after);
enum dbrc db_follower_alias(struct pool *p, long long follower, const char *alias);
long long db_chat_last_of(struct pool *p, long long follower);
/* columns of db_timer_channels */
#define TIMER_CHANNELS_ROW(C) C(INT, channel_id) C(INT, missed_after_minutes) \
	C(INT, missed_close_minutes) C(INT, idle) C(INT, bot_enabled)
DB_ROW(timer_channels, TIMER_CHANNELS_ROW)
enum dbrc db_timer_channels(struct pool *p, struct timer_channels **rows, size_t *n);
/* columns of db_timer_due */
#define TIMER_DUE_ROW(C) C(INT, id) C(INT, follower_id)
DB_ROW(timer_due, TIMER_DUE_ROW)
enum dbrc db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
	struct timer_due **rows, size_t *n);
enum dbrc db_timer_fire(struct pool *p, const char *state, long long chat, time_t since,
	time_t now);
/* columns of db_prof_settings_get */
#define PROF_SETTINGS_GET_ROW(C) C(INT, enabled) C(INT, word_limit) C(STR, warning)
DB_ROW(prof_settings_get, PROF_SETTINGS_GET_ROW)
enum dbrc db_prof_settings_get(struct pool *p, long long brand, struct prof_settings_get **rows, size_t *n);
enum dbrc db_prof_settings_set(struct pool *p, long long brand, int enabled, long long limit,
	const char *warning);
/* columns of db_prof_words */
#define PROF_WORDS_ROW(C) C(INT, id) C(STR, word)
DB_ROW(prof_words, PROF_WORDS_ROW)
enum dbrc db_prof_words(struct pool *p, long long brand, struct prof_words **rows, size_t *n);
enum dbrc db_prof_word_add(struct pool *p, long long brand, const char *word);
enum dbrc db_prof_word_delete(struct pool *p, long long id, long long brand);
/* columns of db_prof_for_channel */
#define PROF_FOR_CHANNEL_ROW(C) C(INT, word_limit) C(STR, warning) C(STR, word)
DB_ROW(prof_for_channel, PROF_FOR_CHANNEL_ROW)
enum dbrc db_prof_for_channel(struct pool *p, long long channel, struct prof_for_channel **rows, size_t *n);
enum dbrc db_chat_abuse(struct pool *p, long long chat, long long n, long long *total);
enum dbrc db_chat_warn_due(struct pool *p, long long chat);
/* columns of db_warn_due_list */
#define WARN_DUE_LIST_ROW(C) C(INT, id) C(INT, channel_id) C(INT, follower_id) \
	C(STR, openid) C(STR, warning) C(STR, app_id) C(STR, app_secret_enc)
DB_ROW(warn_due_list, WARN_DUE_LIST_ROW)
enum dbrc db_warn_due_list(struct pool *p, struct warn_due_list **rows, size_t *n);
enum dbrc db_warn_claim(struct pool *p, long long chat, time_t window_start);
enum dbrc db_warn_done(struct pool *p, long long chat, const char *state);
/* columns of db_follower_chats */
#define FOLLOWER_CHATS_ROW(C) C(INT, id) C(STR, state) C(INT, started) C(STR, close_reason)
DB_ROW(follower_chats, FOLLOWER_CHATS_ROW)
enum dbrc db_follower_chats(struct pool *p, long long follower, long long except,
	struct follower_chats **rows, size_t *n);
/* columns of db_canned_list */
#define CANNED_LIST_ROW(C) C(INT, id) C(STR, shortcut) C(STR, body) C(STR, mime)
DB_ROW(canned_list, CANNED_LIST_ROW)
enum dbrc db_canned_list(struct pool *p, long long brand, struct canned_list **rows, size_t *n);
enum dbrc db_canned_insert(struct pool *p, long long brand, const char *shortcut,
	const char *body, long long attachment);
enum dbrc db_canned_delete(struct pool *p, long long id, long long brand);
/* columns of db_canned_find */
#define CANNED_FIND_ROW(C) C(STR, body) C(INT, id) C(STR, path) C(STR, mime)
DB_ROW(canned_find, CANNED_FIND_ROW)
enum dbrc db_canned_find(struct pool *p, long long chat, const char *shortcut,
	struct canned_find *row);
struct msg_row;
enum dbrc db_message_out(struct pool *p, const struct msg_row *m, long long attachment,
	long long author, int closing, long long *id);

/* followers, messages, chats (intake) */
struct msg_row {
	long long   channel_id, follower_id, chat_id;	/* chat_id 0: none; follower_id 0: the chat's */
	const char *direction, *msg_type, *event, *event_key, *body, *fields;
	const char *wx_msg_id, *dedupe_key, *media_id, *thumb_media_id, *media_state;
	const char *push_nonce;	/* the signed URL's nonce and timestamp (inbound only) */
	long long   wx_create_time, push_ts;
	time_t      created_at;
};
enum dbrc db_follower_upsert(struct pool *p, long long channel_id, const char *openid,
	time_t at, long long *id);
enum dbrc db_follower_subscribe(struct pool *p, long long id, time_t at, const char *scene,
	const char *qr_scene);
enum dbrc db_follower_unsubscribe(struct pool *p, long long id, time_t at);
enum dbrc db_follower_erase(struct pool *p, long long id);
enum dbrc db_message_insert(struct pool *p, const struct msg_row *m, long long *id);
enum dbrc db_report_follow(struct pool *p, const char *kind, time_t at, long long channel_id,
    long long follower_id, const char *scene);
enum dbrc db_message_by_push(struct pool *p, long long channel_id, long long ts,
	const char *nonce, const char **key);
/* columns of db_chat_open_lock */
#define CHAT_OPEN_LOCK_ROW(C) C(INT, id) C(INT, started) C(STR, state) C(INT, bot_misses) \
	C(STR, leave_offer)
DB_ROW(chat_open_lock, CHAT_OPEN_LOCK_ROW)
enum dbrc db_chat_open_lock(struct pool *p, long long follower_id, struct chat_open_lock *row);
enum dbrc db_chat_close(struct pool *p, long long id, const char *reason, time_t at);
enum dbrc db_chat_close_by(struct pool *p, long long id, long long user, time_t at);
enum dbrc db_chat_reopen(struct pool *p, long long id, long long user, long long now);
/* a chat's follow-up (chat.c, tell.h): offered to leave a message, left
 * (DB_NOTFOUND: no longer offered), expired (DB_NOTFOUND: not due) */
enum dbrc db_chat_leave_mark(struct pool *p, long long chat, long long now);
enum dbrc db_chat_followup(struct pool *p, long long chat, long long now);
enum dbrc db_chat_followup_expire(struct pool *p, long long chat, long long cutoff, long long now);
/* what wxdesk tells the follower as a passive reply: with the bot's line
 * (bot: marked as the bot's) or alone (an automatic reply) */
enum dbrc db_auto_reply(struct pool *p, long long channel, long long follower, long long chat,
	const char *text, int bot, const char *dedupe, long long now);
enum dbrc db_chat_insert(struct pool *p, long long channel_id, long long follower_id,
	long long department_id, const char *state, time_t at, long long previous, long long *id);
/* the full path's follower message msg, counted into its chat */
enum dbrc db_chat_in(struct pool *p, long long chat, long long msg, time_t at);
/* the hot path (see S_MESSAGE_CONTINUE): DB_OK with *id, DB_NOTFOUND, DB_CONFLICT */
enum dbrc db_message_continue(struct pool *p, const struct msg_row *m, long long chat,
	long long follower, time_t started_after, long long *id);
enum dbrc db_chat_catch_up(struct pool *p, long long chat);
long long db_chat_fold(struct pool *p);
enum dbrc db_chat_touch_open(struct pool *p, long long follower_id, time_t at, long long *chat);

/* the worker's (and wxapi.c's) and the simulator's statements */
enum dbrc db_token_ensure(struct pool *p, long long channel_id);
/* columns of db_token_get */
#define TOKEN_GET_ROW(C) C(STR, token) C(INT, expires) C(INT, last_errcode)
DB_ROW(token_get, TOKEN_GET_ROW)
enum dbrc db_token_get(struct pool *p, long long channel_id, struct token_get **rows, size_t *n);
enum dbrc db_token_lease(struct pool *p, long long channel_id, long long until, long long now,
	long long due_before);
enum dbrc db_token_store(struct pool *p, long long channel_id, const char *token,
	long long expires_at, long long fetched_at);
enum dbrc db_token_error(struct pool *p, long long channel_id, long long errcode,
	const char *error, long long retry_at);
enum dbrc db_token_expire_if(struct pool *p, long long channel_id, const char *token);
/* columns of db_channels_active */
#define CHANNELS_ACTIVE_ROW(C) C(INT, id) C(STR, app_id) C(STR, app_secret_enc) \
	C(INT, expires) C(INT, lease)
DB_ROW(channels_active, CHANNELS_ACTIVE_ROW)
enum dbrc db_channels_active(struct pool *p, struct channels_active **rows, size_t *n);
/* columns of db_media_due */
#define MEDIA_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, msg_type) C(STR, media_id) \
	C(INT, media_attempts)
DB_ROW(media_due, MEDIA_DUE_ROW)
enum dbrc db_media_due(struct pool *p, long long now, struct media_due **rows, size_t *n);
enum dbrc db_media_claim(struct pool *p, long long message_id, long long next_at, long long now);
enum dbrc db_media_done(struct pool *p, long long message_id, long long attachment_id);
enum dbrc db_media_fail(struct pool *p, long long message_id, const char *state,
	const char *error);
enum dbrc db_attachment_insert(struct pool *p, const char *sha256, const char *mime,
	long long size, const char *path, time_t at, long long *id);
/* columns of db_followers_info_due */
#define FOLLOWERS_INFO_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, openid)
DB_ROW(followers_info_due, FOLLOWERS_INFO_DUE_ROW)
enum dbrc db_followers_info_due(struct pool *p, struct followers_info_due **rows, size_t *n);
enum dbrc db_follower_info_claim(struct pool *p, long long follower_id);
enum dbrc db_follower_info_set(struct pool *p, long long follower_id, const char *language,
	const char *unionid, const char *scene, const char *qr_scene, time_t at);
/* columns of db_attachments_orphaned */
#define ATTACHMENTS_ORPHANED_ROW(C) C(INT, id) C(STR, path)
DB_ROW(attachments_orphaned, ATTACHMENTS_ORPHANED_ROW)
enum dbrc db_attachments_orphaned(struct pool *p, time_t before, struct attachments_orphaned **rows, size_t *n);
enum dbrc db_attachment_delete(struct pool *p, long long id);
long long db_attachment_path_used(struct pool *p, const char *path);

/* migrations */
enum dbrc db_migrations_ensure(struct pool *p);
/* columns of db_migrations_list */
#define MIGRATIONS_LIST_ROW(C) C(INT, version) C(STR, name)
DB_ROW(migrations_list, MIGRATIONS_LIST_ROW)
enum dbrc db_migrations_list(struct pool *p, struct migrations_list **rows, size_t *n);
/*
 * The runtime account's rights (the web programs' and the worker's): on
 * every table and view of the schema SELECT, INSERT, UPDATE and DELETE,
 * except the audit log (SELECT and INSERT) and views (SELECT); EXECUTE for
 * the stored routines and CREATE TEMPORARY TABLES for the worker's fold;
 * nothing else (no DROP, ALTER, CREATE, TRIGGER, TRUNCATE, GRANT). Run by
 * wxdesk-admin migrate as the schema owner after the migrations, so a new
 * table is covered. 0, or -1 (db_error says why).
 */
int db_grant_runtime(struct pool *p, const char *user, const char *host);
enum dbrc db_migration_record(struct pool *p, long long version, const char *name, time_t at);

/* reports */
struct report_filter {
	const char *zone;	/* the viewer's time zone, as MariaDB names it */
	time_t      from, to;	/* [from, to) in UTC, on whole hours */
	char        day_from[11], day_to[11];	/* the same range: local days, inclusive */
	char        month_from[11], month_to[11];	/* the whole local months in it,
						 * [from, to); equal when none */
	int         local;	/* zone is the one the day and hour levels are in */
	long long   brand, channel, department, operator;	/* 0: any */
};
enum { REP_BY_NONE = 0, REP_BY_OPERATOR = 1, REP_BY_DEPARTMENT = 2 };
enum { REP_WHOLE = 0, REP_DAY = 1, REP_HOUR = 2 };	/* buckets: the range, days, hours of day */
long long db_report_rollup(struct pool *p);
int db_report_levels(struct pool *p, const char *zone);
/* columns of db_report_zone */
#define REPORT_ZONE_ROW(C) C(INT, range_from) C(INT, range_to) C(STR, day) C(STR, zone)
DB_ROW(report_zone, REPORT_ZONE_ROW)
enum dbrc db_report_zone(struct pool *p, const char *zone, const char *from,
	const char *to_excl, time_t now, struct report_zone *row);
/* columns of db_report_dims */
#define REPORT_DIMS_ROW(C) C(STR, kind) C(INT, id) C(STR, name) C(INT, brand_id)
DB_ROW(report_dims, REPORT_DIMS_ROW)
enum dbrc db_report_dims(struct pool *p, struct report_dims **rows, size_t *n);
/* columns of db_report_counts */
#define REPORT_COUNTS_ROW(C) C(STR, b) C(INT, g) C(STR, kind) C(STR, detail) C(INT, n) \
	C(INT, total)
DB_ROW(report_counts, REPORT_COUNTS_ROW)
enum dbrc db_report_counts(struct pool *p, const struct report_filter *f, int bucket,
	int group, struct report_counts **rows, size_t *n);
/* columns of db_report_hist */
#define REPORT_HIST_ROW(C) C(STR, b) C(INT, g) C(STR, kind) C(INT, vbin) C(INT, n)
DB_ROW(report_hist, REPORT_HIST_ROW)
enum dbrc db_report_hist(struct pool *p, const struct report_filter *f, int bucket,
	int group, const char *kind, struct report_hist **rows, size_t *n);

#endif
