/*
 * wxdesk-worker.c: the background daemon. Each tick it
 *   - refreshes access tokens in their last 5 minutes (when stable_token
 *     hands out the next one),
 *   - downloads media that followers sent (media/get), into Media.Dir by
 *     sha256, retrying with backoff and recording failures,
 *   - fills follower details from user/info,
 *   - deletes downloaded files no message refers to any more (a follower's
 *     data erased after an unfollow), an hour after they were stored,
 *   - sends the profanity warning a chat has come due for, once,
 *   - runs the chat timers with each channel's current preferences: waiting
 *     chats nobody picked up become missed, missed chats close after their
 *     time, active chats close after the idle limit (the bot's, when the
 *     channel's bot is on),
 *   - folds new report events into the hourly roll-up the reports read.
 * Every job is claimed in the database first (a lease or a conditional
 * UPDATE), so any number of workers on any number of machines do each job
 * once. State lives in the database; a restarted worker carries on.
 *
 *   wxdesk-worker          run until SIGTERM (tick: Worker.TickSeconds, 2)
 *   wxdesk-worker --once   one tick, then exit (tests)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../src/db.h"
#include "../src/intake.h"
#include "../src/json.h"
#include "../src/media.h"
#include "../src/wxapi.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* The channel's id, App ID and decrypted App Secret, or -1. */
static int
load_channel(struct pool *p, long long id, struct wxapi_channel *ch)
{
	struct dbres c;

	if (db_channel_get(p, id, &c) != DB_OK)
		return -1;
	ch->id = id;
	ch->app_id = db_cell(&c, 0, 5);
	ch->secret = db_cell(&c, 0, 6) ? secret_decrypt(p, db_cell(&c, 0, 6)) : NULL;
	return ch->app_id && ch->secret ? 0 : -1;
}

static void
refresh_tokens(struct pool *p)
{
	struct dbres c;
	time_t       now = wx_now();

	if (db_channels_active(p, &c) != DB_OK)
		return;
	/* columns: id app_id secret_enc expires_at lease_until */
	for (size_t i = 0; i < c.nrows && !stopping; i++) {
		struct wxapi_channel ch;
		const char          *token;
		if (db_int(&c, i, 3) > now + 300 || db_int(&c, i, 4) > now)
			continue;	/* fresh enough, or backing off after an error */
		if (load_channel(p, db_int(&c, i, 0), &ch) != 0)
			continue;
		long e = wxapi_token(p, &ch, 1, &token);
		if (e != 0)
			wx_log("channel %lld: no access token: %s", ch.id, wxapi_errtext(e));
	}
}

static void
media_failed(struct pool *p, long long id, int attempts, const char *why)
{
	/* after 8 attempts (about two hours of backoff) it is given up */
	db_media_fail(p, NULL, attempts >= 8 ? "failed" : "due", why, id);
	wx_log("message %lld: media not fetched (attempt %d): %s", id, attempts, why);
}

static void
fetch_media(struct pool *p)
{
	struct dbres due;
	time_t       now = wx_now();

	if (db_media_due(p, &due, (long long)now) != DB_OK)
		return;
	/* columns: id channel_id msg_type media_id attempts */
	for (size_t i = 0; i < due.nrows && !stopping; i++) {
		long long            id = db_int(&due, i, 0);
		int                  attempts = (int)db_int(&due, i, 4) + 1;
		long long            backoff = 30LL << (attempts > 8 ? 8 : attempts);
		struct dbres         claim;
		struct wxapi_channel ch;
		struct http_resp     r;
		struct wx_field     *f;
		long                 e;

		/* claim: whoever moves media_next_at first owns this attempt */
		if (db_media_claim(p, &claim, (long long)now + backoff, id,
		    (long long)now) != DB_OK || claim.affected != 1)
			continue;
		if (load_channel(p, db_int(&due, i, 1), &ch) != 0) {
			media_failed(p, id, attempts, "the channel's credentials are missing");
			continue;
		}
		e = wxapi_call(p, &ch, "/cgi-bin/media/get", pool_printf(p, "media_id=%s",
		    db_cell(&due, i, 3)), NULL, NULL, &r, &f);
		if (e == 0 && f && wx_get(f, "video_url")) {
			/* videos come as a URL to fetch */
			const char *vu = pool_strdup(p, wx_get(f, "video_url"));
			http_resp_free(&r);
			if (http_call(vu, NULL, NULL, 0, NULL, 60000, &r) != 0 || r.status != 200) {
				media_failed(p, id, attempts, "the video could not be downloaded");
				http_resp_free(&r);
				continue;
			}
			f = NULL;
		}
		if (e != 0 || f != NULL || r.body.len == 0) {
			media_failed(p, id, attempts, e == -2 ? "WeChat could not be reached" :
			    e ? wxapi_errtext(e) : "WeChat answered without a file");
			http_resp_free(&r);
			continue;
		}
		const char *mime = r.ctype[0] ? pool_strndup(p, r.ctype, strcspn(r.ctype, ";")) :
		    "application/octet-stream";
		const char *sha = sha256_hex(p, r.body.data, r.body.len);
		const char *path = media_store(p, sha, mime, r.body.data, r.body.len);
		struct dbres ins;
		if (path == NULL ||
		    db_attachment_insert(p, &ins, sha, mime,
		    (long long)r.body.len, path, (long long)now) != DB_OK ||
		    db_media_done(p, NULL, (long long)ins.insert_id, id) != DB_OK)
			media_failed(p, id, attempts, path ? "the database refused the file" :
			    "the media directory is not writable");
		http_resp_free(&r);
	}
}

