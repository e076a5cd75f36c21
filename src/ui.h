/* ui.h: page handlers, one file per page (ui-<page>.c), named <program>_<page>_<method>. */
#ifndef WXDESK_UI_H
#define WXDESK_UI_H

#include "wxdesk.h"

/* ui-login.c */
void admin_login_get(struct req *, struct resp *);
void admin_login_post(struct req *, struct resp *);
void admin_logout_post(struct req *, struct resp *);
void admin_root_get(struct req *, struct resp *);
const char *home_for(const struct user *u);

/* pw_check: auth.h */
/* the sign-in's second step (two-factor: ui-login.c) */
void login_code_get(struct req *, struct resp *);
void login_code_post(struct req *, struct resp *);
/* ui-twofactor.c: My account → two-factor sign-in; the administrators' rule */
void account_2fa_get(struct req *, struct resp *);
void account_2fa_start_post(struct req *, struct resp *);
void account_2fa_confirm_post(struct req *, struct resp *);
void account_2fa_off_post(struct req *, struct resp *);
void account_2fa_codes_post(struct req *, struct resp *);
void admin_security_post(struct req *, struct resp *);
void admin_operator_2fa_reset_post(struct req *, struct resp *);
/* for the account page: Account.TwoFactor.* */
void account_2fa_page_data(struct req *r);
/* My account, whole (ui-login.c), answered with status */
void account_render(struct req *r, struct resp *rs, int status);
/* ui-alerts.c: My account → alerts on WeChat (alerts.h): Alerts.*; 0, or -1 */
int  account_alerts_page_data(struct req *r);
void account_alerts_code_post(struct req *, struct resp *);
void account_alerts_delete_post(struct req *, struct resp *);

/* ui-admin.c */
void admin_home_get(struct req *, struct resp *);

/* ui-brands.c */
void admin_brands_get(struct req *, struct resp *);
void admin_brands_post(struct req *, struct resp *);
void admin_brand_get(struct req *, struct resp *);
void admin_brand_post(struct req *, struct resp *);
void admin_brand_delete_post(struct req *, struct resp *);
void admin_brand_language_post(struct req *, struct resp *);
void admin_brand_held_post(struct req *, struct resp *);
void admin_brand_texts_post(struct req *, struct resp *);
void account_get(struct req *, struct resp *);
void account_post(struct req *, struct resp *);
void admin_canned_post(struct req *, struct resp *);
void admin_canned_delete_post(struct req *, struct resp *);
/* ui-canned.c: an operator's own canned responses, on My account */
int  account_canned_page_data(struct req *r);
void account_canned_post(struct req *, struct resp *);
void account_canned_delete_post(struct req *, struct resp *);
/* ui-topics.c: the close summary's topics, on the brand's page */
void admin_topic_post(struct req *, struct resp *);
void admin_topic_delete_post(struct req *, struct resp *);
void admin_topic_required_post(struct req *, struct resp *);

/* ui-profanity.c */
void admin_profanity_get(struct req *, struct resp *);
void admin_profanity_post(struct req *, struct resp *);
void admin_profanity_word_post(struct req *, struct resp *);
void admin_profanity_word_delete_post(struct req *, struct resp *);
void admin_profanity_import_post(struct req *, struct resp *);
void admin_profanity_export_get(struct req *, struct resp *);

/* ui-departments.c */
void admin_departments_post(struct req *, struct resp *);
void admin_department_get(struct req *, struct resp *);
void admin_department_post(struct req *, struct resp *);
void admin_department_delete_post(struct req *, struct resp *);
void admin_department_routing_post(struct req *, struct resp *);
void admin_channel_csat_post(struct req *, struct resp *);
/* health.c: GET /healthz; health_seen notes a worker's tick */
void health_get(struct req *, struct resp *);
void health_seen(struct pool *p);
void admin_brand_hours_get(struct req *, struct resp *);
void admin_brand_hours_post(struct req *, struct resp *);
void admin_bot_get(struct req *, struct resp *);
void admin_bot_post(struct req *, struct resp *);
void admin_bot_service_post(struct req *, struct resp *);
void admin_bot_rule_post(struct req *, struct resp *);
void admin_bot_rule_get(struct req *, struct resp *);
void admin_bot_rule_edit_post(struct req *, struct resp *);
void admin_bot_rule_move_post(struct req *, struct resp *);
void admin_bot_menu_post(struct req *, struct resp *);
void admin_bot_rule_delete_post(struct req *, struct resp *);
void admin_bot_test_post(struct req *, struct resp *);
void admin_bot_export_get(struct req *, struct resp *);
void admin_bot_import_post(struct req *, struct resp *);
void admin_department_members_post(struct req *, struct resp *);

