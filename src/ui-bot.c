/*
 * ui-bot.c: a WeChat account's chatbot page (Admin → WeChat → account →
 * Chatbot): its texts and hand-off words, its rules (add, remove, import
 * and export as CSV), and a test box that shows what the bot would answer.
 * Every change raises the account's bot_version, so the webhook's cached
 * rules are read again on the next push that needs them.
 */
#include <stdlib.h>
#include <string.h>

#include "bot.h"
#include "db.h"
#include "ui-channel.h"
#include "ui.h"
#include "channel.h"

#define TEXT_MAX  2000
#define RULES_MAX 500

static const char *
v_bot_text(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	return utf8_chars(v) > TEXT_MAX ? "v.message_max" : NULL;
}

static const char *
v_patterns(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	return strlen(v) > 1000 ? "v.patterns_max" : NULL;
}

static const char *
v_mode(const char *v)
{
	return strcmp(v, "exact") == 0 || strcmp(v, "contains") == 0 || strcmp(v, "scene") == 0 ?
	    NULL : "v.bot_mode";
}

static const char *
v_misses(const char *v)
{
	return strlen(v) == 1 && v[0] >= '1' && v[0] <= '9' ? NULL : "v.bot_misses";
}

static const struct field settings_fields[] = {
	{ "welcome", "field.bot_welcome", 0, v_bot_text },
	{ "fallback", "field.bot_fallback", 0, v_bot_text },
	{ "handoff_text", "field.bot_handoff_text", 0, v_bot_text },
	{ "handoff_words", "field.bot_handoff_words", 0, v_patterns },
	{ "miss_limit", "field.bot_miss_limit", 1, v_misses },
};
static const struct field rule_fields[] = {
	{ "mode", "field.bot_mode", 1, v_mode },
	{ "patterns", "field.bot_patterns", 0, v_patterns },	/* empty: said below */
	{ "answer", "field.bot_answer", 0, v_bot_text },
};

