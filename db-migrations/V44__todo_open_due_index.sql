-- The to-do smart views (today, upcoming, overdue) page through an account's open tasks by due
-- date. The old index (account_id, done_at, due_date) found them, but every page then sorted all
-- of them by the rest of the order (time, priority, position): tens of thousands of rows in a
-- big account, for 50 shown. This index holds the whole order of the views, so a page reads its
-- rows in order and stops. The queries name account_id and done_at in their ORDER BY too: they are
-- fixed by the WHERE, and H2 uses an index for sorting only when the ORDER BY starts as it does.
DROP INDEX todo_task_due_idx;
CREATE INDEX todo_task_open_due_idx ON todo_task (account_id, done_at, due_date, due_time NULLS FIRST, priority DESC,
    position, id);
