/*
 * sim-api.c: the WeChat simulator's API: what api.weixin.qq.com answers,
 * as docs/en/operations.md ("The WeChat simulator") describes it (tokens that expire
 * and rotate, the 48-hour window and the 5-in-a-row limit of the
 * customer-service API, media limits, errcodes), plus a control API for tests (/sim/…): register
 * accounts, inject faults, read what a follower received, count calls.
 *
 * The code under test only knows WeChat.APIBase; nothing here is special
 * to it.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/json.h"
#include "../src/media.h"
#include "sim-db.h"
#include "sim.h"
#include "wxpush.h"


static const char *
errmsg(long e)
{
	switch (e) {
	case -1:    return "system error";
	case 40001: return "invalid credential, access_token is invalid or not latest";
	case 40003: return "invalid openid";
	case 40004: return "invalid media type";
	case 40005: return "invalid file type";
	case 40006: return "invalid file size";
	case 40007: return "invalid media_id";
	case 40013: return "invalid appid";
	case 40125: return "invalid appsecret";
	case 40164: return "invalid ip 127.0.0.1, not in whitelist";
	case 41001: return "access_token missing";
	case 42001: return "access_token expired";
	case 43004: return "require subscribe";
	case 44002: return "empty post data";
	case 45015: return "response out of time limit or subscription is canceled";
	case 45047: return "out of response count limit";
	case 45072: return "command field invalid";
	case 45080: return "has not sent message to user in 30 seconds";
	case 40092: return "invalid remark";
	case 47001: return "data format error";
	case 40032: return "invalid openid list size";
	case 45009: return "reach max api daily quota limit";
	case 45011: return "api minute-quota reach limit, mustslower retry next minute";
	case 45056: return "too many tags now, no need to add new";
	case 45057: return "can't delete the tag that has too many fans";
	case 45058: return "can't modify sys tag";
	case 45059: return "there are too many tags in this user";
	case 45157: return "invalid tag name";
	case 45158: return "tag name too long";
	case 45159: return "invalid tag id";
	case 48001: return "api unauthorized";
	case 40097: return "invalid args";
	case 40016: return "invalid button size";
	case 40017: return "invalid button type";
	case 40018: return "invalid button name size";
	case 40019: return "invalid button key size";
	case 40020: return "invalid button url size";
	case 40023: return "invalid sub button size";
	case 40024: return "invalid sub button type";
	case 40025: return "invalid sub button name size";
	case 40026: return "invalid sub button key size";
	case 40027: return "invalid sub button url size";
	case 40166: return "invalid appid";
	case 46003: return "menu no exist";
	case 65301: return "no this menuid";
	case 65303: return "there is no selfmenu, please create selfmenu first";
	case 65304: return "match rule empty";
	case 65320: return "invalid matchrule, only tag_id and client_platform_type";
	case 45029: return "qrcode count out of limit";
	case 49003: return "not belong to this appid";
	case 40037: return "invalid template_id";
	case 40130: return "invalid openid list size, at least two openid";
	case 40039: return "invalid url size";
	case 43101: return "user refuse to accept the msg";
	case 47003: return "argument invalid! data.value invalid";
	default:    return "error";
	}
}

void
sim_api_error(struct req *r, struct resp *rs, const char *appid, const char *api, long e)
{

	db_sim_call_insert(&r->pool, appid, api, (long long)e,
	    (long long)wx_now(), NULL);
	if (e == 503) {
		/* an outage: WeChat's gateway answers with an error page, not JSON */
		resp_text(rs, 503, "503 Service Temporarily Unavailable\n");
		return;
	}
	resp_json(rs, 200, json_pack("{s:I,s:o}", "errcode", (json_int_t)e, "errmsg",
	    json_s(errmsg(e))));
}

void
sim_api_ok(struct req *r, const char *appid, const char *api)
{
	db_sim_call_insert(&r->pool, appid, api, 0LL, (long long)wx_now(), NULL);
}

/* Logs the call and answers WeChat's plain success. */
void
sim_api_done(struct req *r, struct resp *rs, const char *appid, const char *api)
{

	sim_api_ok(r, appid, api);
	resp_json(rs, 200, json_pack("{s:i,s:s}", "errcode", 0, "errmsg", "ok"));
}

/* The call's one answer: WeChat's error e, or its plain success (e 0). */
void
sim_api_answer(struct req *r, struct resp *rs, const char *appid, const char *api, long e)
{
	if (e != 0)
		sim_api_error(r, rs, appid, api, e);
	else
		sim_api_done(r, rs, appid, api);
}

