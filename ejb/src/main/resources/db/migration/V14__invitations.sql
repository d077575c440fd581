-- Invitations into a conversation (issue 4): the invitee accepts, declines, or lets it expire.
CREATE TABLE invitation (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    conversation_id  BIGINT      NOT NULL,
    invitee_id       BIGINT      NOT NULL,
    inviter_id       BIGINT      NOT NULL,
    inviter_leaves   BOOLEAN     NOT NULL,
    status           VARCHAR(20) NOT NULL,
    created_at       DATETIME(6) NOT NULL,
    deadline         DATETIME(6) NOT NULL,
    decided_at       DATETIME(6),
    version          BIGINT      NOT NULL,
    CONSTRAINT fk_invitation_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT fk_invitation_invitee FOREIGN KEY (invitee_id) REFERENCES agent (id),
    CONSTRAINT fk_invitation_inviter FOREIGN KEY (inviter_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_invitation_due ON invitation (status, deadline);
CREATE INDEX ix_invitation_conversation ON invitation (conversation_id, status);
