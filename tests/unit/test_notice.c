/*
 * test_notice.c: the rules of a template's fields (notice.h), which the
 * ladder's page checks with and the simulator refuses with (47003): the
 * fields of a content, first and remark left out; each type's limit; no
 * emoji, no line breaks; the text the phone shows; WeChat's day in Beijing.
 */
#include <string.h>

#include "../../src/notice.h"
#include "tap.h"

static const char *
why(const char *key, const char *v)
{
	int limit;

	return notice_value_invalid(key, v, &limit);
}

int
main(void)
{
	struct pool         p = { 0 };
	struct notice_field f[NOTICE_FIELDS_MAX];
	size_t              n;
	int                 limit;

	n = notice_fields(&p, "{{first.DATA}}\n订单编号：{{character_string1.DATA}}\n"
	    "商品名称：{{thing2.DATA}}  数量：{{number3.DATA}}\n{{remark.DATA}}", f, NOTICE_FIELDS_MAX);
	CHECK(n == 3, "three fields: first and remark left out");
	CHECK(n == 3 && strcmp(f[0].key, "character_string1") == 0 &&
	    strcmp(f[0].label, "订单编号：") == 0, "a field's label is what precedes it on its line");
	CHECK(n == 3 && strcmp(f[2].key, "number3") == 0 && strcmp(f[2].label, "数量：") == 0,
	    "…after another field on the same line");
	CHECK(notice_fields(&p, "no fields here", f, NOTICE_FIELDS_MAX) == 0, "no field: none");
	CHECK(notice_fields(&p, "{{bad key.DATA}} {{ok1.DATA}}", f, NOTICE_FIELDS_MAX) == 1 &&
	    strcmp(f[0].key, "ok1") == 0, "a key with a space is not a field");
	CHECK(notice_fields(&p, "{{a1.DATA}}{{a2.DATA}}{{a3.DATA}}", f, 2) == 2, "at most max");

	CHECK(why("thing1", "保温杯") == NULL, "a thing of 3 characters");
	CHECK(why("thing1", "一二三四五六七八九十一二三四五六七八九十") == NULL, "…of 20");
	CHECK(why("thing1", "一二三四五六七八九十一二三四五六七八九十一") != NULL &&
	    strcmp(why("thing1", "一二三四五六七八九十一二三四五六七八九十一"), "notice.value_long") == 0,
	    "…of 21 is too long");
	notice_value_invalid("thing1", "x", &limit);
	CHECK(limit == 20, "…its limit is 20");
	CHECK(why("thing1", "") && strcmp(why("thing1", ""), "notice.value_empty") == 0, "empty");
	CHECK(why("thing1", "好😀") && strcmp(why("thing1", "好😀"), "notice.value_emoji") == 0,
	    "no emoji");
	CHECK(why("keyword1", "a\nb") && strcmp(why("keyword1", "a\nb"), "notice.value_line") == 0,
	    "one line");
	CHECK(why("number2", "12.5") == NULL && why("number2", "12a") != NULL, "a number: digits");
	CHECK(why("letter3", "abc") == NULL && why("letter3", "ab1") != NULL, "letters");
	CHECK(why("symbol4", "#%") == NULL && why("symbol4", "#%&*!?") != NULL &&
	    why("symbol4", "a") != NULL, "symbols: 5 at most");
	CHECK(why("character_string5", "A1024-x") == NULL && why("character_string5", "单号") != NULL,
	    "a character string: ASCII only");
	CHECK(why("time6", "2026年12月6日 10:00") == NULL && why("time6", "明天") != NULL,
	    "a time has digits");
	CHECK(why("amount7", "¥88.00") == NULL && why("amount7", "免费") != NULL, "an amount");
	CHECK(why("phone_number8", "+86 138-0000-0000") == NULL && why("phone_number8", "电话") != NULL,
	    "a phone number");
	CHECK(why("name9", "张三") == NULL && why("name9", "一二三四五六七八九十一") != NULL &&
	    why("name9", "Alexander Hamilton") == NULL, "a name: 10 Chinese or 20 letters");
	CHECK(why("phrase10", "已发货") == NULL && why("phrase10", "已经发货了吧") != NULL, "a phrase: 5");
	CHECK(why("thing1", "\xff\xfe") && strcmp(why("thing1", "\xff\xfe"), "notice.value_bad") == 0,
	    "bad UTF-8");

	{
		json_t *data = json_pack("{s:{s:s},s:{s:s},s:{s:s}}", "character_string1", "value",
		    "A1024", "thing2", "value", "保温杯", "first", "value", "您好");
		char   *t = notice_render(&p, "订单发货通知", "{{first.DATA}}\n订单编号："
		    "{{character_string1.DATA}}\n商品名称：{{thing2.DATA}}\n{{remark.DATA}}", data);
		CHECK(strcmp(t, "订单发货通知\n订单编号：A1024\n商品名称：保温杯") == 0,
		    "the phone shows the title and each line filled in, without first and remark");
		json_decref(data);
	}
	CHECK(strcmp(notice_day(&p, 1765036800), "2025-12-07") == 0 &&
	    strcmp(notice_day(&p, 1765036800 - 8 * 3600), "2025-12-06") == 0,
	    "WeChat's day is Beijing's");
	pool_free(&p);
	return tap_done();
}
