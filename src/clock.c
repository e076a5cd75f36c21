/*
 * clock.c: the one clock every wxdesk program reads.
 *
 * Production reads the system time. A test configuration names an offset
 * file (Clock.OffsetFile) holding a number of seconds; every process adds it,
 * so a test can move all programs 49 hours ahead at once by writing one file.
 * The file is re-read only when its modification time or size changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "wxdesk.h"

static long long cached_offset;
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
		return cached_offset = 0;
	}
	if (st.st_size == cached_size &&
	    st.st_mtim.tv_sec == cached_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == cached_mtime.tv_nsec)
		return cached_offset;
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%lld", &v) != 1)
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
	return time(NULL) + (time_t)clock_offset();
}

void
wx_fmt_time(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}
