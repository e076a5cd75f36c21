/* console.c: the console.fcgi program: the operators' console. */
#include "../src/ui.h"

static const struct route routes[] = {
	{ "GET", "/console/", 0, ROLE_OPERATOR, console_home_get },
};

static const struct app console_app = {
	.name = "console.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.limits = { .body_max = 64 * 1024, .field_max = 16 * 1024,
	    .file_max = 16 * 1024, .fields_max = 100 },
};

int
main(int argc, char **argv)
{
	return app_main(&console_app, argc, argv);
}
