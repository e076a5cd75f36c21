-- 042_console_counts.sql: what the console's poll counts, kept as it
-- changes, so a poll reads a few rows instead of every open chat.
--
-- Open chats by department, state and operator, kept by the triggers of
-- routines/console.sql; each key is spread over 8 slots (the chat's id
-- modulo 8), so chats opened or picked up at once rarely wait for the same
-- row. A count is the sum of its key's slots; a slot may be negative.
CREATE TABLE chat_counts (
  department_id  BIGINT UNSIGNED NOT NULL,   -- 0: none
  state          ENUM('waiting','missed','active','bot','followup') NOT NULL,
  operator_id    BIGINT UNSIGNED NOT NULL,   -- 0: none
  slot           TINYINT UNSIGNED NOT NULL,
  n              INT NOT NULL,
  PRIMARY KEY (department_id, state, operator_id, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An active chat is unread by its operator while the newest follower
-- message its row has taken in (last_in_id) is past what the operator has
-- seen of it (chat_reads.seen_id, copied here by the same triggers), so
-- the operator's unread chats are a range of one index.
ALTER TABLE chats
  ADD COLUMN operator_seen_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER last_in_id,
  ADD COLUMN unread TINYINT AS (IF(state = 'active' AND last_in_id > operator_seen_id, 1, 0)) PERSISTENT,
  ADD KEY ix_chats_unread (operator_id, unread);
-- (operator_seen_id is filled by routines/console.sql, which every migrate
-- applies after the migrations)

-- A chat's messages by id carry their direction and type, so the unread
-- count of each row of a list (the follower's messages past what the
-- reader saw) is read from this index alone, not row by row.
ALTER TABLE messages
  DROP KEY ix_messages_chat,
  ADD KEY ix_messages_chat (chat_id, id, direction, msg_type);

-- How many of the chat's follower messages the reader had seen (those up
-- to seen_id), so a list row's unread count is the chat's messages_in
-- (plus the few the worker has not folded yet) less this, not a count of
-- the messages after seen_id.
ALTER TABLE chat_reads ADD COLUMN seen_in INT NOT NULL DEFAULT 0;
UPDATE chat_reads r SET r.seen_in = (SELECT COUNT(*) FROM messages m WHERE m.chat_id = r.chat_id
  AND m.id <= r.seen_id AND m.direction = 'in' AND m.msg_type <> 'event');
-- messages_in is counted afresh from now on (a message that committed late
-- is taken in at the next fold); the open chats' counts are made exact once
UPDATE chats c SET c.messages_in = (SELECT COUNT(*) FROM messages m WHERE m.chat_id = c.id
  AND m.id <= c.last_in_id AND m.direction = 'in' AND m.msg_type <> 'event')
WHERE c.state <> 'closed';
