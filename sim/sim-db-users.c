/*
 * sim-db-users.c: the statements of the simulator's user management
 * (sim-users.c): tags, a follower's tags, the blacklist, daily quotas;
 * and of its parametric QR codes (sim-qr.c).
 */
#include <stddef.h>

#include "../src/db-run.h"
#include "sim-db.h"

#define USERS_STATEMENTS(X) \
	X(sim_quota, COUNT, (const char *appid, const char *api), (S(appid), S(api)), \
	    "SELECT daily FROM sim_quotas WHERE appid = ? AND api = ?") \
	X(sim_quota_set, EXEC, (const char *appid, const char *api, long long daily), \
	    (S(appid), S(api), I(daily)), \
	    "REPLACE INTO sim_quotas (appid, api, daily) VALUES (?, ?, ?)") \
	X(sim_calls_since, COUNT, (const char *appid, const char *api, long long since), \
	    (S(appid), S(api), I(since)), \
	    "SELECT COUNT(*) FROM sim_calls WHERE appid = ? AND api = ? AND errcode = 0 " \
	    "AND at >= ?") \
	X(sim_tags, ROWS(sim_tag), (const char *appid), (S(appid), S(appid)), \
	    "SELECT t.id, t.name, (SELECT COUNT(*) FROM sim_user_tags u WHERE u.appid = ? AND " \
	    "u.tag_id = t.id) count FROM sim_tags t WHERE t.appid = ? ORDER BY t.id") \
	X(sim_tag_name, ROW(sim_tag), (const char *appid, const char *name), \
	    (S(appid), S(appid), S(name)), \
	    "SELECT t.id, t.name, (SELECT COUNT(*) FROM sim_user_tags u WHERE u.appid = ? AND " \
	    "u.tag_id = t.id) count FROM sim_tags t WHERE t.appid = ? AND t.name = ?") \
	X(sim_tag_id, ROW(sim_tag), (const char *appid, long long id), \
	    (S(appid), S(appid), I(id)), \
	    "SELECT t.id, t.name, (SELECT COUNT(*) FROM sim_user_tags u WHERE u.appid = ? AND " \
	    "u.tag_id = t.id) count FROM sim_tags t WHERE t.appid = ? AND t.id = ?") \
	X(sim_tags_own, COUNT, (const char *appid), (S(appid)), \
	    "SELECT COUNT(*) FROM sim_tags WHERE appid = ? AND id > 2") \
	X(sim_tags_system, EXEC, (const char *appid), (S(appid)), \
	    "INSERT IGNORE INTO sim_tags (appid, id, name) VALUES (?, 2, '星标组')") \
	X(sim_tag_insert, EXEC, (const char *appid, const char *name), (S(appid), S(name), \
	    S(appid)), \
	    "INSERT INTO sim_tags (appid, id, name) SELECT ?, GREATEST(99, IFNULL(MAX(id), 0)) + 1, ? " \
	    "FROM sim_tags WHERE appid = ?") \
	X(sim_tag_rename, EXEC, (const char *appid, long long id, const char *name), \
	    (S(name), S(appid), I(id)), \
	    "UPDATE sim_tags SET name = ? WHERE appid = ? AND id = ?") \
	X(sim_tag_delete, EXEC, (const char *appid, long long id), (S(appid), I(id)), \
	    "DELETE FROM sim_tags WHERE appid = ? AND id = ?") \
	X(sim_tag_forget, EXEC, (const char *appid, long long id), (S(appid), I(id)), \
	    "DELETE FROM sim_user_tags WHERE appid = ? AND tag_id = ?") \
	X(sim_user_tag, EXEC, (const char *appid, const char *openid, long long tag), \
	    (S(appid), S(openid), I(tag)), \
	    "INSERT IGNORE INTO sim_user_tags (appid, openid, tag_id) VALUES (?, ?, ?)") \
	X(sim_user_untag, EXEC, (const char *appid, const char *openid, long long tag), \
	    (S(appid), S(openid), I(tag)), \
	    "DELETE FROM sim_user_tags WHERE appid = ? AND openid = ? AND tag_id = ?") \
	X(sim_user_tagids, ROWS(sim_tagid), (const char *appid, const char *openid), \
	    (S(appid), S(openid)), \
	    "SELECT tag_id FROM sim_user_tags WHERE appid = ? AND openid = ? ORDER BY tag_id") \
	X(sim_tag_users, ROWS(sim_openid), (const char *appid, long long tag, const char *after, \
	    long long limit), (S(appid), I(tag), S(after), I(limit)), \
	    "SELECT openid FROM sim_user_tags WHERE appid = ? AND tag_id = ? AND openid > ? " \
	    "ORDER BY openid LIMIT ?") \
	X(sim_user_one, ROW(sim_user), (const char *appid, const char *openid), \
	    (S(appid), S(openid)), \
	    "SELECT u.openid, u.subscribed, u.subscribe_time, u.language, u.remark, " \
	    "(SELECT GROUP_CONCAT(t.tag_id ORDER BY t.tag_id) FROM sim_user_tags t " \
	    "WHERE t.appid = u.appid AND t.openid = u.openid) tags FROM sim_users u " \
	    "WHERE u.appid = ? AND u.openid = ?") \
	X(sim_user_block, EXEC, (int blocked, const char *appid, const char *openid), \
	    (I((long long)blocked), S(appid), S(openid)), \
	    "UPDATE sim_users SET blocked = ? WHERE appid = ? AND openid = ?") \
	X(sim_blacklist, ROWS(sim_openid), (const char *appid, const char *after, \
	    long long limit), (S(appid), S(after), I(limit)), \
	    "SELECT openid FROM sim_users WHERE appid = ? AND blocked = 1 AND openid > ? " \
	    "ORDER BY openid LIMIT ?") \
	X(sim_blacklist_total, COUNT, (const char *appid), (S(appid)), \
	    "SELECT COUNT(*) FROM sim_users WHERE appid = ? AND blocked = 1") \
	/* ---- parametric QR codes (sim-qr.c) ---- */ \
	X(sim_qr_insert, EXEC, (const char *ticket, const char *appid, const char *scene, \
	    int permanent, const char *url, long long expires, long long now), (S(ticket), \
	    S(appid), S(scene), I((long long)permanent), S(url), I(expires), I(now)), \
	    "INSERT INTO sim_qrcodes (ticket, appid, scene, permanent, url, expires_at, " \
	    "created_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?)") \
	X(sim_qr_permanents, COUNT, (const char *appid), (S(appid)), \
	    "SELECT COUNT(*) FROM sim_qrcodes WHERE appid = ? AND permanent = 1") \
	/* ---- custom menus (sim-menu.c) ---- */ \
	X(sim_menu_put, EXEC, (const char *appid, long long menuid, const char *menu, \
	    long long tag, long long platform, long long now), (S(appid), I(menuid), S(menu), \
	    I(tag), I(platform), I(now)), \
	    "REPLACE INTO sim_menus (appid, menuid, menu, tag_id, platform, created_at) " \
	    "VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?)") \
	/* (never one given before: WeChat's menuids only grow) */ \
	X(sim_menu_next, COUNT, (const char *appid), (S(appid)), \
	    "SELECT 400000001 + COUNT(*) FROM sim_calls WHERE appid = ? AND api = 'menu_cond' " \
	    "AND errcode = 0") \
	X(sim_menus, ROWS(sim_menu), (const char *appid), (S(appid)), \
	    "SELECT menuid, menu, IFNULL(tag_id, 0) tag_id, IFNULL(platform, 0) platform " \
	    "FROM sim_menus WHERE appid = ? ORDER BY menuid = 0 DESC, menuid DESC") \
	X(sim_menu_drop, DONE, (const char *appid, long long menuid), (S(appid), I(menuid)), \
	    "DELETE FROM sim_menus WHERE appid = ? AND menuid = ?") \
	X(sim_menus_drop, EXEC, (const char *appid), (S(appid)), \
	    "DELETE FROM sim_menus WHERE appid = ?") \
	X(sim_qr_get, ROW(sim_qr), (const char *ticket), (S(ticket)), \
	    "SELECT appid, scene, url, IFNULL(expires_at, 0) expires_at FROM sim_qrcodes " \
	    "WHERE ticket = ?")
DB_STATEMENTS(USERS_STATEMENTS, sim_table_users)

