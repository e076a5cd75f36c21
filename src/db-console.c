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

enum console_stmt {
	S_CONSOLE_LIST,
	S_CONSOLE_COUNTS,
	S_CONSOLE_COUNTS_ALL,
	S_CONSOLE_MARK,
	S_CONSOLE_CHAT,
	S_CONSOLE_MEMBER,
	S_TRANSCRIPT,
	S_TRANSCRIPT_BEFORE,
	S_TRANSFER_TARGETS,
	S_FOLLOWER_CHATS,
	S_CANNED_LIST,
	S_CANNED_INSERT,
	S_CANNED_DELETE,
	S_CANNED_FIND,
	S_FOLLOWER_ALIAS,
	S_MEDIA_OF_MESSAGE,
	S__MAX
};

#define CHAT_LAST_IN(c) "GREATEST(" c ".last_user_msg_at, IFNULL((SELECT MAX(n.created_at) " \
	"FROM messages n WHERE n.chat_id = " c ".id AND n.id > " c ".last_in_id " \
	"AND n.direction = 'in' AND n.msg_type <> 'event'), " c ".last_user_msg_at))"
#define CHAT_OUTS(c) "IF(" CHAT_NEWER_IN(c) ", 0, " c ".consecutive_out)"

static const struct db_stmt stmts[S__MAX] = {
	/*
	 * The console's chat lists: one state, visible to the user (a member of
	 * the chat's department, or all = 1), optionally only the user's chats
	 * (mine = 1) or only others' (others = 1); closed chats can be searched
	 * by follower or text (q, a LIKE pattern or '') and start date range.
	 */
	[S_CONSOLE_LIST] = { "console_list",
	    "SELECT c.id, c.state, " FOLLOWER_NAME("f") " follower, "
	    "d.name department, UNIX_TIMESTAMP(c.started_at) started, "
	    "UNIX_TIMESTAMP(" CHAT_LAST_IN("c") ") last_in, " CHAT_OUTS("c") " outs, "
	    "u.name operator, (SELECT LEFT(m.body, 80) FROM messages m "
	    "WHERE m.chat_id = c.id AND m.direction = 'in' AND m.body IS NOT NULL "
	    "ORDER BY m.id DESC LIMIT 1) last_words, b.name brand, c.close_reason, UNIX_TIMESTAMP(c.closed_at) closed, "
	    /* the follower's messages this user has not seen yet (a range of the
	     * (chat_id, id) index, for the page's rows only) */
	    "(SELECT COUNT(*) FROM messages m3 WHERE m3.chat_id = c.id AND m3.direction = 'in' "
	    "AND m3.msg_type <> 'event' AND m3.id > IFNULL((SELECT r.seen_id FROM chat_reads r "
	    "WHERE r.user_id = ? AND r.chat_id = c.id), 0)) unread "
	    /* the page of chats first, so the rest is done for its rows only */
	    "FROM (SELECT c.* FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "WHERE c.state = ? AND (? = 1 OR c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?)) "
	    "AND (? = 0 OR c.operator_id = ?) AND (? = 0 OR c.operator_id <> ?) "
	    "AND (? = '' OR f.openid LIKE ? OR CONCAT_WS(' ', f.alias, f.remark) LIKE ? OR EXISTS (SELECT 1 FROM "
	    "messages m2 WHERE m2.chat_id = c.id AND m2.body LIKE ?)) "
	    "AND c.started_at >= FROM_UNIXTIME(?) AND c.started_at < FROM_UNIXTIME(?) "
	    "ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?) c "
	    "JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "ORDER BY c.started_at DESC, c.id DESC", .cols = console_list_cols },
	/* open chats by state, and how many are the user's own: in the user's
	 * departments, or (all) everywhere, from the index alone */
	[S_CONSOLE_COUNTS] = { "console_counts",
	    "SELECT c.state, SUM(c.operator_id = ?) mine, COUNT(*) total FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') AND c.department_id IN "
	    "(SELECT department_id FROM department_members WHERE user_id = ?) "
	    "GROUP BY c.state", .cols = console_count_cols },
	[S_CONSOLE_COUNTS_ALL] = { "console_counts_all",
	    "SELECT c.state, SUM(c.operator_id = ?) mine, COUNT(*) total FROM chats c "
	    "WHERE c.state IN ('waiting', 'missed', 'active', 'bot', 'followup') GROUP BY c.state", .cols = console_count_cols },
	/* what changed since the last poll: the newest message and chat ids */
	/*
	 * What the console has seen: the newest ids, and how many messages the
	 * last 1,000 ids hold (every change the console shows adds a message).
	 * Ids are taken when a row is written, not when it is committed, so a
	 * transaction can commit an id below one already seen; the count
	 * changes when it does (unless it commits more than 1,000 ids late).
	 */
	[S_CONSOLE_MARK] = { "console_mark",
	    "SELECT m.top, (SELECT COUNT(*) FROM messages WHERE id > m.top - 1000) messages_recent, "
	    "(SELECT IFNULL(MAX(id), 0) FROM chats) chats, "
	    "(SELECT COUNT(*) FROM messages WHERE delivery_state = 'sending') sending "
	    "FROM (SELECT IFNULL(MAX(id), 0) top FROM messages) m", .cols = console_mark_cols },
	[S_CONSOLE_CHAT] = { "console_chat",
	    "SELECT c.id, c.state, c.channel_id, c.follower_id, c.department_id, c.operator_id, "
	    "UNIX_TIMESTAMP(c.started_at) started, UNIX_TIMESTAMP(" CHAT_LAST_IN("c") ") last_in, "
	    CHAT_OUTS("c") " outs, c.close_reason, f.openid, f.alias, f.remark, d.name department, "
	    "u.name operator, ch.app_id, ch.app_secret_enc, b.name brand, "
	    "UNIX_TIMESTAMP(c.closed_at) closed, "
	    "f.subscribed, f.language, UNIX_TIMESTAMP(f.subscribed_at) subat, f.subscribe_scene, "
	    "f.qr_scene, c.previous_chat_id, ch.brand_id, cb.name closed_by, c.offer_user_id, "
	    "ou.name offered_to, "
	    "IFNULL(UNIX_TIMESTAMP(c.offer_until), 0) offeruntil, d.routing, c.after_hours, "
	    "IFNULL(UNIX_TIMESTAMP(c.followup_at), 0) followup, tp.name topic, c.summary "
	    "FROM chats c JOIN followers f ON f.id = c.follower_id "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN brands b ON b.id = ch.brand_id "
	    "LEFT JOIN departments d ON d.id = c.department_id "
	    "LEFT JOIN users u ON u.id = c.operator_id "
	    "LEFT JOIN users ou ON ou.id = c.offer_user_id "
	    "LEFT JOIN users cb ON cb.id = c.closed_by "
	    "LEFT JOIN close_topics tp ON tp.id = c.topic_id WHERE c.id = ?", .cols = console_chat_cols },
	[S_CONSOLE_MEMBER] = { "console_member",
	    "SELECT COUNT(*) FROM department_members WHERE user_id = ? AND department_id = ?" },
	/* the newest 500 messages of a chat, newest first */
	[S_TRANSCRIPT] = { "transcript",
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, "
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name author, "
	    "UNIX_TIMESTAMP(m.created_at) at FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "LEFT JOIN users u ON u.id = m.author_id "
	    "WHERE m.chat_id = ? AND m.id < ? AND m.id >= ? ORDER BY m.id DESC LIMIT ?",
	    .cols = transcript_cols },
	/* what the follower did and was told outside any chat (a follow, the
	 * welcome, a menu's click) in the two days before the chat began */
	[S_TRANSCRIPT_BEFORE] = { "transcript_before",
	    "SELECT m.id, m.direction, m.msg_type, m.event, m.event_key, m.body, m.fields, "
	    "m.media_state, m.attachment_id, a.mime, m.delivery_state, m.wx_errcode, u.name author, "
	    "UNIX_TIMESTAMP(m.created_at) at FROM messages m "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "LEFT JOIN users u ON u.id = m.author_id "
	    "WHERE m.follower_id = ? AND m.chat_id IS NULL AND m.created_at <= FROM_UNIXTIME(?) "
	    "AND m.created_at > FROM_UNIXTIME(?) - INTERVAL 2 DAY ORDER BY m.id DESC LIMIT 10",
	    .cols = transcript_cols },
	/* where a chat can go: the brand's other departments, and the active
	 * members of the chat's department other than its operator */
	[S_TRANSFER_TARGETS] = { "transfer_targets",
	    "SELECT 'dept' kind, d.id, d.name, NULL presence, NULL seen, NULL hand, NULL chat_limit "
	    "FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id JOIN departments d ON d.brand_id = ch.brand_id "
	    "WHERE c.id = ? AND (c.department_id IS NULL OR d.id <> c.department_id) "
	    "UNION ALL SELECT 'user', u.id, u.name, u.presence, "
	    "IFNULL(UNIX_TIMESTAMP(u.console_seen_at), 0), "
	    "(SELECT COUNT(*) FROM chats a WHERE a.operator_id = u.id AND a.state = 'active') + "
	    "(SELECT COUNT(*) FROM chats o WHERE o.offer_user_id = u.id AND "
	    "o.state IN ('waiting', 'missed')), COALESCE(d.chat_limit, u.chat_limit) FROM chats c "
	    "JOIN department_members m ON m.department_id = c.department_id "
	    "JOIN departments d ON d.id = m.department_id "
	    "JOIN users u ON u.id = m.user_id WHERE c.id = ? AND u.disabled = 0 "
	    "AND (c.operator_id IS NULL OR u.id <> c.operator_id) ORDER BY 1, 3", .cols = transfer_targets_cols },
	/* the follower's other chats, newest first */
	[S_FOLLOWER_CHATS] = { "follower_chats",
	    "SELECT id, state, UNIX_TIMESTAMP(started_at) started, close_reason FROM chats "
	    "WHERE follower_id = ? AND id <> ? ORDER BY id DESC LIMIT 20", .cols = follower_chats_cols },
	/* a brand's (brand, owner 0), or what an operator may send in a chat of
	 * the brand: their own first, then the brand's, by category */
	[S_CANNED_LIST] = { "canned_list",
	    "SELECT c.id, c.shortcut, c.body, a.mime, c.category, c.owner_id IS NOT NULL mine "
	    "FROM canned_responses c LEFT JOIN attachments a ON a.id = c.attachment_id "
	    "WHERE c.brand_id = ? OR c.owner_id = ? "
	    "ORDER BY mine DESC, c.category IS NULL, c.category, c.shortcut", .cols = canned_list_cols },
	/* a brand's (owner 0) or an operator's own (brand 0) */
	[S_CANNED_INSERT] = { "canned_insert",
	    "INSERT INTO canned_responses (brand_id, owner_id, shortcut, category, body, "
	    "attachment_id, created_at) VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, NULLIF(?, ''), ?, "
	    "NULLIF(?, 0), FROM_UNIXTIME(?))" },
	[S_CANNED_DELETE] = { "canned_delete",
	    "DELETE FROM canned_responses WHERE id = ? AND (brand_id = ? OR owner_id = ?)" },
	/* the canned response a chat's operator named with /shortcut */
	[S_CANNED_FIND] = { "canned_find",
	    "SELECT r.body, a.id, a.path, a.mime FROM chats c "
	    "JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN canned_responses r ON (r.brand_id = ch.brand_id OR r.owner_id = ?) "
	    "AND r.shortcut = ? "
	    "LEFT JOIN attachments a ON a.id = r.attachment_id WHERE c.id = ? "
	    "ORDER BY r.owner_id IS NULL LIMIT 1", .cols = canned_find_cols },
	[S_FOLLOWER_ALIAS] = { "follower_alias",
	    "UPDATE followers SET alias = NULLIF(?, '') WHERE id = ?" },
	[S_MEDIA_OF_MESSAGE] = { "media_of_message",
	    "SELECT m.chat_id, a.path, a.mime, a.size FROM messages m "
	    "JOIN attachments a ON a.id = m.attachment_id WHERE m.id = ?", .cols = media_of_message_cols },
};

