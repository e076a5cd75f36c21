/* webhook.h: WeChat's calls to /wechat/<key> (webhook.c). */
#ifndef WXDESK_WEBHOOK_H
#define WXDESK_WEBHOOK_H

#include "wxdesk.h"

void webhook_channel_get(struct req *, struct resp *);	/* URL verification */
void webhook_channel_post(struct req *, struct resp *);	/* a push */

/* POST /wechat/<key>/payment: a payment the business's server forwards (payment.c) */

#endif
