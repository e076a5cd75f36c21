/*
 * alerts.h: operators alerted through WeChat itself (sql/032_operator_alerts.sql).
 *
 * An operator binds their own WeChat to a brand's official account: My
 * account shows a one-time code (ALERT_CODE_DIGITS digits, valid
 * ALERT_CODE_SECONDS, kept as a keyed hash), which they send to the account
 * as a message; the webhook's intake then binds the follower who sent it to
 * them (alert_intake, before the message could open a chat: it opens none).
 * To WeChat the operator is a follower like any other: the account may send
 * them WX_REPLIES_IN_ROW customer-service messages within WX_WINDOW of their
 * last message to it. The binding and each later message of theirs open
 * that window again (alert_bindings.last_in_at, .sent); their messages are
 * theirs, never a customer chat.
 *
 * While no wxdesk page of theirs is open (no heartbeat for
 * presence_away_after() seconds), the worker (job_alerts, job-alerts.c)
 * sends them, as a text from the account, a chat offered to them (routing
 * offers such an operator a chat only when nobody with a page open can take
 * it, and only while a window is open: assign.c) and a follower's message
 * in an active chat of theirs (unless they chose "away"), at most one alert
 * per chat a minute. Outside every window the alert is not sent but
 * recorded as unsent, which My account counts until their next message.
 * Each alert is claimed first (offers.alerted_at, alert_chats: conditional
 * UPDATEs; the window's count likewise), so two workers never send twice.
 */
#ifndef WXDESK_ALERTS_H
#define WXDESK_ALERTS_H

#include "db.h"

#define ALERT_CODE_DIGITS  6
#define ALERT_CODE_SECONDS 600
#define ALERT_GAP          60	/* seconds: one alert per chat at most */
/* the audit trail's action for a binding the webhook made (the page's own
 * changes are named in cgi-bin/admin.c's route table) */
#define ALERT_AUDIT_BOUND  "account.wechat_bound"

/* ---- the rules (alerts.c) ---- */

/* 1 when text (spaces around it aside) is ALERT_CODE_DIGITS ASCII digits */
int alert_code_like(const char *text);
/*
 * A new code for user to bind their WeChat to channel's account, replacing
 * one they had for it; in *code (the page shows it once). sees_all: the user
 * may use any active account, else those of brands they serve. DB_NOTFOUND:
 * not such an account.
 */
enum dbrc alert_code_new(struct pool *p, long long user, int sees_all, long long channel,
	const char **code);
/*
 * The intake's part, in its transaction (the follower's row locked): a text
 * that is a pending code of the account binds follower to the code's owner
 * (recorded on the audit trail); any message from a bound follower opens
 * their window again. DB_OK: the operator's message, which opens no chat
 * (*reply: the passive reply, in the operator's language); DB_NOTFOUND: a
 * follower's message like any other.
 */
enum dbrc alert_intake(struct pool *p, long long channel, long long follower, const char *type,
	const char *text, long long now, const char **reply);
/* the language an operator reads alerts in (users.language, else Lang.Default) */
enum lang alert_lang(const char *code);

/* ---- the statements (db-alerts.c) ---- */

enum dbrc db_alert_code_purge(struct pool *p, long long now);
enum dbrc db_alert_code_drop(struct pool *p, long long user, long long channel);
/* DB_NOTFOUND: not an account the user may bind to; DB_CONFLICT: the hash is taken */
enum dbrc db_alert_code_add(struct pool *p, long long user, int sees_all, long long channel,
	const char *hash, long long expires, long long now);
/* the pending code's owner, its row locked and removed: DB_NOTFOUND if none */
enum dbrc db_alert_code_take(struct pool *p, long long channel, const char *hash, long long now,
	long long *user);
enum dbrc db_alert_bind(struct pool *p, long long user, long long channel, long long follower,
	long long now);