static void           *prepared[S__MAX];
static struct db_table table = { stmts, S__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_console(void)
{
	return &table;
}

#define RUN(s, p, out, ...) DB_RUN(&table, s, p, out, __VA_ARGS__)

enum dbrc
db_console_list(struct pool *p, const struct console_query *q, struct console_list **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	const char *like = "";

	if (q->search && *q->search) {
		/* the text is matched as typed: % _ and \ are not wildcards */
		struct buf b = { 0 };
		buf_putc(&b, '%');
		for (const char *c = q->search; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *c);
		}
		buf_putc(&b, '%');
		like = pool_strndup(p, b.data, b.len);
		buf_free(&b);
	}

	rc = RUN(S_CONSOLE_LIST, p, &res, I(q->user), S(q->state), I((long long)q->all),
	    I(q->user), I((long long)q->mine), I(q->user), I((long long)q->others),
	    I(q->user), S(like), S(like), S(like), S(like), I(q->from), I(q->to),
	    I(q->limit), I(q->offset));
	return DB_AS_ROWS(p, rc, &res, rows, n, console_list_fill);
}

enum dbrc
db_console_counts(struct pool *p, long long user, int all, struct console_count **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (all)
		rc = RUN(S_CONSOLE_COUNTS_ALL, p, &res, I(user));
	else
		rc = RUN(S_CONSOLE_COUNTS, p, &res, I(user), I(user));
	return DB_AS_ROWS(p, rc, &res, rows, n, console_count_fill);
}

