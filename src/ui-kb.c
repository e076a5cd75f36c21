/*
 * ui-kb.c: a brand's knowledge base (Console → Knowledge base, supervisors
 * and admins; kb.h): its articles (searched in Chinese with the same
 * scoring the bot uses), one article's page with its versions, a new one,
 * import and export as CSV, the threshold the bot answers at with a test
 * box that shows each article's score, and what the bot did with it over
 * the last 30 days. Every change makes the brand's bots read it again.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "kb.h"
#include "staff.h"
#include "ui.h"

static const struct field article_fields[] = {
	{ "question", "field.kb_question", F_REQUIRED, v_kb_question },
	{ "alternatives", "field.kb_alternatives", F_OPTIONAL, v_text },
	{ "answer", "field.kb_answer", F_REQUIRED, v_text },
	{ "category", "field.kb_category", F_OPTIONAL, v_kb_category },
	{ "enabled", "field.kb_enabled", F_OPTIONAL, v_flag },
};
static const struct field threshold_fields[] = {
	{ "threshold", "field.kb_threshold", F_REQUIRED, v_kb_threshold },
};
static const struct field picture_fields[] = {
	{ "picture_remove", "field.kb_picture_remove", F_OPTIONAL, v_flag },
};
static const struct field test_fields[] = {
	{ "try", "field.kb_try", F_REQUIRED, v_text },
};

/*
 * The article's picture as its form gives it (064): a new one (JPEG or PNG,
 * kept like an attachment), -1 removed, 0 the article's own kept; -2 after
 * an error, said beside its field.
 */
static long long
picture_read(struct req *r)
{
	const struct kv *file = req_file(r, "picture");
	struct ui_file   uf;
	const char      *gone;

	if (FORM_READ(r, picture_fields, &gone))
		return -2;
	if (file && file->vlen > 0) {
		return ui_keep_picture(r, "picture", file, "v.kb_picture", &uf) != 0 ? -2 :
		    uf.attachment;
	}
	return form_on(gone) ? -1 : 0;
}

