-- 020_business_hours.sql: a brand's business hours. With hours_enabled, a
-- chat that opens outside them gets the brand's off-hours answer (a passive
-- reply, once: when the chat opens) and is marked after_hours = 1; when the
-- brand opens, its wait starts then (after_hours = 2), unless the missed
-- timer runs outside hours too (offhours_missed_timer). Hours are one span
-- per weekday (0 Monday … 6 Sunday) in the brand's time zone; a day with
-- no row, or a holiday, is closed.

ALTER TABLE brands
  ADD COLUMN hours_enabled TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'Asia/Shanghai',
  ADD COLUMN offhours_text TEXT NULL,
  ADD COLUMN offhours_missed_timer TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE brand_hours (
  brand_id  BIGINT UNSIGNED NOT NULL,
  weekday   TINYINT UNSIGNED NOT NULL,
  opens     TIME NOT NULL,
  closes    TIME NOT NULL,
  PRIMARY KEY (brand_id, weekday),
  CONSTRAINT fk_brand_hours_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE brand_holidays (
  brand_id  BIGINT UNSIGNED NOT NULL,
  day       DATE NOT NULL,
  PRIMARY KEY (brand_id, day),
  CONSTRAINT fk_brand_holidays_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE chats
  ADD COLUMN after_hours TINYINT UNSIGNED NOT NULL DEFAULT 0;
