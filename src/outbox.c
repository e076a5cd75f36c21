/* outbox.c: the senders that deliver the operators' queued replies (see outbox.h). */
#include <time.h>
#include <unistd.h>

#include "outbox.h"
#include "spool.h"
#include "send.h"

/* delivers the queued replies of one chat, held; the number tried */
static int
deliver_chat(struct pool *p, long long chat)
{
	struct outbox_due *m;
	size_t             n;

	if (db_outbox_due(p, chat, &m, &n) != DB_OK)
		return 0;
	for (size_t i = 0; i < n; i++) {
		struct outgoing o = { m[i].type, m[i].body, m[i].path, m[i].mime, m[i].attachment,
		    m[i].fields };
		struct out_chat c = {
			.chat = chat, .follower = m[i].follower, .openid = m[i].openid,
			.ch = { m[i].channel, m[i].app_id,
			    m[i].secret ? secret_decrypt(p, m[i].secret) : NULL },
		};
		/* (a file whose row is gone has no path: send_deliver says it is missing) */
		(void)send_deliver(p, &c, m[i].id, &o);
	}
	return (int)n;
}

int
outbox_pass(struct pool *p)
{
	struct outbox_chat *c;
	size_t              nc;
	long long           now = (long long)wx_now();
	int                 n = 0;

	if (db_outbox_chats(p, now, &c, &nc) != DB_OK)
		return -1;
	for (size_t i = 0; i < nc; i++) {
		long long chat = c[i].chat;
		if (db_outbox_claim(p, chat, now, now + OUTBOX_LEASE) != DB_OK)
			continue;	/* another sender has it */
		n += deliver_chat(p, chat);
		(void)db_outbox_release(p, chat);
	}
	return n;
}

void
outbox_run(volatile sig_atomic_t *stop)
{
	while (!*stop) {
		struct pool p = { 0 };
		int         n = db_up() ? outbox_pass(&p) : -1;

		/* (and, once a second, the replies of pushes kept in a burst that
		 * go late: spool.h) */
		static double said_at;
		if (n >= 0 && wx_mono() - said_at >= 1) {
			said_at = wx_mono();
			if (spool_say_pass(&p) > 0)
				n++;
		}

		pool_free(&p);
		db_request_done();
		if (n <= 0)
			usleep(n < 0 ? 1000000 : 200000);	/* nothing queued: a moment */
	}
}

long long
outbox_drain(int seconds)
{
	double    t0 = wx_mono();
	long long left = -1;

	for (;;) {
		struct pool p = { 0 };
		(void)outbox_pass(&p);
		left = db_outbox_queued(&p);
		pool_free(&p);
		db_request_done();
		if (left <= 0 || wx_mono() - t0 >= seconds)
			return left;
		usleep(50000);	/* another sender holds a chat: until it is done */
	}
}