enum dbrc
db_console_mark(struct pool *p, struct console_mark **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CONSOLE_MARK, p, &res);
	return DB_AS_ROWS(p, rc, &res, rows, n, console_mark_fill);
}

enum dbrc
db_console_chat(struct pool *p, long long id, struct console_chat *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CONSOLE_CHAT, p, &res, I(id));
	return db_as_row(rc, &res, row, console_chat_fill);
}

int
db_console_member(struct pool *p, long long user, long long dept)
{
	struct dbres out;

	if (RUN(S_CONSOLE_MEMBER, p, &out, I(user), I(dept)) != DB_OK)
		return -1;
	return db_int(&out, 0, 0) > 0;
}

enum dbrc
db_transcript(struct pool *p, long long chat, long long before, long long from, int limit,
    struct transcript **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TRANSCRIPT, p, &res, I(chat), I(before > 0 ? before : (long long)1 << 62),
	    I(from), I((long long)limit));
	return DB_AS_ROWS(p, rc, &res, rows, n, transcript_fill);
}

enum dbrc
db_transcript_before(struct pool *p, long long follower, long long started,
    struct transcript **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TRANSCRIPT_BEFORE, p, &res, I(follower), I(started), I(started));
	return DB_AS_ROWS(p, rc, &res, rows, n, transcript_fill);
}

