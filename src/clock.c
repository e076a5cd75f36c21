/*
 * clock.c: the one clock every wxdesk program reads.
 *
 * Production reads the system time. A test configuration names an offset
 * file (Clock.OffsetFile) holding a number of seconds; every process adds it,
 * so a test can move all programs 49 hours ahead at once by writing one file.
 * "@T" instead stops every clock at the Unix time T, for tests that check
 * durations to the second. The file is re-read only when its modification
 * time or size changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "wxdesk.h"

static long long cached_offset;
static int cached_fixed;	/* the offset is an absolute time ("@T") */
static struct timespec cached_mtime;
static off_t cached_size = -1;

static long long
clock_offset(void)
{
	const char *path = cfg_get("Clock.OffsetFile", NULL);
	struct stat st;
	FILE       *f;
	long long   v = 0;

	if (path == NULL || *path == '\0')
		return 0;
	if (stat(path, &st) != 0) {
		cached_size = -1;
		cached_fixed = 0;
		return cached_offset = 0;
	}
	if (st.st_size == cached_size &&
	    st.st_mtim.tv_sec == cached_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == cached_mtime.tv_nsec)
		return cached_offset;
	cached_fixed = 0;
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, " @%lld", &v) == 1)
			cached_fixed = 1;
		else if (fscanf(f, "%lld", &v) != 1)
			v = 0;
		fclose(f);
	}
	cached_mtime = st.st_mtim;
	cached_size = st.st_size;
	return cached_offset = v;
}

time_t
wx_now(void)
{
	long long off = clock_offset();

	return cached_fixed ? (time_t)off : time(NULL) + (time_t)off;
}

void
wx_fmt_time(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}
