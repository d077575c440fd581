-- Canned responses (issue 3): an agent's own (owner_id set) or the organisation's (owner_id NULL).
CREATE TABLE canned_response (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    owner_id    BIGINT,
    -- owner_id, or 0 for organisation-wide ones: unique keys treat NULLs as distinct, this column does not.
    owner_key   BIGINT        NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    shortcut    VARCHAR(50)   NOT NULL,
    body        VARCHAR(4000) NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT uk_canned_shortcut UNIQUE (owner_key, shortcut),
    CONSTRAINT fk_canned_owner FOREIGN KEY (owner_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