/* GET /console/kb: the brands, each to its knowledge base */
void
console_kb_brands_get(struct req *r, struct resp *rs)
{
	struct brand_list *l = NULL;
	size_t             n = 0;

	if (db_brand_list(&r->pool, &l, &n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if (n == 1) {
		resp_redirect(rs, pool_printf(&r->pool, "/console/kb/%lld", l[0].id));
		return;
	}
	TMPL_LIST(r, "Brands", l, n, brand_list);
	tmpl_set(r, "Page.Title", L(r, "kb.title"));
	tmpl_set(r, "Nav", "kb");
	tmpl_render(r, rs, "kb.cs");
}

/* the brand's page: its articles (those with the words typed, when q), the
 * threshold, the test box's result, the report; status: a refusal's */
static void
page(struct req *r, struct resp *rs, int status)
{
	struct brand_get      b;
	struct kb_article    *l = NULL;
	struct kb_report     *rep = NULL;
	struct kb_miss_row   *miss = NULL;
	size_t                n = 0, nrep = 0, nmiss = 0;
	long long             threshold = db_kb_threshold(&r->pool, r->ids[0]);
	const char           *q = req_arg(r, "q");
	int                   rc = db_brand_get(&r->pool, r->ids[0], &b);

	if (rc == DB_OK && (threshold < 0 || db_kb_list(&r->pool, r->ids[0], &l, &n) != DB_OK ||
	    db_kb_report(&r->pool, r->ids[0], (long long)wx_now() - 30 * 86400, &rep, &nrep) != DB_OK ||
	    db_kb_top_misses(&r->pool, r->ids[0], &miss, &nmiss) != DB_OK))
		rc = DB_FAIL;
	if (!ui_found(r, rs, rc, "brand"))
		return;
	if (q && *q) {
		/* the articles nearest the words, best first (the bot's own scoring) */
		int              failed;
		const struct kb *k = kb_cached(&r->pool, r->ids[0], &failed);
		struct kb_match  m[50];
		if (k == NULL && failed) {
			ui_db_failed(r, rs);
			return;
		}
		size_t           nm = kb_rank(&r->pool, k, q, m, 50), shown = 0;
		struct kb_article *sel = pool_alloc(&r->pool, sizeof *sel * (nm + 1));
		for (size_t i = 0; i < nm; i++)
			for (size_t j = 0; j < n; j++)
				if (l[j].id == m[i].article)
					sel[shown++] = l[j];
		TMPL_LIST(r, "Articles", sel, shown, kb_article);
		for (size_t i = 0; i < shown; i++)
			tmpl_set_int(r, pool_printf(&r->pool, "Articles.%zu.Score", i), m[i].score);
		tmpl_set(r, "Search.q", q);
	} else
		TMPL_LIST(r, "Articles", l, n, kb_article);
	TMPL_LIST(r, "Missed", miss, nmiss, kb_miss_row);
	{
		static const char *const kinds[] = { "answered", "picked", "offered", "missed", "handoff" };
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			long long k = 0;
			for (size_t j = 0; j < nrep; j++)
				if (strcmp(rep[j].kind, kinds[i]) == 0)
					k = rep[j].n;
			tmpl_set_int(r, pool_printf(&r->pool, "Report.%s", kinds[i]), k);
		}
	}
	tmpl_set_int(r, "Kb.Articles", (long long)n);
	if (form_kept(r, "threshold") == NULL)
		tmpl_set_int(r, "Form.threshold.Value", threshold);
	tmpl_set_int(r, "Kb.Threshold", threshold);
	tmpl_set_int(r, "Brand.Id", b.id);
	tmpl_set(r, "Brand.Name", b.name);
	tmpl_set(r, "Page.Title", LF(r, "kb.brand_title", b.name));
	tmpl_set(r, "Nav", "kb");
	tmpl_render(r, rs, "kb.cs");
	if (rs->status == 200)
		rs->status = status;
}

/* GET /console/kb/{id} */
void
console_kb_get(struct req *r, struct resp *rs)
{
	page(r, rs, 200);
}

/* the article page: its form, its versions; status: a refusal's */
static void
article_page(struct req *r, struct resp *rs, int status)
{
	struct brand_get   b;
	struct kb_article  a;
	struct kb_history *h = NULL;
	size_t             n = 0;
	int                rc = db_brand_get(&r->pool, r->ids[0], &b);

	if (rc == DB_OK)
		rc = db_kb_get(&r->pool, r->ids[0], r->ids[1], &a);
	if (rc == DB_OK && db_kb_history(&r->pool, r->ids[0], r->ids[1], &h, &n) != DB_OK)
		rc = DB_FAIL;
	if (!ui_found(r, rs, rc, rc == DB_NOTFOUND && b.id ? "article" : "brand"))
		return;
	if (form_kept(r, "question") == NULL) {
		tmpl_set(r, "Form.question.Value", a.question);
		tmpl_set(r, "Form.alternatives.Value", a.alternatives);
		tmpl_set(r, "Form.answer.Value", a.answer);
		tmpl_set(r, "Form.category.Value", a.category);
		tmpl_set(r, "Form.enabled.Value", a.enabled ? "1" : NULL);
	}
	TMPL_LIST(r, "Article", &a, 1, kb_article);
	TMPL_LIST(r, "History", h, n, kb_history);
	for (size_t i = 0; i < n; i++) {
		tmpl_set(r, pool_printf(&r->pool, "History.%zu.When", i), ui_time(r, h[i].at));
		tmpl_set(r, pool_printf(&r->pool, "History.%zu.WhatText", i),
		    L(r, pool_printf(&r->pool, "kb.what.%s", h[i].what)));
	}
	tmpl_set_int(r, "Brand.Id", b.id);
	tmpl_set(r, "Brand.Name", b.name);
	tmpl_set(r, "Page.Title", LF(r, "kb.article_title", a.question));
	tmpl_set(r, "Nav", "kb");
	tmpl_render(r, rs, "kb-article.cs");
	if (rs->status == 200)
		rs->status = status;
}

/* GET /console/kb/{id}/articles/{id} */
void
console_kb_article_get(struct req *r, struct resp *rs)
{
	article_page(r, rs, 200);
}

/* GET /console/kb/{id}/articles/{id}/picture: the picture an answer sends */
void
console_kb_picture_get(struct req *r, struct resp *rs)
{
	struct kb_article a;

	if (ui_found(r, rs, db_kb_get(&r->pool, r->ids[0], r->ids[1], &a), "article"))
		ui_send_picture(r, rs, a.picture, "picture");
}

/* POST /console/kb/{id}/articles: a new article */
void
console_kb_article_post(struct req *r, struct resp *rs)
{
	struct kb_article_form f;
	struct brand_get       b;
	long long              id = 0;
	int                    rc = db_brand_get(&r->pool, r->ids[0], &b);

	form_trim(r);
	if (rc == DB_OK && (FORM_READ(r, article_fields, f.v) + ((f.picture = picture_read(r)) == -2))) {
		page(r, rs, 422);
		return;
	}
	if (rc == DB_OK)
		rc = kb_write(&r->pool, r->ids[0], &id, &f, r->user->id, (long long)wx_now());
	ui_saved(r, rs, rc, "brand", L(r, "kb.added"), pool_printf(&r->pool,
	    "/console/kb/%lld/articles/%lld", r->ids[0], id));
}

/* POST /console/kb/{id}/articles/{id}: the article changed, a version more */
void
console_kb_article_edit_post(struct req *r, struct resp *rs)
{
	struct kb_article_form f;
	long long              id = r->ids[1];

	form_trim(r);
	if (FORM_READ(r, article_fields, f.v) + ((f.picture = picture_read(r)) == -2)) {
		article_page(r, rs, 422);
		return;
	}
	ui_saved(r, rs, kb_write(&r->pool, r->ids[0], &id, &f, r->user->id, (long long)wx_now()),
	    "article", L(r, "kb.saved"),
	    pool_printf(&r->pool, "/console/kb/%lld/articles/%lld", r->ids[0], r->ids[1]));
}

/* POST /console/kb/{id}/articles/{id}/delete: its versions stay */
void
console_kb_article_delete_post(struct req *r, struct resp *rs)
{
	struct kb_article a;

	/* the record says which went (the form is only its token) */
	if (db_kb_get(&r->pool, r->ids[0], r->ids[1], &a) == DB_OK)
		audit_note(r, "question", a.question);
	ui_saved(r, rs, kb_remove(&r->pool, r->ids[0], r->ids[1], r->user->id, (long long)wx_now()),
	    "article", L(r, "kb.deleted"),
	    pool_printf(&r->pool, "/console/kb/%lld", r->ids[0]));
}

/* POST /console/kb/{id}/settings: the score an answer needs */
void
console_kb_settings_post(struct req *r, struct resp *rs)
{
	const char *v;
	int         rc;

	form_trim(r);
	if (FORM_READ(r, threshold_fields, &v)) {
		page(r, rs, 422);
		return;
	}
	rc = kb_threshold_set(&r->pool, r->ids[0], strtoll(v, NULL, 10));
	ui_saved(r, rs, rc, "brand", L(r, "kb.threshold_saved"), pool_printf(&r->pool,
	    "/console/kb/%lld#settings", r->ids[0]));
}

/* POST /console/kb/{id}/test: what the bot would do with a message, each
 * near article's score shown */
void
console_kb_test_post(struct req *r, struct resp *rs)
{
	const char      *text;
	long long        threshold = db_kb_threshold(&r->pool, r->ids[0]);
	int              failed = 0;
	const struct kb *k;

	form_trim(r);
	if (FORM_READ(r, test_fields, &text)) {
		page(r, rs, 422);
		return;
	}
	/* the articles as the bot has them (kb.h) */
	if (threshold < 0 || ((k = kb_cached(&r->pool, r->ids[0], &failed)) == NULL && failed)) {
		ui_db_failed(r, rs);
		return;
	}
	{
		struct kb_match  m[5];
		size_t           nm = kb_rank(&r->pool, k, text, m, 5);
		for (size_t i = 0; i < nm; i++) {
			const char *base = pool_printf(&r->pool, "Test.Matches.%zu", i);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Article", base), m[i].article);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.Score", base), m[i].score);
			tmpl_set(r, pool_printf(&r->pool, "%s.Question", base), m[i].question);
		}
		tmpl_set(r, "Test.Outcome", L(r, nm && m[0].score >= threshold ? "kb.test_answers" :
		    nm && m[0].score >= kb_floor((int)threshold) ? "kb.test_offers" :
		    "kb.test_misses"));
		tmpl_set(r, "Test.Answer", nm && m[0].score >= threshold ? m[0].answer : NULL);
		tmpl_set(r, "Test.Text", text);
	}
	page(r, rs, 200);
}

