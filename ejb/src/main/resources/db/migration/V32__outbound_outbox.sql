-- The outbound events of the JMS contract leave through an outbox (docs/JMS-CONTRACT.md): written in the
-- transaction of the change they report, relayed to the broker once it has committed, and deleted once sent.
-- A row older than a few seconds is one the relay did not get to (a crash, the broker away): it is sent again.
CREATE TABLE outbound_event (
    conversation_id  BIGINT       NOT NULL,
    seq              BIGINT       NOT NULL,
    type             VARCHAR(40)  NOT NULL,
    inbox_id         BIGINT       NOT NULL,
    external_id      VARCHAR(100),
    body             MEDIUMTEXT   NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    KEY ix_outbound_event_created (created_at)
) DEFAULT CHARSET=utf8mb4;
