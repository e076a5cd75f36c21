-- sql/routines/hooks.sql: the events outgoing webhooks tell (057,
-- src/hooks.h). Each trigger stores its event with the change it tells of,
-- in the change's transaction: a change rolled back tells nothing, one
-- committed cannot lose its event. An event is stored only while an
-- enabled subscription of its brand (or of every brand) wants its kind, with
-- one delivery per such subscription; the worker sends them
-- (src/job-hooks.c). The data is made from the row as the change left it.

-- (a routine's numeric variable goes into JSON_OBJECT as "+ 0": MariaDB
-- would quote it as a string)

-- an event of kind for channel's brand, about chat (NULL: none), at at
CREATE OR REPLACE PROCEDURE hook_add(p_kind VARCHAR(32), p_channel BIGINT UNSIGNED,
  p_chat BIGINT UNSIGNED, p_at DATETIME, p_data TEXT)
MODIFIES SQL DATA
BEGIN
  DECLARE v_brand BIGINT UNSIGNED;
  DECLARE v_event BIGINT UNSIGNED;
  SET v_brand = (SELECT brand_id FROM channels WHERE id = p_channel);
  IF EXISTS (SELECT 1 FROM hook_subscriptions s WHERE s.enabled = 1
      AND (s.brand_id IS NULL OR s.brand_id = v_brand) AND FIND_IN_SET(p_kind, s.events)) THEN
    INSERT INTO hook_events (kind, brand_id, chat_id, at, data)
    VALUES (p_kind, v_brand, IFNULL(p_chat, 0), IFNULL(p_at, NOW()),
      JSON_MERGE_PATCH(p_data, JSON_OBJECT('brand_id', v_brand + 0, 'channel_id', p_channel + 0)));
    SET v_event = LAST_INSERT_ID();
    INSERT INTO hook_deliveries (event_id, subscription_id, chat_id, next_at, created_at)
    SELECT v_event, s.id, IFNULL(p_chat, 0), '1970-01-01 00:00:01', NOW()
    FROM hook_subscriptions s WHERE s.enabled = 1
      AND (s.brand_id IS NULL OR s.brand_id = v_brand) AND FIND_IN_SET(p_kind, s.events);
  END IF;
END;

-- a chat as an event tells it
CREATE OR REPLACE FUNCTION hook_chat(p_id BIGINT UNSIGNED, p_follower BIGINT UNSIGNED,
  p_department BIGINT UNSIGNED, p_operator BIGINT UNSIGNED, p_state VARCHAR(12),
  p_reason VARCHAR(20), p_started DATETIME, p_closed DATETIME, p_rating INT)
RETURNS TEXT READS SQL DATA
RETURN JSON_OBJECT('chat', JSON_OBJECT('id', p_id + 0, 'follower_id', p_follower + 0,
  'openid', (SELECT openid FROM followers WHERE id = p_follower),
  'department_id', p_department + 0, 'operator_id', p_operator + 0, 'state', p_state,
  'close_reason', p_reason, 'started_at', UNIX_TIMESTAMP(p_started),
  'closed_at', UNIX_TIMESTAMP(p_closed), 'rating', p_rating + 0));

-- a message as an event tells it (its text for a text; other kinds by type)
CREATE OR REPLACE FUNCTION hook_message(p_id BIGINT UNSIGNED, p_chat BIGINT UNSIGNED,
  p_follower BIGINT UNSIGNED, p_direction VARCHAR(8), p_type VARCHAR(32), p_body MEDIUMTEXT,
  p_author BIGINT UNSIGNED, p_state VARCHAR(12), p_errcode INT, p_at DATETIME)
RETURNS TEXT READS SQL DATA
RETURN JSON_OBJECT('message', JSON_OBJECT('id', p_id + 0, 'chat_id', p_chat + 0,
  'follower_id', p_follower + 0, 'openid', (SELECT openid FROM followers WHERE id = p_follower),
  'direction', p_direction, 'type', p_type,
  'text', IF(p_type IN ('text', 'template', 'notice'), p_body, NULL),
  'author_id', p_author + 0, 'delivery_state', p_state, 'errcode', p_errcode + 0,
  'created_at', UNIX_TIMESTAMP(p_at)));

-- No trigger on followers: its upsert reads the row's id back through
-- LAST_INSERT_ID(id), which a trigger on the table keeps from the client.
DROP TRIGGER IF EXISTS hook_followers_ai;
DROP TRIGGER IF EXISTS hook_followers_au;

-- a follower's message (not an event: a click, a scan); a follow and an
-- unfollow, told by their events (stored once each, as WeChat pushed them)
CREATE OR REPLACE TRIGGER hook_messages_ai AFTER INSERT ON messages FOR EACH ROW
BEGIN
  IF NEW.direction = 'in' AND NEW.msg_type <> 'event' THEN
    CALL hook_add('message.received', NEW.channel_id, NEW.chat_id, NEW.created_at,
      hook_message(NEW.id, NEW.chat_id, NEW.follower_id, NEW.direction, NEW.msg_type, NEW.body,
      NEW.author_id, NEW.delivery_state, NEW.wx_errcode, NEW.created_at));
  ELSEIF NEW.direction = 'in' AND NEW.event IN ('subscribe', 'unsubscribe') THEN
    CALL hook_add(IF(NEW.event = 'subscribe', 'follower.followed', 'follower.unfollowed'),
      NEW.channel_id, NULL, NEW.created_at, JSON_OBJECT('follower', JSON_OBJECT('id',
      NEW.follower_id, 'openid', (SELECT openid FROM followers WHERE id = NEW.follower_id),
      'scene', IF(NEW.event = 'subscribe', NULLIF(NEW.event_key, ''), NULL))));
  END IF;
