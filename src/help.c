/*
 * help.c: the guides (docs/<lang>/<guide>.md) read in the browser, and each
 * page's Help link to the part about it (help.h). A guide is Markdown
 * (CommonMark with GitHub's tables, read by libcmark-gfm); it reaches the
 * page as a list of pieces (an element opened or closed from a fixed set,
 * text, code, a picture) that templates/help.cs writes, every text escaped,
 * so no HTML is made here and none in a guide passes through.
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "help.h"
#include "ui.h"

/* each page's part of a guide: the longest path prefix wins */
static const struct {
	const char *prefix, *guide, *part;
} parts[] = {
	{ "/console/", "operator", "console" },
	{ "/console/followers", "admin", "followers" },
	{ "/console/board", "operator", "routing" },
	{ "/console/broadcasts", "admin", "broadcasts" },
	{ "/console/kb", "admin", "kb" },
	{ "/reports/", "admin", "reports" },
	{ "/account", "operator", "alerts" },
	{ "/account/2fa", "admin", "twofactor" },
	{ "/admin/", "admin", "home" },
	{ "/admin/brands", "admin", "tour" },
	{ "/admin/operators", "admin", "tour" },
	{ "/admin/channels", "admin", "connect" },
	{ "/admin/audit", "admin", "audit" },
	{ "/admin/api", "admin", "api" },
	{ "/help/", "operator", "windows" },
};
/* pages under an account's, by the word after its id */
static const struct {
	const char *word, *part;
} account_parts[] = {
	{ "bot", "bot" }, { "qr", "qr" }, { "menu", "menu" }, { "templates", "templates" },
	{ "csat", "csat" }, { "upstream", "upstream" }, { "hours", "hours" },
};

const char *
help_link(struct pool *p, const char *path)
{
	size_t best = 0, at = 0;

	if (path == NULL)
		path = "/";
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		size_t n = strlen(parts[i].prefix);
		if (strncmp(path, parts[i].prefix, n) == 0 && n > best)
			best = n, at = i;
	}
	if (best == 0)
		return "/help/operator";
	/* /admin/channels/<id>/<word>… and /admin/brands/<id>/<word>… */
	if (strcmp(parts[at].part, "connect") == 0 || strcmp(parts[at].part, "tour") == 0) {
		const char *s = path + best;
		if (*s == '/')
			s++;
		s += strspn(s, "0123456789");
		if (*s == '/')
			for (size_t i = 0; i < sizeof account_parts / sizeof account_parts[0]; i++) {
				size_t n = strlen(account_parts[i].word);
				if (strncmp(s + 1, account_parts[i].word, n) == 0 &&
				    (s[1 + n] == '\0' || s[1 + n] == '/'))
					return pool_printf(p, "/help/admin#%s", account_parts[i].part);
			}
	}
	return pool_printf(p, "/help/%s#%s", parts[at].guide, parts[at].part);
}

int
help_guide_known(const char *guide)
{
	static const char *const guides[] = { "operator", "admin", "operations", "contributing",
		"capacity" };

	for (size_t i = 0; i < sizeof guides / sizeof guides[0]; i++)
		if (strcmp(guide, guides[i]) == 0)
			return 1;
	return 0;
}

/* the pieces written so far, into the page's Doc.<n> */
struct out {
	struct req *r;
	size_t      n;
};

static void
piece(struct out *o, const char *kind, const char *name, const char *a, const char *b)
{
	const char *base = pool_printf(&o->r->pool, "Doc.%zu", o->n++);

	tmpl_set(o->r, pool_printf(&o->r->pool, "%s.T", base), kind);
	if (name)
		tmpl_set(o->r, pool_printf(&o->r->pool, "%s.E", base), name);
	if (a)
		tmpl_set(o->r, pool_printf(&o->r->pool, "%s.A", base), a);
	if (b)
		tmpl_set(o->r, pool_printf(&o->r->pool, "%s.B", base), b);
}

