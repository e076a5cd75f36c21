-- 009_mass.sql: broadcasts as WeChat keeps them: each by the account's
-- clientmsgid (the same one again is refused with 45065 and the first
-- one's msg_id), and what each follower received of them this month (4 at
-- most: the rest are filtered out).
CREATE TABLE sim_mass (
  appid       VARCHAR(32) NOT NULL,
  clientmsgid VARCHAR(64) NOT NULL,
  msg_id      BIGINT NOT NULL,
  at          BIGINT NOT NULL,
  PRIMARY KEY (appid, clientmsgid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sim_mass_receipts (
  appid    VARCHAR(32) NOT NULL,
  openid   VARCHAR(64) NOT NULL,
  month    CHAR(7) NOT NULL,
  received INT NOT NULL DEFAULT 0,
  PRIMARY KEY (appid, openid, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
