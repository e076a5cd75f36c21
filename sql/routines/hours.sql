-- sql/routines/hours.sql: business hours in the database, for the reports'
-- times within the hours (the rules themselves: src/hours.c). Applied by
-- wxdesk-admin migrate after the migrations, each time (CREATE OR REPLACE).

-- The seconds of [p_from, p_to) (UTC) in which the brand was open: each
-- local day's spans, converted back to UTC (right across daylight saving),
-- less holidays, with make-up working days open as Mondays. At most a year of days is walked; a brand without hours,
-- or with a zone the server does not know, is open all the time.
CREATE OR REPLACE FUNCTION brand_open_seconds(p_brand BIGINT UNSIGNED, p_from DATETIME, p_to DATETIME)
RETURNS INT READS SQL DATA
BEGIN
  DECLARE v_on TINYINT DEFAULT 0;
  DECLARE v_zone VARCHAR(64);
  DECLARE v_day DATE;
  DECLARE v_last DATE;
  DECLARE v_wd TINYINT;
  DECLARE v_add BIGINT DEFAULT 0;
  DECLARE v_secs BIGINT DEFAULT 0;
  SELECT hours_enabled, time_zone INTO v_on, v_zone FROM brands WHERE id = p_brand;
  IF p_to <= p_from THEN
    RETURN 0;
  END IF;
  IF v_on IS NULL OR v_on = 0 OR CONVERT_TZ(p_from, '+00:00', v_zone) IS NULL THEN
    RETURN TIMESTAMPDIFF(SECOND, p_from, p_to);
  END IF;
  SET v_day = DATE(CONVERT_TZ(p_from, '+00:00', v_zone)) - INTERVAL 1 DAY;
  SET v_last = LEAST(DATE(CONVERT_TZ(p_to, '+00:00', v_zone)), v_day + INTERVAL 367 DAY);
  WHILE v_day <= v_last DO
    -- a holiday is closed; a make-up working day (调休) keeps Monday's spans;
    -- a day may have several spans (a lunch break)
    IF NOT EXISTS (SELECT 1 FROM brand_holidays x
        WHERE x.brand_id = p_brand AND x.day = v_day AND x.workday = 0) THEN
      SET v_wd = IF(EXISTS (SELECT 1 FROM brand_holidays w
          WHERE w.brand_id = p_brand AND w.day = v_day AND w.workday = 1), 0, WEEKDAY(v_day));
      SELECT IFNULL(SUM(GREATEST(0, TIMESTAMPDIFF(SECOND,
               GREATEST(CONVERT_TZ(TIMESTAMP(v_day, h.opens), v_zone, '+00:00'), p_from),
               LEAST(CONVERT_TZ(TIMESTAMP(v_day, h.closes), v_zone, '+00:00'), p_to)))), 0)
        INTO v_add
        FROM brand_hours h WHERE h.brand_id = p_brand AND h.weekday = v_wd;
      SET v_secs = v_secs + v_add;
    END IF;
    SET v_day = v_day + INTERVAL 1 DAY;
  END WHILE;
  RETURN LEAST(v_secs, 2147483647);
END;
