/*
 * wxapi.c: calls to WeChat's API (libcurl), at the configured base URL
 * (WeChat.APIBase: https://api.weixin.qq.com, or the simulator).
 *
 * Access tokens are shared by every process through the access_tokens
 * table. One process at a time refreshes a channel's token, under a lease,
 * with stable_token (repeated calls do not rotate it). A call that fails
 * with 40001/40014/42001 expires the token only if it is still the one that
 * failed (compare-and-expire), fetches a fresh one and retries once.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "metrics.h"
#include "wxapi.h"
#include "job.h"

const char *
wxapi_errtext(long errcode)
{
	switch (errcode) {
	case -1:    return "WeChat is busy (-1); it will be tried again";
	case 40001: return "the App Secret is wrong, or the access token is no longer valid (40001)";
	case 40003: return "this OpenID is not a follower of the account (40003)";
	case 40007: return "WeChat does not know this media id, or it has expired (40007)";
	case 40013: return "WeChat does not know this App ID (40013): check the App ID";
	case 40014: return "the access token is not valid (40014)";
	case 40125: return "the App Secret is wrong (40125): copy it again from WeChat";
	case 40164: return "this server's IP address is not in the account's API IP whitelist (40164)";
	case 41001: return "the access token is missing (41001)";
	case 42001: return "the access token has expired (42001)";
	case 43004: return "the follower has unfollowed the account (43004)";
	case 45002: return "the message is too long for WeChat (45002)";
	case 45009: return "the account's daily API quota is used up (45009)";
	case 45015: return "the follower's reply window has closed (48 hours after their message, a minute after a follow, scan or click), or they unfollowed (45015)";
	case 45047: return "WeChat takes no more messages until the follower writes (5 after a message, 3 after a follow, scan or click) (45047)";
	case 48001: return "the account has no permission for this API (48001)";
	default:    return "WeChat refused the request";
	}
}

/* errcode of a JSON answer (0 when it has none), or -2 when it is not JSON. */
long
wxapi_errcode(struct pool *p, const struct http_resp *r, struct wx_field **f)
{
	const char *e;

	if (r->status != 200 || r->body.len == 0 ||
	    json_parse(p, r->body.data, r->body.len, f) != 0)
		return -2;
	e = wx_get(*f, "errcode");
	return e ? strtol(e, NULL, 10) : 0;
}

static int
token_errcode(long e)
{
	return e == 40001 || e == 40014 || e == 42001;
}

/*
 * Fetches a token with stable_token and stores it. Called by the holder of
 * the channel's lease. Returns 0, or the errcode (or -2: no answer).
 */
static long
fetch_token(struct pool *p, long long channel, const char *app_id, const char *secret,
    const char **token)
{
	struct http_resp r;
	struct wx_field *f = NULL;
	struct buf       body = { 0 };
	long             e;
	time_t           now = wx_now();
	const char      *url = pool_printf(p, "%s/cgi-bin/stable_token",
	    cfg_get("WeChat.APIBase", "https://api.weixin.qq.com"));

	json_put(&body, json_pack("{s:s,s:o,s:o,s:b}", "grant_type", "client_credential",
	    "appid", json_s(app_id), "secret", json_s(secret), "force_refresh", 0));
	if (http_call(url, "application/json", body.data, body.len, NULL, 10000, &r) != 0) {
		db_token_error(p, channel, -2LL,
		    pool_printf(p, "WeChat could not be reached: %s", r.error), (long long)now + 30);
		metrics_token(0);
		buf_free(&body);
		http_resp_free(&r);
		return -2;
	}
	buf_free(&body);
	e = wxapi_errcode(p, &r, &f);
	if (e == 0 && wx_get(f, "access_token") != NULL) {
		long long ttl = strtoll(wx_get(f, "expires_in") ? wx_get(f, "expires_in") : "7200",
		    NULL, 10);
		*token = wx_get(f, "access_token");
		db_token_store(p, channel, *token, (long long)now + ttl, (long long)now);
		http_resp_free(&r);
		metrics_token(1);
		return 0;
	}
	if (e == 0)
		e = -2;
	metrics_token(0);
	/* back off: a minute for configuration errors, 10 s for the rest */
	db_token_error(p, channel, (long long)e, wxapi_errtext(e),
	    (long long)now + (e == 40013 || e == 40125 || e == 40164 ? 60 : 10));
	http_resp_free(&r);
	return e;
}

