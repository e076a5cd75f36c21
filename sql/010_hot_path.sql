-- 010_hot_path.sql: what the webhook's hot path needs from chats.
--
-- messages_in counts the follower's messages in the chat. Every message
-- adds one, so the hot path's UPDATE always changes the row it matches and
-- its affected-row count says whether the chat was still open and current.
-- (LAST_INSERT_ID(expr) cannot carry a chat id back from an UPDATE on chats:
-- the reporting trigger on chats (008) clears the id the server reports.)
--
-- followers.last_message_at was written on every message and read nowhere;
-- a follower's last message is its chats' last_user_msg_at.

ALTER TABLE chats ADD COLUMN messages_in INT NOT NULL DEFAULT 0 AFTER consecutive_out;

UPDATE chats c SET c.messages_in = (SELECT COUNT(*) FROM messages m
  WHERE m.chat_id = c.id AND m.direction = 'in' AND m.msg_type <> 'event');

ALTER TABLE followers DROP COLUMN last_message_at;
