// The only provider-specific SQL of the project. Each function has a SQLite and a PostgreSQL
// variant; both are exercised by the integration tests on each provider.
import type { Tx } from "@/lib/db/client";
import { dbProvider } from "@/lib/db/client";

const AUDIT_LOCK_KEY = 727_274_001;

/**
 * Serializes writers of the audit chain until the transaction ends. PostgreSQL: a transaction
 * advisory lock. SQLite: a write statement takes the database's RESERVED lock at once, so a second
 * process cannot read the same chain head (in-process transactions are already serialized).
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (dbProvider() === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  } else {
    await tx.$executeRawUnsafe(`UPDATE "CaseCounter" SET "lastSeq" = "lastSeq" WHERE 0 = 1`);
  }
}

/** Case-insensitive substring match: SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE. */
export function containsInsensitive(q: string): { contains: string; mode?: "insensitive" } {
  return dbProvider() === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q };
}
