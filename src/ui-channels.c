/* ui-channels.c: Admin → WeChat: the list of WeChat accounts, one per brand. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "ui-channel.h"
#include "wxapi.h"
#include "channel.h"

/* ---- the channel list ---- */

void
admin_channels_get(struct req *r, struct resp *rs)
{
	struct channel_list *l = NULL;
	size_t l_n = 0;

	if (db_channel_list(&r->pool, &l, &l_n) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	TMPL_LIST(r, "Channels", l, l_n, channel_list);
	for (size_t i = 0; i < l_n; i++) {
		if (l[i].last_message > 0)
			tmpl_set(r, pool_printf(&r->pool, "Channels.%zu.LastMessage", i),
			    ui_time(r, l[i].last_message));
		tmpl_set(r, pool_printf(&r->pool, "Channels.%zu.StepText", i),
		    LF(r, "channels.step", l[i].step));
	}
	tmpl_set(r, "Page.Title", L(r, "channels.title"));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "channels.cs");
}

