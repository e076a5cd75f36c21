/* console.h: what the console reads and changes (db-console.c, db-chats.c): the lists, a chat, its transcript, replies, timers, profanity, canned responses. */
#ifndef WXDESK_CONSOLE_H
#define WXDESK_CONSOLE_H

#include "db.h"

/* the console */
struct console_query {
	const char *state;
	const char *hits;	/* a search's chats, best first (a JSON array of ids), or NULL: all */
	long long   user, from, to, limit, offset;	/* from/to: start times */
	int         all, mine, others;
};
/* columns of db_console_list */
#define CONSOLE_LIST_ROW(C) C(INT, id) C(STR, state) C(STR, follower) C(STR, department) \
	C(INT, started) C(INT, last_in) C(INT, outs) C(INT, grant_at) C(STR, operator) \
	C(STR, last_words) C(STR, brand) \
	C(STR, close_reason) C(INT, closed) C(INT, unread)
DB_ROW(console_list, CONSOLE_LIST_ROW)
/* the newest message of a chat a staff member has seen (chat_reads) */
enum dbrc db_chat_seen(struct pool *p, long long user, long long chat, long long seen_id);
/* the user's active chats with follower messages the user has not seen, or -1 */
long long db_console_unread_mine(struct pool *p, long long user);
enum dbrc db_console_list(struct pool *p, const struct console_query *q, struct console_list **rows, size_t *n);
/* columns of db_console_name_chats */
#define CONSOLE_NAME_CHAT_ROW(C) C(INT, id)
DB_ROW(console_name_chat, CONSOLE_NAME_CHAT_ROW)
enum dbrc db_console_name_chats(struct pool *p, const char *like, const char *words, int limit,
	struct console_name_chat **rows, size_t *n);
/* columns of db_console_counts */
#define CONSOLE_COUNTS_ROW(C) C(STR, state) C(INT, mine) C(INT, total)
DB_ROW(console_count, CONSOLE_COUNTS_ROW)
enum dbrc db_console_counts(struct pool *p, long long user, int all, struct console_count **rows, size_t *n);
/* columns of db_console_mark (db-chat-sql.h, CONSOLE_MARK_COLS) */
#define CONSOLE_MARK_ROW(C) C(INT, top) C(INT, messages_recent) C(INT, chats) \
	C(INT, sending) C(INT, waiting) C(INT, offer)
DB_ROW(console_mark, CONSOLE_MARK_ROW)
enum dbrc db_console_mark(struct pool *p, long long user, long long now, struct console_mark *row);
/* columns of db_console_chat */
#define CONSOLE_CHAT_ROW(C) C(INT, id) C(STR, state) C(INT, channel_id) C(INT, follower_id) \
	C(INT, department_id) C(INT, operator_id) C(INT, started) C(INT, last_in) C(INT, outs) \
	C(INT, grant_at) C(STR, close_reason) C(STR, openid) C(STR, alias) C(STR, remark) C(STR, department) C(STR, operator) \
	C(STR, app_id) C(STR, app_secret_enc) C(STR, brand) C(INT, closed) C(INT, subscribed) \
	C(STR, language) C(INT, subat) C(STR, subscribe_scene) C(STR, qr_scene) \
	C(INT, previous_chat_id) C(INT, brand_id) C(STR, closed_by) C(INT, offer_user_id) \
	C(STR, offered_to) C(INT, offeruntil) C(STR, routing) C(INT, after_hours) C(INT, followup) \
	C(STR, topic) C(STR, summary) C(INT, held_days) C(INT, other_open)
DB_ROW(console_chat, CONSOLE_CHAT_ROW)
enum dbrc db_console_chat(struct pool *p, long long id, struct console_chat *row);
int       db_console_member(struct pool *p, long long user, long long dept);
/* columns of db_transcript */
#define TRANSCRIPT_ROW(C) C(INT, id) C(STR, direction) C(STR, msg_type) C(STR, event) \
	C(STR, event_key) C(STR, body) C(STR, fields) C(STR, media_state) C(INT, attachment_id) \
	C(STR, mime) C(STR, delivery_state) C(INT, wx_errcode) C(STR, author) C(INT, at) \
	C(STR, result) C(INT, send_at)
