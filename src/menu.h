/*
 * menu.h: the account's custom menu (049), kept in step with WeChat: the
 * default menu and conditional ones (a tag, a phone OS), edited on the
 * Menu page (ui-menu.c) as WeChat's "button" array, checked against
 * WeChat's rules (menu.c, which the simulator checks with too), published
 * through the write queue (writes.h; job-writes.c sends it), read from
 * WeChat when an account is connected (job-sync.c). A click button's key
 * may be bound to an answer, a department or "talk to a person" (intake.c).
 */
#ifndef WXDESK_MENU_H
#define WXDESK_MENU_H

#include <jansson.h>

#include "db.h"

#define MENU_TOP_MAX      3
#define MENU_SUB_MAX      5
#define MENU_TOP_NAME_MAX 16	/* bytes */
#define MENU_SUB_NAME_MAX 60
#define MENU_KEY_MAX      128
#define MENU_URL_MAX      1024
#define WRITE_API_MENU        "menu/create"
#define WRITE_API_MENU_COND   "menu/addconditional"
#define WRITE_API_MENU_UNCOND "menu/delconditional"

/*
 * WeChat's rules for a menu's "button" array: 1-3 buttons, each with a name
 * (16 bytes; a sub-button's 60) and either 1-5 sub-buttons or a type and
 * what that type needs (a key of 128 bytes for click and scancode_*, an
 * http(s) URL of 1,024 for view, appid, pagepath and a URL for
 * miniprogram, a media_id or article_id). Returns 0, or the errcode WeChat
 * answers for the first button that breaks one, with *top and *sub (-1:
 * the top button itself) naming it.
 */
long menu_check(json_t *buttons, int *top, int *sub);
/* 1 for the types whose push carries the button's key (a click opens a window) */
int  menu_keyed(const char *type);

/* ---- the statements (db-menu.c) ---- */

/* columns of db_menus_of and db_menu_get */
#define MENU_ROW(C) C(INT, id) C(INT, channel_id) C(STR, cond_key) C(INT, tag_id) \
	C(INT, platform) C(STR, buttons) C(STR, published) C(STR, wx_menuid) \
	C(INT, updated_at) C(INT, published_at) C(STR, tag) C(STR, write_state) \
	C(INT, write_errcode) C(INT, write_attempts)
DB_ROW(menu, MENU_ROW)
enum dbrc db_menus_of(struct pool *p, long long channel, struct menu **rows, size_t *n);
enum dbrc db_menu_get(struct pool *p, long long channel, long long id, struct menu *row);
/* the menu of cond_key ("" the default), made empty when the account has none */
enum dbrc db_menu_ensure(struct pool *p, long long channel, const char *cond_key,
	long long tag, int platform, time_t now);
long long db_menu_id(struct pool *p, long long channel, const char *cond_key);
/* the draft saved, with its click keys' bindings (a JSON array of
 * {key, label, action, answer, department}), in one transaction */
enum dbrc menu_save(struct pool *p, long long channel, long long id, const char *buttons,
	const char *keys, time_t now);
/* the menu queued for WeChat (a conditional one: added again, the old one deleted) */
enum dbrc menu_publish(struct pool *p, long long channel, long long id, long long user,
	time_t now);
/* a conditional menu deleted here and in WeChat */
enum dbrc menu_delete(struct pool *p, long long channel, long long id, long long user,
	time_t now);

/* columns of db_menu_keys: the account's click keys' bindings */
#define MENU_KEY_ROW(C) C(STR, click_key) C(STR, label) C(STR, action) C(STR, answer) \
	C(INT, department_id)
DB_ROW(menu_key, MENU_KEY_ROW)
enum dbrc db_menu_keys(struct pool *p, long long channel, struct menu_key **rows, size_t *n);
/* one key's binding (a push's, intake.c) */
enum dbrc db_menu_key(struct pool *p, long long channel, const char *key, struct menu_key *row);

/* columns of db_menu_clicks: a follower's last clicks in the menu */
#define MENU_CLICK_ROW(C) C(STR, event) C(STR, event_key) C(INT, at) C(STR, label)
DB_ROW(menu_click, MENU_CLICK_ROW)
enum dbrc db_menu_clicks(struct pool *p, long long follower, struct menu_click **rows,
	size_t *n);

/* ---- the worker's (job-writes.c, job-sync.c) ---- */
/* columns of db_menu_for_write */
#define MENU_WRITE_ROW(C) C(STR, buttons) C(STR, wx_menuid) C(INT, tag_wx_id) C(INT, platform) \
	C(INT, creating_tag)
DB_ROW(menu_write, MENU_WRITE_ROW)
enum dbrc db_menu_for_write(struct pool *p, long long id, struct menu_write *row);
/* WeChat has it (a conditional one: its menuid) */
enum dbrc db_menu_published(struct pool *p, long long id, const char *buttons,
	const char *menuid, time_t now);
/* the account's menus as WeChat has them, read when connected (once) */
enum dbrc db_menu_imported(struct pool *p, long long channel, const char *cond_key,
	long long tag_wx_id, int platform, const char *buttons, const char *menuid, time_t now);
enum dbrc db_sync_menu_read(struct pool *p, long long channel);

#endif
