-- Visitor identity, context and tags; visitor blocks; agents' own blocks; option menus (issue 3).

-- Signed identities: the customer's site signs with this per-inbox secret (null until an admin sets one).
ALTER TABLE inbox ADD COLUMN identity_secret VARCHAR(64);

-- Who the visitor says they are (identity_verified: the site signed it) and where they were last seen.
ALTER TABLE visitor ADD COLUMN display_name VARCHAR(100);
ALTER TABLE visitor ADD COLUMN email VARCHAR(254);
ALTER TABLE visitor ADD COLUMN external_id VARCHAR(100);
ALTER TABLE visitor ADD COLUMN identity_inbox_id BIGINT;
ALTER TABLE visitor ADD COLUMN identity_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE visitor ADD COLUMN ip_address VARCHAR(45);
ALTER TABLE visitor ADD COLUMN user_agent VARCHAR(500);
ALTER TABLE visitor ADD COLUMN page_url VARCHAR(2048);
ALTER TABLE visitor ADD COLUMN page_title VARCHAR(300);
ALTER TABLE visitor ADD COLUMN last_seen_at DATETIME(6);
ALTER TABLE visitor ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- One visitor per verified id of a site (the inbox whose secret signed it).
ALTER TABLE visitor ADD CONSTRAINT uk_visitor_identity UNIQUE (identity_inbox_id, external_id);
ALTER TABLE visitor ADD CONSTRAINT fk_visitor_identity_inbox FOREIGN KEY (identity_inbox_id) REFERENCES inbox (id);

CREATE TABLE visitor_tag (
    visitor_id  BIGINT       NOT NULL,
    tag         VARCHAR(100) NOT NULL,
    PRIMARY KEY (visitor_id, tag),
    CONSTRAINT fk_visitor_tag_visitor FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) DEFAULT CHARSET=utf8mb4;

-- A signature is good once: its hash is kept until its timestamp leaves the accepted window.
CREATE TABLE identity_signature (
    signature_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at      DATETIME(6) NOT NULL
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_identity_signature_expiry ON identity_signature (expires_at);

-- A block shuts out one visitor, or every visitor from an address or network (network_cidr, e.g. 203.0.113.0/24).
CREATE TABLE visitor_block (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    visitor_id    BIGINT,
    network_cidr  VARCHAR(50),
    reason        VARCHAR(500)  NOT NULL,
    blocked_by    BIGINT        NOT NULL,
    blocked_at    DATETIME(6)   NOT NULL,
    expires_at    DATETIME(6),
    lifted_by     BIGINT,
    lifted_at     DATETIME(6),
    version       BIGINT        NOT NULL,
    CONSTRAINT fk_block_visitor FOREIGN KEY (visitor_id) REFERENCES visitor (id),
    CONSTRAINT fk_block_blocked_by FOREIGN KEY (blocked_by) REFERENCES agent (id),
    CONSTRAINT fk_block_lifted_by FOREIGN KEY (lifted_by) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_block_visitor ON visitor_block (visitor_id, lifted_at);
CREATE INDEX ix_block_network ON visitor_block (network_cidr, lifted_at);

-- An agent's own list of visitors or agents who may not message them.
CREATE TABLE agent_block (
    id                  BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    agent_id            BIGINT      NOT NULL,
    blocked_visitor_id  BIGINT,
    blocked_agent_id    BIGINT,
    created_at          DATETIME(6) NOT NULL,
    CONSTRAINT uk_agent_block_visitor UNIQUE (agent_id, blocked_visitor_id),
    CONSTRAINT uk_agent_block_agent UNIQUE (agent_id, blocked_agent_id),
    CONSTRAINT fk_agent_block_agent FOREIGN KEY (agent_id) REFERENCES agent (id),
    CONSTRAINT fk_agent_block_visitor FOREIGN KEY (blocked_visitor_id) REFERENCES visitor (id),
    CONSTRAINT fk_agent_block_blocked_agent FOREIGN KEY (blocked_agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;

-- An agent's message may offer the visitor a menu of options (a JSON array of labels); the pick is kept with it.
ALTER TABLE message ADD COLUMN options_json VARCHAR(4000);
ALTER TABLE message ADD COLUMN picked_option INT;
ALTER TABLE message ADD COLUMN picked_at DATETIME(6);
