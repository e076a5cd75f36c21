-- 011_push_checks.sql: what the webhook needs to refuse replays and poison
-- pushes, and the console to say who closed a chat.
--
-- messages.push_ts / push_nonce are the timestamp and nonce of the signed
-- URL that delivered a follower's push. The UNIQUE key remembers every
-- (channel, timestamp, nonce) once, across processes and nodes, at no extra
-- statement: the same signed URL carrying another body cannot store a
-- second row (the plain signature does not cover the body). System and
-- outgoing rows leave both NULL, which the key does not compare.
--
-- event_key holds a VIEW event's URL (WeChat allows menu URLs of 1,024
-- bytes); media ids get room beyond the 64 characters WeChat uses today.

ALTER TABLE messages
  MODIFY event_key      VARCHAR(2048) NULL,
  MODIFY media_id       VARCHAR(512)  NULL,
  MODIFY thumb_media_id VARCHAR(512)  NULL,
  ADD COLUMN push_ts    BIGINT        NULL AFTER dedupe_key,
  ADD COLUMN push_nonce VARCHAR(64)   NULL AFTER push_ts,
  ADD UNIQUE KEY uq_messages_push (channel_id, push_ts, push_nonce);

-- pushes refused as invalid (a field that cannot be what WeChat sends, an
-- unknown encrypt_type, a stale timestamp): the account's health panel
ALTER TABLE channels
  ADD COLUMN refused_pushes INT UNSIGNED NOT NULL DEFAULT 0 AFTER decrypt_failures;

-- who closed the chat, when a person did (NULL for the timers and WeChat's events)
ALTER TABLE chats
  ADD COLUMN closed_by BIGINT UNSIGNED NULL AFTER closed_at,
  ADD CONSTRAINT fk_chats_closed_by FOREIGN KEY (closed_by) REFERENCES users (id) ON DELETE SET NULL;
