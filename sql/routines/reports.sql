-- sql/routines/reports.sql: the reports' stored routines and triggers, in
-- their current form. wxdesk-admin migrate applies every file here after the
-- migrations, each time it runs (CREATE OR REPLACE), so the body a reader
-- opens is the body that runs; a change to one is a change here, not a new
-- migration. Each chat and message change adds its report event (report_add);
-- the worker folds the events into the roll-ups (src/job-reports.c).

-- retired: a trigger of older schemas (follows and unfollows are written by
-- intake, src/intake.c)
DROP TRIGGER IF EXISTS report_messages_ai;

-- Histogram bins: the second under 2 minutes, 10 s under 20 minutes, the
-- minute under 2 hours, 10 minutes under a day, the hour beyond.
CREATE OR REPLACE FUNCTION report_vbin(v INT) RETURNS INT DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL THEN -1 WHEN v < 0 THEN 0 WHEN v < 120 THEN v
  WHEN v < 1200 THEN v - v MOD 10 WHEN v < 7200 THEN v - v MOD 60
  WHEN v < 86400 THEN v - v MOD 600 ELSE v - v MOD 3600 END;

CREATE OR REPLACE PROCEDURE report_add(p_kind VARCHAR(20), p_at DATETIME, p_channel BIGINT UNSIGNED,
  p_department BIGINT UNSIGNED, p_operator BIGINT UNSIGNED, p_chat BIGINT UNSIGNED,
  p_value INT, p_detail VARCHAR(64))
MODIFIES SQL DATA
BEGIN
  -- with the QR code the chat came from (050), for reports narrowed to codes
  INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
    chat_id, value, vbin, detail, qr_code_id)
  SELECT p_at, p_kind, ch.brand_id, p_channel, IFNULL(p_department, 0),
    IFNULL(p_operator, 0), p_chat, p_value, report_vbin(p_value), IFNULL(p_detail, ''),
    (SELECT c.qr_code_id FROM chats c WHERE c.id = p_chat)
  FROM channels ch WHERE ch.id = p_channel;
END;

-- An operator's message WeChat accepted: one message out, and the chat's
-- first response if it is the first (answered_at is set once), in all time
-- and in business hours; and a person's first delivered answer to a
-- follow-up (within WeChat's window: a reply outside it is refused before it
-- is sent).
CREATE OR REPLACE PROCEDURE report_out(p_chat BIGINT UNSIGNED, p_at DATETIME, p_author BIGINT UNSIGNED)
MODIFIES SQL DATA
BEGIN
  DECLARE v_channel BIGINT UNSIGNED;
  DECLARE v_department BIGINT UNSIGNED;
  DECLARE v_started DATETIME;
  DECLARE v_brand BIGINT UNSIGNED;
  DECLARE v_followup DATETIME;
  SELECT c.channel_id, c.department_id, c.started_at, ch.brand_id, c.followup_at
    INTO v_channel, v_department, v_started, v_brand, v_followup
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
        -- inside the window the follower's first message opened (48 hours):
        -- else the chat was answered only after they wrote again (054)
        IF TIMESTAMPDIFF(SECOND, v_started, p_at) < 172800 THEN
          CALL report_add('first_in_window', p_at, v_channel, v_department, p_author, p_chat,
            NULL, '');
        END IF;
      END IF;
      IF v_followup IS NOT NULL THEN
        UPDATE chats SET followup_answered_at = p_at
          WHERE id = p_chat AND followup_answered_at IS NULL;
        IF ROW_COUNT() = 1 THEN
          CALL report_add('followup_answered', p_at, v_channel, v_department, p_author, p_chat,
            TIMESTAMPDIFF(SECOND, v_followup, p_at), '');
        END IF;
      END IF;
    END IF;
  END IF;
END;

