-- Each conversation's outbound event counter (V18) moves onto the conversation's own row. Every change that
-- raises an outbound event locks that row anyway, so the count is kept under the same lock and written with the
-- same UPDATE: a counter row of its own cost a locking read and an UPDATE per event.
ALTER TABLE conversation ADD COLUMN outbound_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN opened_by VARCHAR(100);

UPDATE conversation
   SET outbound_seq = COALESCE((SELECT o.last_seq FROM outbound_conversation o WHERE o.conversation_id = conversation.id), 0),
       opened_by = (SELECT o.opened_by FROM outbound_conversation o WHERE o.conversation_id = conversation.id);

DROP TABLE outbound_conversation;
