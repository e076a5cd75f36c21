-- 066_spool_lanes.sql: kept pushes (065) taken in by several processes at
-- once, each follower's in order. A push is kept in one of SPOOL_LANES (8)
-- lanes by its follower's OpenID (CRC32 % 8); a worker's process takes a
-- lane under a lease (spool_lanes: 30 s, renewed a batch at a time) and
-- takes its pushes in oldest first, so two of a follower's pushes are never
-- taken in at once or out of order, while the lanes drain side by side, on
-- any number of machines.
-- A follower's push that comes while one of theirs is kept is kept too
-- (behind it), so that their messages are stored in the order they came:
-- the webhook looks for theirs by (channel_id, openid).
ALTER TABLE push_spool
  ADD COLUMN lane TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER channel_id,
  ADD COLUMN openid VARCHAR(64) NOT NULL DEFAULT '' AFTER lane,
  ADD KEY ix_push_spool_lane (lane, id),
  ADD KEY ix_push_spool_follower (channel_id, openid);

-- (turns counts the leases: a renewal in the same second still changes the row)
CREATE TABLE spool_lanes (
  lane        TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  holder      CHAR(32) NOT NULL DEFAULT '',
  held_until  BIGINT NOT NULL DEFAULT 0,
  turns       BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- one row a lane: SPOOL_LANES in src/spool.h
INSERT INTO spool_lanes (lane) VALUES (0), (1), (2), (3), (4), (5), (6), (7);

-- the reply of a kept push that goes late as a customer-service message
-- (a follow's, a scan's or a click's within WeChat's minute): 'late' until
-- a sender takes it
ALTER TABLE messages MODIFY delivery_state
  ENUM('sending','delivered','failed','held','expired','late') NULL;
