-- Repeat rules from other apps can be long and still valid (BYYEARDAY listing every day of the year
-- is about 1,400 characters). Imports accept rules of up to 8,000 characters; the rest of the room
-- is for the UNTIL or COUNT that changing "this and following" adds.
ALTER TABLE calendar_event ALTER COLUMN rrule SET DATA TYPE VARCHAR(10000);
