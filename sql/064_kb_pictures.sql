-- 064_kb_pictures.sql: a picture in a knowledge-base article's answer (a
-- JPEG or PNG kept like any attachment). WeChat's passive reply is one
-- message, so the bot answers with the article's text and the worker sends
-- the picture right after it as a customer-service message: the intake
-- writes the promise into bot_asks (attachment_id set, no service asked)
-- in the transaction that stores the reply, and the bot's senders keep it
-- (src/job-bot.c), under WeChat's rules like every late bot message.
ALTER TABLE kb_articles ADD COLUMN attachment_id BIGINT UNSIGNED NULL;
ALTER TABLE kb_history ADD COLUMN attachment_id BIGINT UNSIGNED NULL;
ALTER TABLE bot_asks ADD COLUMN attachment_id BIGINT UNSIGNED NULL;
