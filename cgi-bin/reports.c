/* reports.c: the reports.fcgi program: chat reports, their charts and CSV. */
#include "../src/ui.h"

/* operators reach only their own figures (ui-reports.c forces the filter) */
static const struct route routes[] = {
	{ "GET", "/reports/",            0, ROLE_OPERATOR,   reports_overview_get, NULL },
	{ "GET", "/reports/days",        0, ROLE_OPERATOR,   reports_days_get, NULL },
	{ "GET", "/reports/hours",       0, ROLE_OPERATOR,   reports_hours_get, NULL },
	{ "GET", "/reports/operators",   0, ROLE_OPERATOR,   reports_operators_get, NULL },
	{ "GET", "/reports/departments", 0, ROLE_SUPERVISOR, reports_departments_get, NULL },
	{ "GET", "/reports/followers",   0, ROLE_SUPERVISOR, reports_followers_get, NULL },
	{ "GET", "/reports/qr",          0, ROLE_SUPERVISOR, reports_qr_get, NULL },
	{ "GET", "/reports/presence",    0, ROLE_OPERATOR,   reports_presence_get, NULL },
	{ "GET", "/reports/csat",        0, ROLE_OPERATOR,   reports_csat_get, NULL },
};

static const struct app reports_app = {
	.name = "reports.fcgi",
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.limits = { .body_max = 16 * 1024, .field_max = 4 * 1024,
	    .file_max = 1024, .fields_max = 50 },
};

int
main(int argc, char **argv)
{
	return app_main(&reports_app, argc, argv);
}
