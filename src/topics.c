/* topics.c: the close summary's checks: a topic's name and a summary's note (see topics.h). */
#include <string.h>

#include "topics.h"

const char *
v_topic(const char *v)
{
	const char *e = v_line(v);

	if (e != NULL)
		return e;
	return utf8_chars(v) > 40 ? "v.topic_max" : NULL;
}

const char *
v_topic_note(const char *v)
{
	const char *e = v_text(v);

	if (e != NULL)
		return e;
	return utf8_chars(v) > TOPIC_NOTE_MAX ? "v.topic_note_max" : NULL;
}
