/* db-outbox.c: the statements of the outbox (outbox.c), in a table of their own. */
#include <stddef.h>

#include "db-run.h"
#include "outbox.h"

/* an operator's reply, queued: what the outbox delivers */
#define OB_QUEUED_REPLY "m.delivery_state = 'sending' AND m.direction = 'out' AND " \
	"m.author_id IS NOT NULL"

#define OUTBOX_STATEMENTS(X) \
	X(outbox_chats, ROWS(outbox_chat), (long long now), (I(now)), \
	    "SELECT DISTINCT m.chat_id chat FROM messages m JOIN chats c ON c.id = m.chat_id " \
	    "WHERE " OB_QUEUED_REPLY " AND (c.send_lease IS NULL OR " \
	    "c.send_lease < FROM_UNIXTIME(?)) LIMIT 50") \
	X(outbox_claim, DONE, (long long chat, long long now, long long until), \
	    (I(until), I(chat), I(now)), \
	    "UPDATE chats SET send_lease = FROM_UNIXTIME(?) WHERE id = ? AND " \
	    "(send_lease IS NULL OR send_lease < FROM_UNIXTIME(?))") \
	X(outbox_release, EXEC, (long long chat), (I(chat)), \
	    "UPDATE chats SET send_lease = NULL WHERE id = ?") \
	X(outbox_due, ROWS(outbox_due), (long long chat), (I(chat)), \
	    "SELECT m.id, m.msg_type type, m.body, a.path, a.mime, IFNULL(m.attachment_id, 0) " \
	    "attachment, c.channel_id channel, ch.app_id, ch.app_secret_enc secret, f.openid, " \
	    "f.id follower, m.fields FROM messages m " \
	    "JOIN chats c ON c.id = m.chat_id JOIN channels ch ON ch.id = c.channel_id " \
	    "JOIN followers f ON f.id = c.follower_id " \
	    "LEFT JOIN attachments a ON a.id = m.attachment_id " \
	    "WHERE m.chat_id = ? AND " OB_QUEUED_REPLY " ORDER BY m.id LIMIT 20") \
	X(ob_queued, CUSTOM, (), (), \
	    "SELECT COUNT(*) FROM messages m WHERE " OB_QUEUED_REPLY)
DB_STATEMENTS(OUTBOX_STATEMENTS, db_table_outbox)

long long
db_outbox_queued(struct pool *p)
{
	struct dbres out;

	if (RUN(DBS_ob_queued, p, &out) != DB_OK || out.nrows == 0)
		return -1;
	return db_int(&out, 0, 0);
}
