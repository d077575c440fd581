-- What visitors see instead of an agent's account name: an inbox's operator name (every agent of the inbox
-- writes under it) and an agent's own public name. NULL: not set.
ALTER TABLE inbox ADD COLUMN operator_name VARCHAR(100) NULL;
ALTER TABLE agent ADD COLUMN public_name VARCHAR(100) NULL;
-- The agent's name as the visitor saw it when the message was written (replays and visitors' transcripts).
ALTER TABLE message ADD COLUMN shown_author_name VARCHAR(100) NULL;
