/* bot.c: the chatbot's decisions and its per-process cache (see bot.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bot.h"
#include "profanity.h"

const char *const bot_default_handoff[5] = { "人工", "转人工", "客服", "agent", "human" };

size_t
bot_split(struct pool *p, const char *text, const char ***out)
{
	size_t n = 0, cap = 0;

	*out = NULL;
	for (const char *s = text; s && *s; ) {
		const char *e = strpbrk(s, "\n|"), *a = s, *b = e ? e : s + strlen(s);
		while (a < b && strchr(" \t\r", *a))
			a++;
		while (b > a && strchr(" \t\r", b[-1]))
			b--;
		if (b > a) {
			if (n == cap) {
				const char **more = pool_alloc(p, sizeof *more * (cap * 2 + 8));
				if (n)
					memcpy(more, *out, sizeof *more * n);
				*out = more;
				cap = cap * 2 + 8;
			}
			(*out)[n++] = pool_strndup(p, a, (size_t)(b - a));
		}
		s = e ? e + 1 : b + strlen(b);
	}
	return n;
}

/* the whole message is the pattern: spaces around it and ASCII case aside */
static int
same_text(const char *text, const char *pattern)
{
	const char *a = text, *b;
	size_t      n = strlen(pattern);

	while (*a && strchr(" \t\r\n", *a))
		a++;
	b = a + strlen(a);
	while (b > a && strchr(" \t\r\n", b[-1]))
		b--;
	if ((size_t)(b - a) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)pattern[i]))
			return 0;
	return 1;
}

static int
rule_matches(const struct bot_rule *r, const char *text)
{
	if (r->mode == BOT_CONTAINS)
		return profanity_count(text, r->alts, r->nalts) > 0;
	if (r->mode == BOT_EXACT)
		for (size_t i = 0; i < r->nalts; i++)
			if (same_text(text, r->alts[i]))
				return 1;
	return 0;
}

/* the account's text, or the catalogue's default in the followers' language */
static const char *
text_or(const struct bot *b, const char *own, const char *key)
{
	return own && *own ? own : lang_text(b->lang, key);
}

const char *
bot_handoff_line(const struct bot *b)
{
	return text_or(b, b->handoff_text, "bot.handoff_default");
}

int
bot_asks_person(const struct bot *b, const char *text)
{
	return text && (profanity_count(text, bot_default_handoff, sizeof bot_default_handoff /
	    sizeof bot_default_handoff[0]) > 0 || (b->nhandoff > 0 &&
	    profanity_count(text, b->handoff_words, b->nhandoff) > 0));
}

/* the article id of k, or -1 */
static long long
kb_index(const struct kb *k, long long id)
{
	for (size_t i = 0; k && i < k->narticles; i++)
		if (k->ids[i] == id)
			return (long long)i;
	return -1;
}

/*
 * The knowledge base's turn (kb.h): an article at the brand's threshold
 * answers; below it, the nearest questions (at least a third of the way
 * there) are offered as a numbered list; 0 when it has nothing: a miss,
 * whose words are kept for the report.
 */
static int
kb_turn(struct pool *p, const struct bot *b, const char *text, struct bot_answer *a)
{
	struct kb_match m[KB_OFFERS];
	size_t          n = kb_rank(p, b->kb, text, m, KB_OFFERS), k = 0;
	int             floor = kb_floor(b->kb->threshold);
	struct buf      list = { 0 };

	a->kb_brand = b->kb->brand;
	a->kb_score = n ? m[0].score : 0;
	if (n && m[0].score >= b->kb->threshold) {
		a->kind = BOT_ANSWER, a->text = m[0].answer;
		a->attachment = m[0].picture;	/* sent after the text (064) */
		a->kb_article = m[0].article, a->kb_event = "answered";
		return 1;
	}
	buf_printf(&list, "%s", lang_text(b->lang, "bot.kb_offer"));
	for (size_t i = 0; i < n; i++)
		if (m[i].score >= floor) {
			a->kb_offer[k++] = m[i].article;
			buf_printf(&list, "\n%zu. %s", k, m[i].question);
		}
	if (k > 0) {
		buf_printf(&list, "\n%s", lang_text(b->lang, "bot.kb_offer_pick"));
		a->kind = BOT_ANSWER, a->text = pool_strdup(p, list.data);
		a->kb_event = "offered";
	} else {
		const char **w;
		size_t       nw = kb_words(p, text, &w);
		struct buf   key = { 0 };
		for (size_t i = 0; i < nw; i++)
			buf_printf(&key, "%s%s", i ? " " : "", w[i]);
		a->kb_words = key.len ? pool_strdup(p, key.data) : NULL;
		buf_free(&key);
	}
	buf_free(&list);
	return k > 0;
}

