-- Contact search by index instead of LIKE '%…%' over every contact (see ContactSearch): each word a
-- contact is found by (names, nickname, organisation, title, tags, email addresses; every ending of a
-- phone number's digits) as its UTF-8 bytes, so "starts with" is a byte range that an ordinary index
-- serves in any collation. Existing contacts get their words from the Java migration V43.

CREATE TABLE contact_search_word (
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    contact_id  BIGINT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    word        BYTEA  NOT NULL
);

CREATE INDEX contact_search_word_idx ON contact_search_word (account_id, word, contact_id);
-- A contact's words: replaced on every save, removed with it, and checked for a search's other words.
CREATE INDEX contact_search_word_contact_idx ON contact_search_word (contact_id, word);

-- search_text is no longer searched with LIKE; its index only slowed writes down.
DROP INDEX contact_account_search_idx;
