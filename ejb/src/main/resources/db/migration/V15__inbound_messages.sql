-- JMS inbound queue (issue 7): legacy systems' visitors, and the inbound messages already handled.

-- A legacy system's own id of a visitor. Separate from external_id, which is per signing inbox (signed
-- identities); a legacy system's ids are one namespace across all its inboxes.
ALTER TABLE visitor ADD COLUMN source_external_id VARCHAR(100);
ALTER TABLE visitor ADD CONSTRAINT uk_visitor_source_external UNIQUE (source_external_id);

-- One row per inbound message handled, inserted in the same transaction as its effect: the same externalId
-- twice (a redelivery, a sender's retry) does its effect once.
CREATE TABLE inbound_message (
    external_id      VARCHAR(100) NOT NULL PRIMARY KEY,
    message_type     VARCHAR(40)  NOT NULL,
    conversation_id  BIGINT,
    processed_at     DATETIME(6)  NOT NULL
) DEFAULT CHARSET=utf8mb4;
