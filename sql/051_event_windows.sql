-- 051_event_windows.sql: every window WeChat allows. A follower's message
-- lets the account send 5 customer-service messages within 48 hours; a
-- follow, a scan of a parametric QR code or a click of a menu button of the
-- click and scancode types lets it send 3 within a minute. A new action sets
-- the count and the deadline to its own allowance; allowances do not add up.
-- grant_at is when the follower last did one of those actions in the chat's
-- life: when it is at or after their last message, the chat is in the short
-- window (WX_SQL_SENDABLE in src/wx.h says which, for every sender).
ALTER TABLE chats ADD COLUMN grant_at DATETIME NULL;
