/*
 * test_audit.c: what an administrative change puts on the record
 * (audit_detail): the fields in the order sent, a repeated field as an
 * array, secrets masked, a file as its name and size, long values and
 * large forms cut.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/audit.h"
#include "tap.h"

static struct pool pool;	/* every field of every form here, freed at the end */

static struct kv *
field(struct kv *next, const char *key, const char *val)
{
	struct kv *f = pool_alloc(&pool, sizeof *f);

	memset(f, 0, sizeof *f);
	f->next = next, f->key = key, f->val = val, f->vlen = strlen(val);
	return f;
}

/* the detail of the form given in order (its list is built backwards) */
static char *
detail(struct kv *form)
{
	struct buf b = { 0 };
	char      *s;

	audit_detail(form, &b);
	s = strdup(b.data ? b.data : "");
	buf_free(&b);
	return s;
}

int
main(void)
{
	struct kv *f;
	char      *d, big[600];

	/* secrets are named by their field */
	CHECK(audit_secret_field("password"), "password");
	CHECK(audit_secret_field("new_password"), "new_password");
	CHECK(audit_secret_field("app_secret"), "app_secret");
	CHECK(audit_secret_field("token"), "token");
	CHECK(audit_secret_field("aes_key"), "aes_key");
	CHECK(audit_secret_field("code"), "code");
	CHECK(!audit_secret_field("name"), "name is not a secret");
	CHECK(!audit_secret_field("role"), "role is not a secret");

	/* order kept; csrf and next left out; secrets masked, an empty one stays empty */
	f = field(NULL, "next", "/admin");
	f = field(f, "token", "");
	f = field(f, "password", "hunter2hunter2");
	f = field(f, "csrf", "abc");
	f = field(f, "role", "operator");
	f = field(f, "name", "王小明");
	d = detail(f);
	CHECK_STR(d, "{\"name\":\"王小明\",\"role\":\"operator\",\"password\":\"(set)\","
	    "\"token\":\"\"}");
	CHECK(strstr(d, "hunter2") == NULL, "a password never on the record: %s", d);
	free(d);

	/* a field sent more than once becomes an array, in order */
	f = field(NULL, "dept", "3");
	f = field(f, "dept", "2");
	f = field(f, "dept", "1");
	d = detail(f);
	CHECK_STR(d, "{\"dept\":[\"1\",\"2\",\"3\"]}");
	free(d);

	/* a file is its name and size */
	f = field(NULL, "file", "\x89PNG....");
	f->filename = "a.png", f->vlen = 1234;
	d = detail(f);
	CHECK_STR(d, "{\"file\":\"a.png (1234 bytes)\"}");
	free(d);

	/* a long value is cut at 200 characters (not bytes: Chinese stays whole) */
	big[0] = '\0';
	for (int i = 0; i < 250; i++)
		strcat(big, i < 150 ? "x" : "");
	for (int i = 0; i < 100; i++)
		strcat(big, "中");
	f = field(NULL, "note", big);
	d = detail(f);
	CHECK(strlen(d) == strlen("{\"note\":\"\"}") + 150 + 50 * 3, "cut at 200 characters: %zu",
	    strlen(d));
	CHECK(strstr(d, "中\"}") != NULL, "the cut ends on a whole character");
	free(d);

	/* an empty form is an empty object */
	d = detail(NULL);
	CHECK_STR(d, "{}");
	free(d);

	/* a thousand checkboxes: about 8 KB kept, the rest counted */
	f = NULL;
	for (int i = 0; i < 1000; i++) {
		char *k = pool_printf(&pool, "box%d", i);
		f = field(f, k, "1");
	}
	d = detail(f);
	CHECK(strlen(d) < 9000, "about 8 KB: %zu", strlen(d));
	CHECK(strstr(d, "\"…\":") != NULL, "the rest counted");
	free(d);
	pool_free(&pool);

	return tap_done();
}
