/*
 * wxdesk-admin.c: command-line administration.
 *
 *   wxdesk-admin migrate SQLDIR     apply sql/NNN_*.sql not yet applied
 *   wxdesk-admin demo CREDFILE      load demo data once; print the sign-ins
 *   wxdesk-admin user LOGIN NAME ROLE   create a user, password on stdin
 *   wxdesk-admin seed-bench N       N departments and N operators for benchmarks
 *   wxdesk-admin channel BRAND_ID DEPT_ID MODE STATE
 *                                   a WeChat channel with generated credentials;
 *                                   prints them as shell assignments
 *   wxdesk-admin schema-version     print the applied and known versions
 *
 * The configuration comes from $WXDESK_CONFIG like every other program.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../src/bot.h"
#include "../src/db.h"
#include "../src/staff.h"
#include "../src/channel.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Executes a migration file statement by statement: each ends at a line
 * ending in ';', except a stored procedure, function or trigger (CREATE [OR
 * REPLACE] PROCEDURE, FUNCTION … BEGIN, TRIGGER), whose body holds such
 * lines: it ends at a line "END;". A function of one expression (RETURN on
 * its own, no BEGIN) ends at its first ';' like any statement.
 */
static int
run_file(const char *path)
{
	FILE      *f = fopen(path, "r");
	struct buf all = { 0 }, st = { 0 };
	char       line[4096];
	int        rc = 0;

	if (f == NULL) {
		fprintf(stderr, "cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f))
		buf_puts(&all, line);
	fclose(f);
	for (char *p = all.data, *nl; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *t = p;
		while (t < p + n && (*t == ' ' || *t == '\t'))
			t++;
		if ((size_t)(p + n - t) >= 2 && t[0] == '-' && t[1] == '-')
			continue;
		buf_append(&st, p, n);
		buf_putc(&st, '\n');
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
			n--;
		const char *head = st.data + strspn(st.data, " \t\r\n"), *what = "";
		if (strncmp(head, "CREATE ", 7) == 0) {
			what = head + 7;
			if (strncmp(what, "OR REPLACE ", 11) == 0)
				what += 11;
		}
		int block = strncmp(what, "PROCEDURE", 9) == 0 || strncmp(what, "TRIGGER", 7) == 0 ||
		    (strncmp(what, "FUNCTION", 8) == 0 && strstr(head, "\nBEGIN\n"));
		if (n && p[n - 1] == ';' && (!block || (n == 4 && strncmp(p, "END;", 4) == 0))) {
			if (db_exec_sql(st.data, st.len) != 0) {
				fprintf(stderr, "%s: %s\nin statement:\n%s\n", path,
				    db_error(), st.data);
				rc = -1;
				break;
			}
			buf_reset(&st);
		}
	}
	buf_free(&all);
	buf_free(&st);
	return rc;
}

/*
 * The stored routines and triggers in their current form: every .sql file
 * of dir/routines, in name order, after the migrations, each time (each is
 * CREATE OR REPLACE, so the body in the file is the body that runs).
 */
static int
run_routines(const char *dir)
{
	char           path[4096];
	DIR           *d;
	struct dirent *e;
	char          *files[100];
	int            n = 0, rc = 0;

	snprintf(path, sizeof path, "%s/routines", dir);
	if ((d = opendir(path)) == NULL)
		return 0;	/* a tree without routines (the simulator's) */
	while ((e = readdir(d)) != NULL && n < 100) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0)
			files[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(files, (size_t)n, sizeof files[0], cmp_str);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/routines/%s", dir, files[i]);
		if (rc == 0 && run_file(path) != 0)
			rc = -1;
		free(files[i]);
	}
	if (rc == 0)
		printf("stored routines and triggers applied (%d files)\n", n);
	return rc;
}

/*
 * Applies the migrations in dir. runtime: the programs' account, to be
 * granted its rights once they ran, when the migrations run as the schema's
 * owner (main read Database.OwnerFile over the configuration); else NULL.
 */
static int
cmd_migrate(const char *dir, const char *runtime)
{
	struct pool  p = { 0 };
	struct migrations_list *res = NULL;
	size_t res_n = 0;
	DIR         *d = opendir(dir);
	struct dirent *e;
	char        *files[1000];
	int          nfiles = 0, applied_max = 0, known_max = 0, rc = 0, ran = 0;

	if (d == NULL) {
		fprintf(stderr, "cannot open %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL && nfiles < 1000) {
		size_t n = strlen(e->d_name);
		if (n > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
		    e->d_name[3] == '_' && strcmp(e->d_name + n - 4, ".sql") == 0)
			files[nfiles++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(files, (size_t)nfiles, sizeof files[0], cmp_str);
	for (int i = 0; i < nfiles; i++)
		if (atoi(files[i]) > known_max)
			known_max = atoi(files[i]);
	if (known_max > WX_SCHEMA_VERSION)
		known_max = WX_SCHEMA_VERSION;	/* files newer than the code are not run */

	if (db_migrations_ensure(&p) != DB_OK || db_migrations_list(&p, &res, &res_n) != DB_OK) {
		fprintf(stderr, "cannot read schema_migrations: %s\n", db_error());
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < res_n; i++)
		if (res[i].version > applied_max)
			applied_max = (int)res[i].version;
	if (applied_max > known_max) {
		fprintf(stderr, "The database schema is at version %d, newer than this "
		    "wxdesk, which knows versions up to %d. Refusing to run: install "
		    "the wxdesk that matches the database, or restore a backup.\n",
		    applied_max, known_max);
		rc = 2;
		goto out;
	}
	for (int i = 0; i < nfiles; i++) {
		int  v = atoi(files[i]), done = 0;
		char path[4096];
		for (size_t k = 0; k < res_n; k++)
			if (res[k].version == v)
				done = 1;
		if (done || v > known_max)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (run_file(path) != 0) {
			rc = 1;
			goto out;
		}
		if (db_migration_record(&p, v, files[i], wx_now()) != DB_OK) {
			fprintf(stderr, "cannot record %s: %s\n", files[i], db_error());
			rc = 1;
			goto out;
		}
		printf("applied %s\n", files[i]);
		ran++;
	}
	if (ran == 0)
		printf("schema is up to date (version %d)\n", applied_max);
	if (run_routines(dir) != 0) {
		rc = 1;
		goto out;
	}
	if (runtime != NULL) {
		if (db_grant_runtime(&p, runtime, cfg_get("Database.RuntimeHost", "localhost")) != 0) {
			fprintf(stderr, "cannot grant %s its rights: %s\n", runtime, db_error());
			rc = 1;
			goto out;
		}
		printf("%s may read and write the schema's rows, and nothing more\n", runtime);
	}
out:
	for (int i = 0; i < nfiles; i++)
		free(files[i]);
	pool_free(&p);
	return rc;
}

static int
add_user(struct pool *p, const char *login, const char *name, const char *role,
    const char *pw, long long *id)
{
	enum dbrc rc = db_user_insert(p, login, name, role, pw_hash(p, pw), id);

	if (rc == DB_CONFLICT)
		fprintf(stderr, "the sign-in name %s is taken\n", login);
	else if (rc != DB_OK)
		fprintf(stderr, "cannot create %s: %s\n", login, db_error());
	return rc == DB_OK ? 0 : -1;
}

/* Credentials of a new channel, generated here (the wizard asks for real ones). */
struct creds {
	const char *key, *token, *aes, *app_id, *secret, *original;
};

static enum dbrc
make_channel(struct pool *p, long long brand, long long dept, const char *mode,
    const char *state, struct creds *c, long long *id)
{
	struct channel_setup s;
	enum dbrc            rc;

	c->key = rand_alnum(p, 32);
	c->token = rand_alnum(p, 32);
	c->aes = rand_alnum(p, 43);
	c->app_id = pool_printf(p, "wx%s", rand_hex(p, 8));
	c->secret = rand_hex(p, 16);
	c->original = pool_printf(p, "gh_%s", rand_hex(p, 6));
	memset(&s, 0, sizeof s);
	s.department_id = dept;
	s.original_id = c->original;
	s.app_id = c->app_id;
	s.app_secret_enc = secret_encrypt(p, c->secret);
	s.token_enc = secret_encrypt(p, c->token);
	s.aes_key_enc = secret_encrypt(p, c->aes);
	s.mode = mode;
	if ((rc = db_channel_insert(p, brand, c->key, id)) != DB_OK ||
	    (rc = db_channel_update_setup(p, *id, &s)) != DB_OK ||
	    (rc = db_channel_set_state(p, *id, state)) != DB_OK)
		return rc;
	return DB_OK;
}

/*
 * The demo account's chatbot: a welcome, a numbered menu and a few answers
 * in Chinese and English, so that a newcomer sees it on the phone page at
 * once. Off when WXDESK_DEMO_BOT=0 (the test stacks: their chats start with
 * the operators; the bot's own tests switch it on).
 */
static enum dbrc
demo_bot(struct pool *p, long long ch)
{
	static const char *const rules[][4] = {
	    { "contains", "菜单|menu|帮助|help", "回复 1 查询订单，2 退换货，3 营业时间，或回复“人工”联系客服。\n"
	      "Reply 1 for orders, 2 for returns, 3 for opening hours, or \"agent\" for a person.", "0" },
	    { "exact", "1", "请发送您的订单号，客服马上为您查询。\nPlease send your order number: "
	      "a colleague will look it up.", "1" },
	    { "exact", "2", "7 天内可无理由退换货，详见 https://example.com/returns\nReturns are free "
	      "within 7 days: https://example.com/returns", "0" },
	    { "exact", "3", "营业时间：周一至周五 9:00–18:00。\nOpening hours: Monday to Friday, "
	      "9:00–18:00.", "0" },
	    { "contains", "价格|多少钱|price|prices", "价格请见 https://example.com/prices\n"
	      "Our prices: https://example.com/prices", "0" },
	};
	enum dbrc rc;
	const char *off = getenv("WXDESK_DEMO_BOT");

	if (off && strcmp(off, "0") == 0)
		return DB_OK;
	rc = db_bot_settings_set(p, ch, "欢迎关注 Demo！回复“菜单”查看服务，回复“人工”联系客服。\n"
	    "Welcome to Demo! Reply \"menu\" for what we can do, or \"agent\" for a person.",
	    NULL, NULL, NULL, 2);
	for (size_t i = 0; rc == DB_OK && i < sizeof rules / sizeof rules[0]; i++)
		rc = db_bot_rule_insert(p, ch, rules[i][0], rules[i][1], rules[i][2],
		    strcmp(rules[i][3], "1") == 0, 0, (long long)wx_now());
	return rc == DB_OK ? db_bot_enable(p, ch, 1) : rc;
}

/*
 * Loads the demo data the first time (no users yet) and writes the sign-ins
 * to credfile (mode 0600); later runs only print what credfile holds.
 */
static int
cmd_demo(const char *credfile)
{
	struct pool p = { 0 };
	long long   admin, op, brand, sales, support;
	int         rc = 1;
	FILE       *f;
	char        line[512];

	if (db_user_count(&p) > 0)
		goto print;
	{
		char *apw = rand_alnum(&p, 14), *opw = rand_alnum(&p, 14);
		struct creds ch;
		long long chid;
		if (db_begin() != 0)
			goto out;
		if (add_user(&p, "admin", "Demo Admin", "admin", apw, &admin) ||
		    add_user(&p, "operator", "Demo Operator", "operator", opw, &op) ||
		    db_brand_insert(&p, "Demo", &brand) != DB_OK ||
		    db_dept_insert(&p, brand, "Sales", &sales) != DB_OK ||
		    db_dept_insert(&p, brand, "Support", &support) != DB_OK ||
		    db_member_add(&p, sales, op) != DB_OK ||
		    db_member_add(&p, support, op) != DB_OK ||
		    make_channel(&p, brand, sales, "plain", "active", &ch, &chid) != DB_OK ||
		    demo_bot(&p, chid) != DB_OK || db_commit() != 0) {
			db_rollback();
			fprintf(stderr, "cannot load the demo data: %s\n", db_error());
			goto out;
		}
		umask(077);
		if ((f = fopen(credfile, "w")) == NULL) {
			fprintf(stderr, "cannot write %s: %s\n", credfile, strerror(errno));
			goto out;
		}
		fprintf(f, "admin    (administrator)  password %s\n", apw);
		fprintf(f, "operator (operator)       password %s\n", opw);
		fprintf(f, "\nDemo WeChat channel (brand Demo, department Sales, plain text mode):\n");
		fprintf(f, "webhook  %s/wechat/%s\n", cfg_get("PublicURL", ""), ch.key);
		fprintf(f, "token    %s\n", ch.token);
		fprintf(f, "appid    %s\n", ch.app_id);
		fprintf(f, "aeskey   %s\n", ch.aes);
		fprintf(f, "original %s\n", ch.original);
		fclose(f);
		/* the same, for scripts (wxdesk-ctl registers it with the simulator) */
		if ((f = fopen(pool_printf(&p, "%s.env", credfile), "w")) != NULL) {
			fprintf(f, "WEBHOOK_KEY=%s\nTOKEN=%s\nAES_KEY=%s\nAPP_ID=%s\n"
			    "APP_SECRET=%s\nORIGINAL_ID=%s\n", ch.key, ch.token, ch.aes,
			    ch.app_id, ch.secret, ch.original);
			fclose(f);
		}
	}
print:
	if ((f = fopen(credfile, "r")) == NULL) {
		printf("  (demo sign-ins were created earlier; %s is missing: reset a "
		    "password with wxdesk-admin passwd)\n", credfile);
		rc = 0;
		goto out;
	}
	while (fgets(line, sizeof line, f))
		printf("  %s", line);
	fclose(f);
	rc = 0;
out:
	pool_free(&p);
	return rc;
}

static char *
read_password(struct pool *p)
{
	char line[512];

	if (fgets(line, sizeof line, stdin) == NULL)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return pool_strdup(p, line);
}

static int
cmd_user(const char *login, const char *name, const char *role)
{
	struct pool p = { 0 };
	long long   id;
	char       *pw = read_password(&p);
	const char *e;
	int         rc = 1;

	if ((e = v_login(login)) || (e = v_name(name)) || (e = v_role(role)) ||
	    (e = pw ? v_password(pw) : "Give the password on standard input.")) {
		fprintf(stderr, "%s\n", e);
		goto out;
	}
	if (add_user(&p, login, name, role, pw, &id) == 0) {
		printf("created %s (%s), id %lld\n", login, role, id);
		rc = 0;
	}
out:
	pool_free(&p);
	return rc;
}

static int
cmd_passwd(const char *login)
{
	struct pool  p = { 0 };
	struct user_by_login u;
	char        *pw = read_password(&p);
	const char  *e = pw ? v_password(pw) : "Give the password on standard input.";
	int          rc = 1;

	if (e) {
		fprintf(stderr, "%s\n", e);
		goto out;
	}
	if (db_user_by_login(&p, login, &u) != DB_OK) {
		fprintf(stderr, "no user %s\n", login);
		goto out;
	}
	if (db_user_set_password(&p, u.id, pw_hash(&p, pw)) == DB_OK) {
		printf("password of %s changed\n", login);
		rc = 0;
	}
out:
	pool_free(&p);
	return rc;
}

/* n departments across 10 brands and n operators, sharing one password hash. */
static int
cmd_seed_bench(long n)
{
	struct pool p = { 0 };
	char       *hash = pw_hash(&p, "bench-password-1");
	long long   brands[10], dept = 0, uid;

	if (db_begin() != 0)
		return 1;
	for (int b = 0; b < 10; b++)
		if (db_brand_insert(&p, pool_printf(&p, "Bench brand %d", b),
		    &brands[b]) != DB_OK)
			goto fail;
	for (long i = 0; i < n; i++) {
		if (db_dept_insert(&p, brands[i % 10], pool_printf(&p,
		    "Bench department %04ld", i), &dept) != DB_OK)
			goto fail;
		if (db_user_insert(&p, pool_printf(&p, "bench%04ld", i),
		    pool_printf(&p, "Bench operator %04ld", i), "operator", hash,
		    &uid) != DB_OK || db_member_add(&p, dept, uid) != DB_OK)
			goto fail;
		if (i % 200 == 199) {
			db_commit();
			pool_free(&p);
			hash = pw_hash(&p, "bench-password-1");
			db_begin();
		}
	}
	db_commit();
	printf("seeded %ld departments and %ld operators in 10 brands\n", n, n);
	pool_free(&p);
	return 0;
fail:
	db_rollback();
	fprintf(stderr, "seeding failed: %s\n", db_error());
	pool_free(&p);
	return 1;
}

static int
cmd_channel(long long brand, long long dept, const char *mode, const char *state)
{
	struct pool  p = { 0 };
	struct creds c;
	long long    id;
	int          rc = 1;

	if (db_begin() != 0)
		goto out;
	if (make_channel(&p, brand, dept, mode, state, &c, &id) != DB_OK || db_commit() != 0) {
		db_rollback();
		fprintf(stderr, "cannot create the channel: %s\n", db_error());
		goto out;
	}
	printf("CHANNEL_ID=%lld\nWEBHOOK_KEY=%s\nTOKEN=%s\nAES_KEY=%s\nAPP_ID=%s\n"
	    "APP_SECRET=%s\nORIGINAL_ID=%s\n", id, c.key, c.token, c.aes, c.app_id, c.secret,
	    c.original);
	rc = 0;
out:
	pool_free(&p);
	return rc;
}

/* Moves the channel's AES key to "previous" and seals a new one; prints it. */
static int
cmd_channel_rotate(long long id)
{
	struct pool          p = { 0 };
	struct channel_get c;
	struct channel_setup s;
	char                *aes = rand_alnum(&p, 43);
	int                  rc = 1;

	if (db_channel_get(&p, id, &c) != DB_OK) {
		fprintf(stderr, "no channel %lld\n", id);
		goto out;
	}
	db_channel_setup_of(&c, &s);
	s.aes_key_prev_enc = s.aes_key_enc;	/* the current key opens what it sealed */
	s.aes_key_enc = secret_encrypt(&p, aes);
	if (db_channel_update_setup(&p, id, &s) != DB_OK)
		goto out;
	puts(aes);
	rc = 0;
out:
	pool_free(&p);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: wxdesk-admin migrate SQLDIR | demo CREDFILE | "
	    "user LOGIN NAME ROLE | passwd LOGIN | seed-bench N | "
	    "channel BRAND_ID DEPT_ID MODE STATE\n"
	    "(passwords are read from standard input)\n");
	return 64;
}

int
main(int argc, char **argv)
{
	int         rc = 1;
	const char *owner;
	char       *runtime = NULL;

	wx_set_progname("wxdesk-admin");
	if (argc < 2)
		return usage();
	if (cfg_load(NULL) != 0)
		return 1;
	/* migrations run as the schema's owner (Database.OwnerFile, apart from
	 * the file every program reads), who then grants the programs' account
	 * only what they use; without the file, as the one configured account */
	owner = cfg_get("Database.OwnerFile", NULL);
	if (strcmp(argv[1], "migrate") == 0 && owner && *owner) {
		runtime = xstrdup(cfg_get("Database.User", ""));
		if (cfg_overlay(owner) != 0) {
			fprintf(stderr, "cannot read the schema owner's credentials in %s\n", owner);
			goto out;
		}
		if (strcmp(runtime, cfg_get("Database.User", "")) == 0) {
			free(runtime);	/* one account after all: nothing to grant */
			runtime = NULL;
		}
	}
	if (db_open() != 0) {
		fprintf(stderr, "cannot connect to the database: %s\n", db_error());
		goto out;
	}
	/* (migrations need no secrets: the migrate unit must not make the key) */
	if (strcmp(argv[1], "migrate") != 0 && secret_key_load(cfg_get("Secrets.KeyFile", NULL)) != 0)
		goto out;
	if (strcmp(argv[1], "migrate") == 0 && argc == 3)
		rc = cmd_migrate(argv[2], runtime);
	else if (strcmp(argv[1], "demo") == 0 && argc == 3)
		rc = cmd_demo(argv[2]);
	else if (strcmp(argv[1], "user") == 0 && argc == 5)
		rc = cmd_user(argv[2], argv[3], argv[4]);
	else if (strcmp(argv[1], "passwd") == 0 && argc == 3)
		rc = cmd_passwd(argv[2]);
	else if (strcmp(argv[1], "seed-bench") == 0 && argc == 3)
		rc = cmd_seed_bench(strtol(argv[2], NULL, 10));
	else if (strcmp(argv[1], "channel-rotate") == 0 && argc == 3)
		rc = cmd_channel_rotate(strtoll(argv[2], NULL, 10));
	else if (strcmp(argv[1], "channel") == 0 && argc == 6)
		rc = cmd_channel(strtoll(argv[2], NULL, 10), strtoll(argv[3], NULL, 10),
		    argv[4], argv[5]);
	else
		rc = usage();
out:
	db_close();
	free(runtime);
	return rc;
}
