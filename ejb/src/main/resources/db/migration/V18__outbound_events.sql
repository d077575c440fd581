-- JMS outbound events (issue 7): each conversation's own event counter, so that a subscriber can order a
-- conversation's events and see one is missing, and the inbound message that opened it (for correlation).
CREATE TABLE outbound_conversation (
    conversation_id  BIGINT       NOT NULL PRIMARY KEY,
    last_seq         BIGINT       NOT NULL,
    opened_by        VARCHAR(100),
    CONSTRAINT fk_outbound_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id) ON DELETE CASCADE
) DEFAULT CHARSET=utf8mb4;

-- Conversations that exist already count from 0; a new one gets its row with its first event.
INSERT INTO outbound_conversation (conversation_id, last_seq) SELECT id, 0 FROM conversation;
