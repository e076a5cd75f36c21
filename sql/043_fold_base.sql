-- 043_fold_base.sql: a chat's count of follower messages (messages_in)
-- is its base, counted once, plus the messages past the base, counted
-- afresh at each fold. The base covers the ids the fold no longer looks
-- at again (more than 5,000 below its mark: their transactions ended long
-- ago), so a message that commits late is still counted, and a fold of a
-- long chat counts its newest messages only, not the whole chat.
--
-- in_base_id: the id up to which in_base counts; 0 at first, so the
-- first fold of an open chat counts it whole once.
ALTER TABLE chats
  ADD COLUMN in_base_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER last_in_id,
  ADD COLUMN in_base INT NOT NULL DEFAULT 0 AFTER in_base_id;
