-- Transfers (issue 4): a conversation can move to another inbox; the visitor keeps finding it through the
-- widget of the inbox they started in.
ALTER TABLE conversation ADD COLUMN entry_inbox_id BIGINT;
UPDATE conversation SET entry_inbox_id = inbox_id;
ALTER TABLE conversation MODIFY entry_inbox_id BIGINT NOT NULL;
ALTER TABLE conversation ADD CONSTRAINT fk_conversation_entry_inbox FOREIGN KEY (entry_inbox_id) REFERENCES inbox (id);
CREATE INDEX ix_conversation_entry ON conversation (visitor_id, entry_inbox_id);
