-- A mail whose content stops being of use at a time (a password-reset link, which works for 30 minutes): not sent
-- after it, and its body, the link included, blanked then. Null for every other mail. A sent mail's body is blanked
-- as it goes, whatever it holds: nobody reads it again (the admins see to whom, about what and what became of it).
ALTER TABLE outgoing_mail ADD COLUMN expires_at DATETIME(6);
