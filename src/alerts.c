/*
 * alerts.c: an operator's WeChat bound to an account (alerts.h): the
 * one-time code My account shows, and the webhook's part, which binds the
 * follower who sends it and keeps the operator's window open.
 */
#include <stdio.h>
#include <string.h>

#include "alerts.h"
#include "audit.h"
#include "json.h"

/* the code's digits in text, or NULL (spaces and line ends around it aside) */
static const char *
code_digits(struct pool *p, const char *text)
{
	const char *a = text, *b;

	if (text == NULL)
		return NULL;
	while (*a && strchr(" \t\r\n", *a))
		a++;
	b = a + strlen(a);
	while (b > a && strchr(" \t\r\n", b[-1]))
		b--;
	if (b - a != ALERT_CODE_DIGITS || strspn(a, "0123456789") < ALERT_CODE_DIGITS)
		return NULL;
	return p ? pool_printf(p, "%.*s", ALERT_CODE_DIGITS, a) : a;
}

int
alert_code_like(const char *text)
{
	return code_digits(NULL, text) != NULL;
}

/* the code as stored: keyed with the secrets key, so a copy of the
 * database alone cannot turn a hash back into one of a million codes */
static const char *
code_hash(struct pool *p, long long channel, const char *digits)
{
	const char *d = pool_printf(p, "%lld:%s", channel, digits);

	return secret_mac_hex(p, "alert-code", d, strlen(d));
}

enum lang
alert_lang(const char *code)
{
	int l = lang_parse(code);

	if (l < 0)
		l = lang_parse(cfg_get("Lang.Default", "en"));
	return l < 0 ? LANG_EN : (enum lang)l;
}

struct code_new {
	long long   user, channel;
	int         sees_all;
	const char *code;
};

static enum dbrc
code_step(struct pool *p, void *arg)
{
	struct code_new *x = arg;
	long long        now = (long long)wx_now();
	unsigned int     r;
	enum dbrc        rc;

	/* uniform over the codes: 2^32 - (2^32 mod 10^6) values are used */
	do
		rand_bytes(&r, sizeof r);
	while (r >= 4294000000u);
	x->code = pool_printf(p, "%06u", r % 1000000u);
	if ((rc = db_alert_code_purge(p, now)) != DB_OK ||
	    (rc = db_alert_code_drop(p, x->user, x->channel)) != DB_OK)
		return rc;
	return db_alert_code_add(p, x->user, x->sees_all, x->channel,
	    code_hash(p, x->channel, x->code), now + ALERT_CODE_SECONDS, now);
}

enum dbrc
alert_code_new(struct pool *p, long long user, int sees_all, long long channel,
    const char **code)
{
	struct code_new x = { user, channel, sees_all, NULL };
	enum dbrc       rc = DB_CONFLICT;

	/* another pending code of the account may be the same: draw again */
	for (int attempt = 0; attempt < 5 && rc == DB_CONFLICT; attempt++)
		rc = db_txn(p, code_step, &x);
	*code = x.code;
	return rc;
}

/* bound: on the audit trail, as the operator's own change */
static enum dbrc
bound(struct pool *p, long long user, long long channel, long long follower, long long now,
    const char **reply)
{
	struct alert_who w;
	struct buf       b = { 0 };
	enum dbrc        rc;

	if ((rc = db_alert_bind(p, user, channel, follower, now)) != DB_OK ||
	    (rc = db_alert_who(p, user, channel, &w)) != DB_OK)
		return rc;
	json_put(&b, json_pack("{s:o}", "account", json_s(w.brand)));
	rc = db_audit_add(p, now, user, w.login, "", ALERT_AUDIT_BOUND, "/account", b.data);
	buf_free(&b);
	{
		const char *v[2] = { w.name, w.login };
		*reply = lang_format(p, alert_lang(w.lang), "alerts.bound_reply", v, 2);
	}
	return rc;
}

enum dbrc
alert_intake(struct pool *p, long long channel, long long follower, const char *type,
    const char *text, long long now, const char **reply)
{
	const char        *digits = type && strcmp(type, "text") == 0 ? code_digits(p, text) : NULL;
	struct alert_bound b;
	long long          user;
	enum dbrc          rc;

	*reply = NULL;
	if (digits) {
		rc = db_alert_code_take(p, channel, code_hash(p, channel, digits), now, &user);
		if (rc == DB_OK)
			return bound(p, user, channel, follower, now, reply);
		if (rc != DB_NOTFOUND)
			return rc;	/* a wrong or expired code: as any message, below */
	}
	if ((rc = db_alert_bound(p, follower, &b)) != DB_OK)
		return rc;
	if ((rc = db_alert_renew(p, follower, now)) == DB_OK)
		*reply = lang_text(alert_lang(b.lang), "alerts.renewed_reply");
	return rc;
}
