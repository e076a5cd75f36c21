/*
 * ui-bot.c: a WeChat account's chatbot page (Admin → WeChat → account →
 * Chatbot): its texts and hand-off words, its rules (add, remove, import
 * and export as CSV), and a test box that shows what the bot would answer.
 * Every change raises the account's bot_version, so the webhook's cached
 * rules are read again on the next push that needs them.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "bot.h"
#include "botsvc.h"
#include "db.h"
#include "ui-channel.h"
#include "ui.h"
#include "channel.h"

static const struct field settings_fields[] = {
	{ "welcome", "field.bot_welcome", 0, v_bot_text },
	{ "fallback", "field.bot_fallback", 0, v_bot_text },
	{ "handoff_text", "field.bot_handoff_text", 0, v_bot_text },
	{ "handoff_words", "field.bot_handoff_words", 0, v_patterns },
	{ "miss_limit", "field.bot_miss_limit", 1, v_misses },
};
static const struct field try_fields[] = {
	{ "try", "field.bot_try", 0, v_bot_text },
};
static const struct field import_fields[] = {
	{ "replace", "field.bot_replace", 0, v_flag },
};
static const struct field service_fields[] = {
	{ "service_url", "field.bot_service_url", 0, v_http_url },
	{ "new_secret", "field.bot_new_secret", 0, v_flag },
};
static const struct field rule_fields[] = {
	{ "mode", "field.bot_mode", 1, v_mode },
	{ "patterns", "field.bot_patterns", 0, v_patterns },	/* empty: said below */
	{ "answer", "field.bot_answer", 0, v_bot_text },
	{ "handoff", "field.bot_handoff", 0, v_flag },
};

static void menu_page_data(struct req *r, const struct bot_rules *l, size_t n);

/* the external service's card: its address, its kept secret (masked), its
 * failures and the last week's questions by how they ended: Service.* */
static int
service_page_data(struct req *r, long long channel)
{
	static const char *const outcomes[] = { "answered", "late", "handoff", "failed", "unsent",
		"dropped", "asking" };
	struct bot_service_get    g;
	struct bot_service_stats *st = NULL;
	size_t                    n = 0;
	const char               *secret;

	if (db_bot_service_get(&r->pool, channel, &g) != DB_OK ||
	    db_bot_service_stats(&r->pool, channel, (long long)wx_now() - 7 * 86400, &st, &n) != DB_OK)
		return -1;
	if (form_kept(r, "service_url") == NULL)
		tmpl_set(r, "Form.service_url.Value", g.url);
	tmpl_set(r, "Service.Url", g.url);
	secret = g.secret_enc ? secret_decrypt(&r->pool, g.secret_enc) : NULL;
	tmpl_set(r, "Service.SecretMasked", secret ? secret_mask(&r->pool, secret) : NULL);
	tmpl_set_int(r, "Service.Failures", g.failures);
	if (g.last_failure)
		tmpl_set(r, "Service.LastFailure", LF(r, "botsvc.last_failure", L(r, g.last_failure),
		    ui_time(r, g.failed_at)));
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++) {
		long long k = 0;
		for (size_t j = 0; j < n; j++)
			if (strcmp(st[j].outcome, outcomes[i]) == 0)
				k = st[j].n;
		tmpl_set_int(r, pool_printf(&r->pool, "Service.Week.%s", outcomes[i]), k);
	}
	return 0;
}

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
	if (s_n && form_kept(r, "miss_limit") == NULL) {
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
		/* the default words in the followers' language (every one of them
		 * hands over, whatever the language) */
		int        l8 = s_n ? lang_parse(s[0].follower_language) : -1;
		int        zh = l8 < 0 || (enum lang)l8 == LANG_ZH;
		struct buf w = { 0 };
		for (size_t i = 0; i < sizeof bot_default_handoff / sizeof bot_default_handoff[0]; i++)
			if (((unsigned char)bot_default_handoff[i][0] >= 0x80) == zh)
				buf_printf(&w, "%s%s", w.len ? ", " : "", bot_default_handoff[i]);
		tmpl_set(r, "Bot.DefaultWords", w.data);
		buf_free(&w);
	}
	if (service_page_data(r, id) != 0) {
		ui_db_failed(r, rs);
		return;
	}
	TMPL_LIST(r, "Rules", l, l_n, bot_rules);
	menu_page_data(r, l, l_n);
	tmpl_set_int(r, "Channel.Id", c->id);
	tmpl_set(r, "Channel.Brand", c->brand_name);
	tmpl_set(r, "Page.Title", LF(r, "bot.title", c->brand_name));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "bot.cs");
	if (rs->status == 200)
		rs->status = status;
}

