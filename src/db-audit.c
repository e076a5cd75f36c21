/* db-audit.c: the statements of the audit trail (audit.h). */
#include <stddef.h>

#include "audit.h"
#include "db-run.h"

#define AUDIT_STATEMENTS(X) \
	X(audit_add, EXEC, (long long now, long long user, const char *login, const char *ip, \
	    const char *action, const char *target, const char *detail), \
	    (I(now), I(user), S(login), S(ip), S(action), S(target), S(detail)), \
	    "INSERT INTO audit_log (at, user_id, login, ip, action, target, detail) " \
	    "VALUES (FROM_UNIXTIME(?), NULLIF(?, 0), LEFT(?, 64), LEFT(?, 64), ?, LEFT(?, 255), ?)") \
	/* newest first, a page at a time (ids below the last one shown) */ \
	X(audit_list, ROWS(audit_record), (const struct audit_filter *f), \
	    (I(f->from), I(f->to), I(f->to), S(f->login), S(f->action), S(f->ip), I(f->before), \
	    I(f->before), I(f->limit)), \
	    "SELECT a.id, UNIX_TIMESTAMP(a.at) at, a.login, a.ip, a.action, a.target, a.detail, " \
	    "u.name FROM audit_log a LEFT JOIN users u ON u.id = a.user_id " \
	    "WHERE a.at >= FROM_UNIXTIME(?) AND (? = 0 OR a.at < FROM_UNIXTIME(?)) " \
	    "AND ? IN ('', a.login) AND ? IN ('', a.action) AND ? IN ('', a.ip) " \
	    "AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?") \
	X(audit_actions, ROWS(audit_action), (), (), \
	    "SELECT DISTINCT action FROM audit_log ORDER BY action")
DB_STATEMENTS(AUDIT_STATEMENTS, db_table_audit)

