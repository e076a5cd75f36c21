/*
 * job-files.c: the worker's clean-up job: deletes stored files no row
 * refers to any more (a follower's data erased after an unfollow, a rule's
 * picture replaced), an hour after they were stored, keeping a file another
 * row still uses (ATTACHMENT_UNUSED, db-worker.c).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "job.h"
#include "media.h"

void
job_files(struct pool *p)
{
	struct attachments_orphaned *o = NULL;
	size_t o_n = 0;

	if (db_attachments_orphaned(p, wx_now() - 3600, &o, &o_n) != DB_OK)
		return;
	/* columns: id path */
	for (size_t i = 0; i < o_n && !job_stopping; i++) {
		const char *path = o[i].path;
		if (db_attachment_delete(p, o[i].id) != DB_OK)
			continue;
		/* the same content is stored once: keep the file while another row uses it */
		if (db_attachment_path_used(p, path) == 0 && unlink(media_file(p, path)) != 0 &&
		    errno != ENOENT)
			wx_log("cannot delete %s: %s", media_file(p, path), strerror(errno));
	}
}
