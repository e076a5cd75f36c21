/*
 * db-tables.c: every statement table there is (db_tables_all), for the test
 * that prepares them all (tests/unit/test_db.c); apart from db.c so a
 * program links only the parts it calls.
 */
#include "db.h"

struct db_table *const *
db_tables_all(void)
{
	static struct db_table *all[64];	/* the parts, then NULL */

	if (all[0] == NULL) {
		struct db_table *(*const parts[])(void) = { db_table_staff, db_table_chats,
			db_table_channels, db_table_console, db_table_worker, db_table_reports, db_table_alerts, db_table_assign,
			db_table_audit, db_table_bot, db_table_csat, db_table_health, db_table_hours,
			db_table_metrics, db_table_outbox, db_table_tell, db_table_topics, db_table_twofactor,
			db_table_writes, db_table_followers, db_table_tags,
			db_table_sync, db_table_qr, db_table_menu, db_table_notices,
			db_table_broadcasts, db_table_api, db_table_hooks, db_table_search, db_table_kb, db_table_suggest,
			db_table_spool };
		size_t n = 0;
		_Static_assert(sizeof parts / sizeof parts[0] < sizeof all / sizeof all[0],
		    "db_tables_all: room for every part and the NULL after them");
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			all[n++] = parts[i]();
	}
	return all;
}
