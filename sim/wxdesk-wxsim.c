/*
 * wxdesk-wxsim.c: the WeChat simulator's command-line client: sends pushes
 * to a webhook exactly as WeChat does (signed, optionally encrypted, 5 s
 * timeout, 3 attempts in all) and verifies a webhook URL.
 *
 *   wxdesk-wxsim push URL TOKEN OPTIONS MESSAGE
 *     OPTIONS: --from OPENID --to GH_ID --mode plain|compatible|safe
 *              --aes KEY --appid APPID --msgid N --time UNIX --retry-gap S
 *     MESSAGE: text CONTENT | image MEDIA_ID | voice MEDIA_ID [RECOGNITION]
 *              | video MEDIA_ID THUMB | shortvideo MEDIA_ID THUMB
 *              | location LAT LNG LABEL | link TITLE URL | event NAME [KEY]
 *              | raw FILE
 *   wxdesk-wxsim verify URL TOKEN      the GET verification; prints the echo
 *
 * Prints one line per attempt; exits 0 when WeChat would be satisfied
 * (status 200 with "success" or an empty body).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "../src/wxapi.h"
#include "wxpush.h"

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
	    "[--aes KEY] [--appid ID] [--msgid N] [--time T] [--retry-gap S] MESSAGE...\n"
	    "       wxdesk-wxsim verify URL TOKEN\n", stderr);
	return 64;
}

int
main(int argc, char **argv)
{
	struct pool          p = { 0 };
	struct buf           log = { 0 };
	struct wxpush_target t = { 0 };
	struct wxpush_msg    m = { 0 };
	int                  i, gap = 5, rc = 1;

	if (argc < 4)
		return usage();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* WeChat signs with its own time: in a test, the shared test clock */
	if (getenv("WXDESK_CONFIG"))
		cfg_load(NULL);
	t.url = argv[2];
	t.token = argv[3];
	t.mode = "plain";
	t.original_id = m.to = "gh_000000000000";
	m.from = "oSimUser0000000000000000001";
	m.create_time = (long long)time(NULL);
	if (strcmp(argv[1], "verify") == 0) {
		rc = wxpush_verify(&p, t.url, t.token, &log) == 0 ? 0 : 1;
		printf("%s", log.data ? log.data : "");
		goto done;
	}
	if (strcmp(argv[1], "push") != 0)
		return usage();
	for (i = 4; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (strcmp(o, "--from") == 0) m.from = v;
		else if (strcmp(o, "--to") == 0) m.to = t.original_id = v;
		else if (strcmp(o, "--mode") == 0) t.mode = v;
		else if (strcmp(o, "--aes") == 0) t.aes_key = v;
		else if (strcmp(o, "--appid") == 0) t.app_id = v;
		else if (strcmp(o, "--msgid") == 0) m.msgid = v;
		else if (strcmp(o, "--time") == 0) m.create_time = strtoll(v, NULL, 10);
		else if (strcmp(o, "--retry-gap") == 0) gap = atoi(v);
		else return usage();
	}
	if (i >= argc)
		return usage();
	if (m.msgid == NULL)
		m.msgid = wxpush_msgid(&p);
	m.type = argv[i];
	m.a1 = i + 1 < argc ? argv[i + 1] : NULL;
	m.a2 = i + 2 < argc ? argv[i + 2] : NULL;
	m.a3 = i + 3 < argc ? argv[i + 3] : NULL;
	char *xml = strcmp(m.type, "raw") == 0 ? read_file(&p, m.a1 ? m.a1 : "") :
	    wxpush_xml(&p, &m);
	if (xml == NULL) {
		fprintf(stderr, "cannot build that message (unknown type, or unreadable file)\n");
		rc = 64;
		goto done;
	}
	rc = wxpush_send(&p, &t, xml, gap, &log, NULL) == 0 ? 0 : 1;
	fputs(log.data ? log.data : "", stdout);
done:
	buf_free(&log);
	pool_free(&p);
	curl_global_cleanup();
	return rc;
}
