/* api.c: the api.fcgi program: the REST API at /api/v1/ (src/api.h), each
 * route with the token scope it needs; static/openapi.json documents them
 * (tests/e2e/43-api.sh holds the two to each other). */
#include "../src/api.h"
#include "../src/wx.h"

#define API R_API | R_JSON
static const struct route routes[] = {
	{ "GET",  "/api/v1/me",                 API, ROLE_NONE, api_me_get, NULL },
	{ "GET",  "/api/v1/brands",             API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_brands_get, NULL },
	{ "GET",  "/api/v1/departments",        API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_departments_get, NULL },
	{ "GET",  "/api/v1/staff",              API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_staff_get, NULL },
	{ "GET",  "/api/v1/channels",           API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_channels_get, NULL },
	{ "GET",  "/api/v1/channels/{id}",      API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_channels_get, NULL },
	{ "POST", "/api/v1/channels/{id}/payments", API | R_SCOPE(SC_PAYMENTS), ROLE_NONE, api_payment_post, NULL },
	{ "GET",  "/api/v1/canned",             API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_canned_get, NULL },
	{ "GET",  "/api/v1/chats",              API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_chats_get, NULL },
	{ "GET",  "/api/v1/chats/{id}",         API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_chat_get, NULL },
	{ "GET",  "/api/v1/chats/{id}/messages", API | R_SCOPE(SC_CHATS_READ), ROLE_NONE, api_chat_messages_get, NULL },
	{ "POST", "/api/v1/chats/{id}/messages", API | R_UPLOAD | R_SCOPE(SC_MESSAGES_WRITE), ROLE_NONE, api_chat_send_post, NULL },
	{ "POST", "/api/v1/chats/{id}/assign",  API | R_SCOPE(SC_MESSAGES_WRITE), ROLE_NONE, api_chat_assign_post, NULL },
	{ "POST", "/api/v1/chats/{id}/transfer", API | R_SCOPE(SC_MESSAGES_WRITE), ROLE_NONE, api_chat_transfer_post, NULL },
	{ "POST", "/api/v1/chats/{id}/close",   API | R_SCOPE(SC_MESSAGES_WRITE), ROLE_NONE, api_chat_close_post, NULL },
	{ "POST", "/api/v1/chats/{id}/notes",   API | R_SCOPE(SC_MESSAGES_WRITE), ROLE_NONE, api_chat_note_post, NULL },
	{ "GET",  "/api/v1/followers",          API | R_SCOPE(SC_FOLLOWERS), ROLE_NONE, api_followers_get, NULL },
	{ "GET",  "/api/v1/followers/{id}",     API | R_SCOPE(SC_FOLLOWERS), ROLE_NONE, api_follower_get, NULL },
	{ "POST", "/api/v1/followers/{id}/remark", API | R_SCOPE(SC_FOLLOWERS), ROLE_NONE, api_follower_remark_post, NULL },
	{ "POST", "/api/v1/followers/{id}/tags", API | R_SCOPE(SC_FOLLOWERS), ROLE_NONE, api_follower_tags_post, NULL },
	{ "GET",  "/api/v1/reports/overview",   API | R_SCOPE(SC_REPORTS), ROLE_NONE, api_report_overview_get, NULL },
	{ "GET",  "/api/v1/webhooks",           API | R_SCOPE(SC_ADMIN), ROLE_NONE, api_hooks_get, NULL },
	{ "GET",  "/api/v1/webhooks/{id}/deliveries", API | R_SCOPE(SC_ADMIN), ROLE_NONE, api_hook_deliveries_get, NULL },
};

static const struct app api_app = {
	.name = "api.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.limits = { .body_max = 256 * 1024, .field_max = 16 * 1024,
	    .file_max = 16 * 1024, .fields_max = 100 },
	/* a message with a file: WeChat's largest limit (10 MB) */
	.upload_limits = { .body_max = WX_UPLOAD_MAX + 64 * 1024, .field_max = 16 * 1024,
	    .file_max = WX_UPLOAD_MAX, .fields_max = 10 },
	.handle = api_handle,
};

int
main(int argc, char **argv)
{
	return app_main(&api_app, argc, argv);
}