/* ui-hooks.c: Admin → API and webhooks (api.h, hooks.h) */
void admin_api_get(struct req *, struct resp *);
void admin_api_token_post(struct req *, struct resp *);
void admin_api_revoke_post(struct req *, struct resp *);
void admin_hook_new_post(struct req *, struct resp *);
void admin_hook_get(struct req *, struct resp *);
void admin_hook_post(struct req *, struct resp *);
void admin_hook_secret_post(struct req *, struct resp *);
void admin_hook_delete_post(struct req *, struct resp *);
void admin_hook_test_post(struct req *, struct resp *);
void admin_hook_replay_post(struct req *, struct resp *);

/* ui-operators.c */
void admin_operators_get(struct req *, struct resp *);
void admin_audit_get(struct req *, struct resp *);
void admin_operator_new_get(struct req *, struct resp *);
void admin_operators_post(struct req *, struct resp *);
void admin_operator_get(struct req *, struct resp *);
void admin_operator_post(struct req *, struct resp *);
void admin_operator_password_post(struct req *, struct resp *);
void admin_operator_disable_post(struct req *, struct resp *);

/* ui-channels.c */
void admin_channels_get(struct req *, struct resp *);
void admin_channel_new_get(struct req *, struct resp *);
void admin_channel_new_post(struct req *, struct resp *);
void admin_channel_setup_get(struct req *, struct resp *);
void admin_channel_setup_post(struct req *, struct resp *);
void admin_channel_verified_get(struct req *, struct resp *);
void admin_channel_get(struct req *, struct resp *);
void admin_channel_details_post(struct req *, struct resp *);
void admin_channel_token_post(struct req *, struct resp *);
void admin_channel_aes_post(struct req *, struct resp *);
void admin_channel_upstream_post(struct req *, struct resp *);
void admin_channel_reveal_post(struct req *, struct resp *);
void admin_channel_department_post(struct req *, struct resp *);
void admin_channel_state_post(struct req *, struct resp *);
void admin_channel_prefs_post(struct req *, struct resp *);
void admin_channel_health_post(struct req *, struct resp *);
void admin_channel_delete_post(struct req *, struct resp *);

/* the console: ui-inbox.c, ui-chat.c, ui-chat-act.c */
void console_home_get(struct req *, struct resp *);
void console_poll_get(struct req *, struct resp *);
void console_chat_get(struct req *, struct resp *);
void console_pickup_post(struct req *, struct resp *);
void console_send_post(struct req *, struct resp *);
void console_held_post(struct req *, struct resp *);
void console_held_cancel_post(struct req *, struct resp *);
void console_retry_post(struct req *, struct resp *);
void console_close_post(struct req *, struct resp *);
void console_reopen_post(struct req *, struct resp *);
void console_transfer_post(struct req *, struct resp *);
void console_alias_post(struct req *, struct resp *);
void console_followers_get(struct req *, struct resp *);
void console_follower_get(struct req *, struct resp *);
void console_tags_get(struct req *, struct resp *);
void console_tags_post(struct req *, struct resp *);
void console_tag_post(struct req *, struct resp *);
void console_tag_delete_post(struct req *, struct resp *);
void console_follower_tags_post(struct req *, struct resp *);
void console_follower_block_post(struct req *, struct resp *);
void console_chat_tags_post(struct req *, struct resp *);
void console_chat_block_post(struct req *, struct resp *);
void console_chat_menu_post(struct req *, struct resp *);
void console_follower_menu_post(struct req *, struct resp *);
void console_follower_name_post(struct req *, struct resp *);
void console_note_post(struct req *, struct resp *);
void console_next_get(struct req *, struct resp *);
void console_decline_post(struct req *, struct resp *);
void console_presence_post(struct req *, struct resp *);
void console_heartbeat_post(struct req *, struct resp *);
void console_board_get(struct req *, struct resp *);
void console_typing_post(struct req *, struct resp *);
void console_media_get(struct req *, struct resp *);

/* ui-menu.c */
void admin_menu_get(struct req *, struct resp *);
void admin_menu_post(struct req *, struct resp *);
void admin_menu_publish_post(struct req *, struct resp *);
void admin_menu_cond_post(struct req *, struct resp *);
void admin_menu_delete_post(struct req *, struct resp *);

/* ui-qr.c */
void admin_qr_list_get(struct req *, struct resp *);
void admin_qr_post(struct req *, struct resp *);
void admin_qr_get(struct req *, struct resp *);
void admin_qr_edit_post(struct req *, struct resp *);
void admin_qr_reissue_post(struct req *, struct resp *);
void admin_qr_png_get(struct req *, struct resp *);
void admin_qr_print_get(struct req *, struct resp *);

