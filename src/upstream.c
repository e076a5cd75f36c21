/* upstream.c: a push forwarded to the account's existing server, signed as
 * WeChat signs, and its passive reply checked (see upstream.h). */
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "upstream.h"

static const char *const menu_events[] = { "CLICK", "VIEW", "scancode_push", "scancode_waitmsg",
	"pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select", "view_miniprogram" };

const char *
upstream_kind(const struct wx_field *f)
{
	const char *type = wx_get(f, "MsgType"), *ev = wx_get(f, "Event");

	if (type == NULL || strcmp(type, "event") != 0)
		return "message";
	if (ev == NULL)
		return "other";
	if (strcmp(ev, "subscribe") == 0 || strcmp(ev, "unsubscribe") == 0)
		return "follow";
	if (strcmp(ev, "SCAN") == 0)
		return "scan";
	for (size_t i = 0; i < sizeof menu_events / sizeof menu_events[0]; i++)
		if (strcmp(ev, menu_events[i]) == 0)
			return "menu";
	return "other";
}

int
upstream_route(const struct upstream *u, const char *kind)
{
	if (u->url == NULL || *u->url == '\0' || u->token == NULL || !set_has(u->forward, kind))
		return 0;
	return set_has(u->first, kind) ? 2 : 1;
}

/* the upstream's answer as plain XML for the account and follower, or NULL
 * with *why (NULL: it said "success" or nothing) */
static const char *
reply_of(struct pool *p, const struct upstream *u, const unsigned char *key, const char *appid,
    const char *original_id, const char *openid, const char *body, size_t n, const char **why)
{
	struct wx_field *f;
	char            *xml = NULL, *rid;
	size_t           len;
	const char      *to, *from;

	while (n > 0 && (body[n - 1] == '\n' || body[n - 1] == '\r' || body[n - 1] == ' '))
		n--;
	if (n == 0 || (n == 7 && strncmp(body, "success", 7) == 0))
		return NULL;
	if (wx_parse(p, body, n, &f) != WX_OK) {
		*why = "upstream.bad_reply";
		return NULL;
	}
	if (key != NULL) {
		const char *enc = wx_get(f, "Encrypt");
		if (!wx_check_msg_signature(p, u->token, wx_get(f, "TimeStamp"), wx_get(f, "Nonce"),
		    enc, wx_get(f, "MsgSignature"))) {
			*why = "upstream.bad_signature";
			return NULL;
		}
		if (wx_decrypt(p, key, enc, appid, &xml, &len, &rid) != WX_OK ||
		    wx_parse(p, xml, len, &f) != WX_OK) {
			*why = "upstream.bad_reply";
			return NULL;
		}
	} else
		xml = pool_strndup(p, body, n);
	to = wx_get(f, "ToUserName"), from = wx_get(f, "FromUserName");
	if (wx_get(f, "MsgType") == NULL || to == NULL || from == NULL || strcmp(to, openid) != 0 ||
	    strcmp(from, original_id) != 0) {
		*why = "upstream.wrong_party";
		return NULL;
	}
	return xml;
}

long
upstream_budget(long spent_ms)
{
	long left = UPSTREAM_DEADLINE_MS - spent_ms, own = cfg_int("Upstream.BudgetMs", 2500);

	left = own < left ? own : left;
	return left < 100 ? 0 : left;
}

const char *
upstream_forward(struct pool *p, const struct upstream *u, const char *appid,
    const char *original_id, const char *openid, const char *xml, long budget_ms,
    const char **why)
{
	const char      *ts = pool_printf(p, "%lld", (long long)wx_now());
	unsigned         r;
	const char      *nonce, *body = xml, *url;
	unsigned char    key[32], *kp = NULL;
	struct http_resp hr;
	const char      *out = NULL;

	rand_bytes(&r, sizeof r);
	nonce = pool_printf(p, "%u", r % 1000000000u);
	const char *sig[3] = { u->token, ts, nonce };
	*why = NULL;
	url = pool_printf(p, "%s%ssignature=%s&timestamp=%s&nonce=%s&openid=%s", u->url,
	    strchr(u->url, '?') ? "&" : "?", wx_sign(p, sig, 3), ts, nonce, http_escape(p, openid));
	if (u->mode && strcmp(u->mode, "safe") == 0) {
		unsigned char rnd[16];
		const char   *enc;
		if (u->aes_key == NULL || wx_aes_key(u->aes_key, key) != WX_OK) {
			*why = "upstream.no_key";
			return NULL;
		}
		kp = key;
		rand_bytes(rnd, sizeof rnd);
		enc = wx_encrypt(p, key, xml, strlen(xml), appid, rnd);
		const char *parts[4] = { u->token, ts, nonce, enc };
		url = pool_printf(p, "%s&encrypt_type=aes&msg_signature=%s", url, wx_sign(p, parts, 4));
		body = pool_printf(p, "<xml><ToUserName>%s</ToUserName><Encrypt>%s</Encrypt></xml>",
		    wx_cdata(p, original_id), wx_cdata(p, enc));
	}
	if (budget_ms <= 0) {
		*why = "upstream.no_time";	/* the bot's service took the push's time */
		return NULL;
	}
	if (http_call(url, "text/xml", body, strlen(body), NULL, budget_ms, &hr) != 0)
		*why = "upstream.unreachable";
	else if (hr.status != 200)
		*why = "upstream.status";
	else
		out = reply_of(p, u, kp, appid, original_id, openid, hr.body.data ? hr.body.data : "",
		    hr.body.len, why);
	http_resp_free(&hr);
	return out;
}
