/* test_kb.c: the knowledge base's words (kb_words: Chinese, mixed scripts, full-width
 * digits and punctuation, emoji) and its ranking on a fixed set of articles (kb_rank). */
#include "../../src/kb.h"
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
	pool_free(&p);
	return tap_done();
}
