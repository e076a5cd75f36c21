-- 048_qr_codes.sql: parametric QR codes that route. An administrator makes
-- a code for an account (a department, optionally an operator, a campaign
-- label, a tag, a welcome); WeChat makes it (qrcode/create, queued in
-- wx_writes like every write) and its picture is kept (showqrcode's PNG).
-- A follower who follows or scans with it gets its welcome and its tag,
-- and their next chat goes to its department (its operator offered it
-- first when available): followers.route_qr_id until that chat opens; the
-- chat keeps the code (chats.qr_code_id), for the transcript and reports.
CREATE TABLE qr_codes (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id     BIGINT UNSIGNED NOT NULL,
  scene          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  permanent      TINYINT(1) NOT NULL DEFAULT 0,
  name           VARCHAR(100) NOT NULL,
  campaign       VARCHAR(64) NULL,
  department_id  BIGINT UNSIGNED NULL,
  operator_id    BIGINT UNSIGNED NULL,
  tag_id         BIGINT UNSIGNED NULL,
  welcome        TEXT NULL,
  expire_days    INT NOT NULL DEFAULT 30,
  ticket         VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  url            VARCHAR(255) NULL,
  expires_at     DATETIME NULL,
  png            MEDIUMBLOB NULL,
  png_attempts   INT NOT NULL DEFAULT 0,
  created_by     BIGINT UNSIGNED NULL,
  created_at     DATETIME NOT NULL,
  UNIQUE KEY uq_qr_codes_scene (channel_id, scene),
  KEY ix_qr_codes_png (png_attempts, ticket),
  CONSTRAINT fk_qr_codes_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_qr_codes_dept FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE SET NULL,
  CONSTRAINT fk_qr_codes_operator FOREIGN KEY (operator_id) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT fk_qr_codes_tag FOREIGN KEY (tag_id) REFERENCES wx_tags (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- each scan and each follow with a code, for its report
CREATE TABLE qr_events (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  qr_code_id   BIGINT UNSIGNED NOT NULL,
  kind         ENUM('scan', 'follow') NOT NULL,
  follower_id  BIGINT UNSIGNED NOT NULL,
  at           DATETIME NOT NULL,
  KEY ix_qr_events_code (qr_code_id, at),
  CONSTRAINT fk_qr_events_code FOREIGN KEY (qr_code_id) REFERENCES qr_codes (id) ON DELETE CASCADE,
  CONSTRAINT fk_qr_events_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE wx_writes
  ADD COLUMN qr_code_id BIGINT UNSIGNED NULL AFTER tag_id,
  ADD CONSTRAINT fk_wx_writes_qr FOREIGN KEY (qr_code_id) REFERENCES qr_codes (id) ON DELETE CASCADE;

ALTER TABLE followers
  ADD COLUMN route_qr_id BIGINT UNSIGNED NULL,
  ADD CONSTRAINT fk_followers_route_qr FOREIGN KEY (route_qr_id) REFERENCES qr_codes (id) ON DELETE SET NULL;

ALTER TABLE chats
  ADD COLUMN qr_code_id BIGINT UNSIGNED NULL,
  ADD COLUMN preferred_user_id BIGINT UNSIGNED NULL,
  ADD KEY ix_chats_qr (qr_code_id, started_at);
