/*
 * db-chat-sql.h: SQL fragments shared by the statements of db-chats.c,
 * db-console.c and db-alerts.c: a chat's row as of its newest follower
 * message, and the name a follower is shown by.
 */
#ifndef WXDESK_DB_CHAT_SQL_H
#define WXDESK_DB_CHAT_SQL_H

/*
 * A chat's state as of its newest follower message, which the hot path
 * stores without touching the chat's row (message_continue): the row's
 * columns, unless a newer follower message exists (one that last_in_id
 * does not cover yet): then the follower wrote last, and no reply since
 * counts. c names the chat's row.
 */
#define CHAT_NEWER_IN(c) "EXISTS (SELECT 1 FROM messages n WHERE n.chat_id = " c ".id " \
	"AND n.id > " c ".last_in_id AND n.direction = 'in' AND n.msg_type <> 'event')"

/*
 * The name a follower is shown by in lists: the alias typed in wxdesk, else
 * the account's remark in WeChat (user/info), else the OpenID's first ten
 * characters. f names the follower's row.
 */
#define FOLLOWER_NAME(f) "COALESCE(" f ".alias, NULLIF(" f ".remark, ''), " \
	"CONCAT(LEFT(" f ".openid, 10), '…'))"

#endif
