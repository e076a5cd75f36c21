/*
 * ui-hours.c: a brand's business hours page (Admin → Brands → brand →
 * Business hours): on or off, the time zone (chosen from a list), up to
 * three spans per weekday (a lunch break), Monday's copied to the other
 * weekdays on request, the holidays and the make-up working days (调休), and
 * whether the missed timer runs outside the hours (what the followers are
 * told outside them is on the brand's page: tell.h). Saved whole, in one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "hours.h"
#include "ui.h"
#include "staff.h"

/* a span's field names: opens_<day> for the first (as before there were
 * more), opens_<day>_<k> for the others */
static const char *
span_name(struct pool *p, const char *what, int day, int k)
{
	return k == 0 ? pool_printf(p, "%s_%d", what, day) : pool_printf(p, "%s_%d_%d", what, day, k);
}

/* the zones offered: the list, and the brand's own when it is another */
static void
zones(struct req *r, const char *current)
{
	int n = 0, found = 0;

	for (; hours_zones[n] != NULL; n++) {
		char key[80], *c;
		snprintf(key, sizeof key, "zone.%s", hours_zones[n]);
		for (c = key; (c = strchr(c, '/')) != NULL; )
			*c = '_';	/* a catalogue key has no slash */
		tmpl_set(r, pool_printf(&r->pool, "Zones.%d.Id", n), hours_zones[n]);
		tmpl_set(r, pool_printf(&r->pool, "Zones.%d.Name", n), L(r, key));
		found |= current && strcmp(current, hours_zones[n]) == 0;
	}
	if (current && *current && !found) {
		tmpl_set(r, pool_printf(&r->pool, "Zones.%d.Id", n), current);
		tmpl_set(r, pool_printf(&r->pool, "Zones.%d.Name", n), current);
	}
}

