/* admin.c: the admin.fcgi program: sign-in, brands, departments, operators, WeChat accounts. */
#include "../src/metrics.h"
#include "../src/ui.h"
#include "../src/wx.h"

#define ADMIN ROLE_ADMIN

static const struct route routes[] = {
	{ "GET",  "/",                                R_PUBLIC, ROLE_NONE, admin_root_get, NULL },
	{ "GET",  "/healthz",                         R_PUBLIC | R_JSON, ROLE_NONE, health_get, NULL },
	{ "GET",  "/metrics",                         R_SIGNED, ROLE_NONE, metrics_get, NULL },
	{ "GET",  "/login",                           R_PUBLIC, ROLE_NONE, admin_login_get, NULL },
	{ "POST", "/login",                           R_PUBLIC, ROLE_NONE, admin_login_post, NULL },
	{ "GET",  "/login/code",                      R_PUBLIC, ROLE_NONE, login_code_get, NULL },
	{ "POST", "/login/code",                      R_PUBLIC, ROLE_NONE, login_code_post, NULL },
	{ "POST", "/logout",                          0, ROLE_OPERATOR, admin_logout_post, "signout" },
	{ "GET",  "/account",                         0, ROLE_OPERATOR, account_get, NULL },
	{ "POST", "/account",                         0, ROLE_OPERATOR, account_post, "account.language" },
	{ "GET",  "/account/2fa",                     0, ROLE_OPERATOR, account_2fa_get, NULL },
	{ "POST", "/account/2fa/start",               0, ROLE_OPERATOR, account_2fa_start_post, NULL },
	{ "POST", "/account/2fa/confirm",             0, ROLE_OPERATOR, account_2fa_confirm_post, "account.2fa_on" },
	{ "POST", "/account/2fa/off",                 0, ROLE_OPERATOR, account_2fa_off_post, "account.2fa_off" },
	{ "POST", "/account/2fa/codes",               0, ROLE_OPERATOR, account_2fa_codes_post, "account.2fa_codes" },
	{ "POST", "/account/wechat/code",             0, ROLE_OPERATOR, account_alerts_code_post, "account.wechat_code" },
	{ "POST", "/account/wechat/{id}/delete",      0, ROLE_OPERATOR, account_alerts_delete_post, "account.wechat_removed" },
	{ "GET",  "/admin/",                          0, ADMIN, admin_home_get, NULL },
	{ "GET",  "/admin/brands",                    0, ADMIN, admin_brands_get, NULL },
	{ "POST", "/admin/brands",                    0, ADMIN, admin_brands_post, "brand.create" },
	{ "GET",  "/admin/brands/{id}",               0, ADMIN, admin_brand_get, NULL },
	{ "POST", "/admin/brands/{id}",               0, ADMIN, admin_brand_post, "brand.update" },
	{ "POST", "/admin/brands/{id}/delete",        0, ADMIN, admin_brand_delete_post, "brand.delete" },
	{ "POST", "/admin/brands/{id}/language",      0, ADMIN, admin_brand_language_post, "brand.language" },
	{ "POST", "/admin/brands/{id}/texts",         0, ADMIN, admin_brand_texts_post, "brand.texts" },
	{ "POST", "/admin/brands/{id}/departments",   0, ADMIN, admin_departments_post, "department.create" },
	{ "POST", "/admin/brands/{id}/canned",        R_UPLOAD, ADMIN, admin_canned_post, "canned.save" },
	{ "POST", "/admin/brands/{id}/canned/{id}/delete", 0, ADMIN, admin_canned_delete_post, "canned.delete" },
	{ "GET",  "/admin/brands/{id}/hours",         0, ADMIN, admin_brand_hours_get, NULL },
	{ "POST", "/admin/brands/{id}/hours",         0, ADMIN, admin_brand_hours_post, "brand.hours" },
	{ "GET",  "/admin/brands/{id}/profanity",     0, ADMIN, admin_profanity_get, NULL },
	{ "POST", "/admin/brands/{id}/profanity",     0, ADMIN, admin_profanity_post, "profanity.settings" },
	{ "POST", "/admin/brands/{id}/profanity/words", 0, ADMIN, admin_profanity_word_post, "profanity.word_add" },
	{ "POST", "/admin/brands/{id}/profanity/words/{id}/delete", 0, ADMIN, admin_profanity_word_delete_post, "profanity.word_delete" },
	{ "POST", "/admin/brands/{id}/profanity/import", R_UPLOAD, ADMIN, admin_profanity_import_post, "profanity.import" },
	{ "GET",  "/admin/brands/{id}/profanity/export", 0, ADMIN, admin_profanity_export_get, NULL },
	{ "GET",  "/admin/departments/{id}",          0, ADMIN, admin_department_get, NULL },
	{ "POST", "/admin/departments/{id}",          0, ADMIN, admin_department_post, "department.update" },
	{ "POST", "/admin/departments/{id}/members",  0, ADMIN, admin_department_members_post, "department.members" },
	{ "POST", "/admin/departments/{id}/delete",   0, ADMIN, admin_department_delete_post, "department.delete" },
	{ "POST", "/admin/departments/{id}/routing",  0, ADMIN, admin_department_routing_post, "department.routing" },
	{ "GET",  "/admin/operators",                 0, ADMIN, admin_operators_get, NULL },
	{ "POST", "/admin/security",                  0, ADMIN, admin_security_post, "settings.security" },
	{ "POST", "/admin/operators/{id}/2fa-reset",  0, ADMIN, admin_operator_2fa_reset_post, "staff.2fa_reset" },
	{ "GET",  "/admin/audit",                     0, ADMIN, admin_audit_get, NULL },
	{ "POST", "/admin/operators",                 0, ADMIN, admin_operators_post, "staff.create" },
	{ "GET",  "/admin/operators/new",             0, ADMIN, admin_operator_new_get, NULL },
	{ "GET",  "/admin/operators/{id}",            0, ADMIN, admin_operator_get, NULL },
	{ "POST", "/admin/operators/{id}",            0, ADMIN, admin_operator_post, "staff.update" },
	{ "POST", "/admin/operators/{id}/password",   0, ADMIN, admin_operator_password_post, "staff.password" },
	{ "POST", "/admin/operators/{id}/disable",    0, ADMIN, admin_operator_disable_post, "staff.disable" },
	{ "GET",  "/admin/channels",                  0, ADMIN, admin_channels_get, NULL },
	{ "GET",  "/admin/channels/new",              0, ADMIN, admin_channel_new_get, NULL },
	{ "POST", "/admin/channels/new",              0, ADMIN, admin_channel_new_post, "wechat.create" },
	{ "GET",  "/admin/channels/{id}",             0, ADMIN, admin_channel_get, NULL },
	{ "GET",  "/admin/channels/{id}/setup",       0, ADMIN, admin_channel_setup_get, NULL },
	{ "POST", "/admin/channels/{id}/setup",       0, ADMIN, admin_channel_setup_post, "wechat.setup" },
	{ "GET",  "/admin/channels/{id}/verified",    R_JSON, ADMIN, admin_channel_verified_get, NULL },
	{ "POST", "/admin/channels/{id}/details",     0, ADMIN, admin_channel_details_post, "wechat.details" },
	{ "POST", "/admin/channels/{id}/token",       0, ADMIN, admin_channel_token_post, "wechat.token" },
	{ "POST", "/admin/channels/{id}/aes",         0, ADMIN, admin_channel_aes_post, "wechat.aes" },
	{ "POST", "/admin/channels/{id}/reveal",      0, ADMIN, admin_channel_reveal_post, "wechat.reveal" },
	{ "POST", "/admin/channels/{id}/department",  0, ADMIN, admin_channel_department_post, "wechat.department" },
	{ "POST", "/admin/channels/{id}/state",       0, ADMIN, admin_channel_state_post, "wechat.state" },
	{ "POST", "/admin/channels/{id}/prefs",       0, ADMIN, admin_channel_prefs_post, "wechat.prefs" },
	{ "POST", "/admin/channels/{id}/health",      0, ADMIN, admin_channel_health_post, "wechat.check" },
	{ "POST", "/admin/channels/{id}/delete",      0, ADMIN, admin_channel_delete_post, "wechat.delete" },
	{ "POST", "/admin/channels/{id}/csat",        0, ADMIN, admin_channel_csat_post, "wechat.csat" },
	{ "GET",  "/admin/channels/{id}/bot",         0, ADMIN, admin_bot_get, NULL },
	{ "POST", "/admin/channels/{id}/bot",         0, ADMIN, admin_bot_post, "bot.settings" },
	{ "POST", "/admin/channels/{id}/bot/rules",   R_UPLOAD, ADMIN, admin_bot_rule_post, "bot.rule_save" },
	{ "POST", "/admin/channels/{id}/bot/rules/{id}/delete", 0, ADMIN, admin_bot_rule_delete_post, "bot.rule_delete" },
	{ "POST", "/admin/channels/{id}/bot/test",    0, ADMIN, admin_bot_test_post, NULL },
	{ "GET",  "/admin/channels/{id}/bot/export",  0, ADMIN, admin_bot_export_get, NULL },
	{ "POST", "/admin/channels/{id}/bot/import",  R_UPLOAD, ADMIN, admin_bot_import_post, "bot.import" },
};

static const struct app admin_app = {
	.name = "admin.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	/* forms only: 256 KB is far beyond any admin form */
	.limits = { .body_max = 256 * 1024, .field_max = 16 * 1024,
	    .file_max = 128 * 1024, .fields_max = 2100 },
	/* a canned response's file, up to WeChat's 10 MB */
	.upload_limits = { .body_max = WX_UPLOAD_MAX + 64 * 1024, .field_max = 16 * 1024,
	    .file_max = WX_UPLOAD_MAX, .fields_max = 10 },
};

int
main(int argc, char **argv)
{
	return app_main(&admin_app, argc, argv);
}
