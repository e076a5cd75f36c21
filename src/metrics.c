/*
 * metrics.c: the slots of the shared counters file, and /metrics.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "addr.h"
#include "db.h"
#include "metrics.h"
#include "ui.h"

#define M_SLOTS 128
#define M_ERRCODES 24
#define M_JOBS 24	/* the worker's jobs (bin/wxdesk-worker.c: 18) and room */
/* push latency buckets, in seconds (and +Inf after them) */
static const double bucket_le[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5 };
#define M_BUCKETS (sizeof bucket_le / sizeof bucket_le[0])

struct m_job {
	char     name[24];
	uint64_t runs, failures;
	int64_t  last_end;		/* unix time the job last ended */
	uint64_t last_us;		/* how long it took */
};

struct m_slot {
	int32_t  pid;			/* 0: never used */
	char     prog[28];
	uint64_t pushes[MP__N];
	uint64_t lat[M_BUCKETS + 1];	/* per bucket (not cumulative); the last: beyond */
	uint64_t lat_sum_us;
	struct { int64_t key; uint64_t n; } sent[M_ERRCODES];	/* key: errcode + 100 */
	uint64_t tokens_ok, tokens_failed;
	struct m_job jobs[M_JOBS];
};

static struct m_slot *slots;	/* the mapped file */
static struct m_slot *mine;	/* this process's slot, or NULL: not counting */
static int            tried;

/* a forked child counts in a slot of its own */
static void
forked(void)
{
	mine = NULL;
	tried = 0;
}

static const char *
file_path(void)
{
	const char *f = cfg_get("Metrics.File", NULL), *var = getenv("WXDESK_VAR");

	if (f && *f)
		return f;
	if (var && *var) {
		static char path[512];
		snprintf(path, sizeof path, "%s/run/metrics", var);
		return path;
	}
	return NULL;
}

static int
map_file(void)
{
	const char *path = file_path();
	size_t      size = sizeof(struct m_slot) * M_SLOTS;
	struct stat st;
	int         fd;
	void       *m;

	if (slots)
		return 0;
	if (path == NULL || (fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || ((size_t)st.st_size < size && ftruncate(fd, (off_t)size) != 0)) {
		close(fd);
		return -1;
	}
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	slots = m;
	return 0;
}

static int
dead(int32_t pid)
{
	return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
}

/* this process's slot: its own, else a dead one of the same program, else an
 * unused one; found once (no system call per count), again after a fork */
static struct m_slot *
slot(void)
{
	const char *prog = wx_progname();
	int32_t     me;

	if (mine)
		return mine;
	if (tried)
		return NULL;
	tried = 1;
	(void)pthread_atfork(NULL, NULL, forked);
	me = (int32_t)getpid();
	if (map_file() != 0)
		return NULL;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < M_SLOTS; i++) {
			struct m_slot *s = &slots[i];
			int32_t        had = __atomic_load_n(&s->pid, __ATOMIC_ACQUIRE);
			if (had == me)
				return mine = s;
			if (pass == 0 ? !(dead(had) && strcmp(s->prog, prog) == 0) : had != 0)
				continue;
			if (__atomic_compare_exchange_n(&s->pid, &had, me, 0, __ATOMIC_ACQ_REL,
			    __ATOMIC_ACQUIRE)) {
				if (pass == 1)
					snprintf(s->prog, sizeof s->prog, "%s", prog);
				return mine = s;
			}
		}
	return NULL;
}

#define ADD(field, n) __atomic_fetch_add(&(field), (n), __ATOMIC_RELAXED)

void
metrics_push(enum m_push outcome, double seconds)
{
	struct m_slot *s = slot();
	size_t         b = 0;

	if (s == NULL)
		return;
	ADD(s->pushes[outcome], 1);
	while (b < M_BUCKETS && seconds > bucket_le[b])
		b++;
	ADD(s->lat[b], 1);
	ADD(s->lat_sum_us, (uint64_t)(seconds * 1e6));
}

