/*
 * webhook.c: WeChat's calls to /wechat/<key>: URL verification (GET) and
 * pushes (POST) in plain, compatible and safe mode.
 *
 * The hot path: the signature is checked before anything else is read or
 * stored; a good push is stored in one transaction and answered "success";
 * if it cannot be stored for now (the database) the answer is 503, never
 * "success", so WeChat retries and nothing is lost. A push that can never
 * be stored (a field WeChat cannot have sent) is refused with a 4xx and
 * counted, so WeChat does not retry it. A signed URL is good for
 * PUSH_WINDOW seconds and for one push. WeChat is never called from here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "botsvc.h"
#include "intake.h"
#include "metrics.h"
#include "spool.h"
#include "webhook.h"
#include "channel.h"
#include "console.h"
#include "upstream.h"

struct chan {
	long long   id, department_id;
	int         erase_on_unfollow, cached;
	const char *state, *original_id, *app_id, *token, *mode;
	const char *aes_key_enc, *aes_key_prev_enc;
	struct upstream up;	/* the account's existing server (upstream.h) */
	const char *inner;	/* the push's plain XML (a sealed one's, decrypted) */
};

/*
 * A small per-process cache of channel rows, so the usual push costs no
 * SELECT. Nothing depends on a cached row being current: a push that fails
 * a signature or decryption check with it, or that is not the usual case
 * (a message in an open chat of an active channel, which the hot path's
 * foreign key checks in the database itself), is redone with the row read
 * afresh. Secrets stay encrypted here, as in the database.
 */
#define CACHE_SLOTS   64
#define CACHE_SECONDS 60
static struct {
	char                 *key;
	time_t                at;
	time_t                noted;	/* when this process last noted a message on the channel */
	struct channel_by_key row;	/* its texts owned by the slot */
} cache[CACHE_SLOTS];

/* a row's texts, each copied by dup (NULL stays NULL) or freed (dup NULL):
 * its declaration's kinds say which fields are texts (a declared row is
 * 8-byte fields in order, db.h) */
static void
row_texts(struct channel_by_key *o, char *(*dup)(void *ctx, const char *s), void *ctx)
{
	const char **f = (const char **)(void *)o;

	for (size_t i = 0; channel_by_key_kinds[i] != '\0'; i++) {
		if (channel_by_key_kinds[i] != 's')
			continue;
		if (dup == NULL)
			free((char *)f[i]);
		f[i] = dup && f[i] ? dup(ctx, f[i]) : NULL;
	}
}

static char *
keep_text(void *ctx, const char *s)
{
	(void)ctx;
	return xstrdup(s);
}

static char *
pool_text(void *ctx, const char *s)
{
	return pool_strdup(ctx, s);
}

static void
cache_put(const char *key, const struct channel_by_key *row)
{
	int slot = 0;

	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i].key == NULL || strcmp(cache[i].key, key) == 0) {
			slot = i;
			break;
		}
		if (cache[i].at < cache[slot].at)
			slot = i;	/* the oldest, if no slot is free */
	}
	if (cache[slot].key == NULL || strcmp(cache[slot].key, key) != 0)
		cache[slot].noted = 0;
	free(cache[slot].key);
	row_texts(&cache[slot].row, NULL, NULL);
	cache[slot].row = *row;
	row_texts(&cache[slot].row, keep_text, NULL);
	cache[slot].key = xstrdup(key);
	cache[slot].at = time(NULL);
}

/*
 * The health panel's "last message received", to the minute: each process
 * writes it at most once a minute per channel, so pushes do not queue on
 * the channel's row.
 */
static void
note_message(struct req *r, long long channel)
{
	time_t now = wx_now();

	for (int i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].key && strcmp(cache[i].key, r->key) == 0) {
			if (now - cache[i].noted < 60)
				return;
			cache[i].noted = now;
			break;
		}
	db_channel_last_msg(&r->pool, channel, now);
}

/*
 * Loads the channel named by the URL's key, from the cache when allowed.
 * Returns 0, or -1 after answering 404 (unknown key) or 503 (database
 * unavailable: WeChat retries).
 */
