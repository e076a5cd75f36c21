-- 002_remarks.sql: the remark an account gives a follower (user/info/updateremark,
-- or WeChat's own dashboard), answered by user/info.
ALTER TABLE sim_users
  ADD COLUMN remark VARCHAR(30) NOT NULL DEFAULT '';
