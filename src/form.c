/*
 * form.c: input validation. Each form is a table of fields with a checker;
 * form_check runs it, keeps what the user typed (Form.<name>.Value) and puts
 * each error beside its field (Form.<name>.Error) for the template. A field's
 * label and a checker's answer are keys of the language catalogues.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "wxdesk.h"

/* One line: well-formed UTF-8, no control characters, at most max characters. */
static const char *
line_ok(const char *v, size_t max, const char *too_long)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.utf8";
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "v.control";
	return utf8_chars(v) > max ? too_long : NULL;
}

/* A display name: 1-100 characters of one line, not only spaces. */
const char *
v_name(const char *v)
{
	const char *e = line_ok(v, 100, "v.max100");

	if (e == NULL && strspn(v, " ") == strlen(v))
		return "v.name";
	return e;
}

const char *
v_login(const char *v)
{
	size_t n = strlen(v);

	if (n < 3 || n > 64)
		return "v.login_len";
	for (const char *p = v; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    *p == '.' || *p == '_' || *p == '-' || *p == '@'))
			return "v.login_chars";
	return NULL;
}

int
form_int_in(const char *v, long lo, long hi)
{
	char *end;
	long  n = strtol(v, &end, 10);

	return *v >= '0' && *v <= '9' && *end == '\0' && strlen(v) <= 6 && n >= lo && n <= hi;
}

const char *
v_password(const char *v)
{
	size_t n = utf8_chars(v);

	if (!utf8_valid(v, strlen(v)))
		return "v.password_text";
	if (n < 10)
		return "v.password_min";
	if (strlen(v) > 200)
		return "v.password_max";
	return NULL;
}

const char *
v_role(const char *v)
{
	return role_parse(v) == ROLE_NONE ? "v.role" : NULL;
}

/* Trims spaces, tabs and line breaks around every text field (pasted values carry them). */
void
form_trim(struct req *r)
{
	for (struct kv *l = r->form; l; l = l->next) {
		const char *v = l->val;
		size_t      n = l->vlen;
		if (l->filename != NULL || v == NULL)
			continue;
		while (n && strchr(" \t\r\n", *v) && *v) {
			v++;
			n--;
		}
		while (n && strchr(" \t\r\n", v[n - 1]) && v[n - 1])
			n--;
		if (v != l->val || n != l->vlen) {
			l->val = pool_strndup(&r->pool, v, n);
			l->vlen = n;
		}
	}
}

void
form_error(struct req *r, const char *name, const char *msg)
{
	char key[128];

	snprintf(key, sizeof key, "Form.%s.Error", name);
	tmpl_set(r, key, msg);
	if (hdf_get_value(r->hdf, "Form.HasErrors", NULL) == NULL)
		tmpl_set(r, "Form.FirstError", name);	/* the error banner links to it */
	tmpl_set(r, "Form.HasErrors", "1");
}

int
form_read(struct req *r, const struct field *f, size_t n, const char **out)
{
	int  errors = 0;
	char key[128];

	for (size_t i = 0; i < n; i++) {
		const char *v = req_field(r, f[i].name);
		const char *e = NULL;

		snprintf(key, sizeof key, "Form.%s.Value", f[i].name);
		if (v != NULL)
			tmpl_set(r, key, v);
		if ((v == NULL || *v == '\0') && f[i].required != F_CHECKED) {
			if (f[i].required)
				e = LF(r, "form.required", L(r, f[i].label));
			v = "";
		} else if (f[i].check != NULL && (e = f[i].check(v ? v : "")) != NULL)
			e = L(r, e);
		else if (v == NULL)
			v = "";
		if (e != NULL) {
			form_error(r, f[i].name, e);
			errors++;
			v = NULL;
		}
		if (out != NULL)
			out[i] = v;
	}
	return errors;
}

int
form_check(struct req *r, const struct field *f, size_t n)
{
	return form_read(r, f, n, NULL);
}

const char *
v_id(const char *v)
{
	size_t n = strlen(v);

	return form_int_in(v, 1, 999999) || (n >= 1 && n <= 15 && *v != '0' &&
	    strspn(v, "0123456789") == n) ? NULL : "v.number";
}

const char *
v_flag(const char *v)
{
	return strcmp(v, "1") == 0 || strcmp(v, "0") == 0 || strcmp(v, "on") == 0 ? NULL : "v.flag";
}

/* one line of text, at most 200 characters */
const char *
v_line(const char *v)
{
	return line_ok(v, 200, "v.max200");
}

/* an http:// or https:// address of at most 500 characters, nothing a URL
 * may not hold unescaped (a webhook's, a server's) */
const char *
v_http_url(const char *v)
{
	size_t n = strlen(v);

	return (strncmp(v, "https://", 8) == 0 || strncmp(v, "http://", 7) == 0) && n <= 500 &&
	    n > 8 && strcspn(v, " \t\r\n\"<>") == n ? NULL : "v.http_url";
}

/* text of several lines: well-formed UTF-8, no control characters but line
 * breaks and tabs, at most 2,000 characters */
const char *
v_text(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.utf8";
	for (const char *p = v; *p; p++)
		if (((unsigned char)*p < 0x20 && !strchr("\r\n\t", *p)) || *p == 0x7f)
			return "v.control_text";
	return utf8_chars(v) > 2000 ? "v.max2000" : NULL;
}

int
form_many(struct req *r, const struct field *f, const char **out, int max)
{
	int         n = req_field_all(r, f->name, out, max);
	const char *e = NULL;

	for (int i = 0; i < n && e == NULL; i++)
		if (f->check != NULL)
			e = f->check(out[i]);
	if (e == NULL && n == 0 && f->required)
		e = LF(r, "form.required", L(r, f->label));
	else if (e != NULL)
		e = L(r, e);
	if (e != NULL) {
		form_error(r, f->name, e);
		return -1;
	}
	return n;
}

const char *
form_kept(struct req *r, const char *name)
{
	char key[128];

	snprintf(key, sizeof key, "Form.%s.Value", name);
	return hdf_get_value(r->hdf, key, NULL);
}

int
form_on(const char *v)
{
	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

long long
form_ll(const char *v)
{
	return v != NULL && *v != '\0' ? strtoll(v, NULL, 10) : 0;
}

/* a button's or a choice's value: 1-20 lower-case letters, digits and _ */
const char *
v_word(const char *v)
{
	size_t n = strlen(v);

	return n >= 1 && n <= 20 && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_") == n ?
	    NULL : "v.word";
}

void
form_echo(struct req *r, const struct field *f, size_t n)
{
	char key[128];

	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "Form.%s.Value", f[i].name);
		tmpl_set(r, key, req_field(r, f[i].name));
	}
}

/* any text a person may write: well-formed UTF-8 (its length is checked
 * where the count is said, as in a reply) */
const char *
v_utf8(const char *v)
{
	return utf8_valid(v, strlen(v)) ? NULL : "v.utf8";
}
