/* wxdesk.h: declarations shared by every wxdesk program (one header, as cgit keeps one). */
#ifndef WXDESK_H
#define WXDESK_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <time.h>

typedef struct _hdf HDF;           /* ClearSilver's data tree */
typedef struct FCGX_Request FCGX_Request;

#define WX_SCHEMA_VERSION 67       /* highest sql/NNN_*.sql this code knows */

/* ---- util.c: allocation that aborts on failure, buffers, pools ---- */

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/*
 * A growable byte buffer. Invariant: when cap > 0, data[len] == '\0', so
 * data is always a C string as well as a byte range. buf_free accepts an
 * empty buffer. Memory is owned by the buffer.
 */
struct buf {
	char   *data;
	size_t  len;
	size_t  cap;
};
void  buf_grow(struct buf *b, size_t extra);
void  buf_append(struct buf *b, const void *p, size_t n);
void  buf_puts(struct buf *b, const char *s);
void  buf_putc(struct buf *b, char c);
void  buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void  buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void  buf_reset(struct buf *b);
void  buf_free(struct buf *b);

/*
 * A request pool: many small allocations released by one pool_free().
 * Chunks are malloc'd; a large allocation gets a chunk of its own.
 */
struct pool_chunk;
struct pool {
	struct pool_chunk *head;
	size_t             total;	/* bytes handed out, for tests */
};
void *pool_alloc(struct pool *p, size_t n);	/* zeroed */
char *pool_strdup(struct pool *p, const char *s);
char *pool_strndup(struct pool *p, const char *s, size_t n);
char *pool_printf(struct pool *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void  pool_free(struct pool *p);		/* the pool may be reused after */

/* Logging to stderr (lighttpd's error log), one line, with the program name. */
void wx_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* seconds on the monotonic clock: for a job's budget (a second at most) and
 * durations; never a time of day */
double wx_mono(void);
/* the same, never held back: who did what (sign-in failures, Reveal) */
void wx_audit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wx_set_progname(const char *name);
const char *wx_progname(void);
void wx_log_open(const char *path);

/* ---- config.c: one HDF file named by $WXDESK_CONFIG ---- */

int         cfg_load(const char *path);	/* 0 ok, -1 error (logged) */
const char *cfg_get(const char *name, const char *def);
int         cfg_overlay(const char *path);	/* a second file over the first (0, -1) */
int         cfg_int(const char *name, int def);
HDF        *cfg_hdf(void);

/* ---- clock.c: the one clock, shiftable by a test offset file ---- */

time_t wx_now(void);
void   wx_fmt_time(time_t t, char *out, size_t n);	/* "2026-11-24 14:32 UTC" */

/* ---- secret.c: OpenSSL helpers ---- */

void  rand_bytes(void *p, size_t n);		/* aborts if the CSPRNG fails */
char *rand_hex(struct pool *p, size_t nbytes);	/* 2*nbytes hex chars */
char *rand_alnum(struct pool *p, size_t n);	/* [A-Za-z0-9]{n} */
char *sha256_hex(struct pool *p, const void *d, size_t n);
int   ct_streq(const char *a, const char *b);	/* constant time in length of b */
char *b64_encode(struct pool *p, const void *d, size_t n);
/* Decodes standard base64; returns bytes written or -1. out needs 3*len/4. */
long  b64_decode(const char *s, size_t len, unsigned char *out);

#define PW_ITERATIONS 600000
char *pw_hash(struct pool *p, const char *password);
int   pw_verify(const char *password, const char *stored);	/* 1 match */

int   secret_key_load(const char *path);	/* creates it 0600 if missing */
char *secret_encrypt(struct pool *p, const char *plain);	/* "v1:..." */
char *secret_decrypt(struct pool *p, const char *stored);	/* NULL on tamper */
/* hex(HMAC-SHA256(key, d)): a signature others make with a key they share */
char *secret_hmac_hex(struct pool *p, const char *key, const void *d, size_t n);
/* 1 when two strings are the same, in time that does not depend on where they differ */
int   secret_same(const char *a, const char *b);
char *secret_mask(struct pool *p, const char *plain);		/* "••••ab12" */
/* HMAC-SHA256 of purpose and d under the secrets key, as hex: a short code
 * stored this way cannot be recovered from the database alone */
char *secret_mac_hex(struct pool *p, const char *purpose, const void *d, size_t n);

/* ---- req.c: parsed request ---- */

struct kv {
	struct kv  *next;
	const char *key;
	const char *val;	/* NUL-terminated; may hold NULs for files */
	size_t      vlen;
	const char *filename;	/* multipart file parts only */
	const char *ctype;	/* multipart part Content-Type, or NULL */
};

struct req_limits {
	size_t body_max;	/* whole body */
	size_t field_max;	/* any non-file field */
	size_t file_max;	/* any one file part */
	int    fields_max;	/* number of fields */
};

enum role { ROLE_NONE = 0, ROLE_OPERATOR = 1, ROLE_SUPERVISOR = 2, ROLE_ADMIN = 3 };

struct user {
	long long   id;
	const char *login;
	const char *name;
	enum role   role;
	int         disabled;
	const char *language;	/* the account's choice ("zh-CN"), or NULL */
	const char *presence;	/* "available", "busy" or "away" (assign.h) */
	long long   console_seen;	/* the last heartbeat of any of their pages, or 0 */
	int         idle;		/* their pages stopped beating: away until the next */
	int         totp;		/* signs in with a second factor */
	int         must_enrol;	/* an administrator without one where it is required */
};

/* the languages wxdesk is written in (lang.c, lang/<code>.hdf) */
enum lang { LANG_EN, LANG_ZH, LANG__N };

struct req {
	struct pool  pool;
	HDF         *hdf;
	const char  *method;
	const char  *path;	/* decoded path, without query */
	const char  *query;
	const char  *ctype;
	const char  *remote_addr;	/* the client's, past trusted proxies (addr.h) */
	const char  *peer_addr;		/* the connection's: the client or its proxy */
	const char  *user_agent;
	const char  *cookie_hdr;
	const char  *accept_language;
	const char  *authorization;	/* the Authorization header */
	const char  *idem_key;	/* the Idempotency-Key header (the API's) */
	struct api_token *token;	/* R_API: the caller's token (api.h) */
	enum lang    lang;	/* what the person reads: set by the router */
	size_t       clen;
	int          https;
	struct kv   *args;	/* query string */
	struct kv   *form;	/* body fields */
	struct kv   *audit_more;	/* what a change did beyond its form (audit_note) */
	struct kv   *cookies;
	long long    ids[4];	/* numbers captured by {id} in the route */
	int          nids;
	const char  *key;	/* the segment captured by {key} */
	const char  *body;	/* the raw body (NUL-terminated), clen bytes */
	/* filled by the router */
	struct user *user;	/* NULL when signed out */
	const char  *sid_hash;
	const char  *csrf;	/* token to put in forms */
	const char  *flash;	/* message from the previous request */
	struct console_mark *mark;	/* R_MARK: read with the session (console.h) */
};

const char *req_arg(struct req *r, const char *name);	/* query */
const char *req_field(struct req *r, const char *name);	/* body */
const struct kv *req_file(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
int   req_field_all(struct req *r, const char *name, const char **out, int max);

int   req_parse_urlencoded(struct pool *p, const char *s, size_t n,
	    struct kv **out, int maxfields, size_t field_max);
int   req_parse_cookies(struct pool *p, const char *s, struct kv **out);
int   req_parse_multipart(struct pool *p, const char *ctype, const char *body,
	    size_t n, const struct req_limits *lim, struct kv **out);
char *url_decode(struct pool *p, const char *s, size_t n, int plus);

/* reads params and the body of one FastCGI request; returns 0 or an HTTP status */
int   req_from_fcgi(struct req *r, FCGX_Request *f, const struct req_limits *lim);
/* the client behind a trusted proxy (addr.h): remote_addr and https */
void  req_proxied(struct req *r, FCGX_Request *f, const char *trusted);
void  req_free(struct req *r);

/* ---- resp.c ---- */

struct resp {
	int        status;
	struct buf headers;
	struct buf body;
	const char *ctype;
};
void resp_init(struct resp *rs);
void resp_free(struct resp *rs);
int  resp_header(struct resp *rs, const char *name, const char *value);
void resp_redirect(struct resp *rs, const char *location);
void resp_cookie(struct resp *rs, const char *name, const char *value,
	 long maxage, int secure);
void resp_text(struct resp *rs, int status, const char *text);
struct json_t;
void resp_json(struct resp *rs, int status, struct json_t *doc);	/* releases doc */
void csv_cell(struct buf *b, const char *s);	/* csv.c: one CSV cell, formula-safe */
void csv_line(struct buf *b, const char *first, ...);	/* one line of cells, NULL ends them */
#define CSV_BOM "\xef\xbb\xbf"	/* UTF-8's byte-order mark: Excel reads the file as UTF-8 */
/* a CSV download: 200, text/csv, saved as filename (ASCII), the BOM first */
void csv_begin(struct resp *rs, const char *filename);
/* csv.c: one record of a CSV file into fields; the count, 0 at the end */
int  csv_record(struct pool *p, const char **s, const char *end, char **fields, int max);
void resp_write(struct resp *rs, FCGX_Request *f);
const char *http_reason(int status);
int  header_value_ok(const char *s);

/* ---- tmpl.c: ClearSilver ---- */

int  tmpl_render(struct req *r, struct resp *rs, const char *file);
void tmpl_set(struct req *r, const char *name, const char *value);
/* Declared rows (DB_ROW: rows, n of them, its tag_cols and tag_kinds) into
 * prefix.N.<Name>, the name capitalised word by word (last_in: LastIn);
 * TMPL_LIST(r, prefix, rows, n, tag) names them by the row's tag. */
void tmpl_list(struct req *r, const char *prefix, const void *rows, size_t n,
	const char *const *cols, const char *kinds);
#define TMPL_LIST(r, prefix, rows, n, tag) tmpl_list(r, prefix, rows, n, tag##_cols, tag##_kinds)
void tmpl_setf(struct req *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tmpl_rich(struct req *r, const char *name, const char *text);	/* *bold* */
void tmpl_set_int(struct req *r, const char *name, long long v);
void req_hdf_init(struct req *r);

/* ---- router.c ---- */

#define R_PUBLIC 0x01	/* no sign-in needed */
#define R_JSON   0x02	/* errors as JSON */
#define R_SIGNED 0x04	/* authenticated by the handler (WeChat's signature): no session, no CSRF */
#define R_UPLOAD 0x08	/* takes files: the app's upload_limits instead of its limits */
#define R_MARK   0x10	/* the console's mark read with the session (r->mark) */
#define R_API    0x20	/* the API: a token with the route's scope (api.h), no session, no CSRF */
/* an API route's scope (api.h's SC_*), in the flags' upper bits */
#define R_SCOPE(s)     ((unsigned)(s) << 8)
#define R_SCOPE_OF(f)  ((unsigned)(f) >> 8)

typedef void (*handler_fn)(struct req *, struct resp *);

struct route {
	const char *method;	/* "GET" or "POST" */
	const char *pattern;	/* "/admin/brands/{id}" */
	unsigned    flags;
	enum role   role;	/* least role allowed */
	handler_fn  fn;
	const char *audit;	/* a write recorded in the audit trail under this
				 * action when it succeeds (audit.h), or NULL */
};

struct app {
	const char         *name;
	const struct route *routes;
	size_t              nroutes;
	struct req_limits   limits;
	struct req_limits   upload_limits;	/* for R_UPLOAD routes */
	void              (*after)(void);	/* after each answer is out, or NULL */
	/* the program's own router (the API's, api.h), or NULL: router_handle;
	 * read: 0, or the status the request's reading failed with (400, 413) */
	void              (*handle)(const struct app *, struct req *, struct resp *, int read);
};

int  route_match(const char *pattern, const char *path, long long *ids, int *nids,
	const char **key, struct pool *p);
void router_handle(const struct app *a, struct req *r, struct resp *rs);
void page_error(struct req *r, struct resp *rs, int status, int json, const char *msg);

/* ---- lang.c: the catalogues, and who reads which ---- */

HDF        *lang_catalogue(enum lang l);
HDF        *lang_page_data(enum lang l);
const char *lang_code(enum lang l);	/* "en", "zh-CN" */
const char *lang_name(enum lang l);	/* "English", "简体中文" */
int         lang_parse(const char *code);	/* a language, or -1 */
int         lang_accept(const char *accept_language);	/* a language, or -1 */
enum lang   lang_default(struct req *r);
const char *lang_text(enum lang l, const char *key);
int         lang_has(enum lang l, const char *key);	/* 1 when the catalogue has key */
const char *L(struct req *r, const char *key);	/* the reader's text for key */
const char *LF(struct req *r, const char *key, ...);	/* …with printf values */
const char *lang_time(struct req *r, time_t t);
const char *lang_script_text(struct req *r);	/* js.* as a JSON object */
/* a number of minutes in words: "30 minutes", "1 day", "1 month" */
const char *minutes_text(struct pool *p, enum lang l, long long m);
/* key's text with its %s filled by v[0..n) ("m:30": 30 minutes, in words) */
const char *lang_format(struct pool *p, enum lang l, const char *key, const char *const *v,
	int n);
/* "key|value|…" kept for readers of any language (values end with NULL) */
const char *lang_code_text(struct pool *p, const char *key, ...);
const char *lang_coded(struct pool *p, enum lang l, const char *stored);
int  app_main(const struct app *a, int argc, char **argv);
void app_serve_one(const struct app *a, FCGX_Request *f);
const char *role_name(enum role ro);
enum role role_parse(const char *s);
int  user_sees_all_chats(const struct user *u);
void flash_set(struct req *r, const char *msg);
/* session.c: the signed-in user from the session cookie (-1: the database failed) */
int  session_load(struct req *r, struct resp *rs, int want_flash, int want_mark);
void session_pre_csrf(struct req *r, struct resp *rs);

/* ---- form.c: field validators ---- */

struct field {
	const char *name;
	const char *label;
	int         required;	/* F_OPTIONAL, F_REQUIRED or F_CHECKED */
	const char *(*check)(const char *v);	/* NULL ok, else the error */
};
#define F_OPTIONAL 0	/* may be left empty: its value is then "" */
#define F_REQUIRED 1	/* empty: "<label> is required" */
#define F_CHECKED  2	/* its check says what empty means ("" passed to it) */
/*
 * A form read through its table of fields (kcgi's keys[]): each checked,
 * its value kept for the page (Form.<name>.Value) and
 * its error put beside it (Form.<name>.Error). out[i] is f[i]'s value: ""
 * when absent, NULL when it failed its check; a handler reads these, never
 * the request's fields (make lint). Returns the number of errors.
 */
int  form_read(struct req *r, const struct field *f, size_t n, const char **out);
int  form_check(struct req *r, const struct field *f, size_t n);	/* form_read, values unwanted */
#define FORM_READ(r, f, out) form_read((r), (f), sizeof(f) / sizeof((f)[0]), (out))
/* every value of a field sent more than once (checkboxes of ids), each
 * checked: how many, or -1 with the error beside the field */
int  form_many(struct req *r, const struct field *f, const char **out, int max);
/* the value form_read kept for the page; NULL when the form read had none
 * (a page shown again after a refused post shows what was typed) */
const char *form_kept(struct req *r, const char *name);
/* what was typed put back into the page, unchecked (a button that fills
 * one field in and shows the form again, as the wizard's Generate) */
void form_echo(struct req *r, const struct field *f, size_t n);
int  form_on(const char *v);	/* a checkbox's value: 1 when ticked */
long long form_ll(const char *v);	/* a checked number's value; 0 when left empty */
void form_error(struct req *r, const char *name, const char *msg);
void form_trim(struct req *r);
const char *v_name(const char *v);
const char *v_login(const char *v);
const char *v_password(const char *v);
const char *v_role(const char *v);
const char *v_id(const char *v);	/* a row's id: a whole number from 1 */
const char *v_flag(const char *v);	/* a checkbox: 1, 0 or on */
const char *v_line(const char *v);	/* one line of text, at most 200 characters */
const char *v_http_url(const char *v);	/* an http(s):// address, at most 500 characters */
const char *v_text(const char *v);	/* lines of text, at most 2,000 characters */
const char *v_word(const char *v);
const char *v_utf8(const char *v);	/* well-formed UTF-8, of any length */	/* a button's or a choice's value */
/* 1 when v is a whole number lo..hi written as digits alone (for a field's check) */
int  form_int_in(const char *v, long lo, long hi);

/* ---- text.c: UTF-8 ---- */
/* 1 when the comma-separated list set (a SET's text) holds item */
int    set_has(const char *set, const char *item);
int    utf8_valid(const char *s, size_t n);	/* 1 when well-formed (no overlongs, surrogates) */
size_t utf8_chars(const char *s);
/* the code point at s (valid UTF-8 assumed, else the byte), and its length */
unsigned utf8_at(const unsigned char *s, size_t *len);
/* c written as UTF-8 into b (room for 4 bytes): its length */
size_t utf8_put(char *b, unsigned c);
/* a code point as searches and word lists compare it: full-width ASCII as
 * ASCII, the ideographic space as a space, Latin letters lowercase */
unsigned text_fold(unsigned c);

#endif
