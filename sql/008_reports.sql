-- 008_reports.sql: the reporting events and their hourly roll-up.
--
-- report_events holds one row per measurable event. Triggers write it, so
-- each row is committed in the same transaction as the change it records and
-- no program can forget one. Rows carry ids and dimensions only, never a
-- follower's personal data, so they outlive an erasure.
--
-- The worker folds events into report_hours (one row per UTC hour, kind and
-- dimensions) and marks them rolled; reports read report_hours plus the few
-- events not rolled yet, so they are exact and current at any size.
--
-- value is in seconds (wait, first response, chat duration, time to miss);
-- vbin is value rounded down to a histogram bin (report_vbin) from which the
-- reports take medians and 90th percentiles.

ALTER TABLE chats ADD COLUMN answered_at DATETIME NULL AFTER closed_at;

CREATE TABLE report_events (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at             DATETIME NOT NULL,
  kind           ENUM('chat_started','picked_up','first_response','missed','closed',
                      'transferred','message_in','message_out','delivery_failed',
                      'follow','unfollow') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  operator_id    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  chat_id        BIGINT UNSIGNED NULL,
  value          INT NULL,
  vbin           INT NOT NULL DEFAULT -1,
  detail         VARCHAR(64) NOT NULL DEFAULT '',
  rolled         TINYINT(1) NOT NULL DEFAULT 0,
  KEY ix_report_events_rolled (rolled)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE report_hours (
  hour           DATETIME NOT NULL,
  kind           ENUM('chat_started','picked_up','first_response','missed','closed',
                      'transferred','message_in','message_out','delivery_failed',
                      'follow','unfollow') NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  operator_id    BIGINT UNSIGNED NOT NULL,
  detail         VARCHAR(64) NOT NULL,
  vbin           INT NOT NULL,
  n              BIGINT NOT NULL,
  total          BIGINT NOT NULL,
  PRIMARY KEY (kind, hour, brand_id, channel_id, department_id, operator_id, detail, vbin)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Histogram bins: the second under 2 minutes, 10 s under 20 minutes, the
-- minute under 2 hours, 10 minutes under a day, the hour beyond.
CREATE FUNCTION report_vbin(v INT) RETURNS INT DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL THEN -1 WHEN v < 0 THEN 0 WHEN v < 120 THEN v
  WHEN v < 1200 THEN v - v MOD 10 WHEN v < 7200 THEN v - v MOD 60
  WHEN v < 86400 THEN v - v MOD 600 ELSE v - v MOD 3600 END;

CREATE PROCEDURE report_add(p_kind VARCHAR(20), p_at DATETIME, p_channel BIGINT UNSIGNED,
  p_department BIGINT UNSIGNED, p_operator BIGINT UNSIGNED, p_chat BIGINT UNSIGNED,
  p_value INT, p_detail VARCHAR(64))
MODIFIES SQL DATA
BEGIN
  INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
    chat_id, value, vbin, detail)
  SELECT p_at, p_kind, ch.brand_id, p_channel, IFNULL(p_department, 0),
    IFNULL(p_operator, 0), p_chat, p_value, report_vbin(p_value), IFNULL(p_detail, '')
  FROM channels ch WHERE ch.id = p_channel;
END;

-- An operator's message WeChat accepted: one message out, and the chat's
-- first response if it is the first (answered_at is set once).
CREATE PROCEDURE report_out(p_chat BIGINT UNSIGNED, p_at DATETIME, p_author BIGINT UNSIGNED)
MODIFIES SQL DATA
BEGIN
  DECLARE v_channel BIGINT UNSIGNED;
  DECLARE v_department BIGINT UNSIGNED;
  DECLARE v_started DATETIME;
  SELECT channel_id, department_id, started_at INTO v_channel, v_department, v_started
    FROM chats WHERE id = p_chat;
  IF v_channel IS NOT NULL THEN
    CALL report_add('message_out', p_at, v_channel, v_department, p_author, p_chat, NULL, '');
    IF p_author IS NOT NULL THEN
      UPDATE chats SET answered_at = p_at WHERE id = p_chat AND answered_at IS NULL;
      IF ROW_COUNT() = 1 THEN
        CALL report_add('first_response', p_at, v_channel, v_department, p_author, p_chat,
          TIMESTAMPDIFF(SECOND, v_started, p_at), '');
      END IF;
    END IF;
  END IF;
END;

CREATE TRIGGER report_chats_ai AFTER INSERT ON chats FOR EACH ROW
BEGIN
  CALL report_add('chat_started', NEW.started_at, NEW.channel_id, NEW.department_id,
    NEW.operator_id, NEW.id, NULL, '');
END;

-- The webhook's hot path updates chats on every message: each test here is
-- on the row's own columns, so a message costs no extra read. (followers has
-- no trigger: one would break the id its upsert returns as LAST_INSERT_ID.)
CREATE TRIGGER report_chats_au AFTER UPDATE ON chats FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state THEN
    IF NEW.state = 'active' AND OLD.state IN ('waiting', 'missed') THEN
      CALL report_add('picked_up', NEW.state_since, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND,
        IF(OLD.state = 'waiting', OLD.state_since, NEW.started_at), NEW.state_since), '');
    ELSEIF NEW.state = 'missed' THEN
      CALL report_add('missed', NEW.state_since, NEW.channel_id, NEW.department_id,
        NULL, NEW.id, TIMESTAMPDIFF(SECOND, OLD.state_since, NEW.state_since), '');
    ELSEIF NEW.state = 'closed' THEN
      CALL report_add('closed', NEW.closed_at, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND, NEW.started_at, NEW.closed_at),
        NEW.close_reason);
    END IF;
  END IF;
  IF NEW.state <> 'closed' AND OLD.state <> 'closed' AND (NOT (NEW.department_id <=> OLD.department_id)
      OR (OLD.operator_id IS NOT NULL AND NOT (NEW.operator_id <=> OLD.operator_id))) THEN
    CALL report_add('transferred', NEW.state_since, NEW.channel_id, OLD.department_id,
      OLD.operator_id, NEW.id, NULL,
      IF(NEW.department_id <=> OLD.department_id, 'operator', 'department'));
  END IF;
