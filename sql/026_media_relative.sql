-- 026_media_relative.sql: files are recorded relative to Media.Dir
-- ("<2 hex>/<sha256>.<ext>"), so a backup restores into any directory. The
-- rows before held absolute paths: they keep their last two parts.
UPDATE attachments SET path = SUBSTRING_INDEX(path, '/', -2) WHERE path LIKE '/%';
