-- 043_open_chat_key.sql: a follower's message in an open chat is one plain
-- INSERT, whose foreign key checks in InnoDB that the chat still takes
-- it (the README, "The hot path").
--
-- chats.open_key is the chat's id while a follower's message may be
-- stored straight into it, NULL otherwise: the chat is open, its follower
-- was not just offered to leave a message, its channel is active with a
-- department, and the follower is not an operator's WeChat bound for
-- alerts; open_bot says whether the bot holds it (1) or not (0), so a
-- message stored for the bot's answer and one for a person's never land
-- in the other's chat. routines/open.sql keeps both.
-- chats.window_at is where the chat's 48 hours run from, when not from
-- its start: a message that came in the second before the worker closed
-- an expired chat continues it, and its 48 hours start again there.
-- chats.window_from, kept by MariaDB, is when the 48 hours of an open chat
-- began, so the worker finds the chats whose window is over on one index
-- (NULL for a closed chat, and for a follow-up nobody answered yet, whose
-- 48 hours run from the follower's last message: job-followups.c).
ALTER TABLE chats
  ADD COLUMN open_key BIGINT UNSIGNED NULL,
  ADD COLUMN open_bot TINYINT NULL,
  ADD COLUMN window_at DATETIME NULL,
  ADD COLUMN window_from DATETIME AS (IF(state <> 'closed' AND NOT (followup_at IS NOT NULL
    AND followup_answered_at IS NULL AND state IN ('followup', 'active')),
    IFNULL(window_at, started_at), NULL)) PERSISTENT,
  ADD UNIQUE KEY uq_chats_open_key (open_key, open_bot),
  ADD KEY ix_chats_window (window_from);

-- messages.open_chat and open_bot are the chat's open_key and open_bot
-- when the message was stored that way; the chat's close (or the bot's
-- hand-off) sets them NULL (ON UPDATE SET NULL). The keys
-- to channels, followers and chats go: the chat's own imply them, and
-- each was a shared lock on a row that every push (the channel's) or the
-- worker's fold (the chat's) also wants.
SET foreign_key_checks = 0;
ALTER TABLE messages
  DROP FOREIGN KEY fk_messages_channel,
  DROP FOREIGN KEY fk_messages_follower,
  DROP FOREIGN KEY fk_messages_chat,
  ADD COLUMN open_chat BIGINT UNSIGNED NULL,
  ADD COLUMN open_bot TINYINT NULL,
  ADD CONSTRAINT fk_messages_open FOREIGN KEY (open_chat, open_bot)
    REFERENCES chats (open_key, open_bot) ON UPDATE SET NULL;
SET foreign_key_checks = 1;

-- The fold now counts each follower message that has no 'message_in'
-- report event yet, and the full path counts its own with its event.
-- Before, the full path and a reply's catch-up counted messages up to the
-- chat's last_in_id without one: those (only above where the fold last
-- looked) get their event now, so the fold does not count them again.
INSERT IGNORE INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
  chat_id, message_id, vbin)
  SELECT m.created_at, 'message_in', ch.brand_id, c.channel_id, IFNULL(c.department_id, 0),
    IFNULL(c.operator_id, 0), c.id, m.id, -1
  FROM messages m JOIN chats c ON c.id = m.chat_id JOIN channels ch ON ch.id = c.channel_id
  WHERE m.id > (SELECT GREATEST(report_from, IF(mark > 5000, mark - 5000, 0)) FROM chat_fold
    WHERE id = 1)
    AND m.id <= c.last_in_id AND m.direction = 'in' AND m.msg_type <> 'event'
    AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.message_id = m.id);

-- each slice of the fold changes this row (turn), so two workers' slices
-- conflict on a Galera cluster even where the mark does not move
ALTER TABLE chat_fold ADD COLUMN turn BIGINT UNSIGNED NOT NULL DEFAULT 0;
