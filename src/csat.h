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
#include "console.h"
#include "reports.h"

/* the rating in text ("4", " 5 ", "５"), or 0 when it is not one */
int  csat_digit(const char *text);

/* ---- the statements (db-csat.c) ---- */
enum dbrc db_csat_mark(struct pool *p, long long since);
/* a closed chat whose follower is to be asked (secret: the App Secret as stored) */
#define CSAT_DUE(C) C(INT, chat) C(INT, channel) C(INT, follower) C(STR, openid) \
	C(STR, question) C(STR, app_id) C(STR, secret) C(STR, lang)
DB_ROW(csat_due, CSAT_DUE)
enum dbrc db_csat_due(struct pool *p, struct csat_due **rows, size_t *n);
enum dbrc db_csat_claim(struct pool *p, long long chat, long long now, long long window_start);
enum dbrc db_csat_skip(struct pool *p, long long chat);
/* a question WeChat did not accept: skipped, not asked */
enum dbrc db_csat_unask(struct pool *p, long long chat);
/* the follower's chat asked for a rating within the hours (DB_NOTFOUND: none) */
#define CSAT_OPEN(C) C(INT, chat) C(STR, lang)
DB_ROW(csat_open, CSAT_OPEN)
enum dbrc db_csat_open(struct pool *p, long long follower, long long now, struct csat_open *row);
enum dbrc db_csat_rate(struct pool *p, long long chat, int rating);
/* an account's settings (DB_NOTFOUND: none) */
#define CSAT_SETTINGS(C) C(INT, enabled) C(STR, question) C(INT, hours)
DB_ROW(csat_settings, CSAT_SETTINGS)
enum dbrc db_csat_settings(struct pool *p, long long channel, struct csat_settings *row);
enum dbrc db_csat_settings_set(struct pool *p, long long channel, int enabled,
	const char *question, long long hours);
/*
 * The chats closed in [f->from, f->to) that were asked (the question
 * reached the follower) and rated, of f's brand, channel, department and
 * operator (0: any), by day in f->zone (by 0), operator (1) or department
 * (2): the bucket (the day, or the id), its name, how many asked and
 * rated, the average (NULL: none rated).
 */
#define CSAT_FIGURES(C) C(STR, bucket) C(STR, name) C(INT, asked) C(INT, rated) C(STR, avg)
DB_ROW(csat_figures, CSAT_FIGURES)
enum dbrc db_csat_report(struct pool *p, int by, const struct report_filter *f,
	struct csat_figures **rows, size_t *n);

#endif
