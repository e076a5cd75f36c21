/* db-audit.c: the statements of the audit trail (audit.h). */
#include <stddef.h>

#include "audit.h"
#include "db-run.h"

enum audit_stmt { AT_ADD, AT_LIST, AT_ACTIONS, AT__MAX };

static const struct db_stmt stmts[AT__MAX] = {
	[AT_ADD] = { "audit_add",
	    "INSERT INTO audit_log (at, user_id, login, ip, action, target, detail) "
	    "VALUES (FROM_UNIXTIME(?), NULLIF(?, 0), LEFT(?, 64), LEFT(?, 64), ?, LEFT(?, 255), ?)" },
	/* newest first, a page at a time (ids below the last one shown) */
	[AT_LIST] = { "audit_list",
	    "SELECT a.id, UNIX_TIMESTAMP(a.at) at, a.login, a.ip, a.action, a.target, a.detail, "
	    "u.name FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "WHERE a.at >= FROM_UNIXTIME(?) AND (? = 0 OR a.at < FROM_UNIXTIME(?)) "
	    "AND ? IN ('', a.login) AND ? IN ('', a.action) AND ? IN ('', a.ip) "
	    "AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?", .cols = audit_record_cols },
	[AT_ACTIONS] = { "audit_actions",
	    "SELECT DISTINCT action FROM audit_log ORDER BY action", .cols = audit_action_cols },
};

static void           *prepared[AT__MAX];
static struct db_table at_table = { stmts, AT__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_audit(void)
{
	return &at_table;
}

enum dbrc
db_audit_add(struct pool *p, long long now, long long user, const char *login, const char *ip,
    const char *action, const char *target, const char *detail)
{
	return DB_RUN(&at_table, AT_ADD, p, NULL, I(now), I(user), S(login), S(ip), S(action),
	    S(target), S(detail));
}

enum dbrc
db_audit_list(struct pool *p, const struct audit_filter *f, struct audit_record **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = DB_RUN(&at_table, AT_LIST, p, &out, I(f->from), I(f->to), I(f->to),
	    S(f->login), S(f->action), S(f->ip), I(f->before), I(f->before), I(f->limit));

	return DB_AS_ROWS(p, rc, &out, rows, n, audit_record_fill);
}

enum dbrc
db_audit_actions(struct pool *p, struct audit_action **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = DB_RUN(&at_table, AT_ACTIONS, p, &out);

	return DB_AS_ROWS(p, rc, &out, rows, n, audit_action_fill);
}
