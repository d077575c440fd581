-- When a conversation closed and when it was archived, each time, for the staff's transcripts (the conversation
-- row keeps only the latest). after_seq is the conversation's last seq at that moment: the transcript places the
-- milestone exactly among the messages, whatever the clock's precision.
CREATE TABLE conversation_milestone (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT       NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    after_seq        BIGINT       NOT NULL,
    happened_at      DATETIME(6)  NOT NULL
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_conversation_milestone_conversation ON conversation_milestone (conversation_id, id);
