-- Repeating tasks: when one is completed, the next is created. The rule's text form is Recurrence's.
ALTER TABLE todo_task ADD COLUMN recurrence VARCHAR(64);
