/*
 * db-run.h: a part's statements declared once (DB_STATEMENTS: each entry's
 * SQL, typed parameters, binds and shape make the table entry and the
 * db_* function) and how a statement is passed its parameters: each built
 * by I() (an integer), S() (a string, NULL for SQL NULL) or B() (bytes and
 * their length), so the compiler checks every parameter's type; test_db
 * checks their count against the prepared statement.
 *
 *	return RUN(DBS_user_get, p, out, I(id));
 */
#ifndef WXDESK_DB_RUN_H
#define WXDESK_DB_RUN_H

#include "db.h"

struct db_param {
	char        type;	/* 'i' 's' 'b' */
	long long   i;
	const void *v;
	size_t      n;
};

static inline struct db_param
I(long long v)
{
	return (struct db_param){ 'i', v, NULL, 0 };
}

static inline struct db_param
S(const char *v)
{
	return (struct db_param){ 's', 0, v, 0 };
}

static inline struct db_param
B(const void *v, size_t n)
{
	return (struct db_param){ 'b', 0, v, n };
}

/* a conditional change: rc, or otherwise when it changed no row (its condition no longer held) */
static inline enum dbrc
db_changed(enum dbrc rc, const struct dbres *out, enum dbrc otherwise)
{
	return rc == DB_OK && out->affected == 0 ? otherwise : rc;
}

/* a read of one row: rc, or DB_NOTFOUND when there was none */
static inline enum dbrc
db_one(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows == 0 ? DB_NOTFOUND : rc;
}

/* a conditional change: rc, or DB_NOTFOUND when it changed no row */
static inline enum dbrc
db_done(enum dbrc rc, const struct dbres *out)
{
	return db_changed(rc, out, DB_NOTFOUND);
}

/* a COUNT(*)'s number, or -1 */
static inline long long
db_count_of(enum dbrc rc, const struct dbres *out)
{
	return rc == DB_OK && out->nrows ? db_int(out, 0, 0) : -1;
}

/* A statement's result as declared rows (DB_ROW): *rows and *n from out
 * when rc is DB_OK (none: NULL and 0); rc. */
#define DB_AS_ROWS(p, rc, out, rows, n, fill) \
	((*(rows) = (rc) == DB_OK ? db_rows(p, out, sizeof **(rows), fill) : NULL), \
	(*(n) = (rc) == DB_OK ? (out)->nrows : 0), (rc))

/* A read of one declared row into *row: DB_OK, DB_NOTFOUND, or rc. */
static inline enum dbrc
db_as_row(enum dbrc rc, const struct dbres *out, void *row,
    void (*fill)(const struct dbres *, size_t, void *))
{
	if ((rc = db_one(rc, out)) == DB_OK)
		fill(out, 0, row);
	return rc;
}

/* What db_error says next: a table's own reason for a refusal. */
void db_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs statement s of table t into out (NULL: not wanted), in pool p. */
enum dbrc db_run(struct db_table *t, int s, struct pool *p, struct dbres *out,
	const struct db_param *params, size_t n);

/* the parameters of a call: the array and its length (none: a dummy, 0) */
#define DB_PARAMS(...) (const struct db_param[]){ __VA_ARGS__ __VA_OPT__(,) { 0 } }, \
	DB_NARG(__VA_ARGS__)
#define DB_RUN(t, s, p, out, ...) db_run(t, s, p, out, DB_PARAMS(__VA_ARGS__))

/* how many arguments (up to 64): DB_NARG() is 0, DB_NARG(a, f(b, c)) 2 */
#define DB_NARG(...) DB_NARG_(0 __VA_OPT__(, __VA_ARGS__), 64, 63, 62, 61, 60, 59, 58, 57, \
	56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, \
	34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, \
	12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define DB_NARG_(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, \
	_16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, _33, \
	_34, _35, _36, _37, _38, _39, _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, _50, _51, \
	_52, _53, _54, _55, _56, _57, _58, _59, _60, _61, _62, _63, _64, N, ...) N

/*
 * A part's statements, each declared once. The part's file (src/db-<part>.c)
 * lists them in a macro, an entry a statement:
 *
 *	#define TOPICS_STATEMENTS(X) \
 *	X(topic_get, ROW(topic), (long long brand, long long id), (I(brand), I(id)), \
 *	    "SELECT id, name FROM close_topics WHERE brand_id = ? AND id = ?")
 *	DB_STATEMENTS(TOPICS_STATEMENTS, db_table_topics)
 *
 * name, what the statement gives (SHAPE), the function's parameters, what
 * they bind to the statement's ?s in order (I, S or B: the compiler checks
 * each type), and the SQL. DB_STATEMENTS makes from the list the statement
 * numbers (DBS_name), the table (its getter for db_tables_all; the entry
 * carries the row's column names and the number of parameters bound, which
 * test_db compares with the prepared statement) and, for every SHAPE but
 * CUSTOM, the function db_name(struct pool *p, parameters…, what SHAPE adds):
 *
 *	EXEC       enum dbrc: the statement's result
 *	DONE       enum dbrc: DB_NOTFOUND when it changed no row
 *	ELSE(rc)   enum dbrc: rc when it changed no row (its condition no longer held)
 *	OWNER      as EXEC, run by the schema's owner alone (wxdesk-admin migrate)
 *	INSERT     enum dbrc; adds long long *id: the new row's (when id is not NULL)
 *	COUNT      long long: the first column of the first row (a COUNT(*)), or -1
 *	ROW(tag)   enum dbrc; adds struct tag *row: DB_NOTFOUND when there was none
 *	ROWS(tag)  enum dbrc; adds struct tag **rows, size_t *n (none: NULL and 0)
 *	CUSTOM, CUSTOM_ROWS(tag)
 *	           no function: code of the part's file runs the statement (RUN,
 *	           with DBS_name) where one call does more than one statement;
 *	           its parameters are (), its binds the kinds it binds, (I, S, I)
 *
 * The header's prototype is the contract; the compiler holds the generated
 * definition to it. tag is a DB_ROW (db.h).
 */
