-- What each agent has of a conversation (issue 3): how far they have read, whether they marked it unread,
-- their draft reply. One row per agent and conversation, created when first needed.
CREATE TABLE agent_conversation_state (
    agent_id          BIGINT        NOT NULL,
    conversation_id   BIGINT        NOT NULL,
    read_seq          BIGINT        NOT NULL,
    marked_unread     BOOLEAN       NOT NULL,
    draft             VARCHAR(4000),
    draft_updated_at  DATETIME(6),
    PRIMARY KEY (agent_id, conversation_id),
    CONSTRAINT fk_state_agent FOREIGN KEY (agent_id) REFERENCES agent (id),
    CONSTRAINT fk_state_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) DEFAULT CHARSET=utf8mb4;
