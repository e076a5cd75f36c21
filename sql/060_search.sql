-- 060_search.sql: search that understands Chinese (src/search.h).
--
-- search_messages is a full-text index of the messages' words, kept by
-- Mroonga (Debian's mariadb-plugin-mroonga: Groonga inside MariaDB), whose
-- TokenBigram tokenizer cuts Chinese (and Japanese, Korean) into pairs of
-- characters and keeps runs of letters and digits whole, and whose
-- NormalizerAuto folds full-width letters and digits, case and the like
-- before both indexing and searching. It is derived data: Galera
-- replicates only InnoDB, so each node fills its own copy from the
-- replicated messages (src/search.c, search_catch_up: called by
-- the worker each tick and by every search before it reads), and catches
-- up by itself after it rejoins. Every search joins back to the messages,
-- which stay the truth: a row of the index whose message changed or is
-- gone is never shown.
--
-- search_forget (InnoDB, replicated) tells every node's index the
-- followers whose words were erased (their messages' text is gone from the
-- messages in the erasure's own transaction; each node deletes its copy
-- at its next catch-up).
CREATE TABLE search_messages (
  id          BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  chat_id     BIGINT UNSIGNED NOT NULL,
  channel_id  BIGINT UNSIGNED NOT NULL,
  follower_id BIGINT UNSIGNED NOT NULL,
  body        TEXT NOT NULL,
  KEY ix_search_messages_follower (follower_id),
  FULLTEXT INDEX ft_search_messages (body)
    COMMENT 'tokenizer "TokenBigram", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE search_forget (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  follower_id BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The console's lists find a follower by the start of their name or OpenID
-- beside the words of the messages: read from these indexes, whatever the
-- account (the Followers page, per account, has its own).
ALTER TABLE followers
  ADD KEY ix_followers_shown_any (shown_name),
  ADD KEY ix_followers_openid_any (openid);
