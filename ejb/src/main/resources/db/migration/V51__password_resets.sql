-- Agents' requests to choose a new password through a link sent by e-mail. Only the SHA-256 of the link's token
-- is kept (hex), never the token: who reads this table cannot use a link. A link works once (used_at), until
-- expires_at; the rows of the last hour also count an account's requests (at most a few an hour).
CREATE TABLE password_reset (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    agent_id     BIGINT       NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    expires_at   DATETIME(6)  NOT NULL,
    used_at      DATETIME(6)  NULL,
    CONSTRAINT uq_password_reset_token UNIQUE (token_hash),
    CONSTRAINT fk_password_reset_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_password_reset_agent ON password_reset (agent_id, created_at);
