/* job-csat.c: the worker's job that asks followers to rate their chat (csat.h, chat_ask_rating). */
#include "chat.h"
#include "csat.h"
#include "job.h"

void
job_csat(struct pool *p)
{
	struct dbres due;
	long long    now = (long long)wx_now();

	/* closes of the last hour that should be asked (older ones never are:
	 * switching the question on does not reach back) */
	if (db_csat_mark(p, now - 3600) != DB_OK || db_csat_due(p, &due) != DB_OK)
		return;
	for (size_t i = 0; i < due.nrows && !job_stopping; i++) {
		int             l = lang_parse(db_cell(&due, i, CD_LANG));
		const char     *q = db_cell(&due, i, CD_QUESTION) && *db_cell(&due, i, CD_QUESTION) ?
		    db_cell(&due, i, CD_QUESTION) : lang_text(l >= 0 ? (enum lang)l : LANG_ZH,
		    "csat.question_default");
		struct out_chat c = {
			.chat = db_int(&due, i, CD_CHAT), .follower = db_int(&due, i, CD_FOLLOWER),
			.openid = db_cell(&due, i, CD_OPENID),
			.ch = { db_int(&due, i, CD_CHANNEL), db_cell(&due, i, CD_APPID),
			    db_cell(&due, i, CD_SECRET) ? secret_decrypt(p, db_cell(&due, i, CD_SECRET)) : NULL },
		};
		(void)chat_ask_rating(p, &c, q);	/* what came of it is on the chat */
	}
}
