/*
 * test_db.c: the database layer against the real MariaDB of the e2e run
 * ($WXDESK_CONFIG): utf8mb4 round trip, result classes, transactions,
 * long values, and reconnecting after the server dropped the connection.
 */
#include <stdlib.h>
#include <unistd.h>
#include "../../src/db.h"
#include "tap.h"
#include "../../src/staff.h"

int
main(void)
{
	struct pool  p = { 0 };
	struct brand_get res;
	long long    id, id2;
	const char  *zh = "客服部 😀 «ü»";
	char         longname[101];

	if (cfg_load(NULL) != 0 || db_open() != 0) {
		printf("needs WXDESK_CONFIG and a running MariaDB\n0 passed, 1 failed\n");
		return 1;
	}
	CHECK(db_brand_insert(&p, zh, &id) == DB_OK && id > 0, "insert");
	CHECK(db_brand_get(&p, id, &res) == DB_OK, "get");
	CHECK_STR(res.name, zh);
	CHECK(db_brand_insert(&p, zh, &id2) == DB_CONFLICT, "duplicate is a conflict");
	CHECK(db_brand_get(&p, 987654321, &res) == DB_NOTFOUND, "missing row");
	CHECK(db_brand_delete(&p, 987654321) == DB_NOTFOUND, "delete of nothing");
	CHECK(db_dept_insert(&p, 987654321, "x", &id2) == DB_CONFLICT,
	    "foreign key refusal is a conflict");

	/* a rolled-back transaction leaves nothing */
	CHECK(db_begin() == 0, "begin");
	CHECK(db_brand_insert(&p, "rolled back", &id2) == DB_OK, "insert in txn");
	db_rollback();
	CHECK(db_brand_get(&p, id2, &res) == DB_NOTFOUND, "rollback undid it");

	/* a value longer than the inline fetch buffer */
	memset(longname, 'L', 100);
	longname[100] = '\0';
	CHECK(db_brand_rename(&p, id, longname) == DB_OK, "rename");
	CHECK(db_brand_get(&p, id, &res) == DB_OK && strlen(res.name) == 100,
	    "100-byte value");
	for (int i = 0; i < 100; i++)
		longname[i] = 'a' + i % 26;
	struct brand_list *list = NULL;
	size_t list_n = 0;
	CHECK(db_brand_list(&p, &list, &list_n) == DB_OK && list_n >= 2, "list");

	/* the server drops idle connections: the next statement reconnects */
	CHECK(db_exec_sql("SET SESSION wait_timeout = 1", 29) == 0, "short timeout");
	sleep(3);
	CHECK(db_brand_get(&p, id, &res) == DB_OK, "reconnected and re-prepared");
	CHECK(db_user_count(&p) >= 1, "other statements prepared again too");

	CHECK(db_brand_delete(&p, id) == DB_OK, "cleanup");

	/* every statement of every table prepares against the migrated schema,
	 * with the programs' rights (one the tests never run included); a
	 * SELECT has columns. The owner's own (migrations) are not theirs. */
	{
		size_t tables = 0, stmts = 0, ok = 0;
		for (struct db_table *const *t = db_tables_all(); *t; t++, tables++)
			for (size_t i = 0; i < (*t)->n; i++, stmts++) {
				unsigned long np;
				unsigned int  nc, want = 0;
				const char   *sql = (*t)->stmts[i].sql, *names[64];
				const char *const *cols = (*t)->stmts[i].cols;
				if ((*t)->stmts[i].owner) {
					ok++;
					continue;
				}
				if (db_prepare_check(*t, i, &np, &nc, &p, names, 64) != 0) {
					CHECK(0, "statement %s: %s", (*t)->stmts[i].name, db_error());
					continue;
				}
				if (strncmp(sql, "SELECT", 6) == 0 && nc == 0) {
					CHECK(0, "statement %s: a SELECT without columns", (*t)->stmts[i].name);
					continue;
				}
				/* the parameters its declaration binds, as many as its ?s */
				if ((*t)->stmts[i].nparams >= 0 &&
				    np != (unsigned long)(*t)->stmts[i].nparams) {
					CHECK(0, "statement %s: %lu parameters, its declaration binds %d",
					    (*t)->stmts[i].name, np, (*t)->stmts[i].nparams);
					continue;
				}
				if (np > DB_MAX_PARAMS) {
					CHECK(0, "statement %s: %lu parameters, more than db_run binds (%d)",
					    (*t)->stmts[i].name, np, DB_MAX_PARAMS);
					continue;
				}
				/* a declared row (DB_ROW): the same columns, by name, in order */
				while (cols && cols[want])
					want++;
				if (cols && nc != want) {
					CHECK(0, "statement %s: %u columns, its row declares %u",
					    (*t)->stmts[i].name, nc, want);
					continue;
				}
				unsigned int c = 0;
				while (cols && c < nc && c < 64 && strcmp(names[c], cols[c]) == 0)
					c++;
				if (cols && c < nc) {
					CHECK(0, "statement %s: column %u is %s, its row says %s",
					    (*t)->stmts[i].name, c + 1, names[c], cols[c]);
					continue;
				}
				ok++;
			}
		CHECK(tables >= 17 && stmts > 300 && ok == stmts,
		    "%zu of %zu statements in %zu tables prepare", ok, stmts, tables);
	}
	db_close();
	pool_free(&p);
	return tap_done();
}
