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
	if (form_kept(r, "time_zone") == NULL) {
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
		/* the form shown again: form_read kept what was typed */
		tmpl_set(r, "Hours.On", form_on(form_kept(r, "hours_enabled")) ? "1" : NULL);
		tmpl_set(r, "Hours.Timer", form_on(form_kept(r, "offhours_missed_timer")) ? "1" : NULL);
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

/* the hours form: a zone, two ticks, the holidays, and each day's span */
enum { HF_ZONE, HF_ON, HF_TIMER, HF_HOLIDAYS, HF_OPENS, HF_CLOSES = HF_OPENS + 7,
	HF__N = HF_CLOSES + 7 };
#define DAY(w) [HF_OPENS + w] = { "opens_" #w, "hours.opens", 0, v_clock }, \
	[HF_CLOSES + w] = { "closes_" #w, "hours.closes", 0, v_clock }
static const struct field hours_fields[HF__N] = {
	[HF_ZONE] = { "time_zone", "hours.zone", F_CHECKED, v_zone },
	[HF_ON] = { "hours_enabled", "hours.enabled", 0, v_flag },
	[HF_TIMER] = { "offhours_missed_timer", "hours.timer", 0, v_flag },
	[HF_HOLIDAYS] = { "holidays", "hours.holidays", 0, v_utf8 },
	DAY(0), DAY(1), DAY(2), DAY(3), DAY(4), DAY(5), DAY(6),
};
#undef DAY

void
admin_brand_hours_post(struct req *r, struct resp *rs)
{
	long long         brand = r->ids[0];
	const char       *v[HF__N], *wrong;
	int               bad, zok;
	struct brand_get b;
	struct hours_week week = { 0 };

	if (!ui_found(r, rs, db_brand_get(&r->pool, brand, &b), "brand"))
		return;
	form_trim(r);
	bad = FORM_READ(r, hours_fields, v);
	zok = v[HF_ZONE] ? db_hours_zone_ok(&r->pool, v[HF_ZONE]) : 1;
	if (zok < 0) {
		ui_db_failed(r, rs);
		return;
	}
	if (!zok && ++bad)
		form_error(r, "time_zone", L(r, "v.time_zone"));
	for (int w = 0; w < 7; w++) {
		const char *o = v[HF_OPENS + w], *c = v[HF_CLOSES + w];
		if (o == NULL || c == NULL || (*o == '\0' && *c == '\0'))
			continue;	/* closed that day, or said already */
		week.opens[w] = o, week.closes[w] = c;
		if (!hours_span_ok(o, c) && ++bad)
			form_error(r, hours_fields[HF_CLOSES + w].name, L(r, "v.hours_span"));
	}
	/* holidays: one date a line */
	if (v[HF_HOLIDAYS] != NULL &&
	    (wrong = hours_holidays(&r->pool, v[HF_HOLIDAYS], &week)) != NULL && ++bad)
		form_error(r, "holidays", LF(r, "v.holiday", wrong));
	if (bad) {
		page(r, rs, brand, 422);
		return;
	}
	week.enabled = form_on(v[HF_ON]);
	week.timer = form_on(v[HF_TIMER]);
	week.zone = v[HF_ZONE];
	if (hours_save(&r->pool, brand, &week) != DB_OK) {
		ui_db_failed(r, rs);
		return;
	}
	flash_set(r, L(r, "hours.saved"));
	resp_redirect(rs, pool_printf(&r->pool, "/admin/brands/%lld/hours", brand));
}
