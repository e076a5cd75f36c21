-- 046_wechat_writes.sql: what wxdesk writes to WeChat about a follower (the
-- remark first: the name an operator gives them), queued and sent by the
-- worker within WeChat's quotas.
--
-- A write is stored in the transaction that decides it, so it is never lost:
-- the worker leases it (lease_until), calls WeChat, and records the answer.
-- A quota (45009 for the day, 45011 for the minute) or an unreachable
-- WeChat moves due_at on and keeps it pending; an answer WeChat will never
-- change (no permission, 48001; an unknown follower) fails it, and the page
-- says so in words. A newer write of the same follower and API supersedes
-- a pending one, so only the latest name is sent. A write leased by a worker
-- that died is sent again when its lease ends: each API queued here sets a
-- state (a remark, a tag), so sending it twice changes nothing.
CREATE TABLE wx_writes (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id   BIGINT UNSIGNED NOT NULL,
  follower_id  BIGINT UNSIGNED NULL,
  api          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  body         TEXT NOT NULL,
  state        ENUM('pending', 'done', 'failed', 'superseded') NOT NULL DEFAULT 'pending',
  attempts     INT NOT NULL DEFAULT 0,
  errcode      INT NULL,
  due_at       DATETIME NOT NULL,
  lease_until  DATETIME NULL,
  created_by   BIGINT UNSIGNED NULL,
  created_at   DATETIME NOT NULL,
  done_at      DATETIME NULL,
  KEY ix_wx_writes_due (state, due_at),
  KEY ix_wx_writes_follower (follower_id, api, id),
  CONSTRAINT fk_wx_writes_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_wx_writes_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The Followers page (a list per account, newest first, searched by name or
-- OpenID, filtered by QR code, follow date, language and state): the name a
-- follower is shown by (the name typed in wxdesk, else the remark in WeChat),
-- stored so a prefix of it is a range of an index; an account's followers by
-- id, and by follow time.
ALTER TABLE followers
  ADD COLUMN shown_name VARCHAR(100) AS (COALESCE(alias, NULLIF(remark, ''))) STORED,
  ADD KEY ix_followers_list (channel_id, id),
  ADD KEY ix_followers_name (channel_id, shown_name),
  ADD KEY ix_followers_since (channel_id, subscribed_at);
