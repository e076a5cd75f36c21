-- 010_payments.sql: WeChat's payment window. A follower who paid the
-- account through WeChat Pay may be sent any number of customer-service
-- messages for 48 hours; like a follow, a scan or a click it is their latest
-- action until they write (grant_at, with grant_paid set).
ALTER TABLE sim_users ADD COLUMN grant_paid TINYINT NOT NULL DEFAULT 0;
