/*
 * lang.c: the language a person reads wxdesk in, and the catalogues.
 *
 * Every word a page, a message or the page script shows comes from one
 * catalogue per language: lang/en.hdf and lang/zh-CN.hdf (Lang.Dir), HDF
 * files with the same keys (make lint and the unit tests check it).
 * Templates read them as Lang.<key>; C code asks for a key with L() or,
 * when the text takes values, LF() (the catalogue's text is the format:
 * both languages have the same conversions in the same order, checked by
 * lint).
 *
 * Who reads in which language: a staff account's own choice (users.language,
 * on the "My account" page); else, and before sign-in, the browser's
 * Accept-Language; else Lang.Default (English unless configured).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "wx.h"
#include "json.h"

#define NOTE_MAX_VALUES 8

static const struct {
	const char *code;	/* BCP 47, as <html lang> and the catalogue's file */
	const char *name;	/* the language's own name for itself */
} langs[LANG__N] = {
	[LANG_EN] = { "en", "English" },
	[LANG_ZH] = { "zh-CN", "简体中文" },
};

static HDF *cats[LANG__N];
static HDF *pages[LANG__N];	/* the catalogue under "Lang", for templates */
static int  loaded;

static void
lang_load(void)
{
	const char *dir = cfg_get("Lang.Dir", "lang");
	char        path[1024];
	NEOERR     *err;

	loaded = 1;
	for (int i = 0; i < LANG__N; i++) {
		if (hdf_init(&cats[i]) != STATUS_OK)
			abort();
		snprintf(path, sizeof path, "%s/%s.hdf", dir, langs[i].code);
		if ((err = hdf_read_file(cats[i], path)) != STATUS_OK) {
			wx_log("language catalogue %s cannot be read: every text shows its key",
			    path);
			nerr_ignore(&err);
		}
		if (hdf_init(&pages[i]) != STATUS_OK)
			abort();
		if ((err = hdf_copy(pages[i], "Lang", cats[i])) != STATUS_OK)
			nerr_ignore(&err);
	}
}

/*
 * The catalogue as templates read it (Lang.*): given to ClearSilver as the
 * parse's global data, which it reads where the request's own has no such
 * name, so no page copies the catalogue (160 µs a page for 850 texts).
 */
HDF *
lang_page_data(enum lang l)
{
	if (!loaded)
		lang_load();
	return pages[l < 0 || l >= LANG__N ? LANG_EN : l];
}

HDF *
lang_catalogue(enum lang l)
{
	if (!loaded)
		lang_load();
	return cats[l < 0 || l >= LANG__N ? LANG_EN : l];
}

const char *
lang_code(enum lang l)
{
	return langs[l < 0 || l >= LANG__N ? LANG_EN : l].code;
}

const char *
lang_name(enum lang l)
{
	return langs[l < 0 || l >= LANG__N ? LANG_EN : l].name;
}

/* "en", "en-US", "zh-CN", "zh-Hans", "zh": the language, or -1 */
int
lang_parse(const char *code)
{
	if (code == NULL)
		return -1;
	if (strncasecmp(code, "zh", 2) == 0 && (code[2] == '\0' || code[2] == '-' ||
	    code[2] == '_'))
		return LANG_ZH;
	if (strncasecmp(code, "en", 2) == 0 && (code[2] == '\0' || code[2] == '-' ||
	    code[2] == '_'))
		return LANG_EN;
	return -1;
}

/*
 * The language an Accept-Language header prefers among wxdesk's, or -1:
 * the known language with the highest q (the first on a tie).
 */
int
lang_accept(const char *hdr)
{
	int    best = -1;
	double bestq = 0;

	while (hdr && *hdr) {
		char        tag[32];
		size_t      n = strcspn(hdr, ",;");
		double      q = 1;
		const char *next = hdr + strcspn(hdr, ",");

		while (n && hdr[n - 1] == ' ')
			n--;
		while (n && *hdr == ' ')
			hdr++, n--;
		snprintf(tag, sizeof tag, "%.*s", (int)(n < sizeof tag ? n : sizeof tag - 1), hdr);
		for (const char *s = hdr + n; s < next; s++)
			if (strncmp(s, "q=", 2) == 0)
				q = strtod(s + 2, NULL);
		int l = lang_parse(tag);
		if (l >= 0 && q > bestq) {
			best = l;
			bestq = q;
		}
		hdr = *next ? next + 1 : next;
	}
	return best;
}

/*
 * The language of a visitor, or of an account that never chose one: the
 * switch on the sign-in page (the wxlang cookie), the browser's
 * Accept-Language, Lang.Default.
 */
enum lang
lang_default(struct req *r)
{
	int l = lang_parse(req_cookie(r, "wxlang"));

	if (l < 0)
		l = lang_accept(r->accept_language);

	if (l < 0)
		l = lang_parse(cfg_get("Lang.Default", "en"));
	return l < 0 ? LANG_EN : (enum lang)l;
}

const char *
lang_text(enum lang l, const char *key)
{
	const char *v = hdf_get_value(lang_catalogue(l), key, NULL);

	if (v == NULL) {
		wx_log("language catalogue %s has no key %s", lang_code(l), key);
		return key;
	}
	return v;
}

int
lang_has(enum lang l, const char *key)
{
	return hdf_get_value(lang_catalogue(l), key, NULL) != NULL;
}

const char *
L(struct req *r, const char *key)
{
	return lang_text(r->lang, key);
}

