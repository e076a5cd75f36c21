-- 019_csat.sql: satisfaction ratings. With csat_enabled, a chat an operator
-- answered is asked for a rating when it closes (csat_state 'due', then
-- 'asked' once sent, or 'skipped' when WeChat's 5-message allowance or the
-- 48-hour window left no room); the follower's digit 1-5 within
-- csat_hours is the rating ('rated'), and opens no new chat.

ALTER TABLE channel_prefs
  ADD COLUMN csat_enabled TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN csat_question TEXT NULL,
  ADD COLUMN csat_hours SMALLINT UNSIGNED NOT NULL DEFAULT 24;

ALTER TABLE chats
  ADD COLUMN csat_state ENUM('due','asked','skipped','rated') NULL,
  ADD COLUMN csat_asked_at DATETIME NULL,
  ADD COLUMN csat_rating TINYINT UNSIGNED NULL,
  ADD KEY ix_chats_csat (csat_state, closed_at),
  ADD KEY ix_chats_closed (closed_at);
