-- 065_push_spool.sql: pushes kept for later when WeChat's 5 seconds are
-- running out (src/spool.h). A push that has waited in the server's queues
-- (its signed timestamp is Webhook.SpoolAfterSeconds old or more) is written
-- here as it came, in one statement, and answered "success" at once, so a
-- campaign's burst is answered before WeChat gives up and retries. The
-- worker takes each row through the usual intake, oldest first, and
-- deletes it in the same transaction as the intake's last step; a row
-- whose push can never be stored is deleted and counted. One row a signed
-- URL (WeChat's retry of a push kept here is answered "success" again).
CREATE TABLE push_spool (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id  BIGINT UNSIGNED NOT NULL,
  push_ts     BIGINT NOT NULL,
  push_nonce  VARCHAR(64) NOT NULL,
  body        MEDIUMTEXT NOT NULL,
  spooled_at  DATETIME(3) NOT NULL,
  UNIQUE KEY uq_push_spool_url (channel_id, push_ts, push_nonce)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
