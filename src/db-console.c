/*
 * db-console.c: the statements the console's pages read: the lists and
 * counts, one chat and its transcript, the transfer list, a follower's
 * other chats, canned responses (a table of its own; db.c runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "wx.h"
#include "console.h"

#define CHAT_LAST_IN(c) "IF(" CHAT_NEWER_IN(c) ", GREATEST(" c ".last_user_msg_at, " \
	CHAT_NEWEST_IN(c, "created_at") "), " c ".last_user_msg_at)"
#define CHAT_OUTS(c) "IF(" CHAT_NEWER_IN(c) ", 0, " c ".consecutive_out)"

/* a template message's result, pushed later by WeChat with its msgid
 * (TEMPLATESENDJOBFINISH, notice.h): "success", "failed:user block", … */
#define TRANSCRIPT_RESULT "IF(m.msg_type = 'template' AND m.wx_msg_id IS NOT NULL, " \
	"(SELECT JSON_VALUE(e.fields, '$.Status') FROM messages e WHERE e.channel_id = " \
	"m.channel_id AND e.wx_msg_id = m.wx_msg_id AND e.direction = 'in' AND " \
	"e.event = 'TEMPLATESENDJOBFINISH' LIMIT 1), NULL)"

/* the console's chat lists: a page of chats (c: chats with a rank) and
 * the columns shown for each, computed for the page's rows only */
#define CONSOLE_LIST_COLS \
	"SELECT c.id, c.state, " FOLLOWER_NAME("f") " follower, " \
	"d.name department, UNIX_TIMESTAMP(c.started_at) started, " \
	"UNIX_TIMESTAMP(" CHAT_LAST_IN("c") ") last_in, " CHAT_OUTS("c") " outs, " \
	WX_SQL_GRANT("c.") " grant_at, " \
	"u.name operator, (SELECT IF(m.msg_type = 'text', LEFT(m.body, 80), " \
	"CONCAT(CHAR(1), m.msg_type)) FROM messages m WHERE m.chat_id = c.id AND " \
	"m.direction = 'in' AND m.msg_type <> 'event' ORDER BY m.id DESC LIMIT 1) last_words, b.name brand, c.close_reason, UNIX_TIMESTAMP(c.closed_at) closed, " \
	/* the follower's messages this user has not seen yet: the chat's \
	* count, less those the user had seen (chat_reads.seen_in), plus \
	* those the worker has not folded into the count yet (counted only \
	* when the newest is one: most often none is) */ \
	"GREATEST(0, c.messages_in + IF(" CHAT_NEWER_IN("c") ", (SELECT COUNT(*) FROM messages m3 " \
	"WHERE m3.chat_id = c.id AND m3.id > c.last_in_id AND m3.direction = 'in' " \
	"AND m3.msg_type <> 'event'), 0) - " \
	"IFNULL((SELECT r.seen_in FROM chat_reads r WHERE r.user_id = ? AND r.chat_id = c.id), 0)) " \
	"unread "
/* which chats a list shows: one state, visible to the user (a member of
 * the chat's department, or all = 1), optionally only the user's (mine =
 * 1) or only others' (others = 1), started within a date range */
#define CONSOLE_LIST_WHERE \
	"c.state = ? AND (? = 1 OR c.department_id IN " \
	"(SELECT department_id FROM department_members WHERE user_id = ?)) " \
	"AND (? = 0 OR c.operator_id = ?) AND (? = 0 OR c.operator_id <> ?) " \
	"AND c.started_at >= FROM_UNIXTIME(?) AND c.started_at < FROM_UNIXTIME(?) "
#define CONSOLE_LIST_JOINS \
	"JOIN followers f ON f.id = c.follower_id " \
	"JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id " \
	"LEFT JOIN departments d ON d.id = c.department_id " \
	"LEFT JOIN users u ON u.id = c.operator_id "

