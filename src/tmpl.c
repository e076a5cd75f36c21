/*
 * tmpl.c: ClearSilver rendering. Handlers only fill the request's HDF tree;
 * templates turn it into HTML. Every var: is HTML-escaped because
 * Config.VarEscapeMode is set before cs_init() (0.10.5 reads it only there).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <ClearSilver.h>

#include "db.h"
#include "help.h"
#include "wx.h"
#include "json.h"

void
req_hdf_init(struct req *r)
{
	if (r->hdf != NULL)
		return;
	if (hdf_init(&r->hdf) != STATUS_OK)
		abort();
	hdf_set_value(r->hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(r->hdf, "hdf.loadpaths.0", cfg_get("Templates.Dir", "templates"));
	/* WeChat's attachment limits, for every page that names them (wx.h) */
	hdf_set_int_value(r->hdf, "WeChat.ImageMB", (int)(WX_IMAGE_MAX >> 20));
	hdf_set_int_value(r->hdf, "WeChat.VoiceMB", (int)(WX_VOICE_MAX >> 20));
	hdf_set_int_value(r->hdf, "WeChat.VideoMB", (int)(WX_VIDEO_MAX >> 20));
}

void
tmpl_set(struct req *r, const char *name, const char *value)
{
	NEOERR *err;

	req_hdf_init(r);
	if (value == NULL)
		return;
	if ((err = hdf_set_value(r->hdf, name, value)) != STATUS_OK)
		nerr_ignore(&err);
}

void
tmpl_setf(struct req *r, const char *name, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list    ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	tmpl_set(r, name, b.data ? b.data : "");
	buf_free(&b);
}

/*
 * A catalogue text with *bold* parts, as segments the rich() macro draws:
 * name.N.T is the text, name.N.B is set on a bold one. Translations keep
 * their own word order and spacing around the bold parts.
 */
void
tmpl_rich(struct req *r, const char *name, const char *text)
{
	int n = 0, bold = 0;

	for (const char *s = text; s && *s; ) {
		size_t len = strcspn(s, "*");
		if (len) {
			tmpl_set(r, pool_printf(&r->pool, "%s.%d.T", name, n),
			    pool_strndup(&r->pool, s, len));
			if (bold)
				tmpl_set(r, pool_printf(&r->pool, "%s.%d.B", name, n), "1");
			n++;
		}
		s += len;
		if (*s == '*') {
			bold = !bold;
			s++;
		}
	}
}

void
tmpl_set_int(struct req *r, const char *name, long long v)
{
	tmpl_setf(r, name, "%lld", v);
}

static NEOERR *
render_cb(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

static void
log_nerr(const char *what, const char *file, NEOERR *err)
{
	STRING s;

	string_init(&s);
	nerr_error_string(err, &s);
	wx_log("template %s %s: %s", file, what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

/*
 * Renders templates/<file> with the request's HDF into rs->body. Returns 0;
 * on a template error the body becomes a plain 500 page and -1 is returned.
 */
int
tmpl_render(struct req *r, struct resp *rs, const char *file)
{
	CSPARSE *cs = NULL;
	NEOERR  *err;
	int      rc = -1;

	req_hdf_init(r);
	tmpl_set(r, "App.Name", "wxdesk");
	tmpl_set(r, "Page.Lang", lang_code(r->lang));
	tmpl_set(r, "Page.ScriptText", lang_script_text(r));
	tmpl_set(r, "Page.FileLimits", LF(r, "files.limits", (int)(WX_IMAGE_MAX >> 20),
	    (int)(WX_VOICE_MAX >> 20), (int)(WX_VIDEO_MAX >> 20)));
	for (int l = 0; l < LANG__N; l++) {
		tmpl_set(r, pool_printf(&r->pool, "Langs.%d.Code", l), lang_code((enum lang)l));
		tmpl_set(r, pool_printf(&r->pool, "Langs.%d.Name", l), lang_name((enum lang)l));
	}
	tmpl_set(r, "CSRF", r->csrf);
	tmpl_set(r, "Request.Path", r->path);
	tmpl_set(r, "Page.Help", help_link(&r->pool, r->path));
	if (r->flash)
		tmpl_set(r, "Flash", r->flash);
	if (r->user) {
		tmpl_set_int(r, "User.Id", r->user->id);
		tmpl_set(r, "User.Name", r->user->name);
		tmpl_set(r, "User.Login", r->user->login);
		tmpl_set(r, "User.Role", role_name(r->user->role));
		tmpl_set_int(r, "User.IsAdmin", r->user->role >= ROLE_ADMIN);
		tmpl_set_int(r, "User.SeesAll", r->user->role >= ROLE_SUPERVISOR);
		tmpl_set(r, "User.Presence", r->user->presence);
	}
	buf_reset(&rs->body);
	if ((err = cs_init(&cs, r->hdf)) != STATUS_OK) {
		log_nerr("init", file, err);
		goto out;
	}
	cs->global_hdf = lang_page_data(r->lang);	/* Lang.*: see lang_page_data */
	if ((err = cgi_register_strfuncs(cs)) != STATUS_OK) {
		log_nerr("strfuncs", file, err);
		goto out;
	}
	if ((err = cs_parse_file(cs, file)) != STATUS_OK) {
		log_nerr("parse", file, err);
		goto out;
	}
	if ((err = cs_render(cs, &rs->body, render_cb)) != STATUS_OK) {
		log_nerr("render", file, err);
		goto out;
	}
	rc = 0;
out:
	cs_destroy(&cs);
	if (rc != 0)
		resp_text(rs, 500, "The page could not be drawn. The error has been logged.");
	return rc;
}

/*
 * Declared rows (DB_ROW) into prefix.<row>.<Name>: each field by its name
 * with its words capitalised (last_in: LastIn), a number as digits, text
 * as it is (NULL left out). Every field is written: a row that holds a
 * secret is never given to this.
 */
void
tmpl_list(struct req *r, const char *prefix, const void *rows, size_t n,
    const char *const *cols, const char *kinds)
{
	size_t nf = strlen(kinds);
	char   key[256], name[64];

	req_hdf_init(r);
	for (size_t c = 0; c < nf && cols[c] != NULL; c++) {
		size_t k = 0;
		for (const char *s = cols[c]; *s && k + 1 < sizeof name; s++)
			if (*s != '_')
				name[k++] = s == cols[c] || s[-1] == '_' ? (char)toupper((unsigned char)*s) : *s;
		name[k] = '\0';
		for (size_t i = 0; i < n; i++) {
			const char *at = (const char *)rows + (i * nf + c) * 8;
			snprintf(key, sizeof key, "%s.%zu.%s", prefix, i, name);
			if (kinds[c] == 'i') {
				long long v;
				memcpy(&v, at, sizeof v);
				tmpl_set_int(r, key, v);
			} else {
				const char *v;
				memcpy(&v, at, sizeof v);
				if (v != NULL)
					hdf_set_value(r->hdf, key, v);
			}
		}
	}
}
