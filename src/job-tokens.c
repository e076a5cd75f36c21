/*
 * job-tokens.c: the worker's access-token job: refreshes each active
 * channel's token in its last 5 minutes (when stable_token hands out the
 * next one), backing off after an error. The lease in access_tokens makes
 * one worker fetch it.
 */
#include <time.h>

#include "db.h"
#include "job.h"
#include "wxapi.h"

void
job_tokens(struct pool *p)
{
	struct channels_active *c = NULL;
	size_t c_n = 0;
	time_t       now = wx_now();

	if (db_channels_active(p, &c, &c_n) != DB_OK)
		return;
	/* columns: id app_id secret_enc expires_at lease_until */
	for (size_t i = 0; i < c_n && !job_stopping; i++) {
		struct wxapi_channel ch;
		const char          *token;
		if (c[i].expires > now + 300 || c[i].lease > now)
			continue;	/* fresh enough, or backing off after an error */
		if (job_channel(p, c[i].id, &ch) != 0)
			continue;
		long e = wxapi_token(p, &ch, 0, &token);	/* fetched only if still due */
		if (e != 0)
			wx_log("channel %lld: no access token: %s", ch.id, wxapi_errtext(e));
	}
}