/* a change on this page: the account it is about, and how it ends */
struct change {
	struct channel_get c;
	const char        *msg;		/* the flash when saved */
	const char        *to;		/* the place on the page it goes back to */
	const char        *what;	/* what a 404 names ("channel" when NULL) */
};

/* the account r->ids[0], its form trimmed: a dbrc */
static int
channel(struct req *r, struct channel_get *c)
{
	int rc = db_channel_get(&r->pool, r->ids[0], c);

	if (rc == DB_OK)
		form_trim(r);
	return rc;
}

/* the one answer of every change on this page (ui.h) */
static void
end(struct req *r, struct resp *rs, int st, const struct change *x)
{
	if (st == UI_REFUSED)
		page(r, rs, &x->c, 422);
	else
		ui_saved(r, rs, st, x->what ? x->what : "channel", x->msg,
		    pool_printf(&r->pool, "/admin/channels/%lld/bot%s", r->ids[0], x->to ? x->to : ""));
}

void
admin_bot_get(struct req *r, struct resp *rs)
{
	struct channel_get c;

	if (ui_found(r, rs, channel(r, &c), "channel"))
		page(r, rs, &c, 200);
}

/* the welcome, fallback and hand-off texts, the hand-off words, the miss limit */
static int
settings_save(struct req *r, struct change *x)
{
	const char *v[5];
	int         rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	if (FORM_READ(r, settings_fields, v))
		return UI_REFUSED;
	x->msg = L(r, "bot.saved");
	return db_bot_settings_set(&r->pool, r->ids[0], v[0], v[1], v[2], v[3],
	    strtoll(v[4], NULL, 10));
}

/* POST …/bot */
void
admin_bot_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, settings_save(r, &x), &x);
}

/*
 * POST …/bot/service: the bot handed to an external service (botsvc.h), or
 * taken back (no address). Its secret is made the first time, or anew when
 * asked, and shown this once.
 */
void
admin_bot_service_post(struct req *r, struct resp *rs)
{
	struct change          x = { 0 };
	struct bot_service_get g;
	const char            *v[2], *secret = NULL;
	int                    rc;

	if ((rc = channel(r, &x.c)) != DB_OK || (rc = db_bot_service_get(&r->pool, r->ids[0],
	    &g)) != DB_OK) {
		end(r, rs, rc, &x);
		return;
	}
	if (FORM_READ(r, service_fields, v)) {
		end(r, rs, UI_REFUSED, &x);
		return;
	}
	if (*v[0] && (g.secret_enc == NULL || form_on(v[1])))
		secret = rand_hex(&r->pool, 24);
	rc = db_bot_service_set(&r->pool, r->ids[0], v[0], secret ? secret_encrypt(&r->pool,
	    secret) : NULL);
	if (rc != DB_OK || secret == NULL) {
		x.msg = L(r, *v[0] ? "botsvc.saved" : "botsvc.removed");
		x.to = "#service";
		end(r, rs, rc, &x);
		return;
	}
	tmpl_set(r, "Revealed.Secret", secret);
	tmpl_set(r, "Flash", L(r, "botsvc.saved"));
	page(r, rs, &x.c, 200);
}

/*
 * A rule as its form gives it, checked: its mode, patterns, answer, hand-off
 * and a picture (JPEG or PNG, kept like an attachment: the worker uploads
 * it). had_picture: the rule being edited has one. The number of errors,
 * each beside its field.
 */
static int
rule_read(struct req *r, int had_picture, struct bot_rule_text *rule)
{
	const char     **alts;
	const struct kv *file = req_file(r, "picture");
	struct ui_file   uf = { 0 };
	const char      *v[4];
	int              errors = FORM_READ(r, rule_fields, v);

	if (!errors && bot_split(&r->pool, v[1], &alts) == 0) {
		form_error(r, "patterns", L(r, "v.patterns"));
		errors++;
	}
	if (!errors && file && file->vlen > 0) {
		if (ui_keep_picture(r, "picture", file, "v.bot_picture", &uf) != 0)
			errors++;
	}
	/* a rule says something, shows something, or hands the chat on */
	if (!errors && !form_on(v[3]) && !uf.attachment && !had_picture && !*v[2]) {
		form_error(r, "answer", L(r, "v.bot_answer"));
		errors++;
	}
	if (!errors)
		*rule = (struct bot_rule_text){ v[0], v[1], v[2], form_on(v[3]), uf.attachment };
	return errors;
}

