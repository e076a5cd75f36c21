/* ui-common.c: helpers every page uses: database failure page, not found, paging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "media.h"
#include "ui.h"

void
ui_db_failed(struct req *r, struct resp *rs)
{
	db_rollback();
	page_error(r, rs, 503, 0, "The database is not reachable right now, so the "
	    "change was not saved. What you entered is still in the form: go back "
	    "and submit it again in a moment.");
}

void
ui_not_found(struct req *r, struct resp *rs, const char *what)
{
	page_error(r, rs, 404, 0, pool_printf(&r->pool, "That %s does not exist "
	    "(it may have been deleted).", what));
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

/* A stored time for a page, as the reader writes times, or NULL for none. */
const char *
ui_time(struct req *r, long long t)
{
	if (t <= 0)
		return NULL;
	return lang_time(r, (time_t)t);
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

static const char *
megabytes(struct pool *p, size_t n)
{
	return pool_printf(p, "%.1f MB", (double)n / (1024 * 1024));
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
		form_error(r, field, "WeChat cannot take this kind of file. Send a picture "
		    "(JPEG or PNG, up to 10 MB), audio (MP3 or AMR, up to 2 MB) or a video "
		    "(MP4, up to 10 MB).");
		return -1;
	}
	if (file->vlen > max) {
		form_error(r, field, pool_printf(&r->pool, "%s can be at most %zu MB in WeChat; "
		    "this file is %s.", strcmp(out->type, "image") == 0 ? "Pictures" :
		    strcmp(out->type, "voice") == 0 ? "Audio files" : "Videos", max >> 20,
		    megabytes(&r->pool, file->vlen)));
		return -1;
	}
	out->mime = media_mime(kind);
	sha = sha256_hex(&r->pool, file->val, file->vlen);
	if ((out->path = media_store(&r->pool, sha, out->mime, file->val, file->vlen)) == NULL ||
	    db_attachment_insert(&r->pool, sha, out->mime, (long long)file->vlen, out->path,
	    wx_now(), &out->attachment) != DB_OK) {
		form_error(r, field, "The file could not be kept on the server; try again.");
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
ui_close_reason(const char *code, int label)
{
	static const char *const reasons[][3] = {
		{ "missed_timeout", "Missed, then timed out", "no operator answered in time" },
		{ "idle_timeout", "Idle timeout", "nobody wrote for the idle limit" },
		{ "window_expired", "48-hour window expired",
		  "48 hours passed; the follower's next message opened a new chat" },
		{ "profanity", "Profanity limit", "the abusive-word limit was reached" },
		{ "unfollowed", "Follower unfollowed", "the follower unfollowed the account" },
		{ "operator", "Closed by an operator", "closed by an operator" },
		{ "transfer", "Transferred", "transferred" },
	};

	for (size_t i = 0; code && i < sizeof reasons / sizeof reasons[0]; i++)
		if (strcmp(code, reasons[i][0]) == 0)
			return reasons[i][label ? 1 : 2];
	return code;
}
