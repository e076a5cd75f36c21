-- 038_canned_personal.sql: canned responses in categories, and an
-- operator's own beside the team's. A team response belongs to a brand
-- (brand_id); a personal one to its operator (owner_id), in every brand they
-- answer; never both. The composer lists the operator's own first, then the
-- brand's by category; /shortcut finds the operator's own before the team's.
ALTER TABLE canned_responses
  MODIFY brand_id BIGINT UNSIGNED NULL,
  ADD COLUMN owner_id BIGINT UNSIGNED NULL AFTER brand_id,
  ADD COLUMN category VARCHAR(40) NULL AFTER shortcut,
  ADD UNIQUE KEY uq_canned_owner_shortcut (owner_id, shortcut),
  ADD CONSTRAINT fk_canned_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
  ADD CONSTRAINT ck_canned_whose CHECK ((brand_id IS NULL) <> (owner_id IS NULL));
