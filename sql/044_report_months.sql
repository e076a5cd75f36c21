-- 044_report_months.sql: report roll-ups by month, in the reporting time
-- zone beside the day level (009), so a long range reads a few rows a month.
--
-- A report of a whole range (the overview, per operator, per department)
-- reads its whole months here, the days around them from the day level,
-- and, for a viewer in another zone, the hours around those from
-- report_hours: a year is twelve months and a few days, not 365 days. A
-- month is the local month of each event's UTC hour, as the day level has
-- it. The worker folds each batch into this level with the others, in one
-- transaction, and rebuilds it with them; report_state.zone = '' below makes
-- it rebuild every level at its next tick, so the months hold what came
-- before too (until then, reports read report_hours, as for any zone).

-- A histogram is read for one kind at a time (the first response by day,
-- say): the day level's bins by kind first, so a year of one kind is one
-- range of its own rows, not every kind's; the month's the same.
ALTER TABLE report_day_bins
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (kind, day, brand_id, channel_id, department_id, operator_id, vbin),
  DROP INDEX fk_report_day_bins_kind;

-- The month level is the day level's shape, by month (the first day).
CREATE TABLE report_month_counts LIKE report_day_counts;
ALTER TABLE report_month_counts
  CHANGE day month DATE NOT NULL,
  ADD CONSTRAINT fk_report_month_counts_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
CREATE TABLE report_month_bins LIKE report_day_bins;
ALTER TABLE report_month_bins
  CHANGE day month DATE NOT NULL,
  ADD CONSTRAINT fk_report_month_bins_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);

-- report_hours without the operator and the histogram bin: what a
-- day-by-day or hour-of-day report of a whole team reads for a viewer in
-- another zone, a tenth of report_hours' rows. Not a level of one zone
-- (it is in UTC hours), but folded and rebuilt with them, so it is read
-- only once they are built.
CREATE TABLE report_hour_counts LIKE report_hours;
ALTER TABLE report_hour_counts
  DROP PRIMARY KEY,
  DROP COLUMN operator_id,
  DROP COLUMN vbin,
  ADD PRIMARY KEY (kind, hour, brand_id, channel_id, department_id, detail),
  ADD CONSTRAINT fk_report_hour_counts_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);

UPDATE report_state SET zone = '' WHERE id = 1;
