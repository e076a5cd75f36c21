-- 027_signin_bound.sql: a sign-in waiting for its second factor is bound to
-- the account as its password found it: the password's hash, the role, and
-- the account enabled. A password reset, a role change or a disable in the
-- five minutes before the code voids the waiting sign-in (the code step
-- compares the stamp with the account as it is then). Challenges made
-- before this migration have no stamp and are void.
ALTER TABLE signin_challenges
  ADD COLUMN bound CHAR(64) NOT NULL DEFAULT '';
