-- 003_verified.sql: whether WeChat verified the account (认证): the user
-- management APIs a desk writes with (user/info/updateremark, tags, the
-- blacklist) answer 48001 to an account that is not a verified one.
ALTER TABLE sim_accounts
  ADD COLUMN verified TINYINT(1) NOT NULL DEFAULT 1;