void
metrics_sent(long errcode)
{
	struct m_slot *s = slot();
	int64_t        key = (int64_t)errcode + 100;

	if (s == NULL || key <= 0)
		return;
	for (int i = 0; i < M_ERRCODES; i++) {
		if (s->sent[i].key == 0)
			s->sent[i].key = key;	/* the slot's own process is its only writer */
		if (s->sent[i].key == key) {
			ADD(s->sent[i].n, 1);
			return;
		}
	}
}

void
metrics_token(int ok)
{
	struct m_slot *s = slot();

	if (s)
		ADD(*(ok ? &s->tokens_ok : &s->tokens_failed), 1);
}

void
metrics_job(const char *job, int failed, double seconds, long long now)
{
	struct m_slot *s = slot();

	if (s == NULL)
		return;
	for (int i = 0; i < M_JOBS; i++) {
		struct m_job *j = &s->jobs[i];
		if (j->name[0] == '\0')
			snprintf(j->name, sizeof j->name, "%s", job);
		if (strcmp(j->name, job) != 0)
			continue;
		ADD(j->runs, 1);
		if (failed)
			ADD(j->failures, 1);
		__atomic_store_n(&j->last_us, (uint64_t)(seconds * 1e6), __ATOMIC_RELAXED);
		__atomic_store_n(&j->last_end, (int64_t)now, __ATOMIC_RELAXED);
		return;
	}
}

int
metrics_pushes(unsigned long long out[MP__N])
{
	int used = 0;

	memset(out, 0, sizeof(unsigned long long) * MP__N);
	(void)slot();
	for (int i = 0; slots && i < M_SLOTS; i++) {
		if (slots[i].pid != 0)
			used++;
		for (int k = 0; k < MP__N; k++)
			out[k] += __atomic_load_n(&slots[i].pushes[k], __ATOMIC_RELAXED);
	}
	return used;
}

/* ---- /metrics ---- */

/*
 * Who may scrape: nobody when no Metrics.Token is configured (404, as if
 * there were no such page); else the bearer of that token, from an address
 * in Metrics.Allow when that is set (the client's address, past trusted
 * proxies). 0, or the status already answered.
 */
static int
refused(struct req *r, struct resp *rs)
{
	const char *token = cfg_get("Metrics.Token", ""), *allow = cfg_get("Metrics.Allow", "");
	const char *auth = r->authorization;
	char       *want, *got;

	if (*token == '\0') {
		resp_text(rs, 404, "no such page (set Metrics.Token to serve /metrics)\n");
		return 404;
	}
	if (*allow && !addr_in(r->remote_addr, allow)) {
		resp_text(rs, 403, "metrics are served to the addresses in Metrics.Allow only\n");
		return 403;
	}
	/* compared as hashes: equal lengths, in constant time */
	want = sha256_hex(&r->pool, token, strlen(token));
	got = auth && strncasecmp(auth, "Bearer ", 7) == 0 ?
	    sha256_hex(&r->pool, auth + 7, strlen(auth + 7)) : NULL;
	if (got == NULL || CRYPTO_memcmp(want, got, 64) != 0) {
		resp_header(rs, "WWW-Authenticate", "Bearer realm=\"wxdesk metrics\"");
		resp_text(rs, 401, "metrics need the bearer token in Metrics.Token\n");
		return 401;
	}
	return 0;
}

