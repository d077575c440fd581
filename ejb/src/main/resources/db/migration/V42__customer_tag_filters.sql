-- Customer tags in the console's list filters and on an admin page of their own: a tag's name and colour are
-- edited with the version read (two admins editing one tag do not overwrite each other unseen).
ALTER TABLE customer_tag ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Conversations left on the widget's offline form (started while nobody in their inbox was online): the customer
-- card names the offline form as where the customer came from. Those answered by e-mail are such conversations.
CREATE TABLE offline_form_conversation (
    conversation_id  BIGINT       NOT NULL PRIMARY KEY,
    CONSTRAINT fk_offline_form_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) DEFAULT CHARSET=utf8mb4;
INSERT INTO offline_form_conversation (conversation_id) SELECT id FROM conversation WHERE answer_by_email = TRUE;
