/* wxpush.h: sending pushes as WeChat does (the simulator's side of the webhook). */
#ifndef WXDESK_WXPUSH_H
#define WXDESK_WXPUSH_H

#include "../src/wx.h"

struct wxpush_msg {
	const char *to, *from, *type, *msgid;	/* type: text image voice video … event */
	const char *a1, *a2, *a3;		/* content, media ids, event name/key … */
	long long   create_time;
};

struct wxpush_target {
	const char *url, *token, *mode, *aes_key, *app_id, *original_id;
	long        queued;	/* seconds the push has waited in the account's server
				 * already (its queues in a burst): signed that long ago */
};

char *wxpush_msgid(struct pool *p);
/* The push's XML, or NULL for an unknown type. */
char *wxpush_xml(struct pool *p, const struct wxpush_msg *m);
/* Signs (and seals) inner and POSTs it: 3 attempts, gap seconds apart.
 * Appends one line per attempt to log; 0 when WeChat would be satisfied.
 * A passive reply in the answer is checked as WeChat checks it (sealed in
 * safe mode, signed, addressed to the follower from the account, text or a
 * picture) and put in *reply (reply may be NULL); a reply WeChat would not
 * take is logged and the follower is shown WeChat's notice instead. */
struct wxpush_reply {
	const char *type;	/* "text" or "image"; NULL: no reply */
	const char *content;	/* the text, or WXPUSH_UNAVAILABLE for an unusable reply */
	const char *media_id;	/* a picture's */
};
int   wxpush_send(struct pool *p, const struct wxpush_target *t, const char *inner,
	int gap_seconds, struct buf *log, struct wxpush_reply *reply);
/* WeChat's notice to the follower when the account's answer is unusable */
#define WXPUSH_UNAVAILABLE "该公众号暂时无法提供服务，请稍后再试"

/* WeChat's URL verification GET with a random echostr; 0 when the echo
 * matches. Appends one line to log: "verify: status N, body "…"[, echo matches]". */
int   wxpush_verify(struct pool *p, const char *url, const char *token, struct buf *log);

#endif
