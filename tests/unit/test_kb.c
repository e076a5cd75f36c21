/* test_kb.c: the knowledge base's words (kb_words: Chinese, mixed scripts, full-width
 * digits and punctuation, emoji) and its ranking on a fixed set of articles (kb_rank);
 * the suggestions' ranking learning from what operators picked (suggest_best). */
#include "../../src/kb.h"
#include "../../src/suggest.h"
#include "tap.h"

static const char *
words(struct pool *p, const char *text)
{
	const char **w;
	size_t       n = kb_words(p, text, &w);
	struct buf   b = { 0 };
	const char  *s;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", w[i]);
	s = pool_strdup(p, b.len ? b.data : "");
	buf_free(&b);
	return s;
}

int
main(void)
{
	struct pool            p = { 0 };
	struct kb_match        m[5];
	size_t                 n;
	struct kb_article_text a[] = {
		{ 11, "怎么申请退款？", "退款怎么办理\n我要退钱", "在订单页点“申请退款”，1-3 个工作日原路退回。", 0 },
		{ 12, "快递多久能到？", "什么时候发货\n物流查询", "下单后 48 小时内发货，江浙沪次日达。", 0 },
		{ 13, "可以开发票吗？", "发票怎么开\n增值税专用发票", "可以，在订单页申请电子发票。", 77 },
		{ 14, "iPhone 15 有货吗", "苹果手机库存", "iPhone 15 全系有货。", 0 },
		{ 15, "会员积分怎么用", "积分兑换\n积分过期", "积分可在结算时抵扣，100 积分抵 1 元。", 0 },
	};
	struct kb *k = kb_make(&p, 1, 60, a, sizeof a / sizeof a[0]);

	CHECK_STR(words(&p, "怎么退款"), "么退 怎么 退款");
	CHECK_STR(words(&p, "退款，快递？"), "快递 退款");
	CHECK_STR(words(&p, "好"), "好");
	CHECK_STR(words(&p, "我的iPhone15坏了"), "15 iphone 坏了 我的");
	CHECK_STR(words(&p, "订单１２３４５号"), "12345 号 订单");
	CHECK_STR(words(&p, "ＶＩＰ会员"), "vip 会员");
	CHECK_STR(words(&p, "好评👍👍谢谢😀"), "好评 谢谢");
	CHECK_STR(words(&p, "  ，。!?  "), "");
	CHECK_STR(words(&p, "退款退款"), "款退 退款");
	CHECK(k->narticles == 5 && k->ndocs == 14, "5 articles, 14 phrasings (%zu)", k->ndocs);

	n = kb_rank(&p, k, "怎么申请退款？", m, 3);
	CHECK(n >= 1 && m[0].article == 11 && m[0].score == 100, "the question itself: 100 (%d)",
	    n ? m[0].score : -1);
	n = kb_rank(&p, k, "你好，请问退款怎么办理呀", m, 3);
	CHECK(n >= 1 && m[0].article == 11 && m[0].score >= 60,
	    "a phrasing within a longer message: at the threshold (%d)", n ? m[0].score : -1);
	n = kb_rank(&p, k, "我想问下积分", m, 3);
	CHECK(n >= 1 && m[0].article == 15 && m[0].score < 60 && m[0].score > 0,
	    "a word of an article: near, below the threshold (%d)", n ? m[0].score : -1);
	n = kb_rank(&p, k, "ｉｐｈｏｎｅ15有货吗", m, 3);
	CHECK(n >= 1 && m[0].article == 14 && m[0].score >= 60, "full-width Latin finds its article (%d)",
	    n ? m[0].score : -1);
	n = kb_rank(&p, k, "发票", m, 5);
	CHECK(n >= 1 && m[0].article == 13, "one word: its article first");
	CHECK(n >= 1 && m[0].picture == 77 && strcmp(m[0].answer, "可以，在订单页申请电子发票。") == 0,
	    "…with its answer and its picture (064)");
	CHECK(kb_floor(60) == 20 && kb_floor(90) == 30 && kb_floor(15) == 10,
	    "questions are offered from a third of the threshold, never below 10");
	n = kb_rank(&p, k, "今天天气不错", m, 5);
	CHECK(n == 0, "nothing shared: no article (%zu)", n);
	n = kb_rank(&p, k, "退款和发票", m, 5);
	CHECK(n == 2 && ((m[0].article == 11 && m[1].article == 13) ||
	    (m[0].article == 13 && m[1].article == 11)), "two subjects: both articles, each once");
	n = kb_rank(&p, k, "快递什么时候发货", m, 1);
	CHECK(n == 1 && m[0].article == 12, "max 1: only the best");
	CHECK(kb_rank(&p, NULL, "退款", m, 3) == 0 && kb_rank(&p, k, "", m, 3) == 0,
	    "no knowledge base, no text: nothing");

	/* suggestions: what operators picked rises, a little */
	{
		struct suggestion v[4] = {
			{ "kb", 11, "在订单页点“申请退款”。", "怎么申请退款？", 50 },
			{ "reply", 900, "退款 1-3 个工作日到账。", "退款多久到", 45 },
			{ "canned", 7, "在订单页点“申请退款”。", "/退款", 40 },
			{ "reply", 901, "请提供订单号。", "我要退款", 15 },
		}, out[SUGGESTIONS], w[4];
		struct suggest_picks none[1] = { { "kb", 0, 0 } };
		struct suggest_picks picked[2] = { { "reply", 900, 3 }, { "kb", 900, 40 } };
		memcpy(w, v, sizeof v);
		n = (size_t)suggest_best(w, 4, none, 0, out);
		CHECK(n == 2 && out[0].ref == 11 && out[1].ref == 900,
		    "best first, the same text once, none under 20 (%zu)", n);
		memcpy(w, v, sizeof v);
		n = (size_t)suggest_best(w, 4, picked, 2, out);
		CHECK(n == 2 && out[0].ref == 900 && out[0].score == 51 && out[1].ref == 11,
		    "a reply picked 3 times rises past the article (6 points; a pick of another kind counts not)");
		struct suggest_picks many[1] = { { "reply", 901, 100 } };
		memcpy(w, v, sizeof v);
		n = (size_t)suggest_best(w, 4, many, 1, out);
		CHECK(n == 3 && out[2].ref == 901 && out[2].score == 25,
		    "picks count at most 10 points: a weak match stays below the others");
	}
	pool_free(&p);
	return tap_done();
}
