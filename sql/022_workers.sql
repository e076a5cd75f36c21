-- 022_workers.sql: each worker notes each tick when it last ran (per
-- host), so /healthz can say whether the background jobs are running.
CREATE TABLE workers (
  name     VARCHAR(100) NOT NULL PRIMARY KEY,
  seen_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
