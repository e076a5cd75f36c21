-- 034_reopen.sql: an operator may reopen a closed chat while the follower's
-- 48 hours allow (src/chat.c, chat_reopen): it becomes theirs, active again.
-- reopened_at is when it was last reopened. The reports count a chat closed
-- once, when it first closed (its reason and duration then): a reopen and a
-- second close are on its transcript, not counted again.
ALTER TABLE chats ADD COLUMN reopened_at DATETIME NULL;

DROP TRIGGER report_chats_au;

-- as in 031, and: the close of a chat that was reopened is not counted again
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
    ELSEIF NEW.state = 'closed' AND OLD.reopened_at IS NULL THEN
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
