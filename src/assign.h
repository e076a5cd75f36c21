/*
 * assign.h: operator presence and chat assignment (the offers of waiting chats).
 *
 * An operator is available, busy (signed in, takes no new chats) or away.
 * A department routes its waiting chats one of three ways: everyone sees the
 * queue and one picks up; round robin; least busy. In the last two the
 * worker offers each waiting chat, oldest first, to one available member
 * below their limit; the console rings; the operator accepts (a pick-up) or
 * declines, and an offer not answered in time passes to the next member.
 * The statements are in db-assign.c; the rules in assign.c.
 */
#ifndef WXDESK_ASSIGN_H
#define WXDESK_ASSIGN_H

#include "db.h"
#include "reports.h"

/* ---- the rules (assign.c) ---- */

/* presence names, in the order of the console's choice */
extern const char *const presence_names[3];
int  presence_valid(const char *s);
int  presence_index(const char *s);	/* 0 available, 1 busy, 2 away, -1 */
/* sets a user's presence and records the change; 0, or -1 */
int  presence_change(struct pool *p, long long user, const char *presence, const char *why);
/* form checks: a routing mode, a chat limit (1-50), an offer's seconds (10-600) */
const char *v_routing(const char *v);
const char *v_chat_limit(const char *v);
const char *v_offer_seconds(const char *v);
/*
 * Seconds without a heartbeat from any of an operator's pages after which
 * they are offered nothing and count as away (idle) until the next one
 * (Presence.AwaySeconds, 15; at least 10). Pages beat every
 * PRESENCE_BEAT s; a page closed or hidden says so, and the operator
 * lapses PRESENCE_GRACE s later unless another of their pages beats.
 */
long long presence_away_after(void);
#define PRESENCE_BEAT 5
#define PRESENCE_GRACE 6
/* a heartbeat (gone: the page's last words) of user's; 0, or -1 */
int  presence_beat(struct pool *p, const struct user *u, int gone);
/* the operator's own choice on the console: the presence set and recorded,
 * and a heartbeat, in one transaction; 0, or -1 */
int  presence_choose(struct pool *p, const struct user *u, const char *presence);
/* one routing pass: idle operators away, offers timed out, waiting chats
 * offered; returns the offers made, or -1 */
int  assign_tick(struct pool *p);
/* the worker's job: assign_tick, and the minute's load sample */
void job_assign(struct pool *p);

/* ---- the statements (db-assign.c) ---- */

enum dbrc db_presence_set(struct pool *p, long long user, const char *presence,
	const char *why, long long now);
/* a heartbeat of one of the user's pages */
enum dbrc db_presence_seen(struct pool *p, long long user, long long now);
/* a page's last words: its heartbeat lapses at lapse_at unless another beats */
enum dbrc db_presence_gone(struct pool *p, long long user, long long lapse_at);
/* idle no more (a heartbeat): the chosen status holds again; DB_NOTFOUND when not idle */
enum dbrc db_presence_back(struct pool *p, long long user, long long now);
/* columns of db_idle_users */
#define IDLE_USERS_ROW(C) C(INT, id)
DB_ROW(idle_users, IDLE_USERS_ROW)
enum dbrc db_idle_users(struct pool *p, long long cutoff, struct idle_users **rows, size_t *n);
enum dbrc db_idle_away(struct pool *p, long long user, long long cutoff, long long now);
/* columns of db_offers_expired */
#define OFFERS_EXPIRED_ROW(C) C(INT, id) C(INT, offer_user_id)
DB_ROW(offers_expired, OFFERS_EXPIRED_ROW)
enum dbrc db_offers_expired(struct pool *p, long long now, struct offers_expired **rows, size_t *n);
enum dbrc db_offer_expire(struct pool *p, long long chat, long long user, long long now);
/* columns of db_offers_lapsed: as db_offers_expired (offers to someone no
 * page of whose beat since cutoff, and whom WeChat cannot reach: alerts.h) */
enum dbrc db_offers_lapsed(struct pool *p, long long cutoff, long long now,
	struct offers_expired **rows, size_t *n);
enum dbrc db_offer_lapse(struct pool *p, long long chat, long long user, long long cutoff,
	long long now);
enum dbrc db_offer_decline(struct pool *p, long long chat, long long user, long long now);
/* user handed chat on (a transfer): not offered it again while it waits in dept */
enum dbrc db_offer_handed_on(struct pool *p, long long chat, long long user, long long dept,
	long long now);
enum dbrc db_offers_settle(struct pool *p, long long chat, long long user, long long now);
enum dbrc db_offers_sweep(struct pool *p, long long now);
/* columns of db_route_queue */
#define ROUTE_QUEUE_ROW(C) C(INT, id) C(INT, department_id)
DB_ROW(route_queue, ROUTE_QUEUE_ROW)
enum dbrc db_route_queue(struct pool *p, struct route_queue **rows, size_t *n);
enum dbrc db_route_dept_hold(struct pool *p, long long dept);
/* columns of db_route_candidate */
#define ROUTE_CANDIDATE_ROW(C) C(INT, user_id) C(INT, offer_seconds) C(INT, lim)
DB_ROW(route_candidate, ROUTE_CANDIDATE_ROW)
/* (a member whose page beat since seen_after, else one WeChat can reach now: alerts.h) */
enum dbrc db_route_candidate(struct pool *p, long long dept, long long chat,
	long long seen_after, long long now, struct route_candidate *row);