void
bot_decide(struct pool *p, const struct bot *b, const char *text, int misses,
    const long long *offered, struct bot_answer *a)
{
	memset(a, 0, sizeof *a);
	/* 1. a person asked for: the default words and the account's own */
	if (bot_asks_person(b, text)) {
		a->kind = BOT_HANDOFF;
		a->why = "note.bot_asked";
		a->text = text_or(b, b->handoff_text, "bot.handoff_default");
		return;
	}
	/* 2. a number picking a question the bot's last reply offered */
	if (text && offered && text[0] >= '1' && text[0] <= '0' + KB_OFFERS && text[1] == '\0') {
		int       d = text[0] - '1';
		long long i, id = 0;
		for (int k = 0; k <= d && offered[k]; k++)
			if (k == d)
				id = offered[k];
		if (id && (i = kb_index(b->kb, id)) >= 0) {
			a->kind = BOT_ANSWER, a->text = b->kb->answer[i];
			a->attachment = b->kb->picture[i];
			a->kb_brand = b->kb->brand, a->kb_article = id, a->kb_event = "picked";
			return;
		}
	}
	/* 3. the rules: the whole message first, then words within it */
	for (int pass = 0; text && pass < 2; pass++)
		for (size_t i = 0; i < b->nrules; i++) {
			const struct bot_rule *r = &b->rules[i];
			if (r->mode != (pass == 0 ? BOT_EXACT : BOT_CONTAINS) || !rule_matches(r, text))
				continue;
			a->rule = r->id;
			if (r->handoff) {
				a->kind = BOT_HANDOFF;
				a->why = "note.bot_rule";
				a->text = r->answer && *r->answer ? r->answer :
				    text_or(b, b->handoff_text, "bot.handoff_default");
			} else {
				a->kind = BOT_ANSWER;
				a->text = r->answer;
			}
			/* a picture, once WeChat has it (else its text, if any) */
			if (r->media_id) {
				a->media_id = r->media_id;
				a->attachment = r->attachment;
			} else if (!a->text && r->attachment)
				a->text = text_or(b, b->fallback, "bot.fallback_default");
			return;
		}
	/* 4. the knowledge base */
	if (text && b->kb && kb_turn(p, b, text, a))
		return;
	/* 5. not understood: the fallback, or the operators at the limit */
	if (misses + 1 >= (b->miss_limit > 0 ? b->miss_limit : 2)) {
		a->kind = BOT_HANDOFF;
		a->why = "note.bot_missed";
		a->text = text_or(b, b->handoff_text, "bot.handoff_default");
		return;
	}
	a->kind = BOT_MISS;
	a->text = text_or(b, b->fallback, "bot.fallback_default");
}

const char *
bot_welcome(const struct bot *b, const char *scene)
{
	for (size_t i = 0; scene && *scene && i < b->nrules; i++) {
		const struct bot_rule *r = &b->rules[i];
		if (r->mode != BOT_SCENE)
			continue;
		for (size_t k = 0; k < r->nalts; k++)
			if (strcmp(r->alts[k], scene) == 0 && r->answer && *r->answer)
				return r->answer;
	}
	return b->welcome && *b->welcome ? b->welcome : NULL;
}

