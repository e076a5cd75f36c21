-- 028_closing_messages.sql: the message an operator sends as they close a
-- chat is marked, so that it is not taken for an answer: a chat is asked
-- for a rating only when a person answered it (a delivered operator
-- message other than the closing one; see src/db-csat.c).
ALTER TABLE messages ADD COLUMN closing TINYINT(1) NOT NULL DEFAULT 0;