/* who bound, and to which account's brand */
#define ALERT_WHO(C) C(STR, login) C(STR, name) C(STR, lang) C(STR, brand)
DB_ROW(alert_who, ALERT_WHO)
enum dbrc db_alert_who(struct pool *p, long long user, long long channel, struct alert_who *row);
/* the (first) operator follower is bound to: DB_NOTFOUND when none */
#define ALERT_BOUND(C) C(INT, user) C(STR, lang)
DB_ROW(alert_bound, ALERT_BOUND)
enum dbrc db_alert_bound(struct pool *p, long long follower, struct alert_bound *row);
enum dbrc db_alert_renew(struct pool *p, long long follower, long long now);
/* a user's bindings (My account): since, the last message in (Unix times),
 * messages sent since, the account still active */
#define ALERT_BINDING(C) C(INT, id) C(STR, brand) C(INT, since) C(INT, last_in) C(INT, sent) \
	C(STR, openid) C(INT, active)
DB_ROW(alert_binding, ALERT_BINDING)
enum dbrc db_alert_bindings(struct pool *p, long long user, struct alert_binding **rows,
	size_t *n);
/* alerts that could not reach the user since their last message to an account */
long long db_alert_unreached(struct pool *p, long long user);
/* the accounts the user may bind to */
#define ALERT_CHANNEL(C) C(INT, id) C(STR, brand)
DB_ROW(alert_channel, ALERT_CHANNEL)
enum dbrc db_alert_channels(struct pool *p, long long user, int sees_all,
	struct alert_channel **rows, size_t *n);
/* DB_NOTFOUND: no such binding of the user's */
enum dbrc db_alert_unbind(struct pool *p, long long binding, long long user);

/* the worker's (job-alerts.c); cutoff: heartbeats before it are lapsed */
/* open offers to be alerted (offer 0: a follower's message in chat) */
#define ALERT_DUE(C) C(INT, offer) C(INT, chat) C(INT, user)
DB_ROW(alert_due, ALERT_DUE)
enum dbrc db_alert_offers_due(struct pool *p, long long cutoff, struct alert_due **rows,
	size_t *n);
enum dbrc db_alert_messages_due(struct pool *p, long long cutoff, struct alert_due **rows,
	size_t *n);
/* claims: DB_NOTFOUND when another worker has it or it is no longer due */
enum dbrc db_alert_offer_claim(struct pool *p, long long offer, long long now, long long cutoff);
enum dbrc db_alert_chat_row(struct pool *p, long long chat);
enum dbrc db_alert_message_claim(struct pool *p, long long chat, long long user,
	long long cutoff);
/* DB_NOTFOUND: the chat had an alert less than ALERT_GAP ago */
enum dbrc db_alert_gap(struct pool *p, long long chat, long long now);
/* a binding of the user's whose window has room: *binding, or DB_NOTFOUND */
enum dbrc db_alert_window_pick(struct pool *p, long long user, long long chat,
	long long window_start, long long *binding);
enum dbrc db_alert_window_take(struct pool *p, long long binding, long long window_start);
enum dbrc db_alert_window_refund(struct pool *p, long long binding);
enum dbrc db_alert_window_shut(struct pool *p, long long binding);
enum dbrc db_alert_add(struct pool *p, long long user, long long chat, long long binding,
	const char *kind, const char *state, long long now, long long *id);
enum dbrc db_alert_result(struct pool *p, long long alert, const char *state, long long errcode);
/* what an alert says (the follower, brand, department, in the operator's
 * language) and where it goes (their WeChat on the binding's account) */
#define ALERT_TEXT(C) C(STR, follower) C(STR, brand) C(STR, dept) C(STR, lang) C(STR, openid) \
	C(INT, channel) C(STR, app_id) C(STR, secret)
DB_ROW(alert_text, ALERT_TEXT)
enum dbrc db_alert_text(struct pool *p, long long chat, long long binding, struct alert_text *row);

#endif
