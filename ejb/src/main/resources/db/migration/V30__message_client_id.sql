-- Idempotent sends over the sockets (issue 5): the client's own id of a message, unique per conversation, so a
-- resend after a reconnect finds the original instead of storing it twice. NULL (sends without one) never clashes.
ALTER TABLE message ADD COLUMN client_id VARCHAR(64);
CREATE UNIQUE INDEX uk_message_client_id ON message (conversation_id, client_id);
