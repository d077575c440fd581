-- Whether an inbox sends the conversations of an agent who went offline back to routing (issue 4).
ALTER TABLE inbox ADD COLUMN reroute_when_agent_leaves BOOLEAN NOT NULL DEFAULT FALSE;
