/* db-hooks.c: the statements of outgoing webhooks (hooks.h). */
#include <stddef.h>

#include "hooks.h"
#include "db-run.h"

#define HOOK_STATEMENTS(X) \
	X(hook_subs, ROWS(hook_sub), (), (), \
	    "SELECT s.id, IFNULL(s.brand_id, 0) brand_id, b.name brand, s.url, s.events, " \
	    "s.enabled, UNIX_TIMESTAMP(s.created_at) created, " \
	    "(SELECT COUNT(*) FROM hook_deliveries d WHERE d.subscription_id = s.id " \
	    "AND d.state = 'pending') pending, " \
	    "(SELECT COUNT(*) FROM hook_deliveries d WHERE d.subscription_id = s.id " \
	    "AND d.state = 'dead') dead, " \
	    "(SELECT COUNT(*) FROM hook_deliveries d WHERE d.subscription_id = s.id " \
	    "AND d.state = 'delivered') delivered " \
	    "FROM hook_subscriptions s LEFT JOIN brands b ON b.id = s.brand_id ORDER BY s.id") \
	X(hook_sub, ROW(hook_sub), (long long id), (I(id)), \
	    "SELECT s.id, IFNULL(s.brand_id, 0) brand_id, b.name brand, s.url, s.events, " \
	    "s.enabled, UNIX_TIMESTAMP(s.created_at) created, 0 pending, 0 dead, 0 delivered " \
	    "FROM hook_subscriptions s LEFT JOIN brands b ON b.id = s.brand_id WHERE s.id = ?") \
	X(hook_sub_add, INSERT, (long long brand, const char *url, const char *secret_enc, \
	    const char *events, long long user, long long now), \
	    (I(brand), S(url), S(secret_enc), S(events), I(user), I(now)), \
	    "INSERT INTO hook_subscriptions (brand_id, url, secret_enc, events, created_by, " \
	    "created_at) VALUES (NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), FROM_UNIXTIME(?))") \
	X(hook_sub_set, EXEC, (long long id, long long brand, const char *url, const char *events, \
	    long long enabled), (I(brand), S(url), S(events), I(enabled), I(id)), \
	    "UPDATE hook_subscriptions SET brand_id = NULLIF(?, 0), url = ?, events = ?, " \
	    "enabled = ? WHERE id = ?") \
	X(hook_sub_delete, DONE, (long long id), (I(id)), \
	    "DELETE FROM hook_subscriptions WHERE id = ?") \
	X(hook_sub_secret, DONE, (long long id, const char *secret_enc), (S(secret_enc), I(id)), \
	    "UPDATE hook_subscriptions SET secret_enc = ? WHERE id = ?") \
	/* due, unleased, and the oldest of its chat's pending ones for its \
	 * subscription (a chat's events keep their order) */ \
	X(hook_due, ROWS(hook_due), (long long now, int limit), (I(now), I(now), I(limit)), \
	    "SELECT d.id FROM hook_deliveries d JOIN hook_subscriptions s ON s.id = " \
	    "d.subscription_id AND s.enabled = 1 WHERE d.state = 'pending' " \
	    "AND d.next_at <= FROM_UNIXTIME(?) AND (d.lease_until IS NULL OR d.lease_until < ?) " \
	    "AND (d.chat_id = 0 OR NOT EXISTS (SELECT 1 FROM hook_deliveries e " \
	    "WHERE e.subscription_id = d.subscription_id AND e.chat_id = d.chat_id " \
	    "AND e.state = 'pending' AND e.id < d.id)) ORDER BY d.id LIMIT ?") \
	X(hook_claim, DONE, (long long id, long long lease, long long now), \
	    (I(lease), I(id), I(now)), \
	    "UPDATE hook_deliveries SET lease_until = ?, attempts = attempts + 1 WHERE id = ? " \
	    "AND state = 'pending' AND (lease_until IS NULL OR lease_until < ?)") \
	X(hook_send, ROW(hook_send), (long long id), (I(id)), \
	    "SELECT d.id, d.attempts, e.id event_id, e.kind, UNIX_TIMESTAMP(e.at) at, e.data, " \
	    "s.url, s.secret_enc FROM hook_deliveries d JOIN hook_events e ON e.id = d.event_id " \
	    "JOIN hook_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?") \
	X(hook_result, DONE, (long long id, long long lease, const char *state, long long next_at, \
	    long long status, const char *error, const char *response, long long now), \
	    (S(state), I(next_at), I(status), S(error), S(response), I(now), S(state), I(now), \
	    I(id), I(lease)), \
	    "UPDATE hook_deliveries SET state = ?, next_at = FROM_UNIXTIME(?), " \
	    "lease_until = NULL, last_status = NULLIF(?, 0), last_error = LEFT(?, 255), " \
	    "last_response = LEFT(?, 1000), last_at = FROM_UNIXTIME(?), " \
	    "delivered_at = IF(? = 'delivered', FROM_UNIXTIME(?), NULL) " \
	    "WHERE id = ? AND lease_until = ?") \
	X(hook_deliveries, ROWS(hook_delivery), (long long sub, const char *state, long long before, \
	    int limit), (I(sub), S(state), S(state), I(before), I(before), I(limit)), \
	    "SELECT d.id, d.event_id, e.kind, d.chat_id, d.state, d.attempts, " \
	    "UNIX_TIMESTAMP(d.next_at) next_at, d.last_status, d.last_error, d.last_response, " \
	    "UNIX_TIMESTAMP(d.last_at) last_at, UNIX_TIMESTAMP(d.created_at) created, e.data " \
	    "FROM hook_deliveries d JOIN hook_events e ON e.id = d.event_id " \
	    "WHERE d.subscription_id = ? AND (? = '' OR d.state = ?) AND (? = 0 OR d.id < ?) " \
	    "ORDER BY d.id DESC LIMIT ?") \
	X(hook_replay, DONE, (long long sub, long long id), (I(id), I(sub)), \
	    "UPDATE hook_deliveries SET state = 'pending', attempts = 0, " \
	    "next_at = '1970-01-01 00:00:01', lease_until = NULL WHERE id = ? " \
	    "AND subscription_id = ? AND state = 'dead'") \
	X(hook_test_event, INSERT, (long long sub, const char *data, long long now), \
	    (I(now), S(data), I(sub)), \
	    "INSERT INTO hook_events (kind, brand_id, chat_id, at, data) SELECT 'test', " \
	    "s.brand_id, 0, FROM_UNIXTIME(?), ? FROM hook_subscriptions s WHERE s.id = ?") \
	X(hook_test_delivery, EXEC, (long long event, long long sub, long long now), \
	    (I(event), I(sub), I(now)), \
	    "INSERT INTO hook_deliveries (event_id, subscription_id, chat_id, next_at, " \
	    "created_at) VALUES (?, ?, 0, '1970-01-01 00:00:01', FROM_UNIXTIME(?))") \
	/* by the database's clock, as the triggers write at (an event with no \
	 * time of its own: NOW()) */ \
	X(hook_purge, EXEC, (int days), (I(days)), \
	    "DELETE e FROM hook_events e WHERE e.at < NOW() - INTERVAL ? DAY AND NOT EXISTS " \
	    "(SELECT 1 FROM hook_deliveries d WHERE d.event_id = e.id AND d.state <> 'delivered')")
DB_STATEMENTS(HOOK_STATEMENTS, db_table_hooks)

struct test_arg {
	long long   sub, now;
	const char *data;
};

static enum dbrc
test_step(struct pool *p, void *arg)
{
	struct test_arg *t = arg;
	long long        event;
	enum dbrc        rc = db_hook_test_event(p, t->sub, t->data, t->now, &event);

	if (rc == DB_OK)
		rc = db_hook_test_delivery(p, event, t->sub, t->now);
	return rc;
}

enum dbrc
db_hook_test(struct pool *p, long long sub, const char *data, long long now)
{
	struct test_arg t = { sub, now, data };

	return db_txn(p, test_step, &t);
}
