/*
 * wxdesk-wx.c: WeChat protocol tool over src/wx.c, for tests and for people.
 *
 *   wxdesk-wx sign PART...                 sha1 of the sorted parts
 *   wxdesk-wx decrypt KEY [APPID] < ENCRYPT  the inner XML (exit 1 + reason)
 *   wxdesk-wx encrypt KEY APPID RANDOM16 < XML   the Encrypt text
 *   wxdesk-wx parse < XML                  one "path=value" line per field
 *                                          (backslash and newline escaped)
 *   wxdesk-wx seal TOKEN KEY APPID GHID N [FIRST]  N safe-mode text pushes, one a
 *                                          line: "query<TAB>body" (benchmarks),
 *                                          numbered from FIRST (MsgIds, nonces)
 *   wxdesk-wx totp BASE32 TIME             the 6-digit sign-in code at unix TIME
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/totp.h"
#include "../src/wx.h"

static char *
read_stdin(struct pool *p, size_t *n)
{
	struct buf b = { 0 };
	char       chunk[8192];
	size_t     k;

	while ((k = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_append(&b, chunk, k);
	*n = b.len;
	char *r = pool_strndup(p, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

static void
put_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else
			putchar(*s);
	}
}

int
main(int argc, char **argv)
{
	struct pool   p = { 0 };
	unsigned char key[32];
	size_t        n;
	int           rc = 64;

	if (getenv("WXDESK_CONFIG"))
		cfg_load(NULL);	/* seal signs with the shared test clock */
	if (argc >= 3 && strcmp(argv[1], "sign") == 0) {
		char *s = wx_sign(&p, (const char *const *)argv + 2, argc - 2);
		if (s) {
			puts(s);
			rc = 0;
		} else {
			fputs("a part is empty\n", stderr);
			rc = 1;
		}
	} else if ((argc == 3 || argc == 4) && strcmp(argv[1], "decrypt") == 0) {
		char *in = read_stdin(&p, &n), *msg, *rid;
		size_t ml;
		in[strcspn(in, "\r\n")] = '\0';
		rc = wx_aes_key(argv[2], key);
		if (rc == WX_OK)
			rc = wx_decrypt(&p, key, in, argc == 4 ? argv[3] : NULL, &msg, &ml, &rid);
		if (rc == WX_OK || rc == WX_ERR_APPID)
			fwrite(msg, 1, ml, stdout);
		if (rc != WX_OK) {
			fprintf(stderr, "%d %s\n", rc, wx_strerror(rc));
			rc = 1;
		}
	} else if (argc == 5 && strcmp(argv[1], "encrypt") == 0) {
		char *in = read_stdin(&p, &n);
		if (strlen(argv[4]) != 16 || wx_aes_key(argv[2], key) != WX_OK) {
			fputs("need a 43-character key and 16 random characters\n", stderr);
			rc = 1;
		} else {
			puts(wx_encrypt(&p, key, in, n, argv[3], (const unsigned char *)argv[4]));
			rc = 0;
		}
	} else if (argc == 2 && strcmp(argv[1], "parse") == 0) {
		char *in = read_stdin(&p, &n);
		struct wx_field *f;
		if (wx_parse(&p, in, n, &f) != WX_OK) {
			puts("refused");
			rc = 1;
		} else {
			for (; f; f = f->next) {
				fputs(f->name, stdout);
				putchar('=');
				put_escaped(f->value);
				putchar('\n');
			}
			rc = 0;
		}
	} else if ((argc == 7 || argc == 8) && strcmp(argv[1], "seal") == 0) {
		long count = strtol(argv[6], NULL, 10), first = argc == 8 ? strtol(argv[7], NULL, 10) : 0;
		if (wx_aes_key(argv[3], key) != WX_OK) {
			fputs("need a 43-character key\n", stderr);
			rc = 1;
		} else {
			for (long i = first; i < first + count; i++) {
				struct pool    q = { 0 };
				unsigned char  rnd[16];
				char           ts[24], nonce[24];
				rand_bytes(rnd, sizeof rnd);
				/* signed now, each with its own nonce, as WeChat signs */
				snprintf(ts, sizeof ts, "%lld", (long long)wx_now());
				snprintf(nonce, sizeof nonce, "%ld", 100000 + i);
				char *xml = pool_printf(&q, "<xml><ToUserName><![CDATA[%s]]></ToUserName>"
				    "<FromUserName><![CDATA[oSealed%ld]]></FromUserName><CreateTime>%s"
				    "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
				    "sealed bench message]]></Content><MsgId>9%018ld</MsgId></xml>",
				    argv[5], i % 500, ts, i);
				char *enc = wx_encrypt(&q, key, xml, strlen(xml), argv[4], rnd);
				const char *p3[3] = { argv[2], ts, nonce }, *p4[4] = { argv[2], ts, nonce, enc };
				printf("signature=%s&timestamp=%s&nonce=%s&encrypt_type=aes&msg_signature=%s"
				    "\t<xml><ToUserName><![CDATA[%s]]></ToUserName><Encrypt><![CDATA[%s]]>"
				    "</Encrypt></xml>\n", wx_sign(&q, p3, 3), ts, nonce, wx_sign(&q, p4, 4),
				    argv[5], enc);
				pool_free(&q);
			}
			rc = 0;
		}
	} else if (argc == 4 && strcmp(argv[1], "totp") == 0) {
		unsigned char secret[64];
		int           len = totp_unbase32(argv[2], secret, sizeof secret);
		if (len > 0) {
			printf("%06u\n", totp_code(secret, (size_t)len, TOTP_SHA1, atoll(argv[3]), 6));
			rc = 0;
		}
	} else {
		fputs("usage: wxdesk-wx sign PART... | decrypt KEY [APPID] | "
		    "encrypt KEY APPID RANDOM16 | parse | seal TOKEN KEY APPID GHID N [FIRST] | "
		    "totp BASE32 TIME\n", stderr);
	}
	pool_free(&p);
	return rc;
}
