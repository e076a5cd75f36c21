/*
 * db-chat-sql.h: SQL fragments shared by the statements of db-chats.c,
 * db-console.c, db-staff.c and db-alerts.c: a chat's row as of its newest
 * follower message, the name a follower is shown by, and the console's mark.
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
#define CHAT_NEWER_IN(c) "IFNULL(" CHAT_NEWEST_IN(c, "id") " > " c ".last_in_id, 0)"

/*
 * A column of the chat's newest follower message (NULL: none), read
 * backwards on the chat's index, so it stops at that message. (A range
 * "id > last_in_id" would not: MariaDB bounds a subquery's index read by
 * the chat alone when the bound is the outer row's, and reads the whole
 * chat.)
 */
#define CHAT_NEWEST_IN(c, col) "(SELECT n." col " FROM messages n WHERE n.chat_id = " c ".id " \
	"AND n.direction = 'in' AND n.msg_type <> 'event' ORDER BY n.id DESC LIMIT 1)"

/*
 * The name a follower is shown by in lists: the alias typed in wxdesk, else
 * the account's remark in WeChat (user/info), else the OpenID's first ten
 * characters. f names the follower's row.
 */
/*
 * followers.name_at (063), in an UPDATE that writes a follower's alias or
 * remark, after those: stamped when the name the team sees changes, so
 * each node's copy of the names (search.h) takes it. f prefixes the row's
 * columns ("f." or ""); alias and remark are their values as written.
 * MariaDB works out the stored shown_name after the SET, so here it is
 * still the name before.
 */
#define FOLLOWER_NAME_AT(f, alias, remark) f "name_at = IF(" f "shown_name <=> COALESCE(" alias \
	", NULLIF(" remark ", '')), " f "name_at, NOW(6))"
#define FOLLOWER_NAME(f) "COALESCE(" f ".alias, NULLIF(" f ".remark, ''), " \
	"CONCAT(LEFT(" f ".openid, 10), '…'))"

/*
 * What the console has seen (console.h, CONSOLE_MARK_ROW): the newest
 * message and chat ids, how many messages the last 100 ids hold, the
 * replies still on their way, those held or late (a release to the outbox
 * and its delivery can both fall between two polls: the sending count alone
 * would be the same), and the chat offered to user now (one ?: the time).
 * Ids are taken when a row is written, not when it is committed, so a
 * transaction can commit an id below one already seen: the count changes
 * when it does (unless 100 ids were taken meanwhile, when a later message
 * changes the mark anyway). Every change the console shows adds a message
 * (a system line at least), a chat, a delivery, or a held reply let go.
 */
#define CONSOLE_MARK_COLS(user) "(SELECT IFNULL(MAX(id), 0) FROM messages) top, " \
	"(SELECT COUNT(*) FROM messages WHERE id > (SELECT IFNULL(MAX(id), 0) FROM messages) " \
	"- 100) messages_recent, (SELECT IFNULL(MAX(id), 0) FROM chats) chats, " \
	"(SELECT COUNT(*) FROM messages WHERE delivery_state = 'sending') sending, " \
	"(SELECT COUNT(*) FROM messages WHERE delivery_state IN ('held', 'late')) waiting, " \
	"IFNULL((SELECT o.id FROM chats o USE INDEX (ix_chats_offer) WHERE o.offer_user_id = " \
	user " AND o.state IN ('waiting', 'missed') AND o.offer_until >= FROM_UNIXTIME(?) " \
	"ORDER BY o.offer_until LIMIT 1), 0) offer"

#endif
