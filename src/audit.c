/*
 * audit.c: what goes on the record (audit.h). A change's detail is the
 * fields its form sent, as a JSON object, in the order sent: a field sent
 * more than once (a list of checkboxes) becomes an array; a file is its name
 * and size; a secret (a password, App Secret, Token, AES key, code) is only
 * "(set)" or "" so the record says it changed and never what to. Values are
 * cut at 200 characters and the whole at about 8 KB, so a form of a thousand
 * checkboxes stays a readable record.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "json.h"
#include "ui.h"

#define AUDIT_VALUE_MAX 200
#define AUDIT_DETAIL_MAX 8192

int
audit_secret_field(const char *name)
{
	static const char *const parts[] = { "password", "secret", "token", "aes", "code",
		"recovery", "otp", "key" };

	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (strstr(name, parts[i]))
			return 1;
	return 0;
}

/* a value as recorded: valid UTF-8, cut at AUDIT_VALUE_MAX characters */
static json_t *
value_of(const struct kv *f)
{
	size_t n = 0, chars = 0;

	if (f->filename)
		return json_sprintf("%s (%zu bytes)", f->filename, f->vlen);
	if (audit_secret_field(f->key))
		return json_string(f->vlen ? "(set)" : "");
	while (n < f->vlen && chars < AUDIT_VALUE_MAX) {
		n++;
		while (n < f->vlen && ((unsigned char)f->val[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	json_t *v = json_stringn(f->val, n);
	return v ? v : json_string("(not UTF-8)");
}

void
audit_detail(const struct kv *form, struct buf *b)
{
	json_t *o = json_object();
	size_t  size = 0;
	int     left = 0;

	for (const struct kv *f = form; f; f = f->next) {
		if (strcmp(f->key, "csrf") == 0 || strcmp(f->key, "next") == 0)
			continue;
		if (size > AUDIT_DETAIL_MAX) {
			left++;
			continue;
		}
		json_t *v = value_of(f), *had = json_object_get(o, f->key);
		size += strlen(f->key) + (json_is_string(v) ? json_string_length(v) : 0) + 6;
		if (had == NULL)
			json_object_set_new(o, f->key, v);
		else if (json_is_array(had))
			json_array_append_new(had, v);
		else {
			json_t *a = json_array();
			json_array_append(a, had);
			json_array_append_new(a, v);
			json_object_set_new(o, f->key, a);
		}
	}
	if (left)
		json_object_set_new(o, "…", json_integer(left));
	json_put(b, o);
}

void
audit_note(struct req *r, const char *key, const char *val)
{
	struct kv *f = pool_alloc(&r->pool, sizeof *f), **end = &r->audit_more;

	f->key = key;
	f->val = val ? val : "";
	f->vlen = strlen(f->val);
	while (*end)
		end = &(*end)->next;
	*end = f;
}

void
audit_route(struct req *r, const char *action)
{
	struct buf b = { 0 };
	struct kv *all = r->form;

	/* the notes first, then the form (a copy of each note: the form's
	 * list is left as it is) */
	for (struct kv *n = r->audit_more, **at = &all; n; n = n->next) {
		struct kv *c = pool_alloc(&r->pool, sizeof *c);

		*c = *n;
		c->next = *at;
		*at = c;
		at = &c->next;
	}
	audit_detail(all, &b);
	audit_event(r, action, 0, NULL, b.data);
	buf_free(&b);
}

void
audit_event(struct req *r, const char *action, long long user, const char *login,
    const char *detail)
{
	const char *who = r->user ? r->user->login : login ? login : "";

	/* a record that cannot be written is logged: the change itself stands */
	if (db_audit_add(&r->pool, (long long)wx_now(), r->user ? r->user->id : user, who,
	    r->remote_addr ? r->remote_addr : "", action, r->path ? r->path : "",
	    detail ? detail : "{}") != DB_OK)
		wx_log("audit: %s by %s from %s not recorded: %s", action, who,
		    r->remote_addr ? r->remote_addr : "?", db_error());
}
