-- 037_hours_spans.sql: business hours as a Chinese company keeps them.
-- A weekday may have several spans (a lunch break: 09:00-12:00 and
-- 13:30-18:00), so a span is keyed by its opening time too. A day of
-- brand_holidays is either closed all day (workday = 0, a holiday) or a
-- make-up working day (调休, workday = 1): open with Monday's spans, whatever
-- its weekday.
ALTER TABLE brand_hours
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (brand_id, weekday, opens);

ALTER TABLE brand_holidays
  ADD COLUMN workday TINYINT(1) NOT NULL DEFAULT 0;
