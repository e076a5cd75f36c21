/*
 * intake.c: turns one parsed WeChat push into stored rows: a message in
 * an open chat is one statement (the hot path, below); anything else is
 * one transaction of the follower, the message (stored once, whatever
 * WeChat retries), and the chat it opens or continues.
 *
 * Chat rules (docs/en/operations.md, "The WeChat webhook"): a user message opens a chat when the follower has
 * no open chat, or when 48 hours have passed since the open chat started;
 * the old chat then closes as "window_expired" and the new one links to it.
 * Events (follow, scan, menu clicks, location reports) are stored but open
 * no chat. unsubscribe closes the open chat as "unfollowed".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "alerts.h"
#include "bot.h"
#include "botsvc.h"
#include "send.h"
#include "chat.h"
#include "csat.h"
#include "broadcast.h"
#include "intake.h"
#include "spool.h"
#include "notice.h"
#include "menu.h"
#include "qr.h"
#include "tags.h"
#include "json.h"
#include "console.h"


/*
 * Each process remembers the open chat of the followers it has seen, so
 * the usual push (a message in an open chat) is one plain INSERT, and in
 * a chat the bot holds, an INSERT … SELECT of it and the bot's answer
 * (bot_fast). Nothing depends on an entry being current: the INSERT's
 * foreign key to the chat's open key checks in the database that the chat
 * still takes the message (open, on an active channel, held by the bot or
 * not: routines/open.sql; the bot's statement, that the account's bot is
 * on at the rules' version this process answers by), and a push it does not match
 * takes the full path, which refreshes the entry. The table is fixed
 * (memory stays flat): a hash picks a set of SEEN_WAYS entries, and a
 * newcomer takes the set's least recently used one.
 */
#define SEEN_SETS  2048
#define SEEN_WAYS  4
#define OPENID_MAX 64
static struct seen {
	long long     channel, follower, chat;
	int           bot;	/* the bot held the chat */
	unsigned long used;	/* tick of the last hit or store: 0 is empty */
	char          openid[OPENID_MAX];
} seen[SEEN_SETS][SEEN_WAYS];
static unsigned long seen_tick;

static struct seen *
seen_set(long long channel, const char *openid)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)channel;	/* FNV-1a */

	for (const char *c = openid; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return seen[(h ^ h >> 29) % SEEN_SETS];
}

static struct seen *
seen_get(long long channel, const char *openid)
{
	struct seen *set = seen_set(channel, openid);

	for (int i = 0; i < SEEN_WAYS; i++)
		if (set[i].used && set[i].channel == channel &&
		    strcmp(set[i].openid, openid) == 0) {
			set[i].used = ++seen_tick;
			return &set[i];
		}
	return NULL;
}

static void
seen_put(long long channel, const char *openid, long long follower, long long chat, int bot)
{
	struct seen *s = seen_get(channel, openid), *set;
	size_t       n = strlen(openid);

	if (n >= OPENID_MAX)
		return;	/* WeChat's OpenIDs are 28 characters */
	if (s == NULL) {
		set = seen_set(channel, openid);
		s = &set[0];
		for (int i = 1; i < SEEN_WAYS; i++)
			if (set[i].used < s->used)
				s = &set[i];
		s->channel = channel;
		memcpy(s->openid, openid, n + 1);
	}
	s->follower = follower;
	s->chat = chat;
	s->bot = bot;
	s->used = ++seen_tick;
}

/*
 * What WeChat can send in each field that is stored in a column of its
 * own, in characters: a longer value cannot come from WeChat, and is
 * refused as the push's fault (never answered like a database outage,
 * which WeChat would retry). EventKey holds a VIEW event's menu URL.
 */
static const struct {
	const char *name;
	size_t      max;
	int         digits;	/* a number: digits only */
} push_fields[] = {
	{ "FromUserName", 64, 0 },	/* an OpenID: 28 characters today */
	{ "MsgType", 32, 0 },
	{ "Event", 32, 0 },
	{ "EventKey", 2048, 0 },
	{ "MsgId", 20, 1 },	/* 64-bit */
	{ "MsgID", 20, 1 },
	{ "CreateTime", 19, 1 },
	{ "MediaId", 512, 0 },
	{ "ThumbMediaId", 512, 0 },
};
#define QR_SCENE_MAX 64

/* Why the push cannot be stored as WeChat sent it (a catalogue key with
 * its values: lang_coded reads it), or NULL when it can. */
static const char *
push_invalid(struct pool *p, const struct wx_field *f)
{
	const char *type = wx_get(f, "MsgType"), *from = wx_get(f, "FromUserName");
	const char *key = wx_get(f, "EventKey"), *ev = wx_get(f, "Event");

	if (type == NULL || *type == '\0' || from == NULL || *from == '\0')
		return "fail.invalid_lacks";
	for (size_t i = 0; i < sizeof push_fields / sizeof push_fields[0]; i++) {
		const char *v = wx_get(f, push_fields[i].name);
		size_t      n;
		if (v == NULL)
			continue;
		if ((n = utf8_chars(v)) > push_fields[i].max)
			return lang_code_text(p, "fail.invalid_long", push_fields[i].name,
			    pool_printf(p, "%zu", n), pool_printf(p, "%zu", push_fields[i].max), NULL);
		if (push_fields[i].digits && strspn(v, "0123456789") != strlen(v))
			return lang_code_text(p, "fail.invalid_number", push_fields[i].name, NULL);
	}
	{
		const char *id = wx_get(f, "MsgId") ? wx_get(f, "MsgId") : wx_get(f, "MsgID");
		/* 20 digits may still exceed 64 bits */
		if (id && strlen(id) == 20 && strcmp(id, "18446744073709551615") > 0)
			return "fail.invalid_msgid";
	}
	if (ev && strcmp(ev, "subscribe") == 0 && key && strncmp(key, "qrscene_", 8) == 0 &&
	    utf8_chars(key + 8) > QR_SCENE_MAX)
		return lang_code_text(p, "fail.invalid_scene", pool_printf(p, "%zu",
		    utf8_chars(key + 8)), pool_printf(p, "%d", QR_SCENE_MAX), NULL);
	return NULL;
}

/* The message's text for the transcript, by type. */
static const char *
body_of(const char *type, const struct wx_field *f)
{
	if (strcmp(type, "text") == 0)
		return wx_get(f, "Content");
	if (strcmp(type, "voice") == 0)
		return wx_get(f, "Recognition");
	if (strcmp(type, "location") == 0)
		return wx_get(f, "Label");
	if (strcmp(type, "link") == 0)
		return wx_get(f, "Title");
	return NULL;
}

/* All fields as one JSON object, for types whose details the transcript shows. */
static char *
fields_json(struct pool *p, const struct wx_field *f)
{
	struct buf b = { 0 };
	json_t    *o = json_object();
	char      *r;

	for (const struct wx_field *x = f; x; x = x->next)
		json_object_set_new_nocheck(o, x->name, json_s(x->value));
	json_put(&b, o);
	r = pool_strndup(p, b.data, b.len);
	buf_free(&b);
	return r;
}

static int
has_media(const char *type)
{
	return strcmp(type, "image") == 0 || strcmp(type, "voice") == 0 ||
	    strcmp(type, "video") == 0 || strcmp(type, "shortvideo") == 0;
}