static void
fetch_user_info(struct pool *p)
{
	struct dbres due;

	if (db_followers_info_due(p, &due) != DB_OK)
		return;
	/* columns: id channel_id openid */
	for (size_t i = 0; i < due.nrows && !stopping; i++) {
		struct dbres         claim;
		struct wxapi_channel ch;
		struct http_resp     r;
		struct wx_field     *f;
		long long            id = db_int(&due, i, 0);

		if (db_follower_info_claim(p, &claim, id) != DB_OK ||
		    claim.affected != 1)
			continue;
		if (load_channel(p, db_int(&due, i, 1), &ch) != 0)
			continue;
		long e = wxapi_call(p, &ch, "/cgi-bin/user/info", pool_printf(p,
		    "openid=%s&lang=zh_CN", db_cell(&due, i, 2)), NULL, NULL, &r, &f);
		if (e == 0 && f) {
			const char *qr = wx_get(f, "qr_scene_str");
			if (qr == NULL || *qr == '\0')
				qr = wx_get(f, "qr_scene");
			if (qr && strcmp(qr, "0") == 0)
				qr = NULL;
			db_follower_info_set(p, NULL,
			    wx_get(f, "language") ? wx_get(f, "language") : "",
			    wx_get(f, "unionid") ? wx_get(f, "unionid") : "",
			    wx_get(f, "subscribe_scene") ? wx_get(f, "subscribe_scene") : "",
			    qr ? qr : "", (long long)wx_now(), id);
		} else
			wx_log("follower %lld: user/info failed: %s", id, wxapi_errtext(e));
		http_resp_free(&r);
	}
}

static void
sweep_attachments(struct pool *p)
{
	struct dbres o;

	if (db_attachments_orphaned(p, &o, (long long)wx_now() - 3600) != DB_OK)
		return;
	/* columns: id path */
	for (size_t i = 0; i < o.nrows && !stopping; i++) {
		struct dbres del, used;
		long long    id = db_int(&o, i, 0);
		if (db_attachment_delete(p, &del, id, id) != DB_OK || del.affected != 1)
			continue;
		/* the same content is stored once: keep the file while another row uses it */
		if (db_attachment_path_used(p, &used, db_cell(&o, i, 1)) == DB_OK &&
		    db_int(&used, 0, 0) == 0 && unlink(db_cell(&o, i, 1)) != 0 && errno != ENOENT)
			wx_log("cannot delete %s: %s", db_cell(&o, i, 1), strerror(errno));
	}
}

/*
 * Profanity warnings: sent once per chat, one abusive word before the
 * brand's limit. Like an operator's message it counts toward the 5 in a row
 * and needs the 48-hour window; when neither allows it, it is skipped.
 */
