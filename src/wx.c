/*
 * wx.c: WeChat's push protocol (docs/en/operations.md, "The WeChat webhook", says
 * what of it wxdesk takes).
 *
 * Signatures are SHA-1 over the byte-sorted concatenation of their parts.
 * Safe mode is AES-256-CBC with the IV equal to the key's first 16 bytes and
 * PKCS#7 padding to 32-byte blocks; the plaintext is
 * random(16) | msg_len(4, big-endian) | msg | receive_id.
 * XML goes through libxml2 with every DTD feature refused.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "wx.h"

const char *
wx_strerror(int code)
{
	switch (code) {
	case WX_OK:            return "ok";
	case WX_ERR_SIGNATURE: return "signature check failed";
	case WX_ERR_XML:       return "the XML could not be parsed or was refused";
	case WX_ERR_AES_KEY:   return "the Encoding AES Key is not valid";
	case WX_ERR_APPID:     return "the message was encrypted for another App ID";
	case WX_ERR_DECRYPT:   return "the message could not be decrypted";
	case WX_ERR_BUFFER:    return "the decrypted message is malformed";
	default:               return "unknown error";
	}
}

static int
cmp_parts(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *
wx_sign(struct pool *p, const char *const *parts, int n)
{
	const char   *sorted[8];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int  mdlen = 0;
	EVP_MD_CTX   *c;
	char         *hex;

	if (n < 1 || n > 8)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (parts[i] == NULL || *parts[i] == '\0')
			return NULL;
		sorted[i] = parts[i];
	}
	qsort(sorted, (size_t)n, sizeof sorted[0], cmp_parts);
	if ((c = EVP_MD_CTX_new()) == NULL)
		abort();
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	for (int i = 0; i < n; i++)
		EVP_DigestUpdate(c, sorted[i], strlen(sorted[i]));
	EVP_DigestFinal_ex(c, md, &mdlen);
	EVP_MD_CTX_free(c);
	hex = pool_alloc(p, 2 * (size_t)mdlen + 1);
	for (size_t i = 0; i < mdlen; i++) {
		hex[2 * i] = "0123456789abcdef"[md[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	return hex;
}

int
wx_check_signature(struct pool *p, const char *token, const char *timestamp,
    const char *nonce, const char *signature)
{
	const char *parts[3] = { token, timestamp, nonce };
	char       *want = wx_sign(p, parts, 3);

	return want != NULL && signature != NULL && ct_streq(signature, want);
}

int
wx_check_msg_signature(struct pool *p, const char *token, const char *timestamp,
    const char *nonce, const char *encrypt, const char *msg_signature)
{
	const char *parts[4] = { token, timestamp, nonce, encrypt };
	char       *want = wx_sign(p, parts, 4);

	return want != NULL && msg_signature != NULL && ct_streq(msg_signature, want);
}

int
wx_aes_key_valid(const char *k)
{
	if (k == NULL || strlen(k) != 43)
		return 0;
	for (const char *c = k; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9')))
			return 0;
	return 1;
}

/*
 * Real keys often carry set bits in the unused low bits of the 43rd
 * character; decoding key + "=" as a whole quantum keeps the first 32 bytes
 * and drops those bits, as WeChat does.
 */
int
wx_aes_key(const char *k, unsigned char key[32])
{
	char          in[45];
	unsigned char out[36];

	if (!wx_aes_key_valid(k))
		return WX_ERR_AES_KEY;
	memcpy(in, k, 43);
	in[43] = 'A';	/* a full quantum: the 33rd byte is discarded */
	in[44] = '\0';
	if (EVP_DecodeBlock(out, (const unsigned char *)in, 44) != 33)
		return WX_ERR_AES_KEY;
	memcpy(key, out, 32);
	OPENSSL_cleanse(out, sizeof out);
	return WX_OK;
}

static int
aes_cbc(const unsigned char key[32], int enc, const unsigned char *in, int n,
    unsigned char *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int             l1 = 0, l2 = 0, ok;

	ok = c != NULL &&
	    EVP_CipherInit_ex(c, EVP_aes_256_cbc(), NULL, key, key, enc) == 1 &&
	    EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
	    EVP_CipherUpdate(c, out, &l1, in, n) == 1 &&
	    EVP_CipherFinal_ex(c, out + l1, &l2) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok && l1 + l2 == n ? 0 : -1;
}

