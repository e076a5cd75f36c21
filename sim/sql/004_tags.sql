-- 004_tags.sql: an account's tags and blacklist, as WeChat's user management
-- keeps them (tags/*, tags/members/*, user/tag/get), and the calls an
-- account may make of each API a day (45009 past it).

-- WeChat's own tags (ids 0, 1 and 2) come with every account; an account's
-- own are numbered from 100
CREATE TABLE sim_tags (
  appid   VARCHAR(32) NOT NULL,
  id      INT NOT NULL,
  name    VARCHAR(64) NOT NULL,
  PRIMARY KEY (appid, id),
  UNIQUE KEY uq_sim_tags_name (appid, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sim_user_tags (
  appid   VARCHAR(32) NOT NULL,
  openid  VARCHAR(64) NOT NULL,
  tag_id  INT NOT NULL,
  PRIMARY KEY (appid, openid, tag_id),
  KEY ix_sim_user_tags_tag (appid, tag_id, openid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE sim_users
  ADD COLUMN blocked TINYINT(1) NOT NULL DEFAULT 0;

-- a test's own daily limit of an API for an account (else WeChat's)
CREATE TABLE sim_quotas (
  appid   VARCHAR(32) NOT NULL,
  api     VARCHAR(64) NOT NULL,
  daily   INT NOT NULL,
  PRIMARY KEY (appid, api)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE sim_calls
  ADD KEY ix_sim_calls_day (appid, api, errcode, at);
