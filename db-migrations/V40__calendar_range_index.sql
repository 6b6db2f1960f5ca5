-- Month views of a large calendar read two short index ranges instead of every row that started
-- before the view's end (see CalendarEvents.findTouching):
--  * a row whose window is at most 40 days long (almost every event) is found by its start, which
--    then lies between 40 days before the view and its end;
--  * the few longer ones (long_span: series, long trips) are found by their end, which lies after
--    the view's start. A series without end now has a far-future window_end instead of NULL.

ALTER TABLE calendar_event ADD COLUMN long_span BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE calendar_event SET window_end = TIMESTAMP WITH TIME ZONE '9999-12-31 00:00:00+00'
WHERE window_end IS NULL;

UPDATE calendar_event SET long_span = TRUE
WHERE window_end > window_start + INTERVAL '40' DAY;

ALTER TABLE calendar_event ALTER COLUMN window_end SET NOT NULL;

DROP INDEX calendar_event_window_idx;
CREATE INDEX calendar_event_start_idx ON calendar_event (account_id, long_span, window_start);
CREATE INDEX calendar_event_end_idx ON calendar_event (account_id, long_span, window_end);
-- Exports read the calendar a batch at a time in id order; the feed's version is the count and the
-- latest change of the account's events (both read from this index alone on PostgreSQL).
CREATE INDEX calendar_event_account_id_idx ON calendar_event (account_id, id);
CREATE INDEX calendar_event_updated_idx ON calendar_event (account_id, updated_at);