/* Parses the JSON body into *f; returns 0, or -1 after answering 47001. */
int
sim_json_body(struct req *r, struct resp *rs, const char *appid, const char *api,
    struct wx_field **f)
{
	if (r->body != NULL && json_parse(&r->pool, r->body, r->clen, f) == 0)
		return 0;
	sim_api_error(r, rs, appid, api, 47001);
	return -1;
}

/* A fault a test asked for: returns its errcode (0: none), after its delay. */
static long
fault(struct req *r, const char *appid, const char *api)
{
	struct dbres f;

	if (appid == NULL || db_sim_fault_get(&r->pool, appid, api, &f) != DB_OK ||
	    f.nrows == 0)
		return 0;
	db_sim_fault_use(&r->pool, appid, api, NULL);
	if (db_int(&f, 0, SF_DELAY) > 0)
		usleep((useconds_t)db_int(&f, 0, SF_DELAY) * 1000);
	return db_int(&f, 0, SF_ERRCODE);
}

/* The account an access token belongs to, or NULL after answering the error. */
const char *
sim_check_token(struct req *r, struct resp *rs, const char *api)
{
	const char  *t = req_arg(r, "access_token");
	struct dbres res;

	if (t == NULL || *t == '\0') {
		sim_api_error(r, rs, NULL, api, 41001);
		return NULL;
	}
	if (db_sim_token_get(&r->pool, t, &res) != DB_OK || res.nrows == 0) {
		sim_api_error(r, rs, NULL, api, 40001);
		return NULL;
	}
	if (db_int(&res, 0, STG_EXPIRES) <= (long long)wx_now()) {
		sim_api_error(r, rs, db_cell(&res, 0, STG_APPID), api, 42001);
		return NULL;
	}
	long e = fault(r, db_cell(&res, 0, STG_APPID), api);
	if (e == 0)
		e = sim_quota_spent(r, db_cell(&res, 0, STG_APPID), api);
	if (e != 0) {
		sim_api_error(r, rs, db_cell(&res, 0, STG_APPID), api, e);
		return NULL;
	}
	return db_cell(&res, 0, STG_APPID);
}

/* 1 when addr is one of the entries of list (separated by commas, spaces or lines). */
static int
listed(const char *list, const char *addr)
{
	size_t n = addr ? strlen(addr) : 0;

	if (n == 0)
		return 0;
	for (const char *s = list; *s; ) {
		size_t len;
		s += strspn(s, ", \t\r\n");
		len = strcspn(s, ", \t\r\n");
		if (len == n && strncmp(s, addr, n) == 0)
			return 1;
		s += len;
	}
	return 0;
}

/* Checks appid and secret as cgi-bin/token does; 0 or the errcode. */
static long
check_app(struct req *r, const char *appid, const char *secret, const char *api)
{
	struct dbres a;
	long         e;

	if (appid == NULL || db_sim_account_get(&r->pool, appid, &a) != DB_OK ||
	    a.nrows == 0)
		return 40013;
	if ((e = fault(r, appid, api)) != 0)
		return e;
	if (secret == NULL || strcmp(secret, db_cell(&a, 0, SA_SECRET)) != 0)
		return 40125;
	/* the account's API IP whitelist, when one is set */
	const char *wl = db_cell(&a, 0, SA_WHITELIST);
	if (wl && *wl && !listed(wl, r->remote_addr))
		return 40164;
	return 0;
}

static void
token_answer(struct resp *rs, const char *token, long long ttl)
{

	resp_json(rs, 200, json_pack("{s:o,s:I}", "access_token", json_s(token), "expires_in",
	    (json_int_t)ttl));
}

/* GET /cgi-bin/token: every call issues a new token; the old one lives 5 more minutes. */
void
sim_token_get(struct req *r, struct resp *rs)
{
	const char *appid = req_arg(r, "appid");
	long long   now = (long long)wx_now();
	long        e;

	if (req_arg(r, "grant_type") == NULL || strcmp(req_arg(r, "grant_type"),
	    "client_credential") != 0) {
		sim_api_error(r, rs, appid, "token", 40002);
		return;
	}
	if ((e = check_app(r, appid, req_arg(r, "secret"), "token")) != 0) {
		sim_api_error(r, rs, appid, "token", e);
		return;
	}
	char *t = rand_alnum(&r->pool, 96);
	db_sim_token_shorten(&r->pool, now + 300, appid, "classic", t, NULL);
	db_sim_token_insert(&r->pool, t, appid, "classic", now, now + 7200, NULL);
	sim_api_ok(r, appid, "token");
	token_answer(rs, t, 7200);
}

