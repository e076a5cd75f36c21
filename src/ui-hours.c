/*
 * ui-hours.c: a brand's business hours page (Admin → Brands → brand →
 * Business hours): on or off, the time zone, one span per weekday, the
 * holidays, and whether the missed timer runs outside the hours (what the
 * followers are told outside them is on the brand's page: tell.h). Saved
 * whole, in one transaction.
 */
#include <string.h>

#include "db.h"
#include "hours.h"
#include "ui.h"
#include "staff.h"

static void
page(struct req *r, struct resp *rs, long long brand, int status)
{
	struct brand_get b;
	struct hours_settings  s;
	struct hours_day      *d;
	struct hours_holiday  *h;
	size_t                 nd, nh;
	struct buf             days = { 0 };

	if (!ui_found(r, rs, db_brand_get(&r->pool, brand, &b), "brand"))
		return;
	if (db_hours_settings(&r->pool, brand, &s) != DB_OK ||
	    db_hours_days(&r->pool, brand, &d, &nd) != DB_OK ||
	    db_hours_holidays(&r->pool, brand, &h, &nh) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	tmpl_set_int(r, "Brand.Id", brand);
	tmpl_set(r, "Brand.Name", b.name);
	if (req_field(r, "time_zone") == NULL) {
		tmpl_set(r, "Hours.On", s.enabled ? "1" : NULL);
		tmpl_set(r, "Hours.Timer", s.timer ? "1" : NULL);
		tmpl_set(r, "Form.time_zone.Value", s.zone);
		for (size_t i = 0; i < nd; i++) {
			tmpl_set(r, pool_printf(&r->pool, "Form.opens_%lld.Value", d[i].weekday), d[i].opens);
			tmpl_set(r, pool_printf(&r->pool, "Form.closes_%lld.Value", d[i].weekday), d[i].closes);
		}
		for (size_t i = 0; i < nh; i++)
			buf_printf(&days, "%s%s", i ? "\n" : "", h[i].day);
		tmpl_set(r, "Form.holidays.Value", days.data);
		buf_free(&days);
	} else {
		tmpl_set(r, "Hours.On", req_field(r, "hours_enabled") ? "1" : NULL);
		tmpl_set(r, "Hours.Timer", req_field(r, "offhours_missed_timer") ? "1" : NULL);
		for (int w = 0; w < 7; w++) {
			const char *o = pool_printf(&r->pool, "opens_%d", w), *c = pool_printf(&r->pool, "closes_%d", w);
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", o), req_field(r, o));
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", c), req_field(r, c));
		}
		tmpl_set(r, "Form.time_zone.Value", req_field(r, "time_zone"));
		tmpl_set(r, "Form.holidays.Value", req_field(r, "holidays"));
	}
	for (int w = 0; w < 7; w++) {
		tmpl_set_int(r, pool_printf(&r->pool, "Days.%d.N", w), w);
		tmpl_set(r, pool_printf(&r->pool, "Days.%d.Name", w), L(r, pool_printf(&r->pool,
		    "hours.day.%d", w)));
	}
	tmpl_set(r, "Page.Title", LF(r, "hours.title", b.name));
	tmpl_set(r, "Nav", "brands");
	tmpl_render(r, rs, "hours.cs");
	if (rs->status == 200)
		rs->status = status;
}

void
admin_brand_hours_get(struct req *r, struct resp *rs)
{
	page(r, rs, r->ids[0], 200);
}

void
admin_brand_hours_post(struct req *r, struct resp *rs)
{
	long long         brand = r->ids[0];
	const char       *zone, *wrong;	/* read once the fields are trimmed */
	int               bad = 0, zok;
	struct brand_get b;
	struct hours_week week = { 0 };

	if (!ui_found(r, rs, db_brand_get(&r->pool, brand, &b), "brand"))
		return;
	form_trim(r);
	zone = req_field(r, "time_zone");
	zok = zone && *zone && strlen(zone) <= 64 ? db_hours_zone_ok(&r->pool, zone) : 0;
	if (zok < 0) {
		ui_db_failed(r, rs);
		return;
	}
	if (!zok && ++bad)
		form_error(r, "time_zone", L(r, "v.time_zone"));
	for (int w = 0; w < 7; w++) {
		const char *o = req_field(r, pool_printf(&r->pool, "opens_%d", w));
		const char *c = req_field(r, pool_printf(&r->pool, "closes_%d", w));
		if ((o == NULL || *o == '\0') && (c == NULL || *c == '\0'))
			continue;	/* closed that day */
		week.opens[w] = o, week.closes[w] = c;
		if (!hours_span_ok(o, c) && ++bad)
			form_error(r, pool_printf(&r->pool, "closes_%d", w), L(r, "v.hours_span"));
	}
	/* holidays: one date a line */
	if ((wrong = hours_holidays(&r->pool, req_field(r, "holidays"), &week)) != NULL && ++bad)
		form_error(r, "holidays", LF(r, "v.holiday", wrong));
	if (bad) {
		page(r, rs, brand, 422);
		return;
	}
	week.enabled = req_field(r, "hours_enabled") != NULL;
	week.timer = req_field(r, "offhours_missed_timer") != NULL;
	week.zone = zone;
	if (hours_save(&r->pool, brand, &week) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, "hours.saved"));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld/hours", brand));
}
