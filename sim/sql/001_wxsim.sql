-- 001_wxsim.sql: the WeChat simulator's own state, in its own database (wxsim).
-- Times are Unix seconds of the simulator's clock (the shared test clock).

CREATE TABLE sim_accounts (
  appid        VARCHAR(32)  NOT NULL PRIMARY KEY,
  secret       VARCHAR(64)  NOT NULL,
  original_id  VARCHAR(32)  NOT NULL,
  token        VARCHAR(64)  NOT NULL,
  aes_key      VARCHAR(64)  NOT NULL,
  mode         VARCHAR(16)  NOT NULL DEFAULT 'plain',
  webhook_url  VARCHAR(500) NOT NULL,
  name         VARCHAR(100) NOT NULL,
  whitelist    VARCHAR(500) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sim_tokens (
  token        VARCHAR(128) NOT NULL PRIMARY KEY,
  appid        VARCHAR(32)  NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  issued_at    BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  KEY ix_sim_tokens_app (appid, kind, expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- what WeChat knows of a follower: the 48-hour window and the 5-in-a-row count
CREATE TABLE sim_users (
  appid            VARCHAR(32) NOT NULL,
  openid           VARCHAR(64) NOT NULL,
  subscribed       TINYINT(1)  NOT NULL DEFAULT 1,
  subscribe_time   BIGINT NOT NULL,
  last_msg_at      BIGINT NOT NULL DEFAULT 0,
  sent_since       INT NOT NULL DEFAULT 0,
  language         VARCHAR(16) NOT NULL DEFAULT 'zh_CN',
  PRIMARY KEY (appid, openid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- what each follower's phone received from the account
CREATE TABLE sim_received (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  appid     VARCHAR(32) NOT NULL,
  openid    VARCHAR(64) NOT NULL,
  msgtype   VARCHAR(16) NOT NULL,
  content   TEXT NULL,
  media_id  VARCHAR(128) NULL,
  at        BIGINT NOT NULL,
  KEY ix_sim_received_user (appid, openid, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sim_media (
  media_id    VARCHAR(128) NOT NULL PRIMARY KEY,
  appid       VARCHAR(32)  NOT NULL,
  type        VARCHAR(16)  NOT NULL,
  mime        VARCHAR(100) NOT NULL,
  filename    VARCHAR(200) NOT NULL,
  data        LONGBLOB     NOT NULL,
  created_at  BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- faults a test asks for: the next N calls of an API answer errcode (or wait)
CREATE TABLE sim_faults (
  appid      VARCHAR(32) NOT NULL,
  api        VARCHAR(64) NOT NULL,
  errcode    INT NOT NULL,
  remaining  INT NOT NULL,
  delay_ms   INT NOT NULL DEFAULT 0,
  PRIMARY KEY (appid, api)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- every API call, so tests can count token fetches
CREATE TABLE sim_calls (
  id     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  appid  VARCHAR(32) NULL,
  api    VARCHAR(64) NOT NULL,
  errcode INT NOT NULL,
  at     BIGINT NOT NULL,
  KEY ix_sim_calls_api (api, appid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
