/*
 * test_window.c: WeChat's windows as chat_window reads them (chat.h): a
 * follower's message gives 5 messages within 48 hours; a follow, a scan or
 * a menu click gives 3 within a minute; the latest action's allowance holds.
 */
#include "../../src/chat.h"
#include "../../src/wx.h"
#include "tap.h"

int
main(void)
{
	long long until;
	int       max;

	chat_window(1000, 0, &until, &max);
	CHECK(until == 1000 + 48 * 3600 && max == 5, "a message alone: 5 within 48 hours");
	chat_window(1000, 1500, &until, &max);
	CHECK(until == 1560 && max == 3, "a click after it: 3 within the click's minute");
	chat_window(1000, 1000, &until, &max);
	CHECK(until == 1060 && max == 3, "a chat opened by a click (the same second): the click's");
	chat_window(2000, 1500, &until, &max);
	CHECK(until == 2000 + 48 * 3600 && max == 5, "a message after a scan: 5 within 48 hours again");
	CHECK(WX_EVENT_WINDOW == 60 && WX_EVENT_REPLIES == 3 && WX_REPLIES_IN_ROW == 5,
	    "WeChat's table");
	return tap_done();
}
