-- 009_report_levels.sql: report roll-ups by day and by hour of day, in the
-- reporting time zone, so a long range reads a few rows a day.
--
-- report_hours (008) is in UTC hours and serves any viewer's zone. These
-- levels are in one zone, the business's (Reports.TimeZone), recorded in
-- report_state.zone; a report in that zone reads them, a report in another
-- zone reads report_hours. The worker folds each batch of events into every
-- level in one transaction, and rebuilds these from report_hours when the
-- configured zone changes ('' = not built yet), so all levels always agree.
-- A local day or hour is that of the event's UTC hour, as report_hours has it.
--
-- Counts (n, total of values) and histograms (n per value bin) are kept
-- apart: counts need the detail (close reason, errcode, QR scene) and not the
-- bin, histograms the bin and not the detail. The hour-of-day tables leave
-- out the operator: an operator's hour-of-day report reads report_hours.

CREATE TABLE report_state (
  id             TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  zone           VARCHAR(64) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO report_state (id, zone) VALUES (1, '');

CREATE TABLE report_day_counts (
  day            DATE NOT NULL,
  kind           ENUM('chat_started','picked_up','first_response','missed','closed',
                      'transferred','message_in','message_out','delivery_failed',
                      'follow','unfollow') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  operator_id    BIGINT UNSIGNED NOT NULL,
  detail         VARCHAR(64) NOT NULL,
  n              BIGINT NOT NULL,
  total          BIGINT NOT NULL,
  PRIMARY KEY (day, kind, brand_id, channel_id, department_id, operator_id, detail)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE report_day_bins (
  day            DATE NOT NULL,
  kind           ENUM('picked_up','first_response','closed') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  operator_id    BIGINT UNSIGNED NOT NULL,
  vbin           INT NOT NULL,
  n              BIGINT NOT NULL,
  PRIMARY KEY (day, kind, brand_id, channel_id, department_id, operator_id, vbin)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Hour of day, without the operator: span 'day' is the local day start,
-- span 'month' the local month that start is the first day of. A range reads
-- its whole months and the days around them.
CREATE TABLE report_hod_counts (
  span           ENUM('day','month') NOT NULL,
  start          DATE NOT NULL,
  hod            TINYINT UNSIGNED NOT NULL,
  kind           ENUM('chat_started','picked_up','first_response','missed','closed',
                      'transferred','message_in','message_out','delivery_failed',
                      'follow','unfollow') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  detail         VARCHAR(64) NOT NULL,
  n              BIGINT NOT NULL,
  total          BIGINT NOT NULL,
  PRIMARY KEY (span, start, hod, kind, brand_id, channel_id, department_id, detail)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE report_hod_bins (
  span           ENUM('day','month') NOT NULL,
  start          DATE NOT NULL,
  hod            TINYINT UNSIGNED NOT NULL,
  kind           ENUM('picked_up','first_response','closed') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  vbin           INT NOT NULL,
  n              BIGINT NOT NULL,
  PRIMARY KEY (span, start, hod, kind, brand_id, channel_id, department_id, vbin)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
