-- The spam filter (module spam, used by blog by email): what each account taught it, on top of the
-- built-in training set that ships as resources. Counts are of messages a word appeared in.

CREATE TABLE spam_token (
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token       VARCHAR(64) NOT NULL,
    spam_count  INTEGER     NOT NULL,
    ham_count   INTEGER     NOT NULL,
    PRIMARY KEY (account_id, token)
);

CREATE TABLE spam_totals (
    account_id     BIGINT  NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    spam_messages  INTEGER NOT NULL,
    ham_messages   INTEGER NOT NULL
);
