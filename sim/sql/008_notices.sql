-- 008_notices.sql: template messages and subscription notices as WeChat
-- keeps them. The account's templates of both kinds (added as in WeChat's
-- dashboard, through /sim/templates); each template send by its
-- client_msg_id (the same OpenID and id within 10 minutes is one message);
-- a follower's one-time acceptances per notice template, spent one a send;
-- and a follower who turned the account's template messages off (their
-- job result is "failed:user block").
CREATE TABLE sim_templates (
  appid       VARCHAR(32) NOT NULL,
  kind        VARCHAR(16) NOT NULL,
  template_id VARCHAR(128) NOT NULL,
  title       VARCHAR(200) NOT NULL,
  content     TEXT NOT NULL,
  example     TEXT NULL,
  PRIMARY KEY (appid, kind, template_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sim_template_sends (
  appid         VARCHAR(32) NOT NULL,
  openid        VARCHAR(64) NOT NULL,
  client_msg_id VARCHAR(64) NOT NULL,
  msgid         BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  PRIMARY KEY (appid, openid, client_msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sim_notice_credits (
  appid       VARCHAR(32) NOT NULL,
  openid      VARCHAR(64) NOT NULL,
  template_id VARCHAR(128) NOT NULL,
  credits     INT NOT NULL DEFAULT 0,
  PRIMARY KEY (appid, openid, template_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE sim_users ADD COLUMN templates_off TINYINT NOT NULL DEFAULT 0;
