/*
 * test_tmpl.c: renders every page template with a hostile string in every
 * value a handler can set, and checks that none of it comes out as markup.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "../../src/wxdesk.h"
#include "tap.h"

#define EVIL "\"><script>alert(1)</script>&amp;'x"

static const char *const names[] = {
	"Page.Title", "Flash", "Code.Name", "Code.State", "Channel.Brand", "Codes.0.Name",
	"Tags.0.Name", "Preview.0.Name", "Follower.Tags.0.Name", "User.Name", "User.Login", "User.Role", "Login.Error",
	"Error.Title", "Error.Message", "Delete.Error", "Disable.Error",
	"Brand.Name", "Brands.0.Name", "Brands.0.Id", "Brands.0.Departments",
	"Departments.0.Name", "Departments.0.Id", "Departments.0.Members",
	"Dept.Name", "Dept.BrandName", "Dept.BrandId", "Dept.Id",
	"Members.0.Name", "Members.0.Login", "Members.0.Role", "Members.0.Id",
	"Candidates.0.Name", "Candidates.0.Login", "Candidates.0.Id",
	"Users.0.Name", "Users.0.Login", "Users.0.Role", "Users.0.Departments", "Users.0.Id",
	"Depts.0.Name", "Depts.0.Brand", "Depts.0.Id", "Op.Name", "Op.Login",
	"Form.name.Value", "Form.name.Error", "Form.login.Value", "Form.login.Error",
	"Form.dept_name.Value", "Form.dept_name.Error", "Form.next.Value",
	"Form.role.Error", "Form.password.Error", "Form.user_id.Error",
	"Stats.Brands", "Stats.Users", "Console.Departments", "Paging.Total",
	"Error.Status",
	"Phone.AppId", "Phone.OpenId", "Phone.SentSince", "Accounts.0.AppId", "Accounts.0.Name",
	"Accounts.0.Mode", "Received.0.Type", "Received.0.Content", "Received.0.MediaId",
	"Received.0.When",
};

static int
count(const char *h, const char *n)
{
	int c = 0;

	for (const char *p = h; (p = strstr(p, n)) != NULL; p++)
		c++;
	return c;
}

/* Renders every page template of dir (under WXDESK_ROOT) twice; returns the count. */
static int
render_dir(const char *dir)
{
	char cfg[] = "/tmp/wxdesk-tmpl-XXXXXX";
	int  fd = mkstemp(cfg);
	FILE *f = fdopen(fd, "w");
	DIR  *d;
	struct dirent *e;
	int  pages = 0;

	fprintf(f, "Templates.Dir = %s/%s\n", getenv("WXDESK_ROOT") ?
	    getenv("WXDESK_ROOT") : ".", dir);
	fprintf(f, "Lang.Dir = %s/lang\n", getenv("WXDESK_ROOT") ? getenv("WXDESK_ROOT") : ".");
	fclose(f);
	CHECK(cfg_load(cfg) == 0, "config");
	unlink(cfg);
	d = opendir(cfg_get("Templates.Dir", "templates"));
	CHECK(d != NULL, "%s directory", dir);
	while (d && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".cs") != 0 ||
		    strcmp(e->d_name, "header.cs") == 0 || strcmp(e->d_name, "footer.cs") == 0 ||
		    strcmp(e->d_name, "macros.cs") == 0)
			continue;
		for (int variant = 0; variant < 2; variant++) {
			struct req  r;
			struct resp rs;
			struct user u = { 7, EVIL, EVIL, ROLE_ADMIN, 0, NULL, "available", 0, 0, 0, 0 };

			memset(&r, 0, sizeof r);
			resp_init(&rs);
			r.path = "/x";
			r.method = "GET";
			r.csrf = EVIL;
			r.flash = EVIL;
			r.user = &u;
			for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
				tmpl_set(&r, names[i], EVIL);
			/* variant 1: the "edit" shape of pages that have one */
			tmpl_set(&r, "Op.Id", variant ? "7" : NULL);
			tmpl_set(&r, "Op.Disabled", variant ? "1" : "0");
			tmpl_set(&r, "Paging.Pages", "3");
			tmpl_set(&r, "Paging.Prev", variant ? EVIL : NULL);
			tmpl_set(&r, "Paging.Next", EVIL);
			CHECK(tmpl_render(&r, &rs, e->d_name) == 0, "%s renders", e->d_name);
			CHECK(strstr(rs.body.data, "<script>alert") == NULL,
			    "%s: raw <script> in output", e->d_name);
			CHECK(strstr(rs.body.data, "\"><") == NULL || count(rs.body.data,
			    "&quot;&gt;&lt;script&gt;") > 0, "%s: attribute escape", e->d_name);
			CHECK(count(rs.body.data, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 2,
			    "%s: hostile text shown escaped", e->d_name);
			CHECK(strstr(rs.body.data, "&amp;amp;") != NULL, "%s: & escaped", e->d_name);
			CHECK(strstr(rs.body.data, "ParseError") == NULL, "%s: no error", e->d_name);
			pages++;
			resp_free(&rs);
			req_free(&r);
		}
	}
	if (d)
		closedir(d);
	return pages;
}

int
main(void)
{
	int pages = render_dir("templates");

	CHECK(pages >= 16, "rendered %d page variants", pages);
	/* the WeChat simulator's phone page */
	CHECK(render_dir("sim/templates") >= 2, "the simulator's page renders");
	return tap_done();
}
