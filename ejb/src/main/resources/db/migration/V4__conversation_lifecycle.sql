-- Conversation lifecycle and rights (issue 3).
ALTER TABLE conversation ADD COLUMN assignee_id BIGINT;
ALTER TABLE conversation ADD COLUMN closed_at DATETIME(6);
ALTER TABLE conversation ADD COLUMN archived_at DATETIME(6);
ALTER TABLE conversation ADD COLUMN first_response_at DATETIME(6);
ALTER TABLE conversation ADD CONSTRAINT fk_conversation_assignee FOREIGN KEY (assignee_id) REFERENCES agent (id);
CREATE INDEX ix_conversation_assignee ON conversation (assignee_id, status);
CREATE INDEX ix_conversation_inbox ON conversation (inbox_id, status);

-- The seq of an earlier message of the same conversation that this one quotes.
ALTER TABLE message ADD COLUMN quote_seq BIGINT;
