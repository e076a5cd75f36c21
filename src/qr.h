/*
 * qr.h: parametric QR codes that route (048). An administrator makes a code
 * for an account (Admin → WeChat → account → QR codes, ui-qr.c): its
 * department and optionally an operator offered its chats first, a
 * campaign label, a tag, a welcome. WeChat makes it (qrcode/create, queued
 * as every write: writes.h) and the worker keeps its picture (showqrcode's
 * PNG). A follower who follows or scans with it (intake.c) gets its welcome
 * as the push's answer and its tag, and their next chat goes to its
 * department; the chat keeps the code for its transcript and the QR codes
 * report.
 */
#ifndef WXDESK_QR_H
#define WXDESK_QR_H

#include "db.h"

#define QR_TEMP_DAYS_MAX 30	/* WeChat's longest temporary code */
#define QR_PERMANENT_MAX 100000	/* an account's permanent codes, for good */
#define QR_SCENE_MAX     64	/* a scene string's bytes */
#define WRITE_API_QR     "qrcode/create"

/* columns of db_qr_list and db_qr_get */
#define QR_ROW(C) C(INT, id) C(INT, channel_id) C(STR, scene) C(INT, permanent) C(STR, name) \
	C(STR, campaign) C(INT, department_id) C(INT, operator_id) C(INT, tag_id) \
	C(STR, welcome) C(INT, expire_days) C(STR, ticket) C(STR, url) C(INT, expires_at) \
	C(INT, has_png) C(STR, department) C(STR, operator) C(STR, tag) C(STR, write_state) \
	C(INT, write_errcode) C(INT, write_attempts)
DB_ROW(qr, QR_ROW)
enum dbrc db_qr_list(struct pool *p, long long channel, struct qr **rows, size_t *n);
enum dbrc db_qr_get(struct pool *p, long long channel, long long id, struct qr *row);
/* how many permanent codes the account has made */
long long db_qr_permanents(struct pool *p, long long channel);

/* columns of db_qr_people: the brand's staff, for a code's operator */
#define QR_PERSON_ROW(C) C(INT, id) C(STR, name)
DB_ROW(qr_person, QR_PERSON_ROW)
enum dbrc db_qr_people(struct pool *p, long long brand, struct qr_person **rows, size_t *n);
/* 1 when user is a member of dept (0 not, -1) */
long long db_qr_member(struct pool *p, long long dept, long long user);
/* 1 when tag is the account's (0 not, -1) */
long long db_qr_tag_of(struct pool *p, long long channel, long long tag);

/* a code as the form gives it (department 0: the account's; others 0/NULL: none) */
struct qr_form {
	const char *scene, *name, *campaign, *welcome;
	long long   department, operator_id, tag;
	int         permanent, expire_days;
};
/* made here and queued for WeChat, in one transaction (*id: the new code's);
 * DB_CONFLICT: the account has a code of that scene */
enum dbrc qr_create(struct pool *p, long long channel, const struct qr_form *f, long long user,
	time_t now, long long *id);
/* a code's routing, label, tag and welcome changed (its scene and kind stay) */
enum dbrc db_qr_update(struct pool *p, long long channel, long long id, const char *name,
	const char *campaign, long long department, long long operator_id, long long tag,
	const char *welcome);
/* a temporary code made again by WeChat (a new ticket and picture, the same scene) */
enum dbrc qr_reissue(struct pool *p, long long channel, long long id, long long user,
	time_t now);
/* the code's PNG, *n bytes (DB_NOTFOUND: none yet) */
enum dbrc db_qr_png(struct pool *p, long long channel, long long id, const void **png,
	size_t *n);

/* ---- the worker's (job-writes.c) ---- */
/* columns of db_qr_for_write: what qrcode/create is sent */
#define QR_WRITE_ROW(C) C(STR, scene) C(INT, permanent) C(INT, expire_days)
DB_ROW(qr_write, QR_WRITE_ROW)
enum dbrc db_qr_for_write(struct pool *p, long long id, struct qr_write *row);
/* WeChat made it: its ticket, URL and end (0: permanent); its picture due */
enum dbrc db_qr_made(struct pool *p, long long id, const char *ticket, const char *url,
	time_t expires);
/* columns of db_qr_png_due: codes whose picture is to be fetched */
#define QR_PNG_DUE_ROW(C) C(INT, id) C(STR, ticket)
DB_ROW(qr_png_due, QR_PNG_DUE_ROW)
enum dbrc db_qr_png_due(struct pool *p, struct qr_png_due **rows, size_t *n);
/* the picture kept; or this attempt failed (10 in all) */
enum dbrc db_qr_png_set(struct pool *p, long long id, const void *png, size_t n);
enum dbrc db_qr_png_missed(struct pool *p, long long id);

/* ---- a push's (intake.c), in its transaction ---- */
/* columns of db_qr_by_scene: the account's code of a scene */
#define QR_SCENE_ROW(C) C(INT, id) C(INT, tag_id) C(STR, welcome) C(STR, name)
DB_ROW(qr_scene, QR_SCENE_ROW)
enum dbrc db_qr_by_scene(struct pool *p, long long channel, const char *scene,
	struct qr_scene *row);
/* the follower followed (follow 1) or scanned with the code: counted, and
 * their next chat is the code's */
enum dbrc db_qr_event(struct pool *p, long long code, long long follower, int follow,
	time_t now);
/* columns of db_qr_opening: what a follower's new chat takes from their code */
#define QR_OPENING_ROW(C) C(INT, blocked) C(INT, qr_id) C(INT, department_id) \
	C(INT, operator_id) C(STR, name) C(STR, campaign)
DB_ROW(qr_opening, QR_OPENING_ROW)
enum dbrc db_qr_opening(struct pool *p, long long follower, struct qr_opening *row);
/* the new chat (opened in the code's department) is the code's, its
 * operator offered it first; the follower's route used */
enum dbrc db_qr_chat(struct pool *p, long long chat, long long code, long long operator_id,
	long long follower);

/* ---- the QR codes report (ui-reports.c) ---- */
/* columns of db_qr_report: each code's scans, follows, chats and ratings in
 * [from, to), the codes of a campaign together (code 0, campaign "": all) */
#define QR_REPORT_ROW(C) C(INT, id) C(STR, name) C(STR, campaign) C(STR, scene) \
	C(INT, scans) C(INT, follows) C(INT, chats) C(INT, rated) C(INT, rating_sum)
DB_ROW(qr_report, QR_REPORT_ROW)
enum dbrc db_qr_report(struct pool *p, long long brand, long long channel, long long code,
	const char *campaign, time_t from, time_t to, struct qr_report **rows, size_t *n);

#endif
