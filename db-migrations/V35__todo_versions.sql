-- Concurrent edits are never silently lost (issue 12). version counts the saves of a task's edit form and of a
-- list's name: a form shown before another save carries an older number, and its save is answered
-- "changed elsewhere" instead of undoing that save. Done, order and list moves are targeted updates and leave it.
ALTER TABLE todo_task ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE todo_list ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
