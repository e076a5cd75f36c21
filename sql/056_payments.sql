-- 056_payments.sql: WeChat's fourth window. After a follower pays a
-- service account through WeChat Pay, the account may send them any number
-- of customer-service messages for 48 hours. WeChat Pay tells the
-- merchant's payment server, not the account's webhook, so the business's
-- server forwards the payment to wxdesk (POST /wechat/<key>/payment, signed
-- with the account's payment key, pay_key_enc: encrypted at rest). The
-- payment is the follower's latest action: like a follow, a scan or a
-- click it replaces the window of their last message (chats.grant_at, with
-- grant_paid set), until their next message gives the 5 of 48 hours back.
-- Each payment is kept once by its transaction id.
ALTER TABLE chats ADD COLUMN grant_paid TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE channels ADD COLUMN pay_key_enc VARCHAR(255) NULL;
CREATE TABLE payments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id     BIGINT UNSIGNED NOT NULL,
  follower_id    BIGINT UNSIGNED NOT NULL,
  transaction_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount         BIGINT NULL,
  paid_at        DATETIME NOT NULL,
  created_at     DATETIME NOT NULL,
  UNIQUE KEY uq_payments_tx (channel_id, transaction_id),
  KEY ix_payments_follower (follower_id, paid_at),
  CONSTRAINT fk_payments_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_payments_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
