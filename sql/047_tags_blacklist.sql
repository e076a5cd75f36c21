-- 047_tags_blacklist.sql: the account's tags and blacklist, kept in step
-- with WeChat both ways, and the passes that read back what WeChat's own
-- dashboard changed (remarks, tags, the blacklist).
--
-- A tag is the account's (WeChat's id once WeChat has made it); a
-- follower's tags are rows of follower_tags, written here at once and sent
-- to WeChat through wx_writes (046), whose tag_id names the tag a write is
-- about (WeChat's id is looked up when it is sent: a tag made a moment ago
-- has none yet). WeChat's own tags (ids 0-2) are shown, never changed.
CREATE TABLE wx_tags (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id   BIGINT UNSIGNED NOT NULL,
  wx_id        INT NULL,
  name         VARCHAR(30) NOT NULL,
  followers    INT NOT NULL DEFAULT 0,
  deleting     TINYINT(1) NOT NULL DEFAULT 0,
  created_at   DATETIME NOT NULL,
  UNIQUE KEY uq_wx_tags_name (channel_id, name),
  UNIQUE KEY uq_wx_tags_wx (channel_id, wx_id),
  CONSTRAINT fk_wx_tags_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE follower_tags (
  follower_id  BIGINT UNSIGNED NOT NULL,
  tag_id       BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (follower_id, tag_id),
  KEY ix_follower_tags_tag (tag_id, follower_id),
  CONSTRAINT fk_follower_tags_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE,
  CONSTRAINT fk_follower_tags_tag FOREIGN KEY (tag_id) REFERENCES wx_tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE wx_writes
  ADD COLUMN tag_id BIGINT UNSIGNED NULL AFTER follower_id,
  ADD KEY ix_wx_writes_tag (tag_id, follower_id, id),
  ADD CONSTRAINT fk_wx_writes_tag FOREIGN KEY (tag_id) REFERENCES wx_tags (id) ON DELETE CASCADE;

-- blocked: on the account's blacklist (here at once, in WeChat when the
-- write is sent, or read back from WeChat); a blocked follower's pushes are
-- stored, and open no chat. blocked_seen: the blacklist pass that last
-- found them on WeChat's list.
ALTER TABLE followers
  ADD COLUMN blocked TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN blocked_at DATETIME NULL,
  ADD COLUMN blocked_seen BIGINT NOT NULL DEFAULT 0,
  ADD KEY ix_followers_blocked (channel_id, blocked, id);

ALTER TABLE chats
  MODIFY close_reason ENUM('missed_timeout','idle_timeout','window_expired','profanity',
    'unfollowed','operator','transfer','followup_expired','blocked') NULL;

-- Per account, where reading back from WeChat stands: the tags and the
-- blacklist when next due; the followers' pass (remarks and tags, 100 a
-- call of user/info/batchget) at which follower id, and when the next
-- pass starts.
CREATE TABLE wx_syncs (
  channel_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  tags_due        DATETIME NOT NULL DEFAULT '1000-01-01 00:00:00',
  blacklist_due   DATETIME NOT NULL DEFAULT '1000-01-01 00:00:00',
  blacklist_pass  BIGINT NOT NULL DEFAULT 0,
  followers_after BIGINT UNSIGNED NOT NULL DEFAULT 0,
  followers_due   DATETIME NOT NULL DEFAULT '1000-01-01 00:00:00',
  lease_until     DATETIME NULL,
  CONSTRAINT fk_wx_syncs_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
