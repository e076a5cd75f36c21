-- 034_reopen.sql: an operator may reopen a closed chat while the follower's
-- 48 hours allow (src/chat.c, chat_reopen): it becomes theirs, active again.
-- reopened_at is when it was last reopened. The reports count a chat closed
-- once, when it first closed (its reason and duration then): a reopen and a
-- second close are on its transcript, not counted again.
ALTER TABLE chats ADD COLUMN reopened_at DATETIME NULL;
-- (the stored routines and triggers this migration had: sql/routines/, applied
-- after the migrations by wxdesk-admin migrate)
