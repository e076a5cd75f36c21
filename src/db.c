/*
 * db.c: the database engine: the connection (to the first of
 * Database.Hosts that answers), statements run from the statement tables of
 * src/db-<part>.c (each prepared once per connection, reached only through
 * its part's typed db_* functions), transactions and db_txn's retry, errors
 * in classes. No statement is written here.
 *
 * One connection per process (FastCGI programs serve one request at a time).
 * When the server went away outside a transaction, the connection is opened
 * again, statements are prepared again and the statement is retried once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "db-engine.h"
#include "wx.h"


static MYSQL      *conn;
static struct db_table *tables;	/* every table used on this connection */
static int         in_txn;
static int         txn_used;	/* statements run in the current transaction */
static int         snapshot;	/* a read snapshot is open: see db_snapshot */
static char        last_error[512];
static unsigned int last_errno;	/* of the last statement that failed */

void
db_set_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
}

/* the connection, opened when there is none (db-tables.c's tooling); NULL */
MYSQL *
db_conn(void)
{
	return conn != NULL || db_open() == 0 ? conn : NULL;
}

const char *
db_error(void)
{
	return last_error;
}

/* the last statement that failed referred to a row that is not there (a
 * foreign key's parent), not a duplicate: both are DB_CONFLICT */
int
db_no_parent(void)
{
	return last_errno == ER_NO_REFERENCED_ROW_2;
}

/* After a reconnect every prepared statement is gone with its connection. */
static void
forget_statements(void)
{
	for (struct db_table *t = tables; t; t = t->next)
		for (size_t i = 0; i < t->n; i++) {
			if (t->prepared[i] != NULL)
				mysql_stmt_close(t->prepared[i]);
			t->prepared[i] = NULL;
		}
}

/*
 * In a child just forked: the parent's connection and statements are the
 * parent's (closing them here would end them for the parent too), so they
 * are dropped without a word to the server; the child connects anew.
 */
void
db_forget(void)
{
	for (struct db_table *t = tables; t != NULL; t = t->next)
		for (size_t i = 0; i < t->n; i++)
			t->prepared[i] = NULL;
	conn = NULL;
	in_txn = 0;
}

void
db_close(void)
{
	forget_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_txn = 0;
}

/*
 * Database.Hosts: an ordered list of servers ("host:port" or a socket path,
 * comma-separated), the nodes of a Galera cluster, say. A connection goes
 * to the first that answers; one that is not to the first tries the first
 * again after HOSTS_BACK seconds (db_up), so a node that came back is used
 * again. Without the list: Database.Host/Port or Database.Socket.
 */
#define HOSTS_MAX  8
#define HOSTS_BACK 300
static int    host_index = -1;	/* the list entry connected to, or -1 */
static time_t host_since;

static int connect_one(const char *host, unsigned port, const char *sock);

int
db_open(void)
{
	const char *list = cfg_get("Database.Hosts", NULL);
	char        buf[1024], *save = NULL, *e;
	int         i = 0;

	if (conn != NULL)
		return 0;
	if (list == NULL || *list == '\0') {
		const char *sock = cfg_get("Database.Socket", NULL);
		return connect_one(sock && *sock ? NULL : cfg_get("Database.Host", NULL),
		    (unsigned)cfg_int("Database.Port", 0), sock && *sock ? sock : NULL);
	}
	snprintf(buf, sizeof buf, "%s", list);
	for (e = strtok_r(buf, ", ", &save); e && i < HOSTS_MAX; e = strtok_r(NULL, ", ", &save), i++) {
		char *colon = strrchr(e, ':');
		int   rc;
		if (e[0] == '/')
			rc = connect_one(NULL, 0, e);
		else {
			if (colon)
				*colon = '\0';
			rc = connect_one(e, colon ? (unsigned)strtoul(colon + 1, NULL, 10) : 0, NULL);
		}
		if (rc == 0) {
			if (i != host_index)
				wx_log("database: connected to %s (entry %d of Database.Hosts)", e, i + 1);
			host_index = i;
			host_since = time(NULL);
			return 0;
		}
	}
	host_index = -1;
	return -1;
}

