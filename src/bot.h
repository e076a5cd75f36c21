/*
 * bot.h: the chatbot of a WeChat account. It greets a new follower (and one
 * who scans a QR code with a welcome of its own), answers the follower's
 * messages by the account's rules while it holds the chat, and hands the
 * chat to the operators when the follower asks for a person, a rule says
 * so, or it has not understood the follower a number of times in a row.
 * Its answers go out as WeChat passive replies (webhook.c). The decision is
 * pure (bot_decide); the rules come from a per-process cache that is read
 * again when the account's bot_version changes (bot_for).
 */
#ifndef WXDESK_BOT_H
#define WXDESK_BOT_H

#include "db.h"
#include "console.h"
#include "kb.h"

enum bot_mode { BOT_EXACT, BOT_CONTAINS, BOT_SCENE };

struct bot_rule {
	long long     id;
	enum bot_mode mode;
	const char  **alts;	/* the patterns: the rule's lines, or its parts between | */
	size_t        nalts;
	const char   *answer;	/* NULL: none (a hand-off rule may say nothing) */
	int           handoff;
	long long     attachment;	/* a picture answer's file, or 0 */
	const char   *media_id;	/* …as WeChat knows it (uploaded by the worker), or NULL */
};

struct bot {
	long long        channel;
	long long        version;
	int              enabled;
	time_t           checked;	/* when the version was last read as the account's */
	enum lang        lang;	/* the brand's follower language: the default texts */
	const char      *welcome, *fallback, *handoff_text;
	const char     **handoff_words;
	size_t           nhandoff;
	int              miss_limit;
	const char      *service;	/* an external service answers instead (botsvc.h), or NULL */
	const struct kb *kb;	/* the brand's knowledge base (kb.h), or NULL: no articles */
	struct bot_rule *rules;
	size_t           nrules;
	struct pool      pool;	/* everything above */
};

enum bot_kind {
	BOT_ANSWER,	/* a rule's answer; the bot keeps the chat */
	BOT_HANDOFF,	/* the chat goes to the operators (text: what the follower is told) */
	BOT_MISS	/* not understood (text: the fallback); a hand-off at the miss limit */
};

struct bot_answer {
	enum bot_kind kind;
	const char   *text;	/* the passive reply, or NULL for none */
	const char   *media_id;	/* a picture instead of the text, or NULL */
	long long     attachment;	/* …its file */
	const char   *why;	/* a hand-off's reason: note.bot_asked, note.bot_rule, note.bot_missed */
	long long     rule;	/* the rule that matched, or 0 */
	/* the knowledge base (kb.h): kb_brand when it was asked; kb_event
	 * "answered" or "picked" (kb_article's answer) or "offered" (kb_offer's
	 * questions, 0 after the last), else NULL; kb_words: a miss's words */
	long long     kb_brand, kb_article, kb_offer[KB_OFFERS + 1];
	const char   *kb_event, *kb_words;
	int           kb_score;	/* the best article's score (0-100) */
};

/* what the bot says as it hands a chat over */
const char *bot_handoff_line(const struct bot *b);
/* whether text asks for a person (the default words or the account's own) */
int bot_asks_person(const struct bot *b, const char *text);
/*
 * What the bot says to text, having missed misses times in a row before:
 * a person asked for; a number picking one of the questions its last
 * reply offered (offered: their articles, 0 after the last, or NULL); a
 * rule; the knowledge base (an article at the brand's threshold, else the
 * nearest questions offered); else a miss. Texts it makes are in p.
 */
void bot_decide(struct pool *p, const struct bot *b, const char *text, int misses,
	const long long *offered, struct bot_answer *a);
/* the welcome for a follow or a scan of scene (NULL: none), or NULL */
const char *bot_welcome(const struct bot *b, const char *scene);
/* the patterns of a rule's text: one per line or between | signs, trimmed,
 * empty ones left out */
size_t bot_split(struct pool *p, const char *text, const char ***out);
/* the words that ask for a person, beside those an admin adds */
extern const char *const bot_default_handoff[5];

/*
 * The account's bot from the per-process cache (one query, for its
 * version; the settings and rules again only when that changed); NULL when
 * the bot is off, with *failed set when the database could not be read.
 */
const struct bot *bot_for(struct pool *p, long long channel, int *failed);
/* the account's bot as this process last read it, without a query (its
 * version is checked by the statement that uses it), or NULL */
/* the longest the short path answers by rules without reading their version */
#define BOT_CACHE_AGE 10
const struct bot *bot_cached(long long channel);
/* a bot made from rows, for the account page's test box (not cached) */
const struct bot *bot_load(struct pool *p, long long channel);

/* ---- the statements (db-bot.c) ---- */

/* columns of db_bot_settings */
#define BOT_SETTINGS_ROW(C) C(INT, bot_enabled) C(INT, bot_version) C(STR, bot_welcome) \
	C(STR, bot_fallback) C(STR, bot_handoff_text) C(STR, bot_handoff_words) \
	C(INT, bot_miss_limit) C(STR, follower_language) C(STR, bot_service_url)
DB_ROW(bot_settings, BOT_SETTINGS_ROW)
enum dbrc db_bot_settings(struct pool *p, long long channel, struct bot_settings **rows, size_t *n);
/* columns of db_bot_version */
#define BOT_VERSION_ROW(C) C(INT, bot_enabled) C(INT, bot_version)
DB_ROW(bot_version, BOT_VERSION_ROW)
enum dbrc db_bot_version(struct pool *p, long long channel, struct bot_version **rows, size_t *n);
/* columns of db_bot_rules */
/* (menu_item: -1 a rule of its own; 0 the rule that shows the menu, 1-9 its items) */
#define BOT_RULES_ROW(C) C(INT, id) C(STR, mode) C(STR, patterns) C(STR, answer) \
	C(INT, handoff) C(INT, position) C(INT, picture) C(STR, media_id) C(INT, menu_item)
