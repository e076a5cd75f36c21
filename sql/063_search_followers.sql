-- 063_search_followers.sql: followers found by a word of their name (the
-- Followers page and the console's lists), with the engine of the
-- messages' search (060): 张小明 is found by 小明.
--
-- search_followers is derived and node-local like search_messages: each
-- node fills its own copy from the replicated followers (src/search.c,
-- search_catch_up). followers.name_at says when the name a follower is
-- shown by (shown_name: alias, else remark) last changed: set on insert,
-- and by each statement that writes an alias or a remark when the name
-- changes (FOLLOWER_NAME_AT, src/db-chat-sql.h: WeChat's remarks read by
-- the sync, an operator's rename, an erasure). Not a trigger: every push
-- upserts its follower, and a trigger would run on each, and lose the
-- upsert's LAST_INSERT_ID(id). The other nodes receive the row with its
-- name_at (Galera applies rows, not statements). A node's copy holds each
-- follower's name_at, so the newest of them is how far it is.
ALTER TABLE followers
  ADD COLUMN name_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  ADD KEY ix_followers_name_at (name_at, id);

CREATE TABLE search_followers (
  id          BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  channel_id  BIGINT UNSIGNED NOT NULL,
  name_at     DATETIME(6) NOT NULL,
  names       VARCHAR(100) NOT NULL,
  KEY ix_search_followers_at (name_at, id),
  FULLTEXT INDEX ft_search_followers (names)
    COMMENT 'tokenizer "TokenBigram", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
