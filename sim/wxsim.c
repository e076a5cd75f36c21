/* wxsim.c: the wxsim.fcgi program: the WeChat simulator (API, phone page, test controls). */
#include "sim.h"

#define API R_SIGNED	/* WeChat's API checks its own access tokens */

static const struct route routes[] = {
	{ "GET",  "/cgi-bin/token",               API, ROLE_NONE, sim_token_get, NULL },
	{ "POST", "/cgi-bin/stable_token",        API, ROLE_NONE, sim_stable_token_post, NULL },
	{ "POST", "/cgi-bin/message/custom/send", API, ROLE_NONE, sim_custom_send_post, NULL },
	{ "POST", "/cgi-bin/message/custom/typing", API, ROLE_NONE, sim_typing_post, NULL },
	{ "POST", "/cgi-bin/media/upload",        API, ROLE_NONE, sim_media_upload_post, NULL },
	{ "GET",  "/cgi-bin/media/get",           API, ROLE_NONE, sim_media_get, NULL },
	{ "GET",  "/cgi-bin/user/info",           API, ROLE_NONE, sim_user_info_get, NULL },
	{ "POST", "/cgi-bin/user/info/updateremark", API, ROLE_NONE, sim_user_remark_post, NULL },
	{ "POST", "/cgi-bin/user/info/batchget",  API, ROLE_NONE, sim_user_batchget_post, NULL },
	{ "GET",  "/cgi-bin/tags/get",            API, ROLE_NONE, sim_tags_get, NULL },
	{ "POST", "/cgi-bin/tags/create",         API, ROLE_NONE, sim_tags_create_post, NULL },
	{ "POST", "/cgi-bin/tags/update",         API, ROLE_NONE, sim_tags_update_post, NULL },
	{ "POST", "/cgi-bin/tags/delete",         API, ROLE_NONE, sim_tags_delete_post, NULL },
	{ "POST", "/cgi-bin/tags/members/batchtagging", API, ROLE_NONE, sim_tags_tagging_post, NULL },
	{ "POST", "/cgi-bin/tags/members/batchuntagging", API, ROLE_NONE, sim_tags_untagging_post, NULL },
	{ "POST", "/cgi-bin/tags/getidlist",      API, ROLE_NONE, sim_tags_idlist_post, NULL },
	{ "POST", "/cgi-bin/user/tag/get",        API, ROLE_NONE, sim_user_tag_post, NULL },
	{ "POST", "/cgi-bin/tags/members/batchblacklist", API, ROLE_NONE, sim_blacklist_add_post, NULL },
	{ "POST", "/cgi-bin/tags/members/batchunblacklist", API, ROLE_NONE, sim_blacklist_remove_post, NULL },
	{ "POST", "/cgi-bin/tags/members/getblacklist", API, ROLE_NONE, sim_blacklist_post, NULL },
	{ "GET",  "/cgi-bin/getcallbackip",       API, ROLE_NONE, sim_callback_ip_get, NULL },
	{ "POST", "/cgi-bin/qrcode/create",       API, ROLE_NONE, sim_qrcode_post, NULL },
	{ "GET",  "/cgi-bin/showqrcode",          API, ROLE_NONE, sim_showqrcode_get, NULL },
	{ "POST", "/cgi-bin/menu/create",         API, ROLE_NONE, sim_menu_create_post, NULL },
	{ "GET",  "/cgi-bin/menu/get",            API, ROLE_NONE, sim_menu_get, NULL },
	{ "GET",  "/cgi-bin/menu/delete",         API, ROLE_NONE, sim_menu_delete_get, NULL },
	{ "POST", "/cgi-bin/menu/addconditional", API, ROLE_NONE, sim_menu_cond_post, NULL },
	{ "POST", "/cgi-bin/menu/delconditional", API, ROLE_NONE, sim_menu_uncond_post, NULL },
	{ "POST", "/cgi-bin/menu/trymatch",       API, ROLE_NONE, sim_menu_trymatch_post, NULL },
	{ "GET",  "/cgi-bin/template/get_all_private_template", API, ROLE_NONE, sim_template_list_get, NULL },
	{ "POST", "/cgi-bin/message/template/send", API, ROLE_NONE, sim_template_send_post, NULL },
	{ "GET",  "/wxaapi/newtmpl/gettemplate",  API, ROLE_NONE, sim_notice_list_get, NULL },
	{ "POST", "/cgi-bin/message/subscribe/bizsend", API, ROLE_NONE, sim_bizsend_post, NULL },
	{ "POST", "/cgi-bin/message/mass/sendall", API, ROLE_NONE, sim_mass_sendall_post, NULL },
	{ "POST", "/cgi-bin/message/mass/send",   API, ROLE_NONE, sim_mass_send_post, NULL },
	{ "POST", "/cgi-bin/message/mass/preview", API, ROLE_NONE, sim_mass_preview_post, NULL },
	{ "POST", "/sim/templates",               API, ROLE_NONE, sim_templates_post, NULL },
	{ "GET",  "/sim/video/{key}",             API, ROLE_NONE, sim_video_get, NULL },
	{ "POST", "/sim/accounts",                API, ROLE_NONE, sim_accounts_post, NULL },
	{ "POST", "/sim/faults",                  API, ROLE_NONE, sim_faults_post, NULL },
	{ "POST", "/sim/dashboard",               API, ROLE_NONE, sim_dashboard_post, NULL },
	{ "GET",  "/sim/received",                API, ROLE_NONE, sim_received_get, NULL },
	{ "GET",  "/phone",                       R_PUBLIC, ROLE_NONE, sim_phone_get, NULL },
	{ "POST", "/phone",                       R_PUBLIC, ROLE_NONE, sim_phone_post, NULL },
};

static const struct app sim_app = {
	.name = "wxsim.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.after = sim_after,
	/* media up to WeChat's 10 MB, plus the form around it */
	.limits = { .body_max = 11 * 1024 * 1024, .field_max = 64 * 1024,
	    .file_max = 11 * 1024 * 1024, .fields_max = 20 },
};

int
main(int argc, char **argv)
{
	return app_main(&sim_app, argc, argv);
}
