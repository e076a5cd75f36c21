/* job-timers.c: the worker's chat timers: missed, missed close, idle close (see below). */
#include <time.h>

#include "chat.h"
#include "db.h"
#include "hours.h"
#include "intake.h"
#include "job.h"
#include "console.h"

/*
 * The chat timers. Deadlines come from the stored times and the current
 * settings, so a changed preference applies to chats already open. Each
 * change re-checks its deadline in its UPDATE and writes its transcript
 * line in the same transaction: with two workers, each chat moves once.
 */
/*
 * The chats whose 48 hours are over, closed (chat_window_end): the
 * webhook's hot path stores a follower's message into an open chat
 * without looking at the time, so this is what ends a chat's window, at
 * each tick (within a tick of the deadline).
 */
static void
windows(struct pool *p, time_t now)
{
	for (int batch = 0; batch < 20 && !job_stopping; batch++) {
		struct window_due *due = NULL;
		size_t             n = 0;
		if (db_window_due(p, (long long)now - WX_WINDOW, &due, &n) != DB_OK)
			return;
		for (size_t i = 0; i < n && !job_stopping; i++) {
			struct chat_ref c = { due[i].id, due[i].channel_id, due[i].follower_id,
				due[i].dept };
			if (chat_window_end(p, &c, (long long)now) != DB_OK)
				return;	/* the next tick tries again */
		}
		if (n < 500)
			return;
	}
}

void
job_timers(struct pool *p)
{
	struct timer_channels *ch = NULL;
	size_t ch_n = 0;
	time_t       now = wx_now();

	windows(p, now);
	if (db_timer_channels(p, &ch, &ch_n) != DB_OK)
		return;
	/* columns: channel missed_after missed_close idle bot */
	for (size_t i = 0; i < ch_n && !job_stopping; i++) {
		static const char *const states[] = { "waiting", "missed", "active" };
		long long channel = ch[i].channel_id;
		/* business hours: with the missed timer off outside them, waiting
		 * chats wait from the opening (hours.h) */
		int       skip_waiting = 0;
		{
			struct hours_now h;
			if (db_hours_now(p, channel, (long long)now, &h) == DB_OK && h.enabled && !h.timer) {
				if (h.closed == 1)
					skip_waiting = 1;
				else
					(void)db_hours_opened(p, channel, (long long)now);
			}
		}
		for (int k = skip_waiting; k < 3; k++) {
			long long    limits[3] = { ch[i].missed_after_minutes, ch[i].missed_close_minutes,
				ch[i].idle };
			long long    limit = limits[k];
			time_t       since = now - (time_t)limit * 60;
			struct timer_due *due = NULL;
			size_t due_n = 0;
			const char  *what = k == 0 ? "missed" : "closed";
			const char  *key = k == 0 ? "note.missed" : k == 1 ? "note.missed_closed" :
			    ch[i].bot_enabled ? "note.idle_closed_bot" : "note.idle_closed";
			const char  *mins = pool_printf(p, "m:%lld", limit);	/* in words, as read */
			/* every due chat, in batches of 500, 100 to a transaction (one
			 * commit, one flush, per hundred) */
			for (int batch = 0; batch < 40 && !job_stopping; batch++) {
				if (db_timer_due(p, states[k], channel, since, &due, &due_n) != DB_OK)
					break;
				struct chat_timer t = { states[k], channel, (long long)since,
					(long long)now, what, key, mins, k != 0 };
				for (size_t j = 0; j < due_n && !job_stopping; j += 100)
					if (chat_timers_fire(p, &t, due, j, j + 100 < due_n ? j + 100 :
					    due_n) != DB_OK)
						return;	/* the next tick tries again */
				if (due_n < 500)
					break;
			}
		}
	}
}
