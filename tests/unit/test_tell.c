/*
 * test_tell.c: what a follower is told when their chat enters the queue
 * (tell_decide), the expected wait in words, the queue text's values, and
 * the checks of a brand's own texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "../../src/tell.h"
#include "tap.h"

static struct tell_facts
facts(int closed, long long position, long long queued, long long available, long long limit)
{
	struct tell_facts f = { 0 };

	f.handoff = 1;
	f.closed = closed, f.position = position, f.queued = queued;
	f.available = available, f.queue_limit = limit, f.wait = -1;
	return f;
}

int
main(void)
{
	char              cfg[] = "/tmp/wxdesk-tell-XXXXXX";
	int               fd = mkstemp(cfg);
	FILE             *f = fdopen(fd, "w");
	const char       *root = getenv("WXDESK_ROOT") ? getenv("WXDESK_ROOT") : ".";
	struct pool       p = { 0 };
	struct tell_facts x;
	struct tell_texts t;

	fprintf(f, "Lang.Dir = %s/lang\n", root);
	fclose(f);
	CHECK(cfg_load(cfg) == 0, "config");
	unlink(cfg);

	/* the decision */
	x = facts(1, 1, 1, 3, 10);
	CHECK(tell_decide(&x) == TELL_WHY_CLOSED, "closed: the off-hours text, whoever is there");
	x = facts(0, 11, 11, 3, 10);
	CHECK(tell_decide(&x) == TELL_WHY_LONG, "more chats than the limit: the queue and the offer");
	x = facts(0, 10, 10, 3, 10);
	CHECK(tell_decide(&x) == TELL_WHY_QUEUED, "…at the limit: the queue, no offer");
	x = facts(0, 1, 1, 0, 10);
	CHECK(tell_decide(&x) == TELL_WHY_QUEUED, "nobody available: the queue text, even first");
	x = facts(0, 2, 2, 1, 10);
	CHECK(tell_decide(&x) == TELL_WHY_QUEUED, "others wait before it: the queue text");
	x = facts(0, 1, 1, 1, 10);
	CHECK(tell_decide(&x) == TELL_WHY_NONE, "first, someone there: nothing to add");
	/* a chat a person opened (no bot): told only the hours and a queue too long */
	x = facts(0, 3, 3, 0, 10), x.handoff = 0;
	CHECK(tell_decide(&x) == TELL_WHY_NONE, "without the bot, open, nobody there: nothing yet");
	x = facts(1, 1, 1, 0, 10), x.handoff = 0;
	CHECK(tell_decide(&x) == TELL_WHY_CLOSED, "…closed: the off-hours text");
	x = facts(0, 11, 11, 0, 10), x.handoff = 0;
	CHECK(tell_decide(&x) == TELL_WHY_LONG, "…the queue too long: the queue and the offer");

	/* the expected wait in words */
	CHECK_STR(tell_wait(&p, LANG_ZH, -1), "暂时无法估计");
	CHECK_STR(tell_wait(&p, LANG_EN, -1), "we cannot estimate it yet");
	CHECK_STR(tell_wait(&p, LANG_EN, 59), "less than a minute");
	CHECK_STR(tell_wait(&p, LANG_EN, 60), "about 1 minute");
	CHECK_STR(tell_wait(&p, LANG_ZH, 120), "约 2 分钟");
	CHECK_STR(tell_wait(&p, LANG_EN, 121), "about 3 minutes");
	CHECK_STR(tell_wait(&p, LANG_EN, 100 * 60), "about 2 hours");

	/* the queue text: the defaults, and a brand's own with its values */
	memset(&t, 0, sizeof t);
	t.lang = LANG_ZH;
	t.text[TELL_QUEUED] = tell_default(LANG_ZH, TELL_QUEUED);
	CHECK_STR(tell_queued(&p, &t, 2, 120), "您已进入人工客服排队，当前排在第 2 位，预计等待时间：约 2 分钟。");
	t.lang = LANG_EN;
	t.text[TELL_QUEUED] = "Place {position}, {wait}; {position} again, {other} kept";
	CHECK_STR(tell_queued(&p, &t, 7, -1),
	    "Place 7, we cannot estimate it yet; 7 again, {other} kept");
	CHECK(strstr(tell_default(LANG_EN, TELL_QUEUED), "{position}") &&
	    strstr(tell_default(LANG_EN, TELL_QUEUED), "{wait}"), "the defaults fill in both");

	/* a brand's own texts */
	CHECK(tell_invalid(TELL_OFFHOURS, "") == NULL && tell_invalid(TELL_OFFHOURS, NULL) == NULL,
	    "empty: the default");
	CHECK(tell_invalid(TELL_QUEUED, "第 {position} 位，约 {wait}\n谢谢") == NULL,
	    "the queue text takes its values, and line breaks");
	CHECK_STR(tell_invalid(TELL_QUEUED, "{place}"), "v.follower_queued_values");
	CHECK_STR(tell_invalid(TELL_OFFHOURS, "{position}"), "v.follower_no_values");
	CHECK_STR(tell_invalid(TELL_NOBODY, "a\001b"), "v.follower_text_control");
	CHECK_STR(tell_invalid(TELL_NOBODY, "\xff"), "v.utf8");
	{
		char long_text[1600];
		for (int i = 0; i < 501; i++)
			memcpy(long_text + 3 * i, "好", 3);
		long_text[3 * 501] = '\0';
		CHECK_STR(tell_invalid(TELL_LEAVE_DONE, long_text), "v.follower_text_max");
		long_text[3 * 500] = '\0';
		CHECK(tell_invalid(TELL_LEAVE_DONE, long_text) == NULL, "500 characters are fine");
	}
	CHECK(v_leave_after("5") == NULL && v_leave_after("0") && v_leave_after("1441") &&
	    v_leave_after("5m"), "minutes 1-1440");
	CHECK(v_queue_limit("1000") == NULL && v_queue_limit("1001") && v_queue_limit(""),
	    "chats 1-1000");
	pool_free(&p);
	return tap_done();
}