const char *
LF(struct req *r, const char *key, ...)
{
	struct buf  b = { 0 };
	va_list     ap;
	const char *out;

	va_start(ap, key);
	buf_vprintf(&b, lang_text(r->lang, key), ap);
	va_end(ap);
	out = pool_strdup(&r->pool, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/*
 * The viewer's time zone, as the page script tells it (the wxdesk_tz
 * cookie: the browser's own zone), when this machine knows it; else NULL
 * (times are then shown in UTC, and say so).
 */
static const char *
viewer_zone(struct req *r)
{
	const char *z = req_cookie(r, "wxdesk_tz");
	char        path[160];
	size_t      n = z ? strlen(z) : 0;

	if (n == 0 || n > 64 || strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_+-/") != n || strstr(z, "..") || z[0] == '/')
		return NULL;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", z);
	return access(path, R_OK) == 0 ? z : NULL;
}

/*
 * A time as people write it in the language, in the viewer's zone:
 * "2026-11-28 15:02", "2026年11月28日 15:02"; in UTC, saying so, when the
 * browser did not tell its zone.
 */
const char *
lang_time(struct req *r, time_t t)
{
	const char *zone = viewer_zone(r);
	struct tm   tm;
	char        out[64];

	if (zone) {
		/* one request at a time per process: TZ is set for this call only */
		const char *was = getenv("TZ");
		char       *keep = was ? pool_strdup(&r->pool, was) : NULL;
		setenv("TZ", zone, 1);
		tzset();
		localtime_r(&t, &tm);
		if (keep)
			setenv("TZ", keep, 1);
		else
			unsetenv("TZ");
		tzset();
	} else
		gmtime_r(&t, &tm);
	strftime(out, sizeof out, lang_text(r->lang, zone ? "time.format_local" : "time.format"),
	    &tm);
	return pool_strdup(&r->pool, out);
}

/* the page script's texts (the catalogue's js.*), as a JSON object; made
 * once per process and language */
const char *
lang_script_text(struct req *r)
{
	static char *made[LANG__N];
	json_t      *o;
	HDF         *js;

	if (made[r->lang])
		return made[r->lang];
	o = json_object();
	js = hdf_get_obj(lang_catalogue(r->lang), "js");
	for (HDF *c = js ? hdf_obj_child(js) : NULL; c; c = hdf_obj_next(c))
		json_object_set_new(o, hdf_obj_name(c), json_s(hdf_obj_value(c)));
	made[r->lang] = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return made[r->lang] ? made[r->lang] : "{}";
}

const char *
minutes_text(struct pool *p, enum lang l, long long m)
{
	static const struct { long long per; const char *one, *many; } units[] = {
		{ 43200, "minutes.month", "minutes.months" },
		{ 10080, "minutes.week", "minutes.weeks" },
		{ 1440, "minutes.day", "minutes.days" },
		{ 60, "minutes.hour", "minutes.hours" },
	};
	struct buf  b = { 0 };
	const char *out, *fmt = lang_text(l, m == 1 ? "minutes.minute" : "minutes.minutes");
	long long   n = m;

	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (m % units[i].per == 0) {
			n = m / units[i].per;
			fmt = lang_text(l, n == 1 ? units[i].one : units[i].many);
			break;
		}
	buf_printf(&b, fmt, n);
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/*
 * A catalogue text whose %s take the given strings, in order (the texts a
 * chat's notes are drawn from). A value "m:<n>" is a number of minutes,
 * said in words in the language.
 */
const char *
lang_format(struct pool *p, enum lang l, const char *key, const char *const *v, int n)
{
	struct buf  b = { 0 };
	const char *out;
	int         i = 0;

	for (const char *f = lang_text(l, key); *f; f++) {
		if (f[0] == '%' && f[1] == 's') {
			const char *val = i < n && v[i] ? v[i] : "";
			i++;
			if (strncmp(val, "m:", 2) == 0)
				val = minutes_text(p, l, strtoll(val + 2, NULL, 10));
			buf_puts(&b, val);
			f++;
		} else if (f[0] == '%' && f[1] == '%') {
			buf_puts(&b, "%");
			f++;
		} else
			buf_putc(&b, *f);
	}
	out = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/*
 * A text kept for later readers in any language ("key|value|value"): made
 * by lang_code_text from a catalogue key and its %s values ('|' in a value
 * becomes '/'), read back by lang_coded. Anything else stored (older rows)
 * is shown as it is.
 */
const char *
lang_code_text(struct pool *p, const char *key, ...)
{
	struct buf  b = { 0 };
	const char *v, *out;
	va_list     ap;

	buf_puts(&b, key);
	va_start(ap, key);
	while ((v = va_arg(ap, const char *)) != NULL) {
		buf_putc(&b, '|');
		for (; *v; v++)
			buf_putc(&b, *v == '|' ? '/' : *v);
	}
	va_end(ap);
	out = pool_strdup(p, b.data);
	buf_free(&b);
	return out;
}

const char *
lang_coded(struct pool *p, enum lang l, const char *stored)
{
	const char *v[NOTE_MAX_VALUES];
	char       *s, *key;
	int         n = 0;

	if (stored == NULL)
		return NULL;
	s = pool_strdup(p, stored);
	key = s;
	if ((s = strchr(s, '|')) != NULL)
		*s++ = '\0';
	if (!lang_has(l, key))
		return stored;
	while (s && n < NOTE_MAX_VALUES) {
		v[n++] = s;
		if ((s = strchr(s, '|')) != NULL)
			*s++ = '\0';
	}
	return lang_format(p, l, key, v, n);
}
