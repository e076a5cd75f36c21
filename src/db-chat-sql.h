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
 * A chat's follower messages with ids in (after, upto], counted from the
 * chat's index alone; and the chat's count of them up to upto: its base
 * (the count up to in_base_id, which the fold moves up where ids are
 * final: migration 043) plus those past it, counted afresh, so a message
 * that committed late is counted at the next fold or read. c names the
 * chat's row.
 */
#define CHAT_INS_RANGE(chat, after, upto) "(SELECT COUNT(*) FROM messages x " \
	"WHERE x.chat_id = " chat " AND x.id > " after " AND x.id <= " upto " " \
	"AND x.direction = 'in' AND x.msg_type <> 'event')"
#define CHAT_INS_TO(c, upto) "(" c ".in_base + " CHAT_INS_RANGE(c ".id", c ".in_base_id", upto) ")"

/*
 * The name a follower is shown by in lists: the alias typed in wxdesk, else
 * the account's remark in WeChat (user/info), else the OpenID's first ten
 * characters. f names the follower's row.
 */
#define FOLLOWER_NAME(f) "COALESCE(" f ".alias, NULLIF(" f ".remark, ''), " \
	"CONCAT(LEFT(" f ".openid, 10), '…'))"

#endif