static int
connect_one(const char *host, unsigned port, const char *sock)
{
	unsigned int timeout = 3, rw = 30;

	if ((conn = mysql_init(NULL)) == NULL)
		abort();
	mysql_optionsv(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(conn, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_optionsv(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_optionsv(conn, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
	    /* no gap locks: concurrent pushes from different followers do not
	     * deadlock; work on one follower is serialised by its row lock */
	    "tx_isolation = 'READ-COMMITTED'");
	if (mysql_real_connect(conn, host && *host ? host : NULL,
	    cfg_get("Database.User", "root"), cfg_get("Database.Password", ""),
	    cfg_get("Database.Name", "wxdesk"), port, sock, 0) == NULL) {
		snprintf(last_error, sizeof last_error, "%s", mysql_error(conn));
		wx_log("database connection failed: %s", last_error);
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

int
db_up(void)
{
	/* on a later entry of Database.Hosts for a while: try the first again */
	if (conn != NULL && host_index > 0 && !in_txn && time(NULL) - host_since >= HOSTS_BACK) {
		db_close();
		return db_open() == 0;
	}
	if (conn != NULL && mysql_ping(conn) == 0)
		return 1;
	db_close();
	return db_open() == 0;
}

static int
gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_SERVER_LOST_EXTENDED || e == CR_CONNECTION_ERROR ||
	    e == CR_CONN_HOST_ERROR || e == ER_CONNECTION_KILLED ||
	    e == 1927 /* ER_CONNECTION_KILLED in MariaDB */ || e == CR_STMT_CLOSED;
}

static enum dbrc
classify(unsigned int e)
{
	if (e == ER_DUP_ENTRY || e == ER_DUP_ENTRY_WITH_KEY_NAME ||
	    e == ER_ROW_IS_REFERENCED_2 || e == ER_ROW_IS_REFERENCED ||
	    e == ER_NO_REFERENCED_ROW_2)
		return DB_CONFLICT;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	/* the statement's data is at fault, not the server: the same again fails again */
	if (e == ER_DATA_TOO_LONG || e == ER_TRUNCATED_WRONG_VALUE ||
	    e == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD || e == ER_WARN_DATA_OUT_OF_RANGE ||
	    e == ER_BAD_NULL_ERROR || e == ER_INVALID_CHARACTER_STRING ||
	    e == ER_DIVISION_BY_ZERO || e == ER_CONSTRAINT_FAILED)
		return DB_INVALID;
	return DB_FAIL;
}

/* Binds params to st (no copies: the values live until the execute). */
static int
bind_params(MYSQL_STMT *st, const struct db_param *params, size_t np, MYSQL_BIND *pb,
    long long *ivals, unsigned long *lens)
{
	memset(pb, 0, np * sizeof *pb);
	for (size_t i = 0; i < np; i++) {
		if (params[i].type == 'i') {
			ivals[i] = params[i].i;
			pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
			pb[i].buffer = &ivals[i];
		} else if (params[i].type == 'b') {
			lens[i] = (unsigned long)params[i].n;
			pb[i].buffer_type = MYSQL_TYPE_BLOB;
			pb[i].buffer = (void *)params[i].v;
			pb[i].buffer_length = lens[i];
			pb[i].length = &lens[i];
		} else if (params[i].v == NULL) {
			pb[i].buffer_type = MYSQL_TYPE_NULL;
		} else {
			lens[i] = strlen(params[i].v);
			pb[i].buffer_type = MYSQL_TYPE_STRING;
			pb[i].buffer = (void *)params[i].v;
			pb[i].buffer_length = lens[i];
			pb[i].length = &lens[i];
		}
	}
	return np && mysql_stmt_bind_param(st, pb) != 0 ? -1 : 0;
}

/* Cell c of the row just fetched, into p: NULL for SQL NULL; a value longer
 * than the inline buffer fetched whole. 0, or -1 when the fetch failed. */
static int
fetch_cell(MYSQL_STMT *st, struct pool *p, unsigned c, const char *cell, unsigned long len,
    size_t inline_size, int isnull, char **out)
{
	MYSQL_BIND    big;
	unsigned long bl;
	char         *v;

	if (isnull) {
		*out = NULL;
		return 0;
	}
	if (len < inline_size) {
		*out = pool_strndup(p, cell, len);
		return 0;
	}
	v = pool_alloc(p, len + 1);
	memset(&big, 0, sizeof big);
	big.buffer_type = MYSQL_TYPE_STRING;
	big.buffer = v;
	big.buffer_length = len + 1;
	big.length = &bl;
	if (mysql_stmt_fetch_column(st, &big, c, 0) != 0)
		return -1;
	v[len] = '\0';
	*out = v;
	return 0;
}

/* The result's rows into out (in p), every cell a string; 0 or -1. */
#define DB_COLS_MAX 48	/* a result's columns, at most */
static int
fetch_rows(MYSQL_STMT *st, struct pool *p, struct dbres *out)
{
	size_t         nc = out->ncols, cap = 16;
	MYSQL_BIND     rb[DB_COLS_MAX];
	char           cells[DB_COLS_MAX][256];
	unsigned long  rl[DB_COLS_MAX];
	my_bool        isnull[DB_COLS_MAX], trunc[DB_COLS_MAX];

	if (nc > DB_COLS_MAX)
		abort();	/* a statement table error, caught by any test */
	memset(rb, 0, sizeof rb);
	for (size_t c = 0; c < nc; c++) {
		rb[c].buffer_type = MYSQL_TYPE_STRING;
		rb[c].buffer = cells[c];
		rb[c].buffer_length = sizeof cells[c];
		rb[c].length = &rl[c];
		rb[c].is_null = &isnull[c];
		rb[c].error = &trunc[c];
	}
	if (mysql_stmt_bind_result(st, rb) != 0)
		return -1;
	out->rows = pool_alloc(p, cap * sizeof *out->rows);
	out->lens = pool_alloc(p, cap * sizeof *out->lens);
	for (;;) {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			return 0;
		if (f == 1)
			return -1;
		if (out->nrows == cap) {
			char ***nr = pool_alloc(p, 2 * cap * sizeof *nr);
			unsigned long **nl = pool_alloc(p, 2 * cap * sizeof *nl);
			memcpy(nr, out->rows, cap * sizeof *nr);
			memcpy(nl, out->lens, cap * sizeof *nl);
			out->rows = nr;
			out->lens = nl;
			cap *= 2;
		}
		char **row = pool_alloc(p, nc * sizeof *row);
		unsigned long *rlen = pool_alloc(p, nc * sizeof *rlen);
		for (size_t c = 0; c < nc; c++) {
			rlen[c] = isnull[c] ? 0 : rl[c];
			if (fetch_cell(st, p, (unsigned)c, cells[c], rl[c], sizeof cells[c], isnull[c],
			    &row[c]) != 0)
				return -1;
		}
		out->lens[out->nrows] = rlen;
		out->rows[out->nrows++] = row;
	}
}

/* Statement s of table t, prepared on its first use; NULL after setting
 * *err and last_error (and *rc: why). */
static MYSQL_STMT *
stmt_of(struct db_table *t, int s, unsigned int *err, enum dbrc *rc)
{
	MYSQL_STMT *st = t->prepared[s];

	if (st != NULL)
		return st;
	if ((st = mysql_stmt_init(conn)) == NULL)
		abort();
	if (mysql_stmt_prepare(st, t->stmts[s].sql, strlen(t->stmts[s].sql)) != 0) {
		/* a statement is prepared on its first use, perhaps inside a
		 * transaction, which a Galera conflict may abort during the
		 * prepare: that is a deadlock like any other (DB_RETRY) */
		*err = mysql_stmt_errno(st);
		snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
		mysql_stmt_close(st);
		*rc = classify(*err);
		return NULL;
	}
	return t->prepared[s] = st;
}

/* One attempt. *err gets the server or client error number (0 when ok). */
static enum dbrc
run_once(struct db_table *t, int s, struct pool *p, struct dbres *out,
    const struct db_param *params, size_t np, unsigned int *err)
{
	MYSQL_STMT    *st;
	MYSQL_BIND     pb[DB_MAX_PARAMS];
	long long      ivals[DB_MAX_PARAMS];
	unsigned long  lens[DB_MAX_PARAMS];
	MYSQL_RES     *meta = NULL;
	enum dbrc      rc = DB_FAIL;

	*err = 0;
	if (np > DB_MAX_PARAMS)
		abort();	/* a statement table error, caught by any test */
	if (conn == NULL && db_open() != 0) {
		*err = CR_CONNECTION_ERROR;
		return DB_FAIL;
	}
	if ((st = stmt_of(t, s, err, &rc)) == NULL)
		return rc;
	if (mysql_stmt_param_count(st) != np) {
		/* a wrapper's format does not match its statement: a bug, caught by any test */
		snprintf(last_error, sizeof last_error, "statement %s takes %lu parameters, "
		    "given %zu", t->stmts[s].name, mysql_stmt_param_count(st), np);
		wx_log("%s", last_error);
		return DB_FAIL;
	}
	if (bind_params(st, params, np, pb, ivals, lens) != 0 || mysql_stmt_execute(st) != 0)
		goto fail;
	memset(out, 0, sizeof *out);
	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL) {
		out->affected = mysql_stmt_affected_rows(st);
		out->insert_id = mysql_stmt_insert_id(st);
		return DB_OK;
	}
	out->ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (mysql_stmt_store_result(st) != 0 || fetch_rows(st, p, out) != 0)
		goto fail;
	mysql_stmt_free_result(st);
	return DB_OK;
fail:
	last_errno = *err = mysql_stmt_errno(st);
	snprintf(last_error, sizeof last_error, "%s", mysql_stmt_error(st));
	rc = classify(*err);
	mysql_stmt_free_result(st);
	mysql_stmt_reset(st);
	return rc;
}

/*
 * Runs statement s of table t with its parameters into out (rows in pool
 * p). Reconnects and retries once when the server went away outside a
 * transaction.
 */
/* statements that failed in this process (the worker's jobs report them) */
static unsigned long failures;

unsigned long
db_failures(void)
{
	return failures;
}

enum dbrc
db_run(struct db_table *t, int s, struct pool *p, struct dbres *out,
    const struct db_param *params, size_t n)
{
	enum dbrc    rc;
	unsigned int err;
	struct dbres scratch;

	if (!t->listed) {	/* its statements are closed with the connection */
		t->next = tables;
		tables = t;
		t->listed = 1;
	}
	if (out == NULL)
		out = &scratch;
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = run_once(t, s, p, out, params, n, &err);
		if (rc == DB_OK) {
			if (in_txn)
				txn_used++;
			return DB_OK;
		}
		if (gone(err)) {
			int was_txn = in_txn, used = txn_used;
			wx_log("database went away during %s; reconnecting", t->stmts[s].name);
			db_close();
			if (was_txn && used > 0)
				return DB_FAIL;	/* the transaction is lost: caller reports */
			if (was_txn && db_begin() != 0)
				return DB_FAIL;	/* nothing was done yet: begin again */
			continue;
		}
		if (rc == DB_FAIL || rc == DB_RETRY) {
			failures++;
			wx_log("statement %s failed: %s", t->stmts[s].name, last_error);
		}
		return rc;
	}
	failures++;
	wx_log("statement %s failed: %s", t->stmts[s].name, last_error);
	return DB_FAIL;
}


/*
 * From here to the end of the request, reads see one snapshot of the
 * database (a read-only REPEATABLE READ transaction): a page that reads in
 * several statements sees no change committed between them. Writes fail
 * until db_request_done ends it. Returns 0, or -1 (reads then see each
 * statement's own snapshot, as without it).
 */
int
db_snapshot(void)
{
	if (snapshot)
		return 0;
	if (conn == NULL && db_open() != 0)
		return -1;
	if (mysql_query(conn, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") != 0 ||
	    mysql_query(conn, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY") != 0) {
		wx_log("cannot start a read snapshot: %s", mysql_error(conn));
		return -1;
	}
	snapshot = 1;
	return 0;
}

/* After each request: ends a read snapshot. */
void
db_request_done(void)
{
	if (snapshot) {
		snapshot = 0;
		if (conn != NULL && mysql_rollback(conn) != 0)
			db_close();
	}
}

/* why the last db_begin failed (a server or client error number) */
static unsigned int begin_errno;

int
db_begin(void)
{
	if (conn == NULL && db_open() != 0)
		return -1;
	txn_used = 0;
	begin_errno = 0;
	if (mysql_query(conn, "START TRANSACTION") != 0) {
		unsigned int e = mysql_errno(conn);
		begin_errno = e;
		snprintf(last_error, sizeof last_error, "%s", mysql_error(conn));
		if (!gone(e)) {
			wx_log("cannot begin a transaction: %s", last_error);
			return -1;
		}
		db_close();
		if (db_open() != 0 || mysql_query(conn, "START TRANSACTION") != 0)
			return -1;
	}
	in_txn = 1;
	return 0;
}

int
db_commit(void)
{
	return db_commit_rc() == DB_OK ? 0 : -1;
}

/*
 * The commit, with its reason when it fails: DB_RETRY for a deadlock or a
 * lock wait timeout, which is how a Galera cluster reports a certification
 * conflict (at the commit, not at a statement): the transaction may be run
 * again as a whole. The transaction is over either way.
 */
enum dbrc
db_commit_rc(void)
{
	enum dbrc rc = DB_OK;

	if (conn == NULL) {
		snprintf(last_error, sizeof last_error, "no connection at the commit");
		in_txn = 0;
		return DB_FAIL;
	}
	if (mysql_commit(conn) != 0) {
		unsigned int e = mysql_errno(conn);
		wx_log("commit failed: %s", mysql_error(conn));
		rc = e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT ? DB_RETRY : DB_FAIL;
		(void)mysql_rollback(conn);
	}
	in_txn = 0;
	return rc;
}

void
db_rollback(void)
{
	if (conn != NULL && mysql_rollback(conn) != 0)
		db_close();
	in_txn = 0;
}

enum dbrc
db_txn(struct pool *p, enum dbrc (*step)(struct pool *p, void *arg), void *arg)
{
	enum dbrc rc = DB_FAIL;

	for (int attempt = 0; attempt < DB_TXN_TRIES; attempt++) {
		if (attempt > 0) {
			/* a pause that grows, spread so that the two sides of a
			 * conflict do not meet again at once */
			struct timespec now, ts = { 0, 0 };
			clock_gettime(CLOCK_MONOTONIC, &now);
			ts.tv_nsec = (long)attempt * 10000000L + now.tv_nsec % 10000000L;
			nanosleep(&ts, NULL);
		}
		if (db_begin() != 0) {
			/* a Galera node may answer the begin after a conflict
			 * with the conflict itself: that is one more try */
			if (begin_errno == ER_LOCK_DEADLOCK || begin_errno == ER_LOCK_WAIT_TIMEOUT) {
				rc = DB_RETRY;
				continue;
			}
			return DB_FAIL;
		}
		rc = step(p, arg);
		if (rc == DB_OK)
			rc = db_commit_rc();
		else
			db_rollback();
		if (rc == DB_FAIL)	/* the statement said why; this says where it ended */
			wx_log("a transaction failed on try %d of %d: %s", attempt + 1, DB_TXN_TRIES,
			    last_error);
		if (rc != DB_RETRY)
			return rc;
	}
	wx_log("a transaction conflicted %d times; given up", DB_TXN_TRIES);
	return DB_RETRY;
}
