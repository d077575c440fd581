-- Who made each close and archiving of the transcript's history (see V47 for the kinds).
ALTER TABLE conversation_milestone ADD COLUMN actor_kind VARCHAR(20) NULL;
ALTER TABLE conversation_milestone ADD COLUMN actor_agent_id BIGINT NULL;
ALTER TABLE conversation_milestone ADD COLUMN actor_name VARCHAR(100) NULL;
