-- 040_follower_remark.sql: the remark the account gives a follower in WeChat
-- (its dashboard, or user/info/updateremark), as user/info last answered it.
-- Lists show the alias typed in wxdesk, else this remark, else the OpenID.
ALTER TABLE followers
  ADD COLUMN remark VARCHAR(100) NULL AFTER alias;
