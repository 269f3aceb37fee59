-- Hand-written (Prisma's schema language cannot express it): case numbers as text_pattern_ops, so a
-- search that starts like a case number (LAN-2026-042) reads a range of this index with
-- LIKE 'LAN-2026-042%' whatever the database's collation (the default-collation unique index
-- serves LIKE prefixes only under the C collation). Decision 0021.
CREATE INDEX IF NOT EXISTS "Case_number_pattern_idx" ON "Case" ("number" text_pattern_ops);
