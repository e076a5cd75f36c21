/* ui-channels.c: Admin → WeChat: the list of WeChat accounts, one per brand. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "ui-channel.h"
#include "wxapi.h"

/* ---- the channel list ---- */

void
admin_channels_get(struct req *r, struct resp *rs)
{
	struct dbres l;
	static const char *const cols[] = {
	    [CL_ID] = "Id",
	    [CL_BRAND] = "Brand",
	    [CL_STATE] = "State",
	    [CL_APPID] = "AppId",
	    [CL_STEP] = "Step",
	    [CL_DEPT] = "Department",
	    [CL_LASTMSG] = "LastMessage"
	};

	if (db_channel_list(&r->pool, &l) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	db_to_hdf(r, "Channels", &l, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < l.nrows; i++) {
		if (db_int(&l, i, CL_LASTMSG) > 0)
			tmpl_set(r, pool_printf(&r->pool, "Channels.%zu.LastMessage", i),
			    ui_time(r, db_int(&l, i, CL_LASTMSG)));
		tmpl_set(r, pool_printf(&r->pool, "Channels.%zu.StepText", i),
		    LF(r, "channels.step", db_int(&l, i, CL_STEP)));
	}
	tmpl_set(r, "Page.Title", L(r, "channels.title"));
	tmpl_set(r, "Nav", "channels");
	tmpl_render(r, rs, "channels.cs");
}

