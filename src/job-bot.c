/* job-bot.c: the worker's job that keeps the chatbot's pictures uploaded to
 * WeChat (bot.h), and the late answers of an account's bot service (botsvc.h). */
#include <string.h>

#include "bot.h"
#include "botsvc.h"
#include "http.h"
#include "intake.h"
#include "job.h"
#include "media.h"
#include "send.h"

/* a picture's new media id, and the bot's version raised with it */
struct media_set {
	long long   rule, channel;
	const char *id;
	long long   now;
};

static enum dbrc
media_set_step(struct pool *p, void *arg)
{
	const struct media_set *x = arg;
	enum dbrc               rc = db_bot_media_set(p, x->rule, x->id, x->now);

	return rc == DB_OK ? db_bot_bump(p, x->channel) : rc;
}

/*
 * The worker's job: each picture answer uploaded with media/upload (WeChat
 * keeps such media 3 days), and again after 2, so a passive reply always
 * names a live media id. Each upload raises the bot's version: the
 * webhook's cached rules take the new id.
 */
void
job_bot_media(struct pool *p)
{
	struct bot_media_due *due = NULL;
	size_t due_n = 0;
	long long    now = (long long)wx_now();

	if (db_bot_media_due(p, now - 2 * 86400, &due, &due_n) != DB_OK)
		return;
	for (size_t i = 0; i < due_n && !job_stopping; i++) {
		struct wxapi_channel ch = { due[i].channel_id, due[i].app_id,
		    due[i].app_secret_enc ? secret_decrypt(p, due[i].app_secret_enc) : NULL };
		struct outgoing o = { "image", NULL, due[i].path, due[i].mime, 0, NULL };
		long        e = 0;
		const char *id = ch.secret ? send_upload(p, &ch, &o, &e) : NULL;

		if (id == NULL) {
			wx_log("bot picture %lld: media/upload failed (%ld); the text answers meanwhile",
			    due[i].id, e);
			continue;
		}
		{
			struct media_set x = { due[i].id, ch.id, id, now };
			(void)db_txn(p, media_set_step, &x);	/* else the next pass again */
		}
	}
}

/* a picture the service named, fetched and kept as an attachment: 0 and *o */
static int
bot_picture(struct pool *p, const char *url, struct outgoing *o)
{
	struct http_resp hr;
	const char      *kind, *type, *sha, *path;
	size_t           max = 0;
	long long        att;
	int              rc = -1;

	if (http_call(url, NULL, NULL, 0, NULL, cfg_int("Bot.ServiceLateMs", 10000), &hr) == 0 &&
	    hr.status == 200 && (kind = media_sniff(hr.body.data, hr.body.len)) != NULL &&
	    (type = media_sendable(kind, &max)) != NULL && strcmp(type, "image") == 0 &&
	    hr.body.len <= max) {
		sha = sha256_hex(p, hr.body.data, hr.body.len);
		path = media_store(p, sha, media_mime(kind), hr.body.data, hr.body.len);
		if (path && db_attachment_insert(p, sha, media_mime(kind), (long long)hr.body.len,
		    media_rel(p, path), wx_now(), &att) == DB_OK) {
			*o = (struct outgoing){ "image", "", path, media_mime(kind), att, NULL };
			rc = 0;
		}
	}
	http_resp_free(&hr);
	return rc;
}

/*
 * The questions the webhook left (a timeout, a picture, a process that
 * died): each under a lease, asked again with the same id (a picture named
 * in time is fetched instead), and answered within WeChat's rules; a
 * service that fails again, or a picture that cannot be had, leaves the
 * answer to the account's rules. A chat the bot no longer holds is left.
 */
int
botsvc_pass(struct pool *p)
{
	struct bot_asks_due *due = NULL;
	size_t               n = 0;
	long long            now = (long long)wx_now();

	if (db_bot_asks_due(p, now, &due, &n) != DB_OK)
		return -1;
	if (n == 0 && now % 3600 == 0)
		(void)db_bot_asks_purge(p, 30);
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct out_chat      c = { due[i].chat_id, due[i].follower_id, due[i].openid,
		    { due[i].channel_id, due[i].app_id, due[i].app_secret_enc ?
		    secret_decrypt(p, due[i].app_secret_enc) : NULL } };
		struct botsvc_answer a = { 0 };
		struct outgoing      pic;
		const char          *why;
		enum botsvc_rc       rc = BS_ANSWERED;

		if (db_bot_ask_lease(p, due[i].message_id, now + 60, now) != DB_OK)
			continue;	/* another sender's */
		if (!due[i].held) {
			(void)db_bot_ask_done(p, due[i].message_id, "dropped");
			continue;
		}
		if (due[i].attachment && due[i].path) {
			/* an article's picture, after the bot's text (064) */
			pic = (struct outgoing){ "image", NULL, due[i].path, due[i].mime, due[i].attachment,
			    NULL };
			a = (struct botsvc_answer){ .kind = BS_PICTURE, .picture = &pic };
		} else if (due[i].attachment) {
			(void)db_bot_ask_done(p, due[i].message_id, "dropped");	/* its file is gone */
			continue;
		} else if (due[i].picture_url)
			a = (struct botsvc_answer){ .kind = BS_PICTURE, .url = due[i].picture_url };
		else if (!due[i].service)
			rc = BS_FAILED;	/* a kept push's (spool.h): the rules answer, late */
		else
			rc = botsvc_ask(p, due[i].message_id, cfg_int("Bot.ServiceLateMs", 10000), &a,
			    &why);
		if (rc == BS_ANSWERED && a.kind == BS_PICTURE && a.picture == NULL) {
			if (bot_picture(p, a.url, &pic) == 0)
				a.picture = &pic;
			else {
				(void)db_bot_service_failed(p, due[i].channel_id, "botsvc.picture", now);
				rc = BS_FAILED;
			}
		}
		if (rc == BS_TIMEOUT)	/* a second timeout is a failure */
			(void)db_bot_service_failed(p, due[i].channel_id, why, now);
		(void)intake_bot_late(p, &c, due[i].message_id, rc == BS_ANSWERED ? &a : NULL);
	}
	return (int)n;
}