static int
chan_load(struct req *r, struct resp *rs, struct chan *c, int cached)
{
	struct channel_by_key res;
	enum dbrc    rc;

	c->cached = 0;
	for (int i = 0; cached && i < CACHE_SLOTS; i++)
		if (cache[i].key && strcmp(cache[i].key, r->key) == 0 &&
		    time(NULL) - cache[i].at < CACHE_SECONDS) {
			res = cache[i].row;
			row_texts(&res, pool_text, &r->pool);
			c->cached = 1;
			break;
		}
	if (!c->cached) {
		rc = db_channel_by_key(&r->pool, r->key, &res);
		if (rc == DB_NOTFOUND) {
			resp_text(rs, 404, "unknown webhook address\n");
			return -1;
		}
		if (rc != DB_OK) {
			resp_text(rs, 503, "temporarily unavailable; please retry\n");
			return -1;
		}
		cache_put(r->key, &res);
	}
	c->id = res.id;
	c->department_id = res.department_id;
	c->state = res.state;
	c->original_id = res.original_id;
	c->app_id = res.app_id;
	c->token = res.token_enc ? secret_decrypt(&r->pool, res.token_enc) : NULL;
	c->aes_key_enc = res.aes_key_enc;
	c->aes_key_prev_enc = res.aes_key_prev_enc;
	c->mode = res.encryption_mode;
	c->erase_on_unfollow = (int)res.erase;
	c->up = (struct upstream){ res.upstream_url, NULL, res.upstream_mode, NULL,
		res.upstream_forward, res.upstream_first };
	if (res.upstream_url && res.upstream_token_enc) {
		c->up.token = secret_decrypt(&r->pool, res.upstream_token_enc);
		c->up.aes_key = res.upstream_aes_enc ? secret_decrypt(&r->pool,
		    res.upstream_aes_enc) : NULL;
	}
	c->inner = (const char *)r->body;
	return 0;
}

/* What the health panel counts a refused request as. */
enum failure { F_SIGNATURE, F_DECRYPT, F_REFUSED };

/* what: a catalogue key with its values (lang_code_text), shown on the
 * account's health panel in each reader's language */
static void
failure(struct req *r, const struct chan *c, enum failure kind, const char *what)
{
	wx_log("channel %lld: %s (from %s)", c->id, lang_coded(&r->pool, LANG_EN, what),
	    r->remote_addr ? r->remote_addr : "?");
	db_channel_failure(&r->pool, c->id, kind == F_SIGNATURE, kind == F_DECRYPT,
	    kind == F_REFUSED, wx_now(), what);
}

/*
 * A signed URL is accepted for PUSH_WINDOW seconds either side of this
 * server's clock: WeChat's three attempts take 15 s, and clocks drift.
 * Outside it the signature may be one seen long ago (a proxy log, a
 * screenshot) and is refused. Within it, each (timestamp, nonce) delivers
 * one push only (intake.c).
 */
#define PUSH_WINDOW 300

/*
 * Checks the signed URL's timestamp and nonce; fills *u. Returns 0, or -1
 * after answering (and counting) the refusal.
 */
static int
fresh(struct req *r, struct resp *rs, const struct chan *c, struct intake_push *u)
{
	const char *ts = req_arg(r, "timestamp"), *nonce = req_arg(r, "nonce");
	long long   age;

	if (ts == NULL || *ts == '\0' || strlen(ts) > 18 || strspn(ts, "0123456789") !=
	    strlen(ts) || nonce == NULL || strlen(nonce) > 64) {
		failure(r, c, F_REFUSED, "fail.timestamp");
		resp_text(rs, 400, "bad timestamp or nonce\n");
		return -1;
	}
	u->ts = strtoll(ts, NULL, 10);
	u->nonce = nonce;
	age = (long long)wx_now() - u->ts;
	if (age > PUSH_WINDOW || age < -PUSH_WINDOW) {
		failure(r, c, F_SIGNATURE, lang_code_text(&r->pool, age < 0 ? "fail.ahead" :
		    "fail.stale", pool_printf(&r->pool, "%lld", age < 0 ? -age : age),
		    pool_printf(&r->pool, "%d", PUSH_WINDOW), NULL));
		resp_text(rs, 403, "the timestamp is too old or too far ahead\n");
		return -1;
	}
	return 0;
}

