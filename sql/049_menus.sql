-- 049_menus.sql: the account's custom menu, kept in step with WeChat: the
-- default menu and conditional ones (by tag and phone OS), each edited
-- here as WeChat's "button" array and published through the write queue
-- (menu/create, menu/addconditional, menu/delconditional); an account
-- connected with a menu already has it read first (menu/get), so nothing the
-- business built is lost. A click button's key may be bound to an answer, a
-- department, or "talk to a person" (menu_keys): intake.c acts on it.
CREATE TABLE wx_menus (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id    BIGINT UNSIGNED NOT NULL,
  cond_key      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  tag_id        BIGINT UNSIGNED NULL,
  platform      TINYINT NULL,
  buttons       MEDIUMTEXT NOT NULL,
  published     MEDIUMTEXT NULL,
  wx_menuid     VARCHAR(32) NULL,
  updated_at    DATETIME NOT NULL,
  published_at  DATETIME NULL,
  UNIQUE KEY uq_wx_menus (channel_id, cond_key),
  CONSTRAINT fk_wx_menus_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_wx_menus_tag FOREIGN KEY (tag_id) REFERENCES wx_tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE menu_keys (
  channel_id     BIGINT UNSIGNED NOT NULL,
  click_key      VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  label          VARCHAR(60) NOT NULL,
  action         ENUM('answer', 'department', 'person') NOT NULL,
  answer         TEXT NULL,
  department_id  BIGINT UNSIGNED NULL,
  PRIMARY KEY (channel_id, click_key),
  CONSTRAINT fk_menu_keys_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_menu_keys_dept FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE wx_writes
  ADD COLUMN menu_id BIGINT UNSIGNED NULL AFTER qr_code_id,
  ADD CONSTRAINT fk_wx_writes_menu FOREIGN KEY (menu_id) REFERENCES wx_menus (id) ON DELETE CASCADE;

ALTER TABLE wx_syncs
  ADD COLUMN menu_read TINYINT(1) NOT NULL DEFAULT 0;