#define CONSOLE_STATEMENTS(X) \
	/* a list, newest first (the page of chats first, so the rest is done \
	 * for its rows only) */ \
	X(console_list, CUSTOM_ROWS(console_list), (), (I, S, I, I, I, I, I, I, I, I, I, I), \
	    CONSOLE_LIST_COLS "FROM (SELECT c.* FROM chats c WHERE " CONSOLE_LIST_WHERE \
	    "ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?) c " CONSOLE_LIST_JOINS \
	    "ORDER BY c.started_at DESC, c.id DESC") \
	/* a list searched: the chats a search ranked (a JSON array of ids, \
	 * best first: search.h), in that order */ \
	X(console_search, CUSTOM_ROWS(console_list), (), (I, S, S, I, I, I, I, I, I, I, I, I, I), \
	    CONSOLE_LIST_COLS "FROM (SELECT c.*, j.n hit_rank FROM JSON_TABLE(?, '$[*]' COLUMNS " \
	    "(n FOR ORDINALITY, id BIGINT UNSIGNED PATH '$')) j JOIN chats c ON c.id = j.id " \
	    "WHERE " CONSOLE_LIST_WHERE "ORDER BY j.n LIMIT ? OFFSET ?) c " CONSOLE_LIST_JOINS \
	    "ORDER BY c.hit_rank") \
	/* the chats of the followers whose name or OpenID starts with text (a \
	 * LIKE pattern), or whose name holds its words (a search_query: this \
	 * node's copy of the names, 063), newest first, each read from its \
	 * index (060) */ \
	X(console_name_chats, ROWS(console_name_chat), (const char *like, const char *words, \
	    int limit), (S(like), I((long long)limit), S(like), I((long long)limit), S(words), \
	    I((long long)limit), I((long long)limit)), \
	    "SELECT c.id FROM (SELECT id FROM (SELECT id FROM followers WHERE shown_name LIKE ? " \
	    "LIMIT ?) a UNION SELECT id FROM (SELECT id FROM followers WHERE openid LIKE ? " \
	    "AND erased = 0 LIMIT ?) b UNION SELECT id FROM (SELECT id FROM search_followers " \
	    "WHERE MATCH(names) AGAINST(? IN BOOLEAN MODE) LIMIT ?) w) f " \
	    "JOIN chats c ON c.follower_id = f.id ORDER BY c.id DESC LIMIT ?") \
	/* open chats by state, and how many are the user's own: in the user's \
	 * departments, or (all) everywhere, from the counts the triggers keep \
	 * (sql/routines/console.sql) */ \
	X(console_counts, CUSTOM_ROWS(console_count), (), (I, I), \
	    "SELECT state, SUM(IF(operator_id = ?, n, 0)) mine, SUM(n) total FROM chat_counts " \
	    "WHERE department_id IN (SELECT department_id FROM department_members WHERE user_id = ?) " \
	    "GROUP BY state") \
	X(console_counts_all, CUSTOM_ROWS(console_count), (), (I), \
	    "SELECT state, SUM(IF(operator_id = ?, n, 0)) mine, SUM(n) total FROM chat_counts " \
	    "GROUP BY state") \
	/* what changed since the last poll (db-chat-sql.h) */ \
	X(console_mark, ROW(console_mark), (long long user, long long now), (I(user), I(now)), \
	    "SELECT " CONSOLE_MARK_COLS("?")) \
	X(console_chat, ROW(console_chat), (long long id), (I(id)), \
	    "SELECT c.id, c.state, c.channel_id, c.follower_id, c.department_id, c.operator_id, " \
	    "UNIX_TIMESTAMP(c.started_at) started, UNIX_TIMESTAMP(" CHAT_LAST_IN("c") ") last_in, " \
	    CHAT_OUTS("c") " outs, " WX_SQL_GRANT("c.") " " \
	    "grant_at, c.close_reason, " \
	    "f.openid, f.alias, f.remark, d.name department, " \
	    "u.name operator, ch.app_id, ch.app_secret_enc, b.name brand, " \
	    "UNIX_TIMESTAMP(c.closed_at) closed, " \
	    "f.subscribed, f.language, UNIX_TIMESTAMP(f.subscribed_at) subat, f.subscribe_scene, " \
	    "f.qr_scene, c.previous_chat_id, ch.brand_id, cb.name closed_by, c.offer_user_id, " \
	    "ou.name offered_to, " \
	    "IFNULL(UNIX_TIMESTAMP(c.offer_until), 0) offeruntil, d.routing, c.after_hours, " \
	    "IFNULL(UNIX_TIMESTAMP(c.followup_at), 0) followup, tp.name topic, c.summary, " \
	    "b.held_days, IFNULL((SELECT o.id FROM chats o WHERE o.follower_id = c.follower_id " \
	    "AND o.state <> 'closed' AND o.id <> c.id ORDER BY o.id DESC LIMIT 1), 0) other_open " \
	    "FROM chats c JOIN followers f ON f.id = c.follower_id " \
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id " \
	    "LEFT JOIN departments d ON d.id = c.department_id " \
	    "LEFT JOIN users u ON u.id = c.operator_id " \
	    "LEFT JOIN users ou ON ou.id = c.offer_user_id " \
	    "LEFT JOIN users cb ON cb.id = c.closed_by " \
	    "LEFT JOIN close_topics tp ON tp.id = c.topic_id WHERE c.id = ?") \
	X(console_member, CUSTOM, (), (I, I), \
	    "SELECT COUNT(*) FROM department_members WHERE user_id = ? AND department_id = ?") \
	/* the newest 500 messages of a chat, newest first */ \
	X(transcript, ROWS(transcript), (long long chat, long long before, long long from, \
	    int limit), \
	    (I(chat), I(before > 0 ? before : (long long)1 << 62), I(from), I((long long)limit)), \
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, " \
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name author, " \
	    "UNIX_TIMESTAMP(m.created_at) at, " TRANSCRIPT_RESULT " result, " \
	    "IFNULL(UNIX_TIMESTAMP(m.send_at), 0) send_at FROM messages m " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "LEFT JOIN users u ON u.id = m.author_id " \
	    "WHERE m.chat_id = ? AND m.id < ? AND m.id >= ? ORDER BY m.id DESC LIMIT ?") \
	/* what the follower did and was told outside any chat (a follow, the \
	 * welcome, a menu's click) in the two days before the chat began */ \
	X(transcript_before, ROWS(transcript), (long long follower, long long started), \
	    (I(follower), I(started), I(started)), \
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, " \
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name author, " \
	    "UNIX_TIMESTAMP(m.created_at) at, " TRANSCRIPT_RESULT " result, " \
	    "IFNULL(UNIX_TIMESTAMP(m.send_at), 0) send_at FROM messages m " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "LEFT JOIN users u ON u.id = m.author_id " \
	    "WHERE m.follower_id = ? AND m.chat_id IS NULL AND m.created_at <= FROM_UNIXTIME(?) " \
	    "AND m.created_at > FROM_UNIXTIME(?) - INTERVAL 2 DAY ORDER BY m.id DESC LIMIT 10") \
	/* where a chat can go: the brand's other departments, and the active \
	 * members of the chat's department other than its operator */ \
	X(transfer_targets, ROWS(transfer_targets), (long long chat), (I(chat), I(chat)), \
	    "SELECT 'dept' kind, d.id, d.name, NULL presence, NULL seen, NULL hand, NULL chat_limit " \
	    "FROM chats c " \
	    "JOIN channels ch ON ch.id = c.channel_id JOIN departments d ON d.brand_id = ch.brand_id " \
	    "WHERE c.id = ? AND (c.department_id IS NULL OR d.id <> c.department_id) " \
	    "UNION ALL SELECT 'user', u.id, u.name, u.presence, " \
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0), " \
	    "(SELECT COUNT(*) FROM chats a WHERE a.operator_id = u.id AND a.state = 'active') + " \
	    "(SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = u.id AND " \
	    "o.state IN ('waiting', 'missed')), COALESCE(d.chat_limit, u.chat_limit) FROM chats c " \
	    "JOIN department_members m ON m.department_id = c.department_id " \
	    "JOIN departments d ON d.id = m.department_id " \
	    "JOIN users u ON u.id = m.user_id WHERE c.id = ? AND u.disabled = 0 " \
	    "AND (c.operator_id IS NULL OR u.id <> c.operator_id) ORDER BY 1, 3") \
	/* the follower's other chats, newest first */ \
	X(follower_chats, ROWS(follower_chats), (long long follower, long long except), \
	    (I(follower), I(except)), \
	    "SELECT id, state, UNIX_TIMESTAMP(started_at) started, close_reason FROM chats " \
	    "WHERE follower_id = ? AND id <> ? ORDER BY id DESC LIMIT 20") \
	/* a brand's (brand, owner 0), or what an operator may send in a chat of \
	 * the brand: their own first, then the brand's, by category */ \
	X(canned_list, ROWS(canned_list), (long long brand, long long owner), (I(brand), I(owner)), \
	    "SELECT c.id, c.shortcut, c.body, a.mime, c.category, c.owner_id IS NOT NULL mine " \
	    "FROM canned_responses c LEFT JOIN attachments a ON a.id = c.attachment_id " \
	    "WHERE c.brand_id = ? OR c.owner_id = ? " \
	    "ORDER BY mine DESC, c.category IS NULL, c.category, c.shortcut") \
	/* a brand's (owner 0) or an operator's own (brand 0) */ \
	X(canned_insert, EXEC, (const struct canned_new *c), \
	    (I(c->brand), I(c->owner), S(c->shortcut), S(c->category), S(c->body), \
	    I(c->attachment), I((long long)wx_now())), \
	    "INSERT INTO canned_responses (brand_id, owner_id, shortcut, category, body, " \
	    "attachment_id, created_at) VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, NULLIF(?, ''), ?, " \
	    "NULLIF(?, 0), FROM_UNIXTIME(?))") \
	X(canned_delete, DONE, (long long id, long long brand, long long owner), \
	    (I(id), I(brand), I(owner)), \
	    "DELETE FROM canned_responses WHERE id = ? AND (brand_id = ? OR owner_id = ?)") \
	/* the canned response a chat's operator named with /shortcut */ \
	X(canned_find, ROW(canned_find), (long long chat, long long user, const char *shortcut), \
	    (I(user), S(shortcut), I(chat)), \
	    "SELECT r.body, a.id, a.path, a.mime FROM chats c " \
	    "JOIN channels ch ON ch.id = c.channel_id " \
	    "JOIN canned_responses r ON (r.brand_id = ch.brand_id OR r.owner_id = ?) " \
	    "AND r.shortcut = ? " \
	    "LEFT JOIN attachments a ON a.id = r.attachment_id WHERE c.id = ? " \
	    "ORDER BY r.owner_id IS NULL LIMIT 1") \
	X(media_of_message, ROW(media_of_message), (long long msg), (I(msg)), \
	    "SELECT m.chat_id, a.path, a.mime, a.size FROM messages m " \
	    "JOIN attachments a ON a.id = m.attachment_id WHERE m.id = ?")
