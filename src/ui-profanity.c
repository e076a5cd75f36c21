/*
 * ui-profanity.c: Admin → Brands → brand → Flow controls → Profanity
 * management: on/off, the limit of abusive words per chat, an optional
 * warning, and the word list (add, remove, import a CSV or text file,
 * export as CSV).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "profanity.h"
#include "ui.h"
#include "staff.h"
#include "console.h"

static void
page(struct req *r, struct resp *rs, int status)
{
	struct brand_get b;
	struct prof_words *w = NULL;
	size_t w_n = 0;
	struct prof_settings_get *s = NULL;
	size_t s_n = 0;

	if (!ui_found(r, rs, db_brand_get(&r->pool, r->ids[0], &b), "brand"))
		return;
	if (db_prof_settings_get(&r->pool, r->ids[0], &s, &s_n) != DB_OK ||
	    db_prof_words(&r->pool, r->ids[0], &w, &w_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Brand.Id", b.id);
	tmpl_set(r, "Brand.Name", b.name);
	if (form_kept(r, "limit") == NULL) {
		/* columns: enabled limit warning; defaults until first saved */
		tmpl_set(r, "Form.enabled.Value", s_n && s[0].enabled ? "1" : NULL);
		tmpl_set_int(r, "Form.limit.Value", s_n ? s[0].word_limit : 3);
		/* a brand that never saved its settings starts from the default
		 * warning, in the language its followers get */
		tmpl_set(r, "Form.warning.Value", s_n ? s[0].warning :
		    lang_text((enum lang)(lang_parse(b.follower_language) < 0 ?
		    LANG_ZH : lang_parse(b.follower_language)),
		    "follower.profanity_warning"));
	}
	TMPL_LIST(r, "Words", w, w_n, prof_words);
	tmpl_set_int(r, "WordCount", (long long)w_n);
	tmpl_set(r, "Page.Title", LF(r, "prof.title", b.name));
	tmpl_set(r, "Nav", "brands");
	tmpl_render(r, rs, "profanity.cs");
	if (rs->status == 200)
		rs->status = status;
}

/* a change on this page, and how it ends */
struct change {
	const char *msg;	/* the flash when saved */
	int         status;	/* a refusal's (0: 422) */
};

/* the one answer of every change here (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	if (st == UI_REFUSED)
		page(r, rs, x->status ? x->status : 422);
	else
		ui_saved(r, rs, st, "brand", x->msg,
		    pool_printf(&r->pool, "/admin/brands/%lld/profanity", r->ids[0]));
}

/* the brand r->ids[0] is there, its form trimmed: a dbrc */
static int
brand_of(struct req *r)
{
	struct brand_get b;
	int              rc = db_brand_get(&r->pool, r->ids[0], &b);

	if (rc == DB_OK)
		form_trim(r);
	return rc;
}

void
admin_profanity_get(struct req *r, struct resp *rs)
{
	page(r, rs, 200);
}

static const char *
v_word_limit(const char *v)
{
	return form_int_in(v, 1, 100) ? NULL : "prof.limit_range";
}

static const char *
v_warning(const char *v)
{
	return !utf8_valid(v, strlen(v)) || utf8_chars(v) > 600 ? "prof.warning_max" : NULL;
}

static const char *
v_prof_word(const char *v)
{
	return profanity_word_ok(v) ? NULL : "prof.word_bad";
}

static const struct field settings_fields[] = {
	{ "enabled", "prof.enabled", 0, v_flag },
	{ "limit", "prof.limit", F_CHECKED, v_word_limit },
	{ "warning", "prof.warning", 0, v_warning },
};
static const struct field word_fields[] = {
	{ "word", "prof.add_word", F_CHECKED, v_prof_word },
};

/* on or off, the limit and the warning */
static int
settings_save(struct req *r, struct change *x)
{
	const char *v[3];
	long long   limit;
	int         on, rc;

	if ((rc = brand_of(r)) != DB_OK)
		return rc;
	if (FORM_READ(r, settings_fields, v))
		return UI_REFUSED;
	on = form_on(v[0]), limit = strtoll(v[1], NULL, 10);
	x->msg = on ? LF(r, limit == 1 ? "prof.on_1" : "prof.on", limit) : L(r, "prof.off");
	return db_prof_settings_set(&r->pool, r->ids[0], on, limit, v[2]);
}

