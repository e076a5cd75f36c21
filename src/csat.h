/*
 * csat.h: satisfaction ratings. When a chat an operator answered (a reply
 * of theirs WeChat accepted; the message a chat is closed with, a pick-up
 * alone, the bot's replies and wxdesk's own texts are no answer) closes
 * (by the operator, or idle), the worker asks the follower to rate it with
 * a digit 1-5, as a customer-service message: only when WeChat's
 * 5-message allowance and the 48-hour window leave room; else the question
 * is skipped and the transcript says so, as it is when WeChat does not
 * accept the question. The follower's digit within the account's hours is
 * the rating: stored in the closed chat, answered with thanks as a passive
 * reply, and no new chat is opened.
 */
#ifndef WXDESK_CSAT_H
#define WXDESK_CSAT_H

#include "db.h"

/* the rating in text ("4", " 5 ", "５"), or 0 when it is not one */
int  csat_digit(const char *text);

/* ---- the statements (db-csat.c) ---- */
enum dbrc db_csat_mark(struct pool *p, long long since);
/* columns of db_csat_due */
enum { CD_CHAT, CD_CHANNEL, CD_FOLLOWER, CD_OPENID, CD_QUESTION, CD_APPID, CD_SECRET, CD_LANG };
enum dbrc db_csat_due(struct pool *p, struct dbres *out);
enum dbrc db_csat_claim(struct pool *p, long long chat, long long now, long long window_start);
enum dbrc db_csat_skip(struct pool *p, long long chat);
/* a question WeChat did not accept: skipped, not asked */
enum dbrc db_csat_unask(struct pool *p, long long chat);
/* columns of db_csat_open: the follower's chat asked for a rating within the hours */
enum { CO_CHAT, CO_LANG };
enum dbrc db_csat_open(struct pool *p, long long follower, long long now, struct dbres *out);
enum dbrc db_csat_rate(struct pool *p, long long chat, int rating);
/* columns of db_csat_settings */
enum { CS_ENABLED, CS_QUESTION, CS_HOURS };
enum dbrc db_csat_settings(struct pool *p, long long channel, struct dbres *out);
enum dbrc db_csat_settings_set(struct pool *p, long long channel, int enabled,
	const char *question, long long hours);
/*
 * The chats closed in [f->from, f->to) that were asked (the question
 * reached the follower) and rated, of f's brand, channel, department and
 * operator (0: any), by day in f->zone (by 0), operator (1) or department
 * (2). Columns: bucket name asked rated avg.
 */
enum { CR_BUCKET, CR_NAME, CR_ASKED, CR_RATED, CR_AVG };
enum dbrc db_csat_report(struct pool *p, int by, const struct report_filter *f,
	struct dbres *out);

#endif
