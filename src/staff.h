/*
 * staff.h: a staff account saved whole: its name, role, departments and
 * chat limit in one transaction (retried on a conflict), for Admin →
 * Operators (ui-operators.c).
 */
#ifndef WXDESK_STAFF_H
#define WXDESK_STAFF_H

#include "db.h"
#include "console.h"

struct staff_form {
	const char      *login, *name, *role;
	const char      *pw_hash;	/* a new account's */
	const long long *depts;
	int              ndepts;
	long long        chat_limit;	/* 0: keep what there is */
};

/* A new account; DB_CONFLICT when the login is taken. */
enum dbrc staff_create(struct pool *p, const struct staff_form *f, long long *id);
/* An account's name, role, departments and limit (login and password unchanged). */
enum dbrc staff_update(struct pool *p, long long id, const struct staff_form *f);

/* An account disabled (and signed out everywhere) or enabled again. */
enum dbrc staff_disable(struct pool *p, long long id, int disable);
/* An account's new password (hash: pw_hash), and with sign_out, its sessions ended. */
enum dbrc staff_password(struct pool *p, long long id, const char *hash, int sign_out);

/* ---- users, sessions, brands, departments and members: the statements (db-*.c) ---- */

/* users */
/* columns of db_user_by_login */
#define USER_BY_LOGIN_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) \
	C(STR, pw_hash) C(INT, disabled) C(INT, failed_logins) C(INT, lastfail) C(INT, locked) \
	C(INT, totp_on)
DB_ROW(user_by_login, USER_BY_LOGIN_ROW)
enum dbrc db_user_by_login(struct pool *p, const char *login, struct user_by_login *row);
/* columns of db_user_get */
#define USER_GET_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) C(INT, disabled)
DB_ROW(user_get, USER_GET_ROW)
enum dbrc db_user_get(struct pool *p, long long id, struct user_get *row);
/* columns of db_user_list */
#define USER_LIST_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) C(INT, disabled) \
	C(STR, departments)
DB_ROW(user_list, USER_LIST_ROW)
enum dbrc db_user_list(struct pool *p, long long limit, long long offset, struct user_list **rows, size_t *n);
long long db_user_count(struct pool *p);
long long db_admin_count(struct pool *p);
enum dbrc db_user_insert(struct pool *p, const char *login, const char *name,
	const char *role, const char *pw_hash, long long *id);
enum dbrc db_user_update(struct pool *p, long long id, const char *name, const char *role);
enum dbrc db_user_set_password(struct pool *p, long long id, const char *pw_hash);
enum dbrc db_user_set_disabled(struct pool *p, long long id, int disabled);
enum dbrc db_user_password_claim(struct pool *p, long long id, time_t now, int slow_after,
	int lock_after, int lock_minutes);
enum dbrc db_user_login_ok(struct pool *p, long long id);

/* sessions */
enum dbrc db_session_insert(struct pool *p, const char *id_hash, long long user_id,
	const char *csrf, time_t now);
/* columns of db_session_get */
#define SESSION_GET_ROW(C) C(INT, user_id) C(STR, csrf) C(INT, last_seen) C(STR, flash) \
	C(STR, login) C(STR, name) C(STR, role) C(INT, disabled) C(STR, language) C(STR, presence) \
	C(INT, console_seen) C(INT, idle) C(INT, totp_on) C(INT, require_2fa)
DB_ROW(session_get, SESSION_GET_ROW)
enum dbrc db_session_get(struct pool *p, const char *id_hash, struct session_get *row);
/* columns of db_session_mark: a session's, then the console's mark */
#define SESSION_MARK_ROW(C) SESSION_GET_ROW(C) CONSOLE_MARK_ROW(C)
DB_ROW(session_mark, SESSION_MARK_ROW)
enum dbrc db_session_mark(struct pool *p, const char *id_hash, long long now,
	struct session_mark *row);
