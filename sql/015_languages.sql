-- 015_languages.sql: wxdesk speaks Simplified Chinese and English.
-- users.language is a staff account's own choice ('en', 'zh-CN'); NULL: the
-- account never chose, and the browser's Accept-Language decides.
-- brands.follower_language is the language of the automatic texts the
-- brand's followers receive (the profanity warning when the brand wrote
-- none of its own).

ALTER TABLE users ADD COLUMN language VARCHAR(8) NULL AFTER role;
ALTER TABLE brands ADD COLUMN follower_language VARCHAR(8) NOT NULL DEFAULT 'zh-CN' AFTER name;