/*
 * Where a guide's link or picture points in the browser: another guide
 * (a guide's file, with its #part) is /help/<guide>; a picture of
 * ../shots/ is /help/shots/; http(s) and #parts stay; anything else
 * (a path of the repository) is left out.
 */
static const char *
href(struct pool *p, const char *url)
{
	const char *s = url, *hash, *dot;

	if (url == NULL || *url == '\0')
		return NULL;
	if (*url == '#' || strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0)
		return url;
	if (strncmp(s, "../shots/", 9) == 0 && strchr(s + 9, '/') == NULL &&
	    strstr(s + 9, "..") == NULL)
		return pool_printf(p, "/help/shots/%s", s + 9);
	while (strncmp(s, "../", 3) == 0)
		s += 3;
	if (strncmp(s, "en/", 3) == 0 || strncmp(s, "zh-CN/", 6) == 0)
		s = strchr(s, '/') + 1;
	hash = strchr(s, '#');
	dot = strstr(s, ".md");
	if (dot == NULL || (hash && dot > hash) || strchr(s, '/') != NULL)
		return NULL;
	{
		char *guide = pool_strndup(p, s, (size_t)(dot - s));
		if (!help_guide_known(guide))
			return NULL;
		return pool_printf(p, "/help/%s%s", guide, hash ? hash : "");
	}
}

/* a heading's own part name, written at its end as {#name}: taken off its
 * text, and returned (NULL: none) */
static const char *
part_of(struct pool *p, cmark_node *heading)
{
	cmark_node *last = cmark_node_last_child(heading);
	const char *t, *open;
	size_t      n;

	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT ||
	    (t = cmark_node_get_literal(last)) == NULL || (n = strlen(t)) < 4 || t[n - 1] != '}' ||
	    (open = strstr(t, "{#")) == NULL)
		return NULL;
	{
		const char *id = pool_strndup(p, open + 2, (size_t)(t + n - 1 - (open + 2)));
		size_t      keep = (size_t)(open - t);
		while (keep > 0 && t[keep - 1] == ' ')
			keep--;
		cmark_node_set_literal(last, pool_strndup(p, t, keep));
		return id;
	}
}

/* the text under node (a picture's words) */
static const char *
text_under(struct pool *p, cmark_node *node)
{
	struct buf b = { 0 };
	const char *s;

	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		if ((s = cmark_node_get_literal(c)) != NULL)
			buf_printf(&b, "%s", s);
	s = pool_strdup(p, b.len ? b.data : "");
	buf_free(&b);
	return s;
}

/* the element a block or an inline is, or NULL (its children alone) */
static const char *
element(cmark_node *n, int *header_row)
{
	const char *type = cmark_node_get_type_string(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		/* (a list item's lone paragraph reads as its text) */
		return cmark_node_parent(n) && cmark_node_get_type(cmark_node_parent(n)) ==
		    CMARK_NODE_ITEM && cmark_node_get_list_tight(cmark_node_parent(
		    cmark_node_parent(n))) ? NULL : "p";
	case CMARK_NODE_BLOCK_QUOTE:
		return "blockquote";
	case CMARK_NODE_LIST:
		return cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "ol" : "ul";
	case CMARK_NODE_ITEM:
		return "li";
	case CMARK_NODE_HEADING:
		switch (cmark_node_get_heading_level(n)) {
		case 1: return "h1";
		case 2: return "h2";
		case 3: return "h3";
		default: return "h4";
		}
	case CMARK_NODE_EMPH:
		return "em";
	case CMARK_NODE_STRONG:
		return "strong";
	case CMARK_NODE_LINK:
		return "a";
	default:
		break;
	}
	if (strcmp(type, "table") == 0)
		return "table";
	if (strcmp(type, "table_row") == 0) {
		*header_row = cmark_gfm_extensions_get_table_row_is_header(n);
		return "tr";
	}
	if (strcmp(type, "table_cell") == 0)
		return *header_row ? "th" : "td";
	return NULL;
}