/* one more rule, at the end */
static int
rule_add(struct req *r, struct change *x)
{
	struct bot_rule_text rule;
	int                  rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	if (rule_read(r, 0, &rule))
		return UI_REFUSED;
	x->msg = L(r, "bot.rule_added");
	x->to = "#rules";
	return bot_rules_add(&r->pool, r->ids[0], &rule, 1, 0);
}

/* POST …/bot/rules */
void
admin_bot_rule_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, rule_add(r, &x), &x);
}

/* the account's rule r->ids[1]: a dbrc */
static int
one_rule(struct req *r, struct bot_rules *out)
{
	struct bot_rules *l = NULL;
	size_t            n = 0;
	int               rc;

	if ((rc = db_bot_rules(&r->pool, r->ids[0], &l, &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (l[i].id == r->ids[1]) {
			*out = l[i];
			return DB_OK;
		}
	return DB_NOTFOUND;
}

/* the rule's picture in the form (its attachment id: the thumbnail's
 * address changes with it, so no browser shows one kept from before) */
static void
set_picture(struct req *r, long long attachment)
{
	if (attachment)
		tmpl_set_int(r, "Edit.Picture", attachment);
}

/* GET …/bot/rules/{id}/picture: the picture a rule answers with */
void
admin_bot_rule_picture_get(struct req *r, struct resp *rs)
{
	struct bot_rules x;

	if (ui_found(r, rs, one_rule(r, &x), "rule"))
		ui_send_picture(r, rs, x.picture, "picture");
}

/* GET …/bot/rules/{id}: the page with the rule in the form, to edit */
void
admin_bot_rule_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct bot_rules   x;

	if (!ui_found(r, rs, channel(r, &c), "channel") || !ui_found(r, rs, one_rule(r, &x), "rule"))
		return;
	tmpl_set_int(r, "Edit.Id", x.id);
	set_picture(r, x.picture);
	tmpl_set(r, "Form.mode.Value", x.mode);
	tmpl_set(r, "Form.patterns.Value", x.patterns);
	tmpl_set(r, "Form.answer.Value", x.answer);
	tmpl_set(r, "Form.handoff.Value", x.handoff ? "1" : NULL);
	page(r, rs, &c, 200);
}

/* the rule changed, in its place (a new picture replaces its own; none keeps it) */
static int
rule_edit(struct req *r, struct change *x)
{
	struct bot_rules     old;
	struct bot_rule_text rule;
	int                  rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	x->what = "rule";
	if ((rc = one_rule(r, &old)) != DB_OK)
		return rc;
	if (rule_read(r, old.picture != 0, &rule)) {
		tmpl_set_int(r, "Edit.Id", old.id);
		set_picture(r, old.picture);
		return UI_REFUSED;
	}
	x->msg = L(r, "bot.rule_saved");
	x->to = pool_printf(&r->pool, "#rule-%lld", old.id);
	return bot_rule_edit(&r->pool, r->ids[0], old.id, &rule);
}

/* POST …/bot/rules/{id} */
void
admin_bot_rule_edit_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, rule_edit(r, &x), &x);
}

static const char *
v_direction(const char *v)
{
	return strcmp(v, "up") == 0 || strcmp(v, "down") == 0 ? NULL : "v.word";
}

static const struct field move_fields[] = {
	{ "dir", "field.action", F_CHECKED, v_direction },
};

/* one place up or down (the first rule that matches answers, so the order matters) */
static int
rule_move(struct req *r, struct change *x)
{
	const char *dir;
	int         rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	if (FORM_READ(r, move_fields, &dir))
		return UI_REFUSED;
	x->what = "rule";
	x->msg = L(r, "bot.rule_moved");
	x->to = pool_printf(&r->pool, "#rule-%lld", r->ids[1]);
	return bot_rule_move(&r->pool, r->ids[0], r->ids[1], strcmp(dir, "up") == 0 ? -1 : 1);
}

/* POST …/bot/rules/{id}/move */
void
admin_bot_rule_move_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, rule_move(r, &x), &x);
}

static int
rule_remove(struct req *r, struct change *x)
{
	struct bot_rules gone;
	int              rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	x->what = "rule";
	x->msg = L(r, "bot.rule_removed");
	x->to = "#rules";
	/* the record says which rule went: the form is only its token */
	if ((rc = one_rule(r, &gone)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_OK : rc;	/* gone meanwhile: gone all the same */
	audit_note(r, "mode", gone.mode);
	audit_note(r, "patterns", gone.patterns);
	audit_note(r, "answer", gone.answer);
	return bot_rule_remove(&r->pool, r->ids[0], r->ids[1]);
}

/* POST …/bot/rules/{id}/delete */
void
admin_bot_rule_delete_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, rule_remove(r, &x), &x);
}