/* GET /console/kb/{id}/export: every article as CSV (the import's columns) */
void
console_kb_export_get(struct req *r, struct resp *rs)
{
	struct kb_article *l = NULL;
	size_t             n = 0;

	if (!ui_found(r, rs, db_kb_list(&r->pool, r->ids[0], &l, &n), "brand"))
		return;
	csv_begin(rs, pool_printf(&r->pool, "knowledge-%lld.csv", r->ids[0]));
	buf_puts(&rs->body, "question,alternatives,answer,category,enabled\r\n");
	for (size_t i = 0; i < n; i++)
		csv_line(&rs->body, l[i].question, l[i].alternatives ? l[i].alternatives : "",
		    l[i].answer, l[i].category ? l[i].category : "", l[i].enabled ? "1" : "0", NULL);
}

/*
 * POST /console/kb/{id}/import: articles from a CSV as the export writes
 * it (a header line skipped), added to the others. Every line is checked
 * first; with any bad line nothing is written and the lines are named.
 */
void
console_kb_import_post(struct req *r, struct resp *rs)
{
	const struct kv *file = req_file(r, "file");
	struct kb_article_form *rows;
	int                     nrows = 0;
	struct buf       bad = { 0 };
	int              nbad = 0, cap = 64;
	const char      *s, *end;

	if (file == NULL || file->vlen == 0 || !utf8_valid(file->val, file->vlen)) {
		form_error(r, "file", L(r, "kb.import_none"));
		page(r, rs, 422);
		return;
	}
	rows = pool_alloc(&r->pool, sizeof *rows * (size_t)cap);
	s = file->val, end = file->val + file->vlen;
	for (int line = 1; s < end && nrows < KB_IMPORT_MAX; line++) {
		char *f[5] = { 0 };
		int   k = csv_record(&r->pool, &s, end, f, 5);
		if (k == 0 || (line == 1 && f[0] && strcmp(f[0], "question") == 0))
			continue;
		for (int i = k; i < 5; i++)
			f[i] = "";
		if (k < 3 || v_kb_question(f[0]) || v_text(f[1]) || !*f[2] || v_text(f[2]) ||
		    v_kb_category(f[3])) {
			if (nbad++ < 10)
				buf_printf(&bad, "%s%d", bad.len ? ", " : "", line);
			continue;
		}
		if (nrows == cap) {
			struct kb_article_form *y = pool_alloc(&r->pool, sizeof *y * (size_t)cap * 2);
			memcpy(y, rows, sizeof *y * (size_t)cap);
			rows = y, cap *= 2;
		}
		for (int i = 0; i < 5; i++)
			rows[nrows].v[i] = i == 4 && !*f[4] ? "1" : f[i];
		rows[nrows].picture = 0;	/* (pictures are not in the CSV) */
		nrows++;
	}
	if (nbad || nrows == 0) {
		form_error(r, "file", nbad ? LF(r, "kb.import_bad", (long long)nbad, bad.data) :
		    L(r, "kb.import_none"));
		buf_free(&bad);
		page(r, rs, 422);
		return;
	}
	buf_free(&bad);
	ui_saved(r, rs, kb_import(&r->pool, r->ids[0], rows, nrows, r->user->id, (long long)wx_now()),
	    "brand", LF(r, "kb.imported", (long long)nrows), pool_printf(&r->pool, "/console/kb/%lld",
	    r->ids[0]));
}
