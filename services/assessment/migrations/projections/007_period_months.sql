-- Monthly periods (2026-M03): the month beside the quarter; NULL on quarterly and annual ones.
ALTER TABLE periods ADD COLUMN month integer CHECK (month BETWEEN 1 AND 12);
