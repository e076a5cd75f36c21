/* sim-db.h: the WeChat simulator's typed statements (sim-db.c). */
#ifndef WXSIM_DB_H
#define WXSIM_DB_H

#include "../src/db.h"

enum dbrc db_sim_account_upsert(struct pool *p, const char *appid, const char *secret, const char *original_id, const char *token, const char *aes_key, const char *mode, const char *webhook_url, const char *name, struct dbres *out);
/* columns of db_sim_account_get */
enum { SA_APPID, SA_SECRET, SA_ORIGINAL, SA_TOKEN, SA_AES, SA_MODE, SA_URL, SA_NAME,
	SA_WHITELIST, SA_VERIFIED };
enum dbrc db_sim_account_get(struct pool *p, const char *appid, struct dbres *out);
/* the accounts, as the phone page lists them */
#define SIM_ACCOUNT_ROW(C) C(STR, app_id) C(STR, name) C(STR, original_id) C(STR, mode) \
	C(STR, webhook)
DB_ROW(sim_account, SIM_ACCOUNT_ROW)
enum dbrc db_sim_account_list(struct pool *p, struct sim_account **rows, size_t *n);
enum dbrc db_sim_account_whitelist(struct pool *p, const char *whitelist, const char *appid, struct dbres *out);
/* a verified account (1), or not (0): user management answers it 48001 */
enum dbrc db_sim_account_verified(struct pool *p, int verified, const char *appid);
enum dbrc db_sim_token_insert(struct pool *p, const char *token, const char *appid, const char *kind, long long issued_at, long long expires_at, struct dbres *out);
/* columns of db_sim_token_current */
enum { STC_TOKEN, STC_EXPIRES };
enum dbrc db_sim_token_current(struct pool *p, const char *appid, const char *kind, long long valid_after, struct dbres *out);
enum dbrc db_sim_token_shorten(struct pool *p, long long until, const char *appid, const char *kind, const char *except_token, struct dbres *out);
/* columns of db_sim_token_get */
enum { STG_APPID, STG_EXPIRES };
enum dbrc db_sim_token_get(struct pool *p, const char *token, struct dbres *out);
enum dbrc db_sim_user_message(struct pool *p, const char *appid, const char *openid, long long subscribe_time, long long at, struct dbres *out);
enum dbrc db_sim_user_subscribe(struct pool *p, const char *appid, const char *openid, long long subscribed, long long at, const char *scene, struct dbres *out);
/* columns of db_sim_user_get */
enum { SU_SUBSCRIBED, SU_SUBSCRIBE_TIME, SU_LAST_MSG, SU_SENT_SINCE, SU_LANG, SU_REMARK,
	SU_GRANT, SU_PAID, SU_SCENE, SU_QR_SCENE };
enum dbrc db_sim_user_get(struct pool *p, const char *appid, const char *openid, struct dbres *out);
enum dbrc db_sim_user_remark(struct pool *p, const char *appid, const char *openid,
	const char *remark);
enum dbrc db_sim_user_sent(struct pool *p, const char *appid, const char *openid, struct dbres *out);
enum dbrc db_sim_user_grant(struct pool *p, const char *appid, const char *openid, long long at);
/* a payment through WeChat Pay: any number of messages for 48 hours */
enum dbrc db_sim_user_paid(struct pool *p, const char *appid, const char *openid, long long at);
enum dbrc db_sim_received_insert(struct pool *p, const char *appid, const char *openid, const char *msgtype, const char *content, const char *media_id, long long at, struct dbres *out);
/* what a follower's phone received, newest first */
#define SIM_RECEIVED_ROW(C) C(INT, id) C(STR, type) C(STR, content) C(STR, media_id) C(INT, at)
DB_ROW(sim_received, SIM_RECEIVED_ROW)
enum dbrc db_sim_received_list(struct pool *p, const char *appid, const char *openid,
	struct sim_received **rows, size_t *n);
enum dbrc db_sim_media_insert(struct pool *p, const char *media_id, const char *appid, const char *type, const char *mime, const char *filename, const void *data, size_t data_len, long long created_at, struct dbres *out);
/* columns of db_sim_media_get */
enum { SM_TYPE, SM_MIME, SM_FILENAME, SM_DATA, SM_APPID, SM_CREATED };
enum dbrc db_sim_media_get(struct pool *p, const char *media_id, struct dbres *out);
enum dbrc db_sim_fault_set(struct pool *p, const char *appid, const char *api, long long errcode, long long remaining, long long delay_ms, struct dbres *out);
/* columns of db_sim_fault_get */
enum { SF_ERRCODE, SF_DELAY };
enum dbrc db_sim_fault_get(struct pool *p, const char *appid, const char *api, struct dbres *out);
enum dbrc db_sim_fault_use(struct pool *p, const char *appid, const char *api, struct dbres *out);
enum dbrc db_sim_call_insert(struct pool *p, const char *appid, const char *api, long long errcode, long long at, struct dbres *out);

/* ---- user management (sim-db-users.c, for sim-users.c) ---- */
#define SIM_TAG_ROW(C) C(INT, id) C(STR, name) C(INT, count)
DB_ROW(sim_tag, SIM_TAG_ROW)
#define SIM_OPENID_ROW(C) C(STR, openid)
DB_ROW(sim_openid, SIM_OPENID_ROW)
#define SIM_TAGID_ROW(C) C(INT, tag_id)
DB_ROW(sim_tagid, SIM_TAGID_ROW)
#define SIM_USER_ROW(C) C(STR, openid) C(INT, subscribed) C(INT, subscribe_time) \
	C(STR, language) C(STR, remark) C(STR, tags)