/* what the bot would answer, as the rules stand: shown on the page, nothing stored */
static int
try_text(struct req *r, struct resp *rs, struct change *x)
{
	const struct bot *b;
	struct bot_answer a;
	const char       *text;
	int               rc;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	if ((b = bot_load(&r->pool, r->ids[0])) == NULL)
		return DB_FAIL;
	if (FORM_READ(r, try_fields, &text) || *text == '\0') {
		form_error(r, "try", L(r, "bot.try_empty"));
		return UI_REFUSED;
	}
	bot_decide(&r->pool, b, text, 0, NULL, &a);
	tmpl_set(r, "Try.Kind", a.kind == BOT_ANSWER ? "answer" : a.kind == BOT_HANDOFF ?
	    "handoff" : "miss");
	tmpl_set(r, "Try.Text", a.text);
	tmpl_set(r, "Try.Why", a.kind == BOT_HANDOFF ? L(r, a.why) : NULL);
	tmpl_set_int(r, "Try.Rule", a.rule);
	page(r, rs, &x->c, 200);
	return UI_SHOWN;
}

/* POST …/bot/test */
void
admin_bot_test_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, try_text(r, rs, &x), &x);
}

/* ---- the numbered menu ---- */

/* an item's label: one short line, with no | (it is one of the item's words) */
static const char *
v_menu_label(const char *v)
{
	const char *e = v_line(v);

	if (e != NULL)
		return e;
	return strchr(v, '|') != NULL || utf8_chars(v) > 20 ? "v.menu_label" : NULL;
}

/* the menu's form: its words, its intro, and each item's label, answer and
 * hand-off */
enum { MF_WORDS, MF_INTRO, MF_ITEMS, MF__N = MF_ITEMS + 3 * BOT_MENU_ITEMS };
#define MF_LABEL(i)   (MF_ITEMS + 3 * (i))
#define MF_ANSWER(i)  (MF_LABEL(i) + 1)
#define MF_HANDOFF(i) (MF_LABEL(i) + 2)

static const struct field *
menu_fields(struct pool *p)
{
	struct field *f = pool_alloc(p, sizeof *f * MF__N);

	f[MF_WORDS] = (struct field){ "menu_words", "bot.menu_words", 0, v_patterns };
	f[MF_INTRO] = (struct field){ "menu_intro", "bot.menu_intro", 0, v_bot_text };
	for (int i = 0; i < BOT_MENU_ITEMS; i++) {
		f[MF_LABEL(i)] = (struct field){ pool_printf(p, "item_%d_label", i + 1),
			"bot.menu_label", 0, v_menu_label };
		f[MF_ANSWER(i)] = (struct field){ pool_printf(p, "item_%d_answer", i + 1),
			"field.bot_answer", 0, v_bot_text };
		f[MF_HANDOFF(i)] = (struct field){ pool_printf(p, "item_%d_handoff", i + 1),
			"field.bot_handoff", 0, v_flag };
	}
	return f;
}

/* the menu into the form (Menu.Items.N.*), from the rules or as typed */
static void
menu_page_data(struct req *r, const struct bot_rules *l, size_t n)
{
	struct bot_menu m;
	int             have = bot_menu_of(&r->pool, l, n, &m);

	tmpl_set(r, "Menu.Have", have ? "1" : NULL);
	for (int i = 0; i < BOT_MENU_ITEMS; i++) {
		const char *base = pool_printf(&r->pool, "Menu.Items.%d", i);
		tmpl_set_int(r, pool_printf(&r->pool, "%s.N", base), i + 1);
		tmpl_set(r, pool_printf(&r->pool, "%s.Label", base),
		    pool_printf(&r->pool, "item_%d_label", i + 1));
		tmpl_set(r, pool_printf(&r->pool, "%s.Answer", base),
		    pool_printf(&r->pool, "item_%d_answer", i + 1));
		tmpl_set(r, pool_printf(&r->pool, "%s.Handoff", base),
		    pool_printf(&r->pool, "item_%d_handoff", i + 1));
		if (have && form_kept(r, "menu_words") == NULL && i < m.n) {
			tmpl_set(r, pool_printf(&r->pool, "Form.item_%d_label.Value", i + 1),
			    m.item[i].label);
			tmpl_set(r, pool_printf(&r->pool, "Form.item_%d_answer.Value", i + 1),
			    m.item[i].answer);
			tmpl_set(r, pool_printf(&r->pool, "Form.item_%d_handoff.Value", i + 1),
			    m.item[i].handoff ? "1" : NULL);
		}
	}
	if (have && form_kept(r, "menu_words") == NULL) {
		tmpl_set(r, "Form.menu_words.Value", m.words);
		tmpl_set(r, "Form.menu_intro.Value", m.intro);
	}
}

