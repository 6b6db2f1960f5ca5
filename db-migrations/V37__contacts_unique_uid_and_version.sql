-- Importing one file several times at once made several copies of its contacts (issue 12): the UID match
-- did not hold under concurrency. A contact's UID is now unique in its account.

-- Copies made before this fix stay (Find duplicates offers them for merging), each under a UID of its own.
UPDATE contact SET uid = 'urn:modulo:copy:' || CAST(id AS VARCHAR(20))
WHERE id NOT IN (SELECT MIN(id) FROM contact GROUP BY account_id, uid);

DROP INDEX contact_account_uid_idx;
CREATE UNIQUE INDEX contact_account_uid_uk ON contact (account_id, uid);

-- Counts the saves of each contact: the edit form's save carries the number it was shown and fails
-- with "changed elsewhere" when another save (or a favourite star) came in between.
ALTER TABLE contact ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
