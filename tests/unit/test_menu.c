/* test_menu.c: WeChat's rules for a custom menu (menu_check), each errcode
 * and the button it names, on menus that keep and that break them. */
#include <string.h>

#include "../../src/menu.h"
#include "tap.h"

/* the errcode of a menu's button array, and where (top*10 + sub, sub -1: 9) */
static long
check(const char *buttons, int *where)
{
	json_t *b = json_loads(buttons, 0, NULL);
	int     top, sub;
	long    e = menu_check(b, &top, &sub);

	json_decref(b);
	*where = top * 10 + (sub < 0 ? 9 : sub);
	return e;
}

int
main(void)
{
	int  w;
	char name17[64], sub61[128], key129[200], url[1100];

	CHECK(check("[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1001\"}]", &w) == 0,
	    "one click button");
	CHECK(check("[{\"name\":\"菜单\",\"sub_button\":[{\"type\":\"view\",\"name\":\"搜索\","
	    "\"url\":\"http://www.soso.com/\"},{\"type\":\"miniprogram\",\"name\":\"wxa\","
	    "\"url\":\"http://mp.weixin.qq.com\",\"appid\":\"wx286b93c14bbf93aa\","
	    "\"pagepath\":\"pages/lunar/index\"},{\"type\":\"click\",\"name\":\"赞\","
	    "\"key\":\"V1001_GOOD\"}]},{\"type\":\"scancode_push\",\"name\":\"扫码\",\"key\":\"s\"},"
	    "{\"type\":\"article_id\",\"name\":\"文章\",\"article_id\":\"A\"}]", &w) == 0,
	    "WeChat's own example: sub-buttons of view, miniprogram and click");
	CHECK(check("[]", &w) == 40016, "no button: 40016");
	CHECK(check("[{\"type\":\"click\",\"name\":\"a\",\"key\":\"k\"},{\"type\":\"click\",\"name\":"
	    "\"b\",\"key\":\"k\"},{\"type\":\"click\",\"name\":\"c\",\"key\":\"k\"},{\"type\":\"click\","
	    "\"name\":\"d\",\"key\":\"k\"}]", &w) == 40016, "4 buttons: 40016");
	/* names in bytes: 16 for a button (5 Chinese characters are 15), 60 a sub-button */
	CHECK(check("[{\"type\":\"click\",\"name\":\"五个汉字啊\",\"key\":\"k\"}]", &w) == 0,
	    "5 Chinese characters (15 bytes) name a button");
	CHECK(check("[{\"type\":\"click\",\"name\":\"六个汉字啊呀\",\"key\":\"k\"}]", &w) == 40018 &&
	    w == 9, "6 (18 bytes): 40018 at button 1");
	memset(name17, 'a', 17), name17[17] = '\0';
	char doc[4096];
	snprintf(doc, sizeof doc, "[{\"type\":\"click\",\"name\":\"ok\",\"key\":\"k\"},{\"type\":"
	    "\"click\",\"name\":\"%s\",\"key\":\"k\"}]", name17);
	CHECK(check(doc, &w) == 40018 && w == 19, "17 letters: 40018 at button 2");
	memset(sub61, 'a', 61), sub61[61] = '\0';
	snprintf(doc, sizeof doc, "[{\"name\":\"m\",\"sub_button\":[{\"type\":\"click\",\"name\":"
	    "\"%.60s\",\"key\":\"k\"},{\"type\":\"click\",\"name\":\"%s\",\"key\":\"k\"}]}]", sub61,
	    sub61);
	CHECK(check(doc, &w) == 40025 && w == 1, "a sub-button of 61 bytes: 40025 at 1.2");
	CHECK(check("[{\"name\":\"m\",\"sub_button\":[{\"type\":\"click\",\"name\":\"1\",\"key\":\"k\"},"
	    "{\"type\":\"click\",\"name\":\"2\",\"key\":\"k\"},{\"type\":\"click\",\"name\":\"3\","
	    "\"key\":\"k\"},{\"type\":\"click\",\"name\":\"4\",\"key\":\"k\"},{\"type\":\"click\","
	    "\"name\":\"5\",\"key\":\"k\"},{\"type\":\"click\",\"name\":\"6\",\"key\":\"k\"}]}]", &w) ==
	    40023, "6 sub-buttons: 40023");
	CHECK(check("[{\"type\":\"shake\",\"name\":\"x\"}]", &w) == 40017, "an unknown type: 40017");
	CHECK(check("[{\"name\":\"x\"}]", &w) == 40017, "no type and no sub-buttons: 40017");
	CHECK(check("[{\"name\":\"m\",\"sub_button\":[{\"name\":\"x\"}]}]", &w) == 40024,
	    "a sub-button without type: 40024");
	memset(key129, 'k', 129), key129[129] = '\0';
	snprintf(doc, sizeof doc, "[{\"type\":\"click\",\"name\":\"x\",\"key\":\"%s\"}]", key129);
	CHECK(check(doc, &w) == 40019, "a key of 129 bytes: 40019");
	snprintf(doc, sizeof doc, "[{\"type\":\"click\",\"name\":\"x\",\"key\":\"%.128s\"}]", key129);
	CHECK(check(doc, &w) == 0, "…128 is fine");
	CHECK(check("[{\"type\":\"click\",\"name\":\"x\"}]", &w) == 40019, "a click without key: 40019");
	CHECK(check("[{\"type\":\"view\",\"name\":\"x\",\"url\":\"ftp://a\"}]", &w) == 40020,
	    "a link that is not http(s): 40020");
	memcpy(url, "https://", 8);
	memset(url + 8, 'a', 1017), url[1025] = '\0';
	snprintf(doc, sizeof doc, "[{\"type\":\"view\",\"name\":\"x\",\"url\":\"%s\"}]", url);
	CHECK(check(doc, &w) == 40020, "a link of 1,025 bytes: 40020");
	CHECK(check("[{\"name\":\"m\",\"sub_button\":[{\"type\":\"view\",\"name\":\"x\"}]}]", &w) ==
	    40027, "a sub-button link missing: 40027");
	CHECK(check("[{\"type\":\"miniprogram\",\"name\":\"x\",\"url\":\"http://a\"}]", &w) == 40166,
	    "a mini program without its appid and page: 40166");
	CHECK(check("[{\"type\":\"media_id\",\"name\":\"x\"}]", &w) == 40007,
	    "a media button without its id: 40007");
	CHECK(check("{\"button\":[]}", &w) == 40016, "not an array: 40016");
	CHECK(menu_keyed("click") && menu_keyed("scancode_waitmsg") && !menu_keyed("view"),
	    "click and scancode buttons carry their key");
	return tap_done();
}
