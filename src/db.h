/* db.h: the database engine's interface (connect, run, transactions, errors), declared rows (DB_ROW) and statement tables; each part declares its own statements in its header (staff.h, channel.h, console.h, chat.h, job.h, reports.h, and each feature's). */
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
const char *db_like(struct pool *p, const char *text, int anywhere);

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
/* the most parameters a statement may take (db_run binds them on its stack) */
#define DB_MAX_PARAMS 64

struct db_stmt {
	const char        *name, *sql;
	int                owner;	/* run by the schema's owner (wxdesk-admin migrate) alone */
	const char *const *cols;	/* a SELECT's row as declared (DB_ROW's tag_cols), or NULL */
	int                nparams;	/* the parameters its declaration binds (test_db compares them with its ?s) */
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
struct db_table *db_table_topics(void);
struct db_table *db_table_writes(void);
struct db_table *db_table_followers(void);
struct db_table *db_table_tags(void);
struct db_table *db_table_sync(void);
struct db_table *db_table_qr(void);
struct db_table *db_table_menu(void);
struct db_table *db_table_notices(void);
struct db_table *db_table_broadcasts(void);
struct db_table *db_table_api(void);
struct db_table *db_table_hooks(void);
struct db_table *db_table_search(void);
struct db_table *db_table_spool(void);
struct db_table *db_table_kb(void);
struct db_table *db_table_suggest(void);
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
int          db_no_parent(void);

/* ---- typed statements ---- */

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

#endif
