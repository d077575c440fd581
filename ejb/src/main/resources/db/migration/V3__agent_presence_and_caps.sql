-- Agents' presence and their cap over all inboxes (issue 3).
ALTER TABLE agent ADD COLUMN presence VARCHAR(10) NOT NULL DEFAULT 'OFFLINE';
ALTER TABLE agent ADD COLUMN presence_changed_at DATETIME(6);
-- At most this many conversations at once over all inboxes; NULL: only the per-inbox capacities apply.
ALTER TABLE agent ADD COLUMN max_conversations INT;
CREATE INDEX ix_membership_agent ON inbox_membership (agent_id);
