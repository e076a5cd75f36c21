-- 017_presence_routing.sql: operator presence and chat routing.
--
-- users.presence is what the operator set in the console header (or what
-- signing out and a stopped console made it); presence_log records every
-- change, for the reports. console_seen_at is the console's last poll.
-- chat_limit is how many chats an operator holds at once (active chats and
-- chats offered to them), unless the department sets its own.
--
-- departments.routing: 'everyone' (every available member sees the queue and
-- one picks up), 'round_robin' (offered to the member whose turn it is:
-- department_members.turn, the department's rr_seq when they were last
-- offered one), 'least_busy' (to the member with the fewest chats in hand).
-- An offer is chats.offer_user_id until chats.offer_until; offers keeps each
-- one and how it ended. load_samples: the queue and each operator's chats
-- in hand, once a minute, for the reports. users.offer_seq counts the offers
-- made to a user: the router writes it to hold the user while it offers.

ALTER TABLE users
  ADD COLUMN presence ENUM('available','busy','away') NOT NULL DEFAULT 'away' AFTER language,
  ADD COLUMN presence_since DATETIME NULL AFTER presence,
  ADD COLUMN console_seen_at DATETIME NULL AFTER presence_since,
  ADD COLUMN chat_limit SMALLINT UNSIGNED NOT NULL DEFAULT 5 AFTER console_seen_at,
  ADD COLUMN offer_seq BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER chat_limit,
  ADD KEY ix_users_presence (presence, console_seen_at);

ALTER TABLE departments
  ADD COLUMN routing ENUM('everyone','round_robin','least_busy') NOT NULL DEFAULT 'everyone' AFTER name,
  ADD COLUMN chat_limit SMALLINT UNSIGNED NULL AFTER routing,
  ADD COLUMN offer_seconds SMALLINT UNSIGNED NOT NULL DEFAULT 30 AFTER chat_limit,
  ADD COLUMN rr_seq BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER offer_seconds;

ALTER TABLE department_members
  ADD COLUMN turn BIGINT UNSIGNED NOT NULL DEFAULT 0;

ALTER TABLE chats
  ADD COLUMN offer_user_id BIGINT UNSIGNED NULL AFTER operator_id,
  ADD COLUMN offer_until DATETIME NULL AFTER offer_user_id,
  ADD KEY ix_chats_offer (offer_user_id),
  ADD KEY ix_chats_offer_until (offer_until),
  ADD CONSTRAINT fk_chats_offer_user FOREIGN KEY (offer_user_id) REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE presence_log (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id   BIGINT UNSIGNED NOT NULL,
  presence  ENUM('available','busy','away') NOT NULL,
  why       ENUM('set','sign_in','sign_out','idle') NOT NULL,
  at        DATETIME NOT NULL,
  KEY ix_presence_log_user (user_id, at),
  KEY ix_presence_log_at (at),
  CONSTRAINT fk_presence_log_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE offers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  chat_id        BIGINT UNSIGNED NOT NULL,
  user_id        BIGINT UNSIGNED NOT NULL,
  department_id  BIGINT UNSIGNED NULL,
  offered_at     DATETIME NOT NULL,
  outcome        ENUM('accepted','declined','timeout','withdrawn') NULL,
  ended_at       DATETIME NULL,
  KEY ix_offers_chat (chat_id, user_id),
  KEY ix_offers_user (user_id, offered_at),
  KEY ix_offers_open (outcome),
  KEY ix_offers_at (offered_at),
  CONSTRAINT fk_offers_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
  CONSTRAINT fk_offers_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_offers_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- one row per minute: which worker samples it (a conditional UPDATE)
CREATE TABLE load_sampler (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  sampled_at  DATETIME NOT NULL
) ENGINE=InnoDB;
INSERT INTO load_sampler VALUES (1, '2000-01-01 00:00:00');

CREATE TABLE load_samples (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at             DATETIME NOT NULL,
  department_id  BIGINT UNSIGNED NULL,
  user_id        BIGINT UNSIGNED NULL,
  waiting        INT UNSIGNED NOT NULL DEFAULT 0,
  longest_wait   INT UNSIGNED NOT NULL DEFAULT 0,
  in_hand        INT UNSIGNED NOT NULL DEFAULT 0,
  KEY ix_load_samples_at (at),
  KEY ix_load_samples_dept (department_id, at),
  KEY ix_load_samples_user (user_id, at),
  CONSTRAINT fk_load_samples_dept FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE,
  CONSTRAINT fk_load_samples_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
