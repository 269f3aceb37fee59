// Who may read which audit events (decision 0020):
// - "all": ADMIN reads every event of the chain as it is.
// - "chain": AUDITOR reads the whole chain, in sequence, so the hash chain can be followed; events of
//   restricted cases they are not a member of stay in their place as withheld rows (sequence number,
//   time and hash only; never the case, the actor or the content).
// - "cases": MANAGER and INVESTIGATOR read the events of the cases they can see, without sequence
//   numbers, hashes, addresses or request ids (gaps in the sequence would reveal hidden work).
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { can } from "@/lib/access/permissions";
import type { Tx } from "@/lib/db/client";
import { frag, type Fragment } from "@/lib/db/sql-fragment";

export type AuditScope = "all" | "chain" | "cases";

export function auditScopeOf(actor: Actor): AuditScope {
  if (can(actor.role, "audit:read")) return can(actor.role, "case:restricted:all") ? "all" : "chain";
  assertCan(actor, "audit:read:cases", "You cannot read the audit trail");
  return "cases";
}

/** Whether the actor sees every case, restricted ones included (nothing is hidden from them). */
export const seesEveryCase = (actor: Actor): boolean => can(actor.role, "case:restricted:all");

/**
 * The condition (on "AuditEvent" a) that its case, if any, is not a restricted case the actor is
 * not a member of: a subquery, so its size does not grow with the number of such cases.
 */
export function notOnHiddenCase(actor: Actor): Fragment {
  return frag(
    `(a."caseId" IS NULL OR NOT EXISTS (SELECT 1 FROM "Case" hc WHERE hc."id" = a."caseId" AND hc."restricted" = TRUE` +
      ` AND NOT EXISTS (SELECT 1 FROM "CaseMember" hm WHERE hm."caseId" = hc."id" AND hm."userId" = ?)))`,
    actor.id,
  );
}

/** Which of the cases of `rows` (a page of events) are restricted cases the actor is not a member of. */
export async function hiddenCasesAmong(tx: Tx, actor: Actor, rows: readonly { caseId: string | null }[]): Promise<Set<string>> {
  const ids = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => !!id))];
  if (seesEveryCase(actor) || ids.length === 0) return new Set();
  const hidden = await tx.case.findMany({ where: { id: { in: ids }, restricted: true, members: { none: { userId: actor.id } } }, select: { id: true } });
  return new Set(hidden.map((c) => c.id));
}