/*
 * Profanity management: counts the message's abusive words into its chat;
 * at the brand's limit the chat closes ("profanity"), and one message
 * before it the warning, if the brand has one, is due (the worker sends
 * it). The transcript names the words; it is for staff only.
 */
static enum dbrc
count_abuse(struct pool *p, const struct intake_channel *ch, long long follower,
    long long chat, const char *body, time_t now, struct intake_result *res)
{
	const struct profanity_list *b = ch->bad;
	struct buf  found = { 0 };
	long long   total;
	int         n = 0;
	enum dbrc   rc;
	const char *words;

	/* one pass per word: the total, and which words were used */
	for (size_t i = 0; i < b->n; i++) {
		int k = profanity_count(body, &b->words[i], 1);
		if (k > 0)
			buf_printf(&found, "%s%s", found.len ? ", " : "", b->words[i]);
		n += k;
	}
	if (n == 0) {
		buf_free(&found);
		return DB_OK;
	}
	words = pool_strndup(p, found.data, found.len);
	buf_free(&found);
	if ((rc = db_chat_abuse(p, chat, n, &total)) != DB_OK || total == 0)
		return rc;
	if (total >= b->limit) {
		struct chat_ref c = { chat, ch->id, follower, ch->department_id };
		if ((rc = chat_end(p, &c, CHAT_END_PROFANITY, now, pool_printf(p, "%lld", b->limit),
		    words)) == DB_OK)
			res->closed_chat = chat;
		return rc;
	}
	if ((rc = chat_note(p, ch->id, follower, chat, "abuse", 0, "note.abuse",
	    pool_printf(p, "%lld", total), pool_printf(p, "%lld", b->limit), words,
	    NULL)) != DB_OK)
		return rc;
	if (b->warning && total >= b->limit - 1)
		rc = db_chat_warn_due(p, chat);
	return rc;
}

/*
 * The push's dedupe key (or its signed URL) is taken: WeChat's retry of a
 * push stored already (a duplicate), or its signed URL with another body
 * (a replay). Nothing is left open.
 */
static enum dbrc
stored_already(struct pool *p, const struct intake_channel *ch, const struct msg_row *m,
    struct intake_result *res)
{
	const char *was = NULL;
	enum dbrc   rc;

	memset(res, 0, sizeof *res);
	if (m->push_ts && (rc = db_message_by_push(p, ch->id, m->push_ts, m->push_nonce,
	    &was)) != DB_OK && rc != DB_NOTFOUND)
		return DB_FAIL;
	if (was && strcmp(was, m->dedupe_key) != 0)
		res->replay = 1;
	else
		res->duplicate = 1;
	return DB_OK;
}

/* 1 when text has a word of the list */
static int
abusive(const struct profanity_list *b, const char *text)
{
	for (size_t i = 0; text && i < b->n; i++)
		if (profanity_count(text, &b->words[i], 1) > 0)
			return 1;
	return 0;
}

/*
 * The bot's turn, in the intake's transaction: a welcome for a follow (or a
 * QR code scan with a welcome of its own), or, in a chat it holds, an
 * answer, a fallback, or the hand-off to the operators with a line in the
 * transcript saying why. Its reply is stored as the chat's message (keyed
 * to the message it answers) and returned for the HTTP answer; a
 * hand-off's line is not: the chat enters the queue, and what the follower
 * is told then is decided with it (chat_queued), in *handoff.
 */
struct handoff {
	int         done;	/* the bot handed the chat over */
	const char *text, *media;	/* what it would say: its line, or a picture */
	long long   attachment;
};


/*
 * What the bot answers the follower's message m in chat: a rule's answer
 * needs no more; a message it did not understand is counted with the
 * fallbacks it said in a row before (db_bot_misses), which may make it the
 * hand-off at the account's limit.
 */
static enum dbrc
bot_read(struct pool *p, const struct bot *b, const struct msg_row *m, long long chat,
    struct bot_answer *a)
{
	const char *text = strcmp(m->msg_type, "text") == 0 ? m->body : NULL;
	long long   offered[KB_OFFERS + 1] = { 0 };
	int         misses = 0;
	enum dbrc   rc;

	/* a number may pick a question the bot's last reply offered (kb.h) */
	if (b->kb && text && text[0] >= '1' && text[0] <= '9' && text[1] == '\0') {
		const char *json;
		json_t     *v;
		if ((rc = db_kb_offer_of(p, chat, &json)) != DB_OK && rc != DB_NOTFOUND)
			return rc;
		if (rc == DB_OK && (v = json_loads(json, 0, NULL)) != NULL) {
			for (size_t i = 0; i < KB_OFFERS && i < json_array_size(v); i++)
				offered[i] = json_integer_value(json_array_get(v, i));
			json_decref(v);
		}
	}
	bot_decide(p, b, text, 0, offered, a);
	if (a->kind != BOT_MISS)
		return DB_OK;
	if ((rc = db_bot_misses(p, chat, b->miss_limit > 0 ? b->miss_limit : 2, &misses)) != DB_OK)
		return rc;
	bot_decide(p, b, text, misses, offered, a);
	return DB_OK;
}

/*
 * What the knowledge base did for the follower's message msg, kept with
 * the bot's reply (its dedupe key: the article answered, or the questions
 * offered, for the next message's number) and counted for the reports; a
 * miss's words counted among the questions nothing answered.
 */
static enum dbrc
kb_note(struct pool *p, long long channel, long long chat, long long msg, const char *key,
    const struct bot_answer *a, const char *text, time_t now)
{
	enum dbrc rc = DB_OK;

	if (a->kb_brand == 0)
		return DB_OK;
	if (a->kb_event) {
		/* the article answered, or the questions offered (for the next
		 * message's number) */
		json_t    *offer = json_array();
		struct buf b = { 0 };
		for (int i = 0; i < KB_OFFERS && a->kb_offer[i]; i++)
			json_array_append_new(offer, json_integer(a->kb_offer[i]));
		if (strcmp(a->kb_event, "offered") == 0)
			json_put(&b, json_pack("{s:o}", "kb_offer", offer));
		else {
			json_decref(offer);
			json_put(&b, json_pack("{s:I}", "kb", (json_int_t)a->kb_article));
		}
		rc = db_kb_mark(p, channel, key, b.data);
		buf_free(&b);
	}
	if (rc == DB_OK && a->kb_event)
		rc = db_kb_event(p, a->kb_brand, a->kb_article, chat, a->kb_event, (long long)now);
	/* an article's picture: the worker sends it after this reply (a second
	 * on: WeChat has the reply by then), promised in this transaction */
	if (rc == DB_OK && a->kb_event && a->attachment && key && a->kind == BOT_ANSWER)
		rc = db_bot_ask_picture(p, msg, chat, channel, a->attachment, (long long)now + 1,
		    (long long)now);
	else if (rc == DB_OK && a->kind != BOT_ANSWER && a->kb_words) {
		rc = db_kb_event(p, a->kb_brand, 0, chat, a->kind == BOT_HANDOFF ? "handoff" : "missed",
		    (long long)now);
		if (rc == DB_OK)
			rc = db_kb_miss(p, a->kb_brand, a->kb_words, text ? text : "", (long long)now);
	}
	return rc;
}

