/*
 * sim-db-notices.c: the statements of the simulator's template messages and
 * subscription notices (sim-notice.c).
 */
#include <stddef.h>

#include "../src/db-run.h"
#include "sim-db.h"

#define NOTICE_STATEMENTS(X) \
	X(sim_tpls, ROWS(sim_tpl), (const char *appid, const char *kind), (S(appid), S(kind)), \
	    "SELECT template_id, title, content, IFNULL(example, '') example FROM sim_templates " \
	    "WHERE appid = ? AND kind = ? ORDER BY template_id") \
	X(sim_tpl, ROW(sim_tpl), (const char *appid, const char *kind, const char *id), \
	    (S(appid), S(kind), S(id)), \
	    "SELECT template_id, title, content, IFNULL(example, '') example FROM sim_templates " \
	    "WHERE appid = ? AND kind = ? AND template_id = ?") \
	X(sim_tpl_put, EXEC, (const char *appid, const char *kind, const char *id, \
	    const char *title, const char *content, const char *example), (S(appid), S(kind), \
	    S(id), S(title), S(content), S(example)), \
	    "REPLACE INTO sim_templates (appid, kind, template_id, title, content, example) " \
	    "VALUES (?, ?, ?, ?, ?, NULLIF(?, ''))") \
	X(sim_tpl_drop, EXEC, (const char *appid, const char *kind, const char *id), \
	    (S(appid), S(kind), S(id)), \
	    "DELETE FROM sim_templates WHERE appid = ? AND kind = ? AND template_id = ?") \
	X(sim_client_msg, COUNT, (const char *appid, const char *openid, const char *cid, \
	    long long since), (S(appid), S(openid), S(cid), I(since)), \
	    "SELECT msgid FROM sim_template_sends WHERE appid = ? AND openid = ? AND " \
	    "client_msg_id = ? AND at > ?") \
	X(sim_client_msg_put, EXEC, (const char *appid, const char *openid, const char *cid, \
	    long long msgid, long long at), (S(appid), S(openid), S(cid), I(msgid), I(at)), \
	    "REPLACE INTO sim_template_sends (appid, openid, client_msg_id, msgid, at) " \
	    "VALUES (?, ?, ?, ?, ?)") \
	X(sim_credit_add, EXEC, (const char *appid, const char *openid, const char *id), \
	    (S(appid), S(openid), S(id)), \
	    "INSERT INTO sim_notice_credits (appid, openid, template_id, credits) VALUES " \
	    "(?, ?, ?, 1) ON DUPLICATE KEY UPDATE credits = credits + 1") \
	X(sim_credit_clear, EXEC, (const char *appid, const char *openid, const char *id), \
	    (S(appid), S(openid), S(id)), \
	    "UPDATE sim_notice_credits SET credits = 0 WHERE appid = ? AND openid = ? AND " \
	    "template_id = ?") \
	X(sim_credit_take, DONE, (const char *appid, const char *openid, const char *id), \
	    (S(appid), S(openid), S(id)), \
	    "UPDATE sim_notice_credits SET credits = credits - 1 WHERE appid = ? AND openid = ? " \
	    "AND template_id = ? AND credits > 0") \
	X(sim_credits, COUNT, (const char *appid, const char *openid, const char *id), \
	    (S(appid), S(openid), S(id)), \
	    "SELECT IFNULL(SUM(credits), 0) FROM sim_notice_credits WHERE appid = ? AND " \
	    "openid = ? AND template_id = ?") \
	X(sim_templates_off, EXEC, (const char *appid, const char *openid, int off), \
	    (I((long long)off), S(appid), S(openid)), \
	    "UPDATE sim_users SET templates_off = ? WHERE appid = ? AND openid = ?") \
	X(sim_templates_off_of, COUNT, (const char *appid, const char *openid), \
	    (S(appid), S(openid)), \
	    "SELECT templates_off FROM sim_users WHERE appid = ? AND openid = ?") \
	/* ---- broadcasts (sim-mass.c) ---- */ \
	X(sim_mass_get, COUNT, (const char *appid, const char *cid), (S(appid), S(cid)), \
	    "SELECT msg_id FROM sim_mass WHERE appid = ? AND clientmsgid = ?") \
	X(sim_mass_put, EXEC, (const char *appid, const char *cid, long long msgid, long long at), \
	    (S(appid), S(cid), I(msgid), I(at)), \
	    "INSERT INTO sim_mass (appid, clientmsgid, msg_id, at) VALUES (?, ?, ?, ?)") \
	X(sim_mass_audience, ROWS(sim_openid), (const char *appid, long long tag), \
	    (S(appid), I(tag), I(tag)), \
	    "SELECT u.openid FROM sim_users u WHERE u.appid = ? AND u.subscribed = 1 AND " \
	    "u.blocked = 0 AND (? = 0 OR EXISTS (SELECT 1 FROM sim_user_tags t WHERE " \
	    "t.appid = u.appid AND t.openid = u.openid AND t.tag_id = ?)) ORDER BY u.openid") \
	X(sim_mass_received, COUNT, (const char *appid, const char *openid, const char *month), \
	    (S(appid), S(openid), S(month)), \
	    "SELECT IFNULL((SELECT received FROM sim_mass_receipts WHERE appid = ? AND " \
	    "openid = ? AND month = ?), 0)") \
	X(sim_mass_receive, EXEC, (const char *appid, const char *openid, const char *month), \
	    (S(appid), S(openid), S(month)), \
	    "INSERT INTO sim_mass_receipts (appid, openid, month, received) VALUES (?, ?, ?, 1) " \
	    "ON DUPLICATE KEY UPDATE received = received + 1")
DB_STATEMENTS(NOTICE_STATEMENTS, sim_table_notices)
