/* media.h: files that go to and come from WeChat: kinds by content, WeChat's limits, storage. */
#ifndef WXDESK_MEDIA_H
#define WXDESK_MEDIA_H

#include "wxdesk.h"

/* The kind of file by its first bytes: "jpeg" "png" "gif" "amr" "mp3" "mp4" or NULL. */
const char *media_sniff(const void *data, size_t n);
const char *media_mime(const char *kind);	/* "image/png" … */
/*
 * What an operator may send, as the reference allows: the WeChat media type
 * ("image", "voice", "video") of a file of this kind, and its size limit;
 * NULL for any other kind.
 */
const char *media_sendable(const char *kind, size_t *max);
/* Writes data under Media.Dir/<2 hex>/<sha256>.<ext>, once per content; the path or NULL. */
const char *media_store(struct pool *p, const char *sha, const char *mime, const void *data,
	size_t n);
/*
 * Files are recorded (attachments.path) relative to Media.Dir, as
 * "<2 hex>/<sha256>.<ext>", so a backup restores into any directory:
 * media_rel gives that name of a path, media_file the file under this
 * installation's Media.Dir of a recorded name (older rows hold absolute
 * paths: their last two parts are used the same way).
 */
const char *media_rel(struct pool *p, const char *path);
const char *media_file(struct pool *p, const char *recorded);
/*
 * The file a browser plays in place of a stored one: WeChat's voice is AMR,
 * which no browser plays, so beside <sha>.amr is <sha>.play.mp3, made by
 * Debian's ffmpeg (media_make_playable, when the file is stored) and served
 * instead (media_playable: the path, or NULL when there is none).
 */
int         media_make_playable(struct pool *p, const char *path, const char *mime);
const char *media_playable(struct pool *p, const char *path, const char *mime);

#endif
