-- 062_suggestions.sql: answers suggested beside the composer (src/suggest.h),
-- from the knowledge base, the canned responses and the operators' own past
-- replies; what an operator picks is counted here, and the ranking gives
-- the suggestions picked most a little more weight.
CREATE TABLE suggestion_picks (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id   BIGINT UNSIGNED NOT NULL,
  kind       ENUM('kb','canned','reply') NOT NULL,
  ref_id     BIGINT UNSIGNED NOT NULL,
  chat_id    BIGINT UNSIGNED NOT NULL,
  user_id    BIGINT UNSIGNED NOT NULL,
  picked_at  DATETIME NOT NULL,
  KEY ix_suggestion_picks_ref (brand_id, kind, ref_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
