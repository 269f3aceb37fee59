// The case file's format name and schema version (docs/CASE-FILE.md). Kept apart from the code
// that reads the database, so the offline verifier (scripts/verify-export.ts) loads none of it.
export const CASE_FILE_FORMAT = "lantern-case-file/1";
export const CASE_FILE_SCHEMA_VERSION = 1;
