/* job-warnings.c: the worker's profanity-warning job (see below). */
#include "db.h"
#include "intake.h"
#include "job.h"
#include "wxapi.h"

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
		long long            chat = db_int(&due, i, 0), msg;
		const char          *text = db_cell(&due, i, 4);
		struct wxapi_channel ch = { db_int(&due, i, 1), db_cell(&due, i, 5),
		    db_cell(&due, i, 6) ? secret_decrypt(p, db_cell(&due, i, 6)) : NULL };
		struct msg_row       m = {
			.channel_id = ch.id, .follower_id = db_int(&due, i, 2), .chat_id = chat,
			.direction = "out", .msg_type = "text", .body = text,
			.dedupe_key = pool_printf(p, "w:%lld", chat), .media_state = "none",
			.created_at = wx_now(),
		};
		enum dbrc rc;
		long      e;
		if (text == NULL || ch.secret == NULL) {
			db_warn_done(p, chat, "skipped");
			continue;
		}
		if (db_begin() != 0)
			return;
		rc = db_warn_claim(p, chat, wx_now() - WX_WINDOW);
		if (rc == DB_OK)
			rc = db_message_out(p, &m, 0, 0, &msg);
		if (rc != DB_OK || db_commit() != 0) {
			db_rollback();
			if (rc == DB_CONFLICT) {
				db_warn_done(p, chat, "skipped");
				chat_note(p, ch.id, m.follower_id, chat, "warning", "The profanity "
				    "warning was not sent: WeChat's reply window or 5-message "
				    "limit did not allow it.", 1);
			}
			continue;
		}
		e = wxapi_send(p, &ch, db_cell(&due, i, 3), "text", text);
		db_out_result(p, msg, e == 0 ? "delivered" : "failed", e);
		if (e != 0) {
			db_out_unclaim(p, chat);
			wx_log("chat %lld: profanity warning not delivered: %s", chat,
			    wxapi_errtext(e));
		}
	}
}