/* fills b (its own pool) from the account's settings and rules; 0, or -1 */
static int
fill(struct pool *p, struct bot *b, long long channel)
{
	struct bot_rules *r = NULL;
	size_t r_n = 0;
	struct bot_settings *s = NULL;
	size_t s_n = 0;

	if (db_bot_settings(p, channel, &s, &s_n) != DB_OK ||
	    db_bot_rules(p, channel, &r, &r_n) != DB_OK)
		return -1;
	b->channel = channel;
	if (s_n == 0)
		return 0;
	b->enabled = s[0].bot_enabled != 0;
	b->version = s[0].bot_version;
	{
		int l = lang_parse(s[0].follower_language);
		b->lang = l >= 0 ? (enum lang)l : LANG_ZH;
	}
	b->welcome = s[0].bot_welcome ? pool_strdup(&b->pool, s[0].bot_welcome) : NULL;
	b->fallback = s[0].bot_fallback ? pool_strdup(&b->pool, s[0].bot_fallback) : NULL;
	b->handoff_text = s[0].bot_handoff_text ?
	    pool_strdup(&b->pool, s[0].bot_handoff_text) : NULL;
	b->nhandoff = bot_split(&b->pool, s[0].bot_handoff_words, &b->handoff_words);
	b->miss_limit = (int)s[0].bot_miss_limit;
	b->service = s[0].bot_service_url && *s[0].bot_service_url ?
	    pool_strdup(&b->pool, s[0].bot_service_url) : NULL;
	{
		/* the brand's knowledge base, made once a version (kb.h) */
		struct kb_for_channel *k = NULL;
		size_t                 k_n = 0;
		if (db_kb_for_channel(p, channel, &k, &k_n) != DB_OK)
			return -1;
		if (k_n > 0) {
			struct kb_article_text *t = pool_alloc(p, sizeof *t * k_n);
			for (size_t i = 0; i < k_n; i++)
				t[i] = (struct kb_article_text){ k[i].id, k[i].question, k[i].alternatives,
				    k[i].answer, k[i].picture };
			b->kb = kb_make(&b->pool, k[0].brand_id, (int)k[0].threshold, t, k_n);
		}
	}
	b->rules = pool_alloc(&b->pool, sizeof *b->rules * (r_n + 1));
	for (size_t i = 0; i < r_n; i++) {
		struct bot_rule *x = &b->rules[b->nrules];
		const char      *mode = r[i].mode;
		x->id = r[i].id;
		x->mode = strcmp(mode, "exact") == 0 ? BOT_EXACT : strcmp(mode, "scene") == 0 ?
		    BOT_SCENE : BOT_CONTAINS;
		x->nalts = bot_split(&b->pool, r[i].patterns, &x->alts);
		x->answer = r[i].answer ? pool_strdup(&b->pool, r[i].answer) : NULL;
		x->handoff = r[i].handoff != 0;
		x->attachment = r[i].picture;
		x->media_id = r[i].media_id ? pool_strdup(&b->pool, r[i].media_id) : NULL;
		if (x->nalts > 0)
			b->nrules++;
	}
	return 0;
}

const struct bot *
bot_load(struct pool *p, long long channel)
{
	struct bot *b = pool_alloc(p, sizeof *b);

	return fill(p, b, channel) == 0 ? b : NULL;
}

#define BOT_SLOTS 64
static struct bot *slots[BOT_SLOTS];

/*
 * The rules the process has, while their version was read as the
 * account's at most BOT_CACHE_AGE seconds ago (the bot's short path
 * answers by them: the open key checks the version's remainder by 120,
 * routines/open.sql); older, the full path reads the version again.
 */
const struct bot *
bot_cached(long long channel)
{
	for (int i = 0; i < BOT_SLOTS; i++)
		if (slots[i] && slots[i]->channel == channel)
			return slots[i]->enabled && wx_now() - slots[i]->checked <= BOT_CACHE_AGE ?
			    slots[i] : NULL;
	return NULL;
}

const struct bot *
bot_for(struct pool *p, long long channel, int *failed)
{
	struct bot_version *v = NULL;
	size_t v_n = 0;
	int          slot = -1, freeslot = -1;

	*failed = 0;
	if (db_bot_version(p, channel, &v, &v_n) != DB_OK) {
		*failed = 1;
		return NULL;
	}
	for (int i = 0; i < BOT_SLOTS; i++) {
		if (slots[i] && slots[i]->channel == channel)
			slot = i;
		else if (slots[i] == NULL && freeslot < 0)
			freeslot = i;
	}
	if (v_n == 0 || v[0].bot_enabled == 0) {
		if (slot >= 0)
			slots[slot]->enabled = 0;	/* the short path stops too */
		return NULL;
	}
	if (slot >= 0 && slots[slot]->version == v[0].bot_version) {
		slots[slot]->enabled = 1;	/* on again at the same version */
		slots[slot]->checked = wx_now();
		return slots[slot];
	}
	if (slot < 0)
		slot = freeslot >= 0 ? freeslot : (int)(channel % BOT_SLOTS);
	if (slots[slot]) {
		pool_free(&slots[slot]->pool);
		free(slots[slot]);
	}
	slots[slot] = xmalloc(sizeof *slots[slot]);
	memset(slots[slot], 0, sizeof *slots[slot]);
	if (fill(p, slots[slot], channel) != 0) {
		pool_free(&slots[slot]->pool);
		free(slots[slot]);
		slots[slot] = NULL;
		*failed = 1;
		return NULL;
	}
	slots[slot]->checked = wx_now();
	return slots[slot]->enabled ? slots[slot] : NULL;
}

