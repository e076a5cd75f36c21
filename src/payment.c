/*
 * payment.c: WeChat's payment window, told by the business (056). WeChat
 * Pay notifies the merchant's payment server, never the account's webhook;
 * that server forwards each payment through the API (api.h) with a token
 * of the payments scope, and the follower's open chat takes any number of
 * messages for 48 hours (chat_pay).
 *
 *   POST /api/v1/channels/<id>/payments
 *   Authorization: Bearer <token>
 *   {"openid": "…", "transaction_id": "…", "amount": 1234, "paid_at": <unix seconds>}
 *
 * 200 {"window_until": …, "new": true|false} (a transaction told again
 * changes nothing), 404 no such account or follower, 409 a payment more
 * than 48 hours old, 422 malformed.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "chat.h"
#include "json.h"

#define PAY_SKEW 300	/* seconds a payment's time may be ahead of ours */

void
api_payment_post(struct req *r, struct resp *rs)
{
	struct api_channel_row *c;
	size_t                  n;
	long long               follower, now = (long long)wx_now(), paid_at, amount;
	const char             *openid, *tx;
	json_t                 *body;
	int                     fresh;
	enum dbrc               rc;

	if ((body = api_body(r, rs)) == NULL)
		return;
	openid = json_string_value(json_object_get(body, "openid"));
	tx = json_string_value(json_object_get(body, "transaction_id"));
	paid_at = json_integer_value(json_object_get(body, "paid_at"));
	amount = json_is_integer(json_object_get(body, "amount")) ?
	    json_integer_value(json_object_get(body, "amount")) : -1;
	openid = openid ? pool_strdup(&r->pool, openid) : NULL;
	tx = tx ? pool_strdup(&r->pool, tx) : NULL;
	json_decref(body);
	if (openid == NULL || tx == NULL || *openid == '\0' || strlen(openid) > 64 ||
	    *tx == '\0' || strlen(tx) > 64 || paid_at <= 0) {
		api_error(r, rs, 422, "bad_payment", NULL);
		return;
	}
	if ((rc = db_api_channels(&r->pool, api_brand(r), r->ids[0], &c, &n)) != DB_OK) {
		api_db_down(r, rs);
		return;
	}
	if (n == 0 || strcmp(c[0].state, "active") != 0) {
		api_error(r, rs, 404, "channel_not_found", NULL);
		return;
	}
	if (paid_at > now + PAY_SKEW) {
		api_error(r, rs, 422, "payment_in_future", NULL);
		return;
	}
	if (paid_at <= now - WX_WINDOW) {
		api_error(r, rs, 409, "payment_too_old", NULL);
		return;
	}
	rc = chat_pay(&r->pool, c[0].id, openid, tx, amount, paid_at, now, &follower, &fresh);
	if (rc == DB_NOTFOUND)
		api_error(r, rs, 404, "follower_not_found", NULL);
	else if (rc != DB_OK)
		api_db_down(r, rs);
	else
		api_ok(rs, 200, json_pack("{s:I,s:I,s:b}", "follower_id", (json_int_t)follower,
		    "window_until", (json_int_t)(paid_at + WX_WINDOW), "new", fresh));
}