/* ui-reports.c */
void reports_overview_get(struct req *, struct resp *);
void reports_days_get(struct req *, struct resp *);
void reports_hours_get(struct req *, struct resp *);
void reports_departments_get(struct req *, struct resp *);
void reports_operators_get(struct req *, struct resp *);
void reports_followers_get(struct req *, struct resp *);
void reports_qr_get(struct req *, struct resp *);
void reports_presence_get(struct req *, struct resp *);
void reports_csat_get(struct req *, struct resp *);


/* ui-notices.c: an account's templates (notice.h) */
void admin_notices_get(struct req *, struct resp *);
void admin_notices_import_post(struct req *, struct resp *);
void admin_notice_senders_post(struct req *, struct resp *);
void ui_notice_fields(struct req *r, const char *base, const char *content);
/* ui-broadcasts.c: broadcasts to a tag or to every follower (broadcast.h) */
void console_broadcasts_get(struct req *, struct resp *);
void console_kb_brands_get(struct req *, struct resp *);
void console_suggestion_pick_post(struct req *, struct resp *);
void console_kb_get(struct req *, struct resp *);
void console_kb_article_get(struct req *, struct resp *);
void console_kb_article_post(struct req *, struct resp *);
void console_kb_article_edit_post(struct req *, struct resp *);
void console_kb_article_delete_post(struct req *, struct resp *);
void console_kb_settings_post(struct req *, struct resp *);
void console_kb_test_post(struct req *, struct resp *);
void console_kb_export_get(struct req *, struct resp *);
void console_kb_import_post(struct req *, struct resp *);
void console_broadcast_post(struct req *, struct resp *);
void console_broadcast_preview_post(struct req *, struct resp *);
void console_broadcast_cancel_post(struct req *, struct resp *);
/* a chatbot rule's picture (ui-bot.c), a knowledge-base answer's (ui-kb.c) */
void admin_bot_rule_picture_get(struct req *, struct resp *);
void console_kb_picture_get(struct req *, struct resp *);
/* ui-notice.c: a template message or a notice sent from a chat */
void console_notice_get(struct req *, struct resp *);
void console_notice_post(struct req *, struct resp *);

/* shared page helpers (ui-common.c) */
void ui_db_failed(struct req *, struct resp *);
void ui_not_found(struct req *, struct resp *, const char *what);
int  ui_found(struct req *, struct resp *, int rc, const char *what);
/* a file under the media directory (media_file, media.h) as the answer,
 * kept by the browser for a day; a path outside that directory, or a file
 * gone: the 404 for what */
void ui_send_file(struct req *, struct resp *, const char *path, const char *mime,
	const char *what);
/* the picture attachment id as the answer (0: none, the 404 for what) */
void ui_send_picture(struct req *, struct resp *, long long attachment, const char *what);
/*
 * How a change ends, in one place. A POST handler is a step that returns a
 * status and a handler of a few lines that answers it once, through its
 * page's end() (which shows its form again on UI_REFUSED) and ui_saved:
 *   DB_OK        saved: the flash msg, then a redirect to `to`
 *   UI_REFUSED   the form again (422), each error beside its field
 *   UI_SHOWN     the step answered with a page of its own (a result shown once)
 *   DB_NOTFOUND  404, "that <what> does not exist"
 *   any other    503 "nothing was saved" (the transaction rolled back)
 */
enum ui_status { UI_REFUSED = 100, UI_SHOWN };
/* a write's rc as a change ends with it: one that found no row answers 503,
 * as the pages always did (its row was read and found just before) */
int  ui_wrote(int rc);
void ui_saved(struct req *, struct resp *, int st, const char *what, const char *msg,
	const char *to);
long long ui_page(struct req *r);
const char *ui_time(struct req *r, long long t);
const char *ui_iso(struct req *r, long long t);
/* a local path that cannot lead off-site (a redirect's target), or NULL */
const char *ui_safe_next(const char *next);
long long ui_day(const char *v, long long def);	/* YYYY-MM-DD at 00:00 UTC */
const char *ui_close_reason(struct req *r, const char *code, int label);
const char *ui_errtext(struct req *r, long errcode);
const char *ui_known(struct req *r, const char *group, const char *code);
const char *ui_arg(struct req *r, const char *name);
void ui_paging(struct req *r, long long page, long long per, long long total);
struct ui_file {
	const char *type;	/* WeChat's media type: "image" "voice" "video" */
	const char *mime, *path, *name;
	long long   attachment;
};
int  ui_keep_file(struct req *r, const char *field, const struct kv *file,
	struct ui_file *out);
/* …a field that takes a picture only (JPEG or PNG): anything else refused
 * with the text of the catalogue's key why */
int  ui_keep_picture(struct req *r, const char *field, const struct kv *file, const char *why,
	struct ui_file *out);

#endif
