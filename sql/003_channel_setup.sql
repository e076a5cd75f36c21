-- 003_channel_setup.sql: what the setup wizard and the account page need.
--
-- A deleted channel keeps its row, so its followers, chats, messages and
-- reports stay; it stops answering and frees its brand and App ID for a
-- new channel (the unique keys cover live channels only). Its secrets are
-- wiped when it is deleted.
ALTER TABLE channels
  MODIFY state ENUM('draft','active','disabled','deleted') NOT NULL DEFAULT 'draft',
  ADD COLUMN deleted_at DATETIME NULL AFTER updated_at,
  ADD COLUMN live_brand_id BIGINT UNSIGNED AS (IF(state <> 'deleted', brand_id, NULL)) PERSISTENT,
  ADD COLUMN live_app_id VARCHAR(32) AS (IF(state <> 'deleted', app_id, NULL)) PERSISTENT,
  ADD KEY ix_channels_brand (brand_id);
ALTER TABLE channels
  DROP INDEX uq_channels_brand,
  DROP INDEX uq_channels_app,
  ADD UNIQUE KEY uq_channels_live_brand (live_brand_id),
  ADD UNIQUE KEY uq_channels_live_app (live_app_id);
