/*
 * wxdesk-wxsim.c: the WeChat simulator's command-line client: sends pushes
 * to a webhook exactly as WeChat does (signed, optionally encrypted, 5 s
 * timeout, 3 attempts in all) and verifies a webhook URL.
 *
 *   wxdesk-wxsim push URL TOKEN OPTIONS MESSAGE
 *     OPTIONS: --from OPENID --to GH_ID --mode plain|compatible|safe
 *              --aes KEY --appid APPID --msgid N --time UNIX --retry-gap S
 *     MESSAGE: text CONTENT | image MEDIA_ID | voice MEDIA_ID [RECOGNITION]
 *              | video MEDIA_ID THUMB | location LAT LNG LABEL | link TITLE URL
 *              | event NAME [KEY] | raw FILE
 *   wxdesk-wxsim verify URL TOKEN      sends the GET verification, prints the echo
 *
 * Prints one line per attempt and exits 0 when WeChat would be satisfied
 * (status 200 with "success" or an empty body).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../src/wx.h"

static size_t
collect(char *d, size_t sz, size_t n, void *ctx)
{
	buf_append(ctx, d, sz * n);
	return sz * n;
}

/* One HTTP attempt with WeChat's 5-second limit; returns the status or -1. */
static long
http(const char *method, const char *url, const char *body, struct buf *out)
{
	CURL              *c = curl_easy_init();
	struct curl_slist *h = NULL;
	long               status = -1;

	buf_reset(out);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "Mozilla/4.0 (wxdesk WeChat simulator)");
	if (strcmp(method, "POST") == 0) {
		h = curl_slist_append(h, "Content-Type: text/xml");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

static const char *
cdata(struct pool *p, const char *s)
{
	/* "]]>" cannot appear inside CDATA: split it the usual way */
	struct buf b = { 0 };
	char      *r;

	buf_puts(&b, "<![CDATA[");
	for (const char *x = s; *x; x++) {
		if (strncmp(x, "]]>", 3) == 0) {
			buf_puts(&b, "]]]]><![CDATA[>");
			x += 2;
		} else
			buf_putc(&b, *x);
	}
	buf_puts(&b, "]]>");
	r = pool_strdup(p, b.data);
	buf_free(&b);
	return r;
}

static char *
read_file(struct pool *p, const char *path)
{
	FILE      *f = fopen(path, "r");
	struct buf b = { 0 };
	char       chunk[4096];
	size_t     n;
	char      *r;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	r = pool_strdup(p, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

static int
usage(void)
{
	fputs("usage: wxdesk-wxsim push URL TOKEN [--from O] [--to GH] [--mode M] "
	    "[--aes KEY] [--appid ID] [--msgid N] [--time T] MESSAGE...\n"
	    "       wxdesk-wxsim verify URL TOKEN\n", stderr);
	return 64;
}

int
main(int argc, char **argv)
{
	struct pool p = { 0 };
	struct buf  out = { 0 };
	const char *from = "oSimUser0000000000000000001", *to = "gh_000000000000";
	const char *mode = "plain", *aes = NULL, *appid = NULL, *msgid = NULL;
	int         gap = 5;	/* seconds between attempts: WeChat's own timeout */
	long long   now = (long long)time(NULL);
	char        ts[32], nonce[32];
	int         i, rc = 1;

	if (argc < 4)
		return usage();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(ts, sizeof ts, "%lld", now);
	{
		unsigned char r[4];
		rand_bytes(r, sizeof r);
		snprintf(nonce, sizeof nonce, "%u", (unsigned)(r[0] | r[1] << 8 | r[2] << 16 |
		    (unsigned)(r[3] & 0x7f) << 24));
	}
	const char *url = argv[2], *token = argv[3];
	const char *parts[3] = { token, ts, nonce };
	const char *sig = wx_sign(&p, parts, 3);

	if (strcmp(argv[1], "verify") == 0) {
		char *echo = rand_hex(&p, 8);
		const char *u = pool_printf(&p, "%s%ssignature=%s&timestamp=%s&nonce=%s&echostr=%s",
		    url, strchr(url, '?') ? "&" : "?", sig, ts, nonce, echo);
		long st = http("GET", u, NULL, &out);
		printf("verify: status %ld, body \"%s\"%s\n", st, out.data ? out.data : "",
		    st == 200 && out.data && strcmp(out.data, echo) == 0 ? ", echo matches" : "");
		rc = st == 200 && out.data && strcmp(out.data, echo) == 0 ? 0 : 1;
		goto done;
	}
	if (strcmp(argv[1], "push") != 0)
		return usage();
	for (i = 4; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--from") == 0) from = argv[i + 1];
		else if (strcmp(argv[i], "--to") == 0) to = argv[i + 1];
		else if (strcmp(argv[i], "--mode") == 0) mode = argv[i + 1];
		else if (strcmp(argv[i], "--aes") == 0) aes = argv[i + 1];
		else if (strcmp(argv[i], "--appid") == 0) appid = argv[i + 1];
		else if (strcmp(argv[i], "--msgid") == 0) msgid = argv[i + 1];
		else if (strcmp(argv[i], "--time") == 0) now = strtoll(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--retry-gap") == 0) gap = atoi(argv[i + 1]);
		else return usage();
	}
	if (i >= argc)
		return usage();
	if (msgid == NULL) {
		unsigned char r[8];
		unsigned long long v = 0;
		rand_bytes(r, sizeof r);
		for (int k = 0; k < 8; k++)
			v = v << 8 | r[k];
		msgid = pool_printf(&p, "%llu", v % 9000000000000000000ULL + 1000000000000000000ULL);
	}
	const char *type = argv[i], *a1 = i + 1 < argc ? argv[i + 1] : "";
	const char *a2 = i + 2 < argc ? argv[i + 2] : NULL, *a3 = i + 3 < argc ? argv[i + 3] : "";
	char *inner;
	const char *head = pool_printf(&p, "<ToUserName>%s</ToUserName><FromUserName>%s"
	    "</FromUserName><CreateTime>%lld</CreateTime>", cdata(&p, to), cdata(&p, from), now);
	if (strcmp(type, "text") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[text]]></MsgType><Content>%s"
		    "</Content><MsgId>%s</MsgId></xml>", head, cdata(&p, a1), msgid);
	else if (strcmp(type, "image") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[image]]></MsgType><PicUrl>"
		    "<![CDATA[http://mmbiz.qpic.cn/sim]]></PicUrl><MediaId>%s</MediaId>"
		    "<MsgId>%s</MsgId></xml>", head, cdata(&p, a1), msgid);
	else if (strcmp(type, "voice") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[voice]]></MsgType><MediaId>%s"
		    "</MediaId><Format><![CDATA[amr]]></Format>%s<MsgId>%s</MsgId></xml>", head,
		    cdata(&p, a1), a2 ? pool_printf(&p, "<Recognition>%s</Recognition>",
		    cdata(&p, a2)) : "", msgid);
	else if (strcmp(type, "video") == 0 || strcmp(type, "shortvideo") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType>%s</MsgType><MediaId>%s</MediaId>"
		    "<ThumbMediaId>%s</ThumbMediaId><MsgId>%s</MsgId></xml>", head,
		    cdata(&p, type), cdata(&p, a1), cdata(&p, a2 ? a2 : "thumb"), msgid);
	else if (strcmp(type, "location") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[location]]></MsgType>"
		    "<Location_X>%s</Location_X><Location_Y>%s</Location_Y><Scale>15</Scale>"
		    "<Label>%s</Label><MsgId>%s</MsgId></xml>", head, a1, a2 ? a2 : "0",
		    cdata(&p, a3), msgid);
	else if (strcmp(type, "link") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[link]]></MsgType><Title>%s"
		    "</Title><Description><![CDATA[]]></Description><Url>%s</Url><MsgId>%s"
		    "</MsgId></xml>", head, cdata(&p, a1), cdata(&p, a2 ? a2 : ""), msgid);
	else if (strcmp(type, "event") == 0)
		inner = pool_printf(&p, "<xml>%s<MsgType><![CDATA[event]]></MsgType><Event>%s"
		    "</Event><EventKey>%s</EventKey></xml>", head, cdata(&p, a1),
		    cdata(&p, a2 ? a2 : ""));
	else if (strcmp(type, "raw") == 0) {
		if ((inner = read_file(&p, a1)) == NULL) {
			fprintf(stderr, "cannot read %s\n", a1);
			return 1;
		}
	} else
		return usage();

	const char *body = inner;
	const char *u = pool_printf(&p, "%s%ssignature=%s&timestamp=%s&nonce=%s", url,
	    strchr(url, '?') ? "&" : "?", sig, ts, nonce);
	if (strcmp(mode, "plain") != 0) {
		unsigned char key[32], rnd[16];
		if (aes == NULL || appid == NULL || wx_aes_key(aes, key) != WX_OK) {
			fputs("compatible and safe mode need --aes KEY and --appid ID\n", stderr);
			return 64;
		}
		rand_bytes(rnd, sizeof rnd);
		const char *enc = wx_encrypt(&p, key, inner, strlen(inner), appid, rnd);
		const char *eparts[4] = { token, ts, nonce, enc };
		const char *msig = wx_sign(&p, eparts, 4);
		u = pool_printf(&p, "%s&encrypt_type=aes&msg_signature=%s", u, msig);
		if (strcmp(mode, "safe") == 0)
			body = pool_printf(&p, "<xml><ToUserName>%s</ToUserName><Encrypt>%s"
			    "</Encrypt></xml>", cdata(&p, to), cdata(&p, enc));
		else {
			/* compatible: the plain fields and Encrypt side by side */
			size_t n = strlen(inner);
			body = pool_printf(&p, "%.*s<Encrypt>%s</Encrypt></xml>",
			    (int)(n - 6), inner, cdata(&p, enc));
		}
	}
	/* WeChat: 5 s per attempt, 3 attempts in all, then it gives up */
	for (int attempt = 1; attempt <= 3; attempt++) {
		long st = http("POST", u, body, &out);
		int  ok = st == 200 && (out.len == 0 || strcmp(out.data, "success") == 0 ||
		    strncmp(out.data, "<xml>", 5) == 0);
		printf("attempt %d: status %ld, body \"%.80s\"\n", attempt, st,
		    out.data ? out.data : "");
		if (ok) {
			rc = 0;
			break;
		}
		if (st >= 400 && st < 500)
			break;	/* a refusal: retrying the same push cannot help */
		if (attempt < 3 && gap > 0)
			sleep((unsigned)gap);
	}
done:
	buf_free(&out);
	pool_free(&p);
	curl_global_cleanup();
	return rc;
}