void
webhook_channel_get(struct req *r, struct resp *rs)
{
	struct chan c;
	const char *echostr = req_arg(r, "echostr");

	if (chan_load(r, rs, &c, 0) != 0)
		return;
	if (c.token == NULL) {
		resp_text(rs, 403, "this channel has no token yet\n");
		return;
	}
	if (!wx_check_signature(&r->pool, c.token, req_arg(r, "timestamp"),
	    req_arg(r, "nonce"), req_arg(r, "signature"))) {
		failure(r, &c, F_SIGNATURE, "fail.verify_signature");
		resp_text(rs, 403, "signature check failed\n");
		return;
	}
	{
		struct intake_push u;
		if (fresh(r, rs, &c, &u) != 0)
			return;
	}
	if (echostr == NULL || !header_value_ok(echostr)) {
		resp_text(rs, 400, "echostr missing\n");
		return;
	}
	db_channel_verified(&r->pool, c.id, wx_now());
	/* the echo, byte for byte: no newline, no quotes */
	resp_text(rs, 200, echostr);
}

/* Decrypts Encrypt with the current key, then the previous one (key rotation). */
static int
decrypt_push(struct req *r, const struct chan *c, const char *enc, char **xml, size_t *len,
    unsigned char used[32])
{
	const char *keys[2] = { c->aes_key_enc, c->aes_key_prev_enc };
	int         rc = WX_ERR_AES_KEY;

	for (int i = 0; i < 2; i++) {
		unsigned char key[32];
		char         *plain = keys[i] ? secret_decrypt(&r->pool, keys[i]) : NULL;
		char         *rid;
		if (plain == NULL || wx_aes_key(plain, key) != WX_OK)
			continue;
		rc = wx_decrypt(&r->pool, key, enc, c->app_id, xml, len, &rid);
		if (rc == WX_OK) {
			memcpy(used, key, 32);	/* a reply is sealed with the key that worked */
			return WX_OK;
		}
	}
	return rc;
}

/* the push just answered was a duplicate (for /metrics) */
static int push_duplicate;
/* when this push came in */
static double push_t0;

/* the milliseconds this push has taken so far */
static long
push_spent_ms(void)
{
	return (long)((wx_mono() - push_t0) * 1000);
}

/*
 * One attempt at a push. Returns 1 when a check failed or the intake needs
 * more than the hot path while the channel came from the cache: the caller
 * tries again with the channel read afresh, having answered nothing.
 */
/*
 * The sealed message of a safe-mode push, checked (msg_signature, the
 * decryption, its XML, the account it names) into *f; key is the account's
 * key, for sealing the answer. 0, 1 when the cached channel row may be stale
 * (the caller reads it afresh), or -1 after answering.
 */
static int
unseal(struct req *r, struct resp *rs, struct chan *cp, const struct wx_field *outer,
    unsigned char *key, struct wx_field **f)
{
	const char *ts = req_arg(r, "timestamp"), *nonce = req_arg(r, "nonce");
	const char *enc = wx_get(outer, "Encrypt"), *to_out, *to_in;
	char       *xml;
	size_t      len;
	int         rc;

	if (!wx_check_msg_signature(&r->pool, cp->token, ts, nonce, enc,
	    req_arg(r, "msg_signature"))) {
		if (cp->cached)
			return 1;
		failure(r, cp, F_SIGNATURE, "an encrypted push with a wrong msg_signature");
		resp_text(rs, 403, "msg_signature check failed\n");
		return -1;
	}
	rc = decrypt_push(r, cp, enc, &xml, &len, key);
	if (rc != WX_OK) {
		if (cp->cached)
			return 1;
		failure(r, cp, F_DECRYPT, lang_code_text(&r->pool, "fail.decrypt",
		    wx_strerror(rc), NULL));
		resp_text(rs, 400, "cannot decrypt\n");
		return -1;
	}
	cp->inner = xml;
	if (wx_parse(&r->pool, xml, len, f) != WX_OK) {
		failure(r, cp, F_DECRYPT, "fail.inner_xml");
		resp_text(rs, 400, "malformed XML\n");
		return -1;
	}
	/* the envelope and the sealed message must name the same account */
	to_out = wx_get(outer, "ToUserName"), to_in = wx_get(*f, "ToUserName");
	if (to_out && to_in && strcmp(to_out, to_in) != 0) {
		failure(r, cp, F_DECRYPT, "fail.envelope");
		resp_text(rs, 400, "ToUserName mismatch\n");
		return -1;
	}
	return 0;
}

/*
 * The push, stored, forwarded to the account's upstream when its kind goes
 * there: the reply to give WeChat (the upstream's when it answers first, or
 * when wxdesk has none: mine), its failure counted on the health panel.
 */
