/* db-outbox.c: the statements of the outbox (outbox.c), in a table of their own. */
#include <stddef.h>

#include "db-run.h"
#include "outbox.h"

enum ob_stmt { OB_CHATS, OB_CLAIM, OB_RELEASE, OB_DUE, OB_QUEUED, OB__MAX };

/* an operator's reply, queued: what the outbox delivers */
#define OB_QUEUED_REPLY "m.delivery_state = 'sending' AND m.direction = 'out' AND " \
	"m.author_id IS NOT NULL"

static const struct db_stmt stmts[OB__MAX] = {
	[OB_CHATS] = { "ob_chats",
	    "SELECT DISTINCT m.chat_id chat FROM messages m JOIN chats c ON c.id = m.chat_id "
	    "WHERE " OB_QUEUED_REPLY " AND (c.send_lease IS NULL OR "
	    "c.send_lease < FROM_UNIXTIME(?)) LIMIT 50", .cols = outbox_chat_cols },
	[OB_CLAIM] = { "ob_claim",
	    "UPDATE chats SET send_lease = FROM_UNIXTIME(?) WHERE id = ? AND "
	    "(send_lease IS NULL OR send_lease < FROM_UNIXTIME(?))" },
	[OB_RELEASE] = { "ob_release", "UPDATE chats SET send_lease = NULL WHERE id = ?" },
	[OB_DUE] = { "ob_due",
	    "SELECT m.id, m.msg_type type, m.body, a.path, a.mime, IFNULL(m.attachment_id, 0) "
	    "attachment, c.channel_id channel, ch.app_id, ch.app_secret_enc secret, f.openid, "
	    "f.id follower FROM messages m "
	    "JOIN chats c ON c.id = m.chat_id JOIN channels ch ON ch.id = c.channel_id "
	    "JOIN followers f ON f.id = c.follower_id "
	    "LEFT JOIN attachments a ON a.id = m.attachment_id "
	    "WHERE m.chat_id = ? AND " OB_QUEUED_REPLY " ORDER BY m.id LIMIT 20",
	    .cols = outbox_due_cols },
	[OB_QUEUED] = { "ob_queued",
	    "SELECT COUNT(*) FROM messages m WHERE " OB_QUEUED_REPLY },
};

static void           *prepared[OB__MAX];
static struct db_table ob_table = { stmts, OB__MAX, prepared, NULL, 0 };

/* the table, for the test that prepares every statement (db_tables_all) */
struct db_table *
db_table_outbox(void)
{
	return &ob_table;
}
#define RUN(s, p, out, ...) DB_RUN(&ob_table, s, p, out, __VA_ARGS__)
#define RUN0(s, p, out) DB_RUN(&ob_table, s, p, out)

enum dbrc
db_outbox_chats(struct pool *p, long long now, struct outbox_chat **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(OB_CHATS, p, &out, I(now));

	return DB_AS_ROWS(p, rc, &out, rows, n, outbox_chat_fill);
}

enum dbrc
db_outbox_claim(struct pool *p, long long chat, long long now, long long until)
{
	struct dbres out;

	return db_changed(RUN(OB_CLAIM, p, &out, I(until), I(chat), I(now)), &out, DB_NOTFOUND);
}

enum dbrc
db_outbox_release(struct pool *p, long long chat)
{
	return RUN(OB_RELEASE, p, NULL, I(chat));
}

enum dbrc
db_outbox_due(struct pool *p, long long chat, struct outbox_due **rows, size_t *n)
{
	struct dbres out;
	enum dbrc    rc = RUN(OB_DUE, p, &out, I(chat));

	return DB_AS_ROWS(p, rc, &out, rows, n, outbox_due_fill);
}

long long
db_outbox_queued(struct pool *p)
{
	struct dbres out;

	if (RUN0(OB_QUEUED, p, &out) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0);
}
