-- Conversation tags and the audit of deleted conversations (issue 3).
CREATE TABLE conversation_tag (
    conversation_id BIGINT      NOT NULL,
    tag             VARCHAR(100) NOT NULL,
    PRIMARY KEY (conversation_id, tag),
    CONSTRAINT fk_tag_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_tag ON conversation_tag (tag);

-- A deleted conversation is gone for everyone; this row is what the audit keeps of it.
CREATE TABLE conversation_deletion (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT      NOT NULL,
    inbox_id         BIGINT      NOT NULL,
    messages         BIGINT      NOT NULL,
    deleted_by       BIGINT      NOT NULL,
    deleted_at       DATETIME(6) NOT NULL,
    CONSTRAINT fk_deletion_agent FOREIGN KEY (deleted_by) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
