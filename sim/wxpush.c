/*
 * wxpush.c: the WeChat side of a push, for the simulator (its phone page
 * and its command-line client): builds the XML WeChat would send, signs it,
 * encrypts it in compatible or safe mode, and POSTs it as WeChat does:
 * 5 seconds per attempt, 3 attempts in all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/wxapi.h"
#include "wxpush.h"


char *
wxpush_msgid(struct pool *p)
{
	unsigned char      r[8];
	unsigned long long v = 0;

	rand_bytes(r, sizeof r);
	for (int k = 0; k < 8; k++)
		v = v << 8 | r[k];
	/* 19 digits, like WeChat's */
	return pool_printf(p, "%llu", v % 9000000000000000000ULL + 1000000000000000000ULL);
}

char *
wxpush_xml(struct pool *p, const struct wxpush_msg *m)
{
	const char *head = pool_printf(p, "<ToUserName>%s</ToUserName><FromUserName>%s"
	    "</FromUserName><CreateTime>%lld</CreateTime>", wx_cdata(p, m->to), wx_cdata(p, m->from),
	    m->create_time);
	const char *t = m->type, *a1 = m->a1 ? m->a1 : "", *a2 = m->a2, *a3 = m->a3 ? m->a3 : "";
	const char *id = m->msgid;

	if (strcmp(t, "text") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[text]]></MsgType><Content>%s"
		    "</Content><MsgId>%s</MsgId></xml>", head, wx_cdata(p, a1), id);
	if (strcmp(t, "image") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[image]]></MsgType><PicUrl>"
		    "<![CDATA[http://mmbiz.qpic.cn/sim]]></PicUrl><MediaId>%s</MediaId>"
		    "<MsgId>%s</MsgId></xml>", head, wx_cdata(p, a1), id);
	if (strcmp(t, "voice") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[voice]]></MsgType><MediaId>%s"
		    "</MediaId><Format><![CDATA[amr]]></Format>%s<MsgId>%s</MsgId></xml>", head,
		    wx_cdata(p, a1), a2 ? pool_printf(p, "<Recognition>%s</Recognition>",
		    wx_cdata(p, a2)) : "", id);
	if (strcmp(t, "video") == 0 || strcmp(t, "shortvideo") == 0)
		return pool_printf(p, "<xml>%s<MsgType>%s</MsgType><MediaId>%s</MediaId>"
		    "<ThumbMediaId>%s</ThumbMediaId><MsgId>%s</MsgId></xml>", head,
		    wx_cdata(p, t), wx_cdata(p, a1), wx_cdata(p, a2 ? a2 : "thumb"), id);
	if (strcmp(t, "location") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[location]]></MsgType>"
		    "<Location_X>%.32s</Location_X><Location_Y>%.32s</Location_Y><Scale>15"
		    "</Scale><Label>%s</Label><MsgId>%s</MsgId></xml>", head, a1,
		    a2 ? a2 : "0", wx_cdata(p, a3), id);
	if (strcmp(t, "link") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[link]]></MsgType><Title>%s"
		    "</Title><Description><![CDATA[]]></Description><Url>%s</Url><MsgId>%s"
		    "</MsgId></xml>", head, wx_cdata(p, a1), wx_cdata(p, a2 ? a2 : ""), id);
	if (strcmp(t, "event") == 0)
		return pool_printf(p, "<xml>%s<MsgType><![CDATA[event]]></MsgType><Event>%s"
		    "</Event><EventKey>%s</EventKey>%s</xml>", head, wx_cdata(p, a1),
		    wx_cdata(p, a2 ? a2 : ""), a2 && (strncmp(a2, "qrscene_", 8) == 0 ||
		    strcmp(a1, "SCAN") == 0) ? "<Ticket><![CDATA[SIMTICKET]]></Ticket>" : "");
	return NULL;
}

/*
 * The account's passive reply body b to the push inner, as WeChat reads it:
 * its content, or NULL (and why in log) when WeChat would show the follower
 * its "unavailable" notice instead.
 */
static int
passive_reply(struct pool *p, const struct wxpush_target *t, const char *inner, const char *b,
    struct buf *log, struct wxpush_reply *out)
{
	struct wx_field *f, *in;
	const char      *to, *from, *type, *content;

	if (wx_parse(p, b, strlen(b), &f) != WX_OK) {
		buf_puts(log, "passive reply: not XML\n");
		return -1;
	}
	if (wx_get(f, "Encrypt")) {
		unsigned char key[32];
		char         *xml, *rid;
		size_t        len;
		const char   *enc = wx_get(f, "Encrypt");
		const char   *parts[4] = { t->token, wx_get(f, "TimeStamp"), wx_get(f, "Nonce"), enc };
		if (t->aes_key == NULL || wx_aes_key(t->aes_key, key) != WX_OK ||
		    !wx_get(f, "TimeStamp") || !wx_get(f, "Nonce") || !wx_get(f, "MsgSignature") ||
		    strcmp(wx_sign(p, parts, 4), wx_get(f, "MsgSignature")) != 0) {
			buf_puts(log, "passive reply: MsgSignature does not match\n");
			return -1;
		}
		if (wx_decrypt(p, key, enc, t->app_id, &xml, &len, &rid) != WX_OK ||
		    wx_parse(p, xml, len, &f) != WX_OK) {
			buf_puts(log, "passive reply: cannot decrypt\n");
			return -1;
		}
	} else if (t->mode && strcmp(t->mode, "safe") == 0) {
		buf_puts(log, "passive reply: a safe-mode account must encrypt its reply\n");
		return -1;
	}
	if (wx_parse(p, inner, strlen(inner), &in) != WX_OK)
		return -1;
	to = wx_get(f, "ToUserName"), from = wx_get(f, "FromUserName");
	type = wx_get(f, "MsgType"), content = wx_get(f, "Content");
	if (!to || !from || strcmp(to, wx_get(in, "FromUserName")) != 0 ||
	    strcmp(from, wx_get(in, "ToUserName")) != 0 || !wx_get(f, "CreateTime")) {
		buf_puts(log, "passive reply: To/From/CreateTime wrong\n");
		return -1;
	}
	if (type && strcmp(type, "image") == 0 && wx_get(f, "Image.MediaId") && *wx_get(f, "Image.MediaId")) {
		out->type = "image";
		out->media_id = wx_get(f, "Image.MediaId");
		buf_printf(log, "passive reply: a picture, %.40s\n", out->media_id);
		return 0;
	}
	if (!type || strcmp(type, "text") != 0 || !content || !*content) {
		buf_puts(log, "passive reply: not a text with Content, nor a picture with Image/MediaId\n");
		return -1;
	}
	buf_printf(log, "passive reply: \"%.60s\"\n", content);
	out->type = "text";
	out->content = content;
	return 0;
}