DB_ROW(transcript, TRANSCRIPT_ROW)
/* a chat's messages, newest first: at most limit, with ids below before (0:
 * any) and from from on (the index on (chat_id, id) reads just those) */
enum dbrc db_transcript(struct pool *p, long long chat, long long before, long long from,
	int limit, struct transcript **rows, size_t *n);
/* the follower's messages outside any chat (a follow, the welcome) in the two
 * days up to started, at most 10, newest first */
enum dbrc db_transcript_before(struct pool *p, long long follower, long long started,
	struct transcript **rows, size_t *n);
enum dbrc db_chat_pickup(struct pool *p, long long chat, long long user);
enum dbrc db_out_claim(struct pool *p, long long chat, long long user, time_t window_start);
enum dbrc db_out_unclaim(struct pool *p, long long chat);
enum dbrc db_out_result(struct pool *p, long long msg, const char *state, long long errcode);
/* columns of db_out_get */
#define OUT_GET_ROW(C) C(INT, id) C(STR, body) C(STR, delivery_state) C(STR, msg_type) \
	C(STR, path) C(STR, mime)
DB_ROW(out_get, OUT_GET_ROW)
enum dbrc db_out_get(struct pool *p, long long msg, long long chat, struct out_get *row);
/* columns of db_media_of_message */
#define MEDIA_OF_MESSAGE_ROW(C) C(INT, chat_id) C(STR, path) C(STR, mime) C(INT, size)
DB_ROW(media_of_message, MEDIA_OF_MESSAGE_ROW)
enum dbrc db_media_of_message(struct pool *p, long long msg, struct media_of_message *row);
/* columns of db_transfer_targets */
/* (a colleague's presence, last heartbeat, chats in hand and limit; NULL for a department) */
#define TRANSFER_TARGETS_ROW(C) C(STR, kind) C(INT, id) C(STR, name) C(STR, presence) \
	C(INT, seen) C(INT, hand) C(INT, chat_limit)
DB_ROW(transfer_targets, TRANSFER_TARGETS_ROW)
enum dbrc db_transfer_targets(struct pool *p, long long chat, struct transfer_targets **rows, size_t *n);
/* to a department (its queue), or to a colleague (theirs, while their
 * browser was there since seen_after); DB_NOTFOUND when it did not happen */
enum dbrc db_chat_transfer(struct pool *p, long long chat, int to_user, long long target,
	long long seen_after);
long long db_chat_last_of(struct pool *p, long long follower);
/* columns of db_timer_channels */
#define TIMER_CHANNELS_ROW(C) C(INT, channel_id) C(INT, missed_after_minutes) \
	C(INT, missed_close_minutes) C(INT, idle) C(INT, bot_enabled)
DB_ROW(timer_channels, TIMER_CHANNELS_ROW)
enum dbrc db_timer_channels(struct pool *p, struct timer_channels **rows, size_t *n);
/* columns of db_timer_due */
#define TIMER_DUE_ROW(C) C(INT, id) C(INT, follower_id)
DB_ROW(timer_due, TIMER_DUE_ROW)
enum dbrc db_timer_due(struct pool *p, const char *state, long long channel, time_t since,
	struct timer_due **rows, size_t *n);
enum dbrc db_timer_fire(struct pool *p, const char *state, long long chat, time_t since,
	time_t now);
/* columns of db_prof_settings_get */
#define PROF_SETTINGS_GET_ROW(C) C(INT, enabled) C(INT, word_limit) C(STR, warning)
DB_ROW(prof_settings_get, PROF_SETTINGS_GET_ROW)
enum dbrc db_prof_settings_get(struct pool *p, long long brand, struct prof_settings_get **rows, size_t *n);
enum dbrc db_prof_settings_set(struct pool *p, long long brand, int enabled, long long limit,
	const char *warning);
