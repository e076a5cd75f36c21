-- 031_follower_texts.sql: what the follower is told, and the messages they
-- leave when nobody can answer.
--
-- brand_texts: the brand's own wording of each automatic text a follower
-- reads when a chat enters the queue (src/tell.c): outside the hours, their
-- place in the queue and the expected wait, nobody available, the offer to
-- leave a message and its confirmation. No row is the catalogue's default in
-- the brand's followers' language. The off-hours answer moves here from
-- brands.offhours_text.
CREATE TABLE brand_texts (
  brand_id    BIGINT UNSIGNED NOT NULL,
  kind        ENUM('offhours','queued','nobody','leave_offer','leave_done') NOT NULL,
  body        TEXT NOT NULL,
  updated_at  DATETIME NOT NULL,
  PRIMARY KEY (brand_id, kind),
  CONSTRAINT fk_brand_texts_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO brand_texts (brand_id, kind, body, updated_at)
SELECT id, 'offhours', offhours_text, NOW() FROM brands
WHERE offhours_text IS NOT NULL AND offhours_text <> '';

ALTER TABLE brands DROP COLUMN offhours_text;

-- A department offers its waiting followers to leave a message when nobody
-- has been available in it for leave_after_minutes, or when more than
-- queue_limit chats wait in it. nobody_since is when its last available
-- operator with a live heartbeat went (the worker keeps it, each tick).
ALTER TABLE departments
  ADD COLUMN leave_after_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 5,
  ADD COLUMN queue_limit SMALLINT UNSIGNED NOT NULL DEFAULT 10,
  ADD COLUMN nobody_since DATETIME NULL;

-- A chat's follow-up (a left message): leave_offer says the follower was
-- offered to leave one ('offered': their next message is the message, it
-- has 'left' it, or the offer could not be sent: 'skipped'), state
-- 'followup' is the left message waiting for the team, followup_at when it
-- was left, followup_answered_at the team's first delivered answer.
-- followup_open is the follower's last message of a follow-up nobody has
-- answered yet, for the worker's expiry at 48 hours (WeChat's window).
ALTER TABLE chats
  MODIFY state ENUM('waiting','missed','active','closed','bot','followup') NOT NULL DEFAULT 'waiting',
  MODIFY close_reason ENUM('missed_timeout','idle_timeout','window_expired','profanity',
    'unfollowed','operator','transfer','followup_expired') NULL,
  ADD COLUMN leave_offer ENUM('offered','left','skipped') NULL,
  ADD COLUMN leave_offered_at DATETIME NULL,
  ADD COLUMN followup_at DATETIME NULL,
  ADD COLUMN followup_answered_at DATETIME NULL,
  ADD COLUMN followup_open DATETIME AS (IF(followup_at IS NOT NULL AND followup_answered_at IS NULL
    AND state IN ('followup', 'active'), last_user_msg_at, NULL)) PERSISTENT,
  ADD KEY ix_chats_followup_open (followup_open);

-- the reports: a follow-up received (left), answered by a person within the
-- window, or expired (its 48 hours passed without an answer)
ALTER TABLE report_events MODIFY kind ENUM('chat_started','picked_up','first_response','missed',
  'closed','transferred','message_in','message_out','delivery_failed','follow','unfollow',
  'first_response_bh','followup_received','followup_answered','followup_expired') NOT NULL;
ALTER TABLE report_hours MODIFY kind ENUM('chat_started','picked_up','first_response','missed',
  'closed','transferred','message_in','message_out','delivery_failed','follow','unfollow',
  'first_response_bh','followup_received','followup_answered','followup_expired') NOT NULL;
ALTER TABLE report_day_counts MODIFY kind ENUM('chat_started','picked_up','first_response',
  'missed','closed','transferred','message_in','message_out','delivery_failed','follow',
  'unfollow','first_response_bh','followup_received','followup_answered',
  'followup_expired') NOT NULL;
ALTER TABLE report_hod_counts MODIFY kind ENUM('chat_started','picked_up','first_response',
  'missed','closed','transferred','message_in','message_out','delivery_failed','follow',
  'unfollow','first_response_bh','followup_received','followup_answered',
  'followup_expired') NOT NULL;

DROP TRIGGER report_chats_au;

-- as in 008, and: a chat that becomes a follow-up is one received; a
-- follow-up closed unanswered when its 48 hours ran out is one expired
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
    ELSEIF NEW.state = 'followup' THEN
      CALL report_add('followup_received', NEW.followup_at, NEW.channel_id, NEW.department_id,
        NULL, NEW.id, NULL, '');
    ELSEIF NEW.state = 'closed' THEN
      CALL report_add('closed', NEW.closed_at, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND, NEW.started_at, NEW.closed_at),
        NEW.close_reason);
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

DROP PROCEDURE report_out;

-- as in 023, and: a person's first delivered answer to a follow-up (within
-- WeChat's window: a reply outside it is refused before it is sent)
CREATE PROCEDURE report_out(p_chat BIGINT UNSIGNED, p_at DATETIME, p_author BIGINT UNSIGNED)
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
