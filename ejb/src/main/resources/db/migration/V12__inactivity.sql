-- Inactivity (issue 4): the visitor's silence deadline, and when the one timer armed for it fires.
ALTER TABLE conversation ADD COLUMN inactivity_deadline DATETIME(6);
ALTER TABLE conversation ADD COLUMN inactivity_timer_at DATETIME(6);
CREATE INDEX ix_conversation_inactivity ON conversation (inactivity_deadline);
