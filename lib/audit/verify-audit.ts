import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { db } from "@/lib/db/client";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify-audit-chain";

export async function verifyAudit(actor: Actor): Promise<ChainReport> {
  assertCan(actor, "audit:read", "Only admins and auditors can verify the audit trail");
  return verifyAuditChain(db());
}
