-- 007_idle_index.sql: the idle timer's index holds active chats only. A
-- follower's message updates last_activity_at; for a chat that is waiting
-- or missed, idle_since stays NULL, so the webhook's hot path leaves this
-- index alone.
ALTER TABLE chats
  DROP KEY ix_chats_timer_idle,
  ADD COLUMN idle_since DATETIME AS (IF(state = 'active', last_activity_at, NULL)) PERSISTENT,
  ADD KEY ix_chats_timer_idle (channel_id, idle_since);
