-- Conversation listing, processing deadline, channel, participants, delivery status (issue 3).

-- Where the conversation started; conversations so far all came through the widget.
ALTER TABLE conversation ADD COLUMN channel VARCHAR(20) NOT NULL DEFAULT 'WIDGET';
-- The earliest visitor message no agent has answered yet, and by when it should be (inbox reply time limit).
ALTER TABLE conversation ADD COLUMN unanswered_since DATETIME(6);
ALTER TABLE conversation ADD COLUMN reply_deadline DATETIME(6);
-- 0: awaiting a reply by a deadline, 1: awaiting one without a limit, 2: nothing to answer. A column of its own so
-- that processing order is an ORDER BY over plain columns, independent of how each database sorts NULLs.
ALTER TABLE conversation ADD COLUMN processing_rank INT NOT NULL DEFAULT 2;
-- The newest public message (the list's preview and its "last message" filter).
ALTER TABLE conversation ADD COLUMN last_message_seq BIGINT;
ALTER TABLE conversation ADD COLUMN last_message_at DATETIME(6);

-- Existing conversations: an open one awaits a reply from its first visitor message after the last agent reply.
UPDATE conversation SET unanswered_since = (
    SELECT MIN(v.created_at) FROM message v
     WHERE v.conversation_id = conversation.id AND v.author_type = 'VISITOR'
       AND v.seq > COALESCE((SELECT MAX(a.seq) FROM message a
                              WHERE a.conversation_id = conversation.id AND a.author_type = 'AGENT'), 0))
 WHERE status IN ('WAITING', 'OFFERED', 'ASSIGNED');
UPDATE conversation SET reply_deadline = (
    SELECT TIMESTAMPADD(SECOND, i.reply_time_limit_seconds, conversation.unanswered_since) FROM inbox i
     WHERE i.id = conversation.inbox_id)
 WHERE unanswered_since IS NOT NULL;
UPDATE conversation SET processing_rank = CASE WHEN reply_deadline IS NOT NULL THEN 0
                                               WHEN unanswered_since IS NOT NULL THEN 1 ELSE 2 END;
UPDATE conversation SET last_message_seq = (
    SELECT MAX(m.seq) FROM message m WHERE m.conversation_id = conversation.id AND m.author_type <> 'NOTE');
UPDATE conversation SET last_message_at = (
    SELECT m.created_at FROM message m WHERE m.conversation_id = conversation.id AND m.seq = conversation.last_message_seq);

-- Sorting (processing order; last activity, newest first) and the "last message" filter.
CREATE INDEX ix_conversation_processing ON conversation (processing_rank, reply_deadline, unanswered_since,
                                                         last_activity_at);
CREATE INDEX ix_conversation_activity ON conversation (last_activity_at);
CREATE INDEX ix_conversation_last_message ON conversation (last_message_at);
CREATE INDEX ix_conversation_channel ON conversation (channel, status);

-- Agents invited into a conversation someone else holds.
CREATE TABLE conversation_participant (
    conversation_id BIGINT      NOT NULL,
    agent_id        BIGINT      NOT NULL,
    invited_by      BIGINT      NOT NULL,
    invited_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (conversation_id, agent_id),
    CONSTRAINT fk_participant_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT fk_participant_agent FOREIGN KEY (agent_id) REFERENCES agent (id),
    CONSTRAINT fk_participant_inviter FOREIGN KEY (invited_by) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_participant_agent ON conversation_participant (agent_id);

-- How far each message got to its recipient; history before this version has no receipts and stays QUEUED.
ALTER TABLE message ADD COLUMN delivery_status VARCHAR(20) NOT NULL DEFAULT 'QUEUED';
ALTER TABLE message ADD COLUMN failure_reason VARCHAR(100);
