-- 005_qrcodes.sql: the parametric QR codes WeChat made for an account, by
-- ticket (showqrcode draws them; a temporary one expires)
CREATE TABLE sim_qrcodes (
  ticket      VARCHAR(128) NOT NULL PRIMARY KEY,
  appid       VARCHAR(32)  NOT NULL,
  scene       VARCHAR(64)  NOT NULL,
  permanent   TINYINT(1)   NOT NULL,
  url         VARCHAR(255) NOT NULL,
  expires_at  BIGINT NULL,
  created_at  BIGINT NOT NULL,
  KEY ix_sim_qrcodes_app (appid, permanent)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
