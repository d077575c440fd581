-- E-mail leaves through an outbox (docs/ARCHITECTURE.md, "E-mail"): a row written in the transaction of the change
-- that calls for the mail, sent once that has committed, retried with back-off; one that cannot be sent stays, with
-- its reason, for the admins to see.
CREATE TABLE outgoing_mail (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    recipient        VARCHAR(320)  NOT NULL,
    subject          VARCHAR(300)  NOT NULL,
    body             MEDIUMTEXT    NOT NULL,
    conversation_id  BIGINT,
    status           VARCHAR(20)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6),
    last_error       VARCHAR(1000),
    created_at       DATETIME(6)   NOT NULL,
    sent_at          DATETIME(6),
    KEY ix_outgoing_mail_due (status, next_attempt_at)
) DEFAULT CHARSET=utf8mb4;

-- A conversation started while its inbox was offline (the widget's contact form) is answered by e-mail too, when
-- the installation sends e-mail and the visitor gave an address.
ALTER TABLE conversation ADD COLUMN answer_by_email BOOLEAN NOT NULL DEFAULT FALSE;
