/* ui-common.c: helpers every page uses: database failure page, not found, paging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "media.h"
#include "wx.h"
#include "ui.h"
#include "console.h"
#include "job.h"

void
ui_db_failed(struct req *r, struct resp *rs)
{
	/* the log says which page, and the database's last word */
	wx_log("%s %s: the database failed (%s); answered 503", r->method ? r->method : "?",
	    r->path ? r->path : "?", db_error());
	db_rollback();
	page_error(r, rs, 503, 0, L(r, "error.db_not_saved"));
}

void
ui_not_found(struct req *r, struct resp *rs, const char *what)
{
	page_error(r, rs, 404, 0, L(r, pool_printf(&r->pool, "missing.%s", what)));
}

/*
 * After loading the row a page is about: 1 when rc is DB_OK; otherwise the
 * response is already the 404 ("that <what> does not exist") or 503 page.
 */
int
ui_found(struct req *r, struct resp *rs, int rc, const char *what)
{
	if (rc == DB_OK)
		return 1;
	if (rc == DB_NOTFOUND)
		ui_not_found(r, rs, what);
	else
		ui_db_failed(r, rs);
	return 0;
}

void
ui_send_file(struct req *r, struct resp *rs, const char *path, const char *mime,
    const char *what)
{
	const char *dir = cfg_get("Media.Dir", "var/media");
	FILE       *f;
	char        chunk[65536];
	size_t      n;

	if (strncmp(path, dir, strlen(dir)) != 0 || strstr(path, "..") != NULL ||
	    (f = fopen(path, "rb")) == NULL) {
		ui_not_found(r, rs, what);
		return;
	}
	rs->status = 200;
	rs->ctype = mime;
	buf_reset(&rs->body);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&rs->body, chunk, n);
	fclose(f);
	resp_header(rs, "Cache-Control", "private, max-age=86400");
}

void
ui_send_picture(struct req *r, struct resp *rs, long long attachment, const char *what)
{
	struct attachment_file a;

	if (ui_found(r, rs, attachment > 0 ? db_attachment_file(&r->pool, attachment, &a) :
	    DB_NOTFOUND, what))
		ui_send_file(r, rs, media_file(&r->pool, a.path), a.mime, what);
}

int
ui_wrote(int rc)
{
	return rc == DB_NOTFOUND ? DB_FAIL : rc;
}

/*
 * Where a change ends (ui.h): st DB_OK says msg (the flash, if any) and goes to;
 * UI_SHOWN has answered already; DB_NOTFOUND is the 404 ("that <what> does
 * not exist"), anything else the 503 page. UI_REFUSED is the page's own
 * (its form again); one that reaches here is answered 422 in words.
 */
void
ui_saved(struct req *r, struct resp *rs, int st, const char *what, const char *msg,
    const char *to)
{
	if (st == UI_SHOWN)
		return;
	if (st == UI_REFUSED) {
		page_error(r, rs, 422, 0, L(r, "error.refused"));
		return;
	}
	if (!ui_found(r, rs, st, what))
		return;
	if (msg != NULL)	/* (a change that goes back without a word) */
		flash_set(r, msg);
	resp_redirect(rs, to);
}

/* A stored time for a page, as the reader writes times, or NULL for none. */
const char *
ui_time(struct req *r, long long t)
{
	if (t <= 0)
		return NULL;
	return lang_time(r, (time_t)t);
}

/* A stored time as a <time datetime>: UTC, ISO 8601; NULL for none. */
const char *
ui_iso(struct req *r, long long t)
{
	time_t    tt = (time_t)t;
	struct tm tm;
	char      buf[32];

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return pool_strdup(&r->pool, buf);
}

/* The 1-based page number from ?page=, clamped to 1..100000. */
long long
ui_page(struct req *r)
{
	const char *p = req_arg(r, "page");
	long long   n = p ? strtoll(p, NULL, 10) : 1;

	return n < 1 ? 1 : n > 100000 ? 100000 : n;
}

void
ui_paging(struct req *r, long long page, long long per, long long total)
{
	long long pages = total <= 0 ? 1 : (total + per - 1) / per;

	tmpl_set_int(r, "Paging.Page", page);
	tmpl_set_int(r, "Paging.Pages", pages);
	tmpl_set_int(r, "Paging.Total", total);
	if (page > 1)
		tmpl_set_int(r, "Paging.Prev", page - 1);
	if (page < pages)
		tmpl_set_int(r, "Paging.Next", page + 1);
	tmpl_set(r, "Paging.Text", LF(r, "paging.text", page, pages, total));
}