/* The bot's answer a to the message msg, stored as the chat's (keyed to the
 * message: a retry of the push is a duplicate), and returned for the HTTP
 * answer. */
static enum dbrc
bot_say(struct pool *p, const struct intake_channel *ch, long long follower, long long chat,
    long long msg, const struct bot_answer *a, time_t now, struct intake_result *res)
{
	const char *key = pool_printf(p, "b:%lld", msg);
	int         miss = a->kind == BOT_MISS;
	enum dbrc   rc = DB_OK;

	if (a->media_id) {
		rc = db_bot_reply(p, ch->id, follower, chat, "image", a->text, miss, a->attachment,
		    key, ch->spooled, now);
		res->reply_media = a->media_id;
	} else if (a->text && *a->text) {
		rc = db_bot_reply(p, ch->id, follower, chat, "text", a->text, miss, 0, key, ch->spooled, now);
		res->reply = a->text;
	}
	return rc;
}

static enum dbrc
bot_turn(struct pool *p, const struct bot *b, const struct intake_channel *ch,
    const struct msg_row *m, const struct wx_field *f, long long msg, long long chat,
    int holds, time_t now, struct intake_result *res, struct handoff *h)
{
	const char       *event = m->event, *reply = NULL;
	struct bot_answer a;
	enum dbrc         rc = DB_OK;

	if (event && strcmp(event, "subscribe") == 0) {
		const char *key = wx_get(f, "EventKey");
		reply = bot_welcome(b, key && strncmp(key, "qrscene_", 8) == 0 ? key + 8 : NULL);
	} else if (event && strcmp(event, "SCAN") == 0) {
		reply = bot_welcome(b, wx_get(f, "EventKey"));
		if (reply == b->welcome)
			reply = NULL;	/* a scan says something only when its scene has its own */
	} else if (!event && holds && chat) {
		if ((b->service || ch->spooled) && !bot_asks_person(b, strcmp(m->msg_type, "text") ==
		    0 ? m->body : NULL)) {
			/* the account's service answers (botsvc.h): asked once this is
			 * stored, or by the worker when the lease runs out; a kept push
			 * (spool.h) has no HTTP answer: the worker answers it at once,
			 * late, with the service or the rules */
			res->bot_holds = 1;
			res->bot_ask = ch->spooled ? 0 : msg;
			return db_bot_ask_insert(p, msg, chat, ch->id, ch->spooled ? 0 : (long long)now +
			    cfg_int("Bot.ServiceBudgetMs", 2500) / 1000 + 10, now);
		}
		if ((rc = bot_read(p, b, m, chat, &a)) != DB_OK)
			return rc;
		if (a.kind == BOT_HANDOFF) {
			struct chat_ref c = { chat, ch->id, m->follower_id, ch->department_id };
			rc = chat_handoff(p, &c, a.why, now);
			if (rc == DB_OK && strcmp(a.why, "note.bot_missed") == 0)
				rc = kb_note(p, ch->id, chat, msg, NULL, &a, m->body, now);
			h->done = 1, h->text = a.text, h->media = a.media_id;
			h->attachment = a.attachment;
			return rc;	/* what is said is decided as the chat is queued */
		}
		res->bot_holds = 1;
		rc = bot_say(p, ch, m->follower_id, chat, msg, &a, now, res);
		return rc == DB_OK ? kb_note(p, ch->id, chat, msg, pool_printf(p, "b:%lld", msg),
		    &a, m->body, now) : rc;
	}
	if (reply && *reply) {	/* a welcome */
		a = (struct bot_answer){ .kind = BOT_ANSWER, .text = reply };
		return bot_say(p, ch, m->follower_id, chat, msg, &a, now, res);
	}
	return DB_OK;
}

/*
 * A chat that entered its department's queue with this push (opened for
 * the operators, or handed over by the bot): what the follower is told, one
 * passive reply, decided in one place (chat_queued, tell.h). With nothing
 * to add to the bot's own answer (someone can take the chat now), a
 * hand-off's picture still goes as it was.
 */
static enum dbrc
queued_turn(struct pool *p, const struct intake_channel *ch, long long follower, long long chat,
    long long msg, const struct handoff *h, time_t now, struct intake_result *res)
{
	struct chat_ref  c = { chat, ch->id, follower, ch->department_id };
	struct tell_said said;
	enum dbrc        rc = chat_queued(p, &c, h->done, h->text, (long long)now, &said);

	if (rc != DB_OK)
		return rc;
	if (said.why == TELL_WHY_NONE && h->media) {
		rc = db_bot_reply(p, ch->id, follower, chat, "image", h->text, 0, h->attachment,
		    pool_printf(p, "b:%lld", msg), ch->spooled, now);
		res->reply_media = h->media;
		return rc;
	}
	if (said.reply == NULL || *said.reply == '\0')
		return DB_OK;
	/* the bot's line, with or without what the queue adds, is the bot's;
	 * the off-hours text replaces it and is wxdesk's own */
	rc = db_auto_reply(p, ch->id, follower, chat, said.reply,
	    h->done && said.why != TELL_WHY_CLOSED, pool_printf(p, "b:%lld", msg), ch->spooled, now);
	res->reply = said.reply;
	return rc;
}

/*
 * The full path: one transaction of the follower, the message (stored
 * once, whatever WeChat retries), and the chat it opens, continues, closes
 * or rates (chat.h), run by db_txn. DB_CONFLICT with duplicate set: the
 * message was stored already; a race on the follower's open chat answers
 * DB_RETRY (db_txn runs it again).
 */
struct full_push {
	const struct intake_channel *ch;
	const struct wx_field       *f;
	struct intake_result        *res;
	struct msg_row               m;	/* the message, as the hot path had it */
	time_t                       now;
	int                          duplicate;	/* out: the message was stored already */
	long long                    remember, follower;	/* out: the chat the next push may
							 * take the hot path to, and whose */
	int                          bot;	/* out: …held by the bot */
};

/* One attempt of the full path: what its stages read and decide. */
struct attempt {
	struct full_push            *x;
	const struct intake_channel *ch;
	const struct wx_field       *f;
	struct intake_result        *res;
	struct msg_row               m;
	const char                  *type, *event;
	time_t                       now;
	long long                    follower, msg, chat;
	int                          is_event, erase;
	const struct bot            *bot;
	int                          bot_chat;	/* the bot holds the chat */
	int                          rated;	/* the message is a rating (csat.h), of chat */
	struct chat_open_lock        open;
	struct csat_open             csat;
	int                          leave_offered;	/* the follower was offered to leave a message */
	struct handoff               handoff;
	int                          operator;	/* an operator's own WeChat (alerts.h) */
	int                          blocked;	/* on the blacklist: stored, no chat (tags.h) */
	struct qr_opening            route;	/* …and the QR code they came with (qr.h) */
	const char                  *welcome;	/* a QR code's welcome or a menu key's answer */
	int                          menu_opened;	/* a menu click opened a chat for the team */
	const char                  *operator_reply;	/* …and what it is answered */
};

/* 1 when the push is the event ev */
static int
is_ev(const struct attempt *a, const char *ev)
{
	return a->is_event && a->event && strcmp(a->event, ev) == 0;
}

