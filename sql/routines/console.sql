-- sql/routines/console.sql: the triggers that keep what the console's poll
-- counts (042_console_counts.sql): open chats by department, state and
-- operator (chat_counts) as chats open, change hands and close, and what
-- each chat's operator has seen of it (chats.unread), in the same
-- transaction as the change. Applied after the migrations each time (see
-- reports.sql); both are then taken again from the chats themselves, so a
-- migrate also mends any drift (a department or operator deleted sets the
-- chats' column to NULL through its foreign key, which fires no trigger;
-- the totals stay right, and the recount puts those chats under their new
-- key).

CREATE OR REPLACE PROCEDURE chat_count_add(p_department BIGINT UNSIGNED, p_state VARCHAR(12),
  p_operator BIGINT UNSIGNED, p_chat BIGINT UNSIGNED, p_n INT)
MODIFIES SQL DATA
BEGIN
  INSERT INTO chat_counts (department_id, state, operator_id, slot, n)
  VALUES (IFNULL(p_department, 0), p_state, IFNULL(p_operator, 0), p_chat MOD 8, p_n)
  ON DUPLICATE KEY UPDATE n = n + p_n;
END;

CREATE OR REPLACE TRIGGER console_chats_ai AFTER INSERT ON chats FOR EACH ROW
BEGIN
  IF NEW.state <> 'closed' THEN
    CALL chat_count_add(NEW.department_id, NEW.state, NEW.operator_id, NEW.id, 1);
  END IF;
END;

-- the worker's fold changes every chat with new messages: only a change of
-- state, department or operator moves a count
CREATE OR REPLACE TRIGGER console_chats_au AFTER UPDATE ON chats FOR EACH ROW
BEGIN
  IF NOT (NEW.state <=> OLD.state AND NEW.department_id <=> OLD.department_id
      AND NEW.operator_id <=> OLD.operator_id) THEN
    IF OLD.state <> 'closed' THEN
      CALL chat_count_add(OLD.department_id, OLD.state, OLD.operator_id, OLD.id, -1);
    END IF;
    IF NEW.state <> 'closed' THEN
      CALL chat_count_add(NEW.department_id, NEW.state, NEW.operator_id, NEW.id, 1);
    END IF;
  END IF;
END;

CREATE OR REPLACE TRIGGER console_chats_ad AFTER DELETE ON chats FOR EACH ROW
BEGIN
  IF OLD.state <> 'closed' THEN
    CALL chat_count_add(OLD.department_id, OLD.state, OLD.operator_id, OLD.id, -1);
  END IF;
END;

-- what the chat's operator has seen of it (chats.operator_seen_id, which
-- makes chats.unread): taken from chat_reads when the chat changes hands,
-- and copied there when its operator reads it
CREATE OR REPLACE TRIGGER console_chats_bi BEFORE INSERT ON chats FOR EACH ROW
BEGIN
  SET NEW.operator_seen_id = IFNULL((SELECT seen_id FROM chat_reads
    WHERE user_id = NEW.operator_id AND chat_id = NEW.id), 0);
END;

CREATE OR REPLACE TRIGGER console_chats_bu BEFORE UPDATE ON chats FOR EACH ROW
BEGIN
  IF NOT (NEW.operator_id <=> OLD.operator_id) THEN
    SET NEW.operator_seen_id = IFNULL((SELECT seen_id FROM chat_reads
      WHERE user_id = NEW.operator_id AND chat_id = NEW.id), 0);
  END IF;
END;

CREATE OR REPLACE TRIGGER console_reads_ai AFTER INSERT ON chat_reads FOR EACH ROW
BEGIN
  UPDATE chats SET operator_seen_id = NEW.seen_id
  WHERE id = NEW.chat_id AND operator_id = NEW.user_id AND operator_seen_id <> NEW.seen_id;
END;

CREATE OR REPLACE TRIGGER console_reads_au AFTER UPDATE ON chat_reads FOR EACH ROW
BEGIN
  UPDATE chats SET operator_seen_id = NEW.seen_id
  WHERE id = NEW.chat_id AND operator_id = NEW.user_id AND operator_seen_id <> NEW.seen_id;
END;

-- the counts, and what operators have seen, taken again from the chats
DELETE FROM chat_counts;
INSERT INTO chat_counts (department_id, state, operator_id, slot, n)
SELECT IFNULL(department_id, 0), state, IFNULL(operator_id, 0), id MOD 8, COUNT(*)
FROM chats WHERE state <> 'closed' GROUP BY 1, 2, 3, 4;
UPDATE chats c LEFT JOIN chat_reads r ON r.user_id = c.operator_id AND r.chat_id = c.id
SET c.operator_seen_id = IFNULL(r.seen_id, 0)
WHERE c.state <> 'closed' AND c.operator_seen_id <> IFNULL(r.seen_id, 0);
