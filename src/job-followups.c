/* job-followups.c: the worker's follow-up job: who is there, offers to leave a message, expiry. */
#include "chat.h"
#include "job.h"
#include "assign.h"
#include "tell.h"

/*
 * Each tick, after the timers:
 *   1. each department notes since when nobody could take a chat in it (an
 *      available operator with a live heartbeat), or that someone can again;
 *   2. the followers of chats that have waited in a department where nobody
 *      has been available for its minutes are offered to leave a message
 *      (nobody available, then the offer), once, through the send path;
 *   3. follow-ups nobody answered within WeChat's 48 hours end as expired.
 * Every change is conditional (a claim, or a deadline checked again), so two
 * workers do each once.
 */
void
job_followups(struct pool *p)
{
	long long            now = (long long)wx_now();
	struct tell_leave   *due;
	struct tell_expired *ex;
	size_t               n;

	if (db_tell_nobody(p, now, now - presence_away_after()) != DB_OK)
		return;
	if (db_tell_leave_due(p, now, &due, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		const struct tell_leave *d = &due[i];
		struct tell_texts        t;
		struct out_chat          c = {
			.chat = d->chat, .follower = d->follower, .openid = d->openid,
			.ch = { d->channel, d->app_id, d->secret ? secret_decrypt(p, d->secret) : NULL },
		};
		int                      l = lang_parse(d->lang);

		if (tell_load(p, d->brand, l >= 0 ? (enum lang)l : LANG_ZH, &t) != 0)
			return;
		(void)chat_offer_leave(p, &c, pool_printf(p, "%s\n%s", t.text[TELL_NOBODY],
		    t.text[TELL_LEAVE_OFFER]), d->minutes);
	}
	if (db_tell_expired(p, now - WX_WINDOW, &ex, &n) != DB_OK)
		return;
	for (size_t i = 0; i < n && !job_stopping; i++) {
		struct chat_ref c = { ex[i].chat, ex[i].channel, ex[i].follower, ex[i].dept };
		enum dbrc rc = chat_followup_expire(p, &c, now - WX_WINDOW);
		if (rc != DB_OK && rc != DB_NOTFOUND)
			return;
	}
}
