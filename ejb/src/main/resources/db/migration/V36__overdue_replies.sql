-- Overdue replies (issue 20, item 9): whether the consoles were told that the reply deadline passed, once per
-- deadline. Conversations already past theirs count as told: an upgrade does not raise a burst of old alerts.
ALTER TABLE conversation ADD COLUMN overdue_announced BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE conversation SET overdue_announced = TRUE WHERE reply_deadline IS NOT NULL;
CREATE INDEX ix_conversation_reply_deadline ON conversation (reply_deadline);
