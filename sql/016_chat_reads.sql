-- 016_chat_reads.sql: what each staff member has seen of each chat, so the
-- console can mark the follower messages they have not read yet. seen_id is
-- the newest message the chat page showed them.

CREATE TABLE chat_reads (
  user_id  BIGINT UNSIGNED NOT NULL,
  chat_id  BIGINT UNSIGNED NOT NULL,
  seen_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, chat_id),
  CONSTRAINT fk_chat_reads_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_chat_reads_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