enum dbrc
db_transfer_targets(struct pool *p, long long chat, struct transfer_targets **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_TRANSFER_TARGETS, p, &res, I(chat), I(chat));
	return DB_AS_ROWS(p, rc, &res, rows, n, transfer_targets_fill);
}

enum dbrc
db_canned_list(struct pool *p, long long brand, long long owner, struct canned_list **rows,
    size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CANNED_LIST, p, &res, I(brand), I(owner));
	return DB_AS_ROWS(p, rc, &res, rows, n, canned_list_fill);
}

enum dbrc
db_canned_insert(struct pool *p, const struct canned_new *c)
{
	return RUN(S_CANNED_INSERT, p, NULL, I(c->brand), I(c->owner), S(c->shortcut),
	    S(c->category), S(c->body), I(c->attachment), I((long long)wx_now()));
}

enum dbrc
db_canned_delete(struct pool *p, long long id, long long brand, long long owner)
{
	struct dbres out;
	enum dbrc    rc = RUN(S_CANNED_DELETE, p, &out, I(id), I(brand), I(owner));

	return rc == DB_OK && out.affected == 0 ? DB_NOTFOUND : rc;
}

enum dbrc
db_canned_find(struct pool *p, long long chat, long long user, const char *shortcut,
    struct canned_find *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_CANNED_FIND, p, &res, I(user), S(shortcut), I(chat));
	return db_as_row(rc, &res, row, canned_find_fill);
}

enum dbrc
db_follower_chats(struct pool *p, long long follower, long long except, struct follower_chats **rows, size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_FOLLOWER_CHATS, p, &res, I(follower), I(except));
	return DB_AS_ROWS(p, rc, &res, rows, n, follower_chats_fill);
}

enum dbrc
db_follower_alias(struct pool *p, long long follower, const char *alias)
{
	return RUN(S_FOLLOWER_ALIAS, p, NULL, S(alias), I(follower));
}

enum dbrc
db_media_of_message(struct pool *p, long long msg, struct media_of_message *row)
{
	struct dbres res;
	enum dbrc    rc;

	rc = RUN(S_MEDIA_OF_MESSAGE, p, &res, I(msg));
	return db_as_row(rc, &res, row, media_of_message_fill);
}
