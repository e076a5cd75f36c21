/* db-rows.c: a result's rows read as declared (DB_ROW: db_rows), or a cell at a time (the tables' scalars). */
#include <stdlib.h>

#include "db.h"
#include "wxdesk.h"

void *
db_rows(struct pool *p, const struct dbres *res, size_t size,
    void (*fill)(const struct dbres *, size_t, void *))
{
	char *rows;

	if (res->nrows == 0)
		return NULL;
	rows = pool_alloc(p, res->nrows * size);
	for (size_t i = 0; i < res->nrows; i++)
		fill(res, i, rows + i * size);
	return rows;
}

const char *
db_cell(const struct dbres *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->rows[row][col];
}

long long
db_int(const struct dbres *res, size_t row, size_t col)
{
	const char *v = db_cell(res, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

/*
 * A LIKE pattern matching text as typed (% _ and \ are not wildcards): the
 * values that begin with it, or (anywhere 1) that hold it.
 */
const char *
db_like(struct pool *p, const char *text, int anywhere)
{
	struct buf  b = { 0 };
	const char *out;

	if (anywhere)
		buf_putc(&b, '%');
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *c);
	}
	buf_putc(&b, '%');
	out = pool_strndup(p, b.data, b.len);
	buf_free(&b);
	return out;
}
