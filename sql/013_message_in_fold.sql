-- 013_message_in_fold.sql: a follower's message no longer writes a report
-- row as it is stored (the webhook's hot path is the message's INSERT and
-- nothing else); the worker's fold writes its 'message_in' event, once per
-- message (report_events.message_id is UNIQUE), under the department and
-- operator the chat has then (at most a tick after the message arrived).
-- Until then the reports count the message from messages itself, through
-- report_pending, so they stay exact and current.

ALTER TABLE report_events
  ADD COLUMN message_id BIGINT UNSIGNED NULL AFTER chat_id,
  ADD UNIQUE KEY uq_report_events_message (message_id);

-- messages up to here got their event from the trigger below, before it changed
ALTER TABLE chat_fold ADD COLUMN report_from BIGINT UNSIGNED NOT NULL DEFAULT 0;
UPDATE chat_fold SET report_from = (SELECT IFNULL(MAX(id), 0) FROM messages) WHERE id = 1;

DROP TRIGGER report_messages_ai;

CREATE TRIGGER report_messages_ai AFTER INSERT ON messages FOR EACH ROW
BEGIN
  IF NEW.msg_type = 'event' AND NEW.event = 'subscribe' THEN
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

-- what the reports add to the roll-ups: the events not rolled yet, and the
-- follower messages the fold has not made events of yet
CREATE VIEW report_pending AS
  SELECT at, kind, brand_id, channel_id, department_id, operator_id, chat_id, value, vbin,
    detail, rolled FROM report_events WHERE rolled = 0
  UNION ALL
  SELECT m.created_at, 'message_in', ch.brand_id, m.channel_id, IFNULL(c.department_id, 0),
    IFNULL(c.operator_id, 0), m.chat_id, NULL, -1, '', 0
  FROM messages m JOIN chats c ON c.id = m.chat_id JOIN channels ch ON ch.id = m.channel_id
  WHERE m.id > (SELECT GREATEST(f.report_from, IF(f.mark > 5000, f.mark - 5000, 0))
    FROM chat_fold f WHERE f.id = 1)
    AND m.direction = 'in' AND m.msg_type <> 'event'
    AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id);
