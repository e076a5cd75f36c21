-- 004_console.sql: canned responses, per brand, inserted by operators with a
-- shortcut ("/hello"); a response may carry a file (kept in attachments).
CREATE TABLE canned_responses (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id       BIGINT UNSIGNED NOT NULL,
  shortcut       VARCHAR(32)  NOT NULL,
  body           TEXT         NOT NULL,
  attachment_id  BIGINT UNSIGNED NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_canned_shortcut (brand_id, shortcut),
  CONSTRAINT fk_canned_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT fk_canned_attachment FOREIGN KEY (attachment_id) REFERENCES attachments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The console's lists and counts: the newest chats of a state across all
-- departments (supervisors, admins), and each state's counts with the
-- user's own, read from the index alone.
ALTER TABLE chats
  ADD KEY ix_chats_state_started (state, started_at),
  ADD KEY ix_chats_state_operator (state, operator_id);
