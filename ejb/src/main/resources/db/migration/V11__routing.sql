-- The router (issue 4): offers with deadlines, exclusions after a rejection or expiry, the decision log.

-- When the agent last got a conversation: AUTO routing prefers whoever waited longest among equally loaded agents.
ALTER TABLE agent ADD COLUMN last_assigned_at DATETIME(6);

-- When the conversation last started waiting for an agent: the queue's order.
ALTER TABLE conversation ADD COLUMN queued_at DATETIME(6);
UPDATE conversation SET queued_at = created_at;
CREATE INDEX ix_conversation_queue ON conversation (inbox_id, status, queued_at);

CREATE TABLE offer (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT      NOT NULL,
    agent_id         BIGINT      NOT NULL,
    status           VARCHAR(20) NOT NULL,
    created_at       DATETIME(6) NOT NULL,
    deadline         DATETIME(6) NOT NULL,
    decided_at       DATETIME(6),
    version          BIGINT      NOT NULL,
    CONSTRAINT fk_offer_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT fk_offer_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_offer_due ON offer (status, deadline);
CREATE INDEX ix_offer_conversation ON offer (conversation_id, status);
CREATE INDEX ix_offer_agent ON offer (agent_id, status);

CREATE TABLE routing_exclusion (
    conversation_id  BIGINT      NOT NULL,
    agent_id         BIGINT      NOT NULL,
    reason           VARCHAR(20) NOT NULL,
    expires_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (conversation_id, agent_id)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE routing_decision (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT        NOT NULL,
    decided_at       DATETIME(6)   NOT NULL,
    outcome          VARCHAR(20)   NOT NULL,
    agent_id         BIGINT,
    explanation      VARCHAR(4000) NOT NULL
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_routing_decision_conversation ON routing_decision (conversation_id, id);
-- The queue's pace: recent assignments per inbox.
CREATE INDEX ix_routing_decision_pace ON routing_decision (outcome, decided_at);
