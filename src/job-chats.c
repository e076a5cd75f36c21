/*
 * job-chats.c: the worker's fold of follower messages into their chats'
 * rows. The webhook stores a message in an open chat without touching the
 * chat (one statement); each tick, before the timers read them, every
 * chat's last_user_msg_at, last_activity_at, messages_in and reply count
 * take in the messages stored since. What cannot wait a tick reads the
 * messages themselves: the console, a reply being counted, the idle timer's
 * last check (db.c, CHAT_NEWER_IN).
 */
#include "db.h"
#include "job.h"
#include "chat.h"

void
job_chats(struct pool *p)
{
	if (db_chat_fold(p) < 0)
		wx_log("chats: the fold of new messages failed; the next tick tries again");
}
