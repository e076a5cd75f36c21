/*
 * sim-qr.c: the simulator's parametric QR codes, as WeChat makes them:
 * qrcode/create (QR_SCENE and QR_STR_SCENE for up to 30 days,
 * QR_LIMIT_SCENE and QR_LIMIT_STR_SCENE for good, at most 100,000 of
 * those an account) answers a ticket, and showqrcode?ticket= (no token,
 * as on mp.weixin.qq.com) the code's picture: a PNG of its URL, drawn
 * with libqrencode and written with libpng; an expired or unknown ticket
 * is not found.
 */
#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "sim-db.h"
#include "sim.h"

#define QR_TEMP_MAX      2592000	/* seconds: 30 days */
#define QR_TEMP_DEFAULT  60
#define QR_PERMANENT_MAX 100000
#define QR_SCENE_STR_MAX 64
#define QR_SCALE         8	/* pixels a module */
#define QR_QUIET         4	/* modules of margin */

/* the scene of a create: its scene_str or scene_id as text, or NULL (bad) */
static const char *
scene_of(struct req *r, const struct wx_field *f, int str, int permanent)
{
	const char *v = wx_get(f, str ? "action_info.scene.scene_str" :
	    "action_info.scene.scene_id");
	char       *end;
	long long   n;

	if (v == NULL || *v == '\0')
		return NULL;
	if (str)
		return strlen(v) <= QR_SCENE_STR_MAX ? v : NULL;
	n = strtoll(v, &end, 10);
	if (*end || n == 0 || (permanent && (n < 1 || n > QR_PERMANENT_MAX)) ||
	    n > 4294967295LL || n < -2147483648LL)
		return NULL;
	return pool_printf(&r->pool, "%lld", n);
}

/* POST /cgi-bin/qrcode/create */
void
sim_qrcode_post(struct req *r, struct resp *rs)
{
	const char      *appid = sim_check_token(r, rs, "qrcode");
	struct wx_field *f;
	const char      *action, *scene, *exp, *ticket, *url;
	int              permanent, str;
	long long        secs = 0, now = (long long)wx_now();

	if (appid == NULL || sim_json_body(r, rs, appid, "qrcode", &f) != 0)
		return;
	action = wx_get(f, "action_name");
	if (action == NULL || (strcmp(action, "QR_SCENE") != 0 &&
	    strcmp(action, "QR_STR_SCENE") != 0 && strcmp(action, "QR_LIMIT_SCENE") != 0 &&
	    strcmp(action, "QR_LIMIT_STR_SCENE") != 0)) {
		sim_api_error(r, rs, appid, "qrcode", 40097);	/* invalid args */
		return;
	}
	permanent = strncmp(action, "QR_LIMIT_", 9) == 0;
	str = strstr(action, "STR_") != NULL;
	if ((scene = scene_of(r, f, str, permanent)) == NULL) {
		sim_api_error(r, rs, appid, "qrcode", 40097);
		return;
	}
	if (permanent && db_sim_qr_permanents(&r->pool, appid) >= QR_PERMANENT_MAX) {
		sim_api_error(r, rs, appid, "qrcode", 45029);	/* the account's 100,000 */
		return;
	}
	if (!permanent) {
		exp = wx_get(f, "expire_seconds");
		secs = exp ? strtoll(exp, NULL, 10) : QR_TEMP_DEFAULT;
		if (secs <= 0)
			secs = QR_TEMP_DEFAULT;
		if (secs > QR_TEMP_MAX)
			secs = QR_TEMP_MAX;
	}
	ticket = pool_printf(&r->pool, "gQ%s", rand_alnum(&r->pool, 62));
	url = pool_printf(&r->pool, "http://weixin.qq.com/q/%s", rand_alnum(&r->pool, 22));
	if (db_sim_qr_insert(&r->pool, ticket, appid, scene, permanent, url,
	    permanent ? 0 : now + secs, now) != DB_OK) {
		sim_api_error(r, rs, appid, "qrcode", -1);
		return;
	}
	sim_api_ok(r, appid, "qrcode");
	if (permanent)
		resp_json(rs, 200, json_pack("{s:o,s:o}", "ticket", json_s(ticket), "url",
		    json_s(url)));
	else
		resp_json(rs, 200, json_pack("{s:o,s:I,s:o}", "ticket", json_s(ticket),
		    "expire_seconds", (json_int_t)secs, "url", json_s(url)));
}

/* libpng writes into the response */
static void
png_to_buf(png_structp png, png_bytep data, png_size_t n)
{
	buf_append(png_get_io_ptr(png), data, n);
}

static void
png_flush_none(png_structp png)
{
	(void)png;
}

/* text's QR code as a PNG into b: 0, or -1 */
static int
qr_png(const char *text, struct buf *b)
{
	QRcode     *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	png_structp png;
	png_infop   info;
	png_bytep   row = NULL;
	int         side, rc = -1;

	if (q == NULL)
		return -1;
	side = (q->width + 2 * QR_QUIET) * QR_SCALE;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (info == NULL || (row = malloc((size_t)side)) == NULL)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, b, png_to_buf, png_flush_none);
	png_set_IHDR(png, info, (png_uint_32)side, (png_uint_32)side, 8, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < side; y++) {
		int my = y / QR_SCALE - QR_QUIET;
		for (int x = 0; x < side; x++) {
			int mx = x / QR_SCALE - QR_QUIET;
			int dark = mx >= 0 && my >= 0 && mx < q->width && my < q->width &&
			    (q->data[my * q->width + mx] & 1);
			row[x] = dark ? 0 : 255;
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	rc = 0;
out:
	png_destroy_write_struct(&png, info ? &info : NULL);
	free(row);
	QRcode_free(q);
	return rc;
}

/* GET /cgi-bin/showqrcode?ticket=…: the code's picture (mp.weixin.qq.com's) */
void
sim_showqrcode_get(struct req *r, struct resp *rs)
{
	const char   *ticket = req_arg(r, "ticket");
	struct sim_qr q;

	if (ticket == NULL || db_sim_qr_get(&r->pool, ticket, &q) != DB_OK ||
	    (q.expires_at && q.expires_at <= (long long)wx_now())) {
		resp_text(rs, 404, "no such QR code, or it has expired\n");
		return;
	}
	buf_reset(&rs->body);
	if (qr_png(q.url, &rs->body) != 0) {
		resp_text(rs, 500, "the QR code could not be drawn\n");
		return;
	}
	rs->status = 200;
	rs->ctype = "image/png";
}
