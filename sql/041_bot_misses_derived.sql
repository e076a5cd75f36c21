-- 041_bot_misses_derived.sql: how many times in a row the bot has not
-- understood a follower is read from the chat's newest replies (a fallback
-- is marked {"miss": 1} in its fields), so a bot chat's message and the
-- bot's answer touch no chat row: the count the chat kept goes.
ALTER TABLE chats
  DROP COLUMN bot_misses;
