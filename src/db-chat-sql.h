/*
 * db-chat-sql.h: SQL fragments of a chat's row as of its newest follower
 * message, shared by the statements of db-chats.c and db-console.c.
 */
#ifndef WXDESK_DB_CHAT_SQL_H
#define WXDESK_DB_CHAT_SQL_H

/*
 * A chat's state as of its newest follower message, which the hot path
 * stores without touching the chat's row (S_MESSAGE_CONTINUE): the row's
 * columns, unless a newer follower message exists (one that last_in_id
 * does not cover yet): then the follower wrote last, and no reply since
 * counts. c names the chat's row.
 */
#define CHAT_NEWER_IN(c) "EXISTS (SELECT 1 FROM messages n WHERE n.chat_id = " c ".id " \
	"AND n.id > " c ".last_in_id AND n.direction = 'in' AND n.msg_type <> 'event')"

#endif