static void
page(struct req *r, struct resp *rs, long long brand, int status)
{
	struct brand_get b;
	struct hours_settings  s;
	struct hours_day      *d;
	struct hours_holiday  *h;
	size_t                 nd, nh;

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
		struct buf days = { 0 }, work = { 0 };
		int        k = 0;
		tmpl_set(r, "Hours.On", s.enabled ? "1" : NULL);
		tmpl_set(r, "Hours.Timer", s.timer ? "1" : NULL);
		tmpl_set(r, "Form.time_zone.Value", s.zone);
		for (size_t i = 0; i < nd; i++) {	/* by weekday, then opening */
			k = i > 0 && d[i].weekday == d[i - 1].weekday ? k + 1 : 0;
			if (k >= HOURS_SPANS)
				continue;
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", span_name(&r->pool, "opens",
			    (int)d[i].weekday, k)), d[i].opens);
			tmpl_set(r, pool_printf(&r->pool, "Form.%s.Value", span_name(&r->pool, "closes",
			    (int)d[i].weekday, k)), d[i].closes);
		}
		for (size_t i = 0; i < nh; i++) {
			struct buf *to = h[i].workday ? &work : &days;
			buf_printf(to, "%s%s", to->len ? "\n" : "", h[i].day);
		}
		tmpl_set(r, "Form.holidays.Value", days.data);
		tmpl_set(r, "Form.workdays.Value", work.data);
		buf_free(&days);
		buf_free(&work);
	} else {
		/* the form shown again: form_read kept what was typed */
		tmpl_set(r, "Hours.On", form_on(form_kept(r, "hours_enabled")) ? "1" : NULL);
		tmpl_set(r, "Hours.Timer", form_on(form_kept(r, "offhours_missed_timer")) ? "1" : NULL);
	}
	zones(r, form_kept(r, "time_zone") ? form_kept(r, "time_zone") : s.zone);
	for (int w = 0; w < 7; w++) {
		tmpl_set_int(r, pool_printf(&r->pool, "Days.%d.N", w), w);
		tmpl_set(r, pool_printf(&r->pool, "Days.%d.Name", w), L(r, pool_printf(&r->pool,
		    "hours.day.%d", w)));
		for (int k = 0; k < HOURS_SPANS; k++) {
			/* a hint of a day with a lunch break */
			static const char *const hint[HOURS_SPANS][2] = { { "09:00", "12:00" },
				{ "13:30", "18:00" }, { "", "" } };
			const char *base = pool_printf(&r->pool, "Days.%d.Spans.%d", w, k);
			tmpl_set_int(r, pool_printf(&r->pool, "%s.N", base), k + 1);
			tmpl_set(r, pool_printf(&r->pool, "%s.OpensHint", base), hint[k][0]);
			tmpl_set(r, pool_printf(&r->pool, "%s.ClosesHint", base), hint[k][1]);
			tmpl_set(r, pool_printf(&r->pool, "Days.%d.Spans.%d.Opens", w, k),
			    span_name(&r->pool, "opens", w, k));
			tmpl_set(r, pool_printf(&r->pool, "Days.%d.Spans.%d.Closes", w, k),
			    span_name(&r->pool, "closes", w, k));
		}
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

/* the hours form: a zone, three ticks, the holidays and make-up days, and
 * each day's spans */
enum { HF_ZONE, HF_ON, HF_TIMER, HF_COPY, HF_HOLIDAYS, HF_WORKDAYS, HF_SPANS,
	HF__N = HF_SPANS + 7 * HOURS_SPANS * 2 };
#define HF_OPENS(w, k)  (HF_SPANS + ((w) * HOURS_SPANS + (k)) * 2)
#define HF_CLOSES(w, k) (HF_OPENS(w, k) + 1)

static const char *
v_dates(const char *v)
{
	return v_utf8(v);	/* each date is checked when parsed (hours_dates) */
}

/* the table, its span fields named once (span_name) */
static const struct field *
hours_fields(struct pool *p)
{
	static const struct field head[HF_SPANS] = {
		[HF_ZONE] = { "time_zone", "hours.zone", F_CHECKED, v_zone },
		[HF_ON] = { "hours_enabled", "hours.enabled", 0, v_flag },
		[HF_TIMER] = { "offhours_missed_timer", "hours.timer", 0, v_flag },
		[HF_COPY] = { "copy", "hours.copy", 0, v_flag },
		[HF_HOLIDAYS] = { "holidays", "hours.holidays", 0, v_dates },
		[HF_WORKDAYS] = { "workdays", "hours.workdays", 0, v_dates },
	};
	struct field *f = pool_alloc(p, sizeof *f * HF__N);

	memcpy(f, head, sizeof head);
	for (int w = 0; w < 7; w++)
		for (int k = 0; k < HOURS_SPANS; k++) {
			f[HF_OPENS(w, k)] = (struct field){ span_name(p, "opens", w, k), "hours.opens", 0,
				v_clock };
			f[HF_CLOSES(w, k)] = (struct field){ span_name(p, "closes", w, k),
				"hours.closes", 0, v_clock };
		}
	return f;
}

/* the week, the holidays and make-up workdays, the zone: checked whole, saved together */
static int
hours_change(struct req *r)
{
	long long          brand = r->ids[0];
	const struct field *f = hours_fields(&r->pool);
	const char        *v[HF__N], *wrong;
	int                bad, zok, rc;
	struct brand_get   b;
	struct hours_week  week = { 0 };

	if ((rc = db_brand_get(&r->pool, brand, &b)) != DB_OK)
		return rc;
	form_trim(r);
	bad = form_read(r, f, HF__N, v);
	zok = v[HF_ZONE] ? db_hours_zone_ok(&r->pool, v[HF_ZONE]) : 1;
	if (zok < 0)
		return DB_FAIL;
	if (!zok && ++bad)
		form_error(r, "time_zone", L(r, "v.time_zone"));
	for (int w = 0; w < 7; w++) {
		/* "copy Monday to the weekdays": Tuesday to Friday take Monday's spans */
		int from = form_on(v[HF_COPY]) && w >= 1 && w <= 4 ? 0 : w;
		for (int k = 0; k < HOURS_SPANS; k++) {
			week.opens[w][k] = v[HF_OPENS(from, k)];
			week.closes[w][k] = v[HF_CLOSES(from, k)];
			if (week.opens[w][k] == NULL || week.closes[w][k] == NULL)
				week.opens[w][k] = week.closes[w][k] = "";	/* said already */
		}
		if ((wrong = hours_day_spans(week.opens[w], week.closes[w])) != NULL && ++bad)
			form_error(r, f[HF_CLOSES(w, 0)].name, L(r, wrong));
	}
	if (v[HF_HOLIDAYS] != NULL &&
	    (wrong = hours_dates(&r->pool, v[HF_HOLIDAYS], &week.holidays, &week.nholidays)) != NULL &&
	    ++bad)
		form_error(r, "holidays", LF(r, "v.holiday", wrong));
	if (v[HF_WORKDAYS] != NULL &&
	    (wrong = hours_dates(&r->pool, v[HF_WORKDAYS], &week.workdays, &week.nworkdays)) != NULL &&
	    ++bad)
		form_error(r, "workdays", LF(r, "v.holiday", wrong));
	if (!bad && (wrong = hours_both(&week)) != NULL && ++bad)
		form_error(r, "workdays", LF(r, "v.holiday_workday", wrong));
	if (bad)
		return UI_REFUSED;
	week.enabled = form_on(v[HF_ON]);
	week.timer = form_on(v[HF_TIMER]);
	week.zone = v[HF_ZONE];
	rc = hours_save(&r->pool, brand, &week);
	return ui_wrote(rc);
}

/* POST /admin/brands/{id}/hours: answered once (ui.h) */
void
admin_brand_hours_post(struct req *r, struct resp *rs)
{
	int st = hours_change(r);

	if (st == UI_REFUSED)
		page(r, rs, r->ids[0], 422);
	else
		ui_saved(r, rs, st, "brand", L(r, "hours.saved"),
		    pool_printf(&r->pool, "/admin/brands/%lld/hours", r->ids[0]));
}
