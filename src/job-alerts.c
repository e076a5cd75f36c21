/*
 * job-alerts.c: the worker's job that alerts operators through WeChat
 * (alerts.h): a chat offered to an operator none of whose pages is open, and
 * a follower's message in an active chat of theirs, go to their own WeChat
 * as a customer-service text from an account they bound it to, through the
 * same API path as replies (wxapi_send).
 *
 * Each alert is decided in one transaction, claimed first: the offer's
 * alerted_at, or the chat's alert_chats.covered_at moving to the follower's
 * newest message (conditional UPDATEs, so of two workers one decides); then
 * at most one alert per chat every ALERT_GAP seconds (alert_chats.alerted_at,
 * conditional too: a message within the gap is covered by the alert before
 * it); then a place in the window of one of the operator's bindings (sent
 * below WeChat's 5, their last message within 48 hours: conditional). The
 * alert is recorded in the same transaction, as sending, or as unsent when
 * no window has room (My account counts those). It is sent after the
 * commit, once: a worker stopped between the two leaves it "sending".
 */
#include <string.h>

#include "alerts.h"
#include "job.h"
#include "assign.h"
#include "send.h"

struct alert_claim {
	const char *kind;	/* "offer" or "message" */
	long long   offer, chat, user, now, cutoff;
	long long   alert, binding;	/* out: the alert recorded, the binding it goes to */
};

static enum dbrc
claim_step(struct pool *p, void *arg)
{
	struct alert_claim *x = arg;
	long long           b;
	enum dbrc           rc;

	x->alert = x->binding = 0;
	if (x->offer) {
		if ((rc = db_alert_offer_claim(p, x->offer, x->now, x->cutoff)) == DB_OK)
			rc = db_alert_chat_row(p, x->chat);
	} else
		rc = db_alert_message_claim(p, x->chat, x->user, x->cutoff);
	if (rc != DB_OK)
		return rc;	/* DB_NOTFOUND: another worker has it, or not due any more */
	if ((rc = db_alert_gap(p, x->chat, x->now)) == DB_NOTFOUND)
		return DB_OK;	/* the alert of a moment ago covers it */
	if (rc != DB_OK)
		return rc;
	/* a binding whose window has room; taken by a conditional UPDATE */
	for (int attempt = 0; attempt < 3 && x->binding == 0; attempt++) {
		if ((rc = db_alert_window_pick(p, x->user, x->chat, x->now - WX_WINDOW, &b)) ==
		    DB_NOTFOUND)
			break;
		if (rc != DB_OK ||
		    ((rc = db_alert_window_take(p, b, x->now - WX_WINDOW)) != DB_OK &&
		    rc != DB_NOTFOUND))
			return rc;
		if (rc == DB_OK)
			x->binding = b;
	}
	return db_alert_add(p, x->user, x->chat, x->binding, x->kind,
	    x->binding ? "sending" : "unsent", x->now, &x->alert);
}

/* WeChat's answers that mean the window is closed (or the operator no
 * longer follows the account) until their next message */
static int
window_closed(long e)
{
	return e == 45015 || e == 45047 || e == 43004 || e == 40003;
}

/* sends alert x (claimed, with a binding): its text, in the operator's language */
static void
deliver(struct pool *p, const struct alert_claim *x)
{
	struct alert_text    t;
	struct wxapi_channel ch;
	const char          *v[4], *text;
	long                 e = -2;

	if (db_alert_text(p, x->chat, x->binding, &t) == DB_OK) {
		v[0] = t.follower;
		v[1] = t.brand;
		v[2] = t.dept;
		v[3] = pool_printf(p, "%s/console/chats/%lld", cfg_get("PublicURL", ""), x->chat);
		text = lang_format(p, alert_lang(t.lang), strcmp(x->kind, "offer") == 0 ?
		    "alerts.offer" : "alerts.message", v, 4);
		ch.id = t.channel;
		ch.app_id = t.app_id;
		ch.secret = t.secret ? secret_decrypt(p, t.secret) :
		    NULL;
		if (ch.app_id && ch.secret)
			e = wxapi_send(p, &ch, t.openid, "text", text);
	}
	db_alert_result(p, x->alert, e == 0 ? "sent" : "failed", e);
	if (e == 0)
		return;
	wx_log("alert %lld (chat %lld) to user %lld not delivered: %s", x->alert, x->chat, x->user,
	    send_failure(e));
	if (window_closed(e))
		db_alert_window_shut(p, x->binding);
	else
		db_alert_window_refund(p, x->binding);	/* of the moment: it does not count */
}

static void
alert_one(struct pool *p, struct alert_claim *x)
{
	if (db_txn(p, claim_step, x) == DB_OK && x->alert && x->binding)
		deliver(p, x);
}

void
job_alerts(struct pool *p)
{
	long long    now = (long long)wx_now(), cutoff = now - presence_away_after();
	struct alert_due *due;
	size_t            n;

	if (db_alert_offers_due(p, cutoff, &due, &n) == DB_OK)
		for (size_t i = 0; i < n && !job_stopping; i++) {
			struct alert_claim x = { "offer", due[i].offer, due[i].chat, due[i].user, now,
			    cutoff, 0, 0 };
			alert_one(p, &x);
		}
	if (db_alert_messages_due(p, cutoff, &due, &n) == DB_OK)
		for (size_t i = 0; i < n && !job_stopping; i++) {
			struct alert_claim x = { "message", 0, due[i].chat, due[i].user, now, cutoff,
			    0, 0 };
			alert_one(p, &x);
		}
}
