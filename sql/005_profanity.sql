-- 005_profanity.sql: profanity management per brand (Admin → Brands → brand →
-- Profanity management): on/off, a limit of abusive words per chat, an
-- optional warning sent once before the limit, and the word list.
CREATE TABLE profanity_settings (
  brand_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  enabled      TINYINT(1)   NOT NULL DEFAULT 0,
  word_limit   INT          NOT NULL DEFAULT 3,
  warning      VARCHAR(600) NULL,
  updated_at   DATETIME     NOT NULL,
  CONSTRAINT fk_profanity_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the collation makes "Damn" and "damn" one word
CREATE TABLE profanity_words (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id  BIGINT UNSIGNED NOT NULL,
  word      VARCHAR(64)  NOT NULL,
  UNIQUE KEY uq_profanity_word (brand_id, word),
  CONSTRAINT fk_profanity_words_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the warning goes out once per chat, by the worker (the webhook never calls WeChat)
ALTER TABLE chats ADD COLUMN profanity_warning ENUM('none','due','sent','skipped') NOT NULL DEFAULT 'none';
ALTER TABLE chats ADD KEY ix_chats_warning (profanity_warning);
