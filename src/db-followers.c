/* db-followers.c: the statements of the Followers page (followers.h), in a table of their own. */
#include <stddef.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "followers.h"

/* the filters after an account's followers (12 ?s: before, scene, language,
 * state, from, to; each twice) */
#define FL_FILTERS " AND erased = 0 AND (? = 0 OR id < ?) AND (? = '' OR qr_scene = ?) " \
	"AND (? = '' OR language = ?) AND (? = 0 OR subscribed = (? = 1)) " \
	"AND (? = 0 OR subscribed_at >= FROM_UNIXTIME(?)) " \
	"AND (? = 0 OR subscribed_at < FROM_UNIXTIME(?))"
#define FL_BINDS I, I, S, S, S, S, I, I, I, I, I, I
/* a follower's row as the page shows it, with their newest chat */
#define FL_COLS "f.id, f.channel_id, f.openid, " FOLLOWER_NAME("f") " name, f.alias, f.remark, " \
	"f.subscribed, UNIX_TIMESTAMP(f.subscribed_at) subscribed_at, " \
	"UNIX_TIMESTAMP(f.unsubscribed_at) unsubscribed_at, f.subscribe_scene, f.qr_scene, " \
	"f.language, UNIX_TIMESTAMP(c.last_user_msg_at) last_message_at, IFNULL(c.id, 0) chat_id, " \
	"c.state chat_state"
#define FL_CHAT " LEFT JOIN chats c ON c.id = (SELECT MAX(id) FROM chats WHERE follower_id = f.id)"
/* the accounts of the brands user serves (all: every account) */
#define FL_MINE(all, user) "(" all " = 1 OR ch.brand_id IN (SELECT d.brand_id FROM " \
	"department_members m JOIN departments d ON d.id = m.department_id " \
	"WHERE m.user_id = " user "))"

#define FOLLOWERS_STATEMENTS(X) \
	X(follower_channels, ROWS(follower_channel), (long long user, int all), \
	    (I((long long)all), I(user)), \
	    "SELECT ch.id, b.name FROM channels ch JOIN brands b ON b.id = ch.brand_id " \
	    "WHERE ch.state IN ('active', 'disabled') AND " FL_MINE("?", "?") \
	    " ORDER BY b.name, ch.id") \
	/* newest first: the account's index by id */ \
	X(fl_list, CUSTOM_ROWS(follower), (), (I, FL_BINDS, I), \
	    "SELECT " FL_COLS " FROM (SELECT id FROM followers USE INDEX (ix_followers_list) " \
	    "WHERE channel_id = ?" FL_FILTERS " ORDER BY id DESC LIMIT ?) x " \
	    "JOIN followers f ON f.id = x.id" FL_CHAT " ORDER BY f.id DESC") \
	/* a name or an OpenID beginning with ?: a range of either index, each \
	 * page's newest first */ \
	X(fl_find, CUSTOM_ROWS(follower), (), (I, S, FL_BINDS, I, I, S, FL_BINDS, I, I), \
	    "SELECT " FL_COLS " FROM (SELECT id FROM (SELECT id FROM followers " \
	    "USE INDEX (ix_followers_name) WHERE channel_id = ? AND shown_name LIKE ?" FL_FILTERS \
	    " ORDER BY id DESC LIMIT ?) a UNION SELECT id FROM (SELECT id FROM followers " \
	    "USE INDEX (uq_followers_openid) WHERE channel_id = ? AND openid LIKE ?" FL_FILTERS \
	    " ORDER BY id DESC LIMIT ?) b ORDER BY id DESC LIMIT ?) x " \
	    "JOIN followers f ON f.id = x.id" FL_CHAT " ORDER BY f.id DESC") \
	X(follower_get, ROW(follower), (long long id, long long user, int all), (I(id), \
	    I((long long)all), I(user)), \
	    "SELECT " FL_COLS " FROM followers f JOIN channels ch ON ch.id = f.channel_id" FL_CHAT \
	    " WHERE f.id = ? AND f.erased = 0 AND " FL_MINE("?", "?"))
DB_STATEMENTS(FOLLOWERS_STATEMENTS, db_table_followers)

#define FL_ARGS(f) I((f)->before), I((f)->before), S((f)->scene), S((f)->scene), \
	S((f)->language), S((f)->language), I((long long)(f)->state), I((long long)(f)->state), \
	I((long long)(f)->from), I((long long)(f)->from), I((long long)(f)->to), \
	I((long long)(f)->to)

enum dbrc
db_followers_list(struct pool *p, const struct follower_filter *f, struct follower **rows,
    size_t *n)
{
	struct dbres res;
	enum dbrc    rc;

	if (f->q == NULL || *f->q == '\0')
		rc = RUN(DBS_fl_list, p, &res, I(f->channel), FL_ARGS(f), I(f->limit));
	else {
		const char *like = db_like(p, f->q, 0);
		rc = RUN(DBS_fl_find, p, &res, I(f->channel), S(like), FL_ARGS(f), I(f->limit),
		    I(f->channel), S(like), FL_ARGS(f), I(f->limit), I(f->limit));
	}
	return DB_AS_ROWS(p, rc, &res, rows, n, follower_fill);
}
