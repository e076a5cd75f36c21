-- 061_knowledge.sql: a brand's knowledge base (src/kb.h). kb_version
-- rises with every change, so each process's copy is read again. Articles are
-- edited by supervisors and admins; every version is kept in kb_history
-- (created, edited, imported, deleted: who and when). The chatbot answers
-- from the enabled articles when a follower's message scores the brand's
-- kb_threshold (0-100) or more, offers the nearest questions below it;
-- kb_events counts what it did for the reports (answered, offered, picked
-- from an offer, missed, handed over after misses) and kb_misses keeps the
-- questions nothing answered, most asked first, so the team writes the
-- next article.
ALTER TABLE brands ADD COLUMN kb_threshold TINYINT UNSIGNED NOT NULL DEFAULT 60,
  ADD COLUMN kb_version INT UNSIGNED NOT NULL DEFAULT 0;

CREATE TABLE kb_articles (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id     BIGINT UNSIGNED NOT NULL,
  question     VARCHAR(200) NOT NULL,
  alternatives TEXT NULL,
  answer       TEXT NOT NULL,
  category     VARCHAR(60) NULL,
  enabled      TINYINT(1) NOT NULL DEFAULT 1,
  version      INT UNSIGNED NOT NULL DEFAULT 1,
  updated_by   BIGINT UNSIGNED NULL,
  created_at   DATETIME NOT NULL,
  updated_at   DATETIME NOT NULL,
  KEY ix_kb_articles_brand (brand_id, enabled, id),
  CONSTRAINT fk_kb_articles_brand FOREIGN KEY (brand_id) REFERENCES brands (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE kb_history (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id   BIGINT UNSIGNED NOT NULL,
  brand_id     BIGINT UNSIGNED NOT NULL,
  version      INT UNSIGNED NOT NULL,
  what         ENUM('created','edited','imported','deleted') NOT NULL,
  question     VARCHAR(200) NOT NULL,
  alternatives TEXT NULL,
  answer       TEXT NOT NULL,
  category     VARCHAR(60) NULL,
  enabled      TINYINT(1) NOT NULL,
  changed_by   BIGINT UNSIGNED NULL,
  changed_at   DATETIME NOT NULL,
  KEY ix_kb_history_article (article_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE kb_events (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id   BIGINT UNSIGNED NOT NULL,
  article_id BIGINT UNSIGNED NULL,
  chat_id    BIGINT UNSIGNED NULL,
  kind       ENUM('answered','offered','picked','missed','handoff') NOT NULL,
  at         DATETIME NOT NULL,
  KEY ix_kb_events_brand (brand_id, at),
  KEY ix_kb_events_article (article_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE kb_misses (
  brand_id BIGINT UNSIGNED NOT NULL,
  words    VARCHAR(190) NOT NULL,
  text     VARCHAR(500) NOT NULL,
  n        INT UNSIGNED NOT NULL DEFAULT 1,
  last_at  DATETIME NOT NULL,
  PRIMARY KEY (brand_id, words),
  KEY ix_kb_misses_top (brand_id, n)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
