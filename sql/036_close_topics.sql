-- 036_close_topics.sql: the close summary (会话小结). A brand keeps a list of
-- topics; an operator closing a chat picks one (required when the brand says
-- so) and may write a note. The reports count closed chats by topic (the
-- report kind 'topic', its detail the topic's id).
CREATE TABLE close_topics (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id  BIGINT UNSIGNED NOT NULL,
  name      VARCHAR(100) NOT NULL,
  position  INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_close_topics_name (brand_id, name),
  CONSTRAINT fk_close_topics_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE brands
  ADD COLUMN topic_required TINYINT(1) NOT NULL DEFAULT 0;

ALTER TABLE chats
  ADD COLUMN topic_id BIGINT UNSIGNED NULL,
  ADD COLUMN summary VARCHAR(500) NULL,
  ADD CONSTRAINT fk_chats_topic FOREIGN KEY (topic_id) REFERENCES close_topics (id) ON DELETE SET NULL;

INSERT INTO report_kinds (name, binned) VALUES ('topic', 0);