/* POST /cgi-bin/stable_token: the same token until its last 5 minutes. */
void
sim_stable_token_post(struct req *r, struct resp *rs)
{
	struct wx_field *f;
	long long        now = (long long)wx_now();
	struct dbres     cur;
	long             e;

	if (sim_json_body(r, rs, NULL, "stable_token", &f) != 0)
		return;
	const char *appid = wx_get(f, "appid");
	const char *force = wx_get(f, "force_refresh");
	if ((e = check_app(r, appid, wx_get(f, "secret"), "stable_token")) != 0) {
		sim_api_error(r, rs, appid, "stable_token", e);
		return;
	}
	if (!(force && strcmp(force, "true") == 0) &&
	    db_sim_token_current(&r->pool, appid, "stable", now + 300, &cur) ==
	    DB_OK && cur.nrows == 1) {
		sim_api_ok(r, appid, "stable_token");
		token_answer(rs, db_cell(&cur, 0, STC_TOKEN), db_int(&cur, 0, STC_EXPIRES) - now);
		return;
	}
	char *t = rand_alnum(&r->pool, 96);
	if (force && strcmp(force, "true") == 0)
		db_sim_token_shorten(&r->pool, now, appid, "stable", t, NULL);
	db_sim_token_insert(&r->pool, t, appid, "stable", now, now + 7200, NULL);
	sim_api_ok(r, appid, "stable_token");
	token_answer(rs, t, 7200);
}

/* POST /cgi-bin/message/custom/send */
void
sim_custom_send_post(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "custom_send");
	struct wx_field *f;
	struct dbres     u, m;
	long long        now = (long long)wx_now();

	if (appid == NULL)
		return;
	if (sim_json_body(r, rs, appid, "custom_send", &f) != 0)
		return;
	const char *to = wx_get(f, "touser"), *type = wx_get(f, "msgtype");
	const char *content = NULL, *media = NULL;
	if (to == NULL || type == NULL) {
		sim_api_error(r, rs, appid, "custom_send", 47001);
		return;
	}
	if (strcmp(type, "text") == 0)
		content = wx_get(f, "text.content");
	else if (strcmp(type, "image") == 0 || strcmp(type, "voice") == 0 ||
	    strcmp(type, "video") == 0)
		media = wx_get(f, pool_printf(&r->pool, "%s.media_id", type));
	if (content == NULL && media == NULL) {
		sim_api_error(r, rs, appid, "custom_send", 47001);
		return;
	}
	if (content && strlen(content) > 2048) {
		sim_api_error(r, rs, appid, "custom_send", 45002);
		return;
	}
	if (media && (db_sim_media_get(&r->pool, media, &m) != DB_OK ||
	    m.nrows == 0 || strcmp(db_cell(&m, 0, SM_APPID), appid) != 0)) {
		sim_api_error(r, rs, appid, "custom_send", 40007);
		return;
	}
	if (db_sim_user_get(&r->pool, appid, to, &u) != DB_OK || u.nrows == 0) {
		sim_api_error(r, rs, appid, "custom_send", 40003);
		return;
	}
	/* the window of the follower's latest action: a follow, scan or click's
	 * (WX_EVENT_REPLIES within WX_EVENT_WINDOW), else their last message's */
	long long grant = db_int(&u, 0, SU_GRANT), last = db_int(&u, 0, SU_LAST_MSG);
	int       event = grant > last;	/* a message in the same second is the later */
	/* (a payment: any number within 48 hours) */
	int       paid = event && db_int(&u, 0, SU_PAID);
	if (db_int(&u, 0, SU_SUBSCRIBED) == 0 || (paid ? now - grant > WX_WINDOW :
	    event ? now - grant >= WX_EVENT_WINDOW : now - last > WX_WINDOW)) {
		sim_api_error(r, rs, appid, "custom_send", 45015);
		return;
	}
	if (!paid && db_int(&u, 0, SU_SENT_SINCE) >= (event ? WX_EVENT_REPLIES :
	    WX_REPLIES_IN_ROW)) {
		sim_api_error(r, rs, appid, "custom_send", 45047);
		return;
	}
	db_sim_user_sent(&r->pool, appid, to, NULL);
	db_sim_received_insert(&r->pool, appid, to, type, content,
	    media, now, NULL);
	sim_api_done(r, rs, appid, "custom_send");
}

