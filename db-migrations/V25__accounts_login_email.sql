-- Sign-up no longer tells whether an address has an account (issue 12, item 14): anyone may open an
-- account giving any address, and the address only becomes the account's own, usable to log in and
-- to reset the password, once its mailbox confirms it. So email (where mail goes) is no longer
-- unique; login_email (the confirmed address) is. Accounts opened before keep their address.

ALTER TABLE account DROP CONSTRAINT account_email_uk;
ALTER TABLE account ADD COLUMN login_email VARCHAR(254);
UPDATE account SET login_email = email;
ALTER TABLE account ADD CONSTRAINT account_login_email_uk UNIQUE (login_email);
CREATE INDEX account_email_idx ON account (email);
