-- Failed sign-ins, counted per account and per address in the database, so that every node and both ways in (the
-- API and the console's form) see the same counts and the same locks.
CREATE TABLE sign_in_failures (
    subject            VARCHAR(300) NOT NULL PRIMARY KEY,
    failures           INT          NOT NULL,
    window_started_at  DATETIME(6)  NOT NULL,
    locked_until       DATETIME(6)
) DEFAULT CHARSET=utf8mb4;