/* the guide text (n bytes) as the page's pieces; the number of pieces */
static size_t
pieces(struct req *r, const char *md, size_t n)
{
	cmark_parser     *parser;
	cmark_node       *doc;
	cmark_iter       *it;
	cmark_event_type  ev;
	struct out        o = { r, 0 };
	int               header_row = 0;

	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
	cmark_parser_feed(parser, md, n);
	doc = cmark_parser_finish(parser);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *e;

		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:	/* (shown as text) */
			piece(&o, "text", NULL, cmark_node_get_literal(node), NULL);
			continue;
		case CMARK_NODE_SOFTBREAK:
			piece(&o, "text", NULL, " ", NULL);
			continue;
		case CMARK_NODE_LINEBREAK:
			piece(&o, "br", NULL, NULL, NULL);
			continue;
		case CMARK_NODE_CODE:
			piece(&o, "code", NULL, cmark_node_get_literal(node), NULL);
			continue;
		case CMARK_NODE_CODE_BLOCK:
			piece(&o, "pre", NULL, cmark_node_get_literal(node), NULL);
			continue;
		case CMARK_NODE_THEMATIC_BREAK:
			piece(&o, "hr", NULL, NULL, NULL);
			continue;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER) {
				const char *src = href(&r->pool, cmark_node_get_url(node));
				if (src)
					piece(&o, "img", NULL, src, text_under(&r->pool, node));
				cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
			}
			continue;
		default:
			break;
		}
		if ((e = element(node, &header_row)) == NULL)
			continue;
		/* (a link to what the browser cannot open: its words alone) */
		if (cmark_node_get_type(node) == CMARK_NODE_LINK &&
		    href(&r->pool, cmark_node_get_url(node)) == NULL)
			e = "span";
		if (ev == CMARK_EVENT_EXIT) {
			piece(&o, "close", e, NULL, NULL);
			continue;
		}
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
			piece(&o, "open", e, part_of(&r->pool, node), NULL);
		else if (strcmp(e, "a") == 0)
			piece(&o, "open", e, href(&r->pool, cmark_node_get_url(node)), NULL);
		else
			piece(&o, "open", e, NULL, NULL);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return o.n;
}

/* the guide's file in lang (its English when that language lacks it), or NULL */
static char *
guide_read(struct pool *p, const char *guide, enum lang l, size_t *n)
{
	const char *dir = cfg_get("Help.Dir", "docs");
	const char *files[2];
	FILE       *f = NULL;
	struct buf  b = { 0 };
	char        chunk[16384];
	size_t      k;
	char       *out;

	if (strcmp(guide, "capacity") == 0)
		files[0] = files[1] = pool_printf(p, "%s/capacity.md", dir);
	else {
		files[0] = pool_printf(p, "%s/%s/%s.md", dir, lang_code(l), guide);
		files[1] = pool_printf(p, "%s/en/%s.md", dir, guide);
	}
	for (int i = 0; i < 2 && f == NULL; i++)
		f = fopen(files[i], "rb");
	if (f == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, k);
	fclose(f);
	*n = b.len;
	out = pool_strndup(p, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* GET /help/<guide>: the guide in the reader's language (?in= the other:
 * the guide alone, where ?lang= would switch the reader's pages too) */
void
help_get(struct req *r, struct resp *rs)
{
	const char *guide = strrchr(r->path, '/') + 1, *want = ui_arg(r, "in");
	enum lang   l = r->lang;
	size_t      n = 0;
	char       *md;

	if (*want && lang_parse(want) >= 0)
		l = (enum lang)lang_parse(want);
	if (!help_guide_known(guide) || (md = guide_read(&r->pool, guide, l, &n)) == NULL) {
		ui_not_found(r, rs, "guide");
		return;
	}
	pieces(r, md, n);
	tmpl_set(r, "Help.Guide", guide);
	tmpl_set(r, "Help.Lang", lang_code(l));
	tmpl_set(r, "Help.Other", lang_code(l == LANG_ZH ? LANG_EN : LANG_ZH));
	tmpl_set(r, "Page.Title", L(r, pool_printf(&r->pool, "help.%s", guide)));
	tmpl_set(r, "Nav", "help");
	tmpl_render(r, rs, "help.cs");
}