DB_ROW(sim_user, SIM_USER_ROW)

long long db_sim_quota(struct pool *p, const char *appid, const char *api);
enum dbrc db_sim_quota_set(struct pool *p, const char *appid, const char *api, long long daily);
long long db_sim_calls_since(struct pool *p, const char *appid, const char *api, long long since);
enum dbrc db_sim_tags(struct pool *p, const char *appid, struct sim_tag **rows, size_t *n);
enum dbrc db_sim_tag_name(struct pool *p, const char *appid, const char *name,
	struct sim_tag *row);
enum dbrc db_sim_tag_id(struct pool *p, const char *appid, long long id, struct sim_tag *row);
long long db_sim_tags_own(struct pool *p, const char *appid);
enum dbrc db_sim_tags_system(struct pool *p, const char *appid);
enum dbrc db_sim_tag_insert(struct pool *p, const char *appid, const char *name);
enum dbrc db_sim_tag_rename(struct pool *p, const char *appid, long long id, const char *name);
enum dbrc db_sim_tag_delete(struct pool *p, const char *appid, long long id);
enum dbrc db_sim_tag_forget(struct pool *p, const char *appid, long long id);
enum dbrc db_sim_user_tag(struct pool *p, const char *appid, const char *openid, long long tag);
enum dbrc db_sim_user_untag(struct pool *p, const char *appid, const char *openid,
	long long tag);
enum dbrc db_sim_user_tagids(struct pool *p, const char *appid, const char *openid,
	struct sim_tagid **rows, size_t *n);
enum dbrc db_sim_tag_users(struct pool *p, const char *appid, long long tag, const char *after,
	long long limit, struct sim_openid **rows, size_t *n);
enum dbrc db_sim_user_one(struct pool *p, const char *appid, const char *openid,
	struct sim_user *row);
enum dbrc db_sim_user_block(struct pool *p, int blocked, const char *appid, const char *openid);
enum dbrc db_sim_blacklist(struct pool *p, const char *appid, const char *after, long long limit,
	struct sim_openid **rows, size_t *n);
long long db_sim_blacklist_total(struct pool *p, const char *appid);
/* custom menus (sim-menu.c): menuid 0 is the default one */
#define SIM_MENU_ROW(C) C(INT, menuid) C(STR, menu) C(INT, tag_id) C(INT, platform)
DB_ROW(sim_menu, SIM_MENU_ROW)
enum dbrc db_sim_menu_put(struct pool *p, const char *appid, long long menuid, const char *menu,
	long long tag, long long platform, long long now);
long long db_sim_menu_next(struct pool *p, const char *appid);
enum dbrc db_sim_menus(struct pool *p, const char *appid, struct sim_menu **rows, size_t *n);
enum dbrc db_sim_menu_drop(struct pool *p, const char *appid, long long menuid);
enum dbrc db_sim_menus_drop(struct pool *p, const char *appid);
/* parametric QR codes (sim-qr.c) */
#define SIM_QR_ROW(C) C(STR, appid) C(STR, scene) C(STR, url) C(INT, expires_at)
DB_ROW(sim_qr, SIM_QR_ROW)
enum dbrc db_sim_qr_insert(struct pool *p, const char *ticket, const char *appid,
	const char *scene, int permanent, const char *url, long long expires, long long now);
long long db_sim_qr_permanents(struct pool *p, const char *appid);
enum dbrc db_sim_qr_get(struct pool *p, const char *ticket, struct sim_qr *row);
/* template messages and notices (sim-notice.c, sim-db-notices.c) */
#define SIM_TPL_ROW(C) C(STR, template_id) C(STR, title) C(STR, content) C(STR, example)
DB_ROW(sim_tpl, SIM_TPL_ROW)

enum dbrc db_sim_tpls(struct pool *p, const char *appid, const char *kind, struct sim_tpl **rows,
	size_t *n);
enum dbrc db_sim_tpl(struct pool *p, const char *appid, const char *kind, const char *id,
	struct sim_tpl *row);
enum dbrc db_sim_tpl_put(struct pool *p, const char *appid, const char *kind, const char *id,
	const char *title, const char *content, const char *example);
enum dbrc db_sim_tpl_drop(struct pool *p, const char *appid, const char *kind, const char *id);
long long db_sim_client_msg(struct pool *p, const char *appid, const char *openid,
	const char *cid, long long since);
enum dbrc db_sim_client_msg_put(struct pool *p, const char *appid, const char *openid,
	const char *cid, long long msgid, long long at);
enum dbrc db_sim_credit_add(struct pool *p, const char *appid, const char *openid,
	const char *id);
enum dbrc db_sim_credit_clear(struct pool *p, const char *appid, const char *openid,
	const char *id);
enum dbrc db_sim_credit_take(struct pool *p, const char *appid, const char *openid,
	const char *id);
long long db_sim_credits(struct pool *p, const char *appid, const char *openid, const char *id);
enum dbrc db_sim_templates_off(struct pool *p, const char *appid, const char *openid, int off);
long long db_sim_templates_off_of(struct pool *p, const char *appid, const char *openid);
/* broadcasts (sim-mass.c) */
long long db_sim_mass_get(struct pool *p, const char *appid, const char *cid);
enum dbrc db_sim_mass_put(struct pool *p, const char *appid, const char *cid, long long msgid,
	long long at);
enum dbrc db_sim_mass_audience(struct pool *p, const char *appid, long long tag,
	struct sim_openid **rows, size_t *n);
long long db_sim_mass_received(struct pool *p, const char *appid, const char *openid,
	const char *month);
enum dbrc db_sim_mass_receive(struct pool *p, const char *appid, const char *openid,
	const char *month);

#endif