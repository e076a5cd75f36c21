-- 053_notices.sql: reaching a follower when no customer-service window is
-- open: template messages (verified service accounts) and subscription
-- notices (one send for each time the follower accepted).
--
-- The account's templates of both kinds are imported from WeChat by the
-- worker and kept in step (gone_at: no longer in WeChat at the last read);
-- an administrator says who may send each one (everyone of the account's
-- departments, or the staff chosen in wx_template_senders).
CREATE TABLE wx_templates (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id  BIGINT UNSIGNED NOT NULL,
  kind        ENUM('template', 'notice') NOT NULL,
  wx_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title       VARCHAR(200) NOT NULL,
  content     TEXT NOT NULL,
  example     TEXT NULL,
  senders     ENUM('everyone', 'chosen') NOT NULL DEFAULT 'everyone',
  gone_at     DATETIME NULL,
  imported_at DATETIME NOT NULL,
  UNIQUE KEY uq_wx_templates (channel_id, kind, wx_id),
  CONSTRAINT fk_wx_templates_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wx_template_senders (
  template_id BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (template_id, user_id),
  CONSTRAINT fk_wx_template_senders_t FOREIGN KEY (template_id) REFERENCES wx_templates (id) ON DELETE CASCADE,
  CONSTRAINT fk_wx_template_senders_u FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A follower's subscription credits per notice template: each "accept" in
-- an article's or a web page's popup (subscribe_msg_popup_event) is one
-- send, with no expiry; a withdrawal in WeChat's settings
-- (subscribe_msg_change_event) takes them all. A send reserves one in the
-- transaction that queues it; a send WeChat refuses gives it back (43101,
-- WeChat has none: none here either).
CREATE TABLE notice_credits (
  follower_id BIGINT UNSIGNED NOT NULL,
  wx_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  credits     INT NOT NULL DEFAULT 0,
  updated_at  DATETIME NOT NULL,
  PRIMARY KEY (follower_id, wx_id),
  CONSTRAINT fk_notice_credits_follower FOREIGN KEY (follower_id) REFERENCES followers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What an account used of a daily WeChat quota, per Beijing day (template
-- sends: 100,000 a day unless WeChat raised it, channels.template_quota);
-- a 45009 from WeChat marks the day used up.
CREATE TABLE wx_quota_use (
  channel_id BIGINT UNSIGNED NOT NULL,
  api        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  day        DATE NOT NULL,
  used       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, api, day),
  CONSTRAINT fk_wx_quota_use_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE channels ADD COLUMN template_quota INT NOT NULL DEFAULT 100000;

-- when the worker reads the templates next (an administrator's "import
-- now" makes it due at once)
ALTER TABLE wx_syncs ADD COLUMN templates_due DATETIME NOT NULL DEFAULT '1000-01-01 00:00:00';

-- A template message or a notice is a message of its chat (msg_type
-- 'template' or 'notice', the request in fields); a template's msgid is
-- kept in wx_msg_id, and its later result (TEMPLATESENDJOBFINISH), stored
-- as an event with the same msgid, is found by it. (bizsend answers no
-- msgid: a notice's subscribe_msg_sent_event is stored, unmatched.)
ALTER TABLE messages ADD KEY ix_messages_wx_id (channel_id, wx_msg_id);

INSERT INTO report_kinds (name, binned) VALUES ('template_sent', 0), ('template_failed', 0),
  ('notice_sent', 0), ('notice_failed', 0);