DB_STATEMENTS(CONSOLE_STATEMENTS, db_table_console)

enum dbrc
db_console_list(struct pool *p, const struct console_query *q, struct console_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (q->hits)
		rc = RUN(DBS_console_search, p, &res, I(q->user), S(q->hits), S(q->state),
		    I((long long)q->all), I(q->user), I((long long)q->mine), I(q->user),
		    I((long long)q->others), I(q->user), I(q->from), I(q->to), I(q->limit), I(q->offset));
	else
		rc = RUN(DBS_console_list, p, &res, I(q->user), S(q->state), I((long long)q->all),
		    I(q->user), I((long long)q->mine), I(q->user), I((long long)q->others), I(q->user),
		    I(q->from), I(q->to), I(q->limit), I(q->offset));
	return DB_AS_ROWS(p, rc, &res, rows, n, console_list_fill);
}

enum dbrc
db_console_counts(struct pool *p, long long user, int all, struct console_count **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (all)
		rc = RUN(DBS_console_counts_all, p, &res, I(user));
	else
		rc = RUN(DBS_console_counts, p, &res, I(user), I(user));
	return DB_AS_ROWS(p, rc, &res, rows, n, console_count_fill);
}

int
db_console_member(struct pool *p, long long user, long long dept)
{
	struct dbres out;

	if (RUN(DBS_console_member, p, &out, I(user), I(dept)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0) > 0;
}

