/*
 * test_lang.c: the language catalogues (same keys, same printf values in
 * both), the choice of language from Accept-Language, and what a missing
 * key shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ClearSilver.h>
#include "../../src/wxdesk.h"
#include "tap.h"

/* every leaf of a under prefix exists in b; returns the leaves seen */
static int
same_keys(HDF *a, HDF *b, const char *prefix, const char *an, const char *bn)
{
	int n = 0;

	for (HDF *c = hdf_obj_child(a); c; c = hdf_obj_next(c)) {
		char name[256];
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_value(c)) {
			n++;
			CHECK(hdf_get_value(b, name, NULL) != NULL, "%s is in %s but not in %s",
			    name, an, bn);
		}
		if (hdf_obj_child(c))
			n += same_keys(c, b, name, an, bn);
	}
	return n;
}

/* the printf conversions of a text ("%s %lld"), for comparison */
static void
conversions(const char *s, char *out, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (; s && *s && o + 8 < n; s++) {
		if (*s != '%')
			continue;
		size_t k = strspn(s + 1, "-0123456789.lz") + 2;
		o += (size_t)snprintf(out + o, n - o, "%.*s ", (int)k, s);
		s += k - 1;
	}
}

static int
same_formats(HDF *a, HDF *b, const char *prefix)
{
	int bad = 0;

	for (HDF *c = hdf_obj_child(a); c; c = hdf_obj_next(c)) {
		char name[256], fa[128], fb[128];
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_value(c) && strncmp(name, "time.", 5) != 0) {
			conversions(hdf_obj_value(c), fa, sizeof fa);
			conversions(hdf_get_value(b, name, ""), fb, sizeof fb);
			if (strcmp(fa, fb) != 0) {
				bad++;
				printf("  %s: \"%s\" and \"%s\"\n", name, fa, fb);
			}
		}
		if (hdf_obj_child(c))
			bad += same_formats(c, b, name);
	}
	return bad;
}

int
main(void)
{
	char cfg[] = "/tmp/wxdesk-lang-XXXXXX";
	int  fd = mkstemp(cfg);
	FILE *f = fdopen(fd, "w");
	const char *root = getenv("WXDESK_ROOT") ? getenv("WXDESK_ROOT") : ".";

	fprintf(f, "Lang.Dir = %s/lang\nLang.Default = zh-CN\n", root);
	fclose(f);
	CHECK(cfg_load(cfg) == 0, "config");
	unlink(cfg);

	HDF *en = lang_catalogue(LANG_EN), *zh = lang_catalogue(LANG_ZH);
	int  n_en = same_keys(en, zh, "", "en", "zh-CN");
	int  n_zh = same_keys(zh, en, "", "zh-CN", "en");
	CHECK(n_en > 100 && n_en == n_zh, "both catalogues have the same %d keys (%d)", n_en, n_zh);
	CHECK(same_formats(en, zh, "") == 0, "each text takes the same values in both");

	/* the two catalogues say different things */
	CHECK(strcmp(lang_text(LANG_EN, "login.submit"), "Sign in") == 0, "English");
	CHECK(strcmp(lang_text(LANG_ZH, "login.submit"), "登录") == 0, "Chinese");
	/* a missing key shows itself (and is logged), never NULL or another text */
	CHECK(strcmp(lang_text(LANG_ZH, "no.such.key"), "no.such.key") == 0, "missing key");

	/* Accept-Language */
	CHECK(lang_accept("zh-CN,zh;q=0.9,en;q=0.8") == LANG_ZH, "zh-CN first");
	CHECK(lang_accept("en-US,en;q=0.9,zh-CN;q=0.8") == LANG_EN, "en-US first");
	CHECK(lang_accept("fr-FR, zh-Hans;q=0.5") == LANG_ZH, "a known one after an unknown");
	CHECK(lang_accept("de, fr;q=0.5") == -1, "none known");
	CHECK(lang_accept("en;q=0.3, zh;q=0.7") == LANG_ZH, "by q, not by order");
	CHECK(lang_accept("") == -1 && lang_accept(NULL) == -1, "empty");
	CHECK(lang_parse("zh_CN") == LANG_ZH && lang_parse("EN") == LANG_EN &&
	    lang_parse("zhx") == -1 && lang_parse("e") == -1, "codes");

	/* no header, no cookie: the configured default */
	struct req r;
	memset(&r, 0, sizeof r);
	CHECK(lang_default(&r) == LANG_ZH, "Lang.Default");
	r.accept_language = "en-GB";
	CHECK(lang_default(&r) == LANG_EN, "the header before the default");

	/* values and times read naturally in each language */
	r.lang = LANG_ZH;
	CHECK(strcmp(LF(&r, "span.minutes", 3LL), "3 分钟") == 0, "%s", LF(&r, "span.minutes", 3LL));
	CHECK(strcmp(lang_time(&r, 1795878120), "2026年11月28日 15:02（UTC）") == 0, "%s",
	    lang_time(&r, 1795878120));
	r.lang = LANG_EN;
	CHECK(strcmp(lang_time(&r, 1795878120), "2026-11-28 15:02 UTC") == 0, "%s",
	    lang_time(&r, 1795878120));
	/* in the viewer's zone, as the page script tells it */
	CHECK(req_parse_cookies(&r.pool, "wxdesk_tz=Asia/Shanghai", &r.cookies) == 0, "cookie");
	CHECK(strcmp(lang_time(&r, 1795878120), "2026-11-28 23:02") == 0, "%s",
	    lang_time(&r, 1795878120));
	r.lang = LANG_ZH;
	CHECK(strcmp(lang_time(&r, 1795878120), "2026年11月28日 23:02") == 0, "%s",
	    lang_time(&r, 1795878120));
	CHECK(req_parse_cookies(&r.pool, "wxdesk_tz=../../etc/passwd", &r.cookies) == 0, "cookie");
	CHECK(strcmp(lang_time(&r, 1795878120), "2026年11月28日 15:02（UTC）") == 0,
	    "a zone that is not one: UTC, said");
	CHECK(req_parse_cookies(&r.pool, "wxdesk_tz=Mars/Olympus", &r.cookies) == 0, "cookie");
	CHECK(strcmp(lang_time(&r, 1795878120), "2026年11月28日 15:02（UTC）") == 0,
	    "a zone this machine does not know: UTC, said");
	pool_free(&r.pool);
	return tap_done();
}
