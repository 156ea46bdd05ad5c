-- The benchmark's only projection: one row counting the assessments the consumer runner applied.
CREATE TABLE bench_counter (
    id       integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    n        bigint NOT NULL DEFAULT 0,
    last_nip text
);
INSERT INTO bench_counter (n) VALUES (0);
