/* test_search.c: what a person typed as a search (search_terms, search_query) and the
 * words found marked in a message (search_marks): Chinese, mixed scripts, full-width
 * letters, digits and punctuation, emoji. */
#include "../../src/search.h"
#include "tap.h"

/* the parts of a marking joined, a hit as [word] */
static const char *
joined(struct pool *p, const char *text, const char *typed, size_t around, size_t max)
{
	struct search_part *v;
	size_t              n = search_marks(p, text, typed, around, max, &v);
	struct buf          b = { 0 };
	const char         *s;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, v[i].hit ? "[%s]" : "%s", v[i].text);
	s = pool_strdup(p, b.len ? b.data : "");
	buf_free(&b);
	return s;
}

int
main(void)
{
	struct pool  p = { 0 };
	const char **t;
	int          n;

	n = search_terms(&p, "退款 很慢", &t);
	CHECK(n == 2 && strcmp(t[0], "退款") == 0 && strcmp(t[1], "很慢") == 0, "two Chinese words");
	n = search_terms(&p, "退款，快递？怎么还没到！", &t);
	CHECK(n == 3 && strcmp(t[0], "退款") == 0 && strcmp(t[1], "快递") == 0 &&
	    strcmp(t[2], "怎么还没到") == 0, "CJK punctuation separates, a sentence stays one phrase");
	n = search_terms(&p, "ｉＰｈｏｎｅ１５　Ｐｒｏ", &t);
	CHECK(n == 2 && strcmp(t[0], "iphone15") == 0 && strcmp(t[1], "pro") == 0,
	    "full-width letters and digits made ASCII, lowercase; the ideographic space separates");
	n = search_terms(&p, "订单号12345的物流", &t);
	CHECK(n == 1 && strcmp(t[0], "订单号12345的物流") == 0, "mixed scripts without spaces: one phrase");
	n = search_terms(&p, "好评👍👍 谢谢😀", &t);
	CHECK(n == 2 && strcmp(t[0], "好评") == 0 && strcmp(t[1], "谢谢") == 0, "emoji separate, never a term");
	n = search_terms(&p, "  ，。!?  ", &t);
	CHECK(n == 0, "nothing but spaces and punctuation: no term");
	CHECK(search_query(&p, "％") == NULL && search_query(&p, "") == NULL && search_query(&p, NULL) == NULL,
	    "nothing searchable: no query");
	n = search_terms(&p, "a b c d e f g h i j k", &t);
	CHECK(n == SEARCH_TERMS, "at most %d terms", SEARCH_TERMS);
	n = search_terms(&p, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", &t);
	CHECK(n == 1 && utf8_chars(t[0]) == SEARCH_TERM_MAX, "a term cut at %d characters", SEARCH_TERM_MAX);
	CHECK(search_terms(&p, "\xff\xfe", &t) == 0, "not UTF-8: no term");

	CHECK_STR(search_query(&p, "退款 iPhone"), "+\"退款\" +\"iphone\"");
	CHECK_STR(search_query(&p, "say \"hi\" \\ (x) +y -z *"), "+\"say\" +\"hi\" +\"x\" +\"y\" +\"z\"");

	CHECK_STR(joined(&p, "你好，我的退款很慢，请帮我查一下退款进度", "退款", 100, 200),
	    "你好，我的[退款]很慢，请帮我查一下[退款]进度");
	CHECK_STR(joined(&p, "My IPHONE broke", "iphone", 100, 200), "My [IPHONE] broke");
	CHECK_STR(joined(&p, "型号ｉＰｈｏｎｅ１５", "iphone15", 100, 200), "型号[ｉＰｈｏｎｅ１５]");
	CHECK_STR(joined(&p, "订单12345已发货", "１２３４５", 100, 200), "订单[12345]已发货");
	CHECK_STR(joined(&p, "一二三四五六七八九十退款", "退款", 3, 200), "…八九十[退款]");
	CHECK_STR(joined(&p, "退款一二三四五六七八九十", "退款", 3, 4), "[退款]一二…");
	CHECK_STR(joined(&p, "没有这个词", "退款", 3, 200), "没有这个词");
	CHECK_STR(joined(&p, "", "退款", 3, 200), "");
	CHECK_STR(joined(&p, "好评👍谢谢", "谢谢", 100, 200), "好评👍[谢谢]");
	pool_free(&p);
	return tap_done();
}