DB_ROW(bot_rules, BOT_RULES_ROW)
enum dbrc db_bot_rules(struct pool *p, long long channel, struct bot_rules **rows, size_t *n);
enum dbrc db_bot_settings_set(struct pool *p, long long channel, const char *welcome,
	const char *fallback, const char *handoff_text, const char *handoff_words,
	long long miss_limit);
enum dbrc db_bot_menu_clear(struct pool *p, long long channel);
enum dbrc db_bot_menu_insert(struct pool *p, long long channel, const char *mode,
	const char *patterns, const char *answer, int handoff, int item);
enum dbrc db_bot_rule_update(struct pool *p, long long channel, long long rule, const char *mode,
	const char *patterns, const char *answer, int handoff, long long attachment);
enum dbrc db_bot_rule_position(struct pool *p, long long channel, long long rule,
	long long position);
enum dbrc db_bot_rule_insert(struct pool *p, long long channel, const char *mode,
	const char *patterns, const char *answer, int handoff, long long attachment, long long now);
enum dbrc db_bot_rule_delete(struct pool *p, long long channel, long long rule);
enum dbrc db_bot_rules_clear(struct pool *p, long long channel);
enum dbrc db_bot_bump(struct pool *p, long long channel);
enum dbrc db_bot_enable(struct pool *p, long long channel, int on);
/* the bot's passive reply, in the transcript (dedupe: one per follower message);
 * miss: the fallback to a message it did not understand; kept: the reply
 * to a kept push (spool.h), not said */
enum dbrc db_bot_reply(struct pool *p, long long channel, long long follower, long long chat,
	const char *type, const char *text, int miss, long long attachment, const char *dedupe,
	int kept, long long now);
/* columns of db_bot_media_due: pictures to upload (again) */
#define BOT_MEDIA_DUE_ROW(C) C(INT, id) C(INT, channel_id) C(STR, path) C(STR, mime) \
	C(STR, app_id) C(STR, app_secret_enc)
DB_ROW(bot_media_due, BOT_MEDIA_DUE_ROW)
enum dbrc db_bot_media_due(struct pool *p, long long before, struct bot_media_due **rows, size_t *n);
enum dbrc db_bot_media_set(struct pool *p, long long rule, const char *media_id, long long now);
enum dbrc db_bot_handoff(struct pool *p, long long chat, long long now);
/* how many times in a row the bot has not understood the follower: the
 * fallbacks at the end of the chat's replies (at most limit) */
enum dbrc db_bot_misses(struct pool *p, long long chat, int limit, int *misses);

/* ---- changes to the rules, each one transaction (bot.c) ---- */

/* A rule as its page or an import gives it (text, not yet parsed). */
struct bot_rule_text {
	const char *mode, *patterns, *answer;
	int         handoff;
	long long   attachment;
};
/* Adds n rules after the channel's others (replace: instead of them), and
 * makes every process read the rules again. */
enum dbrc bot_rules_add(struct pool *p, long long channel, const struct bot_rule_text *rules,
	int n,
	int replace);
enum dbrc bot_rule_remove(struct pool *p, long long channel, long long rule);
/* A rule changed in its place (a picture of 0 keeps its own). DB_NOTFOUND:
 * no such rule of the channel. */
enum dbrc bot_rule_edit(struct pool *p, long long channel, long long rule,
	const struct bot_rule_text *t);
/* A rule one place earlier (by -1) or later (by 1); at an end it stays. */
enum dbrc bot_rule_move(struct pool *p, long long channel, long long rule, int by);

/* ---- the numbered menu, built as a menu and kept as rules ---- */

#define BOT_MENU_ITEMS 9
struct bot_menu {
	const char *words;	/* what shows the menu ("菜单|menu"), words in the message */
	const char *intro;	/* said above the list */
	int         n;	/* items */
	struct {
		const char *label;	/* "查订单": the list's line, and a word that picks it */
		const char *answer;	/* "" with handoff: hand the chat over saying nothing */
		int         handoff;
	} item[BOT_MENU_ITEMS];
};
/* what the menu's rule answers: the intro, then "1. label" a line */
const char *bot_menu_text(struct pool *p, const struct bot_menu *m);
/* the menu back from the rules (menu_item >= 0): 1, or 0 when there is none */
int bot_menu_of(struct pool *p, const struct bot_rules *rules, size_t n, struct bot_menu *m);
/* The menu's rules replaced by m's (m->n 0: the menu removed), first among
 * the rules, in one transaction. */
enum dbrc bot_menu_save(struct pool *p, long long channel, const struct bot_menu *m);

/* ---- what an admin types (the bot page's field checks, and its import) ---- */

#define BOT_TEXT_MAX  2000	/* characters of an answer or a bot text */
#define BOT_RULES_MAX 500	/* rules one import brings */
const char *v_bot_text(const char *v);
const char *v_patterns(const char *v);	/* the words or messages a rule matches */
const char *v_mode(const char *v);	/* exact, contains or scene */
const char *v_misses(const char *v);	/* misses before a hand-off: 1-9 */
/*
 * Rules from a CSV as the export writes it (mode, patterns, answer, handoff;
 * a header line and blank lines skipped): *out gets the good ones (*nout of
 * them), bad the first ten bad lines' numbers. Returns the number of bad lines.
 */
int bot_csv_read(struct pool *p, const char *text, size_t len, struct bot_rule_text **out,
	int *nout, struct buf *bad);

#endif
