-- Tokens issued before this moment (epoch milliseconds: DATETIME loses the fraction through MariaDB's driver) are
-- no longer accepted: a password reset, a deactivation or a sign-out revokes every token of the agent on every
-- node (each token check reads the agent's row anyway).
ALTER TABLE agent ADD COLUMN tokens_valid_from_ms BIGINT;
