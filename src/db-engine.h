/* db-engine.h: the engine's connection, for the file beside it (db-check.c) alone. */
#ifndef WXDESK_DB_ENGINE_H
#define WXDESK_DB_ENGINE_H

#include <mysql.h>

#include "db-run.h"

MYSQL *db_conn(void);	/* opened when there is none; NULL when none can be */

#endif
