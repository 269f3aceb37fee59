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

export type AuditScope = "all" | "chain" | "cases";

export function auditScopeOf(actor: Actor): AuditScope {
  if (can(actor.role, "audit:read")) return can(actor.role, "case:restricted:all") ? "all" : "chain";
  assertCan(actor, "audit:read:cases", "You cannot read the audit trail");
  return "cases";
}

/** Ids of the restricted cases the actor is not a member of (none for those who see every case). */
export async function hiddenCaseIds(tx: Tx, actor: Actor): Promise<string[]> {
  if (can(actor.role, "case:restricted:all")) return [];
  const rows = await tx.case.findMany({ where: { restricted: true, members: { none: { userId: actor.id } } }, select: { id: true } });
  return rows.map((r) => r.id);
}
