/*
 * payment.c: WeChat's payment window, told by the business (056). WeChat
 * Pay notifies the merchant's payment server, never the account's webhook;
 * that server forwards each payment here, signed with the account's payment
 * key, and the follower's open chat takes any number of messages for 48
 * hours (chat_pay).
 *
 *   POST /wechat/<key>/payment
 *   Authorization: WXDESK-HMAC-SHA256 t=<unix seconds>,v1=<hex>
 *   {"openid": "…", "transaction_id": "…", "amount": 1234, "paid_at": <unix seconds>}
 *
 * v1 is hex(HMAC-SHA256(payment key, "<t>.<body>")); t within 5 minutes of
 * now. Answers JSON: 200 {"ok": true, "window_until": …, "new": true|false}
 * (a transaction told again changes nothing), 400 malformed, 401 a wrong
 * or old signature, 404 no such account (or no payment key), or no such
 * follower, 409 a payment more than 48 hours old, 503 the database.
 */
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "json.h"
#include "webhook.h"

#define PAY_SKEW     300	/* seconds a signature's time may differ from ours */
#define PAY_SCHEME   "WXDESK-HMAC-SHA256 "

static void
answer(struct resp *rs, int status, const char *error)
{
	resp_json(rs, status, json_pack("{s:b,s:s}", "ok", 0, "error", error));
}

/* the signature's time and value from the Authorization header: 0, or -1 */
static int
signature(const char *h, long long *t, const char **v1)
{
	const char *tp, *vp;

	if (h == NULL || strncmp(h, PAY_SCHEME, strlen(PAY_SCHEME)) != 0)
		return -1;
	h += strlen(PAY_SCHEME);
	if ((tp = strstr(h, "t=")) == NULL || (vp = strstr(h, "v1=")) == NULL)
		return -1;
	*t = strtoll(tp + 2, NULL, 10);
	*v1 = vp + 3;
	return 0;
}

void
webhook_payment_post(struct req *r, struct resp *rs)
{
	long long        channel, t, follower, now = (long long)wx_now(), paid_at, amount;
	const char      *enc, *key, *v1, *openid, *tx;
	struct wx_field *f;
	char            *want, *mine;
	int              fresh;
	enum dbrc        rc;

	rc = db_payment_channel(&r->pool, r->key ? r->key : "", &channel, &enc);
	if (rc == DB_NOTFOUND || (rc == DB_OK && (enc == NULL || *enc == '\0'))) {
		answer(rs, 404, "no account has this address, or it has no payment key");
		return;
	}
	if (rc != DB_OK) {
		answer(rs, 503, "the database is unavailable; send the payment again");
		return;
	}
	if ((key = secret_decrypt(&r->pool, enc)) == NULL) {
		answer(rs, 503, "the account's payment key cannot be read");
		return;
	}
	if (signature(r->authorization, &t, &v1) != 0 || llabs(now - t) > PAY_SKEW) {
		answer(rs, 401, "sign with WXDESK-HMAC-SHA256 t=<now>,v1=<signature>");
		return;
	}
	mine = pool_printf(&r->pool, "%lld.", t);
	want = pool_alloc(&r->pool, strlen(mine) + r->clen + 1);
	memcpy(want, mine, strlen(mine));
	if (r->clen)
		memcpy(want + strlen(mine), r->body, r->clen);
	if (!secret_same(secret_hmac_hex(&r->pool, key, want, strlen(mine) + r->clen),
	    pool_strndup(&r->pool, v1, strspn(v1, "0123456789abcdef")))) {
		answer(rs, 401, "the signature does not match the body and the payment key");
		return;
	}
	if (r->body == NULL || json_parse(&r->pool, r->body, r->clen, &f) != 0 ||
	    (openid = wx_get(f, "openid")) == NULL || (tx = wx_get(f, "transaction_id")) == NULL ||
	    *openid == '\0' || strlen(openid) > 64 || *tx == '\0' || strlen(tx) > 64 ||
	    wx_get(f, "paid_at") == NULL) {
		answer(rs, 400, "give openid, transaction_id and paid_at (unix seconds) as JSON");
		return;
	}
	paid_at = strtoll(wx_get(f, "paid_at"), NULL, 10);
	amount = wx_get(f, "amount") ? strtoll(wx_get(f, "amount"), NULL, 10) : -1;
	if (paid_at > now + PAY_SKEW || paid_at <= now - WX_WINDOW) {
		answer(rs, 409, "the payment is not within WeChat's last 48 hours: it opens no window");
		return;
	}
	rc = chat_pay(&r->pool, channel, openid, tx, amount, paid_at, now, &follower, &fresh);
	if (rc == DB_NOTFOUND)
		answer(rs, 404, "the account has no follower with this openid");
	else if (rc != DB_OK)
		answer(rs, 503, "the database is unavailable; send the payment again");
	else
		resp_json(rs, 200, json_pack("{s:b,s:I,s:b}", "ok", 1, "window_until",
		    (json_int_t)(paid_at + WX_WINDOW), "new", fresh));
}