int
wx_decrypt(struct pool *p, const unsigned char key[32], const char *b64,
    const char *appid, char **msg, size_t *msglen, char **receive_id)
{
	size_t         blen = b64 ? strlen(b64) : 0;
	unsigned char *raw, *plain;
	long           n;
	unsigned       pad;
	uint32_t       ml;

	if (blen == 0 || blen % 4 != 0 || blen > 4 * WX_XML_MAX)
		return WX_ERR_DECRYPT;
	raw = pool_alloc(p, blen);
	/* base64 with padding: EVP counts pad bytes, so strip them by hand */
	n = b64_decode(b64, blen, raw);
	if (n <= 0 || n % 32 != 0)
		return WX_ERR_DECRYPT;
	plain = pool_alloc(p, (size_t)n + 1);
	if (aes_cbc(key, 0, raw, (int)n, plain) != 0)
		return WX_ERR_DECRYPT;
	pad = plain[n - 1];
	if (pad < 1 || pad > 32 || (long)pad > n)
		return WX_ERR_DECRYPT;
	for (unsigned i = 1; i <= pad; i++)
		if (plain[n - i] != pad)
			return WX_ERR_DECRYPT;
	n -= pad;
	if (n < 20)
		return WX_ERR_BUFFER;
	ml = (uint32_t)plain[16] << 24 | (uint32_t)plain[17] << 16 |
	    (uint32_t)plain[18] << 8 | plain[19];
	if ((long)ml > n - 20)
		return WX_ERR_BUFFER;
	*msg = pool_strndup(p, (const char *)plain + 20, ml);
	*msglen = ml;
	*receive_id = pool_strndup(p, (const char *)plain + 20 + ml, (size_t)(n - 20 - ml));
	if (appid != NULL && strcmp(*receive_id, appid) != 0)
		return WX_ERR_APPID;
	return WX_OK;
}

char *
wx_encrypt(struct pool *p, const unsigned char key[32], const char *msg, size_t msglen,
    const char *appid, const unsigned char random16[16])
{
	size_t         alen = strlen(appid);
	size_t         n = 20 + msglen + alen;
	size_t         pad = 32 - n % 32;
	unsigned char *plain = pool_alloc(p, n + pad), *ct = pool_alloc(p, n + pad);

	memcpy(plain, random16, 16);
	plain[16] = (unsigned char)(msglen >> 24);
	plain[17] = (unsigned char)(msglen >> 16);
	plain[18] = (unsigned char)(msglen >> 8);
	plain[19] = (unsigned char)msglen;
	memcpy(plain + 20, msg, msglen);
	memcpy(plain + 20 + msglen, appid, alen);
	memset(plain + n, (int)pad, pad);
	if (aes_cbc(key, 1, plain, (int)(n + pad), ct) != 0)
		return NULL;
	return b64_encode(p, ct, n + pad);
}

/* ---- XML ---- */

/*
 * Refuses what no WeChat push contains, before libxml2 sees it: any markup
 * declaration (<!DOCTYPE, <!ENTITY, …) other than CDATA sections, and any
 * processing instruction other than a leading XML declaration.
 */
static int
precheck(const char *x, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (x[i] != '<')
			continue;
		if (x[i + 1] == '!') {
			if (n - i >= 9 && memcmp(x + i, "<![CDATA[", 9) == 0) {
				const char *e = NULL;
				for (size_t j = i + 9; j + 2 < n; j++)
					if (x[j] == ']' && x[j + 1] == ']' && x[j + 2] == '>') {
						e = x + j;
						break;
					}
				if (e == NULL)
					return -1;
				i = (size_t)(e - x) + 2;
				continue;
			}
			return -1;
		}
		if (x[i + 1] == '?') {
			size_t k = 0;
			while (k < i && (x[k] == ' ' || x[k] == '\t' || x[k] == '\r' ||
			    x[k] == '\n' || (unsigned char)x[k] == 0xef ||
			    (unsigned char)x[k] == 0xbb || (unsigned char)x[k] == 0xbf))
				k++;
			if (k != i || n - i < 6 || memcmp(x + i, "<?xml", 5) != 0 ||
			    (x[i + 5] != ' ' && x[i + 5] != '?'))
				return -1;
		}
	}
	return 0;
}

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Adds the fields below node to *tail; returns -1 when the tree is refused. */
static int
walk(struct pool *p, xmlNode *node, const char *prefix, int depth,
    struct wx_field ***tail, int *count)
{
	for (xmlNode *c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_PI_NODE || c->type == XML_ENTITY_REF_NODE ||
		    c->type == XML_ENTITY_NODE || c->type == XML_DTD_NODE ||
		    c->type == XML_XINCLUDE_START)
			return -1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		/* pushes use no namespaces: this also refuses XInclude */
		if (depth >= 8 || ++*count > 512 || c->ns != NULL || c->nsDef != NULL)
			return -1;
		const char *name = prefix ? pool_printf(p, "%s.%s", prefix,
		    (const char *)c->name) : pool_strdup(p, (const char *)c->name);
		int has_elements = 0;
		for (xmlNode *g = c->children; g; g = g->next)
			if (g->type == XML_ELEMENT_NODE)
				has_elements = 1;
		if (has_elements) {
			if (walk(p, c, name, depth + 1, tail, count) != 0)
				return -1;
			continue;
		}
		/* text and CDATA joined, not trimmed */
		struct buf v = { 0 };
		for (xmlNode *g = c->children; g; g = g->next) {
			if (g->type == XML_TEXT_NODE || g->type == XML_CDATA_SECTION_NODE) {
				if (g->content)
					buf_puts(&v, (const char *)g->content);
			} else if (g->type != XML_COMMENT_NODE) {
				buf_free(&v);
				return -1;
			}
		}
		struct wx_field *f = pool_alloc(p, sizeof *f);
		f->name = name;
		f->value = pool_strdup(p, v.data ? v.data : "");
		buf_free(&v);
		**tail = f;
		*tail = &f->next;
	}
	return 0;
}