END;

-- a message to the follower WeChat took, or refused
CREATE OR REPLACE TRIGGER hook_messages_au AFTER UPDATE ON messages FOR EACH ROW
BEGIN
  IF NEW.direction = 'out' AND NOT (NEW.delivery_state <=> OLD.delivery_state)
      AND NEW.delivery_state IN ('delivered', 'failed') THEN
    CALL hook_add(IF(NEW.delivery_state = 'delivered', 'message.sent', 'message.refused'),
      NEW.channel_id, NEW.chat_id, NULL,
      hook_message(NEW.id, NEW.chat_id, NEW.follower_id, NEW.direction, NEW.msg_type, NEW.body,
      NEW.author_id, NEW.delivery_state, NEW.wx_errcode, NEW.created_at));
  END IF;
END;

CREATE OR REPLACE TRIGGER hook_chats_ai AFTER INSERT ON chats FOR EACH ROW
BEGIN
  CALL hook_add('chat.opened', NEW.channel_id, NEW.id, NEW.started_at,
    hook_chat(NEW.id, NEW.follower_id, NEW.department_id, NEW.operator_id, NEW.state,
    NEW.close_reason, NEW.started_at, NEW.closed_at, NEW.csat_rating));
END;

-- picked up or given to someone (assigned), moved on (transferred), closed,
-- reopened (opened again), rated
CREATE OR REPLACE TRIGGER hook_chats_au AFTER UPDATE ON chats FOR EACH ROW
BEGIN
  DECLARE v_data TEXT;
  IF NOT (NEW.state <=> OLD.state AND NEW.operator_id <=> OLD.operator_id
      AND NEW.department_id <=> OLD.department_id AND NEW.csat_rating <=> OLD.csat_rating) THEN
    SET v_data = hook_chat(NEW.id, NEW.follower_id, NEW.department_id, NEW.operator_id,
      NEW.state, NEW.close_reason, NEW.started_at, NEW.closed_at, NEW.csat_rating);
    IF NEW.state = 'closed' AND OLD.state <> 'closed' THEN
      CALL hook_add('chat.closed', NEW.channel_id, NEW.id, NEW.closed_at, v_data);
    ELSEIF NEW.state <> 'closed' AND OLD.state = 'closed' THEN
      CALL hook_add('chat.opened', NEW.channel_id, NEW.id, NULL,
        JSON_MERGE_PATCH(v_data, '{"reopened": true}'));
    ELSEIF NEW.state <> 'closed' AND NOT (NEW.department_id <=> OLD.department_id) THEN
      CALL hook_add('chat.transferred', NEW.channel_id, NEW.id, NULL,
        JSON_MERGE_PATCH(v_data, JSON_OBJECT('from_department_id', OLD.department_id,
        'from_operator_id', OLD.operator_id)));
    ELSEIF NEW.state <> 'closed' AND NEW.operator_id IS NOT NULL
        AND NOT (NEW.operator_id <=> OLD.operator_id) THEN
      CALL hook_add(IF(OLD.operator_id IS NULL, 'chat.assigned', 'chat.transferred'),
        NEW.channel_id, NEW.id, NULL,
        JSON_MERGE_PATCH(v_data, JSON_OBJECT('from_operator_id', OLD.operator_id)));
    END IF;
    IF NEW.csat_rating IS NOT NULL AND OLD.csat_rating IS NULL THEN
      CALL hook_add('chat.rated', NEW.channel_id, NEW.id, NULL, v_data);
    END IF;
  END IF;
END;

-- a tag given or taken (here, or read back from WeChat)
CREATE OR REPLACE PROCEDURE hook_tag(p_follower BIGINT UNSIGNED, p_tag BIGINT UNSIGNED,
  p_added INT)
MODIFIES SQL DATA
BEGIN
  DECLARE v_channel BIGINT UNSIGNED;
  SET v_channel = (SELECT channel_id FROM wx_tags WHERE id = p_tag);
  IF v_channel IS NOT NULL THEN
    CALL hook_add('follower.tagged', v_channel, NULL, NULL,
      JSON_OBJECT('follower', JSON_OBJECT('id', p_follower + 0,
      'openid', (SELECT openid FROM followers WHERE id = p_follower)),
      'tag', JSON_OBJECT('id', p_tag + 0, 'name', (SELECT name FROM wx_tags WHERE id = p_tag)),
      'added', IF(p_added, JSON_EXTRACT('true', '$'), JSON_EXTRACT('false', '$'))));
  END IF;
END;

CREATE OR REPLACE TRIGGER hook_follower_tags_ai AFTER INSERT ON follower_tags FOR EACH ROW
BEGIN
  CALL hook_tag(NEW.follower_id, NEW.tag_id, 1);
END;

CREATE OR REPLACE TRIGGER hook_follower_tags_ad AFTER DELETE ON follower_tags FOR EACH ROW
BEGIN
  CALL hook_tag(OLD.follower_id, OLD.tag_id, 0);
END;

-- the account's link to WeChat: its access token failing, or working again
CREATE OR REPLACE TRIGGER hook_tokens_au AFTER UPDATE ON access_tokens FOR EACH ROW
BEGIN
  IF (IFNULL(NEW.last_errcode, 0) = 0) <> (IFNULL(OLD.last_errcode, 0) = 0) THEN
    CALL hook_add('channel.health', NEW.channel_id, NULL, NULL,
      JSON_OBJECT('health', JSON_OBJECT('ok', IF(IFNULL(NEW.last_errcode, 0) = 0,
      JSON_EXTRACT('true', '$'),
      JSON_EXTRACT('false', '$')), 'errcode', NEW.last_errcode, 'error', NEW.last_error)));
  END IF;
END;