int
wxpush_send(struct pool *p, const struct wxpush_target *t, const char *inner,
    int gap_seconds, struct buf *log, struct wxpush_reply *reply)
{
	char        ts[32], nonce[32];
	const char *body = inner, *url;
	int         rc = -1;
	unsigned char r[4];

	snprintf(ts, sizeof ts, "%lld", (long long)wx_now() - t->queued);
	rand_bytes(r, sizeof r);
	snprintf(nonce, sizeof nonce, "%u", (unsigned)(r[0] | r[1] << 8 | r[2] << 16 |
	    (unsigned)(r[3] & 0x7f) << 24));
	const char *parts[3] = { t->token, ts, nonce };
	url = pool_printf(p, "%s%ssignature=%s&timestamp=%s&nonce=%s", t->url,
	    strchr(t->url, '?') ? "&" : "?", wx_sign(p, parts, 3), ts, nonce);
	if (t->mode && strcmp(t->mode, "plain") != 0) {
		unsigned char key[32], rnd[16];
		if (t->aes_key == NULL || t->app_id == NULL || wx_aes_key(t->aes_key, key) != WX_OK) {
			buf_puts(log, "compatible and safe mode need the AES key and App ID\n");
			return -1;
		}
		rand_bytes(rnd, sizeof rnd);
		const char *enc = wx_encrypt(p, key, inner, strlen(inner), t->app_id, rnd);
		const char *eparts[4] = { t->token, ts, nonce, enc };
		url = pool_printf(p, "%s&encrypt_type=aes&msg_signature=%s", url,
		    wx_sign(p, eparts, 4));
		if (strcmp(t->mode, "safe") == 0)
			body = pool_printf(p, "<xml><ToUserName>%s</ToUserName><Encrypt>%s"
			    "</Encrypt></xml>", wx_cdata(p, t->original_id), wx_cdata(p, enc));
		else	/* compatible: the plain fields and Encrypt side by side */
			body = pool_printf(p, "%.*s<Encrypt>%s</Encrypt></xml>",
			    (int)(strlen(inner) - 6), inner, wx_cdata(p, enc));
	}
	for (int attempt = 1; attempt <= 3; attempt++) {
		struct http_resp res;
		int got = http_call(url, "text/xml", body, strlen(body), NULL, 5000, &res);
		const char *b = res.body.data ? res.body.data : "";
		int ok = got == 0 && res.status == 200 && (res.body.len == 0 ||
		    strcmp(b, "success") == 0 || strncmp(b, "<xml>", 5) == 0);
		if (ok && strncmp(b, "<xml>", 5) == 0) {
			struct wxpush_reply said = { 0 };
			if (passive_reply(p, t, inner, b, log, &said) != 0)
				said = (struct wxpush_reply){ "text", WXPUSH_UNAVAILABLE, NULL };
			if (reply)
				*reply = said;
		}
		buf_printf(log, "attempt %d: status %ld, body \"%.80s\"%s%s\n", attempt,
		    res.status, b, got ? " " : "", got ? res.error : "");
		http_resp_free(&res);
		if (ok) {
			rc = 0;
			break;
		}
		if (res.status >= 400 && res.status < 500)
			break;	/* a refusal: the same push again cannot help */
		if (attempt < 3 && gap_seconds > 0)
			sleep((unsigned)gap_seconds);
	}
	return rc;
}

int
wxpush_verify(struct pool *p, const char *url, const char *token, struct buf *log)
{
	struct http_resp r;
	char             ts[32];
	const char      *echo = rand_hex(p, 8), *nonce = rand_hex(p, 4), *u;
	int              ok;

	snprintf(ts, sizeof ts, "%lld", (long long)wx_now());
	const char *parts[3] = { token, ts, nonce };
	u = pool_printf(p, "%s%ssignature=%s&timestamp=%s&nonce=%s&echostr=%s", url,
	    strchr(url, '?') ? "&" : "?", wx_sign(p, parts, 3), ts, nonce, echo);
	http_call(u, NULL, NULL, 0, NULL, 5000, &r);
	ok = r.status == 200 && r.body.data && strcmp(r.body.data, echo) == 0;
	buf_printf(log, "verify: status %ld, body \"%.80s\"%s\n", r.status,
	    r.body.data ? r.body.data : "", ok ? ", echo matches" : "");
	http_resp_free(&r);
	return ok ? 0 : -1;
}
