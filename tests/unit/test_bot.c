/* test_bot.c: the chatbot's decisions (bot_decide, bot_welcome, bot_split), CSV records
 * in, and the answers of an external bot service read (botsvc_parse). */
#include "../../src/bot.h"
#include "../../src/botsvc.h"
#include "tap.h"

static struct bot_rule
rule(struct pool *p, long long id, enum bot_mode mode, const char *patterns, const char *answer,
    int handoff)
{
	struct bot_rule r = { id, mode, NULL, 0, answer, handoff, 0, NULL };

	r.nalts = bot_split(p, patterns, &r.alts);
	return r;
}

int
main(void)
{
	struct pool       p = { 0 };
	struct bot_answer a;
	const char      **alts;
	struct bot_rule   rules[6];
	const char       *words[] = { "找经理" };
	struct bot        b;

	CHECK(bot_split(&p, " 菜单 |menu\n\n  help  \r\n", &alts) == 3 &&
	    strcmp(alts[0], "菜单") == 0 && strcmp(alts[1], "menu") == 0 && strcmp(alts[2], "help") == 0,
	    "patterns: lines and | parts, trimmed, empty ones left out");
	CHECK(bot_split(&p, " | \n ", &alts) == 0, "nothing but separators: no pattern");

	rules[0] = rule(&p, 1, BOT_CONTAINS, "菜单|menu", "MENU", 0);
	rules[1] = rule(&p, 2, BOT_EXACT, "1", "ONE", 0);
	rules[2] = rule(&p, 3, BOT_EXACT, "2", NULL, 1);
	rules[3] = rule(&p, 4, BOT_CONTAINS, "price\n价格", "PRICE", 0);
	rules[4] = rule(&p, 5, BOT_SCENE, "spring", "SPRING", 0);
	rules[5] = rule(&p, 6, BOT_EXACT, "Hello There", "HI", 0);
	memset(&b, 0, sizeof b);
	b.lang = LANG_EN;
	b.welcome = "WELCOME";
	b.fallback = "HUH";
	b.handoff_text = "HANDING";
	b.handoff_words = words;
	b.nhandoff = 1;
	b.miss_limit = 2;
	b.rules = rules;
	b.nrules = 6;

	bot_decide(&p, &b, "有菜单吗", 0, NULL, &a);
	CHECK(a.kind == BOT_ANSWER && strcmp(a.text, "MENU") == 0 && a.rule == 1, "Chinese within a sentence");
	bot_decide(&p, &b, "Show me the MENU, please", 0, NULL, &a);
	CHECK(a.kind == BOT_ANSWER && a.rule == 1, "a Latin word, any case");
	bot_decide(&p, &b, "menus", 0, NULL, &a);
	CHECK(a.kind == BOT_MISS && strcmp(a.text, "HUH") == 0, "not inside a longer word");
	bot_decide(&p, &b, " 1 ", 0, NULL, &a);
	CHECK(a.kind == BOT_ANSWER && strcmp(a.text, "ONE") == 0, "a menu choice: the whole message");
	bot_decide(&p, &b, "12", 0, NULL, &a);
	CHECK(a.kind == BOT_MISS, "…not a longer one");
	bot_decide(&p, &b, "hello there", 0, NULL, &a);
	CHECK(a.kind == BOT_ANSWER && a.rule == 6, "whole message, any case");
	bot_decide(&p, &b, "2", 0, NULL, &a);
	CHECK(a.kind == BOT_HANDOFF && strcmp(a.why, "note.bot_rule") == 0 && strcmp(a.text, "HANDING") == 0,
	    "a hand-off rule without an answer says the hand-off text");
	bot_decide(&p, &b, "我要转人工", 0, NULL, &a);
	CHECK(a.kind == BOT_HANDOFF && strcmp(a.why, "note.bot_asked") == 0, "a default hand-off word");
	bot_decide(&p, &b, "Can I talk to an agent?", 0, NULL, &a);
	CHECK(a.kind == BOT_HANDOFF, "…in English");
	bot_decide(&p, &b, "帮我找经理", 0, NULL, &a);
	CHECK(a.kind == BOT_HANDOFF, "the account's own hand-off word");
	bot_decide(&p, &b, "price of the menu", 0, NULL, &a);
	CHECK(a.kind == BOT_ANSWER && a.rule == 1, "the first rule in order wins among words");
	bot_decide(&p, &b, "what?", 1, NULL, &a);
	CHECK(a.kind == BOT_HANDOFF && strcmp(a.why, "note.bot_missed") == 0, "the second miss hands off");
	bot_decide(&p, &b, NULL, 0, NULL, &a);
	CHECK(a.kind == BOT_MISS, "a picture or voice is not understood");
	CHECK_STR(bot_welcome(&b, NULL), "WELCOME");
	CHECK_STR(bot_welcome(&b, "spring"), "SPRING");
	CHECK_STR(bot_welcome(&b, "autumn"), "WELCOME");
	bot_decide(&p, &b, "spring", 0, NULL, &a);
	CHECK(a.kind == BOT_MISS, "a scene's welcome is not an answer to a message");
	b.fallback = NULL;
	bot_decide(&p, &b, "zzz", 0, NULL, &a);
	CHECK(a.kind == BOT_MISS && a.text != NULL && *a.text, "no fallback of its own: the catalogue's");

	/* CSV records in: quoted fields with commas, quotes and line breaks */
	{
		const char *csv = "\xef\xbb\xbfmode,patterns,answer,handoff\r\n"
		    "contains,\"price\n价格\",\"Prices, see \"\"list\"\"\",0\n"
		    "exact, 1 ,one\n"
		    "\n";
		const char *s = csv, *end = csv + strlen(csv);
		char       *f[4];
		CHECK(csv_record(&p, &s, end, f, 4) == 4 && strcmp(f[0], "mode") == 0 &&
		    strcmp(f[3], "handoff") == 0, "the header, a byte-order mark dropped");
		CHECK(csv_record(&p, &s, end, f, 4) == 4 && strcmp(f[1], "price\n价格") == 0 &&
		    strcmp(f[2], "Prices, see \"list\"") == 0 && strcmp(f[3], "0") == 0,
		    "quoted: a line break, a comma, doubled quotes");
		CHECK(csv_record(&p, &s, end, f, 4) == 3 && strcmp(f[1], "1") == 0 &&
		    strcmp(f[2], "one") == 0, "unquoted, trimmed, three fields");
		CHECK(csv_record(&p, &s, end, f, 4) == 1 && *f[0] == '\0', "a blank line");
		CHECK(csv_record(&p, &s, end, f, 4) == 0, "the end");
	}
	{
		const char *csv = "mode,patterns,answer,handoff\r\n"
		    "contains,价格|price,\"见价目表\",0\n"
		    "\n"
		    "sometimes,x,y,0\n"	/* line 4: no such mode */
		    "exact,2,,1\n"		/* a hand-off needs no answer */
		    "exact,3,,0\n"		/* line 6: says nothing, hands nothing on */
		    "exact, | ,z,0\n";	/* line 7: no pattern */
		struct bot_rule_text *got;
		struct buf            bad = { 0 };
		int                   n, nbad = bot_csv_read(&p, csv, strlen(csv), &got, &n, &bad);
		CHECK(nbad == 3 && bad.data && strcmp(bad.data, "4, 6, 7") == 0,
		    "an import names its bad lines by number");
		CHECK(n == 2 && strcmp(got[0].mode, "contains") == 0 &&
		    strcmp(got[0].answer, "见价目表") == 0 && !got[0].handoff &&
		    strcmp(got[1].patterns, "2") == 0 && got[1].handoff,
		    "and reads the good ones, the header and blank lines skipped");
		buf_free(&bad);
	}
	{
		struct bot_menu  m = { "菜单|menu", "请回复数字：", 2, { { "查订单", "请发订单号", 0 },
			{ "找人工", "", 1 } } }, back;
		struct bot_rules rows[3];
		const char      *text = bot_menu_text(&p, &m);
		CHECK_STR(text, "请回复数字：\n1. 查订单\n2. 找人工");
		memset(rows, 0, sizeof rows);
		rows[0] = (struct bot_rules){ 7, "contains", "菜单|menu", text, 0, 0, 0, NULL, 0 };
		rows[1] = (struct bot_rules){ 8, "exact", "1\n查订单", "请发订单号", 0, 0, 0, NULL, 1 };
		rows[2] = (struct bot_rules){ 9, "exact", "2\n找人工", NULL, 1, 0, 0, NULL, 2 };
		CHECK(bot_menu_of(&p, rows, 3, &back) == 1 && back.n == 2 &&
		    strcmp(back.words, "菜单|menu") == 0 && strcmp(back.intro, "请回复数字：") == 0 &&
		    strcmp(back.item[0].label, "查订单") == 0 && back.item[1].handoff &&
		    strcmp(back.item[1].answer, "") == 0, "a menu read back from its rules, as built");
		m.intro = "";
		rows[0].answer = bot_menu_text(&p, &m);
		CHECK(bot_menu_of(&p, rows, 3, &back) == 1 && strcmp(back.intro, "") == 0,
		    "…with no intro");
		CHECK(bot_menu_of(&p, rows + 1, 2, &back) == 0, "no menu without its first rule");
	}
	CHECK(v_mode("scene") == NULL && v_mode("Exact") != NULL, "a rule's mode is one of three");
	CHECK(v_misses("3") == NULL && v_misses("0") != NULL && v_misses("10") != NULL,
	    "misses before a hand-off: 1 to 9");
	CHECK(v_bot_text("你好") == NULL && strcmp(v_bot_text("\xff"), "v.plain") == 0,
	    "a bot text is UTF-8");

	/* an external service's answers (botsvc.h) */
	{
		struct botsvc_answer sa;
		struct buf           big = { 0 };
#define PARSE(s) botsvc_parse(&p, s, strlen(s), &sa)
		CHECK(PARSE("{\"type\":\"text\",\"text\":\"您好，订单已发货\"}") == 0 &&
		    sa.kind == BS_TEXT && strcmp(sa.text, "您好，订单已发货") == 0, "service: a text");
		CHECK(PARSE("{\"type\":\"handoff\"}") == 0 && sa.kind == BS_HANDOFF && sa.text == NULL,
		    "service: a hand-off saying nothing of its own (the bot's line)");
		CHECK(PARSE("{\"type\":\"handoff\",\"text\":\"转人工\"}") == 0 &&
		    sa.kind == BS_HANDOFF && strcmp(sa.text, "转人工") == 0, "service: a hand-off's line");
		CHECK(PARSE("{\"type\":\"image\",\"url\":\"https://cdn.example.com/a.png\"}") == 0 &&
		    sa.kind == BS_PICTURE && strcmp(sa.url, "https://cdn.example.com/a.png") == 0,
		    "service: a picture by its address");
		CHECK(PARSE("{\"type\":\"none\"}") == 0 && sa.kind == BS_NOTHING,
		    "service: nothing to say");
		CHECK(PARSE("{\"type\":\"text\",\"text\":\"\"}") != 0, "service: an empty text is no answer");
		CHECK(PARSE("{\"type\":\"image\",\"url\":\"file:///etc/passwd\"}") != 0,
		    "service: a picture only by http or https");
		CHECK(PARSE("{\"type\":\"video\"}") != 0 && PARSE("[1]") != 0 && PARSE("success") != 0 &&
		    PARSE("") != 0 && PARSE("{\"text\":\"hi\"}") != 0,
		    "service: an unknown type, not an object, not JSON, no type");
		CHECK(PARSE("{\"type\":\"text\",\"text\":\"\xff\"}") != 0,
		    "service: a text that is not UTF-8 is no answer");
		buf_printf(&big, "{\"type\":\"text\",\"text\":\"");
		for (int i = 0; i < BOT_TEXT_MAX + 1; i++)
			buf_printf(&big, "字");
		buf_printf(&big, "\"}");
		CHECK(botsvc_parse(&p, big.data, big.len, &sa) != 0,
		    "service: a text longer than the bot's texts is no answer");
		buf_free(&big);
#undef PARSE
	}
	pool_free(&p);
	return tap_done();
}
