-- 023_business_hours_reports.sql: first response counted in business hours.
--
-- Beside each first_response event, report_out writes a first_response_bh
-- event whose value counts only the seconds the chat's brand was open
-- between the chat's start and the answer (brand_open_seconds). The reports'
-- "business hours only" switch reads these instead. A brand that keeps no
-- hours is open all the time, so both values agree for it. The kind rolls up
-- into every level like the others.

ALTER TABLE report_events MODIFY kind ENUM('chat_started','picked_up','first_response','missed',
  'closed','transferred','message_in','message_out','delivery_failed','follow','unfollow',
  'first_response_bh') NOT NULL;
ALTER TABLE report_hours MODIFY kind ENUM('chat_started','picked_up','first_response','missed',
  'closed','transferred','message_in','message_out','delivery_failed','follow','unfollow',
  'first_response_bh') NOT NULL;
ALTER TABLE report_day_counts MODIFY kind ENUM('chat_started','picked_up','first_response',
  'missed','closed','transferred','message_in','message_out','delivery_failed','follow',
  'unfollow','first_response_bh') NOT NULL;
ALTER TABLE report_hod_counts MODIFY kind ENUM('chat_started','picked_up','first_response',
  'missed','closed','transferred','message_in','message_out','delivery_failed','follow',
  'unfollow','first_response_bh') NOT NULL;
ALTER TABLE report_day_bins MODIFY kind ENUM('picked_up','first_response','closed',
  'first_response_bh') NOT NULL;
ALTER TABLE report_hod_bins MODIFY kind ENUM('picked_up','first_response','closed',
  'first_response_bh') NOT NULL;

-- The seconds of [p_from, p_to) (UTC) in which the brand was open: each
-- local day's span, converted back to UTC (right across daylight saving),
-- less holidays. At most a year of days is walked; a brand without hours,
-- or with a zone the server does not know, is open all the time.
CREATE FUNCTION brand_open_seconds(p_brand BIGINT UNSIGNED, p_from DATETIME, p_to DATETIME)
RETURNS INT READS SQL DATA
BEGIN
  DECLARE v_on TINYINT DEFAULT 0;
  DECLARE v_zone VARCHAR(64);
  DECLARE v_day DATE;
  DECLARE v_last DATE;
  DECLARE v_open DATETIME;
  DECLARE v_close DATETIME;
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
    SET v_open = NULL, v_close = NULL;
    SELECT CONVERT_TZ(TIMESTAMP(v_day, h.opens), v_zone, '+00:00'),
           CONVERT_TZ(TIMESTAMP(v_day, h.closes), v_zone, '+00:00')
      INTO v_open, v_close
      FROM brand_hours h
      WHERE h.brand_id = p_brand AND h.weekday = WEEKDAY(v_day)
        AND NOT EXISTS (SELECT 1 FROM brand_holidays x WHERE x.brand_id = p_brand AND x.day = v_day);
    IF v_open IS NOT NULL AND LEAST(v_close, p_to) > GREATEST(v_open, p_from) THEN
      SET v_secs = v_secs + TIMESTAMPDIFF(SECOND, GREATEST(v_open, p_from), LEAST(v_close, p_to));
    END IF;
    SET v_day = v_day + INTERVAL 1 DAY;
  END WHILE;
  RETURN LEAST(v_secs, 2147483647);
END;

DROP PROCEDURE report_out;

-- An operator's message WeChat accepted: one message out, and the chat's
-- first response if it is the first (answered_at is set once), in all time
-- and in business hours.
CREATE PROCEDURE report_out(p_chat BIGINT UNSIGNED, p_at DATETIME, p_author BIGINT UNSIGNED)
MODIFIES SQL DATA
BEGIN
  DECLARE v_channel BIGINT UNSIGNED;
  DECLARE v_department BIGINT UNSIGNED;
  DECLARE v_started DATETIME;
  DECLARE v_brand BIGINT UNSIGNED;
  SELECT c.channel_id, c.department_id, c.started_at, ch.brand_id
    INTO v_channel, v_department, v_started, v_brand
    FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE c.id = p_chat;
  IF v_channel IS NOT NULL THEN
    CALL report_add('message_out', p_at, v_channel, v_department, p_author, p_chat, NULL, '');
    IF p_author IS NOT NULL THEN
      UPDATE chats SET answered_at = p_at WHERE id = p_chat AND answered_at IS NULL;
      IF ROW_COUNT() = 1 THEN
        CALL report_add('first_response', p_at, v_channel, v_department, p_author, p_chat,
          TIMESTAMPDIFF(SECOND, v_started, p_at), '');
        CALL report_add('first_response_bh', p_at, v_channel, v_department, p_author, p_chat,
          brand_open_seconds(v_brand, v_started, p_at), '');
      END IF;
    END IF;
  END IF;
END;

-- The first responses recorded before this migration, in business hours as
-- the brands keep them now; the worker folds them like any new event.
INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
  chat_id, value, vbin, detail)
SELECT at, 'first_response_bh', brand_id, channel_id, department_id, operator_id, chat_id,
  brand_open_seconds(brand_id, at - INTERVAL IFNULL(value, 0) SECOND, at),
  report_vbin(brand_open_seconds(brand_id, at - INTERVAL IFNULL(value, 0) SECOND, at)), ''
FROM report_events WHERE kind = 'first_response';
