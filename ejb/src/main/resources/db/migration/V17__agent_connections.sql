-- How many console sockets each agent has open on each node (issue 4: an agent who disconnects goes offline
-- after a grace period). Rows of nodes that stopped beating are ignored; a node clears its own rows at start.
CREATE TABLE agent_connection (
    agent_id    BIGINT       NOT NULL,
    node_name   VARCHAR(100) NOT NULL,
    sockets     INT          NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (agent_id, node_name),
    CONSTRAINT fk_agent_connection_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) DEFAULT CHARSET=utf8mb4;