enum dbrc db_route_user_hold(struct pool *p, long long user);
long long db_route_hand(struct pool *p, long long user);
enum dbrc db_route_offer(struct pool *p, long long chat, long long dept, long long user,
	long long until, long long now);
/* columns of db_my_offer */
#define MY_OFFER_ROW(C) C(INT, id) C(INT, until) C(STR, follower) C(STR, name) \
	C(INT, waiting)
DB_ROW(my_offer, MY_OFFER_ROW)
enum dbrc db_my_offer(struct pool *p, long long user, long long now, struct my_offer *row);
enum dbrc db_offer_to_user(struct pool *p, long long chat, long long user, long long dept,
	long long now);
/* columns of db_board_depts */
/* (the queue: chats waiting or missed, the longest wait's start, of them
 * missed, and of them being offered now) */
#define BOARD_DEPTS_ROW(C) C(INT, id) C(STR, name) C(STR, brand) C(STR, routing) \
	C(INT, waiting) C(INT, oldest) C(INT, missed) C(INT, offered)
DB_ROW(board_depts, BOARD_DEPTS_ROW)
/* the departments of member's (0: all), of brand (0: any) */
enum dbrc db_board_depts(struct pool *p, long long member, long long brand, long long limit,
	long long offset, struct board_depts **rows, size_t *n);
long long db_board_dept_count(struct pool *p, long long member, long long brand);
/* columns of db_board_members */
#define BOARD_MEMBERS_ROW(C) C(INT, id) C(STR, name) C(STR, presence) C(INT, since) \
	C(INT, seen) C(INT, idle) C(INT, active) C(INT, offered) C(INT, chat_limit)
DB_ROW(board_members, BOARD_MEMBERS_ROW)
enum dbrc db_board_members(struct pool *p, long long dept, struct board_members **rows, size_t *n);
enum dbrc db_load_sample(struct pool *p, long long minute);
/* a department's routing: mode, chat limit (0: each operator's own), seconds
 * to accept; and when its followers are offered to leave a message (tell.h):
 * minutes with nobody available, chats waiting (0 keeps either) */
enum dbrc db_dept_routing_set(struct pool *p, long long dept, const char *routing,
	long long limit, long long seconds, long long leave_after, long long queue_limit);
/* columns of db_dept_routing */
#define DEPT_ROUTING_ROW(C) C(STR, routing) C(INT, chat_limit) C(INT, offer_seconds) \
	C(INT, leave_after_minutes) C(INT, queue_limit)
DB_ROW(dept_routing, DEPT_ROUTING_ROW)
enum dbrc db_dept_routing(struct pool *p, long long dept, struct dept_routing *row);
enum dbrc db_user_chat_limit_set(struct pool *p, long long user, long long limit);
long long db_user_chat_limit(struct pool *p, long long user);
/*
 * The presence report, under a report's filters (f: zone, [from, to),
 * brand, channel, department, operator). Status and chats in hand are the
 * people's who serve the brand, account or department (members of its
 * departments); offers those of its chats; the queue its own.
 */
/* columns of db_rep_presence: user presence start end (local times), up to to */
#define REP_PRESENCE_ROW(C) C(INT, user_id) C(STR, presence) C(STR, start) C(STR, end)
DB_ROW(rep_presence, REP_PRESENCE_ROW)
enum dbrc db_rep_presence(struct pool *p, const struct report_filter *f, long long to,
	struct rep_presence **rows, size_t *n);
/* columns of db_rep_offers */
#define REP_OFFERS_ROW(C) C(INT, user_id) C(STR, day) C(INT, accepted) C(INT, declined) \
	C(INT, timeout) C(INT, other)
DB_ROW(rep_offers, REP_OFFERS_ROW)
enum dbrc db_rep_offers(struct pool *p, const struct report_filter *f, struct rep_offers **rows, size_t *n);
/* columns of db_rep_hand */
#define REP_HAND_ROW(C) C(INT, user_id) C(STR, day) C(STR, avg) C(STR, max)
DB_ROW(rep_hand, REP_HAND_ROW)
enum dbrc db_rep_hand(struct pool *p, const struct report_filter *f, struct rep_hand **rows, size_t *n);
/* columns of db_rep_queue */
#define REP_QUEUE_ROW(C) C(INT, hour) C(STR, avg) C(INT, maxwait) C(INT, avgwait)
DB_ROW(rep_queue, REP_QUEUE_ROW)
enum dbrc db_rep_queue(struct pool *p, const struct report_filter *f, struct rep_queue **rows, size_t *n);

#endif
