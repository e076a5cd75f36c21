-- 024_audit.sql: the audit trail. One row per administrative change,
-- sign-in and sign-in failure, and reveal of a secret: who (the account, and
-- the login typed for a failed sign-in), when, from where, what (the action,
-- the page it was made on, the fields sent with secrets masked). The product
-- only adds rows: the triggers refuse any change or removal.

CREATE TABLE audit_log (
  id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at       DATETIME NOT NULL,
  user_id  BIGINT UNSIGNED NULL,
  login    VARCHAR(64) NOT NULL DEFAULT '',
  ip       VARCHAR(64) NOT NULL DEFAULT '',
  action   VARCHAR(64) NOT NULL,
  target   VARCHAR(255) NOT NULL DEFAULT '',
  detail   TEXT NOT NULL,
  KEY ix_audit_at (at),
  KEY ix_audit_login (login, at),
  KEY ix_audit_action (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_log_bu BEFORE UPDATE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records cannot be changed';
END;

CREATE TRIGGER audit_log_bd BEFORE DELETE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records cannot be removed';
END;
