-- 002_wechat.sql: WeChat channels, followers, chats, messages, media, access tokens.

-- One WeChat Official Account per brand. Secrets are sealed with the key
-- file (src/secret.c), never stored in clear.
CREATE TABLE channels (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  brand_id            BIGINT UNSIGNED NOT NULL,
  department_id       BIGINT UNSIGNED NULL,
  state               ENUM('draft','active','disabled') NOT NULL DEFAULT 'draft',
  original_id         VARCHAR(32)  NULL,
  app_id              VARCHAR(32)  NULL,
  app_secret_enc      VARCHAR(255) NULL,
  token_enc           VARCHAR(255) NULL,
  aes_key_enc         VARCHAR(255) NULL,
  aes_key_prev_enc    VARCHAR(255) NULL,
  encryption_mode     ENUM('plain','compatible','safe') NOT NULL DEFAULT 'plain',
  webhook_key         CHAR(32)     NOT NULL,
  wizard_step         INT          NOT NULL DEFAULT 1,
  ip_confirmed        TINYINT(1)   NOT NULL DEFAULT 0,
  url_confirmed       TINYINT(1)   NOT NULL DEFAULT 0,
  verified_at         DATETIME     NULL,
  last_message_at     DATETIME     NULL,
  inactive_messages   INT UNSIGNED NOT NULL DEFAULT 0,
  signature_failures  INT UNSIGNED NOT NULL DEFAULT 0,
  decrypt_failures    INT UNSIGNED NOT NULL DEFAULT 0,
  last_failure_at     DATETIME     NULL,
  last_failure        VARCHAR(255) NULL,
  created_at          DATETIME     NOT NULL,
  updated_at          DATETIME     NOT NULL,
  UNIQUE KEY uq_channels_brand (brand_id),
  UNIQUE KEY uq_channels_app (app_id),
  UNIQUE KEY uq_channels_webhook (webhook_key),
  CONSTRAINT fk_channels_brand FOREIGN KEY (brand_id) REFERENCES brands (id),
  CONSTRAINT fk_channels_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channel_prefs (
  channel_id            BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  missed_after_minutes  INT NOT NULL DEFAULT 3,
  missed_close_minutes  INT NOT NULL DEFAULT 1440,
  idle_close_minutes    INT NOT NULL DEFAULT 1440,
  bot_enabled           TINYINT(1) NOT NULL DEFAULT 0,
  bot_idle_minutes      INT NOT NULL DEFAULT 60,
  erase_on_unfollow     TINYINT(1) NOT NULL DEFAULT 0,
  CONSTRAINT fk_prefs_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per (channel, OpenID). WeChat no longer returns nicknames, so
-- operators see an alias they can edit.
CREATE TABLE followers (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id       BIGINT UNSIGNED NOT NULL,
  openid           VARCHAR(64)  NOT NULL,
  unionid          VARCHAR(64)  NULL,
  subscribed       TINYINT(1)   NOT NULL DEFAULT 1,
  subscribed_at    DATETIME     NULL,
  unsubscribed_at  DATETIME     NULL,
  subscribe_scene  VARCHAR(64)  NULL,
  qr_scene         VARCHAR(128) NULL,
  language         VARCHAR(16)  NULL,
  alias            VARCHAR(100) NULL,
  info_due         TINYINT(1)   NOT NULL DEFAULT 1,
  info_fetched_at  DATETIME     NULL,
  erased           TINYINT(1)   NOT NULL DEFAULT 0,
  created_at       DATETIME     NOT NULL,
  last_message_at  DATETIME     NULL,
  UNIQUE KEY uq_followers_openid (channel_id, openid),
  KEY ix_followers_info (info_due, channel_id),
  CONSTRAINT fk_followers_channel FOREIGN KEY (channel_id) REFERENCES channels (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- open_follower is the follower while the chat is open and NULL once closed:
-- its UNIQUE key allows one open chat per follower, even under races.
CREATE TABLE chats (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id        BIGINT UNSIGNED NOT NULL,
  follower_id       BIGINT UNSIGNED NOT NULL,
  department_id     BIGINT UNSIGNED NULL,
  operator_id       BIGINT UNSIGNED NULL,
  state             ENUM('waiting','missed','active','closed') NOT NULL DEFAULT 'waiting',
  close_reason      ENUM('missed_timeout','idle_timeout','window_expired','profanity',
                         'unfollowed','operator','transfer') NULL,
  started_at        DATETIME NOT NULL,
  last_user_msg_at  DATETIME NOT NULL,
  last_activity_at  DATETIME NOT NULL,
  closed_at         DATETIME NULL,
  consecutive_out   INT NOT NULL DEFAULT 0,
  abusive_count     INT NOT NULL DEFAULT 0,
  previous_chat_id  BIGINT UNSIGNED NULL,
  open_follower     BIGINT UNSIGNED AS (IF(state <> 'closed', follower_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_chats_open (open_follower),
  KEY ix_chats_follower (follower_id, started_at),
  KEY ix_chats_queue (state, department_id, started_at),
  CONSTRAINT fk_chats_channel FOREIGN KEY (channel_id) REFERENCES channels (id),
  CONSTRAINT fk_chats_follower FOREIGN KEY (follower_id) REFERENCES followers (id),
  CONSTRAINT fk_chats_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE SET NULL,
  CONSTRAINT fk_chats_operator FOREIGN KEY (operator_id) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT fk_chats_previous FOREIGN KEY (previous_chat_id) REFERENCES chats (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE attachments (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sha256          CHAR(64)     NOT NULL,
  mime            VARCHAR(100) NOT NULL,
  size            BIGINT UNSIGNED NOT NULL,
  path            VARCHAR(255) NOT NULL,
  wx_media_id     VARCHAR(255) NULL,
  wx_media_expires_at DATETIME NULL,
  created_at      DATETIME     NOT NULL,
  KEY ix_attachments_sha (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every message and event. dedupe_key is "m:<MsgId>" for messages and
-- "e:<FromUserName>:<CreateTime>:<Event>" for events, so WeChat's retries and
-- replays are stored once.
CREATE TABLE messages (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id      BIGINT UNSIGNED NOT NULL,
  follower_id     BIGINT UNSIGNED NOT NULL,
  chat_id         BIGINT UNSIGNED NULL,
  direction       ENUM('in','out','system') NOT NULL,
  msg_type        VARCHAR(32)  NOT NULL,
  event           VARCHAR(32)  NULL,
  event_key       VARCHAR(255) NULL,
  body            MEDIUMTEXT   NULL,
  fields          MEDIUMTEXT   NULL,
  wx_msg_id       VARCHAR(32)  NULL,
  wx_create_time  BIGINT       NULL,
  dedupe_key      VARCHAR(190) NOT NULL,
  media_id        VARCHAR(255) NULL,
  thumb_media_id  VARCHAR(255) NULL,
  media_state     ENUM('none','due','fetched','failed') NOT NULL DEFAULT 'none',
  media_attempts  INT NOT NULL DEFAULT 0,
  media_next_at   DATETIME NULL,
  media_error     VARCHAR(255) NULL,
  attachment_id   BIGINT UNSIGNED NULL,
  author_id       BIGINT UNSIGNED NULL,
  delivery_state  ENUM('sending','delivered','failed') NULL,
  wx_errcode      INT NULL,
  created_at      DATETIME NOT NULL,
  UNIQUE KEY uq_messages_dedupe (channel_id, dedupe_key),
  KEY ix_messages_chat (chat_id, id),
  KEY ix_messages_follower (follower_id, id),
  KEY ix_messages_media (media_state, media_next_at),
  CONSTRAINT fk_messages_channel FOREIGN KEY (channel_id) REFERENCES channels (id),
  CONSTRAINT fk_messages_follower FOREIGN KEY (follower_id) REFERENCES followers (id),
  CONSTRAINT fk_messages_chat FOREIGN KEY (chat_id) REFERENCES chats (id),
  CONSTRAINT fk_messages_attachment FOREIGN KEY (attachment_id) REFERENCES attachments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One shared access token per channel, refreshed by the worker.
CREATE TABLE access_tokens (
  channel_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  token         VARCHAR(600) NULL,
  expires_at    DATETIME NULL,
  fetched_at    DATETIME NULL,
  last_errcode  INT NULL,
  last_error    VARCHAR(255) NULL,
  errors        INT UNSIGNED NOT NULL DEFAULT 0,
  lease_until   BIGINT NULL,
  CONSTRAINT fk_tokens_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
