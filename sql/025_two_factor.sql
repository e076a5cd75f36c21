-- 025_two_factor.sql: two-factor sign-in (TOTP, RFC 6238). A staff member's
-- secret is encrypted with the secrets key like the App Secrets; while being
-- set up it waits in totp_pending_enc until a code from the app confirms it.
-- totp_step is the last 30-second step a code was used for (a code is good
-- once). Recovery codes are kept as SHA-256 hashes, each good once. A
-- sign-in whose password was right waits for its code as a challenge (the
-- hash of a cookie's value) for 5 minutes and 5 codes; each wrong code
-- also counts as a failed sign-in, so the account locks as for passwords. security_settings holds whether
-- administrators must use a second factor.

ALTER TABLE users
  ADD COLUMN totp_on TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN totp_secret_enc TEXT NULL,
  ADD COLUMN totp_pending_enc TEXT NULL,
  ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
  user_id    BIGINT UNSIGNED NOT NULL,
  code_hash  CHAR(64) NOT NULL,
  used_at    DATETIME NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT fk_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE signin_challenges (
  id_hash     CHAR(64) NOT NULL PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  expires_at  DATETIME NOT NULL,
  next        VARCHAR(255) NOT NULL DEFAULT '',
  tries       TINYINT UNSIGNED NOT NULL DEFAULT 0,
  KEY ix_signin_challenges_expires (expires_at),
  CONSTRAINT fk_signin_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE security_settings (
  id                  TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  require_2fa_admins  TINYINT(1) NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO security_settings (id, require_2fa_admins) VALUES (1, 0);