/* POST /cgi-bin/message/custom/typing */
void
sim_typing_post(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "typing");
	struct wx_field *f;
	struct dbres     u;

	if (appid == NULL)
		return;
	if (sim_json_body(r, rs, appid, "typing", &f) != 0)
		return;
	const char *cmd = wx_get(f, "command"), *to = wx_get(f, "touser");
	if (cmd == NULL || (strcmp(cmd, "Typing") != 0 && strcmp(cmd, "CancelTyping") != 0)) {
		sim_api_error(r, rs, appid, "typing", 45072);
		return;
	}
	if (to == NULL || db_sim_user_get(&r->pool, appid, to, &u) != DB_OK ||
	    u.nrows == 0 || (long long)wx_now() - db_int(&u, 0, SU_LAST_MSG) > 30) {
		sim_api_error(r, rs, appid, "typing", 45080);
		return;
	}
	sim_api_done(r, rs, appid, "typing");
}

/*
 * Stores an upload as WeChat's temporary media; returns its media id, or
 * NULL with *err set (40004 type, 40005 file type, 40006 size).
 */
const char *
sim_media_store(struct req *r, const char *appid, const char *type, const char *filename,
    const void *data, size_t n, long *err)
{
	const char *kind = media_sniff(data, n);
	size_t      max;
	int         ok;

	if (strcmp(type, "image") == 0)
		max = WX_IMAGE_MAX, ok = kind && (!strcmp(kind, "jpeg") || !strcmp(kind, "png") ||
		    !strcmp(kind, "gif"));
	else if (strcmp(type, "voice") == 0)
		max = WX_VOICE_MAX, ok = kind && (!strcmp(kind, "amr") || !strcmp(kind, "mp3"));
	else if (strcmp(type, "video") == 0)
		max = WX_VIDEO_MAX, ok = kind && !strcmp(kind, "mp4");
	else if (strcmp(type, "thumb") == 0)
		max = WX_THUMB_MAX, ok = kind && !strcmp(kind, "jpeg");
	else {
		*err = 40004;
		return NULL;
	}
	if (!ok) {
		*err = 40005;
		return NULL;
	}
	if (n == 0 || n > max) {
		*err = 40006;
		return NULL;
	}
	char *id = pool_printf(&r->pool, "%s_%s", type, rand_alnum(&r->pool, 48));
	if (db_sim_media_insert(&r->pool, id, appid, type,
	    media_mime(kind), filename ? filename : "upload", data, n, (long long)wx_now(), NULL) != DB_OK) {
		*err = -1;
		return NULL;
	}
	return id;
}

/* POST /cgi-bin/media/upload?type=… with the file in the field "media" */
void
sim_media_upload_post(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "media_upload");
	const struct kv *file;
	const char      *type = req_arg(r, "type"), *id;
	long             e = 0;

	if (appid == NULL)
		return;
	if ((file = req_file(r, "media")) == NULL) {
		sim_api_error(r, rs, appid, "media_upload", 41005);
		return;
	}
	if ((id = sim_media_store(r, appid, type ? type : "", file->filename, file->val,
	    file->vlen, &e)) == NULL) {
		sim_api_error(r, rs, appid, "media_upload", e);
		return;
	}
	sim_api_ok(r, appid, "media_upload");
	resp_json(rs, 200, json_pack("{s:o,s:o,s:I}", "type", json_s(type), "media_id",
	    json_s(id), "created_at", (json_int_t)wx_now()));
}

static void
send_media(struct req *r, struct resp *rs, const struct dbres *m)
{
	/* columns: type mime filename data appid created_at */
	rs->status = 200;
	rs->ctype = pool_strdup(&r->pool, db_cell(m, 0, SM_MIME));
	resp_header(rs, "Content-Disposition", pool_printf(&r->pool,
	    "attachment; filename=\"%s\"", db_cell(m, 0, SM_FILENAME)));
	buf_reset(&rs->body);
	buf_append(&rs->body, db_cell(m, 0, SM_DATA), m->lens[0][SM_DATA]);
}

