-- Which nodes hold sockets of a visitor (issue 5: agents see whether the visitor is still there). One row per
-- visitor and node while that node holds at least one of their sockets. Rows of nodes that stopped beating are
-- ignored; a node clears its own at start.
CREATE TABLE visitor_connection (
    visitor_id  BIGINT       NOT NULL,
    node_name   VARCHAR(100) NOT NULL,
    since       DATETIME(6)  NOT NULL,
    PRIMARY KEY (visitor_id, node_name),
    CONSTRAINT fk_visitor_connection_visitor FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) DEFAULT CHARSET=utf8mb4;
