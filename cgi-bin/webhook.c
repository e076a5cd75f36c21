/* webhook.c: the webhook.fcgi program: WeChat's verification and pushes at /wechat/<key> */
#include "../src/webhook.h"
#include "../src/wx.h"

static const struct route routes[] = {
	{ "GET",  "/wechat/{key}", R_SIGNED, ROLE_NONE, webhook_channel_get, NULL },
	{ "POST", "/wechat/{key}", R_SIGNED, ROLE_NONE, webhook_channel_post, NULL },
};

static const struct app webhook_app = {
	.name = "webhook.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	/* a push is small XML; anything larger is refused before it is read */
	.limits = { .body_max = WX_XML_MAX, .field_max = 0, .file_max = 0, .fields_max = 0 },
};

int
main(int argc, char **argv)
{
	return app_main(&webhook_app, argc, argv);
}