/* GET /cgi-bin/media/get?media_id=…: the file; a video answers with a URL */
void
sim_media_get(struct req *r, struct resp *rs)
{
	const char  *appid = sim_check_token(r, rs, "media_get");
	const char  *id = req_arg(r, "media_id");
	struct dbres m;

	if (appid == NULL)
		return;
	if (id == NULL || db_sim_media_get(&r->pool, id, &m) != DB_OK ||
	    m.nrows == 0 || strcmp(db_cell(&m, 0, SM_APPID), appid) != 0 ||
	    (long long)wx_now() - db_int(&m, 0, SM_CREATED) > 3 * 86400) {
		sim_api_error(r, rs, appid, "media_get", 40007);
		return;
	}
	sim_api_ok(r, appid, "media_get");
	if (strcmp(db_cell(&m, 0, SM_TYPE), "video") == 0) {
		resp_json(rs, 200, json_pack("{s:o}", "video_url", json_s(pool_printf(&r->pool,
		    "%s/sim/video/%s", cfg_get("Sim.PublicURL", "http://127.0.0.1:8081"), id))));
		return;
	}
	send_media(r, rs, &m);
}

/* GET /sim/video/<media id>: where media/get's video_url points */
void
sim_video_get(struct req *r, struct resp *rs)
{
	struct dbres m;

	if (r->key == NULL || db_sim_media_get(&r->pool, r->key, &m) != DB_OK ||
	    m.nrows == 0) {
		resp_text(rs, 404, "no such video\n");
		return;
	}
	send_media(r, rs, &m);
}

/* GET /cgi-bin/user/info?openid=… (no nickname or avatar since 2021) */
void
sim_user_info_get(struct req *r, struct resp *rs)
{
	const char  *appid = sim_check_token(r, rs, "user_info");
	const char  *openid = req_arg(r, "openid");
	struct dbres u;

	if (appid == NULL)
		return;
	if (openid == NULL || db_sim_user_get(&r->pool, appid, openid, &u) !=
	    DB_OK || u.nrows == 0) {
		sim_api_error(r, rs, appid, "user_info", 40003);
		return;
	}
	sim_api_ok(r, appid, "user_info");
	if (db_int(&u, 0, SU_SUBSCRIBED) == 0)
		resp_json(rs, 200, json_pack("{s:i,s:o}", "subscribe", 0, "openid",
		    json_s(openid)));
	else	/* no nickname or avatar, as WeChat since 2021-12-27 */
		resp_json(rs, 200, json_pack("{s:i,s:o,s:s,s:i,s:s,s:o,s:I,s:o,s:i,s:o,s:s,"
		    "s:i,s:s}", "subscribe", 1, "openid", json_s(openid), "nickname", "", "sex", 0,
		    "headimgurl", "", "language", json_s(db_cell(&u, 0, SU_LANG)), "subscribe_time",
		    (json_int_t)db_int(&u, 0, SU_SUBSCRIBE_TIME), "remark", json_s(db_cell(&u, 0,
		    SU_REMARK)), "groupid", 0, "tagid_list", sim_user_tagids(r, appid, openid),
		    "subscribe_scene", db_cell(&u, 0, SU_SCENE), "qr_scene", 0, "qr_scene_str",
		    db_cell(&u, 0, SU_QR_SCENE)));
}

/* 1 when WeChat verified the account (认证), as user management asks */
int
sim_verified(struct req *r, const char *appid)
{
	struct dbres a;

	return db_sim_account_get(&r->pool, appid, &a) == DB_OK && a.nrows == 1 &&
	    db_int(&a, 0, SA_VERIFIED) == 1;
}

/*
 * POST /cgi-bin/user/info/updateremark {openid, remark}: the name the account
 * gives a follower, answered by user/info from then on. WeChat's Chinese
 * documentation limits it to fewer than 30 bytes (40092 beyond); "" clears it.
 * Only a verified account may (48001 otherwise).
 */
void
sim_user_remark_post(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "user_remark");
	const char      *openid, *remark;
	struct wx_field *f;
	struct dbres     u;

	if (appid == NULL || sim_json_body(r, rs, appid, "user_remark", &f) != 0)
		return;
	openid = wx_get(f, "openid");
	remark = wx_get(f, "remark");
	if (openid == NULL || remark == NULL) {
		sim_api_error(r, rs, appid, "user_remark", 47001);
		return;
	}
	if (strlen(remark) >= 30) {
		sim_api_error(r, rs, appid, "user_remark", 40092);
		return;
	}
	if (!sim_verified(r, appid)) {
		sim_api_error(r, rs, appid, "user_remark", 48001);
		return;
	}
	if (db_sim_user_get(&r->pool, appid, openid, &u) != DB_OK || u.nrows == 0 ||
	    db_int(&u, 0, SU_SUBSCRIBED) == 0) {
		sim_api_error(r, rs, appid, "user_remark", 40003);
		return;
	}
	if (db_sim_user_remark(&r->pool, appid, openid, remark) != DB_OK)
		sim_api_error(r, rs, appid, "user_remark", -1);
	else
		sim_api_done(r, rs, appid, "user_remark");
}

