-- 059_bot_service.sql: an account's bot handed to an external service
-- (src/botsvc.h). While a service is named, each follower message in a
-- chat the bot holds is posted to it, signed like a webhook, instead of
-- being answered by the rules; the rules answer only when it fails. The
-- secret it verifies with is kept encrypted. Its failures are counted here
-- for the chatbot page.
ALTER TABLE channel_prefs
  ADD COLUMN bot_service_url VARCHAR(500) NULL,
  ADD COLUMN bot_service_secret_enc VARCHAR(255) NULL,
  ADD COLUMN bot_service_failures INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN bot_service_last_failure VARCHAR(255) NULL,
  ADD COLUMN bot_service_failed_at DATETIME NULL;

-- One question to the service per follower message, written with the
-- message in the intake's transaction, so none is lost when the web
-- process dies after the commit. 'asking' under a lease: the webhook asks
-- first (within Bot.ServiceBudgetMs, the answer being the passive reply);
-- an ask whose lease ran out (a timeout, a crash, a picture to send) is
-- the worker's, which asks again with the same id and sends the answer as
-- a customer-service message within the window (a picture the service
-- named in time waits here, in picture_url, for the worker to send: a
-- passive reply can only name a picture WeChat already has). 'done' says
-- how it ended.
CREATE TABLE bot_asks (
  message_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  chat_id     BIGINT UNSIGNED NOT NULL,
  channel_id  BIGINT UNSIGNED NOT NULL,
  state       ENUM('asking','done') NOT NULL DEFAULT 'asking',
  outcome     ENUM('answered','late','handoff','failed','unsent','dropped') NULL,
  picture_url VARCHAR(500) NULL,
  tries       INT NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL,
  created_at  DATETIME NOT NULL,
  done_at     DATETIME NULL,
  KEY ix_bot_asks_due (state, lease_until),
  KEY ix_bot_asks_channel (channel_id, created_at),
  KEY ix_bot_asks_old (created_at),
  CONSTRAINT fk_bot_asks_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
