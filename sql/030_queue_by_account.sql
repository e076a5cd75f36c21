-- 030_queue_by_account.sql: the minute's queue samples are per department
-- and WeChat account, so that the presence report's queue follows the
-- account filter as well as the brand and department ones. Samples from
-- before have no account (NULL): they count when no account is chosen.
ALTER TABLE load_samples
  ADD COLUMN channel_id BIGINT UNSIGNED NULL AFTER department_id,
  ADD KEY ix_load_samples_channel (channel_id, at);
