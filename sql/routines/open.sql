-- sql/routines/open.sql: chats.open_key (043_open_chat_key.sql), the key
-- a follower's message in an open chat is stored against in one plain
-- INSERT (the webhook's hot path; in a chat the bot holds, the message
-- and the bot's answer: db-chats.c, message_continue_bot). It is the
-- chat's id while such a message may go straight into the chat, else
-- NULL, with open_bot 0 when a person holds it or it waits for one; when
-- the bot holds it, its account's bot_version as 1 + bot_version MOD 120
-- (chat.h, BOT_OPEN: a push answered by rules of another version finds
-- no key; a process answers by rules at most BOT_CACHE_AGE seconds old,
-- bot.c, and 120 versions are not made in 10 seconds), or -1 while the
-- bot is off:
--   - the chat is open;
--   - its follower was not just offered to leave a message (the next
--     message is the message left: the full path);
--   - its channel is active with a department;
--   - the follower is not an operator's WeChat bound for alerts.
-- A statement asks for the key to be worked out again by setting it to 0
-- (a new chat, whose id its BEFORE INSERT trigger cannot know yet; a
-- channel or a binding that changed). A close sets it NULL, and the
-- messages' foreign key then sets theirs NULL (ON UPDATE SET NULL; the
-- bot's hand-off changes open_bot, with the same effect), so a
-- message racing the close either comes first or finds no key: the
-- webhook's full path takes it then, into a new chat.

CREATE OR REPLACE FUNCTION chat_open_key(p_id BIGINT UNSIGNED, p_state VARCHAR(12),
  p_offer VARCHAR(12), p_channel BIGINT UNSIGNED, p_follower BIGINT UNSIGNED)
RETURNS BIGINT UNSIGNED
READS SQL DATA
BEGIN
  IF p_state = 'closed' OR (p_offer <=> 'offered' AND p_state IN ('waiting', 'missed'))
      OR NOT EXISTS (SELECT 1 FROM channels WHERE id = p_channel AND state = 'active'
        AND department_id IS NOT NULL)
      OR EXISTS (SELECT 1 FROM alert_bindings WHERE follower_id = p_follower) THEN
    RETURN NULL;
  END IF;
  RETURN p_id;
END;

CREATE OR REPLACE FUNCTION chat_open_bot(p_state VARCHAR(12), p_channel BIGINT UNSIGNED)
RETURNS TINYINT
READS SQL DATA
BEGIN
  DECLARE v TINYINT DEFAULT -1;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v = -1;
  IF p_state <> 'bot' THEN
    RETURN 0;
  END IF;
  -- a locking read: a change of the bot committed after it waits, and its
  -- trigger (open_prefs_au) then sees this chat; one committed before it
  -- is what it reads
  SELECT IF(bot_enabled = 1, 1 + bot_version MOD 120, -1) INTO v FROM channel_prefs
    WHERE channel_id = p_channel LOCK IN SHARE MODE;
  RETURN v;
END;

-- the fold and most changes touch neither: no lookups for them
CREATE OR REPLACE TRIGGER open_chats_bu BEFORE UPDATE ON chats FOR EACH ROW
BEGIN
  IF NOT (NEW.state <=> OLD.state AND NEW.leave_offer <=> OLD.leave_offer
      AND NEW.open_key <=> OLD.open_key) THEN
    SET NEW.open_key = chat_open_key(NEW.id, NEW.state, NEW.leave_offer, NEW.channel_id,
      NEW.follower_id);
    SET NEW.open_bot = IF(NEW.open_key IS NULL, NULL, chat_open_bot(NEW.state, NEW.channel_id));
  END IF;
END;

CREATE OR REPLACE TRIGGER open_channels_au AFTER UPDATE ON channels FOR EACH ROW
BEGIN
  IF NOT (NEW.state <=> OLD.state AND NEW.department_id <=> OLD.department_id) THEN
    UPDATE chats SET open_key = 0
    WHERE state IN ('waiting', 'missed', 'active', 'bot', 'followup') AND channel_id = NEW.id;
  END IF;
END;

-- the bot switched on or off, or its rules changed: the chats it holds
CREATE OR REPLACE TRIGGER open_prefs_au AFTER UPDATE ON channel_prefs FOR EACH ROW
BEGIN
  IF NOT (NEW.bot_enabled <=> OLD.bot_enabled AND NEW.bot_version <=> OLD.bot_version) THEN
    UPDATE chats SET open_key = 0 WHERE state = 'bot' AND channel_id = NEW.channel_id;
  END IF;
END;

CREATE OR REPLACE TRIGGER open_bindings_ai AFTER INSERT ON alert_bindings FOR EACH ROW
BEGIN
  UPDATE chats SET open_key = 0 WHERE open_follower = NEW.follower_id;
END;

-- binding an account again from another WeChat changes the follower
CREATE OR REPLACE TRIGGER open_bindings_au AFTER UPDATE ON alert_bindings FOR EACH ROW
BEGIN
  IF NOT (NEW.follower_id <=> OLD.follower_id) THEN
    UPDATE chats SET open_key = 0 WHERE open_follower IN (OLD.follower_id, NEW.follower_id);
  END IF;
END;

CREATE OR REPLACE TRIGGER open_bindings_ad AFTER DELETE ON alert_bindings FOR EACH ROW
BEGIN
  UPDATE chats SET open_key = 0 WHERE open_follower = OLD.follower_id;
END;

-- the open chats' keys, worked out again (a binding deleted with its user
-- goes through a foreign key, which fires no trigger)
UPDATE chats SET open_key = 0 WHERE open_follower IS NOT NULL OR open_key IS NOT NULL;
