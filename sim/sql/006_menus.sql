-- 006_menus.sql: an account's custom menus as WeChat keeps them: the
-- default one (menuid 0) and conditional ones, each its JSON as created
CREATE TABLE sim_menus (
  appid      VARCHAR(32) NOT NULL,
  menuid     BIGINT NOT NULL,
  menu       MEDIUMTEXT NOT NULL,
  tag_id     INT NULL,
  platform   INT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (appid, menuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
