-- 007_windows.sql: WeChat's short window. A follow, a scan of a parametric
-- QR code or a click of a menu button of the click or scancode types lets
-- the account send 3 customer-service messages within a minute (45047
-- after the third, 45015 after the minute), instead of the follower's last
-- window: the latest action's allowance holds, they do not add up.
ALTER TABLE sim_users ADD COLUMN grant_at BIGINT NOT NULL DEFAULT 0;
