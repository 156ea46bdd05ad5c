CREATE TABLE sample_totals (nip text PRIMARY KEY, total bigint NOT NULL, events integer NOT NULL);
CREATE TABLE sample_notes (nip text PRIMARY KEY, notes integer NOT NULL);
