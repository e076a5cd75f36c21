-- 057_api_hooks.sql: wxdesk open to the business's other systems.
--
-- API tokens (src/api.c): made by an administrator with a name, scopes and
-- optionally one brand; only the SHA-256 of a token is kept (it is shown
-- once), with its first characters to recognise it by. A token is revoked,
-- never deleted, so the audit trail's records keep their name.
CREATE TABLE api_tokens (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name             VARCHAR(100) NOT NULL,
  token_hash       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  prefix           VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  scopes           SET('chats.read','messages.write','followers','reports','admin','payments') NOT NULL,
  brand_id         BIGINT UNSIGNED NULL,
  rate_per_minute  INT UNSIGNED NOT NULL DEFAULT 600,
  created_by       BIGINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL,
  last_used_at     DATETIME NULL,
  last_ip          VARCHAR(64) NULL,
  revoked_at       DATETIME NULL,
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  CONSTRAINT fk_api_tokens_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A token's calls in one minute (its rate limit): one row a token a
-- minute, counted by the statement that admits the call; old minutes are
-- deleted by the worker.
CREATE TABLE api_rate (
  token_id  BIGINT UNSIGNED NOT NULL,
  minute    BIGINT NOT NULL,
  calls     INT UNSIGNED NOT NULL,
  PRIMARY KEY (token_id, minute),
  CONSTRAINT fk_api_rate_token FOREIGN KEY (token_id) REFERENCES api_tokens (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A write sent with an Idempotency-Key header: done once. The first call
-- takes the key (status 0 while it runs) and keeps its answer; a call with
-- the same key and the same request gets that answer again, one with a
-- different request is refused. Kept 24 hours.
CREATE TABLE api_idempotency (
  token_id    BIGINT UNSIGNED NOT NULL,
  idem_key    VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status      INT NOT NULL DEFAULT 0,
  answer      MEDIUMTEXT NULL,
  created_at  DATETIME NOT NULL,
  PRIMARY KEY (token_id, idem_key),
  KEY ix_api_idempotency_at (created_at),
  CONSTRAINT fk_api_idem_token FOREIGN KEY (token_id) REFERENCES api_tokens (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Outgoing webhooks (src/hooks.h). A subscription: a URL, the events it
-- wants, its signing secret (encrypted at rest), all brands or one.
CREATE TABLE hook_subscriptions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id     BIGINT UNSIGNED NULL,
  url          VARCHAR(500) NOT NULL,
  secret_enc   VARCHAR(255) NOT NULL,
  events       SET('message.received','message.sent','message.refused','chat.opened',
                   'chat.assigned','chat.transferred','chat.closed','chat.rated',
                   'follower.followed','follower.unfollowed','follower.tagged',
                   'channel.health','test') NOT NULL,
  enabled      TINYINT(1) NOT NULL DEFAULT 1,
  created_by   BIGINT UNSIGNED NULL,
  created_at   DATETIME NOT NULL,
  KEY ix_hook_subscriptions_brand (enabled, brand_id),
  CONSTRAINT fk_hook_subs_brand FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT fk_hook_subs_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An event, stored by the trigger of the change it tells of (routines/
-- hooks.sql), so in the change's own transaction: what happened (data: a
-- JSON object made from the row), when, for which brand and chat (0: none).
-- Stored only while a subscription wants it.
CREATE TABLE hook_events (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        VARCHAR(32) NOT NULL,
  brand_id    BIGINT UNSIGNED NULL,
  chat_id     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  at          DATETIME NOT NULL,
  data        TEXT NOT NULL,
  KEY ix_hook_events_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One event for one subscription, sent by the worker (src/job-hooks.c):
-- pending until the receiver answers 2xx (delivered), or after the last of
-- its tries (dead: the dead-letter list, replayable). A chat's deliveries
-- to one subscription go in order: one waits while an older one of the
-- same chat is pending. A try holds a lease; its result is recorded only
-- under that lease.
CREATE TABLE hook_deliveries (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id       BIGINT UNSIGNED NOT NULL,
  subscription_id BIGINT UNSIGNED NOT NULL,
  chat_id        BIGINT UNSIGNED NOT NULL DEFAULT 0,
  state          ENUM('pending','delivered','dead') NOT NULL DEFAULT 'pending',
  attempts       INT NOT NULL DEFAULT 0,
  next_at        DATETIME NOT NULL,
  lease_until    BIGINT NULL,
  last_status    INT NULL,
  last_error     VARCHAR(255) NULL,
  last_response  VARCHAR(1000) NULL,
  last_at        DATETIME NULL,
  delivered_at   DATETIME NULL,
  created_at     DATETIME NOT NULL,
  UNIQUE KEY uq_hook_deliveries (event_id, subscription_id),
  KEY ix_hook_deliveries_due (state, next_at),
  KEY ix_hook_deliveries_chat (subscription_id, chat_id, state, id),
  KEY ix_hook_deliveries_list (subscription_id, id),
  CONSTRAINT fk_hook_del_event FOREIGN KEY (event_id) REFERENCES hook_events (id) ON DELETE CASCADE,
  CONSTRAINT fk_hook_del_sub FOREIGN KEY (subscription_id) REFERENCES hook_subscriptions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A payment (056) is told through the API now, by a token of the payments
-- scope: the account's own payment key is gone.
ALTER TABLE channels DROP COLUMN pay_key_enc;
