/*
 * db-tables.c: what stands beside the engine (db.c): every statement table
 * there is (db_tables_all) and the check that prepares one, for the test
 * that prepares them all (tests/unit/test_db.c); raw SQL, for migrations;
 * a result's rows read as declared (DB_ROW) or cell by cell. Apart from
 * db.c so a program links only the parts it calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "db-engine.h"

struct db_table *const *
db_tables_all(void)
{
	static struct db_table *all[24];

	if (all[0] == NULL) {
		struct db_table *(*const parts[])(void) = { db_table_staff, db_table_chats,
			db_table_channels, db_table_console, db_table_worker, db_table_reports, db_table_alerts, db_table_assign,
			db_table_audit, db_table_bot, db_table_csat, db_table_health, db_table_hours,
			db_table_metrics, db_table_outbox, db_table_tell, db_table_twofactor };
		size_t n = 0;
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			all[n++] = parts[i]();
	}
	return all;
}

int
db_prepare_check(const struct db_table *t, size_t s, unsigned long *params, unsigned int *cols,
    struct pool *p, const char **names, size_t max)
{
	MYSQL      *conn;
	MYSQL_STMT *st;
	MYSQL_RES  *meta;
	int         rc = 0;

	if ((conn = db_conn()) == NULL || (st = mysql_stmt_init(conn)) == NULL)
		return -1;
	if (mysql_stmt_prepare(st, t->stmts[s].sql, strlen(t->stmts[s].sql)) != 0) {
		db_set_error("%s", mysql_stmt_error(st));
		rc = -1;
	} else if (strncmp(t->stmts[s].sql, "CREATE TEMPORARY TABLE", 22) == 0 &&
	    mysql_stmt_execute(st) != 0) {
		db_set_error("%s", mysql_stmt_error(st));
		rc = -1;
	} else {
		*params = mysql_stmt_param_count(st);
		meta = mysql_stmt_result_metadata(st);
		*cols = meta ? mysql_num_fields(meta) : 0;
		for (unsigned int c = 0; names && meta && c < *cols && c < max; c++)
			names[c] = pool_strdup(p, mysql_fetch_field_direct(meta, c)->name);
		if (meta)
			mysql_free_result(meta);
	}
	mysql_stmt_close(st);
	return rc;
}

int
db_exec_sql(const char *sql, size_t len)
{
	MYSQL *conn = db_conn();

	if (conn == NULL)
		return -1;
	if (mysql_real_query(conn, sql, (unsigned long)len) != 0) {
		db_set_error("%s", mysql_error(conn));
		return -1;
	}
	MYSQL_RES *res = mysql_store_result(conn);
	if (res)
		mysql_free_result(res);
	return 0;
}

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
