/*
 * sim-phone.c: the simulator's "phone": a page where a person plays a
 * follower: picks an account, follows, writes, sends a picture, voice or
 * video, scans a QR scene, unfollows, and sees what operators sent back.
 * Each action is pushed to the account's webhook exactly as WeChat would.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/media.h"
#include "../src/wxapi.h"
#include "sim-db.h"
#include "sim.h"
#include "wxpush.h"

#define DEFAULT_OPENID "oDemoFollower0000000000001"

static int
openid_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 4 && n <= 64 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == n;
}

void
sim_phone_get(struct req *r, struct resp *rs)
{
	struct sim_account *a = NULL;
	struct sim_received *m = NULL;
	size_t a_n = 0, m_n = 0;
	const char  *appid = req_arg(r, "appid"), *openid = req_arg(r, "openid");

	if (db_sim_account_list(&r->pool, &a, &a_n) != DB_OK) {
		resp_text(rs, 503, L(r, "sim.db_down"));
		return;
	}
	if (appid == NULL && a_n > 0)
		appid = a[0].app_id;
	if (!openid_ok(openid))
		openid = DEFAULT_OPENID;
	TMPL_LIST(r, "Accounts", a, a_n, sim_account);
	tmpl_set(r, "Phone.AppId", appid);
	tmpl_set(r, "Phone.OpenId", openid);
	tmpl_set(r, "Phone.Result", req_arg(r, "result"));
	if (appid && db_sim_received_list(&r->pool, appid, openid, &m, &m_n) == DB_OK) {
		TMPL_LIST(r, "Received", m, m_n, sim_received);
		for (size_t i = 0; i < m_n; i++) {
			char when[40];
			wx_fmt_time((time_t)m[i].at, when, sizeof when);
			tmpl_set(r, pool_printf(&r->pool, "Received.%zu.When", i), when);
		}
	}
	if (appid) {
		struct dbres u;
		if (db_sim_user_get(&r->pool, appid, openid, &u) == DB_OK &&
		    u.nrows == 1) {
			tmpl_set(r, "Phone.Following", db_int(&u, 0, SU_SUBSCRIBED) ? "1" : "0");
			tmpl_set(r, "Phone.SentSince", db_cell(&u, 0, SU_SENT_SINCE));
		}
	}
	tmpl_set(r, "Page.Title", "WeChat simulator");
	tmpl_render(r, rs, "sim-phone.cs");
}

/*
 * A notice accepted in an article's popup, notices or template messages
 * turned off in WeChat's settings (sim-notice.c): the event's XML, or NULL
 * after answering (nothing to push, or an unknown action).
 */
static const char *
consent_xml(struct req *r, struct resp *rs, const char *appid, const char *openid,
    const char *action, const char *original)
{
	const char *ev, *more;

	if (sim_notice_action(r, appid, openid, action, req_field(r, "template_id"), &ev,
	    &more) != 0) {
		resp_text(rs, 400, L(r, "sim.unknown_action"));
		return NULL;
	}
	if (ev == NULL) {
		resp_redirect(rs, pool_printf(&r->pool, "/phone?appid=%s&openid=%s&result=done",
		    appid, openid));
		return NULL;
	}
	return sim_event_xml(&r->pool, original, openid, ev, more);
}

/* a push that has waited in the account's server for "queued" seconds (a
 * burst: 0 to 300): the follower acted, and WeChat signed it, that long ago */
static long
queued_of(struct req *r)
{
	const char *v = req_field(r, "queued");
	long        q = v ? strtol(v, NULL, 10) : 0;

	return q < 0 ? 0 : q > 300 ? 300 : q;
}

