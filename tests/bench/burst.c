/*
 * burst.c: a campaign's burst of WeChat pushes, offered at a fixed rate
 * whatever the server answers (open loop), and retried as WeChat retries:
 * an attempt gets 5 s, a push 3 attempts in all. For `make bench` (part
 * burst); prints what was answered, when, and what was given up.
 *
 *   burst URL TOKEN GHID RATE SECONDS RUN [MAXCONN]
 *
 * Push i is a text from one of 2,000 followers, MsgId RUN followed by i (10
 * digits), its URL signed at its first attempt (a retry sends the same request). Prints
 * "key value" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/sha.h>

#define ATTEMPTS   3	/* WeChat's, in all */
#define TIMEOUT_MS 5000	/* WeChat waits this long for an answer */

struct push {
	char   *query, *body;
	double  due;	/* when its first attempt goes (s from the start) */
	double  started;	/* …and its latest */
	int     attempts, done;
};

static double
now_s(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static size_t
discard(char *p, size_t s, size_t n, void *u)
{
	(void)p, (void)u;
	return s * n;
}

static const char *url, *token, *gh, *run;

/* push i as WeChat sends it, signed now (its retries send the same) */
static int
make(struct push *x, size_t i)
{
	char  ts[24], nonce[32], id[48], joined[256], hex[41];
	char *parts[3] = { (char *)token, ts, nonce };
	unsigned char md[SHA_DIGEST_LENGTH];

	snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
	snprintf(nonce, sizeof nonce, "b%s%zu", run, i);
	snprintf(id, sizeof id, "%s%010zu", run, i);
	qsort(parts, 3, sizeof parts[0], cmp_str);
	snprintf(joined, sizeof joined, "%s%s%s", parts[0], parts[1], parts[2]);
	SHA1((const unsigned char *)joined, strlen(joined), md);
	for (int k = 0; k < SHA_DIGEST_LENGTH; k++)
		snprintf(hex + 2 * k, 3, "%02x", md[k]);
	return asprintf(&x->query, "%s?signature=%s&timestamp=%s&nonce=%s", url, hex, ts,
	    nonce) < 0 || asprintf(&x->body, "<xml><ToUserName><![CDATA[%s]]></ToUserName>"
	    "<FromUserName><![CDATA[oBurst%zu]]></FromUserName><CreateTime>%s</CreateTime>"
	    "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[活动咨询 %zu]]></Content>"
	    "<MsgId>%s</MsgId></xml>", gh, i % 2000, ts, i, id) < 0 ? -1 : 0;
}

/* an attempt of push x (the i-th), at t */
static void
start(CURLM *m, struct push *x, size_t i, double t, size_t *attempts)
{
	CURL *e;

	if (x->query == NULL && make(x, i) != 0)
		abort();
	e = curl_easy_init();

	curl_easy_setopt(e, CURLOPT_URL, x->query);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)TIMEOUT_MS);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	x->started = t, x->attempts++, (*attempts)++;
	curl_multi_add_handle(m, e);
}

/* the q-quantile of n sorted values, in ms */
static double
q_ms(const double *v, size_t n, double q)
{
	return n ? v[(size_t)(q * (double)(n - 1))] * 1000 : 0;
}

int
main(int argc, char **argv)
{
	struct timespec t0;
	struct push    *p;
	CURLM          *m;
	double         *lat_during, *lat_after, last_answer = 0, lag = 0;
	size_t          n, next = 0, inflight = 0, nd = 0, na = 0, *rq, rq_head = 0, rq_tail = 0;
	size_t          first[4] = { 0 }, answered = 0, given_up = 0, attempts = 0, finished = 0;
	long            maxconn;
	double          rate, secs;

	if (argc < 7) {
		fprintf(stderr, "usage: burst URL TOKEN GHID RATE SECONDS RUN [MAXCONN]\n");
		return 64;
	}
	url = argv[1], token = argv[2], gh = argv[3], rate = atof(argv[4]), secs = atof(argv[5]);
	run = argv[6];
	maxconn = argc > 7 ? atol(argv[7]) : 4096;
	n = (size_t)(rate * secs);
	p = calloc(n, sizeof *p);
	lat_during = calloc(n * ATTEMPTS, sizeof *lat_during);
	lat_after = calloc(n * ATTEMPTS, sizeof *lat_after);
	rq = calloc(n * ATTEMPTS, sizeof *rq);
	if (p == NULL || lat_during == NULL || lat_after == NULL || rq == NULL)
		return 1;
	for (size_t i = 0; i < n; i++)
		p[i].due = (double)i / rate;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxconn);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (finished < n) {
		double t = now_s(&t0);
		int    running, left;
		CURLMsg *msg;

		/* new pushes on time, then retries that are due (oldest first) */
		while (next < n && p[next].due <= t && inflight < (size_t)maxconn) {
			if (t - p[next].due > lag)
				lag = t - p[next].due;
			start(m, &p[next], next, t, &attempts), next++, inflight++;
		}
		while (rq_head < rq_tail && inflight < (size_t)maxconn)
			start(m, &p[rq[rq_head]], rq[rq_head], t, &attempts), rq_head++, inflight++;
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			struct push *x;
			long         code = 0;
			double       at = now_s(&t0), took;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			if (msg->data.result == CURLE_OK)
				curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code);
			curl_multi_remove_handle(m, msg->easy_handle);
			curl_easy_cleanup(msg->easy_handle);
			inflight--;
			took = at - x->started;
			if (x->started < secs)
				lat_during[nd++] = took;
			else
				lat_after[na++] = took;
			if (x->attempts == 1)
				first[code == 200 ? 0 : code == 503 ? 1 : code == 0 ? 2 : 3]++;
			if (code == 200) {
				x->done = 1, answered++, finished++;
				last_answer = at;
			} else if (x->attempts >= ATTEMPTS) {
				x->done = 1, given_up++, finished++;
			} else
				rq[rq_tail++] = (size_t)(x - p);	/* WeChat tries again at once */
		}
		curl_multi_poll(m, NULL, 0, 1, NULL);
	}
	qsort(lat_during, nd, sizeof *lat_during, cmp_dbl);
	qsort(lat_after, na, sizeof *lat_after, cmp_dbl);
	printf("offered %zu\nrate %.0f\nseconds %.0f\nattempts %zu\n", n, rate, secs, attempts);
	printf("first_200 %zu\nfirst_503 %zu\nfirst_timeout %zu\nfirst_other %zu\n", first[0],
	    first[1], first[2], first[3]);
	printf("answered %zu\ngiven_up %zu\nlast_answer_s %.1f\nclient_lag_ms %.0f\n", answered,
	    given_up, last_answer, lag * 1000);
	printf("during_p50_ms %.0f\nduring_p99_ms %.0f\nduring_max_ms %.0f\n", q_ms(lat_during, nd, .5),
	    q_ms(lat_during, nd, .99), q_ms(lat_during, nd, 1));
	printf("after_n %zu\nafter_p50_ms %.0f\nafter_p99_ms %.0f\n", na, q_ms(lat_after, na, .5),
	    q_ms(lat_after, na, .99));
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return 0;
}
