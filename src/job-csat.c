/* job-csat.c: the worker's job that asks followers to rate their chat (csat.h, chat_ask_rating). */
#include "chat.h"
#include "csat.h"
#include "job.h"

void
job_csat(struct pool *p)
{
	struct csat_due *due;
	size_t           n;
	long long        now = (long long)wx_now();

	/* closes of the last hour that should be asked (older ones never are:
	 * switching the question on does not reach back) */
	if (db_csat_mark(p, now - 3600) != DB_OK || db_csat_due(p, &due, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		const struct csat_due *d = &due[i];
		int                    l = lang_parse(d->lang);
		const char            *q = d->question && *d->question ? d->question :
		    lang_text(l >= 0 ? (enum lang)l : LANG_ZH, "csat.question_default");
		struct out_chat        c = {
			.chat = d->chat, .follower = d->follower, .openid = d->openid,
			.ch = { d->channel, d->app_id, d->secret ? secret_decrypt(p, d->secret) : NULL },
		};
		(void)chat_ask_rating(p, &c, q);	/* what came of it is on the chat */
	}
}
