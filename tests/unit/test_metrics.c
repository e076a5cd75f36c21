/* test_metrics.c: the shared counters: each process its slot, a slot of a process that ended taken over with its counts. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/metrics.h"
#include "tap.h"

/* a child process of program name prog that counts n stored pushes and ends */
static void
child(const char *prog, int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		wx_set_progname(prog);
		for (int i = 0; i < n; i++)
			metrics_push(MP_STORED, 0.002);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int
main(void)
{
	char               cfg[] = "/tmp/wxdesk-metrics-XXXXXX", file[] = "/tmp/wxdesk-metrics-file-XXXXXX";
	int                fd = mkstemp(cfg), ffd = mkstemp(file);
	FILE              *f = fdopen(fd, "w");
	unsigned long long n[MP__N];
	int                used;

	close(ffd);
	fprintf(f, "Metrics.File = %s\n", file);
	fclose(f);
	CHECK(cfg_load(cfg) == 0, "config");
	unlink(cfg);

	wx_set_progname("test-a");
	metrics_push(MP_STORED, 0.001);
	metrics_push(MP_DUPLICATE, 0.001);
	metrics_push(MP_SIGNATURE, 0.001);
	used = metrics_pushes(n);
	CHECK(n[MP_STORED] == 1 && n[MP_DUPLICATE] == 1 && n[MP_SIGNATURE] == 1 && used == 1,
	    "this process's counts, in its slot (%d in use)", used);
	child("test-b", 5);
	used = metrics_pushes(n);
	CHECK(n[MP_STORED] == 6 && used == 2, "another process's counts add up, in a slot of its own");
	child("test-b", 3);
	used = metrics_pushes(n);
	CHECK(n[MP_STORED] == 9 && used == 2,
	    "a process of the same program takes the ended one's slot, counts and all (%d in use)", used);
	child("test-c", 2);
	used = metrics_pushes(n);
	CHECK(n[MP_STORED] == 11 && used == 3, "another program: a slot of its own");
	metrics_push(MP_STORED, 0.001);
	CHECK(metrics_pushes(n) == 3 && n[MP_STORED] == 12, "the first process keeps its own slot");
	unlink(file);
	return tap_done();
}
