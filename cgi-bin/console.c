/* console.c: the console.fcgi program: the operators' console. */
#include "../src/ui.h"
#include "../src/wx.h"

static const struct route routes[] = {
	{ "GET",  "/console/",                  0, ROLE_OPERATOR, console_home_get, NULL },
	{ "GET",  "/console/poll",              R_JSON | R_MARK, ROLE_OPERATOR, console_poll_get, NULL },
	{ "GET",  "/console/chats/{id}",        0, ROLE_OPERATOR, console_chat_get, NULL },
	{ "POST", "/console/chats/{id}/pickup", 0, ROLE_OPERATOR, console_pickup_post, NULL },
	{ "POST", "/console/chats/{id}/send",   R_UPLOAD, ROLE_OPERATOR, console_send_post, NULL },
	{ "POST", "/console/chats/{id}/held/{id}", 0, ROLE_OPERATOR, console_held_post, NULL },
	{ "POST", "/console/chats/{id}/held/{id}/cancel", 0, ROLE_OPERATOR, console_held_cancel_post, NULL },
	{ "GET",  "/console/chats/{id}/notice/{id}", 0, ROLE_OPERATOR, console_notice_get, NULL },
	{ "POST", "/console/chats/{id}/notice/{id}", 0, ROLE_OPERATOR, console_notice_post, NULL },
	{ "POST", "/console/chats/{id}/retry",  0, ROLE_OPERATOR, console_retry_post, NULL },
	{ "POST", "/console/chats/{id}/close",  0, ROLE_OPERATOR, console_close_post, NULL },
	{ "POST", "/console/chats/{id}/reopen", 0, ROLE_OPERATOR, console_reopen_post, NULL },
	{ "POST", "/console/chats/{id}/transfer", 0, ROLE_OPERATOR, console_transfer_post, NULL },
	{ "POST", "/console/chats/{id}/alias",  0, ROLE_OPERATOR, console_alias_post, NULL },
	{ "POST", "/console/chats/{id}/tags",   0, ROLE_OPERATOR, console_chat_tags_post, NULL },
	{ "POST", "/console/chats/{id}/block",  0, ROLE_OPERATOR, console_chat_block_post, "follower.block" },
	{ "POST", "/console/chats/{id}/menu",   0, ROLE_OPERATOR, console_chat_menu_post, NULL },
	{ "POST", "/console/chats/{id}/note",   0, ROLE_OPERATOR, console_note_post, NULL },
	{ "GET",  "/console/next",              0, ROLE_OPERATOR, console_next_get, NULL },
	{ "POST", "/console/chats/{id}/decline", 0, ROLE_OPERATOR, console_decline_post, NULL },
	{ "POST", "/console/presence",          0, ROLE_OPERATOR, console_presence_post, NULL },
	{ "POST", "/console/heartbeat",         R_JSON, ROLE_OPERATOR, console_heartbeat_post, NULL },
	{ "GET",  "/console/broadcasts",        0, ROLE_SUPERVISOR, console_broadcasts_get, NULL },
	{ "POST", "/console/broadcasts",        0, ROLE_SUPERVISOR, console_broadcast_post, "broadcast.send" },
	{ "POST", "/console/broadcasts/preview", 0, ROLE_SUPERVISOR, console_broadcast_preview_post, "broadcast.preview" },
	{ "POST", "/console/broadcasts/{id}/cancel", 0, ROLE_SUPERVISOR, console_broadcast_cancel_post, "broadcast.cancel" },
	{ "GET",  "/console/board",             0, ROLE_SUPERVISOR, console_board_get, NULL },
	{ "GET",  "/console/kb",                0, ROLE_SUPERVISOR, console_kb_brands_get, NULL },
	{ "GET",  "/console/kb/{id}",           0, ROLE_SUPERVISOR, console_kb_get, NULL },
	{ "GET",  "/console/kb/{id}/export",    0, ROLE_SUPERVISOR, console_kb_export_get, NULL },
	{ "POST", "/console/kb/{id}/import",    R_UPLOAD, ROLE_SUPERVISOR, console_kb_import_post, "kb.import" },
	{ "POST", "/console/kb/{id}/settings",  0, ROLE_SUPERVISOR, console_kb_settings_post, "kb.settings" },
	{ "POST", "/console/kb/{id}/test",      0, ROLE_SUPERVISOR, console_kb_test_post, NULL },
	{ "POST", "/console/kb/{id}/articles",  R_UPLOAD, ROLE_SUPERVISOR, console_kb_article_post, "kb.create" },
	{ "GET",  "/console/kb/{id}/articles/{id}", 0, ROLE_SUPERVISOR, console_kb_article_get, NULL },
	{ "GET",  "/console/kb/{id}/articles/{id}/picture", 0, ROLE_SUPERVISOR, console_kb_picture_get, NULL },
	{ "POST", "/console/kb/{id}/articles/{id}", R_UPLOAD, ROLE_SUPERVISOR, console_kb_article_edit_post, "kb.edit" },
	{ "POST", "/console/kb/{id}/articles/{id}/delete", 0, ROLE_SUPERVISOR, console_kb_article_delete_post, "kb.delete" },
	{ "POST", "/console/chats/{id}/typing", R_JSON, ROLE_OPERATOR, console_typing_post, NULL },
	{ "POST", "/console/chats/{id}/suggestions/pick", R_JSON, ROLE_OPERATOR, console_suggestion_pick_post, NULL },
	{ "GET",  "/console/media/{id}",        0, ROLE_OPERATOR, console_media_get, NULL },
	{ "GET",  "/console/followers",         0, ROLE_OPERATOR, console_followers_get, NULL },
	{ "GET",  "/console/followers/{id}",    0, ROLE_OPERATOR, console_follower_get, NULL },
	{ "GET",  "/console/followers/tags",    0, ROLE_SUPERVISOR, console_tags_get, NULL },
	{ "POST", "/console/followers/tags",    0, ROLE_SUPERVISOR, console_tags_post, "tags.create" },
	{ "POST", "/console/followers/tags/{id}", 0, ROLE_SUPERVISOR, console_tag_post, "tags.rename" },
	{ "POST", "/console/followers/tags/{id}/delete", 0, ROLE_SUPERVISOR, console_tag_delete_post, "tags.delete" },
	{ "POST", "/console/followers/{id}/name", 0, ROLE_OPERATOR, console_follower_name_post, NULL },
	{ "POST", "/console/followers/{id}/tags", 0, ROLE_OPERATOR, console_follower_tags_post, NULL },
	{ "POST", "/console/followers/{id}/block", 0, ROLE_OPERATOR, console_follower_block_post, "follower.block" },
	{ "POST", "/console/followers/{id}/menu", 0, ROLE_OPERATOR, console_follower_menu_post, NULL },
};

static const struct app console_app = {
	.name = "console.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.limits = { .body_max = 64 * 1024, .field_max = 16 * 1024,
	    .file_max = 16 * 1024, .fields_max = 100 },
	/* a reply: text, and a file up to WeChat's largest limit (10 MB) */
	.upload_limits = { .body_max = WX_UPLOAD_MAX + 64 * 1024, .field_max = 16 * 1024,
	    .file_max = WX_UPLOAD_MAX, .fields_max = 10 },
};

int
main(int argc, char **argv)
{
	return app_main(&console_app, argc, argv);
}
