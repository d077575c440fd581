-- The visitor's satisfaction rating of a conversation (CSAT): one per conversation, given after it was closed.
-- agent_id is who held the conversation then (the reports' agent); satisfied is the rating read on its inbox's
-- scale (4 or 5 of five, or "good"), so reports count it without knowing the scales.
CREATE TABLE conversation_rating (
    conversation_id  BIGINT         NOT NULL PRIMARY KEY,
    inbox_id         BIGINT         NOT NULL,
    agent_id         BIGINT,
    scale            VARCHAR(20)    NOT NULL,
    score            INT            NOT NULL,
    satisfied        BOOLEAN        NOT NULL,
    comment_text     VARCHAR(4000),
    rated_at         DATETIME(6)    NOT NULL,
    KEY ix_conversation_rating_inbox (inbox_id, rated_at),
    KEY ix_conversation_rating_agent (agent_id, rated_at)
) DEFAULT CHARSET=utf8mb4;

-- How an inbox asks for the rating: FIVE (1 to 5), GOOD_BAD, or NONE (the widget does not ask).
ALTER TABLE inbox ADD COLUMN rating_scale VARCHAR(20) NOT NULL DEFAULT 'FIVE';

-- Whether a visitor whose chat ended gets its log by e-mail (when the installation sends e-mail and they gave an
-- address); the widget's download is there either way.
ALTER TABLE inbox ADD COLUMN chat_log_by_email BOOLEAN NOT NULL DEFAULT FALSE;