static void
send_warnings(struct pool *p)
{
	struct dbres due;

	if (db_warn_due_list(p, &due) != DB_OK)
		return;
	/* columns: chat channel follower openid warning app_id secret_enc */
	for (size_t i = 0; i < due.nrows && !stopping; i++) {
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

/*
 * The chat timers. Deadlines come from the stored times and the current
 * settings, so a changed preference applies to chats already open. Each
 * change re-checks its deadline in its UPDATE and writes its transcript
 * line in the same transaction: with two workers, each chat moves once.
 */
static void
run_timers(struct pool *p)
{
	struct dbres ch;
	time_t       now = wx_now();

	if (db_timer_channels(p, &ch) != DB_OK)
		return;
	/* columns: channel missed_after missed_close idle bot */
	for (size_t i = 0; i < ch.nrows && !stopping; i++) {
		static const char *const states[] = { "waiting", "missed", "active" };
		long long channel = db_int(&ch, i, 0);
		for (int k = 0; k < 3; k++) {
			long long    limit = db_int(&ch, i, (size_t)k + 1);
			time_t       since = now - (time_t)limit * 60;
			struct dbres due;
			const char  *what, *text;
			if (k == 0) {
				what = "missed";
				text = pool_printf(p, "No operator picked the chat up within %s: it "
				    "is missed. It can still be answered until it closes.",
				    minutes_text(p, limit));
			} else if (k == 1) {
				what = "closed";
				text = pool_printf(p, "The chat was missed for %s and is closed "
				    "(missed timeout).", minutes_text(p, limit));
			} else {
				what = "closed";
				text = pool_printf(p, "Nobody wrote for %s%s; the chat is closed "
				    "(idle timeout).", minutes_text(p, limit), db_int(&ch, i, 4) ?
				    ", the chatbot's idle limit" : "");
			}
			/* every due chat, in batches of 500, 100 to a transaction (one
			 * commit, one flush, per hundred) */
			for (int batch = 0; batch < 40 && !stopping; batch++) {
				if (db_timer_due(p, states[k], channel, since, &due) != DB_OK)
					break;
				/* columns: chat follower */
				for (size_t j = 0; j < due.nrows && !stopping; ) {
					enum dbrc rc = DB_OK;
					if (db_begin() != 0)
						return;
					for (size_t end = j + 100; j < due.nrows && j < end &&
					    (rc == DB_OK || rc == DB_CONFLICT); j++) {
						long long chat = db_int(&due, j, 0);
						rc = db_timer_fire(p, states[k], chat, since, now);
						if (rc == DB_OK)
							rc = chat_note(p, channel, db_int(&due, j, 1), chat,
							    what, text, k != 0);
					}
					if ((rc != DB_OK && rc != DB_CONFLICT) || db_commit() != 0) {
						db_rollback();	/* the next tick tries again */
						return;
					}
				}
				if (due.nrows < 500)
					break;
			}
		}
	}
}

/*
 * Reports: every event written since the last tick is folded into
 * report_hours and the day and hour-of-day levels, a batch of 5,000 to a
 * transaction, up to 200,000 a tick (the reports read what is left
 * directly, so nothing waits on this).
 */
static void
roll_up_reports(void)
{
	static int  warned;
	struct pool lp = { 0 };
	const char *zone = cfg_get("Reports.TimeZone", "UTC");
	int         rc = db_report_levels(&lp, zone);

	/* the day and hour-of-day levels follow the configured zone */
	if (rc == 1)
		wx_log("reports: day and hour-of-day roll-ups rebuilt in %s", zone);
	else if (rc == -2 && !warned++)
		wx_log("reports: the database does not know the time zone %s (Reports.TimeZone); "
		    "reports read the hourly roll-up only", zone);
	pool_free(&lp);
	for (int batch = 0; batch < 40 && !stopping; batch++) {
		struct pool bp = { 0 };
		long long   n = db_report_rollup(&bp);
		pool_free(&bp);
		if (n < 5000)
			break;
	}
}

int
main(int argc, char **argv)
{
	int              once = argc > 1 && strcmp(argv[1], "--once") == 0;
	struct sigaction sa;

	wx_set_progname("wxdesk-worker");
	if (cfg_load(NULL) != 0)
		return 1;
	if (!once)
		wx_log_open(cfg_get("Log.File", NULL));
	if (secret_key_load(cfg_get("Secrets.KeyFile", NULL)) != 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!once)
		wx_log("started; WeChat API at %s", cfg_get("WeChat.APIBase", "?"));
	do {
		struct pool p = { 0 };
		if (db_up()) {
			refresh_tokens(&p);
			fetch_media(&p);
			fetch_user_info(&p);
			sweep_attachments(&p);
			send_warnings(&p);
			run_timers(&p);
			roll_up_reports();
		}
		pool_free(&p);
		for (int s = 0; !once && !stopping && s < cfg_int("Worker.TickSeconds", 2) * 10; s++)
			usleep(100000);
	} while (!once && !stopping);
	db_close();
	curl_global_cleanup();
	return 0;
}
