-- 066_spool_lanes.sql: kept pushes (065) taken in by several processes at
-- once, each follower's in order. A push is kept in one of SPOOL_LANES (8)
-- lanes by its follower's OpenID (CRC32 % 8); a worker's process takes a
-- lane under a lease (spool_lanes: 30 s, renewed a batch at a time) and
-- takes its pushes in oldest first, so two of a follower's pushes are never
-- taken in at once or out of order, while the lanes drain side by side, on
-- any number of machines.
ALTER TABLE push_spool
  ADD COLUMN lane TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER channel_id,
  ADD KEY ix_push_spool_lane (lane, id);

CREATE TABLE spool_lanes (
  lane        TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  holder      CHAR(32) NOT NULL DEFAULT '',
  held_until  BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO spool_lanes (lane) VALUES (0), (1), (2), (3), (4), (5), (6), (7);
