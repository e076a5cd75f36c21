/*
 * db-menu.c: the statements of the account's custom menus (menu.h), in a
 * table of their own, and a menu's saving and publishing: the change here
 * and its write for WeChat (wx_writes) together.
 */
#include <stddef.h>

#include "db-run.h"
#include "menu.h"
#include "writes.h"

#define MN_COLS "m.id, m.channel_id, m.cond_key, IFNULL(m.tag_id, 0) tag_id, " \
	"IFNULL(m.platform, 0) platform, m.buttons, m.published, m.wx_menuid, " \
	"UNIX_TIMESTAMP(m.updated_at) updated_at, UNIX_TIMESTAMP(m.published_at) published_at, " \
	"t.name tag, w.state write_state, w.errcode write_errcode, w.attempts write_attempts " \
	"FROM wx_menus m LEFT JOIN wx_tags t ON t.id = m.tag_id LEFT JOIN wx_writes w ON " \
	"w.id = (SELECT MAX(x.id) FROM wx_writes x WHERE x.menu_id = m.id)"

#define MENU_STATEMENTS(X) \
	X(menus_of, ROWS(menu), (long long channel), (I(channel)), \
	    "SELECT " MN_COLS " WHERE m.channel_id = ? ORDER BY m.cond_key <> '', m.id") \
	X(menu_get, ROW(menu), (long long channel, long long id), (I(channel), I(id)), \
	    "SELECT " MN_COLS " WHERE m.channel_id = ? AND m.id = ?") \
	X(menu_ensure, EXEC, (long long channel, const char *cond_key, long long tag, \
	    int platform, time_t now), (I(channel), S(cond_key), I(tag), I((long long)platform), \
	    I((long long)now)), \
	    "INSERT IGNORE INTO wx_menus (channel_id, cond_key, tag_id, platform, buttons, " \
	    "updated_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), '[]', FROM_UNIXTIME(?))") \
	X(menu_id, COUNT, (long long channel, const char *cond_key), (I(channel), S(cond_key)), \
	    "SELECT id FROM wx_menus WHERE channel_id = ? AND cond_key = ?") \
	X(menu_keys, ROWS(menu_key), (long long channel), (I(channel)), \
	    "SELECT click_key, label, action, answer, IFNULL(department_id, 0) department_id " \
	    "FROM menu_keys WHERE channel_id = ? ORDER BY click_key") \
	X(menu_key, ROW(menu_key), (long long channel, const char *key), (I(channel), S(key)), \
	    "SELECT click_key, label, action, answer, IFNULL(department_id, 0) department_id " \
	    "FROM menu_keys WHERE channel_id = ? AND click_key = ?") \
	X(menu_for_write, ROW(menu_write), (long long id), (I(id)), \
	    "SELECT m.buttons, m.wx_menuid, IFNULL(t.wx_id, -1) tag_wx_id, IFNULL(m.platform, 0) " \
	    "platform, t.id IS NOT NULL AND t.wx_id IS NULL creating_tag FROM wx_menus m " \
	    "LEFT JOIN wx_tags t ON t.id = m.tag_id WHERE m.id = ?") \
	X(menu_published, EXEC, (long long id, const char *buttons, const char *menuid, \
	    time_t now), (S(buttons), S(menuid), I((long long)now), I(id)), \
	    "UPDATE wx_menus SET published = ?, wx_menuid = ?, published_at = FROM_UNIXTIME(?) " \
	    "WHERE id = ?") \
	X(menu_imported, EXEC, (long long channel, const char *cond_key, long long tag_wx_id, \
	    int platform, const char *buttons, const char *menuid, time_t now), (I(channel), \
	    S(cond_key), I((long long)platform), S(buttons), S(buttons), S(menuid), \
	    I((long long)now), I((long long)now), I(channel), I(tag_wx_id)), \
	    "INSERT IGNORE INTO wx_menus (channel_id, cond_key, tag_id, platform, buttons, " \
	    "published, wx_menuid, updated_at, published_at) SELECT ?, ?, t.id, NULLIF(?, 0), ?, ?, " \
	    "?, FROM_UNIXTIME(?), FROM_UNIXTIME(?) FROM (SELECT 1) one LEFT JOIN wx_tags t ON " \
	    "t.channel_id = ? AND t.wx_id = ?") \
	/* a follower's clicks in the menu, newest first (their messages' index) */ \
	X(menu_clicks, ROWS(menu_click), (long long follower), (I(follower)), \
	    "SELECT m.event, m.event_key, UNIX_TIMESTAMP(m.created_at) at, k.label FROM messages m " \
	    "LEFT JOIN menu_keys k ON k.channel_id = m.channel_id AND k.click_key = m.event_key " \
	    "WHERE m.follower_id = ? AND m.msg_type = 'event' AND m.event IN ('CLICK', 'VIEW', " \
	    "'scancode_push', 'scancode_waitmsg', 'view_miniprogram') ORDER BY m.id DESC LIMIT 10") \
	X(sync_menu_read, EXEC, (long long channel), (I(channel)), \
	    "UPDATE wx_syncs SET menu_read = 1 WHERE channel_id = ?") \
	/* ---- saving and publishing ---- */ \
	X(mn_save, CUSTOM, (), (S, I, I, I), \
	    "UPDATE wx_menus SET buttons = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ? AND " \
	    "channel_id = ?") \
	/* the click keys in the account's menus as saved: bindings of others go */ \
	X(mn_keys_drop, CUSTOM, (), (I, S), \
	    "DELETE FROM menu_keys WHERE channel_id = ? AND click_key NOT IN (SELECT k.click_key " \
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (click_key VARCHAR(128) CHARACTER SET utf8mb4 " \
	    "COLLATE utf8mb4_bin PATH '$.key')) k)") \
	X(mn_keys_set, CUSTOM, (), (I, S), \
	    "REPLACE INTO menu_keys (channel_id, click_key, label, action, answer, department_id) " \
	    "SELECT ?, k.click_key, k.label, k.action, NULLIF(k.answer, ''), NULLIF(k.department, 0) " \
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (click_key VARCHAR(128) CHARACTER SET utf8mb4 " \
	    "COLLATE utf8mb4_bin PATH '$.key', label VARCHAR(60) PATH '$.label', action " \
	    "VARCHAR(16) PATH '$.action', answer TEXT PATH '$.answer', department BIGINT PATH " \
	    "'$.department')) k WHERE k.action IN ('answer', 'department', 'person')") \
	X(mn_supersede, CUSTOM, (), (I), \
	    "UPDATE wx_writes SET state = 'superseded' WHERE menu_id = ? AND state = 'pending' " \
	    "AND lease_until IS NULL") \
	X(mn_queue, CUSTOM, (), (S, I, I, I, I, I, I), \
	    "INSERT INTO wx_writes (channel_id, menu_id, api, body, due_at, created_by, created_at) " \
	    "SELECT m.channel_id, m.id, IF(m.cond_key = '', '" WRITE_API_MENU "', '" \
	    WRITE_API_MENU_COND "'), ?, IFNULL((SELECT MAX(w.lease_until) FROM wx_writes w WHERE " \
	    "w.menu_id = m.id AND w.lease_until > FROM_UNIXTIME(?)), FROM_UNIXTIME(?)), " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?) FROM wx_menus m WHERE m.id = ? AND m.channel_id = ?") \
	/* a conditional menu deleted: WeChat's copy by its menuid, after the row */ \
	X(mn_unqueue, CUSTOM, (), (I, I, I, I, I), \
	    "INSERT INTO wx_writes (channel_id, api, body, due_at, created_by, created_at) " \
	    "SELECT m.channel_id, '" WRITE_API_MENU_UNCOND "', JSON_OBJECT('menuid', m.wx_menuid), " \
	    "FROM_UNIXTIME(?), NULLIF(?, 0), FROM_UNIXTIME(?) FROM wx_menus m WHERE m.id = ? AND " \
	    "m.channel_id = ? AND m.cond_key <> '' AND m.wx_menuid IS NOT NULL") \
	X(mn_drop, CUSTOM, (), (I, I), \
	    "DELETE FROM wx_menus WHERE id = ? AND channel_id = ? AND cond_key <> ''")
