/* util.c: aborting allocators, the growable buffer, the request pool, logging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wxdesk.h"

static const char *progname = "wxdesk";

const char *
wx_progname(void)
{
	return progname;
}

void
wx_set_progname(const char *name)
{
	progname = name;
}

/*
 * Sends this process's stderr to path (appending), when set: lighttpd does
 * not keep what its FastCGI children write to stderr.
 */
void
wx_log_open(const char *path)
{
	if (path != NULL && *path != '\0' && freopen(path, "a", stderr) == NULL)
		fprintf(stdout, "cannot open log %s\n", path);
}

/*
 * Log lines: "2026-11-28T08:10:44Z webhook[123]: text", in real UTC time
 * (not the test clock, so lines from all programs sort together).
 *
 * A failing dependency repeats the same line for every request (a database
 * outage: a line or two per push), so each call site (its format string)
 * writes at most LOG_BURST lines per LOG_WINDOW seconds; what it held back
 * is counted and said in one line once the window is over. wx_audit lines
 * (who did what) are never held back.
 */
#define LOG_SITES  32
#define LOG_BURST  5
#define LOG_WINDOW 10
static struct {
	const char   *fmt;
	time_t        since;
	unsigned long lines, held;
} log_sites[LOG_SITES];

static void
log_line(const char *text)
{
	char      stamp[32];
	time_t    now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%d]: %s\n", stamp, progname, (int)getpid(), text);
	fflush(stderr);
}

/* Says how many lines call site i held back. */
static void
log_site_held(int i)
{
	char line[256];

	snprintf(line, sizeof line, "%lu more lines like \"%.120s\" were not written in "
	    "%d s", log_sites[i].held, log_sites[i].fmt, LOG_WINDOW);
	log_line(line);
	log_sites[i].held = 0;
}

/* Says what each call site held back in a window that is over. */
static void
log_held(time_t now)
{
	for (int i = 0; i < LOG_SITES && log_sites[i].fmt; i++)
		if (log_sites[i].held && now - log_sites[i].since >= LOG_WINDOW)
			log_site_held(i);
}

static void
log_v(int limited, const char *fmt, va_list ap)
{
	char   line[1024];
	time_t now = time(NULL);

	log_held(now);
	if (limited) {
		int i, slot = 0;
		for (i = 0; i < LOG_SITES && log_sites[i].fmt && log_sites[i].fmt != fmt; i++)
			if (log_sites[i].since < log_sites[slot].since)
				slot = i;
		if (i < LOG_SITES)
			slot = i;	/* this site's entry, or a free one */
		else if (log_sites[slot].held)
			log_site_held(slot);	/* the oldest is reused: say its count first */
		if (log_sites[slot].fmt != fmt || now - log_sites[slot].since >= LOG_WINDOW) {
			log_sites[slot].fmt = fmt;
			log_sites[slot].since = now;
			log_sites[slot].lines = 0;
			log_sites[slot].held = 0;
		}
		if (++log_sites[slot].lines > LOG_BURST) {
			log_sites[slot].held++;
			return;
		}
	}
	vsnprintf(line, sizeof line, fmt, ap);
	log_line(line);
}

void
wx_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(1, fmt, ap);
	va_end(ap);
}

double
wx_mono(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void
wx_audit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(0, fmt, ap);
	va_end(ap);
}

static void
oom(size_t n)
{
	/* lighttpd respawns a FastCGI program that dies, so aborting is safe */
	fprintf(stderr, "%s: out of memory (%zu bytes)\n", progname, n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* ---- buffer ---- */

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->len)
		oom((size_t)-1);
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int     n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ---- pool ---- */

#define POOL_CHUNK 16384

struct pool_chunk {
	struct pool_chunk *next;
	size_t             used;
	size_t             size;
	_Alignas(16) unsigned char data[];
};

void *
pool_alloc(struct pool *p, size_t n)
{
	struct pool_chunk *c = p->head;

	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > POOL_CHUNK / 4 ? n : POOL_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->used = 0;
		c->size = size;
		if (size == n && p->head != NULL) {
			/* keep the partly used chunk in front for small allocations */
			c->next = p->head->next;
			p->head->next = c;
		} else {
			c->next = p->head;
			p->head = c;
		}
	}
	void *r = c->data + c->used;
	c->used += n;
	p->total += n;
	memset(r, 0, n);
	return r;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s ? pool_strndup(p, s, strlen(s)) : NULL;
}

char *
pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap;
	int     n;
	char   *r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return pool_strdup(p, "");
	r = pool_alloc(p, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return r;
}

void
pool_free(struct pool *p)
{
	struct pool_chunk *c = p->head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->head = NULL;
	p->total = 0;
}


int
set_has(const char *set, const char *item)
{
	size_t n = strlen(item);

	while (set && *set) {
		size_t len = strcspn(set, ",");
		if (len == n && strncmp(set, item, n) == 0)
			return 1;
		set += len + (set[len] == ',');
	}
	return 0;
}