void
admin_profanity_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, settings_save(r, &x), &x);
}

static int
word_add(struct req *r, struct change *x)
{
	const char *word;
	int         rc;

	if ((rc = brand_of(r)) != DB_OK)
		return rc;
	if (FORM_READ(r, word_fields, &word)) {
		form_error(r, "word", L(r, "prof.word_bad"));
		return UI_REFUSED;
	}
	rc = db_prof_word_add(&r->pool, r->ids[0], word);
	if (rc == DB_CONFLICT) {
		form_error(r, "word", L(r, "prof.word_dup"));
		x->status = 409;
		return UI_REFUSED;
	}
	x->msg = LF(r, "prof.word_added", word);
	return rc;
}

void
admin_profanity_word_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, word_add(r, &x), &x);
}

void
admin_profanity_word_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { L(r, "prof.word_removed"), 0 };
	int           rc = db_prof_word_delete(&r->pool, r->ids[1], r->ids[0]);

	/* (a word already gone was answered as a failure before, and still is) */
	end(r, rs, ui_wrote(rc), &x);
}

/*
 * A CSV (the first column) or a text file (one word a line). Good lines are
 * added; bad ones are reported by line number.
 */
static int
words_import(struct req *r, struct change *x)
{
	const struct kv *file = req_file(r, "file");
	struct buf       report = { 0 };
	int              added = 0, dup = 0, bad = 0, line = 0, rc;

	if ((rc = brand_of(r)) != DB_OK)
		return rc;
	if (file == NULL || file->vlen == 0 || !utf8_valid(file->val, file->vlen)) {
		form_error(r, "file", L(r, file == NULL || file->vlen == 0 ? "prof.file_choose" :
		    "prof.file_utf8"));
		return UI_REFUSED;
	}
	for (const char *s = file->val, *end = file->val + file->vlen; s < end; ) {
		char *fields[1] = { "" }, *w;
		if (csv_record(&r->pool, &s, end, fields, 1) == 0)
			break;
		w = fields[0];
		line++;
		if (*w == '\0' || (line == 1 && strcmp(w, "word") == 0))
			continue;	/* blank lines, and the header our export writes */
		if (!profanity_word_ok(w)) {
			if (bad++ < 20)
				buf_printf(&report, "%s%s", report.len ? L(r, "prof.bad_sep") : "",
				    LF(r, "prof.bad_line", line, pool_strndup(&r->pool, w, strnlen(w, 40))));
			continue;
		}
		rc = db_prof_word_add(&r->pool, r->ids[0], w);
		if (rc == DB_OK)
			added++;
		else if (rc == DB_CONFLICT)
			dup++;
		else {
			buf_free(&report);
			return rc;
		}
	}
	if (bad) {
		form_error(r, "file", LF(r, "prof.import_bad", (long long)bad, pool_printf(&r->pool,
		    "%s%s", report.data, bad > 20 ? L(r, "prof.bad_more") : ""), (long long)added,
		    (long long)dup));
		buf_free(&report);
		return UI_REFUSED;
	}
	buf_free(&report);
	x->msg = LF(r, added == 1 ? "prof.imported_1" : "prof.imported", added, dup);
	return DB_OK;
}

/* POST …/profanity/import */
void
admin_profanity_import_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, words_import(r, &x), &x);
}

/* GET …/profanity/export: the list as CSV, safe to open in a spreadsheet. */
void
admin_profanity_export_get(struct req *r, struct resp *rs)
{
	struct prof_words *w = NULL;
	size_t w_n = 0;
	int    rc;

	if ((rc = brand_of(r)) == DB_OK)
		rc = db_prof_words(&r->pool, r->ids[0], &w, &w_n);
	if (!ui_found(r, rs, rc, "brand"))
		return;
	csv_begin(rs, pool_printf(&r->pool, "profanity-brand-%lld.csv", r->ids[0]));
	buf_puts(&rs->body, "word\r\n");
	for (size_t i = 0; i < w_n; i++)
		csv_cell(&rs->body, w[i].word), buf_puts(&rs->body, "\r\n");
}
