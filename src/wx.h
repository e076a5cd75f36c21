/* wx.h: WeChat's push protocol: signatures, message encryption, XML. */
#ifndef WXDESK_WX_H
#define WXDESK_WX_H

#include <time.h>

#include "wxdesk.h"

/* status values, as in Tencent's sample code */
#define WX_OK                0
#define WX_ERR_SIGNATURE (-40001)
#define WX_ERR_XML       (-40002)
#define WX_ERR_AES_KEY   (-40004)
#define WX_ERR_APPID     (-40005)
#define WX_ERR_DECRYPT   (-40007)
#define WX_ERR_BUFFER    (-41003)

#define WX_XML_MAX       (64 * 1024)	/* bigger pushes are refused (413) */

/*
 * WeChat's rules for a desk (its customer-service API, media limits),
 * defined once for wxdesk and for the simulator that plays WeChat in tests.
 */
#define WX_WINDOW         (48 * 3600)	/* seconds: a chat's life, and replies after
					 * the follower's last message */
#define WX_REPLIES_IN_ROW 5	/* operator messages without a reply (45047 after) */
#define WX_TEXT_MAX       2000	/* characters in one text (45002 beyond) */
#define WX_IMAGE_MAX      (10u << 20)	/* bytes: JPEG, PNG */
#define WX_VOICE_MAX      (2u << 20)	/* AMR, MP3 */
#define WX_VIDEO_MAX      (10u << 20)	/* MP4 */
#define WX_THUMB_MAX      (64u << 10)	/* JPEG */
/* what an upload form takes in: twice WeChat's largest file, so a file
 * somewhat over WeChat's limit reaches the page that explains that limit */
#define WX_UPLOAD_MAX     (2u * WX_VIDEO_MAX)
/* a follow, a scan of a parametric QR code, a click of a menu button of
 * the click or scancode types: a short window instead of the follower's
 * last one (45047 after its messages, 45015 after its time) */
#define WX_EVENT_WINDOW   60	/* seconds */
#define WX_EVENT_REPLIES  3
/* a number as SQL text: "consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) */
#define WX_SQL(n)  WX_SQL_(n)
#define WX_SQL_(n) #n
/*
 * SQL: true when the follower's latest action in a chat (its columns
 * prefixed by c: "c." or "") was a follow, a scan or a click: after their
 * last message, or the click that opened the chat before any message (a
 * message in the same second as an action is taken as the later, as
 * WeChat's simulator takes it).
 */
#define WX_SQL_EVENT(c) "(" c "grant_at > " c "last_user_msg_at OR " c "grant_at = " c \
	"last_user_msg_at AND " c "messages_in = 0)"
/*
 * SQL: true when WeChat takes one more customer-service message to the
 * follower of a chat: within the window of their latest action, under its
 * count (a payment, grant_paid: any number within WX_WINDOW). Binds the
 * time 48 hours before now, twice (a window_start).
 */
#define WX_SQL_SENDABLE(c) "IF(" WX_SQL_EVENT(c) ", " c "grant_at > FROM_UNIXTIME(? + IF(" c \
	"grant_paid, 0, " WX_SQL(WX_WINDOW - WX_EVENT_WINDOW) ")) AND (" c "grant_paid OR " c \
	"consecutive_out < " WX_SQL(WX_EVENT_REPLIES) "), " c "last_user_msg_at > " \
	"FROM_UNIXTIME(?) AND " c "consecutive_out < " WX_SQL(WX_REPLIES_IN_ROW) ")"
/*
 * SQL: the time of the follower's latest action when it was a follow, a
 * scan, a click or a payment, negated for a payment (chat_window reads
 * it), else 0.
 */
#define WX_SQL_GRANT(c) "IF(" WX_SQL_EVENT(c) ", IF(" c "grant_paid, -1, 1) * " \
	"UNIX_TIMESTAMP(" c "grant_at), 0)"
/* a payment's window: any number of messages (chat_window's max) */
#define WX_PAID_REPLIES 1000000

/* WeChat's days and months are Beijing's (UTC+8): its quotas start again at
 * midnight there. The day that holds now, from its start (unix time); and
 * now as a date there into *tm. */
#define WX_BEIJING (8 * 3600)
time_t wx_beijing_day(time_t now);
void   wx_beijing_tm(time_t now, struct tm *tm);

const char *wx_strerror(int code);

/* hex(sha1(concat(sort(parts)))); NULL when a part is NULL or empty */
char *wx_sign(struct pool *p, const char *const *parts, int n);
/* 1 when signature matches sha1 of sort(token, timestamp, nonce) */
int   wx_check_signature(struct pool *p, const char *token, const char *timestamp,
	  const char *nonce, const char *signature);
/* 1 when msg_signature matches sha1 of sort(token, timestamp, nonce, encrypt) */
int   wx_check_msg_signature(struct pool *p, const char *token, const char *timestamp,
	  const char *nonce, const char *encrypt, const char *msg_signature);

/* The 43-character EncodingAESKey to the AES-256 key (lenient base64). */
int   wx_aes_key(const char *encoding_aes_key, unsigned char key[32]);
int   wx_aes_key_valid(const char *encoding_aes_key);
/*
 * Decrypts the base64 Encrypt text. On WX_OK *msg holds the inner XML
 * (*msglen bytes, NUL-terminated) and *receive_id the AppID it names, both
 * in the pool. appid, when not NULL, must equal receive_id (else WX_ERR_APPID).
 */
int   wx_decrypt(struct pool *p, const unsigned char key[32], const char *b64,
	  const char *appid, char **msg, size_t *msglen, char **receive_id);
/* Encrypts msg for appid with the given 16 random bytes; returns base64. */
char *wx_encrypt(struct pool *p, const unsigned char key[32], const char *msg,
	  size_t msglen, const char *appid, const unsigned char random16[16]);

/* text as an XML CDATA section ("]]>" split across two) */
const char *wx_cdata(struct pool *p, const char *s);
/* a passive text reply to the follower openid from the account original_id */
char *wx_reply_text(struct pool *p, const char *openid, const char *original_id,
	long long at, const char *content);
/* a passive picture reply: media_id from media/upload */
char *wx_reply_image(struct pool *p, const char *openid, const char *original_id,
	long long at, const char *media_id);
/* a reply sealed for safe mode: Encrypt, MsgSignature, TimeStamp, Nonce */
char *wx_seal(struct pool *p, const unsigned char key[32], const char *appid,
	const char *token, const char *timestamp, const char *nonce, const char *xml);

/* Parsed push: element paths ("Content", "ScanCodeInfo.ScanType") and text. */
struct wx_field {
	struct wx_field *next;
	const char      *name;
	const char      *value;
};
/*
 * Parses a push with libxml2: no DTD, no entities, no network, no
 * processing instructions, root <xml>, depth <= 8, at most WX_XML_MAX bytes.
 * Returns WX_OK or WX_ERR_XML.
 */
int   wx_parse(struct pool *p, const char *xml, size_t len, struct wx_field **out);
const char *wx_get(const struct wx_field *f, const char *name);

#endif
