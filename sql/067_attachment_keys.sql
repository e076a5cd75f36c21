-- 067_attachment_keys.sql: a file is kept while any row refers to it. The
-- worker's clean-up (job_files) deleted an attachment no message and no
-- canned response used an hour after it was stored: a knowledge-base
-- article's picture (064) that no follower had been sent yet went with its
-- file, and a chatbot rule's picture (021, whose foreign key refuses the
-- delete) stayed first in every clean-up's list, so that after 50 of them
-- no other file was ever cleaned up. The clean-up now asks every table that
-- refers to attachments; these keys answer it for the tables without one.
ALTER TABLE kb_articles ADD KEY ix_kb_articles_attachment (attachment_id);
ALTER TABLE kb_history ADD KEY ix_kb_history_attachment (attachment_id);
ALTER TABLE bot_asks ADD KEY ix_bot_asks_attachment (attachment_id);
