-- 054_broadcasts.sql: broadcasts to a tag or to every follower
-- (message/mass/sendall), or to a list of followers (message/mass/send),
-- within WeChat's quotas. A service account's
-- follower receives at most 4 broadcasts a month (WeChat filters the rest),
-- so wxdesk counts what each follower received this month (mass_receipts,
-- per Beijing month) and the page says how many of the audience can still
-- receive one; a broadcast that would reach nobody is refused. A broadcast
-- is queued ('queued', at scheduled_at or at once) and sent by the worker
-- with its clientmsgid (client_id: random, so another installation's
-- ids never meet it), so a retried call is not a second broadcast; WeChat's msg_id is kept, and its later result
-- (MASSSENDJOBFINISH: status and counts) kept by that msg_id. A preview
-- (mass/preview) goes to one follower's phone first and counts toward
-- nothing.
CREATE TABLE broadcasts (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id   BIGINT UNSIGNED NOT NULL,
  kind         ENUM('send', 'preview') NOT NULL DEFAULT 'send',
  to_all       TINYINT(1) NOT NULL DEFAULT 0,
  to_list      TINYINT(1) NOT NULL DEFAULT 0,
  tag_id       BIGINT UNSIGNED NULL,
  preview_to   BIGINT UNSIGNED NULL,
  content      TEXT NOT NULL,
  state        ENUM('queued', 'sending', 'sent', 'failed', 'cancelled') NOT NULL DEFAULT 'queued',
  due_at       DATETIME NOT NULL,
  lease_until  DATETIME NULL,
  audience     INT NOT NULL DEFAULT 0,
  reachable    INT NOT NULL DEFAULT 0,
  wx_msg_id    VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  wx_errcode   INT NULL,
  client_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_by   BIGINT UNSIGNED NULL,
  created_at   DATETIME NOT NULL,
  sent_at      DATETIME NULL,
  KEY ix_broadcasts_due (state, due_at),
  KEY ix_broadcasts_channel (channel_id, id),
  KEY ix_broadcasts_wx (channel_id, wx_msg_id),
  CONSTRAINT fk_broadcasts_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_broadcasts_tag FOREIGN KEY (tag_id) REFERENCES wx_tags (id) ON DELETE SET NULL,
  CONSTRAINT fk_broadcasts_preview FOREIGN KEY (preview_to) REFERENCES followers (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- WeChat's result of a broadcast (MASSSENDJOBFINISH), by its msg_id: kept
-- as it comes (it may come before the worker has recorded the msg_id) and
-- read beside its broadcast
CREATE TABLE broadcast_results (
  channel_id   BIGINT UNSIGNED NOT NULL,
  msg_id       VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status       VARCHAR(64) NOT NULL,
  total_count  INT NOT NULL,
  filter_count INT NOT NULL,
  sent_count   INT NOT NULL,
  error_count  INT NOT NULL,
  at           DATETIME NOT NULL,
  PRIMARY KEY (channel_id, msg_id),
  CONSTRAINT fk_broadcast_results_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- a broadcast to a list of followers (message/mass/send, 2 to 10,000)
CREATE TABLE broadcast_followers (
  broadcast_id BIGINT UNSIGNED NOT NULL,
  follower_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (broadcast_id, follower_id),
  CONSTRAINT fk_broadcast_followers_b FOREIGN KEY (broadcast_id) REFERENCES broadcasts (id) ON DELETE CASCADE,
  CONSTRAINT fk_broadcast_followers_f FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mass_receipts (
  follower_id BIGINT UNSIGNED NOT NULL,
  month       CHAR(7) CHARACTER SET ascii NOT NULL,
  received    INT NOT NULL DEFAULT 0,
  PRIMARY KEY (follower_id, month),
  KEY ix_mass_receipts_month (month, received),
  CONSTRAINT fk_mass_receipts_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- (and a chat's first response inside the window its first message opened)
INSERT INTO report_kinds (name, binned) VALUES ('broadcast_sent', 0), ('first_in_window', 0);
