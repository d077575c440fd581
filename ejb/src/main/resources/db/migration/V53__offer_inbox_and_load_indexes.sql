-- Routing counts each member's load (held conversations and pending offers, in the inbox and overall) at every
-- decision. The offer keeps its conversation's inbox (it never changes while the offer is pending: a move to
-- another inbox withdraws the offer first), so both counts are read from an index alone, with no look-up of the
-- conversations' rows.
ALTER TABLE offer ADD COLUMN inbox_id BIGINT;
UPDATE offer SET inbox_id = (SELECT c.inbox_id FROM conversation c WHERE c.id = offer.conversation_id);
ALTER TABLE offer MODIFY COLUMN inbox_id BIGINT NOT NULL;
CREATE INDEX ix_offer_agent_load ON offer (agent_id, status, inbox_id);
CREATE INDEX ix_conversation_assignee_load ON conversation (assignee_id, status, inbox_id);