int
wx_parse(struct pool *p, const char *xml, size_t len, struct wx_field **out)
{
	static int       inited;
	xmlParserCtxtPtr ctx;
	xmlDocPtr        doc;
	xmlNode         *root;
	struct wx_field **tail = out;
	int              rc = WX_ERR_XML, count = 0;

	*out = NULL;
	if (xml == NULL || len == 0 || len > WX_XML_MAX || precheck(xml, len) != 0)
		return WX_ERR_XML;
	if (!inited) {
		xmlInitParser();
		xmlSetGenericErrorFunc(NULL, silent);
		inited = 1;
	}
	if ((ctx = xmlNewParserCtxt()) == NULL)
		abort();
	/* no NOENT (entities stay unexpanded), no DTDLOAD, no network */
	doc = xmlCtxtReadMemory(ctx, xml, (int)len, "push.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOXINCNODE);
	if (doc == NULL)
		goto out;
	if (doc->intSubset != NULL || doc->extSubset != NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "xml") != 0 ||
	    root->ns != NULL || root->nsDef != NULL)
		goto out;
	if (walk(p, root, NULL, 1, &tail, &count) != 0) {
		*out = NULL;
		goto out;
	}
	rc = WX_OK;
out:
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return rc;
}

const char *
wx_get(const struct wx_field *f, const char *name)
{
	for (; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->value;
	return NULL;
}

const char *
wx_cdata(struct pool *p, const char *s)
{
	struct buf b = { 0 };
	char      *r;

	buf_puts(&b, "<![CDATA[");
	for (const char *x = s ? s : ""; *x; x++) {
		if (strncmp(x, "]]>", 3) == 0) {
			buf_puts(&b, "]]]]><![CDATA[>");	/* "]]>" cannot sit inside CDATA */
			x += 2;
		} else
			buf_putc(&b, *x);
	}
	buf_puts(&b, "]]>");
	r = pool_strdup(p, b.data);
	buf_free(&b);
	return r;
}

/* To and From swapped relative to the push (WeChat's passive reply) */
char *
wx_reply_text(struct pool *p, const char *openid, const char *original_id, long long at,
    const char *content)
{
	return pool_printf(p, "<xml><ToUserName>%s</ToUserName><FromUserName>%s</FromUserName>"
	    "<CreateTime>%lld</CreateTime><MsgType><![CDATA[text]]></MsgType>"
	    "<Content>%s</Content></xml>", wx_cdata(p, openid), wx_cdata(p, original_id), at,
	    wx_cdata(p, content));
}

char *
wx_reply_image(struct pool *p, const char *openid, const char *original_id, long long at,
    const char *media_id)
{
	return pool_printf(p, "<xml><ToUserName>%s</ToUserName><FromUserName>%s</FromUserName>"
	    "<CreateTime>%lld</CreateTime><MsgType><![CDATA[image]]></MsgType>"
	    "<Image><MediaId>%s</MediaId></Image></xml>", wx_cdata(p, openid),
	    wx_cdata(p, original_id), at, wx_cdata(p, media_id));
}

/* the reply encrypted like a push, with a fresh random prefix, and signed
 * over (token, timestamp, nonce, Encrypt), as WeChat seals a push */
char *
wx_seal(struct pool *p, const unsigned char key[32], const char *appid, const char *token,
    const char *timestamp, const char *nonce, const char *xml)
{
	unsigned char rnd[16];
	const char   *enc;

	rand_bytes(rnd, sizeof rnd);
	enc = wx_encrypt(p, key, xml, strlen(xml), appid, rnd);
	const char *parts[4] = { token, timestamp, nonce, enc };
	return pool_printf(p, "<xml><Encrypt>%s</Encrypt><MsgSignature>%s</MsgSignature>"
	    "<TimeStamp>%s</TimeStamp><Nonce>%s</Nonce></xml>", wx_cdata(p, enc),
	    wx_cdata(p, wx_sign(p, parts, 4)), timestamp, wx_cdata(p, nonce));
}

time_t
wx_beijing_day(time_t now)
{
	return (now + WX_BEIJING) / 86400 * 86400 - WX_BEIJING;
}

void
wx_beijing_tm(time_t now, struct tm *tm)
{
	time_t t = now + WX_BEIJING;

	gmtime_r(&t, tm);
}
