/* sim.h: the WeChat simulator's handlers (sim-api.c: the API; sim-phone.c: the phone page). */
#ifndef WXDESK_SIM_H
#define WXDESK_SIM_H

#include "../src/json.h"
#include "../src/wxdesk.h"

void sim_token_get(struct req *, struct resp *);
void sim_stable_token_post(struct req *, struct resp *);
void sim_custom_send_post(struct req *, struct resp *);
void sim_typing_post(struct req *, struct resp *);
void sim_media_upload_post(struct req *, struct resp *);
void sim_media_get(struct req *, struct resp *);
void sim_video_get(struct req *, struct resp *);
void sim_user_info_get(struct req *, struct resp *);
void sim_user_remark_post(struct req *, struct resp *);
void sim_tags_get(struct req *, struct resp *);
void sim_tags_create_post(struct req *, struct resp *);
void sim_tags_update_post(struct req *, struct resp *);
void sim_tags_delete_post(struct req *, struct resp *);
void sim_tags_tagging_post(struct req *, struct resp *);
void sim_tags_untagging_post(struct req *, struct resp *);
void sim_tags_idlist_post(struct req *, struct resp *);
void sim_user_tag_post(struct req *, struct resp *);
void sim_blacklist_add_post(struct req *, struct resp *);
void sim_blacklist_remove_post(struct req *, struct resp *);
void sim_blacklist_post(struct req *, struct resp *);
void sim_user_batchget_post(struct req *, struct resp *);
void sim_dashboard_post(struct req *, struct resp *);
void sim_callback_ip_get(struct req *, struct resp *);
void sim_qrcode_post(struct req *, struct resp *);
void sim_showqrcode_get(struct req *, struct resp *);
void sim_menu_create_post(struct req *, struct resp *);
void sim_menu_cond_post(struct req *, struct resp *);
void sim_menu_uncond_post(struct req *, struct resp *);
void sim_menu_get(struct req *, struct resp *);
void sim_menu_delete_get(struct req *, struct resp *);
void sim_menu_trymatch_post(struct req *, struct resp *);
void sim_template_list_get(struct req *, struct resp *);
void sim_notice_list_get(struct req *, struct resp *);
void sim_template_send_post(struct req *, struct resp *);
void sim_bizsend_post(struct req *, struct resp *);
void sim_templates_post(struct req *, struct resp *);
void sim_accounts_post(struct req *, struct resp *);
void sim_faults_post(struct req *, struct resp *);
void sim_received_get(struct req *, struct resp *);
void sim_phone_get(struct req *, struct resp *);
void sim_phone_post(struct req *, struct resp *);

/* sim-api.c's answers, shared with sim-users.c: an error (logged, and
 * answered as WeChat does), a call logged as done, WeChat's plain success */
void sim_api_error(struct req *r, struct resp *rs, const char *appid, const char *api, long e);
void sim_api_ok(struct req *r, const char *appid, const char *api);
void sim_api_done(struct req *r, struct resp *rs, const char *appid, const char *api);
/* sim_api_error's e, or (e 0) sim_api_done's success */
void sim_api_answer(struct req *r, struct resp *rs, const char *appid, const char *api, long e);
/* the JSON body in *f: 0, or -1 after answering 47001 */
int sim_json_body(struct req *r, struct resp *rs, const char *appid, const char *api,
	struct wx_field **f);
/* the account the call's access token belongs to, or NULL after answering */
const char *sim_check_token(struct req *r, struct resp *rs, const char *api);
/* 1 when WeChat verified the account (user management needs it) */
int sim_verified(struct req *r, const char *appid);
/* 45009 when the account used up the API's calls of the day, else 0 (sim-users.c) */
long sim_quota_spent(struct req *r, const char *appid, const char *api);
/* a follower's tag ids, as user/info lists them (a new JSON array) */
json_t *sim_user_tagids(struct req *r, const char *appid, const char *openid);

/* template messages and notices (sim-notice.c): the pushes WeChat makes
 * after its answer, made once the answer is out (the app's after hook) */
void sim_after(void);
/* a push (its inner XML) for the account, made once the answer is out */
void sim_defer(const char *appid, const char *xml);
void sim_mass_sendall_post(struct req *, struct resp *);
void sim_mass_preview_post(struct req *, struct resp *);
void sim_mass_send_post(struct req *, struct resp *);
/* a phone's consent: the event to push (*event NULL: none); 0, or -1 */
int sim_notice_action(struct req *r, const char *appid, const char *openid, const char *action,
	const char *tid, const char **event, const char **more);
long long sim_notice_credits(struct req *r, const char *appid, const char *openid,
	const char *tid);
char *sim_event_xml(struct pool *p, const char *to, const char *from, const char *event,
	const char *more);

const char *sim_media_store(struct req *r, const char *appid, const char *type,
	const char *filename, const void *data, size_t n, long *err);

#endif
