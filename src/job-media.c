/*
 * job-media.c: the worker's media job: downloads what followers sent
 * (media/get; a video's URL is fetched in turn) into Media.Dir by sha256,
 * retrying with backoff and recording why it failed. Each attempt is
 * claimed by moving media_next_at first.
 */
#include <string.h>
#include <time.h>

#include "db.h"
#include "job.h"
#include "media.h"
#include "wxapi.h"

static void
media_failed(struct pool *p, long long id, int attempts, const char *why)
{
	/* after 8 attempts (about two hours of backoff) it is given up */
	db_media_fail(p, id, attempts >= 8 ? "failed" : "due", why);
	wx_log("message %lld: media not fetched (attempt %d): %s", id, attempts, why);
}

void
job_media(struct pool *p)
{
	struct media_due *due = NULL;
	size_t due_n = 0;
	time_t       now = wx_now();

	if (db_media_due(p, (long long)now, &due, &due_n) != DB_OK)
		return;
	/* columns: id channel_id msg_type media_id attempts */
	for (size_t i = 0; i < due_n && !job_stopping; i++) {
		long long            id = due[i].id;
		int                  attempts = (int)due[i].media_attempts + 1;
		long long            backoff = 30LL << (attempts > 8 ? 8 : attempts);
		struct wxapi_channel ch;
		struct http_resp     r;
		struct wx_field     *f;
		long                 e;

		/* claim: whoever moves media_next_at first owns this attempt */
		if (db_media_claim(p, id, (long long)now + backoff, (long long)now) != DB_OK)
			continue;	/* another worker has this attempt */
		if (job_channel(p, due[i].channel_id, &ch) != 0) {
			media_failed(p, id, attempts, "the channel's credentials are missing");
			continue;
		}
		e = wxapi_call(p, &ch, "/cgi-bin/media/get", pool_printf(p, "media_id=%s",
		    due[i].media_id), NULL, NULL, &r, &f);
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
		long long   att;
		if (path)	/* a voice: an MP3 beside it for the console's player */
			media_make_playable(p, path, mime);
		if (path == NULL ||
		    db_attachment_insert(p, sha, mime, (long long)r.body.len, media_rel(p, path), now, &att) != DB_OK ||
		    db_media_done(p, id, att) != DB_OK)
			media_failed(p, id, attempts, path ? "the database refused the file" :
			    "the media directory is not writable");
		http_resp_free(&r);
	}
}
