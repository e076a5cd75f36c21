/* job-warnings.c: the worker's profanity-warning job (see below). */
#include "chat.h"
#include "job.h"

/*
 * Profanity warnings: sent once per chat, one abusive word before the
 * brand's limit. Like an operator's message it counts toward the 5 in a row
 * and needs the 48-hour window; when neither allows it, it is skipped.
 */
void
job_warnings(struct pool *p)
{
	struct dbres due;

	if (db_warn_due_list(p, &due) != DB_OK)
		return;
	/* columns: chat channel follower openid warning app_id secret_enc */
	for (size_t i = 0; i < due.nrows && !job_stopping; i++) {
		struct out_chat c = {
			.chat = db_int(&due, i, WD_CHAT), .follower = db_int(&due, i, WD_FOLLOWER),
			.openid = db_cell(&due, i, WD_OPENID),
			.ch = { db_int(&due, i, WD_CHANNEL), db_cell(&due, i, WD_APPID), db_cell(&due, i, WD_SECRET) ?
			    secret_decrypt(p, db_cell(&due, i, WD_SECRET)) : NULL },
		};
		(void)chat_warn(p, &c, db_cell(&due, i, WD_WARNING));	/* the chat says how it went */
	}
}
