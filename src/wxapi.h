/* wxapi.h: WeChat's API over libcurl, with the shared access-token cache. */
#ifndef WXDESK_WXAPI_H
#define WXDESK_WXAPI_H

#include "http.h"
#include "wx.h"

struct wxapi_channel {
	long long   id;
	const char *app_id;
	const char *secret;	/* decrypted App Secret */
};

const char *wxapi_errtext(long errcode);
long wxapi_errcode(struct pool *p, const struct http_resp *r, struct wx_field **f);
/* A valid access token for the channel (0), or the errcode that prevented it. */
long wxapi_token(struct pool *p, const struct wxapi_channel *ch, int force, const char **token);
long wxapi_token_check(struct pool *p, const struct wxapi_channel *ch);
/*
 * Calls path (e.g. "/cgi-bin/media/get") with the channel's token; json or
 * form is the body (both NULL: GET). Returns the errcode (0 ok, -2 no answer);
 * *f holds the JSON answer's fields, r the raw answer (caller frees r).
 */
long wxapi_call(struct pool *p, const struct wxapi_channel *ch, const char *path,
	const char *query, const char *json, const struct http_file *file,
	struct http_resp *r, struct wx_field **f);

long wxapi_send(struct pool *p, const struct wxapi_channel *ch, const char *openid,
	const char *type, const char *content);

#endif
