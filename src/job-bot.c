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
	struct dbres due;
	long long    now = (long long)wx_now();

	if (db_bot_media_due(p, now - 2 * 86400, &due) != DB_OK)
		return;
	for (size_t i = 0; i < due.nrows && !job_stopping; i++) {
		struct wxapi_channel ch = { db_int(&due, i, BMD_CHANNEL), db_cell(&due, i, BMD_APPID),
		    db_cell(&due, i, BMD_SECRET) ? secret_decrypt(p, db_cell(&due, i, BMD_SECRET)) : NULL };
		struct outgoing o = { "image", NULL, db_cell(&due, i, BMD_PATH), db_cell(&due, i, BMD_MIME), 0 };
		long        e = 0;
		const char *id = ch.secret ? send_upload(p, &ch, &o, &e) : NULL;

		if (id == NULL) {
			wx_log("bot picture %lld: media/upload failed (%ld); the text answers meanwhile",
			    db_int(&due, i, BMD_RULE), e);
			continue;
		}
		{
			struct media_set x = { db_int(&due, i, BMD_RULE), ch.id, id, now };
			(void)db_txn(p, media_set_step, &x);	/* else the next pass again */
		}
	}
}
