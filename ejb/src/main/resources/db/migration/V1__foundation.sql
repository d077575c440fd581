-- Portable between MySQL/MariaDB and H2 in MODE=MySQL: the embedded default and production share one script.

CREATE TABLE installation_setting (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting     VARCHAR(1000) NOT NULL
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE agent (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    roles         VARCHAR(100) NOT NULL,
    active        BOOLEAN      NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT uk_agent_email UNIQUE (email)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE inbox (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    widget_key  VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT uk_inbox_name UNIQUE (name),
    CONSTRAINT uk_inbox_widget_key UNIQUE (widget_key)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE inbox_membership (
    id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    inbox_id  BIGINT NOT NULL,
    agent_id  BIGINT NOT NULL,
    capacity  INT    NOT NULL,
    version   BIGINT NOT NULL,
    CONSTRAINT uk_membership UNIQUE (inbox_id, agent_id),
    CONSTRAINT fk_membership_inbox FOREIGN KEY (inbox_id) REFERENCES inbox (id),
    CONSTRAINT fk_membership_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE visitor (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token       VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT uk_visitor_token UNIQUE (token)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE conversation (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    inbox_id         BIGINT      NOT NULL,
    visitor_id       BIGINT      NOT NULL,
    status           VARCHAR(20) NOT NULL,
    last_seq         BIGINT      NOT NULL,
    created_at       DATETIME(6) NOT NULL,
    last_activity_at DATETIME(6) NOT NULL,
    version          BIGINT      NOT NULL,
    CONSTRAINT fk_conversation_inbox FOREIGN KEY (inbox_id) REFERENCES inbox (id),
    CONSTRAINT fk_conversation_visitor FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_conversation_visitor ON conversation (visitor_id, inbox_id, status);

CREATE TABLE message (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT        NOT NULL,
    seq              BIGINT        NOT NULL,
    author_type      VARCHAR(20)   NOT NULL,
    author_agent_id  BIGINT,
    body             VARCHAR(4000) NOT NULL, -- 2000 characters may take 4000 UTF-16 units (H2 counts those)
    created_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uk_message_seq UNIQUE (conversation_id, seq),
    CONSTRAINT fk_message_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT fk_message_agent FOREIGN KEY (author_agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;

-- One row per running node, kept fresh by its heartbeat timer: the cluster's own view of who is alive.
CREATE TABLE cluster_node (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    started_at  DATETIME(6)  NOT NULL,
    last_seen   DATETIME(6)  NOT NULL
) DEFAULT CHARSET=utf8mb4;