-- The webhook's hot path updates chats on every message: each test here is
-- on the row's own columns, so a message costs no extra read. (followers has
-- no trigger: one would break the id its upsert returns as LAST_INSERT_ID.)
-- A chat opened:
CREATE OR REPLACE TRIGGER report_chats_ai AFTER INSERT ON chats FOR EACH ROW
BEGIN
  CALL report_add('chat_started', NEW.started_at, NEW.channel_id, NEW.department_id,
    NEW.operator_id, NEW.id, NULL, '');
END;

-- A chat's changes of state: picked up (with its wait), missed, a follow-up
-- received, closed (with its reason and duration; a follow-up that closed
-- unanswered also expired), transferred. The close of a chat that was
-- reopened is not counted again (a chat is counted closed once).
CREATE OR REPLACE TRIGGER report_chats_au AFTER UPDATE ON chats FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state THEN
    IF NEW.state = 'active' AND OLD.state IN ('waiting', 'missed') THEN
      CALL report_add('picked_up', NEW.state_since, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND,
        IF(OLD.state = 'waiting', OLD.state_since, NEW.started_at), NEW.state_since), '');
    ELSEIF NEW.state = 'missed' THEN
      CALL report_add('missed', NEW.state_since, NEW.channel_id, NEW.department_id,
        NULL, NEW.id, TIMESTAMPDIFF(SECOND, OLD.state_since, NEW.state_since), '');
    ELSEIF NEW.state = 'followup' THEN
      CALL report_add('followup_received', NEW.followup_at, NEW.channel_id, NEW.department_id,
        NULL, NEW.id, NULL, '');
    ELSEIF NEW.state = 'closed' AND OLD.reopened_at IS NULL THEN
      CALL report_add('closed', NEW.closed_at, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND, NEW.started_at, NEW.closed_at),
        NEW.close_reason);
      -- its close summary's topic (topics.h), if the operator gave one
      IF NEW.topic_id IS NOT NULL THEN
        CALL report_add('topic', NEW.closed_at, NEW.channel_id, NEW.department_id,
          NEW.operator_id, NEW.id, NULL, NEW.topic_id);
      END IF;
      IF NEW.followup_at IS NOT NULL AND NEW.followup_answered_at IS NULL
          AND NEW.close_reason IN ('followup_expired', 'window_expired') THEN
        CALL report_add('followup_expired', NEW.closed_at, NEW.channel_id, NEW.department_id,
          NULL, NEW.id, TIMESTAMPDIFF(SECOND, NEW.followup_at, NEW.closed_at), '');
      END IF;
    END IF;
  END IF;
  IF NEW.state <> 'closed' AND OLD.state <> 'closed' AND (NOT (NEW.department_id <=> OLD.department_id)
      OR (OLD.operator_id IS NOT NULL AND NOT (NEW.operator_id <=> OLD.operator_id))) THEN
    CALL report_add('transferred', NEW.state_since, NEW.channel_id, OLD.department_id,
      OLD.operator_id, NEW.id, NULL,
      IF(NEW.department_id <=> OLD.department_id, 'operator', 'department'));
  END IF;
END;

-- An operator's message is stored as 'sending' and counted when WeChat
-- accepts it (report_out), or as a delivery that failed.
CREATE OR REPLACE TRIGGER report_messages_au AFTER UPDATE ON messages FOR EACH ROW
BEGIN
  -- a template message or a subscription notice (053): sent or refused,
  -- never a reply (no window, no first response)
  IF NEW.direction = 'out' AND NEW.chat_id IS NOT NULL AND NEW.msg_type IN ('template', 'notice')
      AND NOT (NEW.delivery_state <=> OLD.delivery_state) THEN
    IF NEW.delivery_state IN ('delivered', 'failed') THEN
      CALL report_add(CONCAT(NEW.msg_type, IF(NEW.delivery_state = 'delivered', '_sent', '_failed')),
        NEW.created_at, NEW.channel_id, (SELECT department_id FROM chats WHERE id = NEW.chat_id),
        NEW.author_id, NEW.chat_id, NULL, IFNULL(NEW.wx_errcode, ''));
    END IF;
  ELSEIF NEW.direction = 'out' AND NEW.chat_id IS NOT NULL
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