long
wxapi_token(struct pool *p, const struct wxapi_channel *ch, int force, const char **token)
{
	struct token_get *t = NULL;
	size_t t_n = 0;
	time_t       now = wx_now();

	*token = NULL;
	db_token_ensure(p, ch->id);
	for (int wait = 0; wait < 50; wait++) {
		if (db_token_get(p, ch->id, &t, &t_n) != DB_OK || t_n == 0)
			return -2;
		/* columns: token expires_at last_errcode */
		if (!force && t[0].token && t[0].expires > now + 300) {
			*token = t[0].token;
			return 0;
		}
		/* one process refreshes; the others wait for its result. Unless
		 * forced, only a token still due is fetched: one stored meanwhile
		 * by another process is used instead */
		if (db_token_lease(p, ch->id, (long long)now + 30, (long long)now,
		    force ? 0 : (long long)now + 300) == DB_OK)
			return fetch_token(p, ch->id, ch->app_id, ch->secret, token);
		if (wait == 0 && !force && t[0].token && t[0].expires > now)
			return (*token = t[0].token), 0;	/* still valid meanwhile */
		/* the lease is an error backoff, not a refresh under way: say so now */
		if (t[0].last_errcode != 0)
			return t[0].last_errcode;
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		force = 0;
		now = wx_now();
	}
	return -2;
}

/*
 * The setup wizard's live check: asks WeChat for a token now, whatever the
 * cache holds or its error backoff says, and stores the answer (a token, or
 * the errcode for the health panel). Returns 0 or the errcode (-2: no answer).
 */
long
wxapi_token_check(struct pool *p, const struct wxapi_channel *ch)
{
	const char *token;

	db_token_ensure(p, ch->id);
	return fetch_token(p, ch->id, ch->app_id, ch->secret, &token);
}

long
wxapi_call(struct pool *p, const struct wxapi_channel *ch, const char *path,
    const char *query, const char *json, const struct http_file *file,
    struct http_resp *r, struct wx_field **f)
{
	const char *token;
	long        e = 0;

	*f = NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((e = wxapi_token(p, ch, 0, &token)) != 0) {
			memset(r, 0, sizeof *r);
			return e;
		}
		const char *url = pool_printf(p, "%s%s?access_token=%s%s%s",
		    cfg_get("WeChat.APIBase", "https://api.weixin.qq.com"), path, token,
		    query ? "&" : "", query ? query : "");
		if (http_call(url, "application/json", json, json ? strlen(json) : 0, file,
		    20000, r) != 0)
			return -2;
		e = wxapi_errcode(p, r, f);
		if (e == -2 && r->status == 200)
			return 0;	/* not JSON: a file (media/get) */
		if (!token_errcode(e) || attempt == 1)
			return e;
		/* compare-and-expire: only the token that failed, then retry once */
		db_token_expire_if(p, ch->id, token);
		http_resp_free(r);
	}
	return e;
}

/*
 * A customer-service message to openid: a text, or media already uploaded
 * (type "image", "voice", "video" with its media id). Busy (-1) is tried
 * again a few times. Returns WeChat's errcode (0 delivered, -2 no answer).
 */
long
wxapi_send(struct pool *p, const struct wxapi_channel *ch, const char *openid,
    const char *type, const char *content)
{
	struct buf body = { 0 };
	long       e = -2;

	/* {"touser":…,"msgtype":"text","text":{"content":…}}, or media_id for media */
	json_put(&body, json_pack("{s:o,s:s,s:{s:o}}", "touser", json_s(openid), "msgtype",
	    type, type, strcmp(type, "text") == 0 ? "content" : "media_id", json_s(content)));
	for (int attempt = 0; attempt < 3; attempt++) {
		struct http_resp hr;
		struct wx_field *f;
		e = wxapi_call(p, ch, "/cgi-bin/message/custom/send", NULL, body.data, NULL,
		    &hr, &f);
		http_resp_free(&hr);
		if (e != -1)
			break;
		struct timespec ts = { 0, 300 * 1000 * 1000L * (attempt + 1) };
		nanosleep(&ts, NULL);
	}
	buf_free(&body);
	metrics_sent(e);
	return e;
}