END;

CREATE TRIGGER report_messages_ai AFTER INSERT ON messages FOR EACH ROW
BEGIN
  IF NEW.direction = 'in' AND NEW.msg_type <> 'event' AND NEW.chat_id IS NOT NULL THEN
    INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
      chat_id, vbin)
    SELECT NEW.created_at, 'message_in', ch.brand_id, c.channel_id,
      IFNULL(c.department_id, 0), IFNULL(c.operator_id, 0), c.id, -1
    FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE c.id = NEW.chat_id;
  ELSEIF NEW.msg_type = 'event' AND NEW.event = 'subscribe' THEN
    CALL report_add('follow', NEW.created_at, NEW.channel_id, NULL, NULL, NULL, NULL,
      IF(NEW.event_key LIKE 'qrscene\_%', LEFT(SUBSTRING(NEW.event_key, 9), 64), ''));
  ELSEIF NEW.msg_type = 'event' AND NEW.event = 'unsubscribe' THEN
    -- with the QR scene the follower came from (intake erases a follower's
    -- data, when the channel says so, only after this row is written)
    CALL report_add('unfollow', NEW.created_at, NEW.channel_id, NULL, NULL, NULL, NULL,
      (SELECT IFNULL(qr_scene, '') FROM followers WHERE id = NEW.follower_id));
  ELSEIF NEW.direction = 'out' AND NEW.delivery_state = 'delivered' AND NEW.chat_id IS NOT NULL THEN
    CALL report_out(NEW.chat_id, NEW.created_at, NEW.author_id);
  END IF;
END;

CREATE TRIGGER report_messages_au AFTER UPDATE ON messages FOR EACH ROW
BEGIN
  IF NEW.direction = 'out' AND NEW.chat_id IS NOT NULL
      AND NOT (NEW.delivery_state <=> OLD.delivery_state) THEN
    IF NEW.delivery_state = 'delivered' THEN
      CALL report_out(NEW.chat_id, NEW.created_at, NEW.author_id);
    ELSEIF NEW.delivery_state = 'failed' THEN
      CALL report_add('delivery_failed', NEW.created_at, NEW.channel_id,
        (SELECT department_id FROM chats WHERE id = NEW.chat_id), NEW.author_id,
        NEW.chat_id, NULL, IFNULL(NEW.wx_errcode, ''));
    END IF;
  END IF;
END;
