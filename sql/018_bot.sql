-- 018_bot.sql: the chatbot of a WeChat account.
--
-- A chat the bot holds is in state 'bot': the bot answers the follower's
-- messages as WeChat passive replies (the HTTP answer to the push), until
-- the follower asks for a person, a rule hands off, or bot_misses reaches
-- the account's miss limit; then the chat waits for an operator. The bot's
-- idle limit closes a chat it holds (idle_since covers 'bot' too).
-- bot_version is raised by every change to the bot's settings or rules, so
-- a process's cached rules are read again.
-- bot_rules: match_mode 'exact' (the whole message is one of the patterns),
-- 'contains' (a pattern occurs in it: Chinese anywhere, Latin as a whole
-- word, any case) or 'scene' (the welcome of a QR code scene); patterns
-- are alternatives, one per line.

ALTER TABLE chats
  MODIFY state ENUM('waiting','missed','active','closed','bot') NOT NULL DEFAULT 'waiting',
  ADD COLUMN bot_misses TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER consecutive_out;

ALTER TABLE chats
  MODIFY idle_since DATETIME AS (IF(state IN ('active', 'bot'), last_activity_at, NULL)) PERSISTENT;

ALTER TABLE channel_prefs
  ADD COLUMN bot_welcome TEXT NULL,
  ADD COLUMN bot_fallback TEXT NULL,
  ADD COLUMN bot_handoff_text TEXT NULL,
  ADD COLUMN bot_handoff_words VARCHAR(1000) NULL,
  ADD COLUMN bot_miss_limit TINYINT UNSIGNED NOT NULL DEFAULT 2,
  ADD COLUMN bot_version INT UNSIGNED NOT NULL DEFAULT 0;

CREATE TABLE bot_rules (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id  BIGINT UNSIGNED NOT NULL,
  position    INT NOT NULL DEFAULT 0,
  match_mode  ENUM('exact','contains','scene') NOT NULL,
  patterns    VARCHAR(1000) NOT NULL,
  answer      TEXT NULL,
  handoff     TINYINT(1) NOT NULL DEFAULT 0,
  created_at  DATETIME NOT NULL,
  KEY ix_bot_rules_channel (channel_id, position),
  CONSTRAINT fk_bot_rules_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
