-- The customer card: customer tags with colours (a catalogue admins keep), the tags each customer (visitor)
-- carries, pinned or not, and conversations unpinned from their customer's card.

CREATE TABLE customer_tag (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(30)  NOT NULL,
    -- The name compared without case: one tag per name.
    name_key    VARCHAR(30)  NOT NULL,
    colour      VARCHAR(7)   NOT NULL,
    created_by  BIGINT       NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uk_customer_tag_name UNIQUE (name_key),
    CONSTRAINT fk_customer_tag_creator FOREIGN KEY (created_by) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE customer_tagging (
    visitor_id  BIGINT       NOT NULL,
    tag_id      BIGINT       NOT NULL,
    pinned      BOOLEAN      NOT NULL DEFAULT FALSE,
    added_by    BIGINT       NOT NULL,
    added_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (visitor_id, tag_id),
    CONSTRAINT fk_customer_tagging_visitor FOREIGN KEY (visitor_id) REFERENCES visitor (id),
    CONSTRAINT fk_customer_tagging_tag FOREIGN KEY (tag_id) REFERENCES customer_tag (id),
    CONSTRAINT fk_customer_tagging_agent FOREIGN KEY (added_by) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_customer_tagging_tag ON customer_tagging (tag_id, pinned);

-- Unpinned from the customer's card: the conversation stays, the customer too, but neither's card shows the other.
ALTER TABLE conversation ADD COLUMN customer_unpinned_at DATETIME(6) NULL;
ALTER TABLE conversation ADD COLUMN customer_unpinned_by BIGINT NULL;
