-- Concurrent edits are never silently lost (issue 12): version counts the saves of a post's editor and
-- of an album's name; a form shown before another save carries an older number and gets "changed elsewhere".
ALTER TABLE blog_post ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE album ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
