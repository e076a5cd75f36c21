-- 012_chat_fold.sql: a follower's message in an open chat is one INSERT and
-- nothing else (the webhook's hot path); the chat's row catches up later.
--
-- last_in_id is the newest follower message the chat's row has taken into
-- account (last_user_msg_at, last_activity_at, consecutive_out reset,
-- messages_in). A newer one is a message the hot path stored without
-- touching the chat: whoever reads the chat's state sees it through the
-- messages (the console), catches the row up first under its lock (a reply
-- being counted), or folds it (the worker, each tick, for every chat).

ALTER TABLE chats ADD COLUMN last_in_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER last_user_msg_at;

UPDATE chats c SET c.last_in_id = IFNULL((SELECT MAX(m.id) FROM messages m
  WHERE m.chat_id = c.id AND m.direction = 'in' AND m.msg_type <> 'event'), 0);

-- how far the worker has folded messages into chats (ids below it are
-- looked at again for a while: commit order is not id order)
CREATE TABLE chat_fold (
  id    TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  mark  BIGINT UNSIGNED  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO chat_fold (id, mark) SELECT 1, IFNULL(MAX(id), 0) FROM messages;
