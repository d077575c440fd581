-- Attachments (issue 3): files sent with a message. The bytes live in the attachment directory under
-- storage_name (chosen by the server); file_name is the sender's name, cleaned, for display only.
-- Lengths in characters; H2 counts UTF-16 units, so file_name allows twice the 200-character rule.
CREATE TABLE attachment (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    message_id       BIGINT       NOT NULL,
    conversation_id  BIGINT       NOT NULL,
    file_name        VARCHAR(400) NOT NULL,
    media_type       VARCHAR(100) NOT NULL,
    kind             VARCHAR(10)  NOT NULL,
    size_bytes       BIGINT       NOT NULL,
    sha256           CHAR(64)     NOT NULL,
    storage_name     VARCHAR(100) NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    CONSTRAINT uk_attachment_storage_name UNIQUE (storage_name),
    CONSTRAINT fk_attachment_message FOREIGN KEY (message_id) REFERENCES message (id),
    CONSTRAINT fk_attachment_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_attachment_conversation ON attachment (conversation_id, id);
