-- 006_timers.sql: the worker's chat timers. state_since is when the chat
-- entered its state (waiting: started or transferred; missed: marked; active:
-- picked up). The indexes let each tick read only the chats that are due,
-- per channel: waiting and missed by state_since, active by last activity.
ALTER TABLE chats
  ADD COLUMN state_since DATETIME NULL AFTER last_activity_at,
  ADD KEY ix_chats_timer_state (state, channel_id, state_since),
  ADD KEY ix_chats_timer_idle (state, channel_id, last_activity_at);
UPDATE chats SET state_since = IF(state = 'waiting', started_at, last_activity_at)
  WHERE state_since IS NULL;
