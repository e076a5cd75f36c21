/*
 * menu.c: WeChat's rules for a custom menu (menu.h), in one place: the Menu
 * page checks a menu with them before it is published, and the simulator
 * answers menu/create and menu/addconditional with them.
 */
#include <string.h>

#include "menu.h"

/* the types a desk uses, and what each needs */
static const struct {
	const char *type;
	int         key, url, mini, media, article;
} types[] = {
	{ "click", 1, 0, 0, 0, 0 },
	{ "scancode_push", 1, 0, 0, 0, 0 },
	{ "scancode_waitmsg", 1, 0, 0, 0, 0 },
	{ "pic_sysphoto", 1, 0, 0, 0, 0 },
	{ "pic_photo_or_album", 1, 0, 0, 0, 0 },
	{ "pic_weixin", 1, 0, 0, 0, 0 },
	{ "location_select", 1, 0, 0, 0, 0 },
	{ "view", 0, 1, 0, 0, 0 },
	{ "miniprogram", 0, 1, 1, 0, 0 },
	{ "media_id", 0, 0, 0, 1, 0 },
	{ "view_limited", 0, 0, 0, 1, 0 },
	{ "article_id", 0, 0, 0, 0, 1 },
	{ "article_view_limited", 0, 0, 0, 0, 1 },
};

int
menu_keyed(const char *type)
{
	return type && (strcmp(type, "click") == 0 || strcmp(type, "scancode_push") == 0 ||
	    strcmp(type, "scancode_waitmsg") == 0);
}

/* a string member of b, or NULL */
static const char *
str(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* a non-empty string member of at most max bytes */
static int
has(json_t *b, const char *name, size_t max)
{
	const char *v = str(b, name);

	return v && *v && strlen(v) <= max;
}

/* one button with an action (not one with sub-buttons): 0 or its errcode
 * (sub: a sub-button's codes, which WeChat numbers apart) */
static long
action_check(json_t *b, int sub)
{
	const char *type = str(b, "type"), *url = str(b, "url");

	for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++) {
		if (strcmp(type, types[i].type) != 0)
			continue;
		if (types[i].key && !has(b, "key", MENU_KEY_MAX))
			return sub ? 40026 : 40019;
		if (types[i].url && (!has(b, "url", MENU_URL_MAX) || (strncmp(url, "http://", 7) != 0 &&
		    strncmp(url, "https://", 8) != 0)))
			return sub ? 40027 : 40020;
		if (types[i].mini && (!has(b, "appid", 64) || !has(b, "pagepath", MENU_URL_MAX)))
			return 40166;	/* the mini program's appid or page */
		if ((types[i].media && !has(b, "media_id", 128)) ||
		    (types[i].article && !has(b, "article_id", 128)))
			return 40007;
		return 0;
	}
	return sub ? 40024 : 40017;
}

long
menu_check(json_t *buttons, int *top, int *sub)
{
	size_t n = json_is_array(buttons) ? json_array_size(buttons) : 0;

	*top = *sub = -1;
	if (n < 1 || n > MENU_TOP_MAX)
		return 40016;
	for (size_t i = 0; i < n; i++) {
		json_t     *b = json_array_get(buttons, i), *subs = json_object_get(b, "sub_button");
		size_t      k = json_is_array(subs) ? json_array_size(subs) : 0;
		long        e;

		*top = (int)i, *sub = -1;
		if (!json_is_object(b) || !has(b, "name", MENU_TOP_NAME_MAX))
			return 40018;
		if (k > MENU_SUB_MAX)
			return 40023;
		if (k == 0 && (e = action_check(b, 0)) != 0)
			return e;
		for (size_t j = 0; j < k; j++) {
			json_t *s = json_array_get(subs, j);
			*sub = (int)j;
			if (!json_is_object(s) || !has(s, "name", MENU_SUB_NAME_MAX))
				return 40025;
			if ((e = action_check(s, 1)) != 0)
				return e;
		}
	}
	return 0;
}
