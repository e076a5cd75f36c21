/*
 * upstream.h: beside the account's existing server (058). An account may
 * name the server that answered WeChat before wxdesk (its URL, its own
 * Token, plain or safe mode with its own AES key). After the webhook has
 * verified and stored a push, a push of a kind the account forwards
 * (message, follow, scan, menu, other) is posted to the upstream signed
 * exactly as WeChat signs (signature, timestamp, nonce, openid; in safe
 * mode encrypted, with msg_signature), within Upstream.BudgetMs (2500 ms by
 * default, inside WeChat's 5 s). Its passive reply, checked (signature,
 * decryption, the follower and account it names), is relayed when wxdesk
 * has none of its own (the bot's answer wins), or first for the kinds the
 * account says the upstream answers. A failure is counted on the account's
 * health panel; it never changes what was stored, and the push is answered
 * within the budget either way.
 */
#ifndef WXDESK_UPSTREAM_H
#define WXDESK_UPSTREAM_H

#include "db.h"
#include "wx.h"

/* an account's upstream, as the webhook's channel row has it */
struct upstream {
	const char *url, *token, *mode, *aes_key;	/* token, aes_key: in clear */
	const char *forward, *first;	/* the SETs of kinds */
};

/* the kind of push f is: "message", "follow", "scan", "menu", "other" */
const char *upstream_kind(const struct wx_field *f);
/* how a push of kind goes: 0 not forwarded, 1 forwarded (wxdesk's reply
 * wins), 2 forwarded and the upstream's reply wins */
int upstream_route(const struct upstream *u, const char *kind);

/*
 * Posts the push (its plain XML, xml) to the upstream as WeChat would, for
 * the account appid/original_id, from the follower openid, waiting at most
 * budget_ms (what is left of the push's time: upstream_budget). Returns the
 * upstream's passive reply as plain XML when it gave a good one, else NULL
 * (*why: a catalogue key, when it failed; NULL for "success" or nothing).
 */
const char *upstream_forward(struct pool *p, const struct upstream *u, const char *appid,
	const char *original_id, const char *openid, const char *xml, long budget_ms,
	const char **why);
/* what the upstream may wait, spent_ms into a push: Upstream.BudgetMs, or
 * less so that WeChat is answered within UPSTREAM_DEADLINE_MS (the bot's
 * service may have spent part of it); under 100 ms, 0: not forwarded */
#define UPSTREAM_DEADLINE_MS 4500
long upstream_budget(long spent_ms);

/* a failure, counted for the account's health panel */
enum dbrc db_upstream_failed(struct pool *p, long long channel, const char *why, long long now);
enum dbrc db_upstream_set(struct pool *p, long long channel, const char *url,
	const char *token_enc, const char *mode, const char *aes_enc, const char *forward,
	const char *first);

#endif
