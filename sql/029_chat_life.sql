-- 029_chat_life.sql: one queue for waiting and missed chats, transfers that
-- are not offered back, presence that follows the person. queued_at is
-- when the chat took its place in its department's queue (new, handed over
-- by the bot, transferred); a chat that turns missed keeps it, so it stays
-- at its place and is still offered. An offer's outcome 'transferred' marks
-- the operator who handed the chat on: the chat is not offered back to them
-- while it waits in that queue.
ALTER TABLE chats
  ADD COLUMN queued_at DATETIME NULL AFTER state_since,
  ADD KEY ix_chats_queued (state, department_id, queued_at);

UPDATE chats SET queued_at = state_since WHERE state IN ('waiting', 'missed');

ALTER TABLE offers
  MODIFY COLUMN outcome ENUM('accepted','declined','timeout','withdrawn','transferred') NULL;

-- Presence follows the person: console_seen_at is the last heartbeat of any
-- signed-in page. When it stops (a tab closed, a laptop lid, a phone
-- locked) the operator is offered nothing, and idle_since marks them away
-- for the reports without changing the status they chose; the next
-- heartbeat clears it ('back').
ALTER TABLE users
  ADD COLUMN idle_since DATETIME NULL AFTER console_seen_at;

ALTER TABLE presence_log
  MODIFY COLUMN why ENUM('set','sign_in','sign_out','idle','back') NOT NULL;
