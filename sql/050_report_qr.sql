-- 050_report_qr.sql: reports narrowed to QR codes or a campaign. The
-- roll-ups have no QR dimension (a code's figures are a sliver of the
-- whole), so each report event carries the code its chat came from, or,
-- for a follow or an unfollow, the code of its scene (report_add, the fold's
-- 'message_in' events and intake's follows set it: sql/routines/reports.sql,
-- src/db-chats.c). The worker's roll-up copies the events with a code into
-- report_qr_events, keyed by code and time, so a narrowed report reads a
-- range of its code's own rows, and the events not rolled yet beside them.
ALTER TABLE report_events ADD COLUMN qr_code_id BIGINT UNSIGNED NULL;

UPDATE report_events e JOIN chats c ON c.id = e.chat_id
  SET e.qr_code_id = c.qr_code_id WHERE c.qr_code_id IS NOT NULL;
UPDATE report_events e JOIN qr_codes q ON q.channel_id = e.channel_id AND q.scene = e.detail
  SET e.qr_code_id = q.id WHERE e.kind IN ('follow', 'unfollow') AND e.chat_id IS NULL;

CREATE TABLE report_qr_events (
  qr_code_id     BIGINT UNSIGNED NOT NULL,
  at             DATETIME NOT NULL,
  id             BIGINT UNSIGNED NOT NULL,	-- the report event's
  kind           VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  brand_id       BIGINT UNSIGNED NOT NULL,
  channel_id     BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NOT NULL,
  operator_id    BIGINT UNSIGNED NOT NULL,
  detail         VARCHAR(64) NOT NULL,
  vbin           INT NOT NULL,
  value          INT NULL,
  PRIMARY KEY (qr_code_id, at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO report_qr_events (qr_code_id, at, id, kind, brand_id, channel_id, department_id,
  operator_id, detail, vbin, value)
  SELECT qr_code_id, at, id, kind, brand_id, channel_id, department_id, operator_id, detail,
    vbin, value FROM report_events WHERE qr_code_id IS NOT NULL AND rolled <> 0;

-- the events not rolled yet and the follower messages the fold has not
-- made events of yet (013), now with their QR code
CREATE OR REPLACE VIEW report_pending AS
  SELECT at, kind, brand_id, channel_id, department_id, operator_id, chat_id, value, vbin,
    detail, rolled, qr_code_id FROM report_events WHERE rolled = 0
  UNION ALL
  SELECT m.created_at, 'message_in', ch.brand_id, m.channel_id, IFNULL(c.department_id, 0),
    IFNULL(c.operator_id, 0), m.chat_id, NULL, -1, '', 0, c.qr_code_id
  FROM messages m JOIN chats c ON c.id = m.chat_id JOIN channels ch ON ch.id = m.channel_id
  WHERE m.id > (SELECT GREATEST(f.report_from, IF(f.mark > 5000, f.mark - 5000, 0))
    FROM chat_fold f WHERE f.id = 1)
    AND m.direction = 'in' AND m.msg_type <> 'event'
    AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id);