DB_STATEMENTS(MENU_STATEMENTS, db_table_menu)

struct menu_change {
	long long   channel, id, user;
	const char *buttons, *keys;
	time_t      now;
};

static enum dbrc
save_step(struct pool *p, void *arg)
{
	struct menu_change *x = arg;
	struct dbres        r;
	enum dbrc           rc;

	if ((rc = RUN(DBS_mn_save, p, &r, S(x->buttons), I((long long)x->now), I(x->id),
	    I(x->channel))) != DB_OK)
		return rc;
	if (r.affected == 0)
		return DB_NOTFOUND;
	if ((rc = RUN(DBS_mn_keys_drop, p, NULL, I(x->channel), S(x->keys))) != DB_OK)
		return rc;
	return RUN(DBS_mn_keys_set, p, NULL, I(x->channel), S(x->keys));
}

enum dbrc
menu_save(struct pool *p, long long channel, long long id, const char *buttons,
    const char *keys, time_t now)
{
	struct menu_change x = { channel, id, 0, buttons, keys, now };

	return db_txn(p, save_step, &x);
}

static enum dbrc
publish_step(struct pool *p, void *arg)
{
	struct menu_change *x = arg;
	struct dbres        r;
	enum dbrc           rc;

	if ((rc = RUN(DBS_mn_supersede, p, NULL, I(x->id))) != DB_OK)
		return rc;
	/* (the body is the menu as it is when sent: job-writes.c) */
	rc = RUN(DBS_mn_queue, p, &r, S("{}"), I((long long)x->now), I((long long)x->now),
	    I(x->user), I((long long)x->now), I(x->id), I(x->channel));
	return db_done(rc, &r);
}

enum dbrc
menu_publish(struct pool *p, long long channel, long long id, long long user, time_t now)
{
	struct menu_change x = { channel, id, user, NULL, NULL, now };

	return db_txn(p, publish_step, &x);
}

static enum dbrc
delete_step(struct pool *p, void *arg)
{
	struct menu_change *x = arg;
	struct dbres        r;
	enum dbrc           rc;

	if ((rc = RUN(DBS_mn_unqueue, p, NULL, I((long long)x->now), I(x->user),
	    I((long long)x->now), I(x->id), I(x->channel))) != DB_OK)
		return rc;
	rc = RUN(DBS_mn_drop, p, &r, I(x->id), I(x->channel));
	return db_done(rc, &r);
}

enum dbrc
menu_delete(struct pool *p, long long channel, long long id, long long user, time_t now)
{
	struct menu_change x = { channel, id, user, NULL, NULL, now };

	return db_txn(p, delete_step, &x);
}
