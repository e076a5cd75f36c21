/*
 * media.c: files that go to and come from WeChat. Kinds are told by their
 * first bytes, never by name or declared type; files are stored once per
 * content under Media.Dir, named by their SHA-256.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "media.h"
#include "wx.h"

const char *
media_sniff(const void *data, size_t n)
{
	const unsigned char *d = data;

	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) return "jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) return "png";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) return "gif";
	if (n >= 6 && memcmp(d, "#!AMR\n", 6) == 0) return "amr";
	if (n >= 3 && memcmp(d, "ID3", 3) == 0) return "mp3";
	if (n >= 2 && d[0] == 0xff && (d[1] & 0xe0) == 0xe0) return "mp3";
	if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0) return "mp4";
	return NULL;
}

const char *
media_mime(const char *kind)
{
	if (strcmp(kind, "jpeg") == 0) return "image/jpeg";
	if (strcmp(kind, "png") == 0) return "image/png";
	if (strcmp(kind, "gif") == 0) return "image/gif";
	if (strcmp(kind, "amr") == 0) return "audio/amr";
	if (strcmp(kind, "mp3") == 0) return "audio/mpeg";
	return "video/mp4";
}

const char *
media_sendable(const char *kind, size_t *max)
{
	if (kind == NULL)
		return NULL;
	if (strcmp(kind, "jpeg") == 0 || strcmp(kind, "png") == 0)
		return (*max = WX_IMAGE_MAX), "image";
	if (strcmp(kind, "amr") == 0 || strcmp(kind, "mp3") == 0)
		return (*max = WX_VOICE_MAX), "voice";
	if (strcmp(kind, "mp4") == 0)
		return (*max = WX_VIDEO_MAX), "video";
	return NULL;
}

static const char *
ext_of(const char *mime)
{
	if (strstr(mime, "png")) return "png";
	if (strstr(mime, "jpeg") || strstr(mime, "jpg")) return "jpg";
	if (strstr(mime, "gif")) return "gif";
	if (strstr(mime, "amr")) return "amr";
	if (strstr(mime, "mpeg") || strstr(mime, "mp3")) return "mp3";
	if (strstr(mime, "mp4")) return "mp4";
	return "bin";
}

const char *
media_rel(struct pool *p, const char *path)
{
	const char *last = strrchr(path, '/'), *prev = last;

	if (last == NULL)
		return path;
	while (prev > path && prev[-1] != '/')
		prev--;
	return pool_strdup(p, prev);
}

const char *
media_file(struct pool *p, const char *recorded)
{
	if (recorded == NULL)
		return NULL;
	return pool_printf(p, "%s/%s", cfg_get("Media.Dir", "var/media"), media_rel(p, recorded));
}

const char *
media_store(struct pool *p, const char *sha, const char *mime, const void *data, size_t n)
{
	const char *dir = cfg_get("Media.Dir", "var/media");
	const char *sub = pool_printf(p, "%s/%.2s", dir, sha);
	const char *path = pool_printf(p, "%s/%s.%s", sub, sha, ext_of(mime));
	const char *tmp = pool_printf(p, "%s.tmp%d", path, (int)getpid());
	int         fd;

	mkdir(dir, 0750);
	mkdir(sub, 0750);
	if (access(path, F_OK) == 0)
		return path;	/* the same content is stored once */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0)
		return NULL;
	if (write(fd, data, n) != (ssize_t)n || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		return NULL;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return NULL;
	}
	return path;
}

extern char **environ;

static const char *
play_path(struct pool *p, const char *path, const char *mime)
{
	size_t n = strlen(path);

	if (mime == NULL || strstr(mime, "amr") == NULL || n < 5 ||
	    strcmp(path + n - 4, ".amr") != 0)
		return NULL;
	return pool_printf(p, "%.*s.play.mp3", (int)(n - 4), path);
}

const char *
media_playable(struct pool *p, const char *path, const char *mime)
{
	const char *play = play_path(p, path, mime);

	return play && access(play, R_OK) == 0 ? play : NULL;
}

/*
 * Converts an AMR voice to MP3 beside it, with ffmpeg (no shell: the paths
 * are arguments). 0 when there is a playable file, or nothing to convert;
 * -1 when ffmpeg is missing or failed (logged; the original stays).
 */
int
media_make_playable(struct pool *p, const char *path, const char *mime)
{
	const char *play = play_path(p, path, mime), *tmp;
	pid_t       pid;
	int         st;

	if (play == NULL || access(play, R_OK) == 0)
		return 0;
	tmp = pool_printf(p, "%s.tmp%d.mp3", play, (int)getpid());
	char *const argv[] = { "ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
	    (char *)path, "-vn", "-codec:a", "libmp3lame", "-b:a", "32k", (char *)tmp, NULL };
	if (posix_spawnp(&pid, "ffmpeg", NULL, NULL, argv, environ) != 0) {
		wx_log("voice %s: ffmpeg cannot be run; browsers cannot play AMR", path);
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || rename(tmp, play) != 0) {
		unlink(tmp);
		wx_log("voice %s: ffmpeg could not convert it to MP3", path);
		return -1;
	}
	return 0;
}
