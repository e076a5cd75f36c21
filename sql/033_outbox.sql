-- 033_outbox.sql: replies go through an outbox. A page stores an
-- operator's reply as 'sending' (counted against WeChat's rules) and
-- returns; a sender (a child of the worker) delivers it. chats.send_lease
-- is a sender's claim on a chat while it delivers that chat's messages in
-- order (a lease, so a sender that died leaves nothing behind for long).
ALTER TABLE chats
  ADD COLUMN send_lease DATETIME NULL;

ALTER TABLE messages
  ADD KEY ix_messages_delivery (delivery_state, chat_id);
