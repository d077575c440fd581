-- Who closed the conversation and who archived it (with closed_at / archived_at: when). kind is AGENT (in the
-- console), ADMIN (in the admin console), VISITOR, INACTIVITY (the inbox's rule) or SYSTEM (a legacy system over
-- JMS); an agent's id and name as they were then (the name stays readable after a rename). A reopening clears the
-- close; the transcript's milestones keep the history.
ALTER TABLE conversation ADD COLUMN closed_by_kind VARCHAR(20) NULL;
ALTER TABLE conversation ADD COLUMN closed_by_agent_id BIGINT NULL;
ALTER TABLE conversation ADD COLUMN closed_by_name VARCHAR(100) NULL;
ALTER TABLE conversation ADD COLUMN archived_by_kind VARCHAR(20) NULL;
ALTER TABLE conversation ADD COLUMN archived_by_agent_id BIGINT NULL;
ALTER TABLE conversation ADD COLUMN archived_by_name VARCHAR(100) NULL;
