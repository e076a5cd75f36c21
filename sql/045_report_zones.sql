-- 045_report_zones.sql: the report levels in every zone in use, built a
-- week of hours at a time, and the whole team's days apart.
--
-- The levels (009, 044) were in one zone, the business's: a viewer in
-- another zone read report_hours, a year of hours by day. Now they are kept
-- in up to four zones, each a row of report_state: 1 the reporting zone
-- (Reports.TimeZone), 2 to 4 the zones reports are most viewed in
-- (report_views), for viewers abroad. Every level row carries its zone's
-- row (zid). A fold writes each batch into every zone's levels.
--
-- A zone's levels are built from report_hours a week of UTC hours a
-- transaction, a few each worker tick, so no tick and no write set is long:
-- built_to is how far the build has come (the levels hold report_hours
-- before it, and the fold adds what comes before it), NULL once built. A
-- report reads a zone's levels only once built_to is NULL. A fold counts
-- itself in the rows of the zones being built (folds): on a Galera cluster a
-- fold on one node and a build step on another then write the same row, and
-- certification lets only one of them commit, as the row lock does on one.

ALTER TABLE report_state
  MODIFY zone VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN built_to DATETIME NULL,
  ADD COLUMN folds BIGINT UNSIGNED NOT NULL DEFAULT 0;
INSERT INTO report_state (id, zone) VALUES (2, ''), (3, ''), (4, '');

-- the zones reports were viewed in: when last (at most an hour stale), and
-- in how many hours (the zones most viewed get levels; one viewed in the
-- last week keeps its own, so a passing look elsewhere rebuilds nothing)
CREATE TABLE report_views (
  zone   VARCHAR(64) NOT NULL PRIMARY KEY,
  asked  DATETIME NOT NULL,
  views  INT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- every level is rebuilt below, in its zone's rows
TRUNCATE TABLE report_day_counts;
TRUNCATE TABLE report_day_bins;
TRUNCATE TABLE report_month_counts;
TRUNCATE TABLE report_month_bins;
TRUNCATE TABLE report_hod_counts;
TRUNCATE TABLE report_hod_bins;
TRUNCATE TABLE report_hour_counts;

ALTER TABLE report_day_counts
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, day, kind, brand_id, channel_id, department_id, operator_id, detail);
ALTER TABLE report_day_bins
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  ADD KEY fk_report_day_bins_kind (kind),
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, kind, day, brand_id, channel_id, department_id, operator_id, vbin);
ALTER TABLE report_month_counts
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, month, kind, brand_id, channel_id, department_id, operator_id, detail);
ALTER TABLE report_month_bins
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  ADD KEY fk_report_month_bins_kind (kind),
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, kind, month, brand_id, channel_id, department_id, operator_id, vbin);
-- the hour of day by local day, by week (from Monday) and by month: 30 days
-- are three or four weeks and the days around them
ALTER TABLE report_hod_counts
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  MODIFY span ENUM('day', 'month', 'week') NOT NULL,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, span, start, hod, kind, brand_id, channel_id, department_id, detail);
ALTER TABLE report_hod_bins
  ADD COLUMN zid TINYINT UNSIGNED NOT NULL FIRST,
  MODIFY span ENUM('day', 'month', 'week') NOT NULL,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (zid, span, start, hod, kind, brand_id, channel_id, department_id, vbin);

-- The whole team's days: the day level without the operator, what a report
-- by day reads when it is of no one operator (a year: a few thousand rows,
-- not the day level's tens of thousands).
CREATE TABLE report_tday_counts LIKE report_day_counts;
ALTER TABLE report_tday_counts
  DROP KEY fk_report_day_counts_kind,
  DROP PRIMARY KEY,
  DROP COLUMN operator_id,
  ADD PRIMARY KEY (zid, day, kind, brand_id, channel_id, department_id, detail),
  ADD CONSTRAINT fk_report_tday_counts_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
CREATE TABLE report_tday_bins LIKE report_day_bins;
ALTER TABLE report_tday_bins
  DROP KEY fk_report_day_bins_kind,
  DROP PRIMARY KEY,
  DROP COLUMN operator_id,
  ADD PRIMARY KEY (zid, kind, day, brand_id, channel_id, department_id, vbin),
  ADD CONSTRAINT fk_report_tday_bins_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);

-- report_hour_counts (044) is in UTC, of no zone: it is built with the
-- reporting zone's levels (zid 1), and read once they are built.

UPDATE report_state SET zone = '', built_to = NULL;
