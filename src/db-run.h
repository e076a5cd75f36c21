/*
 * db-run.h: how a statement table's functions (src/db.c, sim/sim-db.c) pass
 * a statement its parameters: each one built by I() (an integer), S() (a
 * string, NULL for SQL NULL) or B() (bytes and their length), so the
 * compiler checks every parameter's type; the count is checked against
 * the statement when it is prepared.
 *
 *	return RUN(S_USER_GET, p, out, I(id));
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

#define DB_PARAMS(...) (const struct db_param[]){ __VA_ARGS__ }, \
	sizeof (const struct db_param[]){ __VA_ARGS__ } / sizeof (struct db_param)
#define DB_RUN(t, s, p, out, ...) db_run(t, s, p, out, DB_PARAMS(__VA_ARGS__))

#endif
