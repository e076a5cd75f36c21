-- 052_held_replies.sql: replies held for when the follower writes. When no
-- window is open (the 48 hours passed, or their messages are used up) an
-- operator can still write: the reply is stored 'held' on the chat (not
-- counted, not sent), can be edited or cancelled, and the worker sends the
-- follower's held replies, oldest first, into their open chat as soon as a
-- window takes them (what does not fit stays held); an operator's new reply
-- in that chat waits behind them. A held reply that never goes expires after
-- the brand's held_days ('expired'). The reports count each held reply sent
-- and expired.
ALTER TABLE messages MODIFY delivery_state ENUM('sending','delivered','failed','held','expired') NULL;
ALTER TABLE brands ADD COLUMN held_days INT NOT NULL DEFAULT 7;
INSERT INTO report_kinds (name, binned) VALUES ('held_sent', 0), ('held_expired', 0);
