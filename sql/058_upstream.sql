-- 058_upstream.sql: beside the account's existing server. WeChat allows
-- one server URL per account; wxdesk can keep the old one working: after it
-- verifies and stores a push, it forwards the push to the upstream signed
-- for it as WeChat would (its own Token, and in safe mode its own AES key,
-- encrypted at rest here), and relays the upstream's passive reply when
-- wxdesk has none of its own, within a time budget that keeps WeChat's 5
-- seconds (src/upstream.h). Per kind of push (upstream_forward) it is
-- forwarded or not, and (upstream_first) whether the upstream's reply
-- wins over wxdesk's. The upstream's failures are counted here for the
-- account's health panel; they never touch what was stored.
ALTER TABLE channels
  ADD COLUMN upstream_url VARCHAR(500) NULL,
  ADD COLUMN upstream_token_enc VARCHAR(255) NULL,
  ADD COLUMN upstream_mode ENUM('plain','safe') NOT NULL DEFAULT 'plain',
  ADD COLUMN upstream_aes_enc VARCHAR(255) NULL,
  ADD COLUMN upstream_forward SET('message','follow','scan','menu','other') NOT NULL
    DEFAULT 'message,follow,scan,menu,other',
  ADD COLUMN upstream_first SET('message','follow','scan','menu','other') NOT NULL DEFAULT '',
  ADD COLUMN upstream_failures INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN upstream_last_failure VARCHAR(255) NULL,
  ADD COLUMN upstream_failed_at DATETIME NULL;
