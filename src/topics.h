/*
 * topics.h: the close summary (会话小结): a brand's list of topics, which an
 * operator picks from when closing a chat (required when the brand says so),
 * with a note; the reports count closed chats by topic. The list is edited
 * on the brand's page (ui-topics.c); the chat page's close form reads it
 * (ui-chat-act.c), and chat_close stores the choice (chat.h).
 */
#ifndef WXDESK_TOPICS_H
#define WXDESK_TOPICS_H

#include "db.h"

#define TOPICS_MAX 100	/* a brand's list */
#define TOPIC_NOTE_MAX 500	/* characters of a summary's note */

/* a topic's name: one line of 1-40 characters */
const char *v_topic(const char *v);
/* a summary's note: at most TOPIC_NOTE_MAX characters */
const char *v_topic_note(const char *v);

/* ---- the statements (db-topics.c) ---- */

/* columns of db_topics */
#define TOPIC_ROW(C) C(INT, id) C(STR, name)
DB_ROW(topic, TOPIC_ROW)
/* a brand's topics, in the order they were added */
enum dbrc db_topics(struct pool *p, long long brand, struct topic **rows, size_t *n);
/* one of the brand's topics; DB_NOTFOUND when it is not (or no longer) one */
enum dbrc db_topic_get(struct pool *p, long long brand, long long id, struct topic *row);
/* DB_CONFLICT: the brand has a topic of that name; DB_INVALID: its list is full */
enum dbrc db_topic_insert(struct pool *p, long long brand, const char *name);
enum dbrc db_topic_delete(struct pool *p, long long brand, long long id);
/* whether closing a chat of the brand needs a topic: 1, 0, or -1 */
long long db_topic_required(struct pool *p, long long brand);
enum dbrc db_topic_required_set(struct pool *p, long long brand, int on);


#endif