enum dbrc db_session_touch(struct pool *p, const char *id_hash, time_t now);
enum dbrc db_session_flash(struct pool *p, const char *id_hash, const char *flash);
enum dbrc db_session_delete(struct pool *p, const char *id_hash);
enum dbrc db_session_delete_user(struct pool *p, long long user_id);
enum dbrc db_session_purge(struct pool *p, time_t before);

/* brands */
/* columns of db_brand_list */
#define BRAND_LIST_ROW(C) C(INT, id) C(STR, name) C(INT, departments)
DB_ROW(brand_list, BRAND_LIST_ROW)
enum dbrc db_brand_list(struct pool *p, struct brand_list **rows, size_t *n);
/* columns of db_brand_get */
#define BRAND_GET_ROW(C) C(INT, id) C(STR, name) C(STR, follower_language) C(INT, held_days)
DB_ROW(brand_get, BRAND_GET_ROW)
enum dbrc db_brand_get(struct pool *p, long long id, struct brand_get *row);
enum dbrc db_brand_held_days(struct pool *p, long long id, long long days);
enum dbrc db_brand_insert(struct pool *p, const char *name, long long *id);
enum dbrc db_brand_rename(struct pool *p, long long id, const char *name);
enum dbrc db_brand_follower_language(struct pool *p, long long id, const char *code);
enum dbrc db_user_language(struct pool *p, long long id, const char *code);
enum dbrc db_channel_draft_secret(struct pool *p, long long id, const char *secret_enc);
enum dbrc db_brand_delete(struct pool *p, long long id);
long long db_brand_department_count(struct pool *p, long long id);

/* departments and members */
/* columns of db_dept_list */
#define DEPT_LIST_ROW(C) C(INT, id) C(STR, name) C(INT, members)
DB_ROW(dept_list, DEPT_LIST_ROW)
enum dbrc db_dept_list(struct pool *p, long long brand_id, long long limit,
	long long offset, struct dept_list **rows, size_t *n);
long long db_dept_count(struct pool *p, long long brand_id);
/* columns of db_dept_all */
#define DEPT_ALL_ROW(C) C(INT, id) C(STR, name) C(STR, brand)
DB_ROW(dept_all, DEPT_ALL_ROW)
enum dbrc db_dept_all(struct pool *p, struct dept_all **rows, size_t *n);
/* columns of db_dept_get */
#define DEPT_GET_ROW(C) C(INT, id) C(INT, brand_id) C(STR, name) C(STR, brand)
DB_ROW(dept_get, DEPT_GET_ROW)
enum dbrc db_dept_get(struct pool *p, long long id, struct dept_get *row);
enum dbrc db_dept_insert(struct pool *p, long long brand_id, const char *name, long long *id);
enum dbrc db_dept_rename(struct pool *p, long long id, const char *name);
enum dbrc db_dept_delete(struct pool *p, long long id);
/* columns of db_member_list */
#define MEMBER_LIST_ROW(C) C(INT, id) C(STR, login) C(STR, name) C(STR, role) \
	C(INT, disabled)
DB_ROW(member_list, MEMBER_LIST_ROW)
enum dbrc db_member_list(struct pool *p, long long dept_id, struct member_list **rows, size_t *n);
/* columns of db_member_candidates */
#define MEMBER_CANDIDATES_ROW(C) C(INT, id) C(STR, login) C(STR, name)
DB_ROW(member_candidates, MEMBER_CANDIDATES_ROW)
enum dbrc db_member_candidates(struct pool *p, long long dept_id, struct member_candidates **rows, size_t *n);
/* columns of db_member_depts */
#define MEMBER_DEPTS_ROW(C) C(INT, department_id)
DB_ROW(member_depts, MEMBER_DEPTS_ROW)
enum dbrc db_member_depts(struct pool *p, long long user_id, struct member_depts **rows, size_t *n);
enum dbrc db_member_add(struct pool *p, long long dept_id, long long user_id);
enum dbrc db_member_remove(struct pool *p, long long dept_id, long long user_id);
enum dbrc db_member_clear_user(struct pool *p, long long user_id);

#endif