/* ---- changes to the rules ---- */

struct rules_add {
	long long              channel;
	const struct bot_rule_text *rules;
	int                         n, replace;
};

static enum dbrc
rules_add_step(struct pool *p, void *arg)
{
	const struct rules_add *x = arg;
	enum dbrc               rc = x->replace ? db_bot_rules_clear(p, x->channel) : DB_OK;

	for (int i = 0; rc == DB_OK && i < x->n; i++)
		rc = db_bot_rule_insert(p, x->channel, x->rules[i].mode, x->rules[i].patterns,
		    x->rules[i].answer, x->rules[i].handoff, x->rules[i].attachment,
		    (long long)wx_now());
	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

enum dbrc
bot_rules_add(struct pool *p, long long channel, const struct bot_rule_text *rules, int n,
    int replace)
{
	struct rules_add x = { channel, rules, n, replace };

	return db_txn(p, rules_add_step, &x);
}

struct rule_remove {
	long long channel, rule;
};

static enum dbrc
rule_remove_step(struct pool *p, void *arg)
{
	const struct rule_remove *x = arg;
	enum dbrc                 rc = db_bot_rule_delete(p, x->channel, x->rule);

	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

enum dbrc
bot_rule_remove(struct pool *p, long long channel, long long rule)
{
	struct rule_remove x = { channel, rule };

	return db_txn(p, rule_remove_step, &x);
}

struct rule_edit {
	long long                   channel, rule;
	const struct bot_rule_text *t;
	int                         by;
};

static enum dbrc
rule_edit_step(struct pool *p, void *arg)
{
	const struct rule_edit *x = arg;
	enum dbrc               rc = db_bot_rule_update(p, x->channel, x->rule, x->t->mode,
	    x->t->patterns, x->t->answer, x->t->handoff, x->t->attachment);

	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

enum dbrc
bot_rule_edit(struct pool *p, long long channel, long long rule, const struct bot_rule_text *t)
{
	struct rule_edit x = { channel, rule, t, 0 };

	return db_txn(p, rule_edit_step, &x);
}

/* the rules numbered again 1…n in their order, the one moved swapped with
 * its neighbour */
static enum dbrc
rule_move_step(struct pool *p, void *arg)
{
	const struct rule_edit *x = arg;
	struct bot_rules       *l = NULL;
	size_t                  n = 0, at = 0;
	enum dbrc               rc = db_bot_rules(p, x->channel, &l, &n);

	if (rc != DB_OK)
		return rc;
	while (at < n && l[at].id != x->rule)
		at++;
	if (at == n)
		return DB_NOTFOUND;
	if ((x->by < 0 && at > 0) || (x->by > 0 && at + 1 < n)) {
		size_t           to = x->by < 0 ? at - 1 : at + 1;
		struct bot_rules t = l[at];
		l[at] = l[to];
		l[to] = t;
	}
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (l[i].position != (long long)i + 1)
			rc = db_bot_rule_position(p, x->channel, l[i].id, (long long)i + 1);
	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

enum dbrc
bot_rule_move(struct pool *p, long long channel, long long rule, int by)
{
	struct rule_edit x = { channel, rule, NULL, by };

	return db_txn(p, rule_move_step, &x);
}

/* ---- the numbered menu ---- */

const char *
bot_menu_text(struct pool *p, const struct bot_menu *m)
{
	struct buf  b = { 0 };
	const char *out;

	buf_puts(&b, m->intro ? m->intro : "");
	for (int i = 0; i < m->n; i++)
		buf_printf(&b, "%s%d. %s", b.len ? "\n" : "", i + 1, m->item[i].label);
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

int
bot_menu_of(struct pool *p, const struct bot_rules *rules, size_t n, struct bot_menu *m)
{
	const struct bot_rules *show = NULL;

	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < n; i++) {
		int k = (int)rules[i].menu_item;
		if (k == 0)
			show = &rules[i];
		else if (k >= 1 && k <= BOT_MENU_ITEMS) {
			const char **alts;
			/* an item's patterns: its number, then its label */
			m->item[k - 1].label = bot_split(p, rules[i].patterns, &alts) > 1 ? alts[1] : "";
			m->item[k - 1].answer = rules[i].answer ? rules[i].answer : "";
			m->item[k - 1].handoff = rules[i].handoff != 0;
			if (k > m->n)
				m->n = k;
		}
	}
	if (show == NULL)
		return 0;
	m->words = show->patterns;
	/* the intro is the menu's text less the list it ends with */
	{
		const char *text = show->answer ? show->answer : "";
		struct bot_menu list = *m;
		size_t          tl = strlen(text), ll;
		list.intro = "";
		ll = strlen(bot_menu_text(p, &list));
		m->intro = tl >= ll ? pool_strndup(p, text, tl - ll - (tl > ll && m->n)) : text;
	}
	return 1;
}

struct menu_save {
	long long              channel;
	const struct bot_menu *m;
	const char            *text;
};

static enum dbrc
menu_save_step(struct pool *p, void *arg)
{
	const struct menu_save *x = arg;
	enum dbrc               rc = db_bot_menu_clear(p, x->channel);

	if (rc == DB_OK && x->m->n > 0)
		rc = db_bot_menu_insert(p, x->channel, "contains", x->m->words, x->text, 0, 0);
	for (int i = 0; rc == DB_OK && i < x->m->n; i++)
		rc = db_bot_menu_insert(p, x->channel, "exact", pool_printf(p, "%d\n%s", i + 1,
		    x->m->item[i].label), x->m->item[i].answer, x->m->item[i].handoff, i + 1);
	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

enum dbrc
bot_menu_save(struct pool *p, long long channel, const struct bot_menu *m)
{
	struct menu_save x = { channel, m, bot_menu_text(p, m) };

	return db_txn(p, menu_save_step, &x);
}

/* ---- what an admin types: each a form field's check ---- */

const char *
v_bot_text(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	return utf8_chars(v) > BOT_TEXT_MAX ? "v.message_max" : NULL;
}

const char *
v_patterns(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.plain";
	return strlen(v) > 1000 ? "v.patterns_max" : NULL;
}

const char *
v_mode(const char *v)
{
	return strcmp(v, "exact") == 0 || strcmp(v, "contains") == 0 || strcmp(v, "scene") == 0 ?
	    NULL : "v.bot_mode";
}

const char *
v_misses(const char *v)
{
	return strlen(v) == 1 && v[0] >= '1' && v[0] <= '9' ? NULL : "v.bot_misses";
}

int
bot_csv_read(struct pool *p, const char *text, size_t len, struct bot_rule_text **out,
    int *nout, struct buf *bad)
{
	struct bot_rule_text *rules = pool_alloc(p, (BOT_RULES_MAX + 1) * sizeof *rules);
	int                   nbad = 0, line = 0, n = 0;

	for (const char *s = text, *end = text + len; s < end; ) {
		char        *f[4] = { "", "", "", "" };
		const char **alts;
		int          k = csv_record(p, &s, end, f, 4);
		line++;
		if (k == 0 || (k == 1 && *f[0] == '\0') || (line == 1 && strcmp(f[0], "mode") == 0))
			continue;	/* blank lines, and the export's header */
		if (v_mode(f[0]) || v_patterns(f[1]) || bot_split(p, f[1], &alts) == 0 ||
		    v_bot_text(f[2]) || (*f[2] == '\0' && strcmp(f[3], "1") != 0) ||
		    n == BOT_RULES_MAX) {
			if (nbad++ < 10)
				buf_printf(bad, "%s%d", bad->len ? ", " : "", line);
			continue;
		}
		rules[n++] = (struct bot_rule_text){ f[0], f[1], f[2], strcmp(f[3], "1") == 0, 0 };
	}
	*out = rules;
	*nout = n;
	return nbad;
}