void
sim_phone_post(struct req *r, struct resp *rs)
{
	const char          *appid = req_field(r, "appid"), *openid = req_field(r, "openid");
	const char          *action = req_field(r, "action");
	struct dbres         a;
	struct wxpush_target t = { 0 };
	struct wxpush_msg    m = { 0 };
	struct buf           log = { 0 };
	long long            now = (long long)wx_now();
	const char          *result;
	struct wxpush_reply  reply = { 0 };
	const char          *inner = NULL;

	if (!openid_ok(openid) || action == NULL || appid == NULL ||
	    db_sim_account_get(&r->pool, appid, &a) != DB_OK || a.nrows == 0) {
		resp_text(rs, 400, L(r, "sim.choose"));
		return;
	}
	t.queued = queued_of(r);
	now -= t.queued;
	/* columns: appid secret original_id token aes_key mode webhook_url name whitelist */
	t.url = db_cell(&a, 0, SA_URL);
	t.token = db_cell(&a, 0, SA_TOKEN);
	t.mode = db_cell(&a, 0, SA_MODE);
	t.aes_key = db_cell(&a, 0, SA_AES);
	t.app_id = appid;
	t.original_id = db_cell(&a, 0, SA_ORIGINAL);
	m.to = t.original_id;
	m.from = openid;
	m.create_time = now;
	m.msgid = wxpush_msgid(&r->pool);
	if (strcmp(action, "text") == 0) {
		const char *text = req_field(r, "text");
		if (text == NULL || *text == '\0') {
			resp_redirect(rs, pool_printf(&r->pool, "/phone?appid=%s&openid=%s&result=empty",
			    appid, openid));
			return;
		}
		m.type = "text";
		m.a1 = text;
		db_sim_user_message(&r->pool, appid, openid, now, now, NULL);
	} else if (strcmp(action, "media") == 0) {
		const struct kv *file = req_file(r, "file");
		const char      *kind = file ? media_sniff(file->val,
		    file->vlen) : NULL;
		long             err = 0;
		const char      *type = kind == NULL ? NULL : !strcmp(kind, "amr") ||
		    !strcmp(kind, "mp3") ? "voice" : !strcmp(kind, "mp4") ? "video" : "image";
		const char      *id = type ? sim_media_store(r, appid, type, file->filename,
		    file->val, file->vlen, &err) : NULL;
		if (id == NULL) {
			resp_redirect(rs, pool_printf(&r->pool, "/phone?appid=%s&openid=%s&result=badfile",
			    appid, openid));
			return;
		}
		m.type = type;
		m.a1 = id;
		m.a2 = strcmp(type, "video") == 0 ? id : req_field(r, "recognition");
		db_sim_user_message(&r->pool, appid, openid, now, now, NULL);
	} else if (strcmp(action, "follow") == 0 || strcmp(action, "scan") == 0) {
		const char *scene = req_field(r, "scene");
		struct dbres u;
		int following = db_sim_user_get(&r->pool, appid, openid, &u) ==
		    DB_OK && u.nrows == 1 && db_int(&u, 0, SU_SUBSCRIBED);
		m.type = "event";
		if (strcmp(action, "scan") == 0 && following) {
			m.a1 = "SCAN";
			m.a2 = scene && *scene ? scene : "1";
		} else {
			m.a1 = "subscribe";
			m.a2 = scene && *scene ? pool_printf(&r->pool, "qrscene_%s", scene) : "";
		}
		if (!(strcmp(action, "scan") == 0 && following))	/* (a scan: they follow already) */
			db_sim_user_subscribe(&r->pool, appid, openid, 1LL, now, scene, NULL);
		db_sim_user_grant(&r->pool, appid, openid, now);
	} else if (strcmp(action, "click") == 0) {
		/* a menu button: a click's key (or a scan code button's) */
		const char *key = req_field(r, "key");
		m.type = "event";
		m.a1 = "CLICK";
		m.a2 = key ? key : "";
		db_sim_user_grant(&r->pool, appid, openid, now);
	} else if (strncmp(action, "notice_", 7) == 0 || strncmp(action, "templates_", 10) == 0) {
		if ((inner = consent_xml(r, rs, appid, openid, action, t.original_id)) == NULL)
			return;
	} else if (strcmp(action, "pay") == 0) {
		/* a payment in the account's shop (WeChat Pay): WeChat tells the
		 * merchant's server, not the account's webhook: nothing is pushed */
		db_sim_user_paid(&r->pool, appid, openid, now);
		resp_redirect(rs, pool_printf(&r->pool, "/phone?appid=%s&openid=%s&result=paid",
		    appid, openid));
		return;
	} else if (strcmp(action, "unfollow") == 0) {
		m.type = "event";
		m.a1 = "unsubscribe";
		db_sim_user_subscribe(&r->pool, appid, openid, 0LL, now, NULL, NULL);
	} else {
		resp_text(rs, 400, L(r, "sim.unknown_action"));
		return;
	}
	/* WeChat's behaviour, but with no pause between attempts: a person is waiting */
	result = wxpush_send(&r->pool, &t, inner ? inner : wxpush_xml(&r->pool, &m), 0, &log,
	    &reply) == 0 ?
	    "delivered" : "failed";
	/* the account's passive reply reaches the phone at once (no
	 * customer-service call: nothing is counted against the 5) */
	if (reply.type && strcmp(reply.type, "image") == 0) {
		/* a picture WeChat has (media/upload), or its notice */
		struct dbres med;
		if (db_sim_media_get(&r->pool, reply.media_id, &med) == DB_OK && med.nrows == 1)
			db_sim_received_insert(&r->pool, appid, openid, "image", NULL, reply.media_id,
			    now, NULL);
		else
			db_sim_received_insert(&r->pool, appid, openid, "text", WXPUSH_UNAVAILABLE,
			    NULL, now, NULL);
	} else if (reply.type)
		db_sim_received_insert(&r->pool, appid, openid, "text", reply.content, NULL, now, NULL);
	wx_log("phone %s → %s: %s", openid, appid, log.data ? log.data : "");
	buf_free(&log);
	resp_redirect(rs, pool_printf(&r->pool, "/phone?appid=%s&openid=%s&result=%s",
	    appid, openid, result));
}
