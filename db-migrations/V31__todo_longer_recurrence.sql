-- A weekly rule on every day of the week with a long interval ("week:365:MONDAY,…,SUNDAY") is 65
-- characters, and "after done" rules are longer still: room for every rule Recurrence can write.
ALTER TABLE todo_task ALTER COLUMN recurrence SET DATA TYPE VARCHAR(100);
