/* job-bot.c: the worker's job that keeps the chatbot's pictures uploaded to WeChat (bot.h). */
#include "bot.h"
#include "job.h"
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