/* the numbered menu saved whole (no items: removed) */
static int
menu_save(struct req *r, struct change *x)
{
	const struct field *f = menu_fields(&r->pool);
	const char         *v[MF__N], **alts;
	struct bot_menu     m = { 0 };
	int                 errors;

	if ((errors = channel(r, &x->c)) != DB_OK)
		return errors;
	errors = form_read(r, f, MF__N, v);
	for (int i = 0; !errors && i < BOT_MENU_ITEMS; i++) {
		if (*v[MF_LABEL(i)] == '\0') {
			if (*v[MF_ANSWER(i)] != '\0' || form_on(v[MF_HANDOFF(i)])) {
				form_error(r, f[MF_LABEL(i)].name, L(r, "v.menu_label_first"));
				errors++;
			}
			continue;
		}
		if (m.n != i) {	/* the items are numbered as listed: no gap */
			form_error(r, f[MF_LABEL(i)].name, L(r, "v.menu_gap"));
			errors++;
			break;
		}
		if (*v[MF_ANSWER(i)] == '\0' && !form_on(v[MF_HANDOFF(i)])) {
			form_error(r, f[MF_ANSWER(i)].name, L(r, "v.bot_answer"));
			errors++;
		}
		m.item[m.n].label = v[MF_LABEL(i)];
		m.item[m.n].answer = v[MF_ANSWER(i)];
		m.item[m.n].handoff = form_on(v[MF_HANDOFF(i)]);
		m.n++;
	}
	if (!errors && m.n > 0 && bot_split(&r->pool, v[MF_WORDS], &alts) == 0) {
		form_error(r, "menu_words", L(r, "v.patterns"));
		errors++;
	}
	if (errors)
		return UI_REFUSED;
	m.words = v[MF_WORDS];
	m.intro = v[MF_INTRO];
	x->msg = L(r, m.n ? "bot.menu_saved" : "bot.menu_removed");
	x->to = "#menu";
	return bot_menu_save(&r->pool, r->ids[0], &m);
}

/* POST …/bot/menu */
void
admin_bot_menu_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, menu_save(r, &x), &x);
}

/* GET …/bot/export: the rules as CSV (mode, patterns, answer, handoff) */
void
admin_bot_export_get(struct req *r, struct resp *rs)
{
	struct channel_get c;
	struct bot_rules *l = NULL;
	size_t l_n = 0;
	int    rc;

	if ((rc = channel(r, &c)) == DB_OK)
		rc = db_bot_rules(&r->pool, r->ids[0], &l, &l_n);
	if (!ui_found(r, rs, rc, "channel"))
		return;
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
static int
rules_import(struct req *r, struct change *x)
{
	const struct kv *file = req_file(r, "file");
	struct buf       bad = { 0 };
	int              nbad, n, rc;
	const char      *replace;
	struct bot_rule_text *rules;

	if ((rc = channel(r, &x->c)) != DB_OK)
		return rc;
	if (FORM_READ(r, import_fields, &replace))
		return UI_REFUSED;
	if (file == NULL || file->vlen == 0 || !utf8_valid(file->val, file->vlen)) {
		form_error(r, "file", L(r, file == NULL || file->vlen == 0 ? "prof.file_choose" :
		    "prof.file_utf8"));
		return UI_REFUSED;
	}
	nbad = bot_csv_read(&r->pool, file->val, file->vlen, &rules, &n, &bad);
	if (nbad) {
		form_error(r, "file", LF(r, "bot.import_bad", (long long)nbad, bad.data));
		buf_free(&bad);
		return UI_REFUSED;
	}
	x->msg = LF(r, "bot.imported", (long long)n);
	x->to = "#rules";
	return bot_rules_add(&r->pool, r->ids[0], rules, n, form_on(replace));
}

void
admin_bot_import_post(struct req *r, struct resp *rs)
{
	struct change x = { 0 };

	end(r, rs, rules_import(r, &x), &x);
}
