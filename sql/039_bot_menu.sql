-- 039_bot_menu.sql: a chatbot's numbered menu, built as a menu (its words,
-- its intro and up to nine items, each with its answer or hand-off) and kept
-- as the rules that answer it: menu_item 0 is the rule that shows the menu,
-- 1-9 the item rules ("2", or the item's words); -1 a rule of its own. The
-- menu's rules come first (position 0).
ALTER TABLE bot_rules
  ADD COLUMN menu_item TINYINT NOT NULL DEFAULT -1;