/* a label value: backslash, double quote and newline escaped */
static void
label(struct buf *b, const char *v)
{
	for (const char *c = v ? v : ""; *c; c++) {
		if (*c == '\\' || *c == '"')
			buf_putc(b, '\\');
		if (*c == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		buf_putc(b, *c);
	}
}

static void
head(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_puts(b, "# HELP ");
	buf_puts(b, name);
	buf_putc(b, ' ');
	buf_puts(b, help);
	buf_puts(b, "\n# TYPE ");
	buf_puts(b, name);
	buf_putc(b, ' ');
	buf_puts(b, type);
	buf_putc(b, '\n');
}

static void
line(struct buf *b, struct pool *p, const char *name, const char *labels, double v)
{
	buf_puts(b, name);
	if (labels && *labels) {
		buf_putc(b, '{');
		buf_puts(b, labels);
		buf_putc(b, '}');
	}
	buf_puts(b, pool_printf(p, " %.17g\n", v));
}

/* resident memory of a live process, in bytes (0 when unknown) */
static long long
rss_of(int32_t pid)
{
	char      path[64];
	long long size = 0, res = 0;
	FILE     *f;

	snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%lld %lld", &size, &res) != 2)
		res = 0;
	fclose(f);
	return res * sysconf(_SC_PAGESIZE);
}

/* This node's counters: pushes by outcome, their latency, messages sent,
 * access-token fetches (summed over the processes' slots). */
static void
put_counters(struct buf *b, struct req *r)
{
	static const char *const outcome[MP__N] = { "stored", "duplicate", "refused_signature",
		"rejected", "unavailable" };
	unsigned long long pushes[MP__N];
	uint64_t     lat[M_BUCKETS + 1] = { 0 }, lat_sum = 0;
	uint64_t     tok_ok = 0, tok_failed = 0;

	(void)metrics_pushes(pushes);	/* maps the file too */
	for (int i = 0; slots && i < M_SLOTS; i++) {
		struct m_slot *s = &slots[i];
		for (size_t k = 0; k <= M_BUCKETS; k++)
			lat[k] += __atomic_load_n(&s->lat[k], __ATOMIC_RELAXED);
		lat_sum += __atomic_load_n(&s->lat_sum_us, __ATOMIC_RELAXED);
		tok_ok += __atomic_load_n(&s->tokens_ok, __ATOMIC_RELAXED);
		tok_failed += __atomic_load_n(&s->tokens_failed, __ATOMIC_RELAXED);
	}
	head(b, "wxdesk_pushes_total", "counter", "WeChat pushes received, by outcome.");
	for (int k = 0; k < MP__N; k++)
		line(b, &r->pool, "wxdesk_pushes_total", pool_printf(&r->pool, "outcome=\"%s\"",
		    outcome[k]), (double)pushes[k]);
	head(b, "wxdesk_push_seconds", "histogram", "Time to answer a WeChat push.");
	{
		uint64_t cum = 0;
		for (size_t k = 0; k <= M_BUCKETS; k++) {
			cum += lat[k];
			line(b, &r->pool, "wxdesk_push_seconds_bucket", k < M_BUCKETS ?
			    pool_printf(&r->pool, "le=\"%g\"", bucket_le[k]) : "le=\"+Inf\"", (double)cum);
		}
		line(b, &r->pool, "wxdesk_push_seconds_sum", NULL, (double)lat_sum / 1e6);
		line(b, &r->pool, "wxdesk_push_seconds_count", NULL, (double)cum);
	}
	head(b, "wxdesk_messages_sent_total", "counter",
	    "Customer-service messages sent to WeChat, by WeChat's errcode (0: delivered).");
	{
		int64_t  keys[M_SLOTS * M_ERRCODES];
		uint64_t ns[M_SLOTS * M_ERRCODES];
		int      nk = 0;
		for (int i = 0; slots && i < M_SLOTS; i++)
			for (int e = 0; e < M_ERRCODES && slots[i].sent[e].key; e++) {
				int k = 0;
				while (k < nk && keys[k] != slots[i].sent[e].key)
					k++;
				if (k == nk)
					keys[nk] = slots[i].sent[e].key, ns[nk++] = 0;
				ns[k] += __atomic_load_n(&slots[i].sent[e].n, __ATOMIC_RELAXED);
			}
		for (int k = 0; k < nk; k++)
			line(b, &r->pool, "wxdesk_messages_sent_total", pool_printf(&r->pool,
			    "errcode=\"%lld\"", (long long)keys[k] - 100), (double)ns[k]);
	}
	head(b, "wxdesk_access_token_fetches_total", "counter",
	    "Access-token fetches from WeChat, by result.");
	line(b, &r->pool, "wxdesk_access_token_fetches_total", "result=\"ok\"", (double)tok_ok);
	line(b, &r->pool, "wxdesk_access_token_fetches_total", "result=\"failed\"",
	    (double)tok_failed);
}

/* The worker's jobs: per job over every worker process that ran here. */
static void
put_jobs(struct buf *b, struct req *r, long long now)
{
	struct buf l = { 0 };

	head(b, "wxdesk_worker_job_runs_total", "counter", "Worker job runs.");
	head(&l, "wxdesk_worker_job_failures_total", "counter",
	    "Worker job runs in which a database statement failed.");
	{
		struct buf lag = { 0 }, dur = { 0 };
		head(&lag, "wxdesk_worker_job_lag_seconds", "gauge",
		    "Seconds since the job last ran to its end.");
		head(&dur, "wxdesk_worker_job_last_seconds", "gauge", "How long the job's last run took.");
		const char *names[M_JOBS];
		uint64_t    runs[M_JOBS] = { 0 }, fails[M_JOBS] = { 0 }, last_us[M_JOBS] = { 0 };
		int64_t     last_end[M_JOBS] = { 0 };
		int         nj = 0;
		for (int i = 0; slots && i < M_SLOTS; i++)
			for (int j = 0; j < M_JOBS && slots[i].jobs[j].name[0]; j++) {
				struct m_job *x = &slots[i].jobs[j];
				int k = 0;
				while (k < nj && strcmp(names[k], x->name) != 0)
					k++;
				if (k == nj) {
					if (nj == M_JOBS)
						continue;
					names[nj++] = x->name;
				}
				runs[k] += __atomic_load_n(&x->runs, __ATOMIC_RELAXED);
				fails[k] += __atomic_load_n(&x->failures, __ATOMIC_RELAXED);
				int64_t end = __atomic_load_n(&x->last_end, __ATOMIC_RELAXED);
				if (end > last_end[k]) {
					last_end[k] = end;
					last_us[k] = __atomic_load_n(&x->last_us, __ATOMIC_RELAXED);
				}
			}
		for (int k = 0; k < nj; k++) {
			const char *lb = pool_printf(&r->pool, "job=\"%s\"", names[k]);
			line(b, &r->pool, "wxdesk_worker_job_runs_total", lb, (double)runs[k]);
			line(&l, &r->pool, "wxdesk_worker_job_failures_total", lb, (double)fails[k]);
			line(&lag, &r->pool, "wxdesk_worker_job_lag_seconds", lb,
			    (double)(now - last_end[k]));
			line(&dur, &r->pool, "wxdesk_worker_job_last_seconds", lb, (double)last_us[k] / 1e6);
		}
		buf_append(b, l.data ? l.data : "", l.len);
		buf_append(b, lag.data ? lag.data : "", lag.len);
		buf_append(b, dur.data ? dur.data : "", dur.len);
		buf_free(&lag);
		buf_free(&dur);
		buf_free(&l);
	}
}

/* The resident memory of each running wxdesk process on this node. */
static void
put_rss(struct buf *b, struct req *r)
{
	head(b, "wxdesk_process_resident_bytes", "gauge",
	    "Resident memory of each running wxdesk process on this node.");
	for (int i = 0; slots && i < M_SLOTS; i++) {
		int32_t pid = __atomic_load_n(&slots[i].pid, __ATOMIC_RELAXED);
		long long res;
		if (pid <= 0 || dead(pid) || (res = rss_of(pid)) == 0)
			continue;
		struct buf lb = { 0 };
		buf_puts(&lb, "program=\"");
		label(&lb, slots[i].prog);
		buf_puts(&lb, pool_printf(&r->pool, "\",pid=\"%d\"", (int)pid));
		line(b, &r->pool, "wxdesk_process_resident_bytes", lb.data, (double)res);
		buf_free(&lb);
	}
}

/* From the database: whether it answers, the queues, the accounts, the workers. */
static void
put_database(struct buf *b, struct req *r, long long now)
{
	struct metrics_queue   *q;
	struct metrics_worker  *w;
	struct metrics_channel *ch;
	size_t                  nq, nw, nch;
	int                     up;

	up = db_metrics_queues(&r->pool, now, &q, &nq) == DB_OK &&
	    db_metrics_workers(&r->pool, now, &w, &nw) == DB_OK &&
	    db_metrics_channels(&r->pool, now, &ch, &nch) == DB_OK;
	head(b, "wxdesk_database_up", "gauge", "1 when the database answered this scrape.");
	line(b, &r->pool, "wxdesk_database_up", NULL, up);
	if (up) {
		head(b, "wxdesk_queue_chats", "gauge", "Chats waiting for an operator, per department.");
		struct buf wait = { 0 };
		head(&wait, "wxdesk_queue_longest_wait_seconds", "gauge",
		    "The longest a waiting chat has waited, per department.");
		for (size_t i = 0; i < nq; i++) {
			struct buf lb = { 0 };
			buf_puts(&lb, pool_printf(&r->pool, "department_id=\"%lld\",brand=\"",
			    q[i].department));
			label(&lb, q[i].brand);
			buf_puts(&lb, "\",department=\"");
			label(&lb, q[i].name);
			buf_putc(&lb, '"');
			line(b, &r->pool, "wxdesk_queue_chats", lb.data, (double)q[i].waiting);
			line(&wait, &r->pool, "wxdesk_queue_longest_wait_seconds", lb.data,
			    (double)q[i].longest);
			buf_free(&lb);
		}
		buf_append(b, wait.data ? wait.data : "", wait.len);
		buf_free(&wait);
		struct buf open = { 0 };
		head(b, "wxdesk_channel_last_message_seconds", "gauge",
		    "Seconds since each active WeChat account's last message in.");
		head(&open, "wxdesk_channel_open", "gauge",
		    "1 when the account's brand is within its business hours (or keeps none).");
		for (size_t i = 0; i < nch; i++) {
			struct buf lb = { 0 };
			buf_puts(&lb, pool_printf(&r->pool, "channel_id=\"%lld\",app_id=\"", ch[i].id));
			label(&lb, ch[i].app_id);
			buf_puts(&lb, "\",brand=\"");
			label(&lb, ch[i].brand);
			buf_putc(&lb, '"');
			if (ch[i].quiet >= 0)
				line(b, &r->pool, "wxdesk_channel_last_message_seconds", lb.data,
				    (double)ch[i].quiet);
			line(&open, &r->pool, "wxdesk_channel_open", lb.data, (double)ch[i].open);
			buf_free(&lb);
		}
		buf_append(b, open.data ? open.data : "", open.len);
		buf_free(&open);
		head(b, "wxdesk_worker_seen_seconds", "gauge",
		    "Seconds since each worker (Worker.Name) last ticked.");
		for (size_t i = 0; i < nw; i++) {
			struct buf lb = { 0 };
			buf_puts(&lb, "worker=\"");
			label(&lb, w[i].name);
			buf_putc(&lb, '"');
			line(b, &r->pool, "wxdesk_worker_seen_seconds", lb.data, (double)w[i].ago);
			buf_free(&lb);
		}
	}
}

void
metrics_get(struct req *r, struct resp *rs)
{
	struct buf b = { 0 };
	long long  now = (long long)wx_now();

	if (refused(r, rs))
		return;
	put_counters(&b, r);
	put_jobs(&b, r, now);
	put_rss(&b, r);
	put_database(&b, r, now);
	resp_text(rs, 200, b.data ? b.data : "");
	rs->ctype = "text/plain; version=0.0.4; charset=utf-8";
	buf_free(&b);
}
