-- Importing one file several times at once made several copies of its events (issue 12): the unique key
-- (account_id, uid, recurrence_key) never held for a series or a single event, whose recurrence_key was NULL,
-- and NULLs are distinct in unique indexes (H2 and PostgreSQL). Such rows now keep '' instead, so the key holds.

-- Copies made before this fix stay (they may differ), each under a UID of its own; their changed instances follow.
UPDATE calendar_event SET uid = 'copy-' || CAST(id AS VARCHAR(20)) || '@modulo'
WHERE parent_id IS NULL AND recurrence_key IS NULL
  AND id NOT IN (SELECT MIN(id) FROM calendar_event WHERE parent_id IS NULL AND recurrence_key IS NULL
                 GROUP BY account_id, uid);
UPDATE calendar_event SET uid = (SELECT p.uid FROM calendar_event p WHERE p.id = calendar_event.parent_id)
WHERE parent_id IS NOT NULL AND uid <> (SELECT p.uid FROM calendar_event p WHERE p.id = calendar_event.parent_id);

UPDATE calendar_event SET recurrence_key = '' WHERE recurrence_key IS NULL;
ALTER TABLE calendar_event ALTER COLUMN recurrence_key SET DEFAULT '';
ALTER TABLE calendar_event ALTER COLUMN recurrence_key SET NOT NULL;

-- Counts the saves of each row: the editor's save carries the number it was shown and fails with
-- "changed elsewhere" when another save came in between.
ALTER TABLE calendar_event ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
