-- The foreign key from an offer to its agent gets an index of its own, whose entry never changes. On MariaDB/MySQL it
-- used ix_offer_agent (agent_id, status), whose entry changes whenever an offer is decided: every decision took a
-- shared lock on the agent's row, and two offers of one agent expiring at once, each holding that lock and then
-- asking for the router's exclusive lock on the same row, deadlocked. InnoDB gives a foreign key the first index that
-- serves it, so the new index comes first and ix_offer_agent (the agents' pending offers) is made again after it.
CREATE INDEX ix_offer_agent_id ON offer (agent_id);
DROP INDEX ix_offer_agent ON offer;
CREATE INDEX ix_offer_agent ON offer (agent_id, status);
