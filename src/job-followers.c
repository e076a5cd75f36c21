/*
 * job-followers.c: the worker's follower-details job: fills language,
 * UnionID, the account's remark, subscribe scene and QR scene from
 * user/info, once a follower is claimed.
 */
#include <string.h>

#include "db.h"
#include "job.h"
#include "wxapi.h"

void
job_followers(struct pool *p)
{
	struct followers_info_due *due = NULL;
	size_t due_n = 0;

	if (db_followers_info_due(p, &due, &due_n) != DB_OK)
		return;
	/* columns: id channel_id openid */
	for (size_t i = 0; i < due_n && !job_stopping; i++) {
		struct wxapi_channel ch;
		struct http_resp     r;
		struct wx_field     *f;
		long long            id = due[i].id;

		if (db_follower_info_claim(p, id) != DB_OK)
			continue;	/* another worker has it */
		if (job_channel(p, due[i].channel_id, &ch) != 0)
			continue;
		long e = wxapi_call(p, &ch, "/cgi-bin/user/info", pool_printf(p,
		    "openid=%s&lang=zh_CN", due[i].openid), NULL, NULL, &r, &f);
		if (e == 0 && f) {
			const char *qr = wx_get(f, "qr_scene_str");
			if (qr == NULL || *qr == '\0')
				qr = wx_get(f, "qr_scene");
			if (qr && strcmp(qr, "0") == 0)
				qr = NULL;
			db_follower_info_set(p, id,
			    wx_get(f, "language") ? wx_get(f, "language") : "",
			    wx_get(f, "unionid") ? wx_get(f, "unionid") : "",
			    wx_get(f, "remark") ? wx_get(f, "remark") : "",
			    wx_get(f, "subscribe_scene") ? wx_get(f, "subscribe_scene") : "",
			    qr ? qr : "", wx_now());
		} else
			wx_log("follower %lld: user/info failed: %s", id, wxapi_errtext(e));
		http_resp_free(&r);
	}
}
