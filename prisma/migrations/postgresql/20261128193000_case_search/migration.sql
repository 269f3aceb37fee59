-- Hand-written (Prisma's schema language cannot express it): trigram indexes so that
-- case-insensitive substring search (ILIKE '%q%') over number, title and summary uses an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "Case_number_trgm_idx" ON "Case" USING GIN ("number" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "Case_title_trgm_idx" ON "Case" USING GIN ("title" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "Case_summary_trgm_idx" ON "Case" USING GIN ("summary" gin_trgm_ops);