#define DB_STATEMENTS(LIST, getter) \
	enum { LIST(DB_NUM_) DBS__MAX }; \
	static const struct db_stmt part_stmts[DBS__MAX] = { LIST(DB_ENTRY_) }; \
	static void           *part_prepared[DBS__MAX]; \
	static struct db_table part_table = { part_stmts, DBS__MAX, part_prepared, NULL, 0 }; \
	struct db_table *getter(void) { return &part_table; } \
	LIST(DB_FN_)

/* a statement of the part's table, run by the part's own code */
#define RUN(s, p, out, ...) DB_RUN(&part_table, s, p, out, __VA_ARGS__)

#define DB_KEEP_(...) __VA_ARGS__
#define DB_DROP_(...)
#define DB_LEAD_(...) __VA_OPT__(,) __VA_ARGS__
#define DB_NUM_(name, shape, params, binds, sql) DBS_##name,
#define DB_ENTRY_(name, shape, params, binds, sql) \
	[DBS_##name] = { #name, sql, .owner = DB_OWNER_##shape, .cols = DB_COLS_##shape, \
	    .nparams = DB_NARG binds },
#define DB_FN_(name, shape, params, binds, sql) \
	DB_IF_FN_##shape(DB_RET_##shape db_##name(struct pool *p DB_LEAD_ params DB_SIG_##shape) \
	{ struct dbres out; enum dbrc rc = db_run(&part_table, DBS_##name, p, &out, \
	    DB_PARAMS binds); DB_END_##shape })

#define DB_OWNER_EXEC 0
#define DB_OWNER_DONE 0
#define DB_OWNER_ELSE(o) 0
#define DB_OWNER_INSERT 0
#define DB_OWNER_COUNT 0
#define DB_OWNER_ROW(tag) 0
#define DB_OWNER_ROWS(tag) 0
#define DB_OWNER_CUSTOM 0
#define DB_OWNER_CUSTOM_ROWS(tag) 0
#define DB_OWNER_OWNER 1
#define DB_COLS_OWNER NULL
#define DB_IF_FN_OWNER DB_KEEP_
#define DB_RET_OWNER enum dbrc
#define DB_SIG_OWNER
#define DB_END_OWNER return rc;
#define DB_COLS_EXEC NULL
#define DB_COLS_DONE NULL
#define DB_COLS_ELSE(o) NULL
#define DB_COLS_INSERT NULL
#define DB_COLS_COUNT NULL
#define DB_COLS_ROW(tag) tag##_cols
#define DB_COLS_ROWS(tag) tag##_cols
#define DB_COLS_CUSTOM NULL
#define DB_COLS_CUSTOM_ROWS(tag) tag##_cols
#define DB_IF_FN_EXEC DB_KEEP_
#define DB_IF_FN_DONE DB_KEEP_
#define DB_IF_FN_ELSE(o) DB_KEEP_
#define DB_IF_FN_INSERT DB_KEEP_
#define DB_IF_FN_COUNT DB_KEEP_
#define DB_IF_FN_ROW(tag) DB_KEEP_
#define DB_IF_FN_ROWS(tag) DB_KEEP_
#define DB_IF_FN_CUSTOM DB_DROP_
#define DB_IF_FN_CUSTOM_ROWS(tag) DB_DROP_
#define DB_RET_EXEC enum dbrc
#define DB_RET_DONE enum dbrc
#define DB_RET_ELSE(o) enum dbrc
#define DB_RET_INSERT enum dbrc
#define DB_RET_COUNT long long
#define DB_RET_ROW(tag) enum dbrc
#define DB_RET_ROWS(tag) enum dbrc
#define DB_RET_CUSTOM
#define DB_RET_CUSTOM_ROWS(tag)
#define DB_SIG_EXEC
#define DB_SIG_DONE
#define DB_SIG_ELSE(o)
#define DB_SIG_INSERT , long long *id
#define DB_SIG_COUNT
#define DB_SIG_ROW(tag) , struct tag *row
#define DB_SIG_ROWS(tag) , struct tag **rows, size_t *n
#define DB_SIG_CUSTOM
#define DB_SIG_CUSTOM_ROWS(tag)
#define DB_END_EXEC return rc;
#define DB_END_DONE return db_done(rc, &out);
#define DB_END_ELSE(o) return db_changed(rc, &out, o);
#define DB_END_INSERT if (rc == DB_OK && id) *id = (long long)out.insert_id; return rc;
#define DB_END_COUNT return db_count_of(rc, &out);
#define DB_END_ROW(tag) return db_as_row(rc, &out, row, tag##_fill);
#define DB_END_ROWS(tag) return DB_AS_ROWS(p, rc, &out, rows, n, tag##_fill);
#define DB_END_CUSTOM
#define DB_END_CUSTOM_ROWS(tag)

#endif
