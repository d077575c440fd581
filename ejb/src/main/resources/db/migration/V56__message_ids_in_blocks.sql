-- Ids the application reserves in blocks (IdBlocks), a row per kind: message ids are known before the INSERT, so a
-- batch of messages goes to the database as one JDBC batch. message.id keeps its AUTO_INCREMENT (H2 and MySQL
-- change a column's identity in different words); the application always names the id, and nothing else writes
-- messages.
CREATE TABLE id_block (
    name     VARCHAR(64)  NOT NULL PRIMARY KEY,
    next_id  BIGINT       NOT NULL
) DEFAULT CHARSET=utf8mb4;
INSERT INTO id_block (name, next_id) SELECT 'message', COALESCE(MAX(id), 0) + 1 FROM message;
