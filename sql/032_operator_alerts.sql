-- 032_operator_alerts.sql: operators alerted through WeChat itself.
--
-- An operator binds their own WeChat to a brand's official account on My
-- account: the page shows a one-time code (alert_codes: its keyed hash
-- only, valid 10 minutes), which they send to the account as a message; the
-- webhook then binds the follower who sent it to them (alert_bindings). The
-- operator's WeChat is a follower like any other to WeChat: the account may
-- send it 5 customer-service messages within 48 hours of its last message
-- (last_in_at, sent: the window, renewed by each message they send).
--
-- While no wxdesk page of theirs is open, the worker sends them a chat
-- offered to them and a follower's message in a chat they hold. alerts
-- records each one (sent, failed with WeChat's errcode, or unsent: no open
-- window); alert_chats holds, per chat, the newest follower message an alert
-- was decided for and when the last alert went (one a minute at most), each
-- claimed with a conditional UPDATE so that two workers never send twice;
-- offers.alerted_at claims an offer's alert the same way.

CREATE TABLE alert_codes (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  channel_id  BIGINT UNSIGNED NOT NULL,
  code_hash   CHAR(64) NOT NULL,
  expires_at  DATETIME NOT NULL,
  created_at  DATETIME NOT NULL,
  UNIQUE KEY uq_alert_codes_user (user_id, channel_id),
  UNIQUE KEY uq_alert_codes_hash (channel_id, code_hash),
  KEY ix_alert_codes_expires (expires_at),
  CONSTRAINT fk_alert_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_alert_codes_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alert_bindings (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT UNSIGNED NOT NULL,
  channel_id   BIGINT UNSIGNED NOT NULL,
  follower_id  BIGINT UNSIGNED NOT NULL,
  bound_at     DATETIME NOT NULL,
  last_in_at   DATETIME NOT NULL,
  sent         INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_alert_bindings_user (user_id, channel_id),
  KEY ix_alert_bindings_follower (follower_id),
  CONSTRAINT fk_alert_bindings_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_alert_bindings_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_alert_bindings_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alert_chats (
  chat_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  covered_at  DATETIME NOT NULL,
  alerted_at  DATETIME NULL,
  CONSTRAINT fk_alert_chats_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alerts (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  chat_id     BIGINT UNSIGNED NOT NULL,
  binding_id  BIGINT UNSIGNED NULL,
  kind        ENUM('offer','message') NOT NULL,
  state       ENUM('sending','sent','failed','unsent') NOT NULL,
  errcode     INT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_alerts_user (user_id, created_at),
  KEY ix_alerts_chat (chat_id, created_at),
  CONSTRAINT fk_alerts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_alerts_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
  CONSTRAINT fk_alerts_binding FOREIGN KEY (binding_id) REFERENCES alert_bindings (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE offers ADD COLUMN alerted_at DATETIME NULL;
