/* job-warnings.c: the worker's profanity-warning job (see below). */
#include "db.h"
#include "intake.h"
#include "job.h"
#include "send.h"

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
		struct outgoing o = { "text", db_cell(&due, i, WD_WARNING), NULL, NULL, 0 };
		struct out_chat c = {
			.chat = db_int(&due, i, WD_CHAT), .follower = db_int(&due, i, WD_FOLLOWER),
			.openid = db_cell(&due, i, WD_OPENID),
			.ch = { db_int(&due, i, WD_CHANNEL), db_cell(&due, i, WD_APPID), db_cell(&due, i, WD_SECRET) ?
			    secret_decrypt(p, db_cell(&due, i, WD_SECRET)) : NULL },
		};
		long long msg;
		enum dbrc rc;

		if (o.text == NULL || c.ch.secret == NULL) {
			db_warn_done(p, c.chat, "skipped");
			continue;
		}
		rc = send_claim(p, &c, &o, OUT_WARNING, 0, pool_printf(p, "w:%lld", c.chat), &msg);
		if (rc == DB_CONFLICT) {
			db_warn_done(p, c.chat, "skipped");
			chat_note(p, c.ch.id, c.follower, c.chat, "warning", 1, "note.warning_skipped",
			    NULL);
		}
		if (rc == DB_OK)
			send_deliver(p, &c, msg, &o);
	}
}
