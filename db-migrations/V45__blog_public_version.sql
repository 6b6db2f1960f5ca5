-- A counter per blog, bumped by every write that changes what its readers see (posts, comments,
-- settings). Rendered public pages are kept by each instance and served while the counter they were
-- made under is still the one here (blog.PublicBlogPages); a blog's row appears at its first change.
CREATE TABLE blog_public_version (
    account_id  BIGINT PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    version     BIGINT NOT NULL
);