/* columns of db_prof_words */
#define PROF_WORDS_ROW(C) C(INT, id) C(STR, word)
DB_ROW(prof_words, PROF_WORDS_ROW)
enum dbrc db_prof_words(struct pool *p, long long brand, struct prof_words **rows, size_t *n);
enum dbrc db_prof_word_add(struct pool *p, long long brand, const char *word);
enum dbrc db_prof_word_delete(struct pool *p, long long id, long long brand);
/* columns of db_prof_for_channel */
#define PROF_FOR_CHANNEL_ROW(C) C(INT, word_limit) C(STR, warning) C(STR, word)
DB_ROW(prof_for_channel, PROF_FOR_CHANNEL_ROW)
enum dbrc db_prof_for_channel(struct pool *p, long long channel, struct prof_for_channel **rows, size_t *n);
enum dbrc db_chat_abuse(struct pool *p, long long chat, long long n, long long *total);
enum dbrc db_chat_warn_due(struct pool *p, long long chat);
/* columns of db_warn_due_list */
#define WARN_DUE_LIST_ROW(C) C(INT, id) C(INT, channel_id) C(INT, follower_id) \
	C(STR, openid) C(STR, warning) C(STR, app_id) C(STR, app_secret_enc)
DB_ROW(warn_due_list, WARN_DUE_LIST_ROW)
enum dbrc db_warn_due_list(struct pool *p, struct warn_due_list **rows, size_t *n);
enum dbrc db_warn_claim(struct pool *p, long long chat, time_t window_start);
enum dbrc db_warn_done(struct pool *p, long long chat, const char *state);
/* columns of db_follower_chats */
#define FOLLOWER_CHATS_ROW(C) C(INT, id) C(STR, state) C(INT, started) C(STR, close_reason)
DB_ROW(follower_chats, FOLLOWER_CHATS_ROW)
enum dbrc db_follower_chats(struct pool *p, long long follower, long long except,
	struct follower_chats **rows, size_t *n);
/* columns of db_canned_list */
#define CANNED_LIST_ROW(C) C(INT, id) C(STR, shortcut) C(STR, body) C(STR, mime) \
	C(STR, category) C(INT, mine)
DB_ROW(canned_list, CANNED_LIST_ROW)
/* a brand's canned responses (owner 0), or those an operator may send in a
 * chat of the brand: their own (mine), then the brand's, by category */
enum dbrc db_canned_list(struct pool *p, long long brand, long long owner,
	struct canned_list **rows, size_t *n);
/* canned.c: a shortcut (1-32 letters, Chinese too, any case, digits, - and
 * _; typed after a slash, which it may start with), a text, a category */
const char *v_shortcut(const char *v);
const char *v_canned_text(const char *v);
const char *v_category(const char *v);
/* a new one: a brand's (owner 0) or an operator's own (brand 0, no file) */
struct canned_new {
	long long   brand, owner;
	const char *shortcut, *category, *body;
	long long   attachment;
};
enum dbrc db_canned_insert(struct pool *p, const struct canned_new *c);
/* DB_NOTFOUND: not the brand's (or not the owner's) */
enum dbrc db_canned_delete(struct pool *p, long long id, long long brand, long long owner);
/* columns of db_canned_find */
#define CANNED_FIND_ROW(C) C(STR, body) C(INT, id) C(STR, path) C(STR, mime)
DB_ROW(canned_find, CANNED_FIND_ROW)
/* user's own before the chat's brand's */
enum dbrc db_canned_find(struct pool *p, long long chat, long long user, const char *shortcut,
	struct canned_find *row);
struct msg_row;
enum dbrc db_message_out(struct pool *p, const struct msg_row *m, long long attachment,
	long long author, int closing, long long *id);

#endif
