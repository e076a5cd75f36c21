/* intake.h: storing WeChat pushes as followers, messages and chats. */
#ifndef WXDESK_INTAKE_H
#define WXDESK_INTAKE_H

#include "wx.h"

struct intake_channel {
	long long id;
	long long department_id;
	int       erase_on_unfollow;
};

struct intake_result {
	long long message_id;	/* 0 for a duplicate */
	long long chat_id;	/* the chat the message belongs to, or 0 */
	long long opened_chat;	/* a chat this push opened */
	long long closed_chat;	/* a chat this push closed */
	int       duplicate;
	int       erased;
};

enum { INTAKE_STORED = 0, INTAKE_INVALID = 1, INTAKE_FAILED = 2 };

/* Stores one push (see intake.c). INTAKE_FAILED means nothing was stored. */
int intake_store(struct pool *p, const struct intake_channel *ch,
	const struct wx_field *f, struct intake_result *res);

#endif