/*
 * A follow (follow 1) or a scan with the QR code of scene, if the account
 * has one (qr.h): counted, the follower's next chat made the code's, its
 * tag given (within WeChat's limits: else not), its welcome the answer.
 */
static enum dbrc
qr_scanned(struct pool *p, struct attempt *a, const char *scene, int follow)
{
	struct qr_scene  q;
	enum tag_refusal why;
	enum dbrc        rc;

	if (scene == NULL || *scene == '\0' ||
	    (rc = db_qr_by_scene(p, a->ch->id, scene, &q)) == DB_NOTFOUND)
		return DB_OK;
	if (rc != DB_OK || (rc = db_qr_event(p, q.id, a->follower, follow, a->now)) != DB_OK)
		return rc;
	if (q.tag_id && (rc = db_tag_follower_here(p, a->follower, q.tag_id, a->now, &why)) !=
	    DB_OK && rc != DB_INVALID && rc != DB_NOTFOUND)
		return rc;
	a->welcome = q.welcome;
	return DB_OK;
}

/*
 * A click of a menu button whose key the account bound (menu.h): its
 * answer, or a chat for the team (in the key's department, or the
 * account's for "talk to a person"): opened when the follower has none,
 * handed over from the bot when the bot has it. A follower on the
 * blacklist gets no chat.
 */
