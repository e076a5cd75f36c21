/*
 * minhook.c: the benchmark's baseline webhook: checks the signature, parses
 * the XML with libxml2, runs one prepared INSERT committed to InnoDB, and
 * answers "success". wxdesk's webhook does the full chat intake on top of
 * that; make bench prints them side by side.
 *
 * With MINHOOK_ROW set it stores what intake stores for a text message (the
 * same columns of a table made LIKE messages: its indexes, no foreign keys,
 * no triggers) in the same INSERT: the cost of the row itself, without the
 * chat it belongs to.
 *
 * It connects on the first request, and again after a failure, so it starts
 * before the bench has made its database and lighttpd never sees it exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <libxml/parser.h>
#include <mysql.h>
#include <openssl/evp.h>

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
sig_ok(const char *token, const char *ts, const char *nonce, const char *sig)
{
	const char   *p[3] = { token, ts, nonce };
	unsigned char md[20];
	char          hex[41];
	EVP_MD_CTX   *c = EVP_MD_CTX_new();

	if (!ts || !nonce || !sig)
		return 0;
	qsort(p, 3, sizeof p[0], cmp);
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	for (int i = 0; i < 3; i++)
		EVP_DigestUpdate(c, p[i], strlen(p[i]));
	EVP_DigestFinal_ex(c, md, NULL);
	EVP_MD_CTX_free(c);
	for (int i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return strcmp(hex, sig) == 0;
}

static const char *
arg(const char *q, const char *name, char *out, size_t n)
{
	size_t l = strlen(name);

	for (const char *s = q; s && *s; s = strchr(s, '&') ? strchr(s, '&') + 1 : NULL)
		if (strncmp(s, name, l) == 0 && s[l] == '=') {
			size_t k = strcspn(s + l + 1, "&");
			if (k >= n)
				return NULL;
			memcpy(out, s + l + 1, k);
			out[k] = 0;
			return out;
		}
	return NULL;
}

static MYSQL      *m;
static MYSQL_STMT *st;
static int         row;	/* MINHOOK_ROW: the message row, read once */

static void
db_close(void)
{
	if (st)
		mysql_stmt_close(st);
	if (m)
		mysql_close(m);
	st = NULL;
	m = NULL;
}

static int
db_open(void)
{
	const char *sql = row ?
	    "INSERT INTO msgrow (channel_id, follower_id, chat_id, direction, msg_type, "
	    "body, fields, wx_msg_id, wx_create_time, dedupe_key, media_state, created_at) "
	    "VALUES (1, 1, 1, 'in', 'text', ?, ?, ?, 1700000000, CONCAT('m:', ?), 'none', NOW())" :
	    "INSERT INTO minhook (msg_id, from_user, body) VALUES (?, ?, ?)";

	if (st)
		return 0;
	if ((m = mysql_init(NULL)) == NULL ||
	    !mysql_real_connect(m, NULL, "root", "", "wxbench", 0, getenv("MINHOOK_SOCKET"), 0) ||
	    mysql_set_character_set(m, "utf8mb4") || mysql_autocommit(m, 0) ||
	    (st = mysql_stmt_init(m)) == NULL || mysql_stmt_prepare(st, sql, strlen(sql))) {
		db_close();
		return -1;
	}
	return 0;
}

/* one prepared INSERT and its COMMIT; 1 when stored (or stored already) */
static int
store(const char *id, const char *from, const char *content, const char *xml)
{
	const char   *v[4] = { id, from, content, NULL };
	MYSQL_BIND    b[4];
	unsigned long l[4];
	int           n = 3;

	if (row) {	/* body, fields (the pushed XML, the size of intake's), MsgId, MsgId */
		v[0] = content, v[1] = xml, v[2] = v[3] = id;
		n = 4;
	}
	if (db_open() != 0)
		return 0;
	memset(b, 0, sizeof b);
	for (int i = 0; i < n; i++) {
		l[i] = strlen(v[i]);
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)v[i];
		b[i].length = &l[i];
	}
	if (mysql_stmt_bind_param(st, b) == 0 &&
	    (mysql_stmt_execute(st) == 0 || mysql_stmt_errno(st) == 1062) && mysql_commit(m) == 0)
		return 1;
	db_close();	/* the next request connects afresh */
	return 0;
}

int
main(void)
{
	FCGX_Request r;
	const char  *token = getenv("MINHOOK_TOKEN");

	row = getenv("MINHOOK_ROW") != NULL;

	FCGX_Init();
	FCGX_InitRequest(&r, 0, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		char        ts[32], nonce[32], sig[64], body[8192];
		const char *q = FCGX_GetParam("QUERY_STRING", r.envp);
		int         n = FCGX_GetStr(body, sizeof body - 1, r.in), ok = 0;
		xmlDocPtr   d;

		body[n > 0 ? n : 0] = 0;
		if (sig_ok(token, arg(q, "timestamp", ts, sizeof ts), arg(q, "nonce", nonce,
		    sizeof nonce), arg(q, "signature", sig, sizeof sig)) &&
		    (d = xmlReadMemory(body, n, NULL, "UTF-8", XML_PARSE_NONET)) != NULL) {
			xmlNode *root = xmlDocGetRootElement(d);
			xmlChar *id = NULL, *from = NULL, *content = NULL;
			for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
				if (c->type != XML_ELEMENT_NODE) continue;
				if (!strcmp((char *)c->name, "MsgId")) id = xmlNodeGetContent(c);
				else if (!strcmp((char *)c->name, "FromUserName")) from = xmlNodeGetContent(c);
				else if (!strcmp((char *)c->name, "Content")) content = xmlNodeGetContent(c);
			}
			if (id && from && content)
				ok = store((char *)id, (char *)from, (char *)content, body);
			xmlFree(id); xmlFree(from); xmlFree(content);
			xmlFreeDoc(d);
		}
		FCGX_PutS(ok ? "Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nsuccess" :
		    "Status: 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