static const char *
upstream_reply(struct req *r, const struct chan *c, const struct wx_field *f, const char *mine)
{
	int         route = upstream_route(&c->up, upstream_kind(f));
	const char *why, *theirs;

	if (route == 0)
		return mine;
	theirs = upstream_forward(&r->pool, &c->up, c->app_id, c->original_id,
	    wx_get(f, "FromUserName"), c->inner, upstream_budget(push_spent_ms()), &why);
	if (why != NULL)
		(void)db_upstream_failed(&r->pool, c->id, why, (long long)wx_now());
	return theirs && (route == 2 || mine == NULL) ? theirs : mine;
}

/*
 * The bot's service asked about the message just stored (botsvc.h), within
 * Bot.ServiceBudgetMs: its answer in time is stored as the bot's passive
 * reply (in res); a picture, or no answer in time, is the worker's (the
 * question's lease ended at once); a failure, the account's rules'.
 */
static void
bot_service_turn(struct req *r, const struct chan *c, struct intake_result *res)
{
	struct intake_channel ic = { c->id, c->department_id, c->erase_on_unfollow, 0, NULL, 0 };
	struct botsvc_answer  a;
	const char           *why;
	long                  budget = cfg_int("Bot.ServiceBudgetMs", 2500);
	long                  left = UPSTREAM_DEADLINE_MS - push_spent_ms();
	enum botsvc_rc        rc;

	/* within WeChat's 5 s, whatever the storing took */
	rc = left < 100 ? BS_TIMEOUT : botsvc_ask(&r->pool, res->bot_ask, left < budget ? left :
	    budget, &a, &why);

	if (rc == BS_TIMEOUT || (rc == BS_ANSWERED && a.kind == BS_PICTURE)) {
		(void)db_bot_ask_later(&r->pool, res->bot_ask, rc == BS_ANSWERED ? a.url : NULL);
		return;
	}
	/* (a database that fails here leaves the question to the worker) */
	(void)intake_bot_answer(&r->pool, &ic, res->bot_ask, rc == BS_ANSWERED ? &a : NULL, res);
}

/* The push stored, or why not, answered (the bot's or wxdesk's passive
 * reply, sealed for a safe-mode account); 1 when the cached channel row may
 * be stale (the caller reads it afresh). */
static int
answer(struct req *r, struct resp *rs, struct chan *c, const struct wx_field *f,
    int got, struct intake_result *res, int sealed, const unsigned char *key)
{
	const char *ts = req_arg(r, "timestamp"), *nonce = req_arg(r, "nonce");

	const char *xml = NULL;

	switch (got) {
	case INTAKE_STORED:
		if (res->bot_ask && !res->duplicate)
			bot_service_turn(r, c, res);
		/* the bot's answer is the HTTP answer (a passive reply: none of the
		 * 5 customer-service messages); a retried push gets "success" */
		if ((res->reply || res->reply_media) && !res->duplicate)
			xml = res->reply_media ? wx_reply_image(&r->pool,
			    wx_get(f, "FromUserName"), c->original_id, (long long)wx_now(), res->reply_media) :
			    wx_reply_text(&r->pool, wx_get(f, "FromUserName"), c->original_id,
			    (long long)wx_now(), res->reply);
		/* the account's existing server (upstream.h): its reply when
		 * wxdesk has none, or first for the kinds it answers */
		if (!res->duplicate && c->up.url)
			xml = upstream_reply(r, c, f, xml);
		if (xml) {
			resp_text(rs, 200, sealed ? wx_seal(&r->pool, key, c->app_id, c->token,
			    ts, nonce, xml) : xml);
			rs->ctype = "application/xml; charset=utf-8";
		} else
			resp_text(rs, 200, "success");
		if (!res->duplicate)
			note_message(r, c->id);
		push_duplicate = res->duplicate;
		break;
	case INTAKE_STALE:
		return 1;
	case INTAKE_INVALID:
		/* never 503: WeChat would retry a push that can never be stored */
		failure(r, c, F_REFUSED, res->invalid);
		resp_text(rs, 400, pool_printf(&r->pool, "%s\n", lang_coded(&r->pool, LANG_EN,
		    res->invalid)));
		break;
	case INTAKE_REPLAY:
		failure(r, c, F_SIGNATURE, "fail.replay");
		resp_text(rs, 403, "this signed URL was used already\n");
		break;
	default:
		/* not stored: WeChat must retry */
		resp_text(rs, 503, "temporarily unavailable; please retry\n");
	}
	return 0;
}

