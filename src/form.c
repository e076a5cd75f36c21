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

/* 1 when s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	while (p < e) {
		unsigned c = *p;
		size_t   len;
		unsigned min;
		if (c < 0x80) { p++; continue; }
		if ((c & 0xe0) == 0xc0) { len = 2; min = 0x80; c &= 0x1f; }
		else if ((c & 0xf0) == 0xe0) { len = 3; min = 0x800; c &= 0x0f; }
		else if ((c & 0xf8) == 0xf0) { len = 4; min = 0x10000; c &= 0x07; }
		else return 0;
		if ((size_t)(e - p) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* A display name: 1-100 characters, valid UTF-8, no control characters. */
const char *
v_name(const char *v)
{
	if (!utf8_valid(v, strlen(v)))
		return "v.utf8";
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "v.control";
	if (utf8_chars(v) > 100)
		return "v.max100";
	if (strspn(v, " ") == strlen(v))
		return "v.name";
	return NULL;
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
form_check(struct req *r, const struct field *f, size_t n)
{
	int  errors = 0;
	char key[128];

	for (size_t i = 0; i < n; i++) {
		const char *v = req_field(r, f[i].name);
		const char *e = NULL;

		snprintf(key, sizeof key, "Form.%s.Value", f[i].name);
		if (v != NULL)
			tmpl_set(r, key, v);
		if (v == NULL || *v == '\0') {
			if (f[i].required)
				e = LF(r, "form.required", L(r, f[i].label));
		} else if (f[i].check != NULL && (e = f[i].check(v)) != NULL)
			e = L(r, e);
		if (e != NULL) {
			form_error(r, f[i].name, e);
			errors++;
		}
	}
	return errors;
}
