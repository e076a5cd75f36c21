-- 001_core.sql: staff, sign-in sessions, brands and departments.
-- Times are DATETIME in UTC: every connection sets time_zone = '+00:00' and
-- programs pass their own clock (which a test may shift) as FROM_UNIXTIME(?).

CREATE TABLE users (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login           VARCHAR(64)  NOT NULL,
  name            VARCHAR(100) NOT NULL,
  role            ENUM('operator','supervisor','admin') NOT NULL,
  pw_hash         VARCHAR(200) NOT NULL,
  disabled        TINYINT(1)   NOT NULL DEFAULT 0,
  failed_logins   INT          NOT NULL DEFAULT 0,
  last_failed_at  DATETIME     NULL,
  locked_until    DATETIME     NULL,
  created_at      DATETIME     NOT NULL,
  UNIQUE KEY uq_users_login (login),
  KEY ix_users_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id_hash     CHAR(64)     NOT NULL PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  csrf        CHAR(64)     NOT NULL,
  created_at  DATETIME     NOT NULL,
  last_seen   DATETIME     NOT NULL,
  flash       VARCHAR(500) NULL,
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_seen (last_seen),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE brands (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  created_at  DATETIME     NOT NULL,
  UNIQUE KEY uq_brands_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE departments (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id    BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  created_at  DATETIME     NOT NULL,
  UNIQUE KEY uq_departments_brand_name (brand_id, name),
  CONSTRAINT fk_departments_brand FOREIGN KEY (brand_id) REFERENCES brands (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE department_members (
  department_id BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (department_id, user_id),
  KEY ix_members_user (user_id),
  CONSTRAINT fk_members_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE,
  CONSTRAINT fk_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
