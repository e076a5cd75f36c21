-- 014_follow_events.sql: messages has no insert trigger. A trigger that
-- calls the report procedures makes MariaDB open and lock every table they
-- use (report_events, channels, chats, followers) for each INSERT into
-- messages, even when no branch runs; that was a fifth of the webhook's
-- database time per push. The two rows it still wrote are written by the
-- intake transaction itself, right after the event's message row, by the
-- statement report_follow (src/db.c): 'follow' with the QR scene of the
-- subscribe event, 'unfollow' with the follower's scene, read before an
-- erasure. Operators' messages are stored as 'sending' and counted by the
-- update trigger when WeChat accepts them, as before.

DROP TRIGGER report_messages_ai;
