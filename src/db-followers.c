/* db-followers.c: the statements of the Followers page (followers.h), in a table of their own. */
#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "db-chat-sql.h"
#include "db-run.h"
#include "followers.h"
#include "search.h"
#include "wx.h"

/* the filters after an account's followers (13 ?s: scene, language, state,
 * from, to, each twice; blocked; tag twice: a lookup of the row's tag, not
 * EXISTS, which MariaDB would answer by reading the tag's every follower) */
#define FL_FILTERS " AND erased = 0 AND (? = '' OR qr_scene = ?) " \
	"AND (? = '' OR language = ?) AND (? = 0 OR subscribed = (? = 1)) " \
	"AND (? = 0 OR subscribed_at >= FROM_UNIXTIME(?)) " \
	"AND (? = 0 OR subscribed_at < FROM_UNIXTIME(?)) AND (? = 0 OR blocked = 1) " \
	"AND (? = 0 OR (SELECT 1 FROM follower_tags t WHERE t.follower_id = followers.id " \
	"AND t.tag_id = ?) IS NOT NULL)"
#define FL_BINDS S, S, S, S, I, I, I, I, I, I, I, I, I
/* a follower's row as the page shows it, with their newest chat */
#define FL_COLS "f.id, f.channel_id, f.openid, " FOLLOWER_NAME("f") " name, f.alias, f.remark, " \
	"f.subscribed, UNIX_TIMESTAMP(f.subscribed_at) subscribed_at, " \
	"UNIX_TIMESTAMP(f.unsubscribed_at) unsubscribed_at, f.subscribe_scene, f.qr_scene, " \
	"f.language, UNIX_TIMESTAMP(c.last_user_msg_at) last_message_at, IFNULL(c.id, 0) chat_id, " \
	"c.state chat_state, f.blocked"
#define FL_CHAT " LEFT JOIN chats c ON c.id = (SELECT MAX(id) FROM chats WHERE follower_id = f.id)"
/* the accounts of the brands user serves (all: every account) */
#define FL_MINE(all, user) "(" all " = 1 OR ch.brand_id IN (SELECT d.brand_id FROM " \
	"department_members m JOIN departments d ON d.id = m.department_id " \
	"WHERE m.user_id = " user "))"

/* a name or an OpenID beginning with the text (a LIKE pattern), or a name
 * holding its words (search_followers: this node's copy, 063), each
 * branch read from its index, newest first; fj joins the followers for
 * the filters fw */
#define FL_FIND(fa, fb, fj, fw) "SELECT " FL_COLS " FROM (SELECT id FROM (SELECT id FROM followers " \
	"FORCE INDEX (ix_followers_name) WHERE channel_id = ? AND shown_name LIKE ? AND id < ?" fa \
	" ORDER BY id DESC LIMIT ?) a UNION SELECT id FROM (SELECT id FROM followers " \
	"FORCE INDEX (uq_followers_openid) WHERE channel_id = ? AND openid LIKE ? AND id < ? AND " \
	"erased = 0" fb " ORDER BY id DESC LIMIT ?) b UNION SELECT id FROM (SELECT s.id FROM " \
	"search_followers s" fj " WHERE s.channel_id = ? AND MATCH(s.names) AGAINST(? IN BOOLEAN " \
	"MODE) AND s.id < ?" fw " ORDER BY s.id DESC LIMIT ?) w ORDER BY id DESC LIMIT ?) x " \
	"JOIN followers f ON f.id = x.id" FL_CHAT " ORDER BY f.id DESC"

