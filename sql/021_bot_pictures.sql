-- 021_bot_pictures.sql: a chatbot answer can be a picture. WeChat's passive
-- reply names a media id, which only media/upload gives (a temporary one,
-- valid 3 days): the worker uploads the rule's picture and uploads it again
-- before it runs out (media_at), so the webhook never calls WeChat.

ALTER TABLE bot_rules
  ADD COLUMN attachment_id BIGINT UNSIGNED NULL,
  ADD COLUMN media_id VARCHAR(128) NULL,
  ADD COLUMN media_at DATETIME NULL,
  ADD CONSTRAINT fk_bot_rules_attachment FOREIGN KEY (attachment_id) REFERENCES attachments (id);
