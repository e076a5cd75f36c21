-- 055_reminders.sql: a reply scheduled inside the follower's window: the
-- operator writes it now, and it goes REMINDER_BEFORE (30 minutes) before
-- the window WeChat gave the follower's last message closes, unless the
-- follower writes first (it is then not sent: the conversation moved on).
-- It waits in the held replies' queue (delivery_state 'held') with its
-- time in send_at; a held reply has none (it goes when the follower
-- writes). The worker sends it through the window's claim, or expires it.
ALTER TABLE messages ADD COLUMN send_at DATETIME NULL;