#define FOLLOWERS_STATEMENTS(X) \
	X(follower_channels, ROWS(follower_channel), (long long user, int all), \
	    (I((long long)all), I(user)), \
	    "SELECT ch.id, b.name FROM channels ch JOIN brands b ON b.id = ch.brand_id " \
	    "WHERE ch.state IN ('active', 'disabled') AND " FL_MINE("?", "?") \
	    " ORDER BY b.name, ch.id") \
	/* newest first: the account's index by id */ \
	X(fl_list, CUSTOM_ROWS(follower), (), (I, I, FL_BINDS, I), \
	    "SELECT " FL_COLS " FROM (SELECT id FROM followers FORCE INDEX (ix_followers_list) " \
	    "WHERE channel_id = ? AND id < ?" FL_FILTERS " ORDER BY id DESC LIMIT ?) x " \
	    "JOIN followers f ON f.id = x.id" FL_CHAT " ORDER BY f.id DESC") \
	/* a tag's followers: the tag's index, newest first (read first: its order is \
	 * the page's) */ \
	X(fl_tagged, CUSTOM_ROWS(follower), (), (I, I, I, FL_BINDS, I), \
	    "SELECT " FL_COLS " FROM (SELECT STRAIGHT_JOIN followers.id FROM follower_tags ft FORCE INDEX " \
	    "(ix_follower_tags_tag) JOIN followers ON followers.id = ft.follower_id WHERE " \
	    "ft.tag_id = ? AND ft.follower_id < ? AND followers.channel_id = ?" FL_FILTERS \
	    " ORDER BY ft.follower_id DESC LIMIT ?) x JOIN followers f ON f.id = x.id" FL_CHAT \
	    " ORDER BY f.id DESC") \
	/* the blacklist: the account's index of it, newest first */ \
	X(fl_blocked, CUSTOM_ROWS(follower), (), (I, I, FL_BINDS, I), \
	    "SELECT " FL_COLS " FROM (SELECT id FROM followers FORCE INDEX (ix_followers_blocked) " \
	    "WHERE channel_id = ? AND blocked = 1 AND id < ?" FL_FILTERS " ORDER BY id DESC " \
	    "LIMIT ?) x JOIN followers f ON f.id = x.id" FL_CHAT " ORDER BY f.id DESC") \
	/* followed in [?, ?) (UTC, as text): the account's index by follow time, \
	 * its range's newest first */ \
	X(fl_since, CUSTOM_ROWS(follower), (), (I, S, S, I, FL_BINDS, I), \
	    "SELECT " FL_COLS " FROM (SELECT id FROM followers FORCE INDEX (ix_followers_since) " \
	    "WHERE channel_id = ? AND subscribed_at >= ? AND subscribed_at < ? AND id < ?" \
	    FL_FILTERS " ORDER BY id DESC LIMIT ?) x JOIN followers f ON f.id = x.id" FL_CHAT \
	    " ORDER BY f.id DESC") \
	/* FL_FIND; with no filter, the names' indexes alone (an erased \
	 * follower has no name) */ \
	X(fl_find, CUSTOM_ROWS(follower), (), (I, S, I, I, I, S, I, I, I, S, I, I, I), \
	    FL_FIND("", "", "", "")) \
	X(fl_find_filtered, CUSTOM_ROWS(follower), (), (I, S, I, FL_BINDS, I, I, S, I, FL_BINDS, \
	    I, I, S, I, FL_BINDS, I, I), \
	    FL_FIND(FL_FILTERS, FL_FILTERS, " JOIN followers ON followers.id = s.id", FL_FILTERS)) \
	/* what WeChat lets the team send the follower now: their open chat's \
	 * window (the latest action's, WX_SQL_EVENT) and its count, and their \
	 * held replies (chat.h) */ \
	X(follower_ledger, ROW(follower_ledger), (long long follower), (I(follower), I(follower)), \
	    "SELECT IFNULL(UNIX_TIMESTAMP(c.last_user_msg_at), 0) last_in, IF(c.id IS NULL, 0, " \
	    WX_SQL_GRANT("c.") ") grant_at, " \
	    "IFNULL(c.consecutive_out, 0) outs, IFNULL(c.id, 0) chat, (SELECT COUNT(*) " \
	    "FROM messages m WHERE m.follower_id = ? AND m.delivery_state = 'held' AND " \
	    "m.send_at IS NULL) held " \
	    "FROM (SELECT 1 one) x LEFT JOIN chats c ON c.open_follower = ?") \
	X(follower_get, ROW(follower), (long long id, long long user, int all), (I(id), \
	    I((long long)all), I(user)), \
	    "SELECT " FL_COLS " FROM followers f JOIN channels ch ON ch.id = f.channel_id" FL_CHAT \
	    " WHERE f.id = ? AND f.erased = 0 AND ch.state IN ('active', 'disabled') AND " \
	    FL_MINE("?", "?"))
DB_STATEMENTS(FOLLOWERS_STATEMENTS, db_table_followers)

#define FL_ARGS(f) S((f)->scene), S((f)->scene), \
	S((f)->language), S((f)->language), I((long long)(f)->state), I((long long)(f)->state), \
	I((long long)(f)->from), I((long long)(f)->from), I((long long)(f)->to), \
	I((long long)(f)->to), I((long long)(f)->blocked), I((f)->tag), I((f)->tag)

/* a time as the UTC date and time MariaDB compares with a DATETIME, or none */
static const char *
day_text(struct pool *p, time_t t, const char *none)
{
	struct tm tm;
	char      out[20];

	if (t == 0)
		return none;
	gmtime_r(&t, &tm);
	strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &tm);
	return pool_strdup(p, out);
}

enum dbrc
db_followers_list(struct pool *p, const struct follower_filter *f, struct follower **rows,
    size_t *n)
{
	struct dbres res;
	enum dbrc    rc;
	/* (an id range the index reads: none asked, every id) */
	long long    before = f->before > 0 ? f->before : LLONG_MAX;
	int          filtered = *f->scene || *f->language || f->state || f->from || f->to ||
	    f->blocked || f->tag;
	const char  *like = f->q && *f->q ? db_like(p, f->q, 0) : "";
	/* (nothing searchable as words: a query no name holds) */
	const char  *words = f->q && *f->q ? search_query(p, f->q) : NULL;

	if ((f->q == NULL || *f->q == '\0') && f->tag)
		rc = RUN(DBS_fl_tagged, p, &res, I(f->tag), I(before), I(f->channel), FL_ARGS(f),
		    I(f->limit));
	else if ((f->q == NULL || *f->q == '\0') && f->blocked)
		rc = RUN(DBS_fl_blocked, p, &res, I(f->channel), I(before), FL_ARGS(f), I(f->limit));
	else if ((f->q == NULL || *f->q == '\0') && (f->from || f->to))
		rc = RUN(DBS_fl_since, p, &res, I(f->channel), S(day_text(p, f->from, "1000-01-01")),
		    S(day_text(p, f->to, "9999-12-31")), I(before), FL_ARGS(f), I(f->limit));
	else if (f->q == NULL || *f->q == '\0')
		rc = RUN(DBS_fl_list, p, &res, I(f->channel), I(before), FL_ARGS(f), I(f->limit));
	else if (!filtered)
		rc = RUN(DBS_fl_find, p, &res, I(f->channel), S(like), I(before), I(f->limit),
		    I(f->channel), S(like), I(before), I(f->limit), I(f->channel), S(words),
		    I(before), I(f->limit), I(f->limit));
	else
		rc = RUN(DBS_fl_find_filtered, p, &res, I(f->channel), S(like), I(before), FL_ARGS(f),
		    I(f->limit), I(f->channel), S(like), I(before), FL_ARGS(f), I(f->limit),
		    I(f->channel), S(words), I(before), FL_ARGS(f), I(f->limit), I(f->limit));
	return DB_AS_ROWS(p, rc, &res, rows, n, follower_fill);
}