static int
push(struct req *r, struct resp *rs, int cached)
{
	struct chan          c;
	struct wx_field     *f, *outer;
	struct intake_result res;
	struct intake_channel ic;
	struct intake_push   u;
	const char          *ts = req_arg(r, "timestamp"), *nonce = req_arg(r, "nonce");
	const char          *enc_type = req_arg(r, "encrypt_type"), *from;
	int                  sealed;
	unsigned char        key[32];

	if (chan_load(r, rs, &c, cached) != 0)
		return 0;
	/* 1. the plain signature, always present */
	if (c.token == NULL || !wx_check_signature(&r->pool, c.token, ts, nonce,
	    req_arg(r, "signature"))) {
		if (c.cached)
			return 1;
		failure(r, &c, F_SIGNATURE, "fail.signature");
		resp_text(rs, 403, "signature check failed\n");
		return 0;
	}
	/* 2. signed recently, and not yet used (the latter as it is stored) */
	if (fresh(r, rs, &c, &u) != 0)
		return 0;
	/*
	 * 3. sealed or not: WeChat marks a sealed body encrypt_type=aes, a plain
	 * one nothing or "raw". A safe-mode account takes sealed pushes only:
	 * the plain signature covers no body, so a plain push would downgrade it.
	 */
	if (enc_type && strcmp(enc_type, "aes") != 0 && strcmp(enc_type, "raw") != 0) {
		failure(r, &c, F_REFUSED, lang_code_text(&r->pool, "fail.encrypt_type",
		    pool_printf(&r->pool, "%.20s", enc_type), NULL));
		resp_text(rs, 400, "unknown encrypt_type\n");
		return 0;
	}
	sealed = enc_type && strcmp(enc_type, "aes") == 0;
	if (!sealed && strcmp(c.mode, "safe") == 0) {
		if (c.cached)
			return 1;
		failure(r, &c, F_SIGNATURE, "fail.plain_in_safe");
		resp_text(rs, 403, "this account takes encrypted pushes only\n");
		return 0;
	}
	/* 4. the body */
	if (r->body == NULL || wx_parse(&r->pool, r->body, r->clen, &outer) != WX_OK) {
		failure(r, &c, F_DECRYPT, "fail.xml");
		resp_text(rs, 400, "malformed XML\n");
		return 0;
	}
	f = outer;
	if (sealed) {
		int rc = unseal(r, rs, &c, outer, key, &f);
		if (rc != 0)
			return rc > 0;
	}
	/* chats are received only once the channel is active with a department */
	if (strcmp(c.state, "active") != 0 || c.department_id == 0) {
		if (c.cached)
			return 1;
		if (db_channel_inactive_msg(&r->pool, c.id, wx_now()) != DB_OK) {
			resp_text(rs, 503, "temporarily unavailable; please retry\n");
			return 0;
		}
		resp_text(rs, 200, "success");
		return 0;
	}
	/* WeChat's 5 seconds running out, or one of the follower's kept before it
	 * (spool.h): kept as it came, answered at once */
	from = wx_get(f, "FromUserName") ? wx_get(f, "FromUserName") : "";
	if (spool_due(&r->pool, c.id, from, u.ts)) {
		if (db_spool_insert(&r->pool, c.id, from, u.ts, u.nonce, c.inner, wx_now()) != DB_OK) {
			resp_text(rs, 503, "temporarily unavailable; please retry\n");
			return 0;
		}
		resp_text(rs, 200, "success");
		return 0;
	}
	memset(&ic, 0, sizeof ic);
	ic.id = c.id;
	ic.department_id = c.department_id;
	ic.erase_on_unfollow = c.erase_on_unfollow;
	ic.cached = c.cached;
	{
		int failed;
		ic.bad = profanity_cached(&r->pool, c.id, &failed);
		if (failed) {
			resp_text(rs, 503, "temporarily unavailable; please retry\n");
			return 0;
		}
	}
	{
		int got = intake_store(&r->pool, &ic, &u, f, &res);
		return answer(r, rs, &c, f, got, &res, sealed, key);
	}
}

void
webhook_channel_post(struct req *r, struct resp *rs)
{
	push_t0 = wx_mono();
	push_duplicate = 0;
	if (push(r, rs, 1))
		push(r, rs, 0);
	metrics_push(rs->status == 200 ? (push_duplicate ? MP_DUPLICATE : MP_STORED) :
	    rs->status == 403 ? MP_SIGNATURE : rs->status == 400 || rs->status == 404 ?
	    MP_REJECTED : MP_UNAVAILABLE, wx_mono() - push_t0);
}
