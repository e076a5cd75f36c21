/*
 * db-check.c: what stands beside the engine (db.c) for the tools: the check
 * that prepares a statement (test_db) and raw SQL (migrations, grants).
 */
#include <stdio.h>
#include <string.h>

#include <mysql.h>

#include "db-engine.h"

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
