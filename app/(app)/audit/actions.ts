"use server";
import type { VerifyState } from "@/components/audit/verify-audit-panel";
import { failure } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { verifyAudit } from "@/lib/audit/verify-audit";

export async function verifyAuditAction(_state: VerifyState, _form: FormData): Promise<VerifyState> {
  const ctx = await requireRequestContext();
  try {
    const report = await verifyAudit(ctx.actor);
    return report.ok
      ? { ok: true, intact: true, message: `Audit trail intact: ${report.events} events` }
      : { ok: true, intact: false, message: `Audit trail broken at event #${report.brokenSeq}: ${report.reason}` };
  } catch (e) {
    return failure(e);
  }
}
