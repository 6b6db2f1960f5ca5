-- An index for every foreign key that had none. PostgreSQL does not make them (H2 does): without
-- one, a query by the column and every delete of the referenced row (a cascade, a SET NULL) scans
-- the whole referencing table. ForeignKeyIndexesTest checks every foreign key of the schema.

-- Subtasks of a task; deleting a task deletes them.
CREATE INDEX todo_task_parent_idx ON todo_task (parent_id);
-- Deleting an image clears it as an album's cover.
CREATE INDEX album_cover_idx ON album (cover_image_id);
-- Deleting an account removes these rows.
CREATE INDEX album_image_account_idx ON album_image (account_id);
CREATE INDEX contact_address_account_idx ON contact_address (account_id);
CREATE INDEX contact_photo_account_idx ON contact_photo (account_id);
