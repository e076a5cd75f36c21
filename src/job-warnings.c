/* job-warnings.c: the worker's profanity-warning job (see below). */
#include "chat.h"
#include "job.h"
#include "console.h"

/*
 * Profanity warnings: sent once per chat, one abusive word before the
 * brand's limit. Like an operator's message it counts toward the 5 in a row
 * and needs the 48-hour window; when neither allows it, it is skipped.
 */
void
job_warnings(struct pool *p)
{
	struct warn_due_list *due = NULL;
	size_t due_n = 0;

	if (db_warn_due_list(p, &due, &due_n) != DB_OK)
		return;
	/* columns: chat channel follower openid warning app_id secret_enc */
	for (size_t i = 0; i < due_n && !job_stopping; i++) {
		struct out_chat c = {
			.chat = due[i].id, .follower = due[i].follower_id,
			.openid = due[i].openid,
			.ch = { due[i].channel_id, due[i].app_id, due[i].app_secret_enc ?
			    secret_decrypt(p, due[i].app_secret_enc) : NULL },
		};
		(void)chat_warn(p, &c, due[i].warning);	/* the chat says how it went */
	}
}
