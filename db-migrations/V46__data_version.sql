-- A counter per account and kind of data, bumped in the transaction of every write that changes
-- that data (platform.DataVersions). What is kept in memory from it (a blog's rendered public pages,
-- a calendar's expanded months) is used while the counter it was made under is still the one here,
-- so several instances agree. A kind's row appears at its first change. The blog's counter of V45
-- moves here as the kind 'blog-public'.
CREATE TABLE data_version (
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind        VARCHAR(40) NOT NULL,
    version     BIGINT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

INSERT INTO data_version (account_id, kind, version)
SELECT account_id, 'blog-public', version FROM blog_public_version;

DROP TABLE blog_public_version;
