/*
 * ui-console.h: what the console's pages share: ui-inbox.c (the lists, the
 * poll, the board), ui-chat.c (one chat's page) and ui-chat-act.c (what is
 * done to a chat from it).
 */
#ifndef WXDESK_UI_CONSOLE_H
#define WXDESK_UI_CONSOLE_H

#include "db.h"
#include "ui.h"
#include "console.h"

/* open chats per tab */
struct console_counts {
	long long waiting, missed, mine, others, bot, followup;
};
/* the counts, also into Counts.*; 0, or -1 when the database failed */
int  console_counts(struct req *r, struct console_counts *k);
/* to chat r->ids[0]'s page */
void console_to_chat(struct req *r, struct resp *rs);

/* the live mark as this page is drawn (Live.Mark): its first poll compares
 * with it, so a change made while the page loaded refreshes it; and the
 * chat offered to the user now, into Offer.* (0, or -1) */
int  console_page_mark(struct req *r);

/* supervisors and admins see every chat; operators their departments' */
int  console_sees_all(const struct req *r);
/* a span of seconds in words ("3 min") */
const char *console_span(struct req *r, long long s);
/* the reply window's meter into base: 1 when a reply is allowed now */
int  console_meter(struct req *r, const char *base, long long last_in, long long grant,
	long long used);
/* the inbox column beside a chat (current: the chat shown) */
void console_inbox(struct req *r, long long current);
/* chat r->ids[0] into *c if the user may see it; 0, or -1 after answering */
int  console_load_chat(struct req *r, struct resp *rs, struct console_chat *c);
/* why the user cannot reply in chat c now, in words, or NULL */
const char *console_cannot_reply(struct req *r, const struct console_chat *c);
/* the same rule by a stable name ("window_closed", "five_in_row", …), or NULL */
const char *console_reply_rule(const struct console_chat *c, long long user, int *event_window);
/* why colleague row i of the transfer targets cannot take a chat now, or NULL */
const char *console_colleague_away(struct req *r, const struct transfer_targets *tt, size_t i);
/* chat c's page, answered with status (a refusal's 409 or 422) */
void console_chat_page(struct req *r, struct resp *rs, const struct console_chat *c, int status);

/*
 * A change of a chat from its page (ui-chat.c, ui-chat-act.c), and how it
 * ends (ui.h): its step returns a status and console_end answers it once:
 * saved, back to the chat's page (or to) with msg; refused, the chat's page
 * again with the error beside its field or above the chat (status: 409 or
 * 422), or the error page (error: 403, 409); 404 or 503 as ui_saved says.
 */
struct console_change {
	struct console_chat c;	/* the chat, as loaded (or read again after a refusal) */
	const char         *msg;	/* the flash when done (NULL: none) */
	const char         *to;	/* where it goes then (NULL: the chat's page) */
	const char         *error;	/* a refusal on the error page, not the chat's */
	int                 status;	/* a refusal's (0: 422) */
};
void console_end(struct req *r, struct resp *rs, int st, struct console_change *x);
/* chat r->ids[0] into x->c if the user may see it: DB_OK, a dbrc, or UI_REFUSED (403) */
int  console_chat_of(struct req *r, struct console_change *x);
/* when a reply scheduled now would go (0: it cannot be), ui-chat.c */
long long console_remind_at(struct req *r, const struct console_chat *c);
/* 1 when the user may hold a reply in the chat for when its follower writes */
int  console_may_hold(struct req *r, const struct console_chat *c);
/* the routes to the follower of a chat with no window open, cheapest
 * first (ui-notice.c: Ladder.*) */
void console_ladder(struct req *r, const struct console_chat *c);
/* a refusal of status on the chat's page, said above the chat */
int  console_refuse(struct req *r, struct console_change *x, int status, const char *why);

/* the accounts the user may see (Accounts), and the one asked for (or the
 * first); -1 after answering a database failure (ui-followers.c) */
long long console_pick_account(struct req *r, struct resp *rs, long long asked);
/* the Followers page (ui-followers.c): where the name given a follower
 * stands in WeChat (Follower.RemarkWrite), and the name form saved */
void follower_remark_state(struct req *r, long long follower);
int  follower_name_save(struct req *r, long long follower, const char *alias,
	const char *remark, const char **msg);
/* the follower's tags and blacklist state for a page (Follower.Tags,
 * .TagChoices, .Blocked…), and their forms saved: DB_OK, UI_REFUSED or a dbrc */
void follower_tags_set(struct req *r, long long follower, long long channel);
int  follower_tag_save(struct req *r, long long follower, const char **msg);
int  follower_block_save(struct req *r, long long follower, const char **msg);
/* the names of the menu WeChat shows the follower (menu/trymatch) in *msg; DB_OK */
int  follower_menu_match(struct req *r, long long channel, const char *openid, const char **msg);

#endif