int
ui_keep_picture(struct req *r, const char *field, const struct kv *file, const char *why,
    struct ui_file *out)
{
	const char *kind = media_sniff(file->val, file->vlen);

	if (kind == NULL || (strcmp(kind, "jpeg") != 0 && strcmp(kind, "png") != 0)) {
		memset(out, 0, sizeof *out);
		form_error(r, field, L(r, why));
		return -1;
	}
	return ui_keep_file(r, field, file, out);
}

/*
 * A file for WeChat (an operator's attachment, a canned response's): its
 * content checked against the reference's types and limits, then kept
 * under Media.Dir and recorded in attachments. 0 and *out filled, or -1
 * with the reason beside the field.
 */
int
ui_keep_file(struct req *r, const char *field, const struct kv *file, struct ui_file *out)
{
	const char  *kind = media_sniff(file->val, file->vlen), *sha;
	size_t       max = 0;

	memset(out, 0, sizeof *out);
	out->type = media_sendable(kind, &max);
	if (out->type == NULL) {
		form_error(r, field, LF(r, "file.kind", (int)(WX_IMAGE_MAX >> 20),
		    (int)(WX_VOICE_MAX >> 20), (int)(WX_VIDEO_MAX >> 20)));
		return -1;
	}
	if (file->vlen > max) {
		form_error(r, field, LF(r, strcmp(out->type, "image") == 0 ? "file.image_max" :
		    strcmp(out->type, "voice") == 0 ? "file.voice_max" : "file.video_max",
		    max >> 20, (double)file->vlen / (1024 * 1024)));
		return -1;
	}
	out->mime = media_mime(kind);
	sha = sha256_hex(&r->pool, file->val, file->vlen);
	if ((out->path = media_store(&r->pool, sha, out->mime, file->val, file->vlen)) != NULL)
		media_make_playable(&r->pool, out->path, out->mime);	/* AMR: for the transcript */
	if (out->path == NULL ||
	    db_attachment_insert(&r->pool, sha, out->mime, (long long)file->vlen,
	    media_rel(&r->pool, out->path),
	    wx_now(), &out->attachment) != DB_OK) {
		form_error(r, field, L(r, "file.not_kept"));
		return -1;
	}
	out->name = file->filename && *file->filename ? file->filename : NULL;
	return 0;
}

/* A YYYY-MM-DD date as the Unix time of its start (UTC), or def. */
long long
ui_day(const char *v, long long def)
{
	struct tm tm;
	int       y, m, d;
	char      extra;

	if (v == NULL || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
	    y < 2000 || m < 1 || m > 12 || d < 1 || d > 31)
		return def;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return (long long)timegm(&tm);
}

/*
 * A chat's close reason in words: a label for reports ("Idle timeout"), or
 * the phrase the console puts after "closed:" ("nobody wrote for the idle
 * limit"). An unknown code is shown as it is.
 */
const char *
ui_close_reason(struct req *r, const char *code, int label)
{
	static const char *const codes[] = { "missed_timeout", "idle_timeout",
	    "window_expired", "profanity", "unfollowed", "operator", "transfer", "followup_expired",
	    "blocked" };

	for (size_t i = 0; code && i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(code, codes[i]) == 0)
			return L(r, pool_printf(&r->pool, "%s.%s", label ? "reason_label" :
			    "reason", code));
	return code;
}

/* A WeChat errcode (or -2: not reached, -3: file missing) in the reader's words. */
const char *
ui_errtext(struct req *r, long e)
{
	static const long known[] = { -3, -2, -1, 40001, 40003, 40007, 40013, 40014, 40037,
	    40039, 40125, 40032, 40092, 40097, 40164, 40166, 41001, 42001, 43004, 43101, 45002,
	    45009, 45015, 45028, 45029, 45047, 45065, 40130, 45056, 45057, 45058, 45059, 45157, 45158, 45159, 46003,
	    47003, 48001, 49003, 65301, 65303, 65304 };

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i] == e)
			return L(r, pool_printf(&r->pool, "errcode.%s%ld", e < 0 ? "m" : "",
			    e < 0 ? -e : e));
	return LF(r, "errcode.other", e);
}

/* WeChat's code for something (a language, a scene) in words, when the
 * catalogue knows it (group.<code>); else the code as WeChat sent it */
const char *
ui_known(struct req *r, const char *group, const char *code)
{
	const char *key;

	if (code == NULL || *code == '\0' || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz_") != strlen(code))
		return code;
	key = pool_printf(&r->pool, "%s.%s", group, code);
	return lang_has(r->lang, key) ? L(r, key) : code;
}

/* a query argument, or "" when the request has none */
const char *
ui_arg(struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v ? v : "";
}