static void
page(struct req *r, struct resp *rs, const struct channel_get *c, int status)
{
	struct bot_rules *l = NULL;
	size_t l_n = 0;
	struct bot_settings *s = NULL;
	size_t s_n = 0;
	long long    id = c->id;

	if (db_bot_settings(&r->pool, id, &s, &s_n) != DB_OK || db_bot_rules(&r->pool, id, &l, &l_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	if (s_n && req_field(r, "miss_limit") == NULL) {
		tmpl_set(r, "Form.welcome.Value", s[0].bot_welcome);
		tmpl_set(r, "Form.fallback.Value", s[0].bot_fallback);
		tmpl_set(r, "Form.handoff_text.Value", s[0].bot_handoff_text);
		tmpl_set(r, "Form.handoff_words.Value", s[0].bot_handoff_words);
		tmpl_set_int(r, "Form.miss_limit.Value", s[0].bot_miss_limit);
	}
	if (s_n) {
		int l8 = lang_parse(s[0].follower_language);
		enum lang fl = l8 >= 0 ? (enum lang)l8 : LANG_ZH;
		tmpl_set(r, "Bot.On", s[0].bot_enabled ? "1" : NULL);
		tmpl_set(r, "Bot.DefaultFallback", lang_text(fl, "bot.fallback_default"));
		tmpl_set(r, "Bot.DefaultHandoff", lang_text(fl, "bot.handoff_default"));
	}
	{
		struct buf w = { 0 };
		for (size_t i = 0; i < sizeof bot_default_handoff / sizeof bot_default_handoff[0]; i++)
			buf_printf(&w, "%s%s", i ? ", " : "", bot_default_handoff[i]);
		tmpl_set(r, "Bot.DefaultWords", w.data);
		buf_free(&w);
	}
	TMPL_LIST(r, "Rules", l, l_n, bot_rules);
	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set(r, "Page.Title", LF(r, "bot.title", c->brand_name));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "bot.cs");
	if (rs->status == 200)
		rs->status = status;
}

static int
channel(struct req *r, struct resp *rs, struct channel_get *c)
{
	if (load(r, rs, c) != 0)
		return -1;
	form_trim(r);
	return 0;
}

static void
back(struct req *r, struct resp *rs, const char *msg, const char *anchor)
{
	flash_set(r, msg);
	resp_redirect(rs, pool_printf(&r->pool, "/admin/channels/%lld/bot%s", r->ids[0], anchor));
}

void
admin_bot_get(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (channel(r, rs, &c) == 0)
		page(r, rs, &c, 200);
}

/* POST …/bot: the welcome, fallback and hand-off texts, the hand-off words, the miss limit */
void
admin_bot_post(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (channel(r, rs, &c) != 0)
		return;
	if (form_check(r, settings_fields, sizeof settings_fields / sizeof settings_fields[0])) {
		page(r, rs, &c, 422);
		return;
	}
	if (db_bot_settings_set(&r->pool, r->ids[0], req_field(r, "welcome"),
	    req_field(r, "fallback"), req_field(r, "handoff_text"), req_field(r, "handoff_words"),
	    strtoll(req_field(r, "miss_limit"), NULL, 10)) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	back(r, rs, L(r, "bot.saved"), "");
}

/* POST …/bot/rules: one more rule */
void
admin_bot_rule_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const char     **alts;
	const struct kv *file = req_file(r, "picture");
	struct ui_file   uf = { 0 };
	int              errors;

	if (channel(r, rs, &c) != 0)
		return;
	errors = form_check(r, rule_fields, sizeof rule_fields / sizeof rule_fields[0]);
	if (!errors && bot_split(&r->pool, req_field(r, "patterns"), &alts) == 0) {
		form_error(r, "patterns", L(r, "v.patterns"));
		errors++;
	}
	/* a picture: JPEG or PNG, kept like an attachment (the worker uploads it) */
	if (!errors && file && file->vlen > 0) {
		if (ui_keep_file(r, "picture", file, &uf) != 0)
			errors++;
		else if (strcmp(uf.type, "image") != 0) {
			form_error(r, "picture", L(r, "v.bot_picture"));
			errors++;
		}
	}
	/* a rule says something, shows something, or hands the chat on */
	if (!errors && !req_field(r, "handoff") && !uf.attachment && (!req_field(r, "answer") ||
	    !*req_field(r, "answer"))) {
		form_error(r, "answer", L(r, "v.bot_answer"));
		errors++;
	}
	if (errors) {
		page(r, rs, &c, 422);
		return;
	}
	{
		struct bot_rule_text rule = { req_field(r, "mode"), req_field(r, "patterns"),
			req_field(r, "answer"), req_field(r, "handoff") != NULL, uf.attachment };
		if (bot_rules_add(&r->pool, r->ids[0], &rule, 1, 0) != DB_OK) {
			ui_db_failed(r, rs);
			return;
		}
	}
	back(r, rs, L(r, "bot.rule_added"), "#rules");
}

/* POST …/bot/rules/{id}/delete */
void
admin_bot_rule_delete_post(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (channel(r, rs, &c) != 0)
		return;
	if (bot_rule_remove(&r->pool, r->ids[0], r->ids[1]) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	back(r, rs, L(r, "bot.rule_removed"), "#rules");
}

/* POST …/bot/test: what the bot would answer, as the rules stand (nothing stored) */
void
admin_bot_test_post(struct req *r, struct resp *rs)
{
	struct channel_get c;
	const struct bot *b;
	struct bot_answer a;
	const char       *text = req_field(r, "try");

	if (channel(r, rs, &c) != 0)
		return;
	if ((b = bot_load(&r->pool, r->ids[0])) == NULL) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set(r, "Form.try.Value", text);
	if (text == NULL || *text == '\0' || !utf8_valid(text, strlen(text))) {
		form_error(r, "try", L(r, "bot.try_empty"));
		page(r, rs, &c, 422);
		return;
	}
	bot_decide(b, text, 0, &a);
	tmpl_set(r, "Try.Kind", a.kind == BOT_ANSWER ? "answer" : a.kind == BOT_HANDOFF ?
	    "handoff" : "miss");
	tmpl_set(r, "Try.Text", a.text);
	tmpl_set(r, "Try.Why", a.kind == BOT_HANDOFF ? L(r, a.why) : NULL);
	tmpl_set_int(r, "Try.Rule", a.rule);
	page(r, rs, &c, 200);
}

/* GET …/bot/export: the rules as CSV (mode, patterns, answer, handoff) */
void
admin_bot_export_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct bot_rules *l = NULL;
	size_t l_n = 0;

	if (channel(r, rs, &c) != 0)
		return;
	if (db_bot_rules(&r->pool, r->ids[0], &l, &l_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	csv_begin(rs, pool_printf(&r->pool, "bot-rules-%lld.csv", r->ids[0]));
	buf_puts(&rs->body, "mode,patterns,answer,handoff\r\n");
	for (size_t i = 0; i < l_n; i++) {
		csv_cell(&rs->body, l[i].mode);
		buf_putc(&rs->body, ',');
		csv_cell(&rs->body, l[i].patterns);
		buf_putc(&rs->body, ',');
		csv_cell(&rs->body, l[i].answer);
		buf_putc(&rs->body, ',');
		csv_cell(&rs->body, l[i].handoff ? "1" : "0");
		buf_puts(&rs->body, "\r\n");
	}
}

/*
 * POST …/bot/import: rules from a CSV as the export writes it. Every line is
 * checked first; with any bad line nothing changes and the lines are named.
 * replace=1 replaces the rules, else they are added after the current ones.
 */
void
admin_bot_import_post(struct req *r, struct resp *rs)
{
	const struct kv *file = req_file(r, "file");
	struct channel_get c;
	struct buf       bad = { 0 };
	int              nbad = 0, line = 0;
	char            *rows[RULES_MAX][4];
	int              n = 0;
	struct bot_rule_text *rules;

	if (channel(r, rs, &c) != 0)
		return;
	if (file == NULL || file->vlen == 0 || !utf8_valid(file->val, file->vlen)) {
		form_error(r, "file", L(r, file == NULL || file->vlen == 0 ? "prof.file_choose" :
		    "prof.file_utf8"));
		page(r, rs, &c, 422);
		return;
	}
	for (const char *s = file->val, *end = file->val + file->vlen; s < end; ) {
		char       *f[4] = { "", "", "", "" };
		const char **alts;
		int          k = csv_record(&r->pool, &s, end, f, 4);
		line++;
		if (k == 0 || (k == 1 && *f[0] == '\0') || (line == 1 && strcmp(f[0], "mode") == 0))
			continue;	/* blank lines, and the export's header */
		if (v_mode(f[0]) || v_patterns(f[1]) || bot_split(&r->pool, f[1], &alts) == 0 ||
		    v_bot_text(f[2]) || (*f[2] == '\0' && strcmp(f[3], "1") != 0) || n == RULES_MAX) {
			if (nbad++ < 10)
				buf_printf(&bad, "%s%d", bad.len ? ", " : "", line);
			continue;
		}
		memcpy(rows[n++], f, sizeof f);
	}
	if (nbad) {
		form_error(r, "file", LF(r, "bot.import_bad", (long long)nbad, bad.data));
		buf_free(&bad);
		page(r, rs, &c, 422);
		return;
	}
	rules = pool_alloc(&r->pool, (size_t)(n + 1) * sizeof *rules);
	for (int i = 0; i < n; i++)
		rules[i] = (struct bot_rule_text){ rows[i][0], rows[i][1], rows[i][2],
		    strcmp(rows[i][3], "1") == 0, 0 };
	if (bot_rules_add(&r->pool, r->ids[0], rules, n, req_field(r, "replace") != NULL) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	back(r, rs, LF(r, "bot.imported", (long long)n), "#rules");
}
