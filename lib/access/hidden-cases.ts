// Visibility as "not one of the hidden cases", for aggregates over rows that carry a case id
// (actions, revocation targets): the restricted cases the actor is not a member of form one small
// set that the database builds once (SQLite: an ephemeral index with a Bloom filter; PostgreSQL: a
// hashed subplan), so counting thousands of rows needs no join to "Case" per row. The same rule as
// visibleCasesSql (case-access.ts); CaseMember.caseRestricted copies the case's flag (decision 0004).
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { frag, type Fragment } from "@/lib/db/sql-fragment";

/** Conditions that keep `caseIdColumn` off the cases hidden from the actor (none for those who see all). */
export function notHiddenCaseSql(actor: Actor, caseIdColumn: string): Fragment[] {
  if (can(actor.role, "case:restricted:all")) return [];
  return [
    frag(
      `${caseIdColumn} NOT IN (SELECT h."id" FROM "Case" h WHERE h."restricted" = TRUE AND h."id" NOT IN (SELECT m."caseId" FROM "CaseMember" m WHERE m."userId" = ? AND m."caseRestricted" = TRUE))`,
      actor.id,
    ),
  ];
}