void
sim_callback_ip_get(struct req *r, struct resp *rs)
{
	const char *appid = sim_check_token(r, rs, "getcallbackip");

	if (appid == NULL)
		return;
	sim_api_ok(r, appid, "getcallbackip");
	resp_json(rs, 200, json_pack("{s:[s,s]}", "ip_list", "127.0.0.1", "101.226.103.0/25"));
}

/* ---- control API for tests and the demo (/sim/…) ---- */

/*
 * POST /sim/accounts: appid secret original_id token aes_key mode webhook_url
 * name, optional whitelist and account_verified (0: an account WeChat has
 * not verified, which user management refuses); with verify=1 the URL is verified at once, as
 * WeChat does when the URL is submitted in its dashboard.
 */
void
sim_accounts_post(struct req *r, struct resp *rs)
{
	const char *f[8] = { req_field(r, "appid"), req_field(r, "secret"),
	    req_field(r, "original_id"), req_field(r, "token"), req_field(r, "aes_key"),
	    req_field(r, "mode"), req_field(r, "webhook_url"), req_field(r, "name") };

	for (int i = 0; i < 8; i++)
		if (f[i] == NULL) {
			resp_text(rs, 400, "appid, secret, original_id, token, aes_key, mode, "
			    "webhook_url and name are all required\n");
			return;
		}
	if (db_sim_account_upsert(&r->pool, f[0], f[1], f[2], f[3],
	    f[4], f[5], f[6], f[7], NULL) != DB_OK) {
		resp_text(rs, 503, "database unavailable\n");
		return;
	}
	db_sim_account_whitelist(&r->pool,
	    req_field(r, "whitelist") ? req_field(r, "whitelist") : "", f[0], NULL);
	db_sim_account_verified(&r->pool, !(req_field(r, "account_verified") &&
	    strcmp(req_field(r, "account_verified"), "0") == 0), f[0]);
	json_t *doc = json_pack("{s:b}", "ok", 1);
	if (req_field(r, "verify") && strcmp(req_field(r, "verify"), "1") == 0) {
		struct buf log = { 0 };
		int ok = wxpush_verify(&r->pool, f[6], f[3], &log) == 0;
		json_object_set_new(doc, "verified", json_boolean(ok));
		json_object_set_new(doc, "detail", json_s(log.data));
		buf_free(&log);
	}
	resp_json(rs, 200, doc);
}

/* POST /sim/faults: appid api errcode count delay_ms */
void
sim_faults_post(struct req *r, struct resp *rs)
{
	const char *appid = req_field(r, "appid"), *api = req_field(r, "api");
	const char *code = req_field(r, "errcode"), *count = req_field(r, "count");
	const char *delay = req_field(r, "delay_ms");

	if (appid == NULL || api == NULL || code == NULL) {
		resp_text(rs, 400, "appid, api and errcode are required\n");
		return;
	}
	db_sim_fault_set(&r->pool, appid, api,
	    strtoll(code, NULL, 10), count ? strtoll(count, NULL, 10) : 1LL,
	    delay ? strtoll(delay, NULL, 10) : 0LL, NULL);
	resp_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

/* GET /sim/received?appid=&openid=: what the follower's phone shows, newest first */
void
sim_received_get(struct req *r, struct resp *rs)
{
	struct sim_received *m = NULL;
	size_t               n = 0;

	if (db_sim_received_list(&r->pool, req_arg(r, "appid") ?
	    req_arg(r, "appid") : "", req_arg(r, "openid") ? req_arg(r, "openid") : "", &m, &n) != DB_OK) {
		resp_text(rs, 503, "database unavailable\n");
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:o,s:o,s:o,s:I}", "msgtype",
		    json_s(m[i].type), "content", json_s(m[i].content), "media_id",
		    json_s(m[i].media_id), "at", (json_int_t)m[i].at));
	resp_json(rs, 200, json_pack("{s:o}", "messages", list));
}