static enum dbrc
menu_clicked(struct pool *p, struct attempt *a)
{
	const struct intake_channel *ch = a->ch;
	const char     *key = wx_get(a->f, "EventKey");
	struct menu_key k;
	long long       dept, prev;
	enum dbrc       rc;

	if (key == NULL || *key == '\0' || (rc = db_menu_key(p, ch->id, key, &k)) == DB_NOTFOUND)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	if (strcmp(k.action, "answer") == 0) {
		a->welcome = k.answer;
		return DB_OK;
	}
	if ((rc = db_qr_opening(p, a->follower, &a->route)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_FAIL : rc;
	if ((a->blocked = a->route.blocked) != 0)
		return DB_OK;
	rc = db_chat_open_lock(p, a->follower, &a->open);
	if (rc == DB_OK) {
		/* "talk to a person" in a chat the bot holds: handed over */
		if (strcmp(a->open.state, "bot") != 0)
			return DB_OK;
		struct chat_ref c = { a->open.id, ch->id, a->follower, ch->department_id };
		a->handoff.done = 1;
		return chat_handoff(p, &c, "note.menu_handoff", a->now);
	}
	if (rc != DB_NOTFOUND || (prev = db_chat_last_of(p, a->follower)) < 0)
		return rc != DB_NOTFOUND ? rc : DB_FAIL;
	dept = strcmp(k.action, "department") == 0 && k.department_id ? k.department_id :
	    ch->department_id;
	if ((rc = chat_open(p, ch->id, a->follower, dept, 0, prev, 0, a->now, &a->chat)) != DB_OK)
		return rc;
	a->res->opened_chat = a->chat;
	a->menu_opened = 1;
	return chat_note(p, ch->id, a->follower, a->chat, "menu", 1, "note.menu_click", k.label,
	    NULL);
}

/*
 * The follower, locked, and what their push is before any chat: an
 * operator's own WeChat, an event that only touches the open chat (both:
 * *done, straight to the message), or the follower's open chat, read and
 * locked; a follow or an unfollow (which closes that chat).
 */
/* 1 when the push is an action that opens WeChat's short window (wx.h):
 * a follow, a scan of a parametric QR code, a click of a menu button of the
 * click or scancode types */
static int
grants(const struct attempt *a)
{
	static const char *const ev[] = { "subscribe", "SCAN", "CLICK", "scancode_push",
	    "scancode_waitmsg" };

	for (size_t i = 0; a->is_event && i < sizeof ev / sizeof ev[0]; i++)
		if (is_ev(a, ev[i]))
			return 1;
	return 0;
}

/*
 * When the follower acted: now, or for a kept push (spool.h), when WeChat
 * signed it or, earlier, the CreateTime it gave (within WeChat's 5 minutes:
 * a value from elsewhere can only make the window shorter): its short
 * window runs from then, not from when it was taken in.
 */
static time_t
acted_at(const struct attempt *a)
{
	long long at = a->m.push_ts, made = a->m.wx_create_time;

	if (!a->ch->spooled || at <= 0 || at >= (long long)a->now)
		return a->now;
	return made > 0 && made < at && made > at - 300 ? (time_t)made : (time_t)at;
}

/*
 * The events that are no follower activity (notice.h): a template
 * message's result (a failure is reported), the notices a follower accepted
 * in an article or a web page (a credit each) or turned off in WeChat's
 * settings (none left). DB_NOTFOUND: not one of them. The push is stored
 * as any event, with no chat.
 */
static enum dbrc
notice_event(struct pool *p, struct attempt *a)
{
	const char *base;
	enum dbrc   rc = DB_OK;
	int         popup = is_ev(a, "subscribe_msg_popup_event");

	if (is_ev(a, "TEMPLATESENDJOBFINISH")) {
		const char *status = wx_get(a->f, "Status"), *id = wx_get(a->f, "MsgID");
		if (id == NULL)
			id = wx_get(a->f, "MsgId");
		if (status && id && strcmp(status, "success") != 0)
			rc = db_notice_finished(p, a->ch->id, id, status, a->now);
		return rc;
	}
	if (popup)
		base = "SubscribeMsgPopupEvent.List.";
	else if (is_ev(a, "subscribe_msg_change_event"))
		base = "SubscribeMsgChangeEvent.List.";
	else if (is_ev(a, "subscribe_msg_sent_event"))
		return DB_OK;
	else
		return DB_NOTFOUND;
	/* each List: a TemplateId, then its SubscribeStatusString */
	const char *tpl = NULL;
	size_t      bl = strlen(base);
	for (const struct wx_field *x = a->f; x && rc == DB_OK; x = x->next) {
		if (strncmp(x->name, base, bl) != 0)
			continue;
		if (strcmp(x->name + bl, "TemplateId") == 0)
			tpl = x->value;
		else if (strcmp(x->name + bl, "SubscribeStatusString") == 0 && tpl && *tpl &&
		    strlen(tpl) <= 128) {
			if (popup && strcmp(x->value, "accept") == 0)
				rc = db_notice_credit_add(p, a->follower, tpl, a->now);
			else if (!popup && strcmp(x->value, "reject") == 0)
				rc = db_notice_credit_clear(p, a->follower, tpl, a->now);
			tpl = NULL;
		}
	}
	return rc;
}

static enum dbrc
stage_follower(struct pool *p, struct attempt *a, int *done)
{
	const struct intake_channel *ch = a->ch;
	const char *from = wx_get(a->f, "FromUserName");
	enum dbrc   rc;

	*done = 0;
	/* a notice accepted, turned off or sent: perhaps by someone who does
	 * not follow the account (an article's reader): not a follower here */
	if (a->is_event && a->event && strncmp(a->event, "subscribe_msg_", 14) == 0 &&
	    (rc = db_follower_known(p, ch->id, from, a->now)) != DB_OK)
		return rc;
	/* the follower's row lock serialises this follower's pushes */
	if ((rc = db_follower_upsert(p, ch->id, from, a->now, &a->follower)) != DB_OK)
		return rc;
	a->m.follower_id = a->follower;
	/* an operator's WeChat (alerts.h): the code that binds it, or a message
	 * that opens its window again; no chat either way */
	if (!a->is_event) {
		rc = alert_intake(p, ch->id, a->follower, a->type, a->m.body, a->now,
		    &a->operator_reply);
		if (rc != DB_NOTFOUND) {
			a->operator = rc == DB_OK;
			*done = rc == DB_OK;
			return rc;
		}
	}
	/* a click of a menu button whose key is bound (menu.h) */
	if (a->is_event && a->event && (strcmp(a->event, "CLICK") == 0 ||
	    strcmp(a->event, "scancode_push") == 0 || strcmp(a->event, "scancode_waitmsg") == 0) &&
	    (rc = menu_clicked(p, a)) != DB_OK)
		return rc;
	/* WeChat's later results and a follower's consents (notice.h) */
	if (a->is_event && (rc = notice_event(p, a)) != DB_NOTFOUND) {
		*done = 1;
		return rc;
	}
	/* a scan with one of the account's QR codes (qr.h) */
	if (is_ev(a, "SCAN") && (rc = qr_scanned(p, a, wx_get(a->f, "EventKey"), 0)) != DB_OK)
		return rc;
	if (a->is_event && !is_ev(a, "subscribe") && !is_ev(a, "unsubscribe")) {
		/* menu clicks, scans, location reports: note the activity, if a
		 * chat is open; a scan or a click opens WeChat's short window */
		*done = 1;
		if ((rc = db_chat_touch_open(p, a->follower, a->now, &a->chat)) != DB_OK ||
		    a->chat == 0 || !grants(a))
			return rc;
		return chat_grant(p, a->chat, acted_at(a));
	}
	rc = db_chat_open_lock(p, a->follower, &a->open);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	if (rc == DB_OK) {
		const char *st = a->open.state, *leave = a->open.leave_offer;
		a->chat = a->open.id;
		a->bot_chat = strcmp(st, "bot") == 0;
		a->leave_offered = leave && strcmp(leave, "offered") == 0 &&
		    (strcmp(st, "waiting") == 0 || strcmp(st, "missed") == 0);
	}
	if (is_ev(a, "subscribe")) {
		const char *key = wx_get(a->f, "EventKey");
		const char *scene = key && strncmp(key, "qrscene_", 8) == 0 ? key + 8 : NULL;
		if ((rc = db_follower_subscribe(p, a->follower, a->now,
		    scene ? "ADD_SCENE_QR_CODE" : NULL, scene)) != DB_OK)
			return rc;
		if (a->chat && (rc = chat_grant(p, a->chat, acted_at(a))) != DB_OK)
			return rc;
		return scene ? qr_scanned(p, a, scene, 1) : DB_OK;
	}
	if (is_ev(a, "unsubscribe")) {
		if ((rc = db_follower_unsubscribe(p, a->follower, a->now)) != DB_OK ||
		    (rc = db_held_drop(p, a->follower, (long long)a->now)) != DB_OK)
			return rc;
		if (a->chat) {
			struct chat_ref c = { a->chat, ch->id, a->follower, ch->department_id };
			if ((rc = chat_end(p, &c, CHAT_END_UNFOLLOWED, a->now, NULL, NULL)) != DB_OK)
				return rc;
			a->res->closed_chat = a->chat;
		}
		/* erased after the message is stored: its report event reads
		 * the follower's QR scene */
		a->erase = ch->erase_on_unfollow;
		a->chat = 0;
	}
	return DB_OK;
}

/* A new chat for the follower (linked to prev): in the department of the QR
 * code they came with, its operator offered it first, the code noted in the
 * transcript; else the account's. */
static enum dbrc
open_chat(struct pool *p, struct attempt *a, long long prev)
{
	const struct qr_opening *q = &a->route;
	enum dbrc rc = chat_open(p, a->ch->id, a->follower, q->qr_id && q->department_id ?
	    q->department_id : a->ch->department_id, a->bot != NULL, prev, q->qr_id, a->now,
	    &a->chat);

	a->res->opened_chat = a->chat;
	a->bot_chat = a->bot != NULL;
	if (rc != DB_OK || q->qr_id == 0)
		return rc;
	if ((rc = db_qr_chat(p, a->chat, q->qr_id, q->operator_id, a->follower)) != DB_OK)
		return rc;
	return chat_note(p, a->ch->id, a->follower, a->chat, "qr", 1, q->campaign ?
	    "note.qr_campaign" : "note.qr", q->name, q->campaign, NULL);
}

/* A user message's chat: the open one continued, or a new one (after the
 * open one's 48 hours too), or the rating of the last one (chat.h). */
static enum dbrc
stage_chat(struct pool *p, struct attempt *a)
{
	const struct intake_channel *ch = a->ch;
	enum dbrc rc;
	int       ended = a->chat && a->open.windowed && a->now - a->open.started >= WX_WINDOW;

	/* before a chat opens: a follower on the blacklist (the message is
	 * stored, and opens no chat), the QR code they came with (qr.h) */
	if ((ended || !a->chat) && (rc = db_qr_opening(p, a->follower, &a->route)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_FAIL : rc;
	a->blocked = (ended || !a->chat) && a->route.blocked;
	if (ended) {
		struct chat_ref c = { a->chat, ch->id, a->follower, ch->department_id };
		if ((rc = chat_end(p, &c, CHAT_END_WINDOW, a->now, NULL, NULL)) != DB_OK)
			return rc;
		a->res->closed_chat = a->chat;
		if (a->blocked) {
			a->chat = 0;
			return DB_OK;
		}
		return open_chat(p, a, a->chat);
	}
	if (a->chat || a->blocked)
		return DB_OK;	/* counted into the chat with the message, after */
	if ((a->rated = strcmp(a->type, "text") == 0 ? csat_digit(a->m.body) : 0) != 0 &&
	    (rc = db_csat_open(p, a->follower, a->now, &a->csat)) != DB_NOTFOUND) {
		/* a digit answering the rating question of the follower's last
		 * chat: its rating, in that chat; no new chat */
		if (rc != DB_OK)
			return rc;
		struct chat_ref c = { a->csat.chat, ch->id, a->follower, 0 };
		a->chat = c.id;
		return chat_rate(p, &c, a->rated);
	}
	/* a new chat links to the follower's previous one, if any */
	a->rated = 0;
	long long prev = db_chat_last_of(p, a->follower);
	return prev < 0 ? DB_FAIL : open_chat(p, a, prev);
}

/* The message itself, last (a duplicate rolls back all before it), and
 * what goes with it: the chat's count, the rating's thanks, the reports'
 * follow and unfollow, an erasure. */
static enum dbrc
stage_message(struct pool *p, struct attempt *a)
{
	const struct intake_channel *ch = a->ch;
	enum dbrc rc;

	a->m.chat_id = a->chat;
	if ((rc = db_message_insert(p, &a->m, &a->msg)) == DB_CONFLICT) {
		a->x->duplicate = 1;	/* rolled back; read after (stored_already) */
		return DB_CONFLICT;
	}
	if (rc != DB_OK)
		return rc;
	if (!a->is_event && a->chat && !a->rated && (rc = db_chat_in(p, a->chat, a->msg,
	    a->now)) != DB_OK)
		return rc;
	/* thanks for the rating, as a passive reply (free: no customer-service message) */
	if (a->rated) {
		int         l = lang_parse(a->csat.lang);
		const char *thanks = lang_text(l >= 0 ? (enum lang)l : LANG_ZH, "csat.thanks");
		if ((rc = db_bot_reply(p, ch->id, a->follower, a->chat, "text", thanks, 0, 0,
		    pool_printf(p, "b:%lld", a->msg), ch->spooled, a->now)) != DB_OK)
			return rc;
		a->res->reply = thanks;
	}
	/* the reports' follow and unfollow (before an erasure: an unfollow
	 * is counted under the QR scene the follower came from) */
	if (is_ev(a, "subscribe") || is_ev(a, "unsubscribe")) {
		const char *key = wx_get(a->f, "EventKey");
		int         follow = is_ev(a, "subscribe");
		const char *scene = !follow ? NULL : key && strncmp(key, "qrscene_", 8) == 0 ?
		    key + 8 : "";
		if ((rc = db_report_follow(p, follow ? "follow" : "unfollow", a->now, ch->id,
		    a->follower, scene)) != DB_OK)
			return rc;
	}
	a->res->message_id = a->msg;
	a->res->chat_id = a->chat;
	if (a->erase) {
		if ((rc = db_follower_erase(p, a->follower)) != DB_OK)
			return rc;
		a->res->erased = 1;
	}
	return DB_OK;
}

/* What the message does to its chat and what the follower is answered:
 * abusive words, the message they were offered to leave, the operator's
 * own WeChat, the bot, the queue's texts. */
static enum dbrc
stage_answer(struct pool *p, struct attempt *a)
{
	const struct intake_channel *ch = a->ch;
	struct intake_result        *res = a->res;
	long long chat = a->chat;
	enum dbrc rc;

	if (a->blocked)
		return DB_OK;	/* nobody answers a follower on the blacklist */
	if (!a->is_event && chat && ch->bad && (rc = count_abuse(p, ch, a->follower, chat,
	    a->m.body, a->now, res)) != DB_OK)
		return rc;
	/* the message the follower was offered to leave: a follow-up for the
	 * team, confirmed as the passive reply */
	if (!a->is_event && chat && !a->rated && res->opened_chat != chat &&
	    res->closed_chat != chat && a->leave_offered) {
		struct chat_ref c = { chat, ch->id, a->follower, ch->department_id };
		const char     *done;
		rc = chat_leave(p, &c, a->now, &done);
		if (rc == DB_OK && done && *done) {
			if ((rc = db_auto_reply(p, ch->id, a->follower, chat, done, 0,
			    pool_printf(p, "b:%lld", a->msg), ch->spooled, a->now)) != DB_OK)
				return rc;
			res->reply = done;
		} else if (rc != DB_OK && rc != DB_NOTFOUND)
			return rc;
	}
	/* the operator's message answered (free: a passive reply), kept like
	 * the bot's: a retry of the push is a duplicate, answered "success" */
	if (a->operator && a->operator_reply) {
		if ((rc = db_bot_reply(p, ch->id, a->follower, 0, "text", a->operator_reply, 0, 0,
		    pool_printf(p, "b:%lld", a->msg), ch->spooled, a->now)) != DB_OK)
			return rc;
		res->reply = a->operator_reply;
	}
	/* a QR code's own welcome, before the bot's (kept like the bot's) */
	if (a->welcome && *a->welcome && !a->operator) {
		if ((rc = db_bot_reply(p, ch->id, a->follower, chat, "text", a->welcome, 0, 0,
		    pool_printf(p, "b:%lld", a->msg), ch->spooled, a->now)) != DB_OK)
			return rc;
		res->reply = a->welcome;
		return DB_OK;
	}
	/* the bot's passive reply, stored with the message it answers (a retry
	 * of the push is a duplicate: it is answered "success", never twice) */
	if (a->bot && !a->operator && (rc = bot_turn(p, a->bot, ch, &a->m, a->f, a->msg, chat,
	    a->bot_chat && res->closed_chat != chat, a->now, res, &a->handoff)) != DB_OK)
		return rc;
	/* a chat for the operators, opened or handed over now: what the
	 * follower is told as it enters the queue (the hours, their place,
	 * the offer to leave a message) */
	if (chat && res->closed_chat != chat && (a->handoff.done || a->menu_opened || (!a->bot &&
	    res->opened_chat == chat && !res->reply && !res->reply_media)))
		return queued_turn(p, ch, a->follower, chat, a->msg, &a->handoff, a->now, res);
	return DB_OK;
}

static enum dbrc
full_step(struct pool *p, void *arg)
{
	struct full_push *x = arg;
	struct attempt    a = {
		.x = x, .ch = x->ch, .f = x->f, .res = x->res, .m = x->m,
		.type = wx_get(x->f, "MsgType"), .event = wx_get(x->f, "Event"), .now = x->now,
	};
	enum dbrc         rc;
	int               done, failed;

	a.is_event = a.type && strcmp(a.type, "event") == 0;
	memset(x->res, 0, sizeof *x->res);	/* each attempt from the start */
	x->duplicate = 0, x->remember = 0;
	/* the account's bot, if it is on (its rules from the process's cache) */
	a.bot = bot_for(p, a.ch->id, &failed);
	if (failed)
		return DB_FAIL;
	if ((rc = stage_follower(p, &a, &done)) == DB_OK && !done && !a.is_event)
		rc = stage_chat(p, &a);
	if (rc == DB_OK)
		rc = stage_message(p, &a);
	if (rc == DB_OK)
		rc = stage_answer(p, &a);
	if (rc != DB_OK)	/* another push opened the follower's chat first (a unique key): again */
		return rc == DB_CONFLICT && !x->duplicate ? DB_RETRY : rc;
	/* a kept push's reply, stored not said: a follow's, a scan's or a
	 * click's goes late while WeChat's minute lasts (spool.h) */
	if (x->ch->spooled && a.msg && (x->res->reply || x->res->reply_media))
		rc = spool_reply_late(p, a.ch->id, a.msg, grants(&a) ? (long long)acted_at(&a) : 0,
		    (long long)a.now);
	if (rc != DB_OK)
		return rc;
	/* the channel's row is not touched: every push would queue on it.
	 * Remembered for the next push, with whether the bot holds the chat */
	if (!a.is_event && a.chat && x->res->closed_chat != a.chat && !a.rated)
		x->remember = a.chat, x->follower = a.follower, x->bot = x->res->bot_holds;
	return DB_OK;
}

/*
 * A message in a chat the bot holds, answered by the rules this process
 * has (bot_cached): the message and the bot's reply in one statement
 * (after reading the fallbacks in a row, when the bot did not understand),
 * no chat row touched. DB_NOTFOUND: not this path (the chat is no longer
 * the bot's, the rules changed, or the bot hands the chat over): nothing
 * was stored, the full path takes it.
 */
static enum dbrc
bot_fast(struct pool *p, const struct bot *b, const struct msg_row *m, long long chat,
    long long follower, struct intake_result *res)
{
	struct bot_answer a;
	struct msg_reply  r;
	long long         msg;
	enum dbrc         rc;

	if ((rc = bot_read(p, b, m, chat, &a)) != DB_OK)
		return rc;
	/* (the knowledge base's answers, offers and misses are counted: the
	 * full path's) */
	if (a.kind == BOT_HANDOFF || (!a.media_id && (!a.text || !*a.text)) || a.kb_brand)
		return DB_NOTFOUND;
	r = (struct msg_reply){ a.media_id ? "image" : "text", a.text, a.kind == BOT_MISS,
	    a.media_id ? a.attachment : 0 };
	if ((rc = db_message_continue_bot(p, m, chat, follower, b->version, &r, &msg)) != DB_OK)
		return rc;
	res->message_id = msg;
	res->chat_id = chat;
	res->bot_holds = 1;
	if (a.media_id)
		res->reply_media = a.media_id;
	else
		res->reply = a.text;
	return DB_OK;
}

/*
 * The usual case, before any transaction: a message in the chat this
 * process saw the follower in, while the chat takes it (its open key;
 * its 48 hours are the worker's: job-timers.c), and nothing else, in one
 * autocommit statement (the chat's row catches up later: db-chat-sql.h,
 * CHAT_NEWER_IN); in a chat the bot holds, that and
 * the bot's answer (bot_fast). A message with abusive words changes
 * its chat, so it takes the full path, and so does a text that may be an
 * operator's code for alerts (alerts.h); an operator's bound WeChat never
 * matches (the statement checks). DB_OK: stored, or a duplicate (res says);
 * DB_NOTFOUND: not the usual case (nothing stored: the full path's);
 * DB_INVALID or DB_FAIL.
 */
static enum dbrc
hot_path(struct pool *p, const struct intake_channel *ch, struct msg_row *m, const char *from,
    struct intake_result *res)
{
	const struct seen *s;
	const struct bot  *b;
	long long          msg;
	enum dbrc          rc;

	if ((ch->bad && abusive(ch->bad, m->body)) ||
	    (strcmp(m->msg_type, "text") == 0 && alert_code_like(m->body)) ||
	    (s = seen_get(ch->id, from)) == NULL)
		return DB_NOTFOUND;
	if (s->bot) {
		/* the rules this process has (the statement checks their version) */
		if ((b = bot_cached(ch->id)) == NULL || b->service)
			return DB_NOTFOUND;	/* (a service is asked on the full path) */
		rc = bot_fast(p, b, m, s->chat, s->follower, res);
	} else {
		rc = db_message_continue(p, m, s->chat, s->follower, &msg);
		if (rc == DB_OK)
			res->message_id = msg, res->chat_id = s->chat;
	}
	if (rc == DB_CONFLICT) {
		m->follower_id = s->follower;
		return stored_already(p, ch, m, res);
	}
	/* not matched, or a deadlock: the full path, which takes every push */
	if (rc == DB_NOTFOUND || rc == DB_RETRY)
		return DB_NOTFOUND;
	return rc == DB_OK || rc == DB_INVALID ? rc : DB_FAIL;
}

static enum dbrc
broadcast_result(struct pool *p, const struct intake_channel *ch, const struct wx_field *f,
    const char *msgid, time_t now)
{
	const char *v[4] = { wx_get(f, "TotalCount"), wx_get(f, "FilterCount"),
	    wx_get(f, "SentCount"), wx_get(f, "ErrorCount") };
	long long   n[4];

	for (int i = 0; i < 4; i++)
		n[i] = v[i] ? strtoll(v[i], NULL, 10) : 0;
	if (msgid == NULL || *msgid == '\0')
		return DB_OK;
	return db_broadcast_finished(p, ch->id, msgid, wx_get(f, "Status") ? wx_get(f, "Status") :
	    "", n[0], n[1], n[2], n[3], now) == DB_OK ? DB_OK : DB_FAIL;
}

/*
 * One push: the hot path, else the full path (full_step) through db_txn.
 * Returns DB_OK (stored, or a duplicate that was already stored), DB_RETRY
 * when it kept conflicting, DB_INVALID, or DB_FAIL.
 */
static enum dbrc
intake_once(struct pool *p, const struct intake_channel *ch, const struct intake_push *u,
    const struct wx_field *f, struct intake_result *res)
{
	const char  *type = wx_get(f, "MsgType"), *from = wx_get(f, "FromUserName");
	const char  *event = wx_get(f, "Event"), *msgid = wx_get(f, "MsgId");
	const char  *ctime = wx_get(f, "CreateTime");
	time_t       now = wx_now();
	enum dbrc    rc;
	int          is_event = type && strcmp(type, "event") == 0;

	if (msgid == NULL)
		msgid = wx_get(f, "MsgID");
	if (msgid == NULL)	/* a notice's result: its id is its List's */
		msgid = wx_get(f, "SubscribeMsgSentEvent.List.MsgID");
	if (ch->cached && is_event) {
		res->stale = 1;
		return DB_OK;
	}

	/* a broadcast's result (broadcast.h): from WeChat's mass-send helper,
	 * no follower's; recorded on the broadcast (a retry records it again) */
	if (is_event && event && strcmp(event, "MASSSENDJOBFINISH") == 0)
		return broadcast_result(p, ch, f, msgid, now);

	struct msg_row m = {
		.channel_id = ch->id, .direction = "in",
		.msg_type = type, .event = is_event ? event : NULL,
		.event_key = wx_get(f, "EventKey"), .body = body_of(type, f),
		.fields = fields_json(p, f), .wx_msg_id = msgid,
		.wx_create_time = ctime ? strtoll(ctime, NULL, 10) : 0,
		.media_id = wx_get(f, "MediaId"), .thumb_media_id = wx_get(f, "ThumbMediaId"),
		.media_state = has_media(type) && wx_get(f, "MediaId") ? "due" : "none",
		.push_ts = u ? u->ts : 0, .push_nonce = u ? u->nonce : NULL,
		.created_at = now,
	};
	/* WeChat retries and replays: the dedupe key makes them one row */
	if (!is_event && msgid && *msgid)
		m.dedupe_key = pool_printf(p, "m:%s", msgid);
	else if (msgid && *msgid && event)
		/* a job's result: one per msgid (many can come in a second) */
		m.dedupe_key = pool_printf(p, "j:%.32s:%s", event, msgid);
	else
		/* (an event's key too: two clicks of different buttons in one second
		 * are two events; WeChat's retry of one has the same key) */
		m.dedupe_key = pool_printf(p, "e:%.64s:%s:%.40s%s%.60s", from, ctime ? ctime : "",
		    is_event && event ? event : type, is_event && m.event_key && *m.event_key ? ":" :
		    "", is_event && m.event_key ? m.event_key : "");

	if (!is_event && !ch->spooled && (rc = hot_path(p, ch, &m, from, res)) != DB_NOTFOUND)
		return rc;
	if (ch->cached) {
		/* not the usual case, or the channel changed: the caller rereads it */
		res->stale = 1;
		return DB_OK;
	}
	{
		struct full_push x = { ch, f, res, m, now, 0, 0, 0, 0 };
		rc = db_txn(p, full_step, &x);
		if (rc == DB_CONFLICT && x.duplicate)
			return stored_already(p, ch, &m, res);
		if (rc == DB_CONFLICT)
			rc = DB_RETRY;
		if (rc == DB_OK && x.remember && !ch->spooled)
			seen_put(ch->id, from, x.follower, x.remember, x.bot);
		return rc;
	}
}

int
intake_store(struct pool *p, const struct intake_channel *ch, const struct intake_push *u,
    const struct wx_field *f, struct intake_result *res)
{
	enum dbrc rc = DB_FAIL;

	memset(res, 0, sizeof *res);
	if ((res->invalid = push_invalid(p, f)) != NULL)
		return INTAKE_INVALID;
	/* a race on the follower's open chat, a deadlock, or (on Galera) a
	 * certification conflict at commit: db_txn ran it again */
	rc = intake_once(p, ch, u, f, res);
	if (rc == DB_INVALID) {
		/* a value the schema cannot hold: the push's fault, not the server's */
		memset(res, 0, sizeof *res);
		res->invalid = lang_code_text(p, "fail.invalid_db", db_error(), NULL);
		return INTAKE_INVALID;
	}
	if (rc == DB_OK && res->stale)
		return INTAKE_STALE;
	if (rc == DB_OK && res->replay)
		return INTAKE_REPLAY;
	return rc == DB_OK ? INTAKE_STORED : INTAKE_FAILED;
}

/* ---- the answers of the bot's external service (botsvc.h) ---- */

struct bot_in_time {
	const struct intake_channel *ch;
	long long                    msg;
	const struct botsvc_answer  *a;	/* NULL: the rules answer */
	struct intake_result        *res;
};

/*
 * The bot's answer to the question o of the account's bot b (NULL: off):
 * the service's answer a (a text, or a hand-off with its line or the
 * bot's), or, when the service failed (a NULL), the account's own rules'.
 * A picture is the caller's.
 */
static enum dbrc
service_answer(struct pool *p, const struct bot *b, long long channel,
    const struct bot_ask_open *o, const struct botsvc_answer *a, struct bot_answer *ba)
{
	struct msg_row m = { .channel_id = channel, .follower_id = o->follower_id,
	    .chat_id = o->chat_id, .msg_type = o->msg_type, .body = o->body };

	memset(ba, 0, sizeof *ba);
	if (a == NULL)
		return b ? bot_read(p, b, &m, o->chat_id, ba) : DB_OK;
	if (a->kind == BS_TEXT)
		*ba = (struct bot_answer){ .kind = BOT_ANSWER, .text = a->text };
	else if (a->kind == BS_HANDOFF)
		*ba = (struct bot_answer){ .kind = BOT_HANDOFF, .why = "note.bot_service",
		    .text = a->text ? a->text : b ? bot_handoff_line(b) : NULL };
	return DB_OK;
}

static enum dbrc
bot_in_time_step(struct pool *p, void *arg)
{
	struct bot_in_time   *x = arg;
	struct bot_ask_open   o;
	struct bot_answer     ba = { 0 };
	struct handoff        h = { 0 };
	const struct bot     *b;
	const char           *outcome = x->a ? "answered" : "failed";
	time_t                now = wx_now();
	int                   failed;
	enum dbrc             rc;

	x->res->reply = x->res->reply_media = NULL;
	if ((rc = db_bot_ask_open(p, x->msg, &o)) != DB_OK)
		return rc;
	if ((b = bot_for(p, x->ch->id, &failed)) == NULL && failed)
		return DB_FAIL;
	if ((rc = service_answer(p, b, x->ch->id, &o, x->a, &ba)) != DB_OK)
		return rc;
	if (ba.kind == BOT_HANDOFF && ba.why) {
		struct chat_ref c = { o.chat_id, x->ch->id, o.follower_id, o.department_id };
		if (x->a)
			outcome = "handoff";
		h = (struct handoff){ 1, ba.text, ba.media_id, ba.attachment };
		if ((rc = chat_handoff(p, &c, ba.why, (long long)now)) == DB_OK)
			rc = queued_turn(p, x->ch, o.follower_id, o.chat_id, x->msg, &h, now, x->res);
	} else {
		x->res->bot_holds = 1;
		rc = bot_say(p, x->ch, o.follower_id, o.chat_id, x->msg, &ba, now, x->res);
	}
	if (rc == DB_OK)
		rc = db_bot_ask_done(p, x->msg, outcome);
	return rc;
}

enum dbrc
intake_bot_answer(struct pool *p, const struct intake_channel *ch, long long msg,
    const struct botsvc_answer *a, struct intake_result *res)
{
	struct bot_in_time x = { ch, msg, a, res };

	return db_txn(p, bot_in_time_step, &x);
}

struct bot_late_handoff {
	const struct chat_ref *c;
	long long              msg;
};

static enum dbrc
bot_late_handoff_step(struct pool *p, void *arg)
{
	struct bot_late_handoff *x = arg;
	enum dbrc                rc = chat_handoff(p, x->c, "note.bot_service", (long long)wx_now());

	return rc == DB_OK ? db_bot_ask_done(p, x->msg, "handoff") : rc;
}

enum dbrc
intake_bot_late(struct pool *p, const struct out_chat *c, long long msg,
    const struct botsvc_answer *a)
{
	struct bot_ask_open o;
	struct bot_answer   ba = { 0 };
	struct outgoing     out = { "text", NULL, NULL, NULL, 0, NULL };
	const struct bot   *b;
	const char         *outcome = a ? "late" : "failed";
	long long           id;
	int                 failed;
	enum dbrc           rc;

	if ((rc = db_bot_ask_open(p, msg, &o)) != DB_OK)
		return rc == DB_NOTFOUND ? db_bot_ask_done(p, msg, "dropped") : rc;
	if ((b = bot_for(p, c->ch.id, &failed)) == NULL && failed)
		return DB_FAIL;
	if ((rc = service_answer(p, b, c->ch.id, &o, a, &ba)) != DB_OK)
		return rc;
	if (a && a->kind == BS_PICTURE && a->picture)
		out = *a->picture;
	else
		out.text = ba.text;
	if (out.path || (out.text && *out.text)) {
		/* (keyed to the message: an article's picture, named by no URL,
		 * follows the passive reply that holds "b:") */
		rc = send_claim(p, c, &out, ba.kind == BOT_MISS ? OUT_BOT_MISS : OUT_BOT, 0,
		    pool_printf(p, "%s:%lld", a && a->picture && !a->url ? "bp" : "b", msg), &id);
		if (rc == DB_CONFLICT) {
			/* no room in WeChat's rules: not said, and the transcript says so */
			outcome = "unsent";
			if (chat_note(p, c->ch.id, c->follower, c->chat, "bot", 0, "note.bot_unsent",
			    NULL) != DB_OK)
				return DB_FAIL;
		} else if (rc != DB_OK)
			return rc;
		else
			(void)send_deliver(p, c, id, &out);	/* its outcome is on the message */
	}
	if (ba.kind == BOT_HANDOFF) {	/* the operators take it, whatever was said */
		struct chat_ref         r = { o.chat_id, c->ch.id, o.follower_id, o.department_id };
		struct bot_late_handoff x = { &r, msg };
		rc = db_txn(p, bot_late_handoff_step, &x);
	} else
		rc = db_bot_ask_done(p, msg, outcome);
	if (rc == DB_NOTFOUND)
		rc = DB_OK;	/* (closed meanwhile) */
	return rc == DB_OK && strcmp(outcome, "unsent") == 0 ? DB_CONFLICT : rc;
}
